package convert_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/tiptapmd/tiptapmd"
	"github.com/tiptapmd/tiptapmd/convert"
	"github.com/tiptapmd/tiptapmd/frontmatter"
	"github.com/tiptapmd/tiptapmd/tiptap"
)

// cmsEntries converts a Markdown page to tiptap and returns its body and
// its cms-resave entries.
func cmsEntries(t *testing.T, page string) ([]byte, []tiptapmd.Note) {
	t.Helper()
	out, rep, err := convert.ToTiptap([]byte(page))
	if err != nil {
		t.Fatal(err)
	}
	p, err := frontmatter.Parse(out)
	if err != nil {
		t.Fatal(err)
	}
	var es []tiptapmd.Note
	for _, e := range rep.Items {
		if e.Code == convert.CodeCMSResave {
			es = append(es, e)
		}
	}
	return p.Body(), es
}

// TestCMSResaveEntry moves a footnote link across every wrap position of
// a line: a page gets a cms-resave entry exactly when the CMS's save
// changes its body, and the entry says where and what.
func TestCMSResaveEntry(t *testing.T) {
	flagged := 0
	for n := 1; n <= 75; n++ {
		page := "---\ntitle: T\n---\nIntro.\n\nThe meter " + strings.Repeat("x", n) + ".[1](#notes) Showing the rest.\n"
		body, es := cmsEntries(t, page)
		saved, err := tiptap.Resave(body)
		if err != nil {
			t.Fatal(err)
		}
		if changes := !bytes.Equal(saved, body); changes != (len(es) == 1) || len(es) > 1 {
			t.Fatalf("n=%d: %d cms-resave entries; the CMS's save changes the body: %v\n%s\n---\n%s", n, len(es), changes, body, saved)
		}
		if len(es) == 0 {
			continue
		}
		flagged++
		e := es[0]
		if e.Severity != tiptapmd.Review || e.Line != 6 ||
			!strings.Contains(e.Message, "the first save in IsomerCMS will change the visible text") ||
			!strings.Contains(e.Message, "x. 1") {
			t.Errorf("n=%d: entry %v; want a review at line 6 that shows the new text", n, e)
		}
	}
	if flagged == 0 {
		t.Error("no wrap fell inside the link's tag: the test does not test")
	}
}

func TestCMSResaveAutolink(t *testing.T) {
	_, es := cmsEntries(t, "---\ntitle: T\n---\nFind us at *trackAIanswers.com*\n\nMore.\n")
	if len(es) != 1 || es[0].Line != 4 || !strings.Contains(es[0].Message, `turn "trackAIanswers.com" into a link to http://trackAIanswers.com`) {
		t.Errorf("entries %v; want one at line 4 about the new link", es)
	}
	for _, page := range []string{
		"---\ntitle: T\n---\nFind us at [trackAIanswers.com](http://trackAIanswers.com)\n\nMore.\n",
		"---\ntitle: T\n---\nFrom [Civil Service College Singapore](https://vimeo.com/user57303802) on [Vimeo](https://vimeo.com/).\n",
		"---\ntitle: T\n---\n",
	} {
		if body, es := cmsEntries(t, page); len(es) != 0 {
			t.Errorf("%q: entries %v for a body the CMS saves as it is:\n%s", page, es, body)
		}
	}
}
