package markdown_test

import (
	"bytes"
	"errors"
	"fmt"
	"log"
	"strings"
	"testing"

	"github.com/tiptapmd/tiptapmd"
	"github.com/tiptapmd/tiptapmd/frontmatter"
	"github.com/tiptapmd/tiptapmd/internal/corpus"
	"github.com/tiptapmd/tiptapmd/markdown"
	"github.com/tiptapmd/tiptapmd/tiptap"
)

// refsDescribe writes each reference as "kind [angle] `span` url".
func refsDescribe(src []byte, refs []markdown.Reference) string {
	var b strings.Builder
	for _, r := range refs {
		span := "-"
		if r.Start >= 0 {
			span = string(src[r.Start:r.End])
		}
		angle := ""
		if r.Angle {
			angle = " angle"
		}
		fmt.Fprintf(&b, "%v%s `%s` %q\n", r.Kind, angle, span, r.URL)
	}
	return b.String()
}

func TestRefs(t *testing.T) {
	for _, tc := range []struct{ name, src, want string }{
		{"inline", `[a](/a) ![b](/b.png "t") [c]( /c ) [d](</d e>) [e](/e f.pdf 'T')`, "" +
			"link `/a` \"/a\"\n" +
			"image `/b.png` \"/b.png\"\n" +
			"link `/c` \"/c\"\n" +
			"link angle `/d e` \"/d e\"\n" +
			"link `/e f.pdf` \"/e f.pdf\"\n"},
		{"empty", `[a]() [b](<>) [c]( "t")`, "" +
			"link `` \"\"\n" +
			"link angle `` \"\"\n" +
			"link `` \"\"\n"},
		{"image in link", `[![alt](/i.png)](/i.png)`, "" +
			"image `/i.png` \"/i.png\"\n" +
			"link `/i.png` \"/i.png\"\n"},
		{"nested parentheses and Liquid", `[a](/x_(y).pdf) [b]({{ "/a b" | relative_url }}) [c](/a?q=1&amp;r=2)`, "" +
			"link `/x_(y).pdf` \"/x_(y).pdf\"\n" +
			"link `{{ \"/a b\" | relative_url }}` \"{{ \\\"/a b\\\" | relative_url }}\"\n" +
			"link `/a?q=1&amp;r=2` \"/a?q=1&amp;r=2\"\n"},
		{"IAL", `[a](/a){:target="_blank"} and ![i](/i.png){: width="50%"}`, "" +
			"link `/a` \"/a\"\n" +
			"image `/i.png` \"/i.png\"\n"},
		{"definitions", "[a][one] [b][] ![c][img] ![d][two] [e][two]\n\n[one]: /one\n[b]: </b b>\n[img]: /img.png \"T\"\n[two]: /two\n[unused]: /u\n", "" +
			"link-definition `/one` \"/one\"\n" +
			"link-definition angle `/b b` \"/b b\"\n" +
			"image-definition `/img.png` \"/img.png\"\n" +
			"link-definition `/two` \"/two\"\n" +
			"link-definition `/u` \"/u\"\n"},
		{"autolinks", `<https://x.sg/a?b> <info@x.sg> <mailto:a@b.sg> <x-tag>`, "" +
			"autolink angle `https://x.sg/a?b` \"https://x.sg/a?b\"\n" +
			"autolink angle `info@x.sg` \"mailto:info@x.sg\"\n" +
			"autolink angle `mailto:a@b.sg` \"mailto:a@b.sg\"\n" +
			"html `<x-tag>` \"\"\n"},
		{"not links", "`[a](/code)` {% link x %} \\[b](/escaped)\n\n    [c](/indented)\n\n```\n[d](/fenced)\n```\n", ""},
		{"raw html", "<div>\n<a href=\"/a\">a</a>\n\n<img src=/b>\n</div>\n\nText <b>bold</b> <a href=\"/c\">c</a> <!-- <a href=\"/d\"> --> `<a href=\"/e\">`\n", "" +
			"html `<div>\n<a href=\"/a\">a</a>\n\n<img src=/b>\n</div>\n` \"\"\n" +
			"html `<b>` \"\"\n" +
			"html `<a href=\"/c\">` \"\"\n"},
		{"raw content element", "A <u>x <a href=\"/u\">y</a></u> z", "" +
			"html `<u>x <a href=\"/u\">y</a></u>` \"\"\n"},
		{"containers", "- [a](/a)\n  > [b](/b)\n\n| x | [c](/c) |\n|---|---|\n| 1 | 2 |\n\n# [d](/d)\n", "" +
			"link `/a` \"/a\"\n" +
			"link `/b` \"/b\"\n" +
			"link `/c` \"/c\"\n" +
			"link `/d` \"/d\"\n"},
		{"multi-line destination", "[a](/a\nb) x\n> [c](/c\n> d)\n", "" +
			"link `/a\nb` \"/a\\nb\"\n" +
			"link `-` \"/c\\nd\"\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			src := []byte(tc.src)
			refs, err := markdown.Refs(src)
			if err != nil {
				t.Fatal(err)
			}
			if got := refsDescribe(src, refs); got != tc.want {
				t.Errorf("Refs(%q):\n%s\nwant:\n%s", tc.src, got, tc.want)
			}
		})
	}
}

func ExampleRefs() {
	src := []byte("See [the form](/files/Form A.pdf){:target=\"_blank\"} and `[code](/x)`.\n\n<img src=\"/images/a.png\">\n")
	refs, err := markdown.Refs(src)
	if err != nil {
		log.Fatal(err)
	}
	for _, r := range refs {
		fmt.Printf("%v %d-%d %q\n", r.Kind, r.Start, r.End, src[r.Start:r.End])
	}
	// Output:
	// link 15-32 "/files/Form A.pdf"
	// html 71-96 "<img src=\"/images/a.png\">"
}

func TestRefsCRLF(t *testing.T) {
	src := []byte("a\r\n\r\n[b](/b)\r\n<img\r\n src=\"/c\">\r\n[d](/d\r\ne)")
	refs, err := markdown.Refs(src)
	if err != nil {
		t.Fatal(err)
	}
	want := "link `/b` \"/b\"\nhtml `<img\r\n src=\"/c\">` \"\"\nlink `/d\r\ne` \"/d\\ne\"\n"
	if got := refsDescribe(src, refs); got != want {
		t.Errorf("got\n%q\nwant\n%q", got, want)
	}
}

func TestRefsInvalidUTF8(t *testing.T) {
	_, err := markdown.Refs([]byte("ok\n[a](/\xff)"))
	var pe *markdown.ParseError
	if !errors.As(err, &pe) || !errors.Is(err, markdown.ErrInvalidUTF8) || pe.Pos != (tiptapmd.Pos{Line: 2, Column: 6}) {
		t.Fatalf("err = %v, want invalid UTF-8 at 2:6", err)
	}
}

// refsCheck checks what holds for the references of any source: they
// are in order, inside src and apart; a destination's span holds its
// URL; a RefHTML span starts with "<".
func refsCheck(t *testing.T, src []byte, refs []markdown.Reference) (unlocated int) {
	t.Helper()
	last := 0
	for _, r := range refs {
		if r.Start < 0 {
			if r.End != -1 || r.Kind == markdown.RefHTML {
				t.Fatalf("%+v: bad span", r)
			}
			unlocated++
			continue
		}
		if r.Start < last || r.End < r.Start || r.End > len(src) {
			t.Fatalf("%+v: span out of order or out of bounds (last end %d, len %d)", r, last, len(src))
		}
		last = r.End
		span := string(src[r.Start:r.End])
		switch {
		case r.Kind == markdown.RefHTML:
			if span == "" || span[0] != '<' {
				t.Fatalf("%+v: HTML span %q", r, span)
			}
		case r.Kind == markdown.RefAutolink && r.URL == "mailto:"+span:
		default:
			if strings.ReplaceAll(strings.ReplaceAll(span, "\r\n", "\n"), "\r", "\n") != r.URL {
				t.Fatalf("%+v: span %q is not the URL", r, span)
			}
		}
		if r.Angle && r.Kind != markdown.RefHTML && (r.Start == 0 || src[r.Start-1] != '<' || r.End >= len(src) || src[r.End] != '>') {
			t.Fatalf("%+v: not in angle brackets", r)
		}
	}
	return unlocated
}

// TestRefsCorpus checks the references of every Markdown body of the
// corpus: all are located, and refsCheck holds.
func TestRefsCorpus(t *testing.T) {
	kinds := make(map[markdown.ReferenceKind]int)
	for _, p := range corpus.Pages(t) {
		if p.Variant() == "tiptap" {
			continue
		}
		fm, err := frontmatter.Parse(p.Data)
		if err != nil {
			t.Fatal(err)
		}
		refs, err := markdown.Refs(fm.Body())
		if err != nil {
			t.Errorf("%s: %v", p.Path, err)
			continue
		}
		if n := refsCheck(t, fm.Body(), refs); n > 0 {
			t.Errorf("%s: %d destinations not located", p.Path, n)
		}
		for _, r := range refs {
			kinds[r.Kind]++
		}
	}
	t.Logf("references by kind: %v", kinds)
}

func FuzzRefs(f *testing.F) {
	for _, s := range []string{
		"[a](/a) ![b](</b c> \"t\") <https://x> <a@b.c>", "[a][r]\n\n[r]: /r", "<div>\n<a href=x>\n</div>",
		"x <u>y</u> `<a>` [![i](/i)](/l){:.c}", "[a](/a\nb)", "> [a](/a\n> b)", "[]( \"t\")", "[](<>)",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		refs, err := markdown.Refs(src)
		if err != nil {
			if !errors.Is(err, markdown.ErrInvalidUTF8) && !errors.Is(err, tiptap.ErrTooDeep) && !errors.Is(err, tiptap.ErrTooLarge) {
				t.Fatalf("unexpected error: %v", err)
			}
			return
		}
		refsCheck(t, src, refs)
		again, err := markdown.Refs(bytes.Clone(src))
		if err != nil || len(again) != len(refs) {
			t.Fatalf("Refs is not deterministic: %v", err)
		}
	})
}
