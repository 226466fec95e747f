package site

import (
	"context"
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"time"

	"github.com/tiptapmd/tiptapmd"
	"github.com/tiptapmd/tiptapmd/convert"
	"github.com/tiptapmd/tiptapmd/convert/rewrite"
	"github.com/tiptapmd/tiptapmd/internal/enum"
)

// These are the errors of the pages a [Batch] cannot handle, besides
// those of the operation and of the file system. They come wrapped in an
// [*convert.Error] naming the page (or, for the output errors, in an
// [*fs.PathError] inside one); test for them with [errors.Is].
var (
	// ErrOutputExists reports an output file that exists, holds something
	// else than the result, and that the batch was not asked to replace
	// ([Batch.Overwrite]). errors.Is(ErrOutputExists, fs.ErrExist) holds.
	ErrOutputExists error = existsError{}
	// ErrOutputConflict reports a page whose output file is the output of
	// an earlier page of the same batch.
	ErrOutputConflict = errors.New("another page of the batch has the same output file")
	// ErrSymlink reports a page or an output file that is a symbolic link,
	// which a batch never reads or writes through.
	ErrSymlink = errors.New("symbolic link (name the file it points to)")
	// ErrNotPage reports a file named to a batch that cannot be a page:
	// it does not end in .md, .markdown or .html, or its name starts with
	// ".", "_" or "#" (see [Walk]).
	ErrNotPage = errors.New("not a page file")
	// ErrNoFrontMatter reports a page whose front matter lost its opening
	// "---" line: Jekyll reads it as a file without front matter, to be
	// copied as it is, which is surely not what its author meant.
	ErrNoFrontMatter = errors.New("no front matter")
	// ErrPanic reports an operation that panicked on a page (a bug; the
	// message has the panic's value).
	ErrPanic = errors.New("the operation panicked")
	// ErrTooLarge reports a page file larger than [Batch.MaxPageSize],
	// which the batch does not read.
	ErrTooLarge = errors.New("page file too large")
	// ErrNotRegular reports a page path that is not a regular file (a
	// named pipe or a device, which reading could block or never end).
	ErrNotRegular = errors.New("not a regular file")
	// ErrReadOnly reports a file to replace that its owner may not write,
	// which a batch leaves alone unless [Batch.ReplaceReadOnly] is set.
	ErrReadOnly = errors.New("read-only file (the batch was not asked to replace read-only files)")
)

// DefaultMaxPageSize is the page size limit of a [Batch] whose
// MaxPageSize is zero: 32 MiB, a hundred times the largest page of the
// eight Isomer sites studied, and small enough that a batch of stray
// large files cannot exhaust memory.
const DefaultMaxPageSize = 32 << 20

// existsError is the type of ErrOutputExists, which is fs.ErrExist too.
type existsError struct{}

func (existsError) Error() string        { return "output file exists" }
func (existsError) Is(target error) bool { return target == fs.ErrExist }

// A PageFile names a page of a batch for its [PageFunc].
type PageFile struct {
	// Path names the page in results, reports and errors (see
	// [PageResult.Path]).
	Path string
	// Name is the page's path in its site, slash-separated, as
	// [Walk] gives it: "pages/about.md". For a page file named alone,
	// or given to [Batch.RunPage], it is the file's base name.
	Name string

	// tr follows the operation's progress for the batch's budgets.
	tr *tracker
}

// A PageFunc is the operation a [Batch] applies to each page: given the
// page and its bytes, it returns the new bytes and a report, or an error.
// It is called from several goroutines at once, and must not keep or
// modify src. [Convert] makes the PageFunc of a [convert.Op],
// [RewritePageFunc] one that rewrites URLs.
type PageFunc func(page PageFile, src []byte) ([]byte, *convert.Report, error)

// Convert returns the PageFunc that applies op to a page with c (a nil c
// is a Converter with no options), as [convert.Converter.Convert] does,
// under the budgets of the batch.
//
// An .html page is left as it is, with an info entry of code
// [CodeHTMLPage]: Jekyll does not run kramdown on its body, and the CMS
// edits only .md pages, so it has no variant to convert and its front
// matter keeps no variant key. (A custom PageFunc can treat .html pages
// otherwise.)
func Convert(c *convert.Converter, op convert.Op) PageFunc {
	return func(p PageFile, src []byte) ([]byte, *convert.Report, error) {
		if isHTMLName(p.Name) {
			r := &convert.Report{Path: p.Path, Op: op}
			r.Items = append(r.Items, tiptapmd.Note{Code: CodeHTMLPage, Severity: tiptapmd.Info,
				Message: "an .html page is served as HTML by Jekyll and not edited by the CMS: left as it is"})
			return src, r, nil
		}
		if p.tr == nil {
			return c.Convert(op, p.Path, src)
		}
		return c.ConvertContext(p.tr.ctx, op, p.Path, src, p.tr.enter)
	}
}

// RewritePageFunc returns a PageFunc that rewrites the URLs of each page
// with fn, as [convert.Rewrite] does, without converting it. The page's
// path in its site ([PageFile.Name]) lets fn resolve relative URLs; the
// site's YAML files ([Batch.DataFiles]) are rewritten as
// [rewrite.Data] does. Unlike [Convert], it rewrites .html pages too, as
// HTML. Pages without front matter are skipped by the batch.
func RewritePageFunc(fn rewrite.Func, fields []string) PageFunc {
	return func(p PageFile, src []byte) ([]byte, *convert.Report, error) {
		return convert.Rewrite(p.Path, p.Name, src, fn, fields)
	}
}

// isHTMLName reports whether a page's name ends in .html.
func isHTMLName(name string) bool {
	return strings.EqualFold(path.Ext(name), ".html")
}

// CodeHTMLPage is the code of the entry for an .html page that
// [Convert] leaves as it is.
const CodeHTMLPage tiptapmd.Code = "html-page"

// A Batch applies one operation to many pages: the pages of whole sites
// ([Batch.Run], [Batch.RunFS]) or single page files. A zero Batch with
// its Page set works in place, on as many pages at once as there are
// CPUs.
//
// One page that fails never stops the batch: its result says why, and the
// next page goes on. Results come to the caller's function one at a time
// and in a fixed order (see [Batch.Run]), whatever the number of workers.
// They are not kept: only a bounded window of pages (four per worker) is
// in memory at any time, so that the memory a batch needs grows with the
// number of its pages' paths alone, not with their contents or reports.
//
// Every file is written atomically: the result goes to a hidden temporary
// file in the same folder (".NAME.tiptapmd-RANDOM.tmp"), which is synced
// and renamed over the page, and the folder is synced. A process killed at any moment leaves each
// page whole, old or new; the next batch that writes the same site in
// place removes the temporary files an interrupted one left. A page
// keeps its permission bits (but, being a new file, not its owner or
// hard links).
//
// # Budgets
//
// No page can stop a batch. A page file larger than MaxPageSize is not
// read; a page whose operation takes longer than its time budget
// (PageTimeout), or during which the heap grows past the memory budget
// (PageMemory), fails with [ErrBudget], and the batch goes on. The error
// names the line where the part of the page that the operation was
// working on starts (the front matter, or the body), when the operation
// is a [Convert].
//
// These are the limits of that guarantee, which come from Go: a
// goroutine cannot be stopped from outside, and the runtime does not
// measure the memory of one goroutine.
//
//   - An operation over its budget is abandoned, not stopped: it is asked
//     to stop at the next step of the conversion it reaches (a
//     [Convert] checks between reading the front matter,
//     reading the body, writing it and reading the result back), and its
//     result is thrown away, but until then it keeps its CPU and its
//     memory, also after Run has returned. Nothing of an abandoned page is
//     ever written.
//   - Memory is measured on the heap of the whole process, above what it
//     was when the batch began: the pages in progress share the budget,
//     the page that has run longest is taken for the one that grew it
//     (set Workers to 1 for an exact measure per page), and the heap of
//     other goroutines of the process counts too.
//   - An abandoned operation that still runs can still take all the
//     memory there is. When the heap grows past the memory budget again
//     while one does, the batch stops as when ctx is cancelled, with an
//     error wrapping ErrBudget, so that its caller can still write a
//     whole report and end the process, which ends the operation.
//
// # Locks
//
// Two batches never write the same folder at once: while it runs, a
// batch that writes holds a lock file ([LockName]) in each folder it
// writes, and a batch that finds one held by another fails at once with
// a [*LockError] naming the holder, before it reads any page. (A page
// file named alone locks its folder, not the site around it.)
//
// A Batch must not be modified while it runs.
type Batch struct {
	// Page is the operation, required. See [Convert].
	Page PageFunc
	// Out is the folder that receives the results, made if needed. A
	// page's output is at its path relative to the site folder it was
	// found in (for a page file named alone, at its base name). Every
	// page is written there, changed or not, but nothing else of the site
	// is: copy the site first to get a whole site. No output is ever
	// written outside Out, by a ".." or through a symbolic link. Out
	// inside a site folder is left out of the walk, so that a second run
	// does not take the results of the first for pages: it has a result
	// of its own, skipped, that says so and how many page files it holds.
	// If Out is "", each page is replaced in place when it changes.
	Out string
	// DryRun writes nothing at all; results say what would be written,
	// and outputs that would fail because they exist fail all the same.
	DryRun bool
	// Diff fills in [PageResult.Diff] for each page that changes.
	Diff bool
	// Overwrite lets a batch replace existing files in Out. Without it,
	// an output file that exists fails the page with [ErrOutputExists],
	// unless it already holds the result (so that a batch can be run
	// again). Pages changed in place are always replaced.
	Overwrite bool
	// ReplaceReadOnly lets a batch replace files that their owner may not
	// write (a page changed in place, or an output with Overwrite).
	// Without it, such a file fails its page with [ErrReadOnly] and is
	// left as it was.
	ReplaceReadOnly bool
	// Workers is the number of pages handled at once; if it is zero or
	// less, runtime.GOMAXPROCS(0) is used.
	Workers int
	// MaxPageSize is the size in bytes above which a page file fails with
	// [ErrTooLarge] without being read. Zero means [DefaultMaxPageSize];
	// a negative value means no limit.
	MaxPageSize int64
	// PageTimeout is the time budget of one page, in wall-clock time
	// from when its operation starts: a page whose operation has not
	// returned after it fails with [ErrBudget], and the batch goes on
	// (see Budgets, in the doc of Batch). Zero means
	// [DefaultPageTimeout] plus [DefaultPageTimeoutPerMiB] for each MiB
	// of the page; a negative value means no limit.
	PageTimeout time.Duration
	// PageMemory is the memory budget, in bytes, of the pages in
	// progress: when the heap grows by more than PageMemory above what it
	// was when the batch began, the page that has run longest fails with
	// [ErrBudget] (see Budgets, in the doc of Batch). Zero means
	// [DefaultPageMemory]; a negative value means no limit.
	PageMemory int64
	// DataFiles also hands the YAML files of each site folder that can
	// name URLs ([WalkData]: _config.yml, _data/*.yml, collection.yml)
	// to Page, which must know them by [PageFile.Name]
	// ([RewritePageFunc] does). They have no front matter.
	DataFiles bool
	// Progress, if not nil, is called with the number of pages done so far
	// and the number of pages of the batch: once before the first page,
	// then after each one, from the goroutine that called Run or RunFS.
	Progress func(done, total int)
}

// A Status is what a batch did with one page.
type Status int

const (
	// StatusUnchanged: the operation changed nothing. In Out, the page is
	// written all the same.
	StatusUnchanged Status = iota
	// StatusChanged: the operation changed the page, which was written
	// (or, in a dry run, would have been).
	StatusChanged
	// StatusFailed: the page could not be read, converted or written;
	// [PageResult.Err] says why, and the page and its output are as they
	// were.
	StatusFailed
	// StatusSkipped: the file is not a page (it has no front matter, so
	// Jekyll copies it as it is); [PageResult.Reason] says so.
	StatusSkipped
)

var statuses = enum.New[Status]("site.Status", []string{StatusUnchanged: "unchanged", StatusChanged: "changed", StatusFailed: "failed", StatusSkipped: "skipped"})

// String returns "unchanged", "changed", "failed" or "skipped".
func (s Status) String() string { return statuses.String(s) }

// MarshalText encodes s as its name.
func (s Status) MarshalText() ([]byte, error) { return statuses.MarshalText(s) }

// UnmarshalText decodes a name written by [Status.MarshalText].
func (s *Status) UnmarshalText(b []byte) error { return statuses.UnmarshalText(b, s) }

// A PageResult is what a [Batch] did with one file.
type PageResult struct {
	// Path names the page: for the pages of a folder given to
	// [Batch.Run], the folder joined with the page's path in it; for
	// [Batch.RunFS], the page's path in the file system.
	Path string
	// Output is the page's output file, written or not (see Written):
	// Path itself in place, a file in [Batch.Out] otherwise. It is "" for
	// a skipped file, a page that failed before its output was known, and
	// the pages of an fs.FS in a dry run without Out.
	Output string
	Status Status
	// Written reports whether this run wrote Output. An unchanged page is
	// not written in place, nor is an output that holds the result already.
	Written bool
	// Report is the operation's report; nil when the operation did not
	// run (the page is skipped, or could not be read).
	Report *convert.Report
	// Err says why the page failed: an [*convert.Error] with the page's path, and
	// the line and column when they are known.
	Err error
	// Reason says why the file was skipped.
	Reason string
	// Diff is the unified diff from the page to the result, when
	// [Batch.Diff] is set and the page changed.
	Diff []byte
}

// NeedsReview reports whether the page went through with entries that a
// person should look at (of [tiptapmd.Review] or higher).
func (r *PageResult) NeedsReview() bool {
	if r == nil {
		return false
	}
	return r.Status != StatusFailed && r.Report != nil && r.Report.Max() >= tiptapmd.Review
}

// MarshalJSON encodes r as an object with the fields path, output,
// status, verdict ([PageResult.Verdict]), written, reason, error and
// report, leaving out those that are empty. The error is an object {"message", "line", "column"}, its
// message without the path and position. The diff is not included.
func (r *PageResult) MarshalJSON() ([]byte, error) {
	if r == nil {
		return []byte("null"), nil
	}
	type jsonError struct {
		Message string `json:"message"`
		tiptapmd.Pos
	}
	v := struct {
		Path    string          `json:"path"`
		Output  string          `json:"output,omitempty"`
		Status  Status          `json:"status"`
		Verdict convert.Verdict `json:"verdict"`
		Written bool            `json:"written"`
		Reason  string          `json:"reason,omitempty"`
		Error   *jsonError      `json:"error,omitempty"`
		Report  *convert.Report `json:"report,omitempty"`
	}{Path: r.Path, Output: r.Output, Status: r.Status, Verdict: r.Verdict(), Written: r.Written, Reason: r.Reason, Report: r.Report}
	if r.Err != nil {
		msg, pos := errorParts(r.Err)
		v.Error = &jsonError{Message: msg, Pos: pos}
	}
	return json.Marshal(v)
}

// errorParts returns the message and position of the [*convert.Error] in
// err's chain, its message without the path and position, which reports
// give apart (as [convert.Error.Error] words it); or err's message alone.
func errorParts(err error) (msg string, pos tiptapmd.Pos) {
	var e *convert.Error
	if errors.As(err, &e) && e.Err != nil {
		return e.Message(), e.Pos
	}
	return err.Error(), tiptapmd.Pos{}
}

// Summary counts the results of a batch.
type Summary struct {
	// Pages counts every result: Changed + Unchanged + Failed + Skipped.
	Pages     int `json:"pages"`
	Changed   int `json:"changed"`
	Unchanged int `json:"unchanged"`
	Failed    int `json:"failed"`
	Skipped   int `json:"skipped"`
	// Review counts the changed and unchanged pages that need review
	// ([PageResult.NeedsReview], [convert.VerdictReview]).
	Review int `json:"review"`
	// Invisible counts the pages that changed in ways no visitor sees
	// ([convert.VerdictInvisible]).
	Invisible int `json:"invisible"`
	// Written counts the files written.
	Written int `json:"written"`
	// ReviewPages names the pages that need review, in the order of the
	// results: their [PageResult.Path].
	ReviewPages []string `json:"review_pages"`
}

// Add counts r; a nil s or r does nothing.
func (s *Summary) Add(r *PageResult) {
	if s == nil || r == nil {
		return
	}
	s.Pages++
	switch r.Status {
	case StatusChanged:
		s.Changed++
	case StatusUnchanged:
		s.Unchanged++
	case StatusFailed:
		s.Failed++
	case StatusSkipped:
		s.Skipped++
	}
	switch r.Verdict() {
	case convert.VerdictReview:
		s.Review++
		s.ReviewPages = append(s.ReviewPages, r.Path)
	case convert.VerdictInvisible:
		s.Invisible++
	}
	if r.Written {
		s.Written++
	}
}

// Run applies b to the pages under each of paths, and calls fn (if not
// nil) with the result of each, in order: the paths in the order given;
// the pages of a folder, which is walked with [Walk] as a site, in
// the order of their paths. A file in paths is a page in itself. A page
// named twice (as a file inside a folder also given, say) is done once.
//
// Run returns the summary of the results given to fn. Its error is not
// about pages, which fail one by one: it is a bad Batch, an Out folder
// that cannot be made, a folder locked by another batch ([*LockError]),
// ctx's error when ctx is cancelled (pages done by then are reported,
// the others are not, and the operations in progress are abandoned as
// over their budget), fn's error, which stops the batch in the same
// way, or the error of a batch stopped because abandoned pages kept
// taking memory (see Budgets).
func (b *Batch) Run(ctx context.Context, paths []string, fn func(*PageResult) error) (Summary, error) {
	if err := b.check(ctx); err != nil {
		return Summary{}, err
	}
	// Out is made only when there is something to put in it: a batch of
	// paths that do not exist fails its pages and makes nothing.
	exists := false
	for _, p := range paths {
		if _, err := os.Lstat(p); err == nil {
			exists = true
			break
		}
	}
	s, err := b.start(exists)
	if err != nil {
		return Summary{}, err
	}
	defer s.close()
	for _, p := range paths {
		s.addPath(p)
	}
	if s.lockErr != nil {
		return Summary{}, s.lockErr
	}
	return b.run(ctx, s, fn)
}

// RunFS applies b to the pages of the site at the root of fsys, walked
// with [Walk], as [Batch.Run] does for a folder. The results go to
// b.Out, which must be set unless b.DryRun is. Paths in results are the
// names in fsys.
func (b *Batch) RunFS(ctx context.Context, fsys fs.FS, fn func(*PageResult) error) (Summary, error) {
	if err := b.check(ctx); err != nil {
		return Summary{}, err
	}
	if fsys == nil {
		return Summary{}, errNilFS
	}
	if b.Out == "" && !b.DryRun {
		return Summary{}, errors.New("convert: a batch over an fs.FS needs an Out folder to write to")
	}
	s, err := b.start(true)
	if err != nil {
		return Summary{}, err
	}
	defer s.close()
	s.addSite(fsys, nil, "", func(name string) string { return name })
	return b.run(ctx, s, fn)
}

// errNilBatch is the error of the methods of a nil *Batch.
var errNilBatch = errors.New("convert: nil *Batch")

// check returns the error of a nil b or ctx.
func (b *Batch) check(ctx context.Context) error {
	switch {
	case b == nil:
		return errNilBatch
	case ctx == nil:
		return errors.New("convert: nil Context")
	}
	return nil
}

// run does the jobs of s with b.Workers goroutines and hands the results
// to fn in order. At most a window of results waits for its turn.
func (b *Batch) run(ctx context.Context, s *setup, fn func(*PageResult) error) (Summary, error) {
	if !b.DryRun {
		for _, t := range s.stale {
			t.root.Remove(t.name)
		}
	}
	workers := b.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	m := b.newMonitor(cancel, true)
	defer m.close()

	type task struct {
		j    *job
		done chan *PageResult
	}
	order := make(chan chan *PageResult, 4*workers)
	work := make(chan task)
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for t := range work {
				if ctx.Err() != nil {
					t.done <- nil
					continue
				}
				t.done <- b.do(ctx, m, t.j)
			}
		})
	}
	go func() {
		defer close(work)
		defer close(order)
		for _, j := range s.jobs {
			done := make(chan *PageResult, 1)
			select {
			case order <- done:
			case <-ctx.Done():
				return
			}
			select {
			case work <- task{j, done}:
			case <-ctx.Done():
				done <- nil
				return
			}
		}
	}()

	var sum Summary
	var fnErr error
	if b.Progress != nil {
		b.Progress(0, len(s.jobs))
	}
	for done := range order {
		r := <-done
		if r == nil || fnErr != nil {
			continue
		}
		sum.Add(r)
		if fn != nil {
			if err := fn(r); err != nil {
				fnErr = err
				cancel(err)
			}
		}
		if b.Progress != nil {
			b.Progress(sum.Pages, len(s.jobs))
		}
	}
	wg.Wait()
	switch {
	case fnErr != nil:
		return sum, fnErr
	case sum.Pages < len(s.jobs):
		return sum, context.Cause(ctx)
	}
	return sum, nil
}

// RunPage applies b's operation to one page held in memory, with the
// checks of a batch: a file without front matter is skipped, a page whose
// front matter lost its opening line fails, a page over its budget
// fails with [ErrBudget], and so on. path names the
// page in the result, in errors and in the diff. RunPage writes nothing
// and ignores Out, DryRun and Overwrite; the result has no Output. out is
// the new page, nil unless the status is StatusChanged or
// StatusUnchanged.
func (b *Batch) RunPage(path string, src []byte) (r *PageResult, out []byte) {
	if b == nil {
		return failed(&PageResult{Path: path}, errNilBatch), nil
	}
	m := b.newMonitor(nil, false)
	defer m.close()
	return b.page(context.Background(), m, PageFile{Path: path, Name: filepath.Base(path)}, path, src)
}
