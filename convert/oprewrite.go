package convert

import (
	"errors"
	"fmt"

	"github.com/tiptapmd/tiptapmd"
	"github.com/tiptapmd/tiptapmd/convert/rewrite"
	"github.com/tiptapmd/tiptapmd/frontmatter"
	"github.com/tiptapmd/tiptapmd/markdown"
)

// CodeRewritten is the code of the entry for each URL that
// [Rewrite] changed.
const CodeRewritten tiptapmd.Code = "rewritten"

// CodeKindChanged is the code of the review entry for each URL that
// [Rewrite] refused to rewrite because the new URL would be of
// another kind: scheme-relative ("//suppliers/x", which a browser reads
// as a link to a host named suppliers) where it was not, with a new
// scheme (mailto:, javascript:), or without a path.
const CodeKindChanged tiptapmd.Code = "url-kind-changed"

// Rewrite rewrites the URLs of a page file with fn, as [rewrite.Page]
// does, without converting it: the front matter values that hold URLs
// (at any depth; with fields, the values of those keys) and the body, in
// its own syntax (.html pages as HTML). path names the file in the
// report and errors; name is the page's path in its site
// ("pages/about.md"), which lets fn resolve relative URLs. The site's
// YAML files (_config.yml, _data/*.yml, collection.yml: names that
// [rewrite.IsData] accepts) are rewritten as [rewrite.Data] does.
//
// The report has an info entry of code [CodeRewritten] for each URL that
// changed, at its line and column in the page. A new URL of another
// kind than the old one (see [CodeKindChanged]) is not written: the URL
// is kept and the report has a review entry. A URL that fn fails on, or
// that cannot be written back, fails the page with an [*Error] whose
// Err is the [*rewrite.Error]; the page is then left as it was. A nil fn
// keeps every URL.
func Rewrite(path, name string, src []byte, fn rewrite.Func, fields []string) ([]byte, *Report, error) {
	var entries []tiptapmd.Note
	record := func(ref rewrite.Ref) (string, error) {
		if fn == nil {
			return ref.URL, nil
		}
		u, err := fn(ref)
		if err != nil || u == ref.URL {
			return u, err
		}
		what := ref.Kind.String()
		if ref.Field != "" {
			what += " " + ref.Field
		}
		if why := rewrite.KindChange(ref.URL, u); why != "" {
			entries = append(entries, tiptapmd.Note{Code: CodeKindChanged, Severity: tiptapmd.Review,
				Message: fmt.Sprintf("%s %q not rewritten to %q: %s", what, ref.URL, u, why),
				Pos:     ref.Pos})
			return ref.URL, nil
		}
		entries = append(entries, tiptapmd.Note{Code: CodeRewritten, Severity: tiptapmd.Info,
			Message: fmt.Sprintf("%s %q rewritten to %q", what, ref.URL, u),
			Pos:     ref.Pos})
		return u, nil
	}
	if rewrite.IsData(name) {
		out, _, err := rewrite.Data(src, name, record)
		if err != nil {
			return nil, nil, rewriteError(path, err)
		}
		return out, &Report{Path: path, Op: OpRewrite, Changed: string(out) != string(src), Items: entries}, nil
	}
	out, _, err := rewrite.Page(src, rewrite.PageInfo{Path: name}, fields, record)
	if err != nil {
		return nil, nil, rewriteError(path, err)
	}
	// From and To say the variant is kept.
	r := &Report{Path: path, Op: OpRewrite, Changed: string(out) != string(src), Items: entries}
	if page, err := frontmatter.Parse(out); err == nil {
		v := Markdown
		if page.Variant() == string(Tiptap) {
			v = Tiptap
		}
		r.From, r.To = v, v
	}
	return out, r, nil
}

// rewriteError turns an error of rewrite.Page into an [*Error] with the
// position it has.
func rewriteError(path string, err error) error {
	e := &Error{Path: path, Err: err}
	var re *rewrite.Error
	var fe *frontmatter.ParseError
	var me *markdown.ParseError
	switch {
	case errors.As(err, &re):
		e.Pos = re.Ref.Pos
	case errors.As(err, &fe):
		e.Pos = fe.Pos
	case errors.As(err, &me):
		e.Pos = me.Pos
	}
	return e
}
