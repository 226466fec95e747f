package rewrite

import (
	"bytes"
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/tools/txtar"

	"github.com/tiptapmd/tiptapmd/internal/corpus"
	"github.com/tiptapmd/tiptapmd/tiptap"
)

// fuzzSeeds adds to f the sections of the golden archives whose names
// start with prefix, and the bodies of a few corpus pages of variant
// (when the corpus is there; fuzzing does not need it).
func fuzzSeeds(f *testing.F, prefix string, tiptap bool) {
	paths, err := filepath.Glob(filepath.Join("testdata", "rewrite", "*.txtar"))
	if err != nil || len(paths) == 0 {
		f.Fatalf("no golden archives to seed from: %v", err)
	}
	for _, p := range paths {
		a, err := txtar.ParseFile(p)
		if err != nil {
			f.Fatal(err)
		}
		for _, s := range a.Files {
			if strings.HasPrefix(s.Name, prefix) {
				f.Add(s.Data)
			}
		}
	}
	n := 0
	for _, p := range corpus.Pages(f) {
		if (p.Variant() == "tiptap") == tiptap && len(p.Body()) < 20000 && n < 40 && len(p.Body()) > 200 {
			f.Add(p.Body())
			n++
		}
	}
}

// checkRewrite checks the properties of a rewrite of src by rewrite:
// the identity rewrite gives src back; a rewrite that appends to every
// URL changes only URL bytes and keeps the number of references, each
// reading back with the new URL.
func checkRewrite(t *testing.T, src []byte, rewrite func([]byte, Func) ([]byte, []Ref, error), sites func([]byte) ([]refSite, error)) {
	out, refs, err := rewrite(src, keep)
	if err != nil {
		if !utf8.Valid(src) || errors.Is(err, tiptap.ErrTooDeep) || errors.Is(err, tiptap.ErrTooLarge) {
			return
		}
		t.Fatalf("identity rewrite: %v", err)
	}
	if !bytes.Equal(out, src) {
		t.Fatalf("identity rewrite changed the input:\n%q\n%q", src, out)
	}
	out, refs2, err := rewrite(src, appendX)
	var re *Error
	if errors.As(err, &re) && errors.Is(err, ErrUnwritable) && strings.ContainsAny(re.Ref.URL, "<>\n\r\t") {
		// A URL written across lines or in angle brackets that it also
		// holds ("[](<>0\n 0)") cannot always take new bytes in place;
		// the rewriter refuses it with a positioned error instead of
		// changing what the page means, which is the contract.
		return
	}
	if err != nil {
		t.Fatalf("append rewrite: %v", err)
	}
	if len(refs2) != len(refs) {
		t.Fatalf("%d refs, then %d", len(refs), len(refs2))
	}
	old, err := sites(src)
	if err != nil {
		t.Fatal(err)
	}
	neu, err := sites(out)
	if err != nil {
		t.Fatalf("the output does not read: %v", err)
	}
	if len(old) != len(neu) {
		t.Fatalf("%d refs before, %d after:\n%q\n%q", len(old), len(neu), src, out)
	}
	widenChanged(src, old, neu)
	if !bytes.Equal(withoutSpans(src, old), withoutSpans(out, neu)) {
		t.Fatalf("bytes other than URLs changed:\n%q\n%q", src, out)
	}
}

func FuzzRewriteHTML(f *testing.F) {
	fuzzSeeds(f, "in.html", true)
	f.Fuzz(func(t *testing.T, src []byte) {
		checkRewrite(t, src, func(b []byte, fn Func) ([]byte, []Ref, error) {
			return HTML(b, PageInfo{Path: "p.html"}, fn)
		}, func(b []byte) ([]refSite, error) {
			s := scanHTML(b, 0, len(b), nil)
			sortSites(s)
			return s, nil
		})
	})
}

func FuzzRewriteMarkdown(f *testing.F) {
	fuzzSeeds(f, "in.md", false)
	f.Fuzz(func(t *testing.T, src []byte) {
		checkRewrite(t, src, func(b []byte, fn Func) ([]byte, []Ref, error) {
			return Markdown(b, PageInfo{Path: "p.md"}, fn)
		}, markdownSites)
	})
}
