package convert

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"

	"github.com/tiptapmd/tiptapmd/tiptap"
)

// CodeCMSResave: the first time an editor opens the page in IsomerCMS
// and saves it, the CMS will change what a visitor sees (see
// [tiptap.Resave]): its html@1.0.0 layout adds or drops a space around a
// link whose tag its 70-column wrap splits, or its Link extension turns
// the last word of the first text block into a link. Tiptap bodies are
// written so that the CMS's save gives the same bytes wherever that keeps
// the page as it is; this entry marks the pages where it cannot. It is
// given exactly when the CMS's save would change the body's bytes.
const CodeCMSResave = "cms-resave"

// cmsResaveEntry says what the CMS's first save will change in out, the
// tiptap body written for a page, which reads back as back. doc is the
// document written (its blocks carry positions in the source body) and
// bodyLine the number of page lines before the body.
func cmsResaveEntry(doc, back *tiptap.Node, out []byte, bodyLine int) (Entry, bool) {
	saved, err := tiptap.Resave(out)
	if err != nil || bytes.Equal(saved, out) {
		return Entry{}, false
	}
	e := Entry{Code: CodeCMSResave, Severity: SeverityReview}
	sdoc, _, err := tiptap.ParseHTML(saved)
	var what []string
	if err == nil {
		if text, href, ok := newLink(back, sdoc); ok {
			what = append(what, fmt.Sprintf("turn %q into a link to %s", text, href))
		}
		if b, a := statsOf(back).Text, statsOf(sdoc).Text; b != a {
			what = append(what, "change the visible text: "+firstDifference(b, a))
		}
	}
	line := firstDiffLine(out, saved)
	if len(what) == 0 {
		if link := linkTextAt(saved, line); link != "" {
			what = append(what, fmt.Sprintf("put a line break, which shows as a space, next to the link %q", link))
		} else {
			what = append(what, "change the spacing of the text")
		}
	}
	e.Message = "the first save in IsomerCMS will " + strings.Join(what, " and ") +
		"; the page as converted does not do this"
	e.Line, e.Column = sourcePos(doc, back, line, bodyLine)
	return e, true
}

// linkRun is the text and href of one link.
type linkRun struct{ text, href string }

// links lists the links of doc, a run of text with one link mark each.
func links(doc *tiptap.Node) []linkRun {
	var out []linkRun
	last := ""
	_ = tiptap.Walk(doc, func(n *tiptap.Node, entering bool) (tiptap.WalkStatus, error) {
		if !entering || n.Type != tiptap.TypeText {
			if entering {
				last = ""
			}
			return tiptap.WalkContinue, nil
		}
		href, linked := "", false
		for _, m := range n.Marks {
			if m.Type == tiptap.MarkLink {
				href, linked = m.AttrString("href"), true
			}
		}
		switch {
		case !linked:
			last = ""
		case href == last && len(out) > 0:
			out[len(out)-1].text += n.Text
		default:
			out = append(out, linkRun{n.Text, href})
			last = href
		}
		return tiptap.WalkContinue, nil
	})
	return out
}

// newLink returns the first link of after that before does not have.
func newLink(before, after *tiptap.Node) (text, href string, ok bool) {
	have := map[linkRun]int{}
	for _, l := range links(before) {
		have[l]++
	}
	for _, l := range links(after) {
		if have[l] > 0 {
			have[l]--
			continue
		}
		return l.text, l.href, true
	}
	return "", "", false
}

// firstDiffLine returns the 1-based line of b where a and b first differ.
func firstDiffLine(a, b []byte) int {
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	return 1 + bytes.Count(b[:i], []byte("\n"))
}

var (
	linkOnLine = regexp.MustCompile(`<a [^>]*>(.*?)</a>`)
	tagPattern = regexp.MustCompile(`<[^>]*>`)
)

// linkTextAt returns the text of the first link that starts on the given
// line of body or the next, or "".
func linkTextAt(body []byte, line int) string {
	lines := bytes.Split(body, []byte("\n"))
	for l := line - 1; l >= 0 && l < len(lines) && l <= line; l++ {
		joined := bytes.Join(lines[l:], []byte(" "))
		if m := linkOnLine.FindSubmatch(joined); m != nil {
			return string(tagPattern.ReplaceAll(m[1], nil))
		}
	}
	return ""
}

// sourcePos returns the position in the source page of the block of doc
// that corresponds to the top-level block of back holding the given line
// of the written body, or 0, 0 when it is not known.
func sourcePos(doc, back *tiptap.Node, line, bodyLine int) (int, int) {
	if n := len(back.Content) - len(doc.Content); n != 0 && n != 1 {
		// RenderHTML may only have added the editor's trailing paragraph.
		return 0, 0
	}
	k := -1
	for i, b := range back.Content {
		if b.Pos.IsValid() && b.Pos.Line <= line {
			k = i
		}
	}
	if k < 0 || k >= len(doc.Content) || !doc.Content[k].Pos.IsValid() {
		return 0, 0
	}
	return doc.Content[k].Pos.Line + bodyLine, doc.Content[k].Pos.Column
}
