package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"slices"

	"github.com/tiptapmd/tiptapmd/convert/site"
)

// A flagRule defines one flag of the batch commands.
type flagRule struct {
	// commands are the commands that have the flag; nil: all four.
	commands []string
	define   func(fs *flag.FlagSet, f *flags)
}

// batchFlags returns the flags of the batch commands. Every command has
// the flags of the run (-report, -j, the page limits, -v); the others
// belong to the commands that write pages (all but check), to those that
// convert them (all but rewrite), or to one or two commands.
func batchFlags() []flagRule {
	all := []string(nil)
	writing := []string{"convert", "normalize", "rewrite"}
	converting := []string{"convert", "normalize", "check"}
	return []flagRule{
		{[]string{"convert"}, func(fs *flag.FlagSet, f *flags) {
			fs.StringVar(&f.to, "to", "", "the variant to convert to: tiptap or markdown (required)")
		}},
		{[]string{"check"}, func(fs *flag.FlagSet, f *flags) {
			fs.StringVar(&f.to, "to", "tiptap", "check the conversion to this variant: tiptap or markdown")
		}},
		{[]string{"check"}, func(fs *flag.FlagSet, f *flags) {
			fs.StringVar(&f.roots, "asset-roots", "images,files", "the site's asset `FOLDERS`, comma-separated")
		}},
		{[]string{"rewrite"}, func(fs *flag.FlagSet, f *flags) {
			fs.Var(f.maps, "map", "`OLD=NEW`: URLs that start with OLD start with NEW instead (repeat for more)")
		}},
		{[]string{"rewrite"}, func(fs *flag.FlagSet, f *flags) {
			fs.Var(f.moves, "move", "`OLD=NEW`: links to the page at URL OLD (\"/about-us/\") go to NEW (\"/about/\") instead (repeat for more)")
		}},
		{[]string{"rewrite"}, func(fs *flag.FlagSet, f *flags) {
			fs.StringVar(&f.ownDomain, "own-domain", "", "the site's own `HOSTS`, comma-separated (\"www.example.gov.sg\"): absolute URLs to them become root-relative first")
		}},
		{[]string{"rewrite"}, func(fs *flag.FlagSet, f *flags) {
			fs.BoolVar(&f.stripBase, "strip-baseurl", false, "remove {{ site.baseurl }} from URLs first")
		}},
		{[]string{"rewrite"}, func(fs *flag.FlagSet, f *flags) {
			fs.StringVar(&f.fields, "fields", "", "front matter `KEYS` that hold paths, comma-separated (default: every value, at any depth, that is a URL or holds links)")
		}},
		{writing, func(fs *flag.FlagSet, f *flags) {
			fs.StringVar(&f.out, "o", "", "write the results into `DIR` (made if needed) instead of in place")
		}},
		{writing, func(fs *flag.FlagSet, f *flags) {
			fs.BoolVar(&f.dryRun, "n", false, "dry run: write nothing, only report")
		}},
		{writing, func(fs *flag.FlagSet, f *flags) {
			fs.BoolVar(&f.diff, "d", false, "print a unified diff of each page that changes (with -, instead of the page)")
		}},
		{writing, func(fs *flag.FlagSet, f *flags) {
			fs.BoolVar(&f.overwrite, "overwrite", false, "replace output files that exist in -o DIR")
		}},
		{writing, func(fs *flag.FlagSet, f *flags) {
			fs.BoolVar(&f.readOnly, "replace-read-only", false, "replace read-only files too (a read-only page fails without it)")
		}},
		{all, func(fs *flag.FlagSet, f *flags) {
			fs.StringVar(&f.report, "report", "", "write every page and entry to `FILE`, as JSON (.json) or CSV (.csv)")
		}},
		{all, func(fs *flag.FlagSet, f *flags) {
			fs.IntVar(&f.workers, "j", 0, "pages done at once (0: one per CPU)")
		}},
		{all, func(fs *flag.FlagSet, f *flags) {
			fs.Int64Var(&f.maxSize, "max-size", site.DefaultMaxPageSize, "fail, without reading it, a page file larger than `BYTES` (-1: no limit)")
		}},
		{all, func(fs *flag.FlagSet, f *flags) {
			fs.DurationVar(&f.timeout, "page-timeout", 0, "fail a page that takes longer than `DURATION` (0: 10s plus 2s per MiB of the page; negative: no limit)")
		}},
		{all, func(fs *flag.FlagSet, f *flags) {
			fs.Int64Var(&f.memory, "page-memory", site.DefaultPageMemory, "fail the page in progress when the heap grows by more than `BYTES` (-1: no limit)")
		}},
		{all, func(fs *flag.FlagSet, f *flags) {
			fs.BoolVar(&f.verbose, "v", false, "list every page and every entry")
		}},
		{converting, func(fs *flag.FlagSet, f *flags) {
			fs.BoolVar(&f.cms, "cms", false, "write the whole front matter block in the CMS's own YAML style")
		}},
		{converting, func(fs *flag.FlagSet, f *flags) {
			fs.StringVar(&f.rules, "rules", "default", "front matter `RULES` to apply, such as default, none, or trim,variant")
		}},
		{converting, func(fs *flag.FlagSet, f *flags) {
			fs.BoolVar(&f.sniff, "sniff", false, "read a page without variant whose body is plainly HTML as tiptap")
		}},
		{converting, func(fs *flag.FlagSet, f *flags) {
			fs.BoolVar(&f.typo, "typography", true, "keep kramdown's typography both ways: write the curly quotes, dashes and ellipses it shows into tiptap, and escape the straight ones it would change in Markdown (-typography=false: neither)")
		}},
		{[]string{"check"}, func(fs *flag.FlagSet, f *flags) {
			fs.BoolVar(&f.allowReview, "allow-review", false, "exit with 0 even when pages need review")
		}},
		{[]string{"check"}, func(fs *flag.FlagSet, f *flags) {
			fs.BoolVar(&f.allowMissing, "allow-missing", false, "exit with 0 even when assets are missing")
		}},
		{[]string{"check", "convert"}, func(fs *flag.FlagSet, f *flags) {
			fs.StringVar(&f.review, "review", "", "write a review page of the run to `FILE` (one HTML file: the summary, and each page that needs review before and after, side by side)")
		}},
		{[]string{"convert"}, func(fs *flag.FlagSet, f *flags) {
			fs.BoolVar(&f.links, "link-targets", false, "keep {:target=\"_blank\"} on Markdown links that open in a new tab")
		}},
	}
}

// parseBatchFlags parses the flags of the command name and returns them
// and the paths after them. When the command must stop there (-h, or a
// flag the flag package rejected and printed), ok is false and code is
// the exit code.
func parseBatchFlags(name string, args []string, stderr io.Writer) (f flags, paths []string, code int, ok bool) {
	f = flags{maps: prefixMap{}, moves: prefixMap{}}
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	for _, rule := range batchFlags() {
		if rule.commands == nil || slices.Contains(rule.commands, name) {
			rule.define(fs, &f)
		}
	}
	fs.Usage = func() {
		use, text := commandDoc(name)
		fmt.Fprintf(stderr, commandHelp, use, text)
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return f, nil, exitOK, false
		}
		return f, nil, exitUsage, false
	}
	return f, fs.Args(), 0, true
}
