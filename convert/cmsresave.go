package convert

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/tiptapmd/tiptapmd"
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
const CodeCMSResave tiptapmd.Code = "cms-resave"

// cmsResaveEntries says what the CMS's first save will change in out,
// the tiptap body written for a page, which reads back as back and which
// the save writes as saved ([tiptap.Written.ReadBack]): one entry for each
// top-level block the save changes. doc is the document written (its
// blocks carry positions in the source body) and bodyLine the number of
// page lines before the body.
func cmsResaveEntries(doc, back *tiptap.Node, out, saved []byte, bodyLine int) []tiptapmd.Note {
	if bytes.Equal(saved, out) {
		return nil
	}
	sdoc, err := tiptap.ReadHTML(saved) // compared positions aside
	if err != nil || len(sdoc.Content) != len(back.Content) {
		e := tiptapmd.Note{Code: CodeCMSResave, Severity: tiptapmd.Review,
			Message: "the first save in IsomerCMS will change this page; tiptapmd wrote it without that change"}
		e.Line, e.Column = sourcePos(doc, back, 0, bodyLine)
		return []tiptapmd.Note{e}
	}
	var es []tiptapmd.Note
	for i, b := range back.Content {
		a := sdoc.Content[i]
		if tiptap.Equal(a, b) {
			continue // the save leaves the block as it is
		}
		bt, at := rawText(b), rawText(a)
		var what []string
		if text, href, ok := newLink(b, a); ok {
			what = append(what, fmt.Sprintf("turn %q into a link to %s", text, href))
		} else if blockText(b) != blockText(a) {
			what = append(what, "change the visible text: "+firstDifference(blockText(b), blockText(a)))
		} else if bt.text != at.text {
			what = append(what, spacingChange(bt, at))
		} else {
			continue
		}
		e := tiptapmd.Note{Code: CodeCMSResave, Severity: tiptapmd.Review,
			Message: "the first save in IsomerCMS will " + strings.Join(what, " and ") +
				"; tiptapmd wrote the page without that change"}
		e.Line, e.Column = sourcePos(doc, back, i, bodyLine)
		es = append(es, e)
	}
	if len(es) == 0 {
		// Only the layout differs, in a way that reads the same.
		e := tiptapmd.Note{Code: CodeCMSResave, Severity: tiptapmd.Review,
			Message: "the first save in IsomerCMS will lay out this page differently; tiptapmd wrote it without that change"}
		e.Line, e.Column = sourcePos(doc, back, 0, bodyLine)
		es = append(es, e)
	}
	return es
}

// blockText is the visible text of a block, white space collapsed.
func blockText(b *tiptap.Node) string {
	return statsOf(&tiptap.Node{Type: tiptap.TypeDoc, Content: []*tiptap.Node{b}}).Text
}

// textWithLinks is the text of a block as it is (white space not
// collapsed, no-break spaces as spaces), with where each link starts.
type textWithLinks struct {
	text  string
	links []linkAt
}

type linkAt struct {
	at   int
	text string
}

func rawText(b *tiptap.Node) textWithLinks {
	var t textWithLinks
	var sb strings.Builder
	last := ""
	_ = tiptap.Walk(b, func(n *tiptap.Node, entering bool) (tiptap.WalkStatus, error) {
		if !entering {
			return tiptap.WalkContinue, nil
		}
		if n.Type != tiptap.TypeText {
			last = ""
			sb.WriteByte('\n')
			return tiptap.WalkContinue, nil
		}
		href := ""
		for _, m := range n.Marks {
			if m.Type == tiptap.MarkLink {
				href = m.AttrString("href") + "\x00"
			}
		}
		switch {
		case href == "":
		case href != last:
			t.links = append(t.links, linkAt{sb.Len(), n.Text})
		default:
			t.links[len(t.links)-1].text += n.Text
		}
		last = href
		sb.WriteString(strings.ReplaceAll(n.Text, "\u00a0", " "))
		return tiptap.WalkContinue, nil
	})
	t.text = sb.String()
	return t
}

// spacingChange describes a change of white space alone: where the
// texts first differ, the link that starts there or next.
func spacingChange(before, after textWithLinks) string {
	i := 0
	for i < len(before.text) && i < len(after.text) && before.text[i] == after.text[i] {
		i++
	}
	for _, l := range after.links {
		if l.at >= i {
			return fmt.Sprintf("add a space next to the link %q", strings.TrimSpace(l.text))
		}
	}
	return "change the spacing of the text"
}

// newLink returns the first link of after whose address before links
// fewer times.
func newLink(before, after *tiptap.Node) (text, href string, ok bool) {
	have := map[string]int{}
	for _, l := range links(before) {
		have[l.href]++
	}
	for _, l := range links(after) {
		if have[l.href] > 0 {
			have[l.href]--
			continue
		}
		return l.text, l.href, true
	}
	return "", "", false
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

// sourcePos returns the position in the source page of the block of doc
// that corresponds to the k-th top-level block of back, or 0, 0 when it
// is not known.
func sourcePos(doc, back *tiptap.Node, k, bodyLine int) (int, int) {
	if n := len(back.Content) - len(doc.Content); n != 0 && n != 1 {
		// RenderHTML may only have added the editor's trailing paragraph.
		return 0, 0
	}
	if k < 0 || k >= len(doc.Content) || !doc.Content[k].Pos.IsValid() {
		return 0, 0
	}
	return doc.Content[k].Pos.Line + bodyLine, doc.Content[k].Pos.Column
}
