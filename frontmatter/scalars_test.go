package frontmatter_test

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/tiptapmd/tiptapmd/frontmatter"
)

// find returns the string value at path.
func find(t *testing.T, list []frontmatter.StringValue, path string) frontmatter.StringValue {
	t.Helper()
	for _, s := range list {
		if s.Path == path {
			return s
		}
	}
	t.Fatalf("no string value at %s in %v", path, list)
	return frontmatter.StringValue{}
}

func TestStrings(t *testing.T) {
	src := "---\ntitle: T\ncount: 3\nwhen: 2024-01-02\nempty:\nsections:\n  - hero:\n      background: \"/images/a b.png\"\n      key_highlights:\n        - url: /x/\nlist: [a, 'b']\nalias: &a /anchored\nuse: *a\n---\nbody\n"
	p, err := frontmatter.Parse([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, s := range p.Strings() {
		got = append(got, s.Path+"|"+s.Key+"|"+s.Str)
	}
	want := []string{
		"title|title|T",
		"sections[0].hero.background|background|/images/a b.png",
		"sections[0].hero.key_highlights[0].url|url|/x/",
		"list[0]|list|a",
		"list[1]|list|b",
		"alias|alias|/anchored",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	bg := find(t, p.Strings(), "sections[0].hero.background")
	if bg.Pos.Line != 8 || bg.Pos.Column != 19 {
		t.Errorf("background at %d:%d, want 8:19", bg.Pos.Line, bg.Pos.Column)
	}
}

// TestSetString sets one value in each way YAML writes strings and
// checks that only its bytes changed.
func TestSetString(t *testing.T) {
	for _, tc := range []struct {
		name, src, path, value, want string
	}{
		{"plain", "a: /images/x.png # c\n", "a", "/media/images/x.png", "a: /media/images/x.png # c\n"},
		{"double", "a: \"/images/x y.png\"\n", "a", "/media/x y.png", "a: \"/media/x y.png\"\n"},
		{"double escapes", "a: \"<a href=\\\"/x/\\\">\\u00e9</a>\"\n", "a", "<a href=\"/y/\">\u00e9</a>", "a: \"<a href=\\\"/y/\\\">\\u00e9</a>\"\n"},
		{"single", "a: 'it''s /x/'\n", "a", "it's /yy/", "a: 'it''s /yy/'\n"},
		{"new quote in single", "a: '/x/'\n", "a", "/it's/", "a: '/it''s/'\n"},
		{"folded plain", "a: <a\n  href=\"/x/\">x</a>\nb: 1\n", "a", "<a href=\"/z/\">x</a>", "a: <a\n  href=\"/z/\">x</a>\nb: 1\n"},
		{"literal", "a: |\n  <img src=\"/x.png\">\n", "a", "<img src=\"/y.png\">\n", "a: |\n  <img src=\"/y.png\">\n"},
		{"nested list", "s:\n  - - /x/\n    - /x/\n", "s[0][1]", "/y/", "s:\n  - - /x/\n    - /y/\n"},
		{"flow", "s: [/x/, /x/]\n", "s[1]", "/y/", "s: [/x/, /y/]\n"},
		{"requoted", "a: /x/ # c\n", "a", "/x: y/", "a: \"/x: y/\" # c\n"},
		{"crlf", "a: /x/\r\nb: /x/\r\n", "b", "/y/", "a: /x/\r\nb: /y/\r\n"},
		{"same value twice", "a: /x/ /x/\n", "a", "/x/ /y/", "a: /x/ /y/\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			// As front matter and as a data file.
			page := "---\n" + tc.src + "---\nbody\n"
			p, err := frontmatter.Parse([]byte(page))
			if err != nil {
				t.Fatal(err)
			}
			if err := p.SetString(find(t, p.Strings(), tc.path), tc.value); err != nil {
				t.Fatal(err)
			}
			if got, want := string(p.Bytes()), "---\n"+tc.want+"---\nbody\n"; got != want {
				t.Errorf("page: got\n%q\nwant\n%q", got, want)
			}
			if got := find(t, p.Strings(), tc.path).Str; got != tc.value {
				t.Errorf("page: the value reads back as %q", got)
			}
			d, err := frontmatter.ParseData([]byte(tc.src))
			if err != nil {
				t.Fatal(err)
			}
			if err := d.SetString(find(t, d.Strings(), tc.path), tc.value); err != nil {
				t.Fatal(err)
			}
			if got := string(d.Bytes()); got != tc.want {
				t.Errorf("data: got\n%q\nwant\n%q", got, tc.want)
			}
		})
	}
}

func TestSetStringRefused(t *testing.T) {
	d, err := frontmatter.ParseData([]byte("a: &x /x/\nb: *x\nc: |\n  multi\n  line\n"))
	if err != nil {
		t.Fatal(err)
	}
	list := d.Strings()
	before := string(d.Bytes())
	err = d.SetString(find(t, list, "a"), "/y/")
	if !errors.Is(err, frontmatter.ErrNotSettable) || !strings.Contains(err.Error(), "line 1, column 4") {
		t.Errorf("anchored value: %v", err)
	}
	// A stale value (the document changed since Strings) is refused.
	stale := find(t, list, "c")
	stale.Str = "other"
	if err := d.SetString(stale, "x"); !errors.Is(err, frontmatter.ErrNotSettable) {
		t.Errorf("stale value: %v", err)
	}
	// A block scalar whose new text cannot go in place, with ": " in a
	// plain run, is still set, or refused; never left half-written.
	if err := d.SetString(find(t, list, "c"), "multi\nline: two\n"); err == nil {
		if got := find(t, d.Strings(), "c").Str; got != "multi\nline: two\n" {
			t.Errorf("c reads back as %q", got)
		}
	} else if string(d.Bytes()) != before {
		t.Errorf("a refused edit changed the file")
	}
}

func TestParseData(t *testing.T) {
	d, err := frontmatter.ParseData([]byte("\xef\xbb\xbf- url: /a/\n- url: /b/\n"))
	if err != nil {
		t.Fatal(err)
	}
	if got := len(d.Strings()); got != 2 {
		t.Errorf("%d strings, want 2", got)
	}
	if !bytes.HasPrefix(d.Bytes(), []byte("\xef\xbb\xbf")) {
		t.Error("the byte order mark is lost")
	}
	empty, err := frontmatter.ParseData(nil)
	if err != nil || len(empty.Strings()) != 0 {
		t.Errorf("empty file: %v, %d strings", err, len(empty.Strings()))
	}
	for _, bad := range []struct {
		src       string
		line, col int
		sentinel  error
	}{
		{"a: b\nc: [\n", 3, 0, frontmatter.ErrSyntax},
		{"a: b\n\tc: d\n", 2, 1, frontmatter.ErrTab},
		{"a: \x01\n", 1, 4, frontmatter.ErrControlChar},
	} {
		_, err := frontmatter.ParseData([]byte(bad.src))
		var pe *frontmatter.ParseError
		if !errors.As(err, &pe) || !errors.Is(err, bad.sentinel) || pe.Pos.Line != bad.line || (bad.col != 0 && pe.Pos.Column != bad.col) {
			t.Errorf("%q: %v", bad.src, err)
		}
	}
}

// FuzzSetString sets every string value of a YAML file to a changed
// text and checks that the file reads back with that value and nothing
// else changed, or that the edit is refused and the file unchanged.
func FuzzSetString(f *testing.F) {
	for _, s := range []string{
		"a: /x/\n", "a: \"/x/\"\nb: '/y/'\n", "s:\n  - hero:\n      background: /i.png\n",
		"d: <a\n  href=\"/x/\">x</a>\n", "l: |\n  /x/\n", "f: [/a/, {b: /c/}]\n",
	} {
		f.Add([]byte(s), "/new/")
	}
	f.Fuzz(func(t *testing.T, src []byte, add string) {
		d, err := frontmatter.ParseData(src)
		if err != nil {
			return
		}
		list := d.Strings()
		for i := range list {
			s := d.Strings()[i]
			before := string(d.Bytes())
			value := s.Str + add
			if err := d.SetString(s, value); err != nil {
				if !errors.Is(err, frontmatter.ErrNotSettable) {
					t.Fatalf("error without ErrNotSettable: %v", err)
				}
				if string(d.Bytes()) != before {
					t.Fatalf("a refused edit changed the file")
				}
				continue
			}
			after := d.Strings()
			if len(after) != len(list) {
				t.Fatalf("%d strings after the edit, %d before", len(after), len(list))
			}
			if after[i].Str != value {
				t.Fatalf("value %d reads back as %q, want %q", i, after[i].Str, value)
			}
			list = after
		}
		// All at once: the same values, or a SetError leaving the
		// edits before it made.
		d, _ = frontmatter.ParseData(src)
		var edits []frontmatter.StringEdit
		var want []string
		for _, s := range d.Strings() {
			edits = append(edits, frontmatter.StringEdit{Value: s, Steps: []string{s.Str + add}})
			want = append(want, s.Str+add)
		}
		err = d.SetStrings(edits)
		var se *frontmatter.SetError
		if err != nil && (!errors.As(err, &se) || !errors.Is(err, frontmatter.ErrNotSettable)) {
			t.Fatalf("SetStrings: %v", err)
		}
		got := d.Strings()
		if len(got) != len(want) {
			t.Fatalf("%d strings after SetStrings, %d before", len(got), len(want))
		}
		for i := range got {
			if (err == nil || i < se.Edit) && got[i].Str != want[i] {
				t.Fatalf("value %d reads back as %q, want %q", i, got[i].Str, want[i])
			}
		}
	})
}

func TestSetStrings(t *testing.T) {
	src := "a: /x/ /x/\nb: <a href=\"/x/\">x</a> <img\n  src=\"/x/i.png\">\nc: &k /x/\nd: '/x/'\n"
	d, err := frontmatter.ParseData([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	list := d.Strings()
	edits := []frontmatter.StringEdit{
		// The first /x/ is not the one that changes: the one-pass edit
		// fails its check, and the edits are made one by one.
		{Value: find(t, list, "a"), Steps: []string{"/x/ /y/"}},
		{Value: find(t, list, "b"), Steps: []string{"<a href=\"/y/\">x</a> <img src=\"/x/i.png\">", "<a href=\"/y/\">x</a> <img src=\"/y/i.png\">"}},
		{Value: find(t, list, "d"), Steps: []string{"/it's/"}},
	}
	if err := d.SetStrings(edits); err != nil {
		t.Fatal(err)
	}
	want := "a: /x/ /y/\nb: <a href=\"/y/\">x</a> <img\n  src=\"/y/i.png\">\nc: &k /x/\nd: '/it''s/'\n"
	if got := string(d.Bytes()); got != want {
		t.Errorf("got\n%q\nwant\n%q", got, want)
	}
	// An anchored value cannot be set: the error names the edit.
	err = d.SetStrings([]frontmatter.StringEdit{
		{Value: find(t, d.Strings(), "d"), Steps: []string{"/z/"}},
		{Value: find(t, d.Strings(), "c"), Steps: []string{"/z/"}},
	})
	var se *frontmatter.SetError
	if !errors.As(err, &se) || se.Edit != 1 || se.Path != "c" || !errors.Is(err, frontmatter.ErrNotSettable) {
		t.Errorf("got %v", err)
	}
}

// TestSetStringsMany sets every value of a large file in one pass.
func TestSetStringsMany(t *testing.T) {
	var b strings.Builder
	for i := range 5000 {
		fmt.Fprintf(&b, "- title: Item %d\n  image: \"/images/%d.png\" # logo\n  url: /items/%d/\n", i, i, i)
	}
	p, err := frontmatter.Parse([]byte("---\nitems:\n" + indent(b.String()) + "---\n"))
	if err != nil {
		t.Fatal(err)
	}
	var edits []frontmatter.StringEdit
	for _, s := range p.Strings() {
		if strings.HasPrefix(s.Str, "/images/") {
			edits = append(edits, frontmatter.StringEdit{Value: s, Steps: []string{"/media" + s.Str}})
		}
	}
	if err := p.SetStrings(edits); err != nil {
		t.Fatal(err)
	}
	want := "---\nitems:\n" + indent(strings.ReplaceAll(b.String(), "\"/images/", "\"/media/images/")) + "---\n"
	if string(p.Bytes()) != want {
		t.Error("the values are not set in place")
	}
}

func indent(s string) string {
	return "  " + strings.ReplaceAll(strings.TrimSuffix(s, "\n"), "\n", "\n  ") + "\n"
}

// TestStringValueFind: Find locates text in a value by offsets into the
// page file, one occurrence after the other, and falls back to the
// value's own position.
func TestStringValueFind(t *testing.T) {
	src := []byte("---\ntitle: T\ndescription: \"see /a and /a, then /b\"\nlogo: /a\n---\nBody /a\n")
	p, err := frontmatter.Parse(src)
	require.NoError(t, err)
	var desc, logo frontmatter.StringValue
	for _, s := range p.Strings() {
		switch s.Path {
		case "description":
			desc = s
		case "logo":
			logo = s
		}
	}
	require.Equal(t, 3, desc.Pos.Line)
	pos, next, ok := desc.Find(src, 0, "/a")
	assert.True(t, ok)
	assert.Equal(t, [2]int{3, 19}, [2]int{pos.Line, pos.Column})
	pos, next, ok = desc.Find(src, next, "/a")
	assert.True(t, ok)
	assert.Equal(t, [2]int{3, 26}, [2]int{pos.Line, pos.Column})
	pos, _, ok = desc.Find(src, next, "/b")
	assert.True(t, ok)
	assert.Equal(t, [2]int{3, 35}, [2]int{pos.Line, pos.Column})
	// Not there: the value's position, and the search's start.
	pos, next, ok = desc.Find(src, 0, "/zz")
	assert.False(t, ok)
	assert.Equal(t, [3]int{3, 14, len("---\ntitle: T\n") + 13}, [3]int{pos.Line, pos.Column, next})
	pos, _, ok = logo.Find(src, 0, "/a")
	assert.True(t, ok)
	assert.Equal(t, [2]int{4, 7}, [2]int{pos.Line, pos.Column})
	// Empty text, an offset past the end, a value past the end of src.
	_, next, ok = logo.Find(src, 0, "")
	assert.False(t, ok)
	assert.Equal(t, 0, next)
	_, _, ok = logo.Find(src, len(src)+5, "/a")
	assert.False(t, ok)
	_, _, ok = logo.Find([]byte("x"), 0, "/a")
	assert.False(t, ok)
}
