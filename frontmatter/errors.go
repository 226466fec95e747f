package frontmatter

import (
	"errors"
	"strconv"
	"strings"

	"github.com/tiptapmd/tiptapmd"
)

// These are the errors that can be returned in [ParseError.Err]. Test for
// them with [errors.Is].
var (
	// ErrUnterminated reports a page that opens a front matter block
	// with "---" when no later line closes it with "---" or "...".
	ErrUnterminated = errors.New("unterminated front matter")
	// ErrTab reports a tab where YAML requires spaces (indentation).
	ErrTab = errors.New("tab character in indentation")
	// ErrControlChar reports a character that YAML does not allow in a
	// document, such as U+0003 or DEL.
	ErrControlChar = errors.New("control character in front matter")
	// ErrEncoding reports front matter that is not valid UTF-8.
	ErrEncoding = errors.New("invalid utf-8 in front matter")
	// ErrSyntax reports front matter that is not valid YAML.
	ErrSyntax = errors.New("invalid yaml")
	// ErrNotMapping reports front matter that is valid YAML but not a
	// mapping of keys to values (a list or a lone scalar, for example).
	ErrNotMapping = errors.New("front matter is not a mapping")
	// ErrAliasLimit reports front matter with more YAML aliases than
	// front matter reasonably needs (100), aliases that would expand to
	// too many values (a "billion laughs" attack), or an alias inside the
	// value it refers to.
	ErrAliasLimit = errors.New("too many yaml aliases")
)

// A ParseError reports a page whose front matter cannot be read. Pos
// counts from the start of the page file (a UTF-8 byte order mark is not
// counted); its Column is 0 when only the line is known, as for most YAML
// syntax errors, whose position the YAML library reports by line alone.
type ParseError struct {
	Pos tiptapmd.Pos
	Err error  // one of the Err* values of this package
	Msg string // details, e.g. the YAML library's own message; may be empty
}

// Error returns "frontmatter: line L, column C: " followed by the
// sentinel's message and the details.
func (e *ParseError) Error() string {
	if e == nil {
		return "<nil>"
	}
	var b strings.Builder
	b.WriteString("frontmatter: line ")
	b.WriteString(strconv.Itoa(e.Pos.Line))
	if e.Pos.Column > 0 {
		b.WriteString(", column ")
		b.WriteString(strconv.Itoa(e.Pos.Column))
	}
	b.WriteString(": ")
	if e.Err != nil {
		b.WriteString(e.Err.Error())
	}
	if e.Msg != "" {
		if e.Err != nil {
			b.WriteString(": ")
		}
		b.WriteString(e.Msg)
	}
	return b.String()
}

// Unwrap returns e.Err.
func (e *ParseError) Unwrap() error {
	if e == nil {
		return nil
	}
	return e.Err
}

// The codes of the warnings of [Page.Warnings], notes
// ([tiptapmd.Note]) about a page that are not errors: the page parses,
// but a reader may want to know.
const (
	// WarnDuplicateKey is a top-level key that appears more than once.
	// YAML readers used with Jekyll keep the last one, and so does
	// [Page.Get].
	WarnDuplicateKey tiptapmd.Code = "duplicate-key"
	// WarnMissingOpen is a page with no opening "---" that yet starts
	// with what looks like YAML keys, followed by a "---" line. Jekyll
	// reads such a page as having no front matter at all, and so does
	// this package.
	WarnMissingOpen tiptapmd.Code = "missing-open-delimiter"
	// WarnEditRefused is an edit that was not made because the front
	// matter would no longer have parsed, or other keys would have
	// changed (for example, deleting a key whose value defines an anchor
	// that another key uses).
	WarnEditRefused tiptapmd.Code = "edit-refused"
)
