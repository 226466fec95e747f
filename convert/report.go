package convert

import (
	"encoding"
	"fmt"
	"strings"

	"github.com/tiptapmd/tiptapmd/frontmatter"
	"github.com/tiptapmd/tiptapmd/tiptap"
)

// A Severity ranks a report [Entry].
type Severity int

const (
	// SeverityInfo: a change worth knowing that loses nothing a visitor sees,
	// such as a front matter key normalized or an attribute the editor
	// never keeps.
	SeverityInfo Severity = iota
	// SeverityReview: something a person should look at: content the target
	// variant cannot hold as it was, kept in another form or dropped, or
	// a difference between the page before and after.
	SeverityReview
	// SeverityError: the operation could not be done as asked; the page is left
	// as it was.
	SeverityError
)

var severityNames = [...]string{SeverityInfo: "info", SeverityReview: "review", SeverityError: "error"}

// String returns "info", "review" or "error".
func (s Severity) String() string {
	if s < 0 || int(s) >= len(severityNames) {
		return fmt.Sprintf("Severity(%d)", int(s))
	}
	return severityNames[s]
}

// MarshalText encodes s as its name, for JSON and CSV reports.
func (s Severity) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// UnmarshalText decodes a name written by [Severity.MarshalText].
func (s *Severity) UnmarshalText(b []byte) error {
	for i, n := range severityNames {
		if n == string(b) {
			*s = Severity(i)
			return nil
		}
	}
	return fmt.Errorf("convert: unknown severity %q", b)
}

var (
	_ encoding.TextMarshaler   = Severity(0)
	_ encoding.TextUnmarshaler = (*Severity)(nil)
)

// An Entry is one item of a [Report].
type Entry struct {
	// Code classifies the entry. Codes of package tiptap and markdown
	// notes (such as "dropped-element" or "liquid") and of front matter
	// rules (such as "permalink-slashes") are used as they are; the
	// Code* constants of this package name the rest.
	Code     string   `json:"code"`
	Severity Severity `json:"severity"`
	Message  string   `json:"message"`
	// Line and Column locate the entry in the source page file (1-based,
	// Column in bytes); 0 when unknown.
	Line   int `json:"line,omitempty"`
	Column int `json:"column,omitempty"`
}

// String formats e as "line:column: severity: code: message", leaving out
// what is unknown.
func (e Entry) String() string {
	var b strings.Builder
	if e.Line > 0 {
		fmt.Fprintf(&b, "%d:", e.Line)
		if e.Column > 0 {
			fmt.Fprintf(&b, "%d:", e.Column)
		}
		b.WriteString(" ")
	}
	fmt.Fprintf(&b, "%s: %s: %s", e.Severity, e.Code, e.Message)
	return b.String()
}

// Codes of the entries this package makes itself.
const (
	// CodeVariant: the page's variant was set.
	CodeVariant = "variant"
	// CodeTextChanged: the visible text of the page differs between the
	// source and the result.
	CodeTextChanged = "text-changed"
	// CodeCountChanged: the number of links, images, tables, list items
	// or headings differs between the source and the result.
	CodeCountChanged = "count-changed"
	// CodeWarning: a warning about the source page, such as a repeated
	// front matter key.
	CodeWarning = "warning"
	// CodeMarkdownBody: a page that says variant: tiptap has a Markdown
	// body (it does not start with a tag), which is read as Markdown.
	CodeMarkdownBody = "markdown-body"
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
	Before Stats   `json:"before"`
	After  Stats   `json:"after"`
	Items  []Entry `json:"items"`
}

// Max returns the highest severity of r's entries, or SeverityInfo when r has
// none.
func (r *Report) Max() Severity {
	max := SeverityInfo
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

// Count returns the number of entries of severity s.
func (r *Report) Count(s Severity) int {
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

func (r *Report) add(e Entry) { r.Items = append(r.Items, e) }

// noteSeverity ranks the notes of the readers and writers by what a
// visitor sees: a change that shows on the page (content, layout, sizes,
// styling, behaviour; see tiptap.Note.Visible) needs review; markup that
// renders the same is information.
func noteSeverity(n tiptapmd.Note) Severity {
	if n.Visible {
		return SeverityReview
	}
	return SeverityInfo
}

// noteEntry turns a note about a body into an entry; line is the number
// of page lines before the body.
func noteEntry(n tiptapmd.Note, line int) Entry {
	e := Entry{Code: string(n.Code), Severity: noteSeverity(n), Message: n.Message}
	if n.Pos.IsValid() {
		e.Line, e.Column = n.Pos.Line+line, n.Pos.Column
	}
	return e
}

// changeEntry turns a front matter change into an entry.
func changeEntry(c frontmatter.Change) Entry {
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
	sev := SeverityInfo
	if what, ok := visibleRules[c.Rule]; ok {
		sev, msg = SeverityReview, msg+"; "+what
	}
	return Entry{Code: c.Rule, Severity: sev, Message: msg, Line: c.Line}
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
