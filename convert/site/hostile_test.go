package site

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tiptapmd/tiptapmd/convert"
	"github.com/tiptapmd/tiptapmd/frontmatter"
	"github.com/tiptapmd/tiptapmd/internal/xss"
	"github.com/tiptapmd/tiptapmd/markdown"
	"github.com/tiptapmd/tiptapmd/tiptap"
)

// The hostile-input suite: pages that are broken or written to do harm,
// run through a real batch on real files, in place. Each must end in a
// clear error with a position (and the file byte for byte as it was) or
// in a safe result, and every other page of the batch must still be
// converted. (Writing onto a full disk is covered by the command's
// TestFullDisk, which needs a process of its own.)

// aliasBomb is the "billion laughs" in YAML: nine aliases per level,
// seven levels, 9^7 (4.8 million) strings once expanded.
const aliasBomb = `---
title: Bomb
a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
---
Body
`

// hostileMarkdown and hostileTiptap try every way into the HTML that the
// CMS would store: script URLs, event handler attributes, script and
// style elements, data: images and iframes.
const hostileMarkdown = `---
title: Hostile
---
[click](javascript:alert(1)) and [vb](vbscript:msgbox) and
[data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)
<a href="JaVaScRiPt:alert(1)" onclick="alert(1)">mixed case</a>
<img src="/images/a.png" onerror="alert(1)" alt="a">
![inline](data:image/png;base64,iVBORw0KGgo=)

<script>alert(1)</script>

<style>body { display: none }</style>

<div onmouseover="alert(1)" style="background:url(javascript:alert(1))">hover</div>

<iframe src="javascript:alert(1)"></iframe>

<svg onload="alert(1)"><script>alert(2)</script></svg>
`

const hostileTiptap = `---
title: Hostile
variant: tiptap
---
<p><a href="javascript:alert(1)" onclick="x()">a</a> <a href=" java	script:alert(1)">b</a></p>
<script>alert(1)</script><style>p{}</style>
<iframe src="javascript:alert(1)" onload="x()"></iframe>
<div class="isomer-image-wrapper"><img src="data:image/png;base64,AAAA" onerror="x()"></div>
<p onmouseover="x()">text</p>
`

// dangerous matches what must never reach a converted page: script
// URLs, event handler attributes, script and style elements.
var dangerous = regexp.MustCompile(`(?i)javascript:|vbscript:|data:text|\son[a-z]+\s*=|<script|<style|<svg`)

// A hostileCase is one page of the suite and what must become of it.
type hostileCase struct {
	name string
	data []byte
	// For a page that must fail: the error (errors.Is) and its position
	// (0 when the error has none).
	err          error
	line, column int
	// For a page that must convert or be skipped.
	status Status
	// codes are report entry codes the result must have.
	codes []string
	// check looks at the result.
	check func(t *testing.T, out []byte)
}

func hostileCases() []hostileCase {
	longLine := "---\ntitle: Long\n---\n" + strings.Repeat("word ", 200_000) + "\n"
	binary := make([]byte, 4096)
	for i := range binary {
		binary[i] = byte(i * 7)
	}
	return append([]hostileCase{
		{name: "alias-bomb.md", data: []byte(aliasBomb), err: frontmatter.ErrAliasLimit, line: 4, column: 8},
		{name: "unterminated.md", data: []byte("---\ntitle: Open\npermalink: /open/\n\nThe body, which never comes.\n"), err: frontmatter.ErrUnterminated, line: 1, column: 1},
		{name: "tab-indent.md", data: []byte("---\ntitle: x\nthird_nav_title:\n\t- a\n---\nBody\n"), err: frontmatter.ErrTab, line: 4, column: 1},
		{name: "invalid-utf8-front.md", data: []byte("---\ntitle: bad \xff\n---\nBody\n"), err: frontmatter.ErrEncoding, line: 2, column: 12},
		{name: "invalid-utf8-body.md", data: []byte("---\ntitle: ok\n---\nHello \xff\xfe world\n"), err: markdown.ErrInvalidUTF8, line: 4, column: 7},
		{name: "nul-front.md", data: []byte("---\ntitle: a\x00b\n---\nBody\n"), err: frontmatter.ErrControlChar, line: 2, column: 9},
		{name: "binary-front.md", data: append([]byte("---\ntitle: x\n---\n"), binary...), err: markdown.ErrInvalidUTF8, line: 4, column: 20},
		{
			name: "nul-body.md", data: []byte("---\ntitle: ok\n---\nHello \x00 world\n"),
			status: StatusChanged, codes: []string{string(tiptap.CodeDroppedText)},
			check: func(t *testing.T, out []byte) {
				assert.NotContains(t, string(out), "\x00")
				assert.Contains(t, string(out), "<p>Hello world</p>")
			},
		},
		{
			// Jekyll copies a file without front matter as it is.
			name: "binary.md", data: binary, status: StatusSkipped,
		},
		{
			name: "long-line.md", data: []byte(longLine), status: StatusChanged,
			check: func(t *testing.T, out []byte) {
				assert.Equal(t, 200_000, bytes.Count(out, []byte("word")), "every word of the 1 MB line is kept")
			},
		},
		{
			name: "deep.md", data: []byte("---\ntitle: Deep\n---\n" + strings.Repeat("<div>", 2000) + "x" + strings.Repeat("</div>", 2000) + "\n"),
			err: tiptap.ErrTooDeep, line: 4, column: 2551,
		},
		{
			name: "hostile.md", data: []byte(hostileMarkdown), status: StatusChanged,
			codes: []string{string(tiptap.CodeUnsafeURL), string(tiptap.CodeDroppedScript), string(tiptap.CodeDroppedElement), string(tiptap.CodeActiveContent)},
			check: func(t *testing.T, out []byte) {
				assert.Empty(t, dangerous.FindAllString(string(out), -1), "nothing dangerous is written:\n%s", out)
				for _, text := range []string{"click", "vb", "data", "mixed case", "hover"} {
					assert.Contains(t, string(out), text, "the text of a dropped link or element stays")
				}
				assert.Contains(t, string(out), `src="/images/a.png"`)
			},
		},
		{
			name: "hostile-tiptap.md", data: []byte(hostileTiptap), status: StatusChanged,
			codes: []string{string(tiptap.CodeUnsafeURL), string(tiptap.CodeDroppedScript), string(tiptap.CodeActiveContent)},
			check: func(t *testing.T, out []byte) {
				assert.Empty(t, dangerous.FindAllString(string(out), -1), "nothing dangerous is written:\n%s", out)
				assert.Contains(t, string(out), "text")
			},
		},
		{
			name: "hostile-instagram.md", data: []byte(hostileInstagram), status: StatusChanged,
			codes: []string{string(tiptap.CodeActiveContent), string(tiptap.CodeDroppedScript), string(tiptap.CodeUnsafeURL), string(tiptap.CodeDroppedElement)},
			check: func(t *testing.T, out []byte) {
				assert.Empty(t, dangerous.FindAllString(withoutEmbedScript(string(out)), -1), "nothing dangerous is written:\n%s", out)
				assert.Empty(t, xss.Features(string(out)))
				assert.Contains(t, string(out), ">A caption</a>")
			},
		},
		{
			// Escaped markup in Liquid stays text in both variants.
			name: "hostile-liquid.md", data: []byte("---\ntitle: Liquid\nvariant: tiptap\n---\n<p>{{ \"&lt;script&gt;alert(2)&lt;/script&gt;\" }}</p><p>{% assign x = \"&lt;script src=//evil.example/x.js&gt;&lt;/script&gt;\" %}{{ x }}</p>"),
			status: StatusChanged,
			check: func(t *testing.T, out []byte) {
				assert.Contains(t, string(out), `{{ "&lt;script&gt;alert(2)&lt;/script&gt;" }}`)
			},
		},
		{
			// A variant flipped in Page Settings and never saved from
			// the editor: the body is Markdown.
			name: "markdown-body-tiptap.md", data: []byte("---\ntitle: Flipped\nvariant: tiptap\n---\nIntro.\n\n## Heading\n\n- item **bold** [x](javascript:alert(1))\n"),
			status: StatusChanged, codes: []string{string(convert.CodeMarkdownBody), string(tiptap.CodeUnsafeURL)},
			check: func(t *testing.T, out []byte) {
				assert.Contains(t, string(out), "<h2>Heading</h2>")
				assert.Contains(t, string(out), "<strong>bold</strong>")
				assert.Empty(t, dangerous.FindAllString(string(out), -1))
			},
		},
	}, linearCases()...)
}

// hostileInstagram hides active content in an Instagram embed, which the
// document keeps as HTML.
const hostileInstagram = `---
title: Instagram
variant: tiptap
---
<div class="instagram-wrapper"><blockquote class="instagram-media" data-instgrm-permalink="https://www.instagram.com/p/abc/" data-instgrm-version="14" onmouseover="alert(1)"><div><img src=x onerror="alert(1)"><script>alert(1)</script><a href="javascript:alert(1)">x</a><iframe srcdoc="<script>alert(1)</script>"></iframe></div><p><a href="https://www.instagram.com/p/abc/">A caption</a></p></blockquote><script async="true" src="//www.instagram.com/embed.js"></script></div>`

// withoutEmbedScript returns s without the Instagram embed script, which
// the CMS allow-lists.
func withoutEmbedScript(s string) string {
	s = strings.ReplaceAll(s, `<script async="true" src="//www.instagram.com/embed.js"></script>`, "")
	return strings.ReplaceAll(s, `<script src="//www.instagram.com/embed.js" async="true"></script>`, "")
}

// writeSite writes the pages into dir/pages and returns their paths.
func writeSite(t *testing.T, dir string, cases []hostileCase) {
	t.Helper()
	require.NoError(t, os.MkdirAll(filepath.Join(dir, "pages"), 0o755))
	for _, c := range cases {
		require.NoError(t, os.WriteFile(filepath.Join(dir, "pages", c.name), c.data, 0o644))
	}
	// A good page, which the bad ones must not stop.
	require.NoError(t, os.WriteFile(filepath.Join(dir, "pages", "good.md"), []byte("---\ntitle: Good\n---\nHello *world*\n"), 0o644))
}

// TestHostilePages converts the suite to the tiptap variant in place,
// and then the converted pages back to Markdown.
func TestHostilePages(t *testing.T) {
	cases := hostileCases()
	dir := t.TempDir()
	writeSite(t, dir, cases)

	for _, op := range []convert.Op{convert.OpToTiptap, convert.OpToMarkdown} {
		t.Run(op.String(), func(t *testing.T) {
			before := readTree(t, filepath.Join(dir, "pages"))
			results := map[string]*PageResult{}
			// What each page comes to is checked here, not its time: the
			// budgets have tests of their own (budget_test.go), and the
			// race detector makes the large pages slower than theirs.
			b := &Batch{Page: Convert(newConverter(t), op), PageTimeout: -1}
			sum, err := b.Run(context.Background(), []string{dir}, func(r *PageResult) error {
				results[filepath.Base(r.Path)] = r
				return nil
			})
			require.NoError(t, err)
			assert.Equal(t, len(cases)+1, sum.Pages, "every file was handled")

			good := results["good.md"]
			require.NotNil(t, good)
			assert.Contains(t, []Status{StatusChanged, StatusUnchanged}, good.Status, "the good page goes through: %v", good.Err)

			after := readTree(t, filepath.Join(dir, "pages"))
			for _, c := range cases {
				r := results[c.name]
				if !assert.NotNil(t, r, c.name) {
					continue
				}
				if c.err != nil {
					if op == convert.OpToMarkdown && r.Status != StatusFailed {
						continue // only the pages that failed stay to fail again
					}
					checkFailed(t, c, r)
					assert.Equal(t, before[c.name], after[c.name], "%s: a page that fails is left as it was", c.name)
					continue
				}
				if op == convert.OpToMarkdown {
					// The second pass reads the first one's (safe) output.
					assert.NotEqual(t, StatusFailed, r.Status, "%s: %v", c.name, r.Err)
					assert.Empty(t, dangerous.FindAllString(withoutEmbedScript(after[c.name]), -1), "%s", c.name)
					continue
				}
				assert.Equal(t, c.status, r.Status, "%s: %v", c.name, r.Err)
				if c.status == StatusSkipped {
					assert.Equal(t, before[c.name], after[c.name], "%s: a skipped file is left as it was", c.name)
					continue
				}
				for _, code := range c.codes {
					assert.True(t, hasEntry(r.Report, code), "%s: the report has a %s entry: %+v", c.name, code, r.Report)
				}
				if c.check != nil {
					c.check(t, []byte(after[c.name]))
				}
			}
			assert.Empty(t, tempFiles(t, dir), "no temporary file is left")
		})
	}
}

// checkFailed checks the result of a page that must fail.
func checkFailed(t *testing.T, c hostileCase, r *PageResult) {
	t.Helper()
	if !assert.Equal(t, StatusFailed, r.Status, c.name) {
		return
	}
	assert.ErrorIs(t, r.Err, c.err, c.name)
	var ce *convert.Error
	if assert.ErrorAs(t, r.Err, &ce, c.name) && c.line > 0 {
		assert.Equal(t, [2]int{c.line, c.column}, [2]int{ce.Pos.Line, ce.Pos.Column}, "%s: %v", c.name, r.Err)
	}
	assert.False(t, r.Written, c.name)
}

func hasEntry(r *convert.Report, code string) bool {
	if r == nil {
		return false
	}
	for _, e := range r.Items {
		if string(e.Code) == code {
			return true
		}
	}
	return false
}

// tempFiles returns the temporary files of a batch left under dir.
func tempFiles(t *testing.T, dir string) []string {
	t.Helper()
	var left []string
	for name := range readTree(t, dir) {
		if isTempName(path.Base(name)) {
			left = append(left, name)
		}
	}
	return left
}

// TestHostileHugePage: a page file larger than the batch's limit fails
// with ErrTooLarge without being read (the 100 MB file is sparse: it
// takes no room on the disk), and so does a file that is larger than the
// limit when read although smaller when listed.
func TestHostileHugePage(t *testing.T) {
	dir := t.TempDir()
	huge := filepath.Join(dir, "huge.md")
	f, err := os.Create(huge)
	require.NoError(t, err)
	_, err = f.WriteString("---\ntitle: Huge\n---\n")
	require.NoError(t, err)
	require.NoError(t, f.Truncate(100<<20))
	require.NoError(t, f.Close())
	good := filepath.Join(dir, "good.md")
	require.NoError(t, os.WriteFile(good, []byte("---\ntitle: Good\n---\nHello\n"), 0o644))

	var results []*PageResult
	b := &Batch{Page: Convert(newConverter(t), convert.OpToTiptap)}
	_, err = b.Run(context.Background(), []string{huge, good}, func(r *PageResult) error {
		results = append(results, r)
		return nil
	})
	require.NoError(t, err)
	require.Len(t, results, 2)
	assert.Equal(t, StatusFailed, results[0].Status)
	assert.ErrorIs(t, results[0].Err, ErrTooLarge)
	assert.Contains(t, results[0].Err.Error(), "104857600 bytes")
	assert.Equal(t, StatusChanged, results[1].Status)
	st, err := os.Stat(huge)
	require.NoError(t, err)
	assert.Equal(t, int64(100<<20), st.Size(), "the huge page is left as it was")

	// The limit is the batch's to set; the size read counts, not the
	// size listed.
	growing := fstest.MapFS{"pages/a.md": {Data: []byte("---\ntitle: A\n---\n" + strings.Repeat("x", 100))}}
	b = &Batch{Page: Convert(newConverter(t), convert.OpToTiptap), MaxPageSize: 50, DryRun: true}
	var r *PageResult
	_, err = b.RunFS(context.Background(), lyingFS{growing}, func(pr *PageResult) error { r = pr; return nil })
	require.NoError(t, err)
	require.NotNil(t, r)
	assert.ErrorIs(t, r.Err, ErrTooLarge)

	b.MaxPageSize = -1
	_, err = b.RunFS(context.Background(), lyingFS{growing}, func(pr *PageResult) error { r = pr; return nil })
	require.NoError(t, err)
	assert.Equal(t, StatusChanged, r.Status, "no limit: %v", r.Err)
}

// lyingFS lists every file as 10 bytes long.
type lyingFS struct{ fstest.MapFS }

func (l lyingFS) Stat(name string) (fs.FileInfo, error) {
	st, err := l.MapFS.Stat(name)
	if err != nil || st.IsDir() {
		return st, err
	}
	return smallInfo{st}, nil
}

type smallInfo struct{ fs.FileInfo }

func (smallInfo) Size() int64 { return 10 }

// TestHostileUnreadable: a page that cannot be read, and a folder that
// cannot be listed, each fail as a result of their own with the file
// system's error; the rest of the site goes through. (Files made unreadable with chmod would not do: the
// tests may run as root.)
func TestHostileUnreadable(t *testing.T) {
	page := &fstest.MapFile{Data: []byte("---\ntitle: P\n---\nText\n")}
	fsys := failingFS{MapFS: fstest.MapFS{
		"pages/a.md": page, "pages/locked.md": page, "secret/b.md": page, "z.md": page,
	}}
	var failed, done []string
	b := &Batch{Page: Convert(newConverter(t), convert.OpToTiptap), DryRun: true}
	sum, err := b.RunFS(context.Background(), fsys, func(r *PageResult) error {
		if r.Status == StatusFailed {
			failed = append(failed, r.Path)
			assert.ErrorIs(t, r.Err, fs.ErrPermission, r.Path)
		} else {
			done = append(done, r.Path)
		}
		return nil
	})
	require.NoError(t, err)
	assert.Equal(t, []string{"pages/locked.md", "secret"}, failed, "the page and the folder fail on their own")
	assert.Equal(t, []string{"pages/a.md", "z.md"}, done)
	assert.Equal(t, 2, sum.Failed)
}

// failingFS refuses to open pages/locked.md and to list secret.
type failingFS struct{ fstest.MapFS }

func (f failingFS) Open(name string) (fs.File, error) {
	if name == "pages/locked.md" || name == "secret" {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrPermission}
	}
	return f.MapFS.Open(name)
}

func (f failingFS) ReadDir(name string) ([]fs.DirEntry, error) {
	if name == "secret" {
		return nil, &fs.PathError{Op: "readdir", Path: name, Err: fs.ErrPermission}
	}
	return f.MapFS.ReadDir(name)
}

// TestHostileOutputPaths: outputs that would leave the output folder
// through a symbolic link, pages that are symbolic links, and a symbolic
// link loop in the site: nothing is written outside, nothing is read
// through a link, and the walk ends.
func TestHostileOutputPaths(t *testing.T) {
	base := t.TempDir()
	site, out, outside := filepath.Join(base, "site"), filepath.Join(base, "out"), filepath.Join(base, "outside")
	for _, d := range []string{filepath.Join(site, "pages"), out, outside} {
		require.NoError(t, os.MkdirAll(d, 0o755))
	}
	page := []byte("---\ntitle: P\n---\nText\n")
	require.NoError(t, os.WriteFile(filepath.Join(site, "pages", "a.md"), page, 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(outside, "secret.md"), []byte("keep"), 0o644))
	// The output folder's pages/ leads outside; a page is a link to a
	// file outside; a folder of the site links back to the site.
	require.NoError(t, os.Symlink(outside, filepath.Join(out, "pages")))
	require.NoError(t, os.Symlink(filepath.Join(outside, "secret.md"), filepath.Join(site, "pages", "link.md")))
	require.NoError(t, os.Symlink("..", filepath.Join(site, "pages", "loop")))

	var results []*PageResult
	b := &Batch{Page: Convert(newConverter(t), convert.OpToTiptap), Out: out}
	_, err := b.Run(context.Background(), []string{site, filepath.Join(site, "pages", "link.md")}, func(r *PageResult) error {
		results = append(results, r)
		return nil
	})
	require.NoError(t, err)
	require.Len(t, results, 2, "the walk takes a.md once and never follows the loop or the link")
	for _, r := range results {
		assert.Equal(t, StatusFailed, r.Status, r.Path)
	}
	assert.True(t, errors.Is(results[1].Err, ErrSymlink), "a page that is a link is not read: %v", results[1].Err)
	entries, err := os.ReadDir(outside)
	require.NoError(t, err)
	assert.Len(t, entries, 1, "nothing is written outside the output folder")
	b2, _ := os.ReadFile(filepath.Join(outside, "secret.md"))
	assert.Equal(t, "keep", string(b2))
}

// newConverter returns a converter with the default options.
func newConverter(t *testing.T) *convert.Converter {
	t.Helper()
	c, err := convert.New()
	require.NoError(t, err)
	return c
}

// TestHostileConcurrentRuns: a second batch over a site that a first one
// is writing fails at once, before reading a page, with a LockError that
// names the holder; once the first ends, its lock is gone and the site
// is whole in one variant. A lock left by a process that has ended is
// taken over.
func TestHostileConcurrentRuns(t *testing.T) {
	dir := t.TempDir()
	budgetSite(t, dir)
	entered, release := make(chan struct{}), make(chan struct{})
	conv := Convert(newConverter(t), convert.OpToTiptap)
	first := &Batch{Workers: 1, Page: func(p PageFile, src []byte) ([]byte, *convert.Report, error) {
		if p.Name == "pages/bad.md" {
			close(entered)
			<-release
		}
		return conv(p, src)
	}}
	done := make(chan error, 1)
	go func() {
		_, err := first.Run(context.Background(), []string{dir}, nil)
		done <- err
	}()
	<-entered
	held, err := os.ReadFile(filepath.Join(dir, LockName))
	require.NoError(t, err)
	assert.Contains(t, string(held), fmt.Sprintf("pid %d on ", os.Getpid()))

	calls := 0
	second := &Batch{Page: func(p PageFile, src []byte) ([]byte, *convert.Report, error) {
		calls++
		return Convert(newConverter(t), convert.OpToMarkdown)(p, src)
	}}
	for _, paths := range [][]string{{dir}, {filepath.Join(dir, "pages", "a.md"), dir}} {
		sum, err := second.Run(context.Background(), paths, nil)
		var le *LockError
		require.ErrorAs(t, err, &le)
		assert.ErrorIs(t, err, ErrLocked)
		assert.Equal(t, dir, le.Dir)
		assert.Contains(t, err.Error(), fmt.Sprintf("locked by pid %d on ", os.Getpid()))
		assert.Contains(t, err.Error(), filepath.Join(dir, LockName))
		assert.Zero(t, sum.Pages)
	}
	assert.Zero(t, calls, "the second batch read no page")
	// A dry run writes nothing and takes no lock.
	_, err = (&Batch{Page: conv, DryRun: true}).Run(context.Background(), []string{dir}, nil)
	assert.NoError(t, err)

	close(release)
	require.NoError(t, <-done)
	_, err = os.Stat(filepath.Join(dir, LockName))
	assert.ErrorIs(t, err, fs.ErrNotExist, "the lock is removed at the end")
	for name, data := range readTree(t, dir) {
		assert.Contains(t, data, "variant: tiptap", name)
	}

	// A lock of a process of this host that has ended is taken over; one
	// of another host is not.
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	require.NoError(t, cmd.Run())
	host, err := os.Hostname()
	require.NoError(t, err)
	stale := fmt.Sprintf("pid %d on %s, since 2026-01-01T00:00:00Z\n", cmd.Process.Pid, host)
	require.NoError(t, os.WriteFile(filepath.Join(dir, LockName), []byte(stale), 0o644))
	_, err = (&Batch{Page: conv}).Run(context.Background(), []string{dir}, nil)
	require.NoError(t, err, "a stale lock is taken over")
	require.NoError(t, os.WriteFile(filepath.Join(dir, LockName), []byte("pid 1 on elsewhere\n\x1b[2Jforged"), 0o644))
	_, err = (&Batch{Page: conv}).Run(context.Background(), []string{dir}, nil)
	require.ErrorIs(t, err, ErrLocked)
	assert.Contains(t, err.Error(), `pid 1 on elsewhere\n\x1b[2Jforged`, "the holder is shown with its control characters escaped")
}

// TestHostileReadOnly: a read-only page is not replaced in place, nor a
// read-only output with Overwrite: the page fails with ErrReadOnly (in a
// dry run too) and the file is left as it was, unless the batch is asked
// to replace read-only files; the page stays read-only then.
func TestHostileReadOnly(t *testing.T) {
	dir := t.TempDir()
	paths := budgetSite(t, dir)
	ro := paths[1]
	require.NoError(t, os.Chmod(ro, 0o444))
	before := readTree(t, dir)
	conv := Convert(newConverter(t), convert.OpToTiptap)

	for _, dry := range []bool{true, false} {
		results, sum, err := runAll(t, &Batch{Page: conv, DryRun: dry}, dir)
		require.NoError(t, err)
		assert.Equal(t, 1, sum.Failed, "dry run %v", dry)
		r := results["bad.md"]
		assert.ErrorIs(t, r.Err, ErrReadOnly, "dry run %v", dry)
		assert.Contains(t, r.Err.Error(), "read-only file")
		assert.False(t, r.Written)
	}
	assert.Equal(t, before["pages/bad.md"], readTree(t, dir)["pages/bad.md"], "left as it was")

	results, _, err := runAll(t, &Batch{Page: conv, ReplaceReadOnly: true}, dir)
	require.NoError(t, err)
	assert.True(t, results["bad.md"].Written, "%v", results["bad.md"].Err)
	st, err := os.Stat(ro)
	require.NoError(t, err)
	assert.Equal(t, fs.FileMode(0o444), st.Mode().Perm(), "the page stays read-only")

	// A read-only output in Out, with Overwrite.
	out := filepath.Join(t.TempDir(), "out")
	require.NoError(t, os.MkdirAll(filepath.Join(out, "pages"), 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(out, "pages", "a.md"), []byte("old"), 0o444))
	results, _, err = runAll(t, &Batch{Page: Convert(newConverter(t), convert.OpToMarkdown), Out: out, Overwrite: true}, dir)
	require.NoError(t, err)
	assert.ErrorIs(t, results["a.md"].Err, ErrReadOnly)
	assert.True(t, results["c.md"].Written)
}
