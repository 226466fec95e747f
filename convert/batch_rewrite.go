package convert

import (
	"errors"
	"fmt"

	"github.com/tiptapmd/tiptapmd/frontmatter"
	"github.com/tiptapmd/tiptapmd/markdown"
)

// CodeRewritten is the code of the entry for each URL that
// [RewritePageFunc] changed.
const CodeRewritten = "rewritten"

// RewritePageFunc returns a PageFunc that rewrites the URLs of each page
// with fn, as [RewritePage] does, without converting it: the front matter
// keys named by fields (nil for the default ones) and the body, in its
// own syntax. The page's path in its site ([PageFile.Name]) lets fn
// resolve relative URLs.
//
// The report has an info entry of code [CodeRewritten] for each URL that
// changed, at its line and column in the page. A URL that fn fails on,
// or that cannot be written back, fails the page with an [*Error] whose
// Err is the [*RewriteError]; the page is then left as it was. Pages
// without front matter are skipped by the batch, .html pages are
// rewritten as HTML.
func RewritePageFunc(fn RewriteFunc, fields []string) PageFunc {
	return func(p PageFile, src []byte) ([]byte, *Report, error) {
		var entries []Entry
		record := func(ref Ref) (string, error) {
			if fn == nil {
				return ref.URL, nil
			}
			u, err := fn(ref)
			if err == nil && u != ref.URL {
				what := ref.Kind.String()
				if ref.Field != "" {
					what += " " + ref.Field
				}
				entries = append(entries, Entry{Code: CodeRewritten, Severity: SeverityInfo,
					Message: fmt.Sprintf("%s %q rewritten to %q", what, ref.URL, u),
					Line:    ref.Pos.Line, Column: ref.Pos.Column})
			}
			return u, err
		}
		out, _, err := RewritePage(src, PageInfo{Path: p.Name}, fields, record)
		if err != nil {
			return nil, nil, rewriteError(p.Path, err)
		}
		// From and To say the variant is kept.
		r := &Report{Path: p.Path, Op: OpRewrite, Changed: string(out) != string(src), Items: entries}
		if page, err := frontmatter.Parse(out); err == nil {
			v := Markdown
			if page.Variant() == string(Tiptap) {
				v = Tiptap
			}
			r.From, r.To = v, v
		}
		return out, r, nil
	}
}

// rewriteError turns an error of RewritePage into an [*Error] with the
// position it has.
func rewriteError(path string, err error) error {
	e := &Error{Path: path, Err: err}
	var re *RewriteError
	var fe *frontmatter.ParseError
	var me *markdown.ParseError
	switch {
	case errors.As(err, &re):
		e.Line, e.Column = re.Ref.Pos.Line, re.Ref.Pos.Column
	case errors.As(err, &fe):
		e.Line, e.Column = fe.Line, fe.Column
	case errors.As(err, &me):
		e.Line, e.Column = me.Pos.Line, me.Pos.Column
	}
	return e
}
