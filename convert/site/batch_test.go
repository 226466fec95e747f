package site

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"testing/fstest"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/tools/txtar"

	"github.com/tiptapmd/tiptapmd"
	"github.com/tiptapmd/tiptapmd/convert"
	"github.com/tiptapmd/tiptapmd/convert/rewrite"
	"github.com/tiptapmd/tiptapmd/internal/corpus"
	"github.com/tiptapmd/tiptapmd/internal/diff"
	"github.com/tiptapmd/tiptapmd/internal/golden"
)

// batchOptions is the JSON comment of a batch golden archive (see
// testdata/batch/README.md).
type batchOptions struct {
	Op        string   `json:"op"`        // normalize, to-tiptap or to-markdown
	Paths     []string `json:"paths"`     // the paths to run on; default ["site"]
	Out       string   `json:"out"`       // Batch.Out
	DryRun    bool     `json:"dry_run"`   // Batch.DryRun
	Diff      bool     `json:"diff"`      // Batch.Diff, and check the diffs
	Overwrite bool     `json:"overwrite"` // Batch.Overwrite
	// Map is the PrefixMap of the rewrite op.
	Map map[string]string `json:"map"`
}

func parseOp(t testing.TB, s string) convert.Op {
	for o := convert.OpNormalize; o <= convert.OpToMarkdown; o++ {
		if o.String() == s {
			return o
		}
	}
	t.Fatalf("unknown op %q", s)
	return 0
}

// readTree returns every file under dir by slash-separated path, and the
// symbolic links as "-> target".
func readTree(t testing.TB, dir string) map[string]string {
	t.Helper()
	tree := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		rel = filepath.ToSlash(rel)
		if d.Type()&fs.ModeSymlink != 0 {
			target, err := os.Readlink(p)
			tree[rel] = "-> " + target
			return err
		}
		b, err := os.ReadFile(p)
		tree[rel] = string(b)
		return err
	})
	require.NoError(t, err)
	return tree
}

// describeResult formats a result on one line, for golden files.
func describeResult(r *PageResult) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s", r.Status, r.Path)
	if r.Output != "" && r.Output != r.Path {
		fmt.Fprintf(&b, " -> %s", r.Output)
	}
	var flags []string
	if r.Written {
		flags = append(flags, "written")
	}
	if r.NeedsReview() {
		flags = append(flags, "review")
	}
	if len(flags) > 0 {
		fmt.Fprintf(&b, " (%s)", strings.Join(flags, ", "))
	}
	if r.Err != nil {
		msg, pos := errorParts(r.Err)
		fmt.Fprintf(&b, ": %d:%d: %s", pos.Line, pos.Column, msg)
	}
	if r.Reason != "" {
		fmt.Fprintf(&b, ": %s", r.Reason)
	}
	return b.String()
}

func TestBatchGolden(t *testing.T) {
	golden.Glob(t, "testdata/batch/*.txtar", func(t *testing.T, f *golden.File) {
		var opts batchOptions
		dec := json.NewDecoder(bytes.NewReader(f.Comment))
		dec.DisallowUnknownFields()
		require.NoError(t, dec.Decode(&opts), "comment of %s", f.Path)
		if len(opts.Paths) == 0 {
			opts.Paths = []string{"site"}
		}
		ar, err := txtar.ParseFile(f.Path)
		require.NoError(t, err)

		dir := t.TempDir()
		input := map[string]string{}
		var afterSections []string
		for _, s := range ar.Files {
			switch {
			case strings.HasPrefix(s.Name, "after/"):
				afterSections = append(afterSections, s.Name)
			case strings.HasPrefix(s.Name, "site/"), strings.HasPrefix(s.Name, "out/"), strings.HasPrefix(s.Name, "other/"):
				data := f.Input(t, s.Name)
				input[s.Name] = string(data)
				p := filepath.Join(dir, filepath.FromSlash(s.Name))
				require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
				require.NoError(t, os.WriteFile(p, data, 0o644))
			}
		}
		// Paths are given under dir, and dir is cut from what is checked.
		abs := func(p string) string { return filepath.Join(dir, filepath.FromSlash(p)) }
		paths := make([]string, len(opts.Paths))
		for i, p := range opts.Paths {
			paths[i] = abs(p)
		}
		out := ""
		if opts.Out != "" {
			out = abs(opts.Out)
		}
		rel := func(b []byte) []byte { return bytes.ReplaceAll(b, []byte(dir+string(filepath.Separator)), nil) }

		c, err := convert.New()
		require.NoError(t, err)
		var page PageFunc
		if opts.Op == "rewrite" {
			page = RewritePageFunc(rewrite.PrefixMap(opts.Map), nil)
		} else {
			page = Convert(c, parseOp(t, opts.Op))
		}
		b := &Batch{Page: page, Out: out, DryRun: opts.DryRun, Diff: opts.Diff, Overwrite: opts.Overwrite, Workers: 3}
		var results, diffs bytes.Buffer
		var report bytes.Buffer
		var outputs []string
		rw := NewReportWriter(&report, ReportCSV)
		sum, err := b.Run(context.Background(), paths, func(r *PageResult) error {
			if r.Status == StatusChanged || r.Status == StatusUnchanged {
				outputs = append(outputs, r.Output)
			}
			fmt.Fprintln(&results, describeResult(r))
			if r.Diff != nil {
				diffs.Write(r.Diff)
			}
			if opts.Diff && r.Status == StatusChanged {
				assert.NotNil(t, r.Diff, "a changed page has a diff")
			}
			return rw.Write(r)
		})
		require.NoError(t, err)
		require.NoError(t, rw.Close(sum))
		sj, err := json.Marshal(sum)
		require.NoError(t, err)
		fmt.Fprintf(&results, "summary: %s\n", sj)
		f.Check(t, "results", rel(results.Bytes()))
		f.Check(t, "report.csv", rel(report.Bytes()))
		if opts.Diff {
			f.Check(t, "diff", rel(diffs.Bytes()))
		}

		// The tree after the run: each file that is new or changed is an
		// after/ section, each file that is gone is listed in "gone".
		after := readTree(t, dir)
		names := slices.Clone(afterSections)
		for p, data := range after {
			if old, ok := input[p]; !ok || old != data {
				names = append(names, "after/"+p)
			}
		}
		slices.Sort(names)
		names = slices.Compact(names)
		for _, n := range names {
			data, ok := after[strings.TrimPrefix(n, "after/")]
			if !ok {
				t.Errorf("%s: %s is gone", f.Path, n)
				continue
			}
			f.Check(t, n, []byte(data))
		}
		var gone []string
		for p := range input {
			if _, ok := after[p]; !ok {
				gone = append(gone, p+"\n")
			}
		}
		slices.Sort(gone)
		if len(gone) > 0 || f.Has("gone") {
			f.Check(t, "gone", []byte(strings.Join(gone, "")))
		}
		if opts.DryRun {
			assert.Equal(t, input, after, "a dry run writes nothing")
		}

		// A second run over the results changes nothing.
		if !opts.DryRun {
			again := &Batch{Page: b.Page, Workers: 2}
			_, err := again.Run(context.Background(), outputs, func(r *PageResult) error {
				assert.NotEqual(t, StatusChanged, r.Status, "a second run changes %s", r.Path)
				return nil
			})
			require.NoError(t, err)
		}
	})
}

// writeTree writes files (slash-separated paths) under dir.
func writeTree(t testing.TB, dir string, files map[string]string) {
	t.Helper()
	for name, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
		require.NoError(t, os.WriteFile(p, []byte(data), 0o644))
	}
}

// upper is a PageFunc that upper-cases the body after the front matter.
func upper(_ PageFile, src []byte) ([]byte, *convert.Report, error) {
	i := bytes.Index(src[3:], []byte("---\n"))
	if i < 0 {
		return nil, nil, errors.New("no closing delimiter")
	}
	end := 3 + i + 4
	out := append(bytes.Clone(src[:end]), bytes.ToUpper(src[end:])...)
	r := &convert.Report{}
	if bytes.Contains(src, []byte("review")) {
		r.Items = append(r.Items, tiptapmd.Note{Code: "test", Severity: tiptapmd.Review, Message: "asked for review", Pos: tiptapmd.Pos{Line: 4, Column: 2}})
	}
	return out, r, nil
}

func sitePages(n int) map[string]string {
	files := map[string]string{}
	for i := range n {
		files[fmt.Sprintf("pages/p%03d.md", i)] = fmt.Sprintf("---\ntitle: P%d\n---\nbody %d\n", i, i)
	}
	return files
}

func TestBatchOrderIsFixed(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, sitePages(60))
	var want []string
	for _, workers := range []int{1, 2, 7, 32} {
		var got []string
		b := &Batch{Page: upper, DryRun: true, Workers: workers}
		sum, err := b.Run(context.Background(), []string{dir}, func(r *PageResult) error {
			got = append(got, r.Path)
			return nil
		})
		require.NoError(t, err)
		assert.Equal(t, 60, sum.Changed)
		assert.True(t, slices.IsSorted(got), "results come in path order")
		if want == nil {
			want = got
		}
		assert.Equal(t, want, got, "workers: %d", workers)
	}
}

func TestBatchCancel(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, sitePages(200))
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var started atomic.Int32
	page := func(p PageFile, src []byte) ([]byte, *convert.Report, error) {
		if started.Add(1) == 20 {
			cancel()
		}
		return upper(p, src)
	}
	var seen []string
	b := &Batch{Page: page, Workers: 4}
	sum, err := b.Run(ctx, []string{dir}, func(r *PageResult) error {
		seen = append(seen, r.Path)
		return nil
	})
	require.ErrorIs(t, err, context.Canceled)
	assert.Less(t, sum.Pages, 200, "the batch stopped early")
	// Pages in progress at the cancel are abandoned (see Batch.Run), so
	// only pages that started can have been reported.
	assert.LessOrEqual(t, sum.Pages, int(started.Load()), "only pages that started are reported")
	assert.Equal(t, sum.Pages, len(seen))
	assert.Equal(t, sum.Written, sum.Changed)
	// What was reported is a prefix of the batch, and it is exactly what
	// was written.
	tree := readTree(t, dir)
	written := 0
	for name, data := range tree {
		if strings.Contains(data, "BODY") {
			written++
			assert.Contains(t, seen, filepath.Join(dir, filepath.FromSlash(name)))
		}
	}
	assert.Equal(t, sum.Written, written)
}

func TestBatchCallbackErrorStops(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, sitePages(50))
	stop := errors.New("stop")
	n := 0
	b := &Batch{Page: upper, DryRun: true, Workers: 4}
	sum, err := b.Run(context.Background(), []string{dir}, func(r *PageResult) error {
		n++
		if n == 5 {
			return stop
		}
		return nil
	})
	require.ErrorIs(t, err, stop)
	assert.Equal(t, 5, n, "fn is not called after its error")
	assert.Equal(t, 5, sum.Pages)
}

func TestBatchProgress(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, sitePages(10))
	var calls [][2]int
	b := &Batch{Page: upper, DryRun: true, Progress: func(done, total int) { calls = append(calls, [2]int{done, total}) }}
	_, err := b.Run(context.Background(), []string{dir}, nil)
	require.NoError(t, err)
	require.Len(t, calls, 11)
	for i, c := range calls {
		assert.Equal(t, [2]int{i, 10}, c)
	}
}

func TestBatchPanicFailsOnePage(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, sitePages(5))
	page := func(p PageFile, src []byte) ([]byte, *convert.Report, error) {
		if strings.HasSuffix(p.Path, "p002.md") {
			panic("boom")
		}
		return upper(p, src)
	}
	var failed []*PageResult
	sum, err := (&Batch{Page: page}).Run(context.Background(), []string{dir}, func(r *PageResult) error {
		if r.Status == StatusFailed {
			failed = append(failed, r)
		}
		return nil
	})
	require.NoError(t, err)
	assert.Equal(t, 4, sum.Changed)
	require.Len(t, failed, 1)
	assert.ErrorIs(t, failed[0].Err, ErrPanic)
	assert.Contains(t, failed[0].Err.Error(), "p002.md")
	assert.Contains(t, failed[0].Err.Error(), "boom")
}

func TestBatchBadConfig(t *testing.T) {
	_, err := (&Batch{}).Run(context.Background(), []string{"."}, nil)
	assert.Error(t, err, "no PageFunc")
	_, err = (&Batch{Page: upper}).RunFS(context.Background(), fstest.MapFS{}, nil)
	assert.Error(t, err, "an fs.FS has nowhere to be written in place")
	file := filepath.Join(t.TempDir(), "file")
	require.NoError(t, os.WriteFile(file, nil, 0o644))
	_, err = (&Batch{Page: upper, Out: filepath.Join(file, "out")}).Run(context.Background(), []string{"."}, nil)
	assert.Error(t, err, "Out cannot be made")
}

func TestBatchRunFS(t *testing.T) {
	fsys := fstest.MapFS{
		"pages/a.md":      {Data: []byte("---\ntitle: A\n---\na\n"), Mode: 0o640},
		"_posts/b.md":     {Data: []byte("---\ntitle: B\n---\nb review\n")},
		"_layouts/x.html": {Data: []byte("---\n---\nlayout\n")},
		"static.md":       {Data: []byte("no front matter\n")},
	}
	out := filepath.Join(t.TempDir(), "out")
	var got []string
	sum, err := (&Batch{Page: upper, Out: out}).RunFS(context.Background(), fsys, func(r *PageResult) error {
		got = append(got, describeResult(r))
		return nil
	})
	require.NoError(t, err)
	assert.Equal(t, []string{
		"changed _posts/b.md -> " + filepath.Join(out, "_posts", "b.md") + " (written, review)",
		"changed pages/a.md -> " + filepath.Join(out, "pages", "a.md") + " (written)",
		"skipped static.md: no front matter: Jekyll copies the file as it is, it is not a page",
	}, got)
	assert.Equal(t, Summary{Pages: 3, Changed: 2, Skipped: 1, Review: 1, Invisible: 1, Written: 2, ReviewPages: []string{"_posts/b.md"}}, sum)
	assert.Equal(t, map[string]string{"pages/a.md": "---\ntitle: A\n---\nA\n", "_posts/b.md": "---\ntitle: B\n---\nB REVIEW\n"}, readTree(t, out))
	st, err := os.Stat(filepath.Join(out, "pages", "a.md"))
	require.NoError(t, err)
	assert.Equal(t, fs.FileMode(0o640), st.Mode().Perm(), "the page's mode is kept")

	// A dry run without Out reads and reports, and writes nowhere.
	sum, err = (&Batch{Page: upper, DryRun: true, Diff: true}).RunFS(context.Background(), fsys, func(r *PageResult) error {
		assert.Empty(t, r.Output)
		assert.False(t, r.Written)
		if r.Status == StatusChanged {
			assert.NotEmpty(t, r.Diff)
		}
		return nil
	})
	require.NoError(t, err)
	assert.Equal(t, 2, sum.Changed)
}

func TestBatchInPlaceKeepsMode(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "pages", "a.md")
	writeTree(t, dir, map[string]string{"pages/a.md": "---\nt: 1\n---\nx\n"})
	require.NoError(t, os.Chmod(p, 0o600))
	_, err := (&Batch{Page: upper}).Run(context.Background(), []string{dir}, nil)
	require.NoError(t, err)
	st, err := os.Stat(p)
	require.NoError(t, err)
	assert.Equal(t, fs.FileMode(0o600), st.Mode().Perm())
	b, _ := os.ReadFile(p)
	assert.Equal(t, "---\nt: 1\n---\nX\n", string(b))
}

func TestBatchSymlinks(t *testing.T) {
	base := t.TempDir()
	site := filepath.Join(base, "site")
	outside := filepath.Join(base, "outside")
	writeTree(t, base, map[string]string{
		"site/pages/a.md":    "---\nt: a\n---\na\n",
		"outside/secret.md":  "---\nt: s\n---\nsecret\n",
		"outside/dir/b.md":   "---\nt: b\n---\nb\n",
		"site/pages/loop/.k": "",
	})
	require.NoError(t, os.Symlink(filepath.Join(outside, "secret.md"), filepath.Join(site, "pages", "secret.md")))
	require.NoError(t, os.Symlink(filepath.Join(outside, "dir"), filepath.Join(site, "linked")))
	require.NoError(t, os.Symlink("..", filepath.Join(site, "pages", "loop", "up")))
	require.NoError(t, os.Symlink("a.md", filepath.Join(site, "pages", "alias.md")))

	var got []string
	_, err := (&Batch{Page: upper}).Run(context.Background(), []string{site}, func(r *PageResult) error {
		got = append(got, describeResult(r))
		return nil
	})
	require.NoError(t, err)
	assert.Equal(t, []string{"changed " + filepath.Join(site, "pages", "a.md") + " (written)"}, got,
		"links to files and folders are not followed, a loop does not hang the walk")
	tree := readTree(t, base)
	assert.Equal(t, "---\nt: s\n---\nsecret\n", tree["outside/secret.md"])
	assert.Equal(t, "---\nt: b\n---\nb\n", tree["outside/dir/b.md"])

	// A page file named through a link fails; a folder named through a
	// link is walked.
	got = nil
	link := filepath.Join(base, "sitelink")
	require.NoError(t, os.Symlink(site, link))
	_, err = (&Batch{Page: upper, DryRun: true}).Run(context.Background(), []string{filepath.Join(site, "pages", "alias.md"), link}, func(r *PageResult) error {
		got = append(got, describeResult(r))
		if r.Status == StatusFailed {
			assert.ErrorIs(t, r.Err, ErrSymlink)
		}
		return nil
	})
	require.NoError(t, err)
	assert.Equal(t, []string{
		"failed " + filepath.Join(site, "pages", "alias.md") + ": 0:0: symbolic link (name the file it points to)",
		"unchanged " + filepath.Join(link, "pages", "a.md"),
	}, got)
}

func TestBatchOutputNeverEscapes(t *testing.T) {
	base := t.TempDir()
	writeTree(t, base, map[string]string{
		"site/pages/a.md":  "---\nt: a\n---\na\n",
		"site/_posts/b.md": "---\nt: b\n---\nb\n",
		"elsewhere/.keep":  "",
	})
	out := filepath.Join(base, "out")
	require.NoError(t, os.MkdirAll(out, 0o755))
	// out/pages leads out of out; out/_posts/b.md is a link to a file
	// outside.
	require.NoError(t, os.Symlink(filepath.Join(base, "elsewhere"), filepath.Join(out, "pages")))
	require.NoError(t, os.MkdirAll(filepath.Join(out, "_posts"), 0o755))
	require.NoError(t, os.Symlink(filepath.Join(base, "elsewhere", "b.md"), filepath.Join(out, "_posts", "b.md")))

	var got []*PageResult
	sum, err := (&Batch{Page: upper, Out: out, Overwrite: true}).Run(context.Background(), []string{filepath.Join(base, "site")}, func(r *PageResult) error {
		got = append(got, r)
		return nil
	})
	require.NoError(t, err)
	assert.Equal(t, 2, sum.Failed, "%v", got)
	assert.ErrorIs(t, got[0].Err, ErrSymlink)
	assert.Contains(t, got[0].Err.Error(), filepath.Join(out, "_posts", "b.md"))
	assert.Error(t, got[1].Err, "a path out of Out through a link")
	assert.Equal(t, map[string]string{".keep": ""}, readTree(t, filepath.Join(base, "elsewhere")), "nothing written outside out")
}

func TestBatchStaleTempFiles(t *testing.T) {
	dir := t.TempDir()
	stale := ".a.md" + tempMark + "0123456789abcdef" + tempSuffix
	writeTree(t, dir, map[string]string{
		"pages/a.md":        "---\nt: a\n---\na\n",
		"pages/" + stale:    "---\nt: a\n---\nhalf",
		"pages/.notours.md": "hidden",
	})
	names, err := Walk(os.DirFS(dir))
	require.NoError(t, err)
	assert.Equal(t, []string{"pages/a.md"}, names, "temporary files are hidden")

	_, err = (&Batch{Page: upper, DryRun: true}).Run(context.Background(), []string{dir}, nil)
	require.NoError(t, err)
	assert.Contains(t, readTree(t, dir), "pages/"+stale, "a dry run removes nothing")

	_, err = (&Batch{Page: upper}).Run(context.Background(), []string{dir}, nil)
	require.NoError(t, err)
	tree := readTree(t, dir)
	assert.NotContains(t, tree, "pages/"+stale, "a run in place removes stale temporary files")
	assert.Contains(t, tree, "pages/.notours.md", "and only those")
}

func TestBatchMissingPath(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{"a.md": "---\nt: a\n---\na\n", "notes.txt": "x"})
	var got []*PageResult
	_, err := (&Batch{Page: upper, DryRun: true}).Run(context.Background(),
		[]string{filepath.Join(dir, "missing"), filepath.Join(dir, "notes.txt"), filepath.Join(dir, "a.md")},
		func(r *PageResult) error {
			got = append(got, r)
			return nil
		})
	require.NoError(t, err)
	require.Len(t, got, 3)
	assert.ErrorIs(t, got[0].Err, fs.ErrNotExist)
	assert.ErrorIs(t, got[1].Err, ErrNotPage)
	assert.Equal(t, StatusChanged, got[2].Status)
}

// copySite copies the corpus site called name into a new temporary
// folder and returns the copy's path.
func copySite(t testing.TB, name string) string {
	t.Helper()
	src := filepath.Join(corpus.Dir(t), name)
	dst := filepath.Join(t.TempDir(), name)
	require.NoError(t, os.CopyFS(dst, os.DirFS(src)))
	return dst
}

// TestBatchCorpusSite converts whole corpus sites to tiptap in place and
// checks that every page is accounted for, that a second run changes
// nothing, and that a run into another folder gives the same bytes.
func TestBatchCorpusSite(t *testing.T) {
	sites := []string{"isomerpages__pa-ccc", "isomerpages__spf-spom", "isomerpages__isomerpages-template"}
	if testing.Short() {
		sites = sites[:1]
	}
	all := corpus.Pages(t)
	for _, site := range sites {
		t.Run(site, func(t *testing.T) {
			want := 0
			for _, p := range all {
				if p.Site == site {
					want++
				}
			}
			dir := copySite(t, site)
			orig := readTree(t, dir)
			c, err := convert.New()
			require.NoError(t, err)
			page := Convert(c, convert.OpToTiptap)

			out := filepath.Join(t.TempDir(), "out")
			sumOut, err := (&Batch{Page: page, Out: out}).Run(context.Background(), []string{dir}, nil)
			require.NoError(t, err)
			assert.Equal(t, orig, readTree(t, dir), "a run into Out leaves the site alone")

			sum, err := (&Batch{Page: page}).Run(context.Background(), []string{dir}, func(r *PageResult) error {
				if r.Status == StatusFailed {
					t.Logf("failed: %v", r.Err)
				}
				return nil
			})
			require.NoError(t, err)
			t.Logf("%s: %+v", site, sum)
			assert.Equal(t, want, sum.Pages-sum.Skipped, "every corpus page is in the batch")
			assert.Equal(t, sum.Changed+sum.Unchanged+sum.Failed+sum.Skipped, sum.Pages)
			assert.Equal(t, sum.Changed, sum.Written)
			assert.Equal(t, sumOut.Changed, sum.Changed)

			// The Out copy holds the same bytes as the site converted in
			// place.
			converted := readTree(t, dir)
			for name, data := range readTree(t, out) {
				assert.Equal(t, converted[name], data, name)
			}

			again, err := (&Batch{Page: page, DryRun: true, Diff: true}).Run(context.Background(), []string{dir}, func(r *PageResult) error {
				if r.Status == StatusChanged {
					t.Errorf("a second run changes %s:\n%s", r.Path, r.Diff)
				}
				return nil
			})
			require.NoError(t, err)
			assert.Zero(t, again.Changed, "a second run changes nothing")
			assert.Equal(t, converted, readTree(t, dir))
		})
	}
}

// BenchmarkBatchCorpus converts the whole corpus to tiptap in a dry run.
func BenchmarkBatchCorpus(b *testing.B) {
	fsys := os.DirFS(corpus.Dir(b))
	c, err := convert.New()
	require.NoError(b, err)
	bt := &Batch{Page: Convert(c, convert.OpToTiptap), DryRun: true}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := bt.RunFS(context.Background(), fsys, nil); err != nil {
			b.Fatal(err)
		}
	}
}

// FuzzBatchPage runs pages through a batch: whatever the page, the batch
// does not panic, fails only with an *Error naming the page, and reports
// a status and a diff that agree with the bytes it returns.
func FuzzBatchPage(f *testing.F) {
	seeds, _ := filepath.Glob(filepath.Join("testdata", "batch", "*.txtar"))
	for _, s := range seeds {
		ar, err := txtar.ParseFile(s)
		if err != nil {
			f.Fatal(err)
		}
		for _, file := range ar.Files {
			if strings.HasPrefix(file.Name, "site/") {
				f.Add(file.Data, uint8(0))
			}
		}
	}
	pages := corpus.Pages(f)
	for i := 0; i < len(pages); i += 97 {
		f.Add(pages[i].Data, uint8(i))
	}
	c, err := convert.New()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, src []byte, op uint8) {
		o := convert.Op(op % 3)
		b := &Batch{Page: Convert(c, o), Diff: true}
		r, out := b.RunPage("page.md", src)
		switch r.Status {
		case StatusFailed:
			var e *convert.Error
			require.ErrorAs(t, r.Err, &e)
			assert.Equal(t, "page.md", e.Path)
			assert.NotErrorIs(t, r.Err, ErrPanic)
			assert.Nil(t, out)
		case StatusSkipped:
			assert.Nil(t, out)
			assert.NotEmpty(t, r.Reason)
		case StatusChanged:
			require.NotNil(t, r.Report)
			require.NoError(t, diff.Check(src, out, r.Diff))
		case StatusUnchanged:
			require.NotNil(t, r.Report)
			assert.Equal(t, src, out)
			assert.Nil(t, r.Diff)
		}
	})
}

// TestBatchWindowIsBounded checks that fast workers do not run ahead of a
// slow consumer by more than the window, so that results waiting for
// their turn stay few however many pages the batch has.
func TestBatchWindowIsBounded(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, sitePages(150))
	const workers = 3
	var pending, most atomic.Int32
	page := func(p PageFile, src []byte) ([]byte, *convert.Report, error) {
		n := pending.Add(1)
		for {
			m := most.Load()
			if n <= m || most.CompareAndSwap(m, n) {
				break
			}
		}
		return upper(p, src)
	}
	sum, err := (&Batch{Page: page, DryRun: true, Workers: workers}).Run(context.Background(), []string{dir}, func(r *PageResult) error {
		pending.Add(-1)
		time.Sleep(200 * time.Microsecond)
		return nil
	})
	require.NoError(t, err)
	assert.Equal(t, 150, sum.Changed)
	// The window holds 4 per worker, the consumer one, each worker one more.
	assert.LessOrEqual(t, int(most.Load()), 4*workers+1+workers)
	assert.Greater(t, int(most.Load()), workers, "the workers did run ahead")
}

func TestBatchPageFileNames(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{
		"site/pages/a.md":   "---\nt: a\n---\na\n",
		"site/_posts/b.md":  "---\nt: b\n---\nb\n",
		"loose/c.md":        "---\nt: c\n---\nc\n",
		"loose/nested/d.md": "---\nt: d\n---\nd\n",
	})
	var got []PageFile
	var mu sync.Mutex
	page := func(p PageFile, src []byte) ([]byte, *convert.Report, error) {
		mu.Lock()
		p.tr = nil // the batch's own, for its budgets
		got = append(got, p)
		mu.Unlock()
		return src, &convert.Report{}, nil
	}
	_, err := (&Batch{Page: page, DryRun: true}).Run(context.Background(),
		[]string{filepath.Join(dir, "site"), filepath.Join(dir, "loose", "c.md")}, nil)
	require.NoError(t, err)
	slices.SortFunc(got, func(a, b PageFile) int { return strings.Compare(a.Path, b.Path) })
	assert.Equal(t, []PageFile{
		{Path: filepath.Join(dir, "loose", "c.md"), Name: "c.md"},
		{Path: filepath.Join(dir, "site", "_posts", "b.md"), Name: "_posts/b.md"},
		{Path: filepath.Join(dir, "site", "pages", "a.md"), Name: "pages/a.md"},
	}, got)

	r, _ := (&Batch{Page: page}).RunPage(filepath.Join("x", "y.md"), []byte("---\n---\n"))
	assert.Equal(t, StatusUnchanged, r.Status)
	assert.Equal(t, PageFile{Path: filepath.Join("x", "y.md"), Name: "y.md"}, got[len(got)-1])
}
