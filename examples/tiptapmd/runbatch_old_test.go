package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"

	"github.com/tiptapmd/tiptapmd/convert"
	"github.com/tiptapmd/tiptapmd/convert/rewrite"
	"github.com/tiptapmd/tiptapmd/convert/site"
	"github.com/tiptapmd/tiptapmd/frontmatter"
)

// oldRunBatch is runBatch as it was before it was split (issue #13): the
// differential test runs both on the same inputs. oldRunBatch runs the command name: convert, normalize, rewrite or check.
func oldRunBatch(name string, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	f := flags{maps: prefixMap{}, moves: prefixMap{}}
	fset := flag.NewFlagSet(name, flag.ContinueOnError)
	fset.SetOutput(stderr)
	switch name {
	case "convert":
		fset.StringVar(&f.to, "to", "", "the variant to convert to: tiptap or markdown (required)")
	case "check":
		fset.StringVar(&f.to, "to", "tiptap", "check the conversion to this variant: tiptap or markdown")
		fset.StringVar(&f.roots, "asset-roots", "images,files", "the site's asset `FOLDERS`, comma-separated")
	case "rewrite":
		fset.Var(f.maps, "map", "`OLD=NEW`: URLs that start with OLD start with NEW instead (repeat for more)")
		fset.Var(f.moves, "move", "`OLD=NEW`: links to the page at URL OLD (\"/about-us/\") go to NEW (\"/about/\") instead (repeat for more)")
		fset.StringVar(&f.ownDomain, "own-domain", "", "the site's own `HOSTS`, comma-separated (\"www.example.gov.sg\"): absolute URLs to them become root-relative first")
		fset.BoolVar(&f.stripBase, "strip-baseurl", false, "remove {{ site.baseurl }} from URLs first")
		fset.StringVar(&f.fields, "fields", "", "front matter `KEYS` that hold paths, comma-separated (default: every value, at any depth, that is a URL or holds links)")
	}
	if name != "check" {
		fset.StringVar(&f.out, "o", "", "write the results into `DIR` (made if needed) instead of in place")
		fset.BoolVar(&f.dryRun, "n", false, "dry run: write nothing, only report")
		fset.BoolVar(&f.diff, "d", false, "print a unified diff of each page that changes (with -, instead of the page)")
		fset.BoolVar(&f.overwrite, "overwrite", false, "replace output files that exist in -o DIR")
		fset.BoolVar(&f.readOnly, "replace-read-only", false, "replace read-only files too (a read-only page fails without it)")
	}
	fset.StringVar(&f.report, "report", "", "write every page and entry to `FILE`, as JSON (.json) or CSV (.csv)")
	fset.IntVar(&f.workers, "j", 0, "pages done at once (0: one per CPU)")
	fset.Int64Var(&f.maxSize, "max-size", site.DefaultMaxPageSize, "fail, without reading it, a page file larger than `BYTES` (-1: no limit)")
	fset.DurationVar(&f.timeout, "page-timeout", 0, "fail a page that takes longer than `DURATION` (0: 10s plus 2s per MiB of the page; negative: no limit)")
	fset.Int64Var(&f.memory, "page-memory", site.DefaultPageMemory, "fail the page in progress when the heap grows by more than `BYTES` (-1: no limit)")
	fset.BoolVar(&f.verbose, "v", false, "list every page and every entry")
	if name != "rewrite" {
		fset.BoolVar(&f.cms, "cms", false, "write the whole front matter block in the CMS's own YAML style")
		fset.StringVar(&f.rules, "rules", "default", "front matter `RULES` to apply, such as default, none, or trim,variant")
		fset.BoolVar(&f.sniff, "sniff", false, "read a page without variant whose body is plainly HTML as tiptap")
		fset.BoolVar(&f.typo, "typography", true, "keep kramdown's typography both ways: write the curly quotes, dashes and ellipses it shows into tiptap, and escape the straight ones it would change in Markdown (-typography=false: neither)")
	}
	if name == "check" {
		fset.BoolVar(&f.allowReview, "allow-review", false, "exit with 0 even when pages need review")
		fset.BoolVar(&f.allowMissing, "allow-missing", false, "exit with 0 even when assets are missing")
	}
	if name == "check" || name == "convert" {
		fset.StringVar(&f.review, "review", "", "write a review page of the run to `FILE` (one HTML file: the summary, and each page that needs review before and after, side by side)")
	}
	if name == "convert" {
		fset.BoolVar(&f.links, "link-targets", false, "keep {:target=\"_blank\"} on Markdown links that open in a new tab")
	}
	fset.Usage = func() {
		use, text := commandDoc(name)
		fmt.Fprintf(stderr, commandHelp, use, text)
		fset.PrintDefaults()
	}
	if err := fset.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK
		}
		return exitUsage
	}
	usageErr := func(format string, a ...any) int {
		fmt.Fprintf(stderr, "tiptapmd %s: %s\n", name, fmt.Sprintf(format, a...))
		fmt.Fprintf(stderr, "run \"tiptapmd %s -h\" for help\n", name)
		return exitUsage
	}

	op := convert.OpNormalize
	switch {
	case name == "normalize", name == "rewrite":
	case f.to == "tiptap":
		op = convert.OpToTiptap
	case f.to == "markdown":
		op = convert.OpToMarkdown
	case f.to == "":
		return usageErr("-to is required: -to tiptap or -to markdown")
	default:
		return usageErr("-to %q: the variants are tiptap and markdown", f.to)
	}
	paths := fset.Args()
	if len(paths) == 0 {
		return usageErr("no PATH given")
	}
	stdinPage := false
	for _, p := range paths {
		if p == "-" {
			stdinPage = true
		}
	}
	if stdinPage && len(paths) > 1 {
		return usageErr("- (standard input) cannot be mixed with other paths")
	}
	if stdinPage && f.out != "" {
		return usageErr("-o cannot be used with - (the result goes to standard output)")
	}
	if name == "rewrite" && len(f.maps) == 0 && len(f.moves) == 0 && !f.stripBase && f.ownDomain == "" {
		return usageErr("nothing to rewrite: give -map OLD=NEW, -move OLD=NEW, -own-domain HOSTS or -strip-baseurl")
	}
	rules := frontmatter.DefaultRules
	if f.rules != "" {
		var err error
		if rules, err = frontmatter.ParseRules(f.rules); err != nil {
			return usageErr("-rules: %v", err)
		}
	}
	var format site.ReportFormat
	if f.report != "" {
		var err error
		if format, err = site.ReportFormatFor(f.report); err != nil {
			return usageErr("-report: %v", err)
		}
	}
	c, err := convert.New(
		convert.WithFrontMatterRules(rules),
		convert.WithCMSStyle(f.cms),
		convert.WithSniffHTML(f.sniff),
		convert.WithLinkTargets(f.links),
		convert.WithTypographer(f.typo),
		convert.WithEscapeTypography(f.typo),
	)
	if err != nil {
		return usageErr("%v", err)
	}

	page := site.Convert(c, op)
	if name == "rewrite" {
		var fn []rewrite.Func
		if f.stripBase {
			fn = append(fn, rewrite.StripBaseURL())
		}
		if f.ownDomain != "" {
			fn = append(fn, rewrite.OwnDomain(strings.Split(f.ownDomain, ",")...))
		}
		// Relative URLs are mapped as the browser resolves them, and
		// absolute URLs to the site's own host (the url of _config.yml)
		// by the path they name.
		hosts := siteHosts(paths)
		if len(f.moves) > 0 {
			fn = append(fn, rewrite.Resolved(rewrite.LiquidPaths(rewrite.HostPaths(rewrite.PermalinkMap(f.moves), hosts...))))
		}
		if len(f.maps) > 0 {
			fn = append(fn, rewrite.Resolved(rewrite.LiquidPaths(rewrite.HostPaths(rewrite.PrefixMap(f.maps), hosts...))))
		}
		var fields []string
		if f.fields != "" {
			fields = strings.Split(f.fields, ",")
		}
		page = site.RewritePageFunc(rewrite.Chain(fn...), fields)
	}
	var rp *reviewPage
	if f.review != "" {
		rp = newReviewPage(f.review, "tiptapmd "+name+" -to "+f.to+" "+strings.Join(paths, " "))
		page = rp.wrap(page)
	}
	b := &site.Batch{
		Page:        page,
		Out:         f.out,
		DryRun:      f.dryRun || name == "check",
		DataFiles:   name == "rewrite",
		Diff:        f.diff,
		Overwrite:   f.overwrite,
		Workers:     f.workers,
		MaxPageSize: f.maxSize,
		PageTimeout: f.timeout,
		PageMemory:  f.memory,

		// check writes nothing and never will: whether a file could be
		// replaced is not its question, so a read-only checkout (a CI
		// gate) is checked like any other. convert -n still predicts
		// the read-only pages a real run would fail.
		ReplaceReadOnly: f.readOnly || name == "check",
	}
	p := &printer{cmd: name, f: f, stdout: stdout, stderr: stderr, stdin: stdinPage}

	var rw *site.ReportWriter
	var report *reportFile
	if f.report != "" {
		if report, err = createReport(f.report); err != nil {
			fmt.Fprintf(stderr, "tiptapmd: report: %s\n", clean(err.Error()))
			return exitFailed
		}
		// Until it is committed, the report is a temporary file that
		// the end of the command removes.
		defer report.abort()
		rw = site.NewReportWriter(report, format)
	}
	// closeReport ends the report, whatever way the batch ended, and puts
	// it in place.
	closeReport := func(sum site.Summary) bool {
		if rw == nil {
			return true
		}
		err := rw.Close(sum)
		if err == nil {
			err = report.commit()
		}
		if err != nil {
			fmt.Fprintf(stderr, "tiptapmd: report: %s\n", clean(err.Error()))
			return false
		}
		return true
	}
	each := func(r *site.PageResult) error {
		p.result(r)
		if rp != nil {
			rp.add(r)
		}
		if rw != nil {
			return rw.Write(r)
		}
		return nil
	}

	var sum site.Summary
	if stdinPage {
		src, err := io.ReadAll(stdin)
		if err != nil {
			fmt.Fprintf(stderr, "tiptapmd: reading standard input: %v\n", err)
			return exitFailed
		}
		r, out := b.RunPage("-", src)
		sum.Add(r)
		if err := each(r); err != nil {
			fmt.Fprintf(stderr, "tiptapmd: report: %s\n", clean(err.Error()))
			return exitFailed
		}
		p.page(r, src, out)
		p.summary(sum, false)
	} else {
		ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
		defer stop()
		bar := newProgress(stderr)
		b.Progress = bar.update
		sum, err = b.Run(ctx, paths, each)
		bar.finish()
		if err != nil {
			fmt.Fprintf(stderr, "tiptapmd: %s\n", errorLine(err))
		}
		if name == "check" {
			unreadable, missing := checkAssets(paths, strings.Split(f.roots, ","), stdout, stderr, rp)
			if unreadable {
				sum.Failed++ // a folder that could not be read counts as a failure
			}
			p.missing = missing
		}
		if name == "rewrite" {
			themeRefs(paths, f.maps, stdout)
		}
		p.summary(sum, err != nil)
		if err != nil {
			closeReport(sum)
			writeReview(rp, stderr)
			return exitFailed
		}
	}
	if !closeReport(sum) || !writeReview(rp, stderr) {
		return exitFailed
	}
	if sum.Failed > 0 {
		return exitFailed
	}
	if name == "check" && (sum.Review > 0 && !f.allowReview || p.missing > 0 && !f.allowMissing) {
		return exitFailed
	}
	return exitOK
}
