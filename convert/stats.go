package convert

import (
	"fmt"
	"strings"
	"unicode"

	"github.com/tiptapmd/tiptapmd/tiptap"
)

// Stats counts what a visitor sees in a page body, for the before and
// after comparison of every operation.
type Stats struct {
	Links     int `json:"links"`
	Images    int `json:"images"`
	Tables    int `json:"tables"`
	ListItems int `json:"list_items"`
	Headings  int `json:"headings"`
	// Text is the visible text with every run of white space collapsed
	// into one space; it is compared, not reported.
	Text string `json:"-"`
}

// statsOf counts the visible content of doc. A link is a run of text
// nodes with the same link mark, so that one link split by other marks
// counts once; an image counts once, and its link too when it has one.
func statsOf(doc *tiptap.Node) Stats {
	var s Stats
	var text strings.Builder
	lastHref := ""
	_ = tiptap.Walk(doc, func(n *tiptap.Node, entering bool) (tiptap.WalkStatus, error) {
		if !entering {
			if isBlock(n) {
				text.WriteByte(' ')
				lastHref = ""
			}
			return tiptap.WalkContinue, nil
		}
		switch n.Type {
		case tiptap.TypeText:
			text.WriteString(n.Text)
			href, linked := "", false
			for _, m := range n.Marks {
				if m.Type == tiptap.MarkLink {
					href, linked = m.AttrString("href"), true
				}
			}
			if linked && href != lastHref {
				s.Links++
			}
			if !linked {
				href = ""
			}
			lastHref = href
			return tiptap.WalkContinue, nil
		case tiptap.TypeHardBreak:
			text.WriteByte(' ')
		case tiptap.TypeImage, tiptap.TypeCardImage:
			if n.Type == tiptap.TypeImage || n.AttrString("src") != "" {
				s.Images++
			}
			if n.AttrString("href") != "" {
				s.Links++
			}
			text.WriteString(" " + n.AttrString("alt") + " ")
		case tiptap.TypeClickableCard:
			s.Links++
		case tiptap.TypeTable:
			s.Tables++
		case tiptap.TypeListItem, tiptap.TypeTaskItem:
			s.ListItems++
		case tiptap.TypeHeading:
			s.Headings++
		}
		lastHref = ""
		return tiptap.WalkContinue, nil
	})
	s.Text = strings.Join(strings.FieldsFunc(text.String(), unicode.IsSpace), " ")
	return s
}

func isBlock(n *tiptap.Node) bool {
	return n.Type != tiptap.TypeText && n.Type != tiptap.TypeHardBreak
}

// compareStats reports every difference between before and after.
func compareStats(r *Report, before, after Stats) {
	counts := []struct {
		what string
		b, a int
	}{
		{"links", before.Links, after.Links},
		{"images", before.Images, after.Images},
		{"tables", before.Tables, after.Tables},
		{"list items", before.ListItems, after.ListItems},
		{"headings", before.Headings, after.Headings},
	}
	for _, c := range counts {
		if c.b != c.a {
			r.add(Entry{Code: CodeCountChanged, Severity: SeverityReview,
				Message: fmt.Sprintf("the page had %d %s and now has %d", c.b, c.what, c.a)})
		}
	}
	if before.Text != after.Text {
		r.add(Entry{Code: CodeTextChanged, Severity: SeverityReview,
			Message: "the visible text changed: " + firstDifference(before.Text, after.Text)})
	}
}

// firstDifference describes where a and b first differ, with a little
// context on each side.
func firstDifference(a, b string) string {
	ra, rb := []rune(a), []rune(b)
	i := 0
	for i < len(ra) && i < len(rb) && ra[i] == rb[i] {
		i++
	}
	excerpt := func(r []rune) string {
		from, to := max(0, i-20), min(len(r), i+40)
		s := string(r[from:to])
		if from > 0 {
			s = "…" + s
		}
		if to < len(r) {
			s += "…"
		}
		return s
	}
	return fmt.Sprintf("was %q, now %q", excerpt(ra), excerpt(rb))
}
