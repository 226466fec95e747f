package site

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/tiptapmd/tiptapmd/convert"
	"github.com/tiptapmd/tiptapmd/convert/rewrite"
)

// budgetSite writes three pages into dir/pages, the middle one named
// bad.md, and returns their paths in the batch's order.
func budgetSite(t *testing.T, dir string) []string {
	t.Helper()
	require.NoError(t, os.MkdirAll(filepath.Join(dir, "pages"), 0o755))
	var paths []string
	for _, name := range []string{"a.md", "bad.md", "c.md"} {
		p := filepath.Join(dir, "pages", name)
		require.NoError(t, os.WriteFile(p, []byte("---\ntitle: T\n---\nHello *"+name+"*\n"), 0o644))
		paths = append(paths, p)
	}
	return paths
}

// holdUp returns a channel that a page's operation waits on, and a
// function that the operation defers to say it has ended. At the end of
// the test the channel is closed and the test waits for the operation to
// end, so that what it holds does not weigh on the tests after it.
func holdUp(t *testing.T) (release <-chan struct{}, ended func()) {
	r, e := make(chan struct{}), make(chan struct{})
	var once atomic.Bool
	t.Cleanup(func() {
		close(r)
		select {
		case <-e:
		case <-time.After(time.Minute):
			t.Error("the abandoned operation did not end")
		}
	})
	return r, func() {
		if once.CompareAndSwap(false, true) {
			close(e)
		}
	}
}

// runAll runs b over dir and returns the results by base name.
func runAll(t *testing.T, b *Batch, dir string) (map[string]*PageResult, Summary, error) {
	t.Helper()
	results := map[string]*PageResult{}
	sum, err := b.Run(context.Background(), []string{dir}, func(r *PageResult) error {
		results[filepath.Base(r.Path)] = r
		return nil
	})
	return results, sum, err
}

// TestBudgetTime: a page whose operation never returns fails on its own
// with ErrBudget once its time budget is spent; the pages after it are
// done, nothing of it is written, and Run returns without waiting for it.
func TestBudgetTime(t *testing.T) {
	dir := t.TempDir()
	budgetSite(t, dir)
	release, ended := holdUp(t)
	conv := Convert(newConverter(t), convert.OpToTiptap)
	b := &Batch{
		Page: func(p PageFile, src []byte) ([]byte, *convert.Report, error) {
			if p.Name == "pages/bad.md" {
				defer ended()
				<-release
			}
			return conv(p, src)
		},
		PageTimeout: 200 * time.Millisecond,
		Workers:     1,
	}
	before := readTree(t, dir)
	results, sum, err := runAll(t, b, dir)
	require.NoError(t, err)
	assert.Equal(t, Summary{Pages: 3, Changed: 2, Failed: 1, Invisible: 2, Written: 2}, sum)
	bad := results["bad.md"]
	require.NotNil(t, bad)
	assert.Equal(t, StatusFailed, bad.Status)
	assert.ErrorIs(t, bad.Err, ErrBudget)
	assert.Contains(t, bad.Err.Error(), "over its time budget of 200ms")
	assert.Contains(t, bad.Err.Error(), filepath.Join("pages", "bad.md")+": ", "the error names the page")
	assert.False(t, bad.Written)
	after := readTree(t, dir)
	assert.Equal(t, before["pages/bad.md"], after["pages/bad.md"], "the page over budget is left as it was")
	assert.Contains(t, after["pages/c.md"], "variant: tiptap", "the page after it is done")
}

// TestBudgetPosition: a Converter's page over its budget fails at the
// line where the part it was working on starts (here the body, held up
// in the rewrite hook), and, once released, the abandoned conversion
// stops at its next step instead of going on.
func TestBudgetPosition(t *testing.T) {
	release := make(chan struct{})
	var calls, after atomic.Int32
	stopped := make(chan struct{})
	c, err := convert.New(convert.WithRewrite(func(ref rewrite.Ref) (string, error) {
		if calls.Add(1) == 1 {
			<-release
		}
		return ref.URL, nil
	}))
	require.NoError(t, err)
	page := Convert(c, convert.OpToTiptap)
	b := &Batch{
		Page: func(p PageFile, src []byte) ([]byte, *convert.Report, error) {
			out, r, err := page(p, src)
			after.Add(1)
			if err != nil {
				assert.ErrorIs(t, err, errStopped, "the abandoned conversion stops")
				close(stopped)
			}
			return out, r, err
		},
		PageTimeout: 100 * time.Millisecond,
	}
	src := []byte("---\ntitle: T\npermalink: /t/\n---\nSee [a](/a/) and [b](/b/).\n")
	r, out := b.RunPage("pages/t.md", src)
	assert.Nil(t, out)
	require.Equal(t, StatusFailed, r.Status)
	assert.ErrorIs(t, r.Err, ErrBudget)
	var e *convert.Error
	require.ErrorAs(t, r.Err, &e)
	assert.Equal(t, "pages/t.md", e.Path)
	assert.Equal(t, 5, e.Pos.Line, "the body starts on line 5: %v", r.Err)
	assert.Contains(t, r.Err.Error(), "pages/t.md:5: over budget: the markdown body, over its time budget of 100ms after ")

	close(release)
	select {
	case <-stopped:
	case <-time.After(30 * time.Second):
		t.Fatal("the abandoned conversion did not stop")
	}
	assert.Equal(t, int32(1), after.Load())
}

// TestBudgetMemory: a page whose operation holds more memory than the
// budget fails with ErrBudget, and the batch goes on; what it held is
// not counted against the pages after it once it returns.
func TestBudgetMemory(t *testing.T) {
	dir := t.TempDir()
	budgetSite(t, dir)
	release, ended := holdUp(t)
	var held [][]byte
	conv := Convert(newConverter(t), convert.OpToTiptap)
	b := &Batch{
		Page: func(p PageFile, src []byte) ([]byte, *convert.Report, error) {
			if p.Name == "pages/bad.md" {
				defer ended()
				for range 8 {
					b := bytes.Repeat([]byte{1}, 8<<20)
					held = append(held, b)
				}
				<-release
				held = nil
			}
			return conv(p, src)
		},
		PageMemory:  32 << 20,
		PageTimeout: time.Minute,
		Workers:     1,
	}
	results, sum, err := runAll(t, b, dir)
	require.NoError(t, err)
	assert.Equal(t, 1, sum.Failed)
	bad := results["bad.md"]
	require.NotNil(t, bad)
	assert.ErrorIs(t, bad.Err, ErrBudget)
	assert.Contains(t, bad.Err.Error(), "over the memory budget of 32 MiB")
	assert.Equal(t, StatusChanged, results["c.md"].Status, "the page after it is done: %v", results["c.md"].Err)
}

// TestBudgetStopsBatch: an abandoned operation that goes on taking memory
// cannot be stopped; the batch stops instead, with an error wrapping
// ErrBudget, while its report can still be closed: the report is whole
// and valid JSON.
func TestBudgetStopsBatch(t *testing.T) {
	dir := t.TempDir()
	require.NoError(t, os.MkdirAll(filepath.Join(dir, "pages"), 0o755))
	for _, name := range []string{"a.md", "bad.md", "c.md", "d.md", "e.md"} {
		require.NoError(t, os.WriteFile(filepath.Join(dir, "pages", name), []byte("---\ntitle: T\n---\nHello\n"), 0o644))
	}
	release, ended := holdUp(t)
	cStarted, grown := make(chan struct{}), make(chan struct{})
	conv := Convert(newConverter(t), convert.OpToTiptap)
	var held [][]byte
	grow := func(mib int) {
		for range mib / 8 {
			held = append(held, bytes.Repeat([]byte{1}, 8<<20))
		}
	}
	b := &Batch{
		Page: func(p PageFile, src []byte) ([]byte, *convert.Report, error) {
			switch p.Name {
			case "pages/bad.md":
				// Over the budget: abandoned, the worker goes on to
				// c.md; then it grows on.
				defer ended()
				grow(48)
				<-cStarted
				grow(64)
				close(grown)
				<-release
				held = nil
			case "pages/c.md":
				// Still running when the batch stops.
				close(cStarted)
				<-grown
				time.Sleep(time.Second)
			}
			return conv(p, src)
		},
		PageMemory:  32 << 20,
		PageTimeout: time.Minute,
		Workers:     1,
	}
	var buf bytes.Buffer
	rw := NewReportWriter(&buf, ReportJSON)
	sum, err := b.Run(context.Background(), []string{dir}, rw.Write)
	require.Error(t, err)
	assert.ErrorIs(t, err, ErrBudget)
	assert.Contains(t, err.Error(), "stopping before the process runs out of memory")
	require.NoError(t, rw.Close(sum))
	var report struct {
		Pages   []json.RawMessage `json:"pages"`
		Summary Summary           `json:"summary"`
	}
	require.NoError(t, json.Unmarshal(buf.Bytes(), &report), "%s", buf.String())
	assert.Less(t, sum.Pages, 5, "the batch stopped before its end")
	assert.Len(t, report.Pages, sum.Pages)
	assert.True(t, strings.Contains(buf.String(), "over the memory budget"), buf.String())
}

// TestBudgetNone: negative budgets mean no limit; zero the defaults.
func TestBudgetNone(t *testing.T) {
	b := &Batch{PageTimeout: -1, PageMemory: -1}
	assert.Zero(t, b.timeout(100<<20))
	assert.Zero(t, b.memoryLimit())
	b = &Batch{}
	assert.Equal(t, DefaultPageTimeout, b.timeout(0))
	assert.Equal(t, DefaultPageTimeout+32*DefaultPageTimeoutPerMiB, b.timeout(DefaultMaxPageSize))
	assert.Equal(t, uint64(DefaultPageMemory), b.memoryLimit())
}
