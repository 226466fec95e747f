package convert

import (
	"fmt"

	"github.com/tiptapmd/tiptapmd"
	"github.com/tiptapmd/tiptapmd/frontmatter"
)

// Codes of the notes this package makes itself. The notes of a [Report]
// also carry the codes of package tiptap and markdown notes (such as
// "dropped-element" or "liquid") and of front matter rules (such as
// "permalink-slashes") as they are.
const (
	// CodeVariant: the page's variant was set.
	CodeVariant tiptapmd.Code = "variant"
	// CodeTextChanged: the visible text of the page differs between the
	// source and the result.
	CodeTextChanged tiptapmd.Code = "text-changed"
	// CodeCountChanged: the number of links, images, tables, list items
	// or headings differs between the source and the result.
	CodeCountChanged tiptapmd.Code = "count-changed"
	// CodeWarning: a warning about the source page, such as a repeated
	// front matter key.
	CodeWarning tiptapmd.Code = "warning"
	// CodeMarkdownBody: a page that says variant: tiptap has a Markdown
	// body (it does not start with a tag), which is read as Markdown.
	CodeMarkdownBody tiptapmd.Code = "markdown-body"
)

// A Report says what an operation did to one page: every change that is
// not a plain translation from one variant to the other, and every
// difference between what a visitor sees before and after. Its
// [Report.Verdict] sums it up in one word. Its JSON form (see
// [Report.MarshalJSON]) names each field as the snake_case of its Go
// name.
type Report struct {
	Path    string  `json:"path,omitempty"`
	Op      Op      `json:"op"`
	From    Variant `json:"from"`
	To      Variant `json:"to"`
	Changed bool    `json:"changed"`
	// Before and After count what a visitor sees in the source page and
	// in the result, as read back from it.
	Before Stats `json:"before"`
	After  Stats `json:"after"`
	// Items are the notes of the report, each placed in the source page
	// file (Line and Column count from its start; 0 when unknown).
	Items []tiptapmd.Note `json:"items"`
}

// Max returns the highest severity of r's notes, or [tiptapmd.Info] when
// r has none.
func (r *Report) Max() tiptapmd.Severity {
	max := tiptapmd.Info
	if r == nil {
		return max
	}
	for _, e := range r.Items {
		if e.Severity > max {
			max = e.Severity
		}
	}
	return max
}

// Count returns the number of notes of severity s.
func (r *Report) Count(s tiptapmd.Severity) int {
	n := 0
	if r == nil {
		return 0
	}
	for _, e := range r.Items {
		if e.Severity == s {
			n++
		}
	}
	return n
}

func (r *Report) add(e tiptapmd.Note) { r.Items = append(r.Items, e) }

// noteEntry places a note about a body in the page file; line is the
// number of page lines before the body. The readers and writers rank
// their notes by what a visitor sees, as a report does: a change that
// shows on the page (content, layout, sizes, styling, behaviour) needs
// review; markup that renders the same is information.
func noteEntry(n tiptapmd.Note, line int) tiptapmd.Note {
	if n.IsValid() {
		n.Line += line
	} else {
		n.Pos = tiptapmd.Pos{}
	}
	return n
}

// changeEntry turns a front matter change into a note.
func changeEntry(c frontmatter.Change) tiptapmd.Note {
	var msg string
	switch {
	case c.Old == "" && c.New == "":
		msg = c.Key + ": " + c.Why
	case c.Old == "":
		msg = fmt.Sprintf("%s set to %q: %s", c.Key, c.New, c.Why)
	case c.New == "":
		msg = fmt.Sprintf("%s %q removed: %s", c.Key, c.Old, c.Why)
	default:
		msg = fmt.Sprintf("%s %q changed to %q: %s", c.Key, c.Old, c.New, c.Why)
	}
	sev := tiptapmd.Info
	if what, ok := visibleRules[c.Rule]; ok {
		sev, msg = tiptapmd.Review, msg+"; "+what
	}
	return tiptapmd.Note{Code: tiptapmd.Code(c.Rule), Severity: sev, Message: msg, Pos: tiptapmd.Pos{Line: c.Pos.Line}}
}

// visibleRules are the front matter rules whose changes a visitor sees,
// with what they see. The others change nothing on the page: keys
// nothing reads, white space, entities the browser shows the same, a
// permalink's slashes (Jekyll serves /about/ for /about).
var visibleRules = map[string]string{
	"legacy-layouts":      "the page is laid out by the site's default layout instead",
	"contact-us-layout":   "the page is laid out by the contact_us layout instead",
	"third-nav-title":     "the page moves in the site's navigation",
	"permalink-lowercase": "the page moves to another URL: links to the old one break unless they are rewritten",
}
