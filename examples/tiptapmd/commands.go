package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"time"

	"github.com/tiptapmd/tiptapmd"
	"github.com/tiptapmd/tiptapmd/convert"
	"github.com/tiptapmd/tiptapmd/convert/rewrite"
	"github.com/tiptapmd/tiptapmd/convert/site"
	"github.com/tiptapmd/tiptapmd/frontmatter"
)

// flags are the flags of the batch commands; each command defines the
// ones it has.
type flags struct {
	to        string
	out       string
	dryRun    bool
	diff      bool
	overwrite bool
	report    string
	review    string
	workers   int
	maxSize   int64
	timeout   time.Duration
	memory    int64
	readOnly  bool
	verbose   bool
	cms       bool
	rules     string
	sniff     bool
	links     bool
	typo      bool
	maps      prefixMap
	moves     prefixMap
	ownDomain string
	roots     string
	stripBase bool
	fields    string
	// allowReview and allowMissing relax the gate of check.
	allowReview  bool
	allowMissing bool
}

// prefixMap collects the -map OLD=NEW flags of rewrite.
type prefixMap map[string]string

func (m prefixMap) String() string { return "" }

func (m prefixMap) Set(s string) error {
	old, new, ok := strings.Cut(s, "=")
	if !ok || old == "" {
		return fmt.Errorf("%q is not OLD=NEW", s)
	}
	if _, dup := m[old]; dup {
		return fmt.Errorf("%q is mapped twice", old)
	}
	m[old] = new
	return nil
}

const commandHelp = `usage: tiptapmd %s

%s

A PATH is a site folder (every page in it: pages/, _posts/, the collections
_*/, misc/, resource rooms and the root; never _layouts, _includes, _sass,
_site, node_modules, vendor or hidden files), a page file, or - to read one
page from standard input and write it to standard output.

Flags:
`

// commandDoc returns the usage line and the description of a command.
func commandDoc(name string) (usage, text string) {
	switch name {
	case "convert":
		return "convert -to tiptap|markdown [flags] PATH...",
			"Convert pages to the tiptap variant (the HTML the IsomerCMS editor saves)\n" +
				"or to the markdown variant (kramdown), in place or into -o DIR. Every page\n" +
				"is written atomically; a page that fails is left as it was."
	case "normalize":
		return "normalize [flags] PATH...",
			"Apply Isomer's front matter rules to pages, in place or into -o DIR, and\n" +
				"write tiptap bodies in the CMS's canonical layout."
	case "rewrite":
		return "rewrite [-map OLD=NEW ...] [-move OLD=NEW ...] [-own-domain HOSTS] [flags] PATH...",
			"Rewrite the URLs of pages without converting them: links, images and other\n" +
				"references in the body, in its own syntax, and every front matter value\n" +
				"that is a URL or holds links, at any depth (homepage sections, contacts).\n" +
				"In a site folder, _config.yml, _data/*.yml and collection.yml files are\n" +
				"rewritten too; layouts, includes and sass are the theme's and never are:\n" +
				"their paths that -map would change are listed for review.\n" +
				"Each -map OLD is a path prefix (\"/images/\") or a whole path, matched at a\n" +
				"path segment boundary; the longest match wins (rewrite.PrefixMap). Relative\n" +
				"URLs are matched as resolved against their page, and become root-relative\n" +
				"when they change; absolute URLs to the site's own host (the url of\n" +
				"_config.yml) and URLs after {{ site.baseurl }} are matched by their path\n" +
				"and keep their host or Liquid. -move OLD=NEW rewrites the links to the\n" +
				"page at OLD (change its permalink yourself; check lists the links to\n" +
				"pages that do not exist). The steps run in this order: -strip-baseurl,\n" +
				"-own-domain, -move, -map. A new\n" +
				"URL of another kind (\"//x\" from \"/x\", a new scheme) is not written and\n" +
				"is listed for review."
	case "check":
		return "check [-to tiptap|markdown] [flags] PATH...",
			"Read every page and convert it in memory without writing anything; print\n" +
				"the pages that are broken (with file, line and column) and every entry\n" +
				"that needs review, on standard error as convert does. For each site\n" +
				"folder, list on standard output the assets under images/ and files/ that\n" +
				"pages, _config.yml, _data/ and the theme reference but that are missing\n" +
				"(or found only under another letter case or encoding), the links to pages\n" +
				"that do not exist (with the closest page), and the files nothing read\n" +
				"uses (for review: not a list of files to delete).\n\n" +
				"check is a gate for a CI pipeline: it exits with 1 when a page fails, a\n" +
				"page needs review, or an asset is missing (-allow-review and\n" +
				"-allow-missing relax it), and with 0 otherwise."
	}
	return name, ""
}

// runBatch runs the command name: convert, normalize, rewrite or check.
func runBatch(name string, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
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

// themeRefs prints, for each site folder among paths, the paths under
// the folders that maps moves ("/images/") that the site's theme
// (_layouts, _includes, _sass, assets/) names and that the rewrite
// would change: the theme is not rewritten, its author must. It returns
// how many it printed.
func themeRefs(paths []string, maps prefixMap, stdout io.Writer) int {
	var roots []string
	for k := range maps {
		if r := strings.Trim(k, "/"); strings.HasPrefix(k, "/") && r != "" && !strings.Contains(r, "..") {
			roots = append(roots, r)
		}
	}
	if len(roots) == 0 {
		return 0
	}
	fn := rewrite.PrefixMap(maps)
	n := 0
	for _, root := range paths {
		if st, err := os.Stat(root); err != nil || !st.IsDir() {
			continue
		}
		inv, err := site.BuildInventory(os.DirFS(root), &site.InventoryOptions{Roots: roots})
		if inv == nil || err != nil && len(inv.Assets) == 0 {
			continue
		}
		for _, a := range inv.Assets {
			for _, u := range a.Uses {
				if u.Field != "theme" {
					continue
				}
				if out, err := fn(rewrite.Ref{Kind: u.Kind, URL: u.URL}); err == nil && out != u.URL {
					n++
					fmt.Fprintf(stdout, "%s:%d:%d: review: theme: %q is not rewritten to %q: the theme (_layouts, _includes, _sass, assets/) is not edited\n",
						filepath.Join(root, filepath.FromSlash(u.Page)), u.Pos.Line, u.Pos.Column, u.URL, out)
				}
			}
		}
	}
	return n
}

// siteHosts returns the hosts of the url keys of the _config.yml files
// of the site folders among paths.
func siteHosts(paths []string) []string {
	var hosts []string
	for _, p := range paths {
		src, err := os.ReadFile(filepath.Join(p, "_config.yml"))
		if err != nil {
			continue
		}
		d, err := frontmatter.ParseData(src)
		if err != nil {
			continue
		}
		for _, s := range d.Strings() {
			if u := strings.TrimSpace(s.Str); s.Path == "url" && strings.Contains(u, "//") {
				hosts = append(hosts, u)
			}
		}
	}
	return hosts
}

// checkAssets prints the asset inventory of each folder among paths (a
// site): every asset a page references that is missing, or found only
// under another letter case or encoding, and every file under images/ and
// files/ that no page references. It reports whether a site could not be
// read in full, and the number of assets that pages reference and that are
// missing or found only under another name.
func checkAssets(paths, roots []string, stdout, stderr io.Writer, rp *reviewPage) (failed bool, missing int) {
	for _, root := range paths {
		st, err := os.Stat(root)
		if err != nil || !st.IsDir() {
			continue
		}
		inv, err := site.BuildInventory(os.DirFS(root), &site.InventoryOptions{Roots: roots})
		if err != nil {
			fmt.Fprintf(stderr, "tiptapmd: %s: %s\n", quoteName(root), errorLine(err))
			failed = true
			if inv == nil {
				continue
			}
		}
		if rp != nil {
			rp.inventory(root, inv)
		}
		counts := map[site.AssetStatus]int{}
		for _, a := range inv.Assets {
			counts[a.Status]++
			if a.Status == site.AssetOK {
				continue
			}
			line := fmt.Sprintf("%s: asset %s", a.Status, quoteName(a.Path))
			if a.Actual != "" {
				line += " (the site has " + quoteName(a.Actual) + ")"
			}
			fmt.Fprintln(stdout, line)
			for _, u := range a.Uses {
				fmt.Fprintf(stdout, "    %s:%d:%d: %s %q\n", quoteName(filepath.Join(root, filepath.FromSlash(u.Page))), u.Pos.Line, u.Pos.Column, u.Kind, u.URL)
			}
		}
		for _, l := range inv.BrokenLinks {
			line := "broken link: no page at " + l.Path
			if l.Closest != "" {
				line += " (closest: " + l.Closest + ")"
			}
			fmt.Fprintln(stdout, line)
			for _, u := range l.Uses {
				fmt.Fprintf(stdout, "    %s:%d:%d: %s %q\n", filepath.Join(root, filepath.FromSlash(u.Page)), u.Pos.Line, u.Pos.Column, u.Kind, u.URL)
			}
		}
		fmt.Fprintf(stdout, "%s: %d assets: %d ok, %d missing, %d case-only mismatches, %d encoding-only mismatches, %d unreferenced\n",
			quoteName(root), len(inv.Assets), counts[site.AssetOK], counts[site.AssetMissing], counts[site.AssetCaseMismatch],
			counts[site.AssetEncodingMismatch], counts[site.AssetUnreferenced])
		fmt.Fprintf(stdout, "%s: %d pages, %d links to missing pages\n", root, len(inv.Pages), len(inv.BrokenLinks))
		if counts[site.AssetUnreferenced] > 0 {
			if n := len(inv.Unresolved); n > 0 {
				fmt.Fprintf(stdout, "%s: %d references are built with Liquid or relative to a page of unknown URL and could not be resolved: the unreferenced list is uncertain, and is not a list of files to delete\n", root, n)
			} else {
				fmt.Fprintf(stdout, "%s: the unreferenced files are used by no page, data file or theme file read here; other sites and documents may still link to them: review before deleting\n", root)
			}
		}
		missing += counts[site.AssetMissing] + counts[site.AssetCaseMismatch] + counts[site.AssetEncodingMismatch]
	}
	return failed, missing
}

// A printer prints the results of a batch command.
type printer struct {
	cmd            string
	f              flags
	stdout, stderr io.Writer
	// exists counts the pages that failed because their output file
	// exists, for one hint about -overwrite.
	exists int
	// missing counts the assets check found missing.
	missing int
	// stdin is set for a page read from standard input, written to
	// standard output rather than to a file.
	stdin bool
}

// result prints what the command says about one page: errors on
// standard error; entries that need review (check, and a page read from
// standard input), or everything (-v), on standard error too; the diff
// (-d).
func (p *printer) result(r *site.PageResult) {
	switch r.Status {
	case site.StatusFailed:
		fmt.Fprintln(p.stderr, errorLine(r.Err))
		if errors.Is(r.Err, site.ErrOutputExists) {
			p.exists++
		}
	case site.StatusSkipped:
		if p.f.verbose {
			fmt.Fprintf(p.stderr, "%s: skipped: %s\n", quoteName(r.Path), clean(r.Reason))
		}
	default:
		if p.f.verbose && p.cmd != "check" {
			line := fmt.Sprintf("%s %s", r.Status, quoteName(r.Path))
			if r.Output != "" && r.Output != r.Path {
				line += " -> " + quoteName(r.Output)
			}
			if r.Written {
				line += " (written)"
			}
			fmt.Fprintln(p.stderr, line)
		}
	}
	if r.Report != nil {
		reviews := p.cmd == "check" || r.Path == "-"
		for _, e := range r.Report.Items {
			if p.f.verbose || reviews && e.Severity >= tiptapmd.Review {
				fmt.Fprintln(p.stderr, entryLine(r.Path, e))
			}
		}
	}
	if r.Diff != nil && r.Path != "-" {
		p.stdout.Write(r.Diff)
	}
}

// page writes the result of a page read from standard input: the page,
// or its diff with -d, or nothing in a dry run or a check. A file that is
// not a page is copied as it is.
func (p *printer) page(r *site.PageResult, src, out []byte) {
	switch {
	case p.cmd == "check":
	case p.f.diff:
		p.stdout.Write(r.Diff)
	case p.f.dryRun:
	case r.Status == site.StatusSkipped:
		p.stdout.Write(src)
	case out != nil:
		p.stdout.Write(out)
	}
}

// entryLine formats an entry as "path:line:column: severity: code:
// message", leaving out what is unknown.
func entryLine(path string, e tiptapmd.Note) string {
	var b strings.Builder
	b.WriteString(quoteName(path))
	if e.IsValid() {
		b.WriteString(":" + e.Pos.String())
	}
	fmt.Fprintf(&b, ": %s: %s: %s", e.Severity, clean(string(e.Code)), clean(e.Message))
	return b.String()
}

// maxNamed is the number of pages that need review that the closing
// line names; a report file has them all.
const maxNamed = 50

// summary prints the counts of a batch on standard error, then a closing
// line that names the pages that need review.
func (p *printer) summary(s site.Summary, interrupted bool) {
	changed := "changed"
	if p.cmd == "convert" {
		changed = "converted"
	}
	var b strings.Builder
	fmt.Fprintf(&b, "tiptapmd %s: %d pages", p.cmd, s.Pages)
	if p.cmd == "check" {
		fmt.Fprintf(&b, ": %d would change, %d unchanged", s.Changed, s.Unchanged)
	} else {
		fmt.Fprintf(&b, ": %d %s, %d unchanged", s.Changed, changed, s.Unchanged)
	}
	fmt.Fprintf(&b, ", %d failed, %d skipped; %d changed only invisibly, %d need review", s.Failed, s.Skipped, s.Invisible, s.Review)
	switch {
	case p.cmd == "check", p.stdin:
	case p.f.dryRun:
		b.WriteString("; dry run, nothing written")
	default:
		fmt.Fprintf(&b, "; %d files written", s.Written)
	}
	if interrupted {
		b.WriteString(" (stopped before the end)")
	}
	if p.exists > 0 {
		fmt.Fprintf(&b, "\n%d output files exist and were left alone: -overwrite replaces them", p.exists)
	}
	if s.Review > 0 && p.f.report == "" && !p.f.verbose && p.cmd != "check" && !p.stdin {
		b.WriteString("\n(-report FILE or -v lists the entries to review)")
	}
	switch {
	case s.Review == 0:
		b.WriteString("\nno page needs review")
	default:
		named := s.ReviewPages
		more := ""
		if len(named) > maxNamed {
			more = fmt.Sprintf(" … and %d more (-report FILE lists them all)", len(named)-maxNamed)
			named = named[:maxNamed]
		}
		fmt.Fprintf(&b, "\nneeds review: %s%s", strings.Join(named, ", "), more)
	}
	fmt.Fprintln(p.stderr, b.String())
}
