package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"slices"
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
// It parses and checks the flags, builds the batch, runs it on the paths
// (or on one page from standard input), then ends the report file and the
// review page and returns the exit code.
func runBatch(name string, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	f, paths, code, ok := parseBatchFlags(name, args, stderr)
	if !ok {
		return code
	}
	s, err := setUp(name, &f, paths)
	if err != nil {
		fmt.Fprintf(stderr, "tiptapmd %s: %s\n", name, err)
		fmt.Fprintf(stderr, "run \"tiptapmd %s -h\" for help\n", name)
		return exitUsage
	}
	r := &batchRun{name: name, f: &f, paths: paths, stdout: stdout, stderr: stderr}
	page := pageFunc(name, &f, s, paths)
	if f.review != "" {
		r.rp = newReviewPage(f.review, "tiptapmd "+name+" -to "+f.to+" "+strings.Join(paths, " "))
		page = r.rp.Wrap(page)
	}
	b := newBatch(name, &f, page)
	r.p = &printer{cmd: name, f: f, stdout: stdout, stderr: stderr, stdin: s.stdin}
	if f.report != "" {
		if r.report, err = createReport(f.report); err != nil {
			fmt.Fprintf(stderr, "tiptapmd: report: %s\n", clean(err.Error()))
			return exitFailed
		}
		// Until it is committed, the report is a temporary file that
		// the end of the command removes.
		defer r.report.abort()
		r.rw = site.NewReportWriter(r.report, s.format)
	}

	var sum site.Summary
	if s.stdin {
		if sum, ok = r.onePage(b, stdin); !ok {
			return exitFailed
		}
	} else {
		ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
		defer stop()
		if sum, err = r.tree(ctx, b); err != nil {
			r.closeReport(sum)
			writeReview(r.rp, stderr)
			return exitFailed
		}
	}
	if !r.closeReport(sum) || !writeReview(r.rp, stderr) {
		return exitFailed
	}
	return r.exitCode(sum)
}

// A batchSetup is what the flags and paths of a batch command ask for,
// checked.
type batchSetup struct {
	op     convert.Op
	conv   *convert.Converter
	format site.ReportFormat
	// stdin is set when the one path is "-": the page is read from
	// standard input and written to standard output.
	stdin bool
}

// setUp checks the flags and paths of the command name and makes what
// they ask for; its error is a usage error.
func setUp(name string, f *flags, paths []string) (batchSetup, error) {
	var s batchSetup
	var err error
	if s.op, err = batchOp(name, f.to); err != nil {
		return s, err
	}
	if s.stdin, err = readsStdin(f, paths); err != nil {
		return s, err
	}
	if name == "rewrite" && len(f.maps) == 0 && len(f.moves) == 0 && !f.stripBase && f.ownDomain == "" {
		return s, errors.New("nothing to rewrite: give -map OLD=NEW, -move OLD=NEW, -own-domain HOSTS or -strip-baseurl")
	}
	rules := frontmatter.DefaultRules
	if f.rules != "" {
		if rules, err = frontmatter.ParseRules(f.rules); err != nil {
			return s, fmt.Errorf("-rules: %v", err)
		}
	}
	if f.report != "" {
		if s.format, err = site.ReportFormatFor(f.report); err != nil {
			return s, fmt.Errorf("-report: %v", err)
		}
	}
	s.conv, err = convert.New(
		convert.WithFrontMatterRules(rules),
		convert.WithCMSStyle(f.cms),
		convert.WithSniffHTML(f.sniff),
		convert.WithLinkTargets(f.links),
		convert.WithTypographer(f.typo),
		convert.WithEscapeTypography(f.typo),
	)
	return s, err
}

// batchOp returns what the command name does to a page: normalize and
// rewrite normalize it, convert and check convert it to the variant to.
func batchOp(name, to string) (convert.Op, error) {
	switch {
	case name == "normalize", name == "rewrite":
		return convert.OpNormalize, nil
	case to == "tiptap":
		return convert.OpToTiptap, nil
	case to == "markdown":
		return convert.OpToMarkdown, nil
	case to == "":
		return convert.OpNormalize, errors.New("-to is required: -to tiptap or -to markdown")
	}
	return convert.OpNormalize, fmt.Errorf("-to %q: the variants are tiptap and markdown", to)
}

// readsStdin reports whether paths is "-", one page read from standard
// input; its error says why the paths cannot be done with the flags.
func readsStdin(f *flags, paths []string) (bool, error) {
	if len(paths) == 0 {
		return false, errors.New("no PATH given")
	}
	if !slices.Contains(paths, "-") {
		return false, nil
	}
	if len(paths) > 1 {
		return true, errors.New("- (standard input) cannot be mixed with other paths")
	}
	if f.out != "" {
		return true, errors.New("-o cannot be used with - (the result goes to standard output)")
	}
	return true, nil
}

// pageFunc returns what the command name does to each page: rewrite
// rewrites its URLs; the others convert it.
func pageFunc(name string, f *flags, s batchSetup, paths []string) site.PageFunc {
	if name != "rewrite" {
		return site.Convert(s.conv, s.op)
	}
	var fields []string
	if f.fields != "" {
		fields = strings.Split(f.fields, ",")
	}
	return site.RewritePageFunc(rewriteFunc(f, paths), fields)
}

// rewriteFunc returns the rewrite the flags of rewrite ask for, its steps
// in this order: -strip-baseurl, -own-domain, -move, -map.
func rewriteFunc(f *flags, paths []string) rewrite.Func {
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
	sitePaths := func(m rewrite.Func) rewrite.Func {
		return rewrite.Resolved(rewrite.LiquidPaths(rewrite.HostPaths(m, hosts...)))
	}
	if len(f.moves) > 0 {
		fn = append(fn, sitePaths(rewrite.PermalinkMap(f.moves)))
	}
	if len(f.maps) > 0 {
		fn = append(fn, sitePaths(rewrite.PrefixMap(f.maps)))
	}
	return rewrite.Chain(fn...)
}

// newBatch returns the batch of the command name, doing page to each
// page.
func newBatch(name string, f *flags, page site.PageFunc) *site.Batch {
	return &site.Batch{
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
}

// A batchRun is one run of a batch command: where each page's result
// goes (the printer, the review page, the report file) and what the
// command does once the pages are done.
type batchRun struct {
	name           string
	f              *flags
	paths          []string
	stdout, stderr io.Writer
	p              *printer
	// rp is the review page (-review), or nil.
	rp *reviewPage
	// rw writes the report file (-report) into report, or is nil.
	rw     *site.ReportWriter
	report *reportFile
}

// each prints the result of a page, and adds it to the review page and
// the report file.
func (r *batchRun) each(pr *site.PageResult) error {
	r.p.result(pr)
	if r.rp != nil {
		r.rp.Add(pr)
	}
	if r.rw != nil {
		return r.rw.Write(pr)
	}
	return nil
}

// onePage does the page read from in, writes it (or its diff) on
// standard output and prints the summary. It returns false when the
// command failed (in could not be read, or the report written).
func (r *batchRun) onePage(b *site.Batch, in io.Reader) (site.Summary, bool) {
	var sum site.Summary
	src, err := io.ReadAll(in)
	if err != nil {
		fmt.Fprintf(r.stderr, "tiptapmd: reading standard input: %v\n", err)
		return sum, false
	}
	res, out := b.RunPage("-", src)
	sum.Add(res)
	if err := r.each(res); err != nil {
		fmt.Fprintf(r.stderr, "tiptapmd: report: %s\n", clean(err.Error()))
		return sum, false
	}
	r.p.page(res, src, out)
	r.p.summary(sum, false)
	return sum, true
}

// tree runs the batch on the paths with a progress bar, then what the
// command does per site folder, and prints the summary. Its error is
// the batch's, which stopped it (printed).
func (r *batchRun) tree(ctx context.Context, b *site.Batch) (site.Summary, error) {
	bar := newProgress(r.stderr)
	b.Progress = bar.update
	sum, err := b.Run(ctx, r.paths, r.each)
	bar.finish()
	if err != nil {
		fmt.Fprintf(r.stderr, "tiptapmd: %s\n", errorLine(err))
	}
	switch r.name {
	case "check":
		unreadable, missing := checkAssets(r.paths, strings.Split(r.f.roots, ","), r.stdout, r.stderr, r.rp)
		if unreadable {
			sum.Failed++ // a folder that could not be read counts as a failure
		}
		r.p.missing = missing
	case "rewrite":
		themeRefs(r.paths, r.f.maps, r.stdout)
	}
	r.p.summary(sum, err != nil)
	return sum, err
}

// closeReport ends the report file, if any, whatever way the batch
// ended, and puts it in place; it reports whether it could.
func (r *batchRun) closeReport(sum site.Summary) bool {
	if r.rw == nil {
		return true
	}
	err := r.rw.Close(sum)
	if err == nil {
		err = r.report.commit()
	}
	if err != nil {
		fmt.Fprintf(r.stderr, "tiptapmd: report: %s\n", clean(err.Error()))
		return false
	}
	return true
}

// exitCode returns the exit code of a run whose pages and report went
// well: failed pages fail it, and so do, for check (the gate), pages that
// need review and missing assets, unless -allow-review and -allow-missing.
func (r *batchRun) exitCode(sum site.Summary) int {
	gate := r.name == "check" && (sum.Review > 0 && !r.f.allowReview || r.p.missing > 0 && !r.f.allowMissing)
	if sum.Failed > 0 || gate {
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
			rp.AddInventory(root, inv)
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
