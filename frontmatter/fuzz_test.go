package frontmatter_test

import (
	"bytes"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"

	"github.com/tiptapmd/tiptapmd/frontmatter"
)

// seed adds the inputs of the golden archives and some corpus pages.
func seed(f *testing.F) [][]byte {
	f.Helper()
	var seeds [][]byte
	paths, err := filepath.Glob("testdata/*.txtar")
	if err != nil || len(paths) == 0 {
		f.Fatalf("no golden archives to seed from: %v", err)
	}
	for _, p := range paths {
		a, err := txtar.ParseFile(p)
		if err != nil {
			f.Fatal(err)
		}
		for _, s := range a.Files {
			switch s.Name {
			case "in.md":
				seeds = append(seeds, s.Data)
			case "in.md.crlf":
				seeds = append(seeds, bytes.ReplaceAll(s.Data, []byte("\n"), []byte("\r\n")))
			}
		}
	}
	// Many keys, and one key repeated many times: key lookups and the
	// removal of repeated keys took quadratic time (issue #15).
	var many, repeated bytes.Buffer
	many.WriteString("---\n")
	repeated.WriteString("---\n")
	for i := range 200 {
		fmt.Fprintf(&many, "k%d: v\n", i)
		repeated.WriteString("second_nav_title: v\n")
	}
	many.WriteString("---\nBody\n")
	repeated.WriteString("---\nBody\n")
	seeds = append(seeds, many.Bytes(), repeated.Bytes())
	pages := corpusPages(f)
	for i := 0; i < len(pages); i += 97 {
		seeds = append(seeds, pages[i].Data)
	}
	return seeds
}

var sentinels = []error{
	frontmatter.ErrUnterminated, frontmatter.ErrTab, frontmatter.ErrControlChar, frontmatter.ErrEncoding,
	frontmatter.ErrSyntax, frontmatter.ErrNotMapping, frontmatter.ErrAliasLimit,
}

// checkErr checks that err is a *ParseError with a sentinel and a line in
// the page.
func checkErr(t *testing.T, src []byte, err error) {
	t.Helper()
	var pe *frontmatter.ParseError
	if !errors.As(err, &pe) {
		t.Fatalf("error %v (%T) is not a *ParseError", err, err)
	}
	found := false
	for _, s := range sentinels {
		found = found || errors.Is(err, s)
	}
	if !found {
		t.Fatalf("error %v wraps no sentinel", err)
	}
	if lines := bytes.Count(src, []byte("\n")) + 1; pe.Pos.Line < 1 || pe.Pos.Line > lines || pe.Pos.Column < 0 {
		t.Fatalf("error %v: line %d, column %d outside the page (%d lines)", err, pe.Pos.Line, pe.Pos.Column, lines)
	}
}

// FuzzParse splits, parses and writes pages: no panic, a typed error or a
// page that writes back byte for byte.
func FuzzParse(f *testing.F) {
	for _, s := range seed(f) {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		parts, err := frontmatter.Split(src)
		if err != nil {
			checkErr(t, src, err)
		} else if !bytes.Equal(parts.Bytes(), src) {
			t.Fatal("Split then Bytes changes the page")
		}
		p, err := frontmatter.Parse(src)
		if err != nil {
			checkErr(t, src, err)
			return
		}
		if !bytes.Equal(p.Bytes(), src) {
			t.Fatalf("an untouched page does not write back byte for byte:\n%q\n%q", src, p.Bytes())
		}
		for _, k := range p.Keys() {
			if _, ok := p.Get(k); !ok {
				t.Fatalf("key %q is listed but not found", k)
			}
		}
		_ = p.Warnings()
	})
}

// FuzzSet sets a key to a value: the page still parses, the key reads back
// as the value (or the edit is refused with a warning), and the other keys
// keep their values.
func FuzzSet(f *testing.F) {
	for i, s := range seed(f) {
		f.Add(s, []string{"title", "variant", "new_key", "a: b"}[i%4], []string{"x", "yes", " padded ", "a\nb", "#"}[i%5])
	}
	f.Fuzz(func(t *testing.T, src []byte, key, value string) {
		p, err := frontmatter.Parse(src)
		if err != nil {
			return
		}
		before := map[string]frontmatter.Value{}
		for _, k := range p.Keys() {
			before[k], _ = p.Get(k)
		}
		warnings := len(p.Warnings())
		p.Set(key, value)
		q, err := frontmatter.Parse(p.Bytes())
		if err != nil {
			t.Fatalf("Set(%q, %q) broke the page: %v\n%s", key, value, err, p.Bytes())
		}
		key = strings.ToValidUTF8(key, "\uFFFD")
		got, ok := q.String(key)
		refused := len(p.Warnings()) > warnings
		if !refused && (!ok || got != strings.ToValidUTF8(value, "\uFFFD")) {
			t.Fatalf("Set(%q, %q) reads back as %q, %v\n%s", key, value, got, ok, p.Bytes())
		}
		for k, v := range before {
			if k == key {
				continue
			}
			w, ok := q.Get(k)
			if !ok || w.Str != v.Str || w.Tag != v.Tag || w.Kind != v.Kind {
				t.Fatalf("Set(%q, %q) changed key %q: %+v -> %+v", key, value, k, v, w)
			}
		}
	})
}

// FuzzNormalize checks that normalizing is idempotent, with the default
// rules, all rules, and the CMS style.
func FuzzNormalize(f *testing.F) {
	for _, s := range seed(f) {
		f.Add(s, false)
		f.Add(s, true)
	}
	f.Fuzz(func(t *testing.T, src []byte, cms bool) {
		for _, rules := range []frontmatter.Rule{0, frontmatter.AllRules} {
			opts := frontmatter.NormalizeOptions{Rules: rules, CMSStyle: cms}
			once, _, err := frontmatter.Normalize(src, opts)
			if err != nil {
				checkErr(t, src, err)
				return
			}
			twice, changes, err := frontmatter.Normalize(once, opts)
			if err != nil {
				t.Fatalf("normalized page does not parse: %v\n%s", err, once)
			}
			if !bytes.Equal(once, twice) || len(changes) > 0 {
				t.Fatalf("normalizing twice differs from once (%+v):\n%q\n%q\n%+v", opts, once, twice, changes)
			}
		}
	})
}
