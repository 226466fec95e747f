package site

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/tiptapmd/tiptapmd/convert"
	"github.com/tiptapmd/tiptapmd/convert/rewrite"
	"github.com/tiptapmd/tiptapmd/frontmatter"
	"github.com/tiptapmd/tiptapmd/internal/diff"
)

// A job is one file of a batch.
type job struct {
	src      fs.FS    // where the page is read
	name     string   // the page's name in src
	siteName string   // PageFile.Name
	display  string   // PageResult.Path
	dst      *os.Root // where the result is written; nil when nowhere
	dstName  string   // the output's name in dst
	output   string   // PageResult.Output
	replace  bool     // whether an existing output is replaced
	err      error    // set when the file failed before it was read
	skip     string   // set for the output folder inside a site: why it is skipped
}

// A setup gathers the jobs of a batch.
type setup struct {
	b        *Batch
	out      *os.Root // Out, or nil when Out is "" (or missing, in a dry run)
	outReal  string   // Out with symbolic links resolved; "" when unknown
	roots    map[string]*os.Root
	jobs     []*job
	seen     map[string]bool // the pages already added, by real path
	outputs  map[string]bool // the outputs in Out already taken
	stale    []staleTemp
	closeAll []*os.Root
	locked   map[string]bool // the folders locked, by real path
	unlocks  []func()
	lockErr  error // the first folder that could not be locked
}

// A staleTemp is a temporary file left by an interrupted write.
type staleTemp struct {
	root *os.Root
	name string
}

// start checks b and opens Out, which it makes if makeOut is set.
func (b *Batch) start(makeOut bool) (*setup, error) {
	if b.Page == nil {
		return nil, errors.New("convert: Batch.Page is nil")
	}
	s := &setup{b: b, roots: map[string]*os.Root{}, seen: map[string]bool{}, outputs: map[string]bool{}, locked: map[string]bool{}}
	if b.Out == "" {
		return s, nil
	}
	if !b.DryRun && makeOut {
		if err := os.MkdirAll(b.Out, 0o777); err != nil {
			return nil, fmt.Errorf("convert: output folder: %w", err)
		}
	}
	out, err := os.OpenRoot(b.Out)
	switch {
	case err == nil:
		s.out = out
		s.closeAll = append(s.closeAll, out)
		if real, err := realPath(b.Out); err == nil {
			s.outReal = real
		}
		s.lock(out, b.Out)
		if s.lockErr != nil {
			s.close()
			return nil, s.lockErr
		}
	case (b.DryRun || !makeOut) && errors.Is(err, fs.ErrNotExist):
		// Nothing to check the outputs against.
	default:
		return nil, fmt.Errorf("convert: output folder: %w", err)
	}
	return s, nil
}

func (s *setup) close() {
	for _, u := range s.unlocks {
		u()
	}
	s.unlocks = nil
	for _, r := range s.closeAll {
		r.Close()
	}
	s.closeAll = nil
}

// lock takes the lock of the folder dir, open as root, which the batch
// writes, once; a dry run takes none.
func (s *setup) lock(root *os.Root, dir string) {
	if s.b.DryRun || s.lockErr != nil {
		return
	}
	key := dir
	if real, err := realPath(dir); err == nil {
		key = real
	}
	if s.locked[key] {
		return
	}
	unlock, err := lock(root, dir)
	if err != nil {
		s.lockErr = err
		return
	}
	s.locked[key] = true
	s.unlocks = append(s.unlocks, unlock)
}

// realPath returns the absolute path of p with symbolic links resolved.
func realPath(p string) (string, error) {
	abs, err := filepath.Abs(p)
	if err != nil {
		return "", err
	}
	return filepath.EvalSymlinks(abs)
}

// fail adds a job that fails with err before it is read.
func (s *setup) fail(display string, err error) {
	s.jobs = append(s.jobs, &job{display: display, err: err})
}

// addPath adds the pages of p: the site of a folder, or a page file.
func (s *setup) addPath(p string) {
	st, err := os.Lstat(p)
	if err != nil {
		s.fail(p, &convert.Error{Path: p, Err: err})
		return
	}
	if st.Mode()&fs.ModeSymlink != 0 {
		// A folder named through a link is what its user meant; a page
		// file is not, since writing it in place would replace the link.
		if st, err = os.Stat(p); err != nil {
			s.fail(p, &convert.Error{Path: p, Err: err})
			return
		}
		if !st.IsDir() {
			s.fail(p, &convert.Error{Path: p, Err: ErrSymlink})
			return
		}
	}
	if st.IsDir() {
		root, err := os.OpenRoot(p)
		if err != nil {
			s.fail(p, &convert.Error{Path: p, Err: err})
			return
		}
		s.closeAll = append(s.closeAll, root)
		if s.b.Out == "" {
			s.lock(root, p)
		}
		real, _ := realPath(p)
		s.addSite(root.FS(), root, real, func(name string) string { return filepath.Join(p, filepath.FromSlash(name)) })
		return
	}
	if !st.Mode().IsRegular() || !isPageName(filepath.Base(p)) {
		s.fail(p, &convert.Error{Path: p, Err: ErrNotPage})
		return
	}
	dir := filepath.Dir(p)
	root := s.roots[dir]
	if root == nil {
		if root, err = os.OpenRoot(dir); err != nil {
			s.fail(p, &convert.Error{Path: p, Err: err})
			return
		}
		s.roots[dir] = root
		s.closeAll = append(s.closeAll, root)
	}
	if s.b.Out == "" {
		s.lock(root, dir)
	}
	name := filepath.Base(p)
	key := p
	if real, err := realPath(dir); err == nil {
		key = filepath.Join(real, name)
	}
	s.add(root.FS(), root, name, p, key, name)
}

// addSite adds the pages of the site in fsys, which is root.FS() for a
// folder (realDir being its real path) and the caller's fs.FS otherwise
// (root nil). display turns a name in fsys into a PageResult.Path.
func (s *setup) addSite(fsys fs.FS, root *os.Root, realDir string, display func(string) string) {
	// Out inside the site is not part of it.
	skip := ""
	if realDir != "" && s.outReal != "" {
		if rel, err := filepath.Rel(realDir, s.outReal); err == nil && filepath.IsLocal(rel) {
			skip = filepath.ToSlash(rel)
		}
	}
	type found struct {
		name string
		kind walkKind
		err  error
	}
	var all []found
	left := 0
	walkSite(fsys, ".", func(name string, kind walkKind, err error) {
		if skip != "" && (name == skip || strings.HasPrefix(name, skip+"/")) {
			if kind == walkPage {
				left++
			}
			return
		}
		all = append(all, found{name, kind, err})
	})
	if skip != "" {
		all = append(all, found{name: skip, kind: walkOut})
	}
	slices.SortFunc(all, func(a, b found) int { return strings.Compare(a.name, b.name) })
	for _, f := range all {
		switch f.kind {
		case walkTemp:
			if root != nil && s.b.Out == "" {
				s.stale = append(s.stale, staleTemp{root, f.name})
			}
		case walkError:
			s.fail(display(f.name), &convert.Error{Path: display(f.name), Err: f.err})
		case walkOut:
			s.jobs = append(s.jobs, &job{display: display(f.name), skip: fmt.Sprintf(
				"the batch's output folder, inside the site: left out of the walk, with the page files in it (%d), so that results are not taken for pages", left)})
		case walkData, walkPage:
			if f.kind == walkData && !s.b.DataFiles {
				continue
			}
			key := display(f.name)
			if realDir != "" {
				key = filepath.Join(realDir, filepath.FromSlash(f.name))
			}
			s.add(fsys, root, f.name, display(f.name), key, f.name)
		}
	}
}

// add adds the page name of fsys, written in place to root (when Out is
// "") or to outName in Out; outName is also the page's name in its site.
// key identifies the page file, to do it once.
func (s *setup) add(fsys fs.FS, root *os.Root, name, display, key, outName string) {
	if s.seen[key] {
		return
	}
	s.seen[key] = true
	j := &job{src: fsys, name: name, display: display, siteName: outName}
	if s.b.Out == "" {
		j.dst, j.dstName, j.output, j.replace = root, name, display, true
	} else {
		j.dst, j.dstName, j.replace = s.out, outName, s.b.Overwrite
		j.output = filepath.Join(s.b.Out, filepath.FromSlash(outName))
		if s.outputs[outName] {
			j.err = &convert.Error{Path: display, Err: fmt.Errorf("%s: %w", j.output, ErrOutputConflict)}
		}
		s.outputs[outName] = true
	}
	s.jobs = append(s.jobs, j)
}

// maxPageSize returns the page size limit, or -1 for none.
func (b *Batch) maxPageSize() int64 {
	switch {
	case b.MaxPageSize == 0:
		return DefaultMaxPageSize
	case b.MaxPageSize < 0:
		return -1
	}
	return b.MaxPageSize
}

// readPage reads the page file name of fsys, which st describes, unless
// it is not a regular file or is larger than limit bytes (unless limit is
// negative). A file that grows past the limit while it is read fails too.
func readPage(fsys fs.FS, name string, st fs.FileInfo, limit int64) ([]byte, error) {
	if !st.Mode().IsRegular() {
		return nil, &fs.PathError{Op: "read", Path: name, Err: ErrNotRegular}
	}
	tooLarge := func(size int64) error {
		return &fs.PathError{Op: "read", Path: name, Err: fmt.Errorf("%w: %d bytes, more than the limit of %d (Batch.MaxPageSize)", ErrTooLarge, size, limit)}
	}
	if limit >= 0 && st.Size() > limit {
		return nil, tooLarge(st.Size())
	}
	f, err := fsys.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	r := io.Reader(f)
	if limit >= 0 {
		r = io.LimitReader(f, limit+1)
	}
	buf := bytes.NewBuffer(make([]byte, 0, st.Size()+bytes.MinRead))
	if _, err := buf.ReadFrom(r); err != nil {
		return nil, err
	}
	if limit >= 0 && int64(buf.Len()) > limit {
		return nil, tooLarge(int64(buf.Len()))
	}
	return buf.Bytes(), nil
}

// do handles one job, under the budgets of m.
func (b *Batch) do(ctx context.Context, m *monitor, j *job) *PageResult {
	if j.err != nil {
		return &PageResult{Path: j.display, Status: StatusFailed, Err: j.err}
	}
	if j.skip != "" {
		return &PageResult{Path: j.display, Status: StatusSkipped, Reason: j.skip}
	}
	st, err := fs.Stat(j.src, j.name)
	if err != nil {
		return failed(&PageResult{Path: j.display}, err)
	}
	src, err := readPage(j.src, j.name, st, b.maxPageSize())
	if err != nil {
		return failed(&PageResult{Path: j.display}, err)
	}
	r, out := b.page(ctx, m, PageFile{Path: j.display, Name: j.siteName}, j.output, src)
	if r == nil {
		return nil // ctx is done
	}
	if out == nil || j.dst == nil && b.Out == "" {
		return r // failed or skipped, or a page of an fs.FS in a dry run
	}
	r.Output = j.output
	if j.replace && r.Status == StatusUnchanged && b.Out == "" {
		return r // in place, nothing to write
	}
	if b.DryRun {
		if j.dst != nil {
			if err := checkOutput(j.dst, j.dstName, out, j.replace, b.ReplaceReadOnly); err != nil {
				return failed(r, &fs.PathError{Op: "write", Path: j.output, Err: err})
			}
		}
		return r
	}
	switch err := writeAtomic(j.dst, j.dstName, out, st.Mode(), j.replace, b.ReplaceReadOnly); {
	case errors.Is(err, errSameContent):
	case err != nil:
		return failed(r, outputError(err, j))
	default:
		r.Written = true
	}
	return r
}

// page applies the operation to the page src under the budgets of m;
// output names the result in the diff. The result is nil when ctx is
// done before the operation.
func (b *Batch) page(ctx context.Context, m *monitor, pf PageFile, output string, src []byte) (r *PageResult, out []byte) {
	if b.Page == nil {
		return failed(&PageResult{Path: pf.Path}, errors.New("convert: Batch.Page is nil")), nil
	}
	return m.guard(ctx, b, pf.Path, len(src), func(tr *tracker) (*PageResult, []byte) {
		pf.tr = tr
		return b.pageWork(pf, output, src)
	})
}

// pageWork is the work of page.
func (b *Batch) pageWork(pf PageFile, output string, src []byte) (r *PageResult, out []byte) {
	display := pf.Path
	r = &PageResult{Path: display}
	switch parts, err := frontmatter.Split(src); {
	case b.DataFiles && rewrite.IsData(pf.Name):
		// a YAML file of the site, handed to Page as it is
	case err != nil:
		var pe *frontmatter.ParseError
		if errors.As(err, &pe) {
			return failed(r, &convert.Error{Path: display, Pos: pe.Pos, Err: err}), nil
		}
		return failed(r, err), nil
	case !parts.HasFrontMatter():
		if page, err := frontmatter.Parse(src); err == nil {
			for _, w := range page.Warnings() {
				if w.Code == frontmatter.WarnMissingOpen {
					return failed(r, &convert.Error{Path: display, Pos: w.Pos, Err: fmt.Errorf("%w: %s", ErrNoFrontMatter, w.Message)}), nil
				}
			}
		}
		r.Status, r.Reason = StatusSkipped, "no front matter: Jekyll copies the file as it is, it is not a page"
		return r, nil
	}

	out, rep, err := b.Page(pf, src)
	if err != nil {
		return failed(r, err), nil
	}
	r.Report = rep
	r.Status = StatusUnchanged
	if !bytes.Equal(out, src) {
		r.Status = StatusChanged
		if b.Diff {
			r.Diff = diff.Diff(display, src, output, out)
		}
	}
	return r, out
}

// outputError names in err, an error of writeAtomic, the file or folder
// that it is about, as the user knows it: a path in the output folder
// rather than one inside it. A temporary file that cannot be made is
// reported as the folder it was to be made in, which is the one that
// refuses.
func outputError(err error, j *job) error {
	var pe *fs.PathError
	if !errors.As(err, &pe) {
		return err
	}
	name := filepath.FromSlash(j.dstName)
	if pe.Path == j.dstName || !strings.HasSuffix(j.output, name) {
		return &fs.PathError{Op: pe.Op, Path: j.output, Err: pe.Err}
	}
	base := strings.TrimSuffix(j.output, name)
	p := filepath.FromSlash(pe.Path)
	if !strings.HasPrefix(p, base) {
		// A name inside the root (file names of os.Root's files carry
		// the root's name already).
		p = filepath.Join(base, p)
	}
	if strings.Contains(filepath.Base(p), tempMark) {
		if pe.Op != "open" && pe.Op != "openat" {
			// Writing the temporary file is writing the output.
			return &fs.PathError{Op: "write", Path: j.output, Err: pe.Err}
		}
		return &fs.PathError{Op: "create a file in folder", Path: filepath.Dir(p), Err: pe.Err}
	}
	return &fs.PathError{Op: pe.Op, Path: p, Err: pe.Err}
}

// failed marks r failed with err, as an [*convert.Error] naming r.Path.
func failed(r *PageResult, err error) *PageResult {
	var e *convert.Error
	if !errors.As(err, &e) {
		err = &convert.Error{Path: r.Path, Err: err}
	} else if e.Path == "" {
		c := *e
		c.Path = r.Path
		err = &c
	}
	r.Status, r.Err, r.Written = StatusFailed, err, false
	return r
}

// checkOutput returns the cause of the error that writeAtomic would
// return for an output, without writing anything.
func checkOutput(root *os.Root, name string, data []byte, replace, readOnly bool) error {
	st, err := root.Lstat(name)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil
	case err != nil:
		return unwrapPath(err)
	case st.Mode()&fs.ModeSymlink != 0:
		return ErrSymlink
	case replace && !readOnly && st.Mode().IsRegular() && st.Mode().Perm()&0o200 == 0:
		return ErrReadOnly
	case replace:
		return nil
	}
	old, err := root.ReadFile(name)
	if err != nil {
		return unwrapPath(err)
	}
	if !bytes.Equal(old, data) {
		return ErrOutputExists
	}
	return nil
}

// unwrapPath returns the cause of an *fs.PathError, or err.
func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
