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

// CodeKindChanged is the code of the review entry for each URL that
// [RewritePageFunc] refused to rewrite because the new URL would be of
// another kind: scheme-relative ("//suppliers/x", which a browser reads
// as a link to a host named suppliers) where it was not, with a new
// scheme (mailto:, javascript:), or without a path.
const CodeKindChanged = "url-kind-changed"

// RewritePageFunc returns a PageFunc that rewrites the URLs of each page
// with fn, as [RewritePage] does, without converting it: the front matter
// values that hold URLs (at any depth; with fields, the values of those
// keys) and the body, in its own syntax. The page's path in its site
// ([PageFile.Name]) lets fn resolve relative URLs. The site's YAML files
// (_config.yml, _data/*.yml, collection.yml, see [Batch.DataFiles]) are
// rewritten as [RewriteData] does.
//
// The report has an info entry of code [CodeRewritten] for each URL that
// changed, at its line and column in the page. A new URL of another
// kind than the old one (see [CodeKindChanged]) is not written: the URL
// is kept and the report has a review entry. A URL that fn fails on, or
// that cannot be written back, fails the page with an [*Error] whose
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
			if err != nil || u == ref.URL {
				return u, err
			}
			what := ref.Kind.String()
			if ref.Field != "" {
				what += " " + ref.Field
			}
			if why := rwKindChange(ref.URL, u); why != "" {
				entries = append(entries, Entry{Code: CodeKindChanged, Severity: SeverityReview,
					Message: fmt.Sprintf("%s %q not rewritten to %q: %s", what, ref.URL, u, why),
					Line:    ref.Pos.Line, Column: ref.Pos.Column})
				return ref.URL, nil
			}
			entries = append(entries, Entry{Code: CodeRewritten, Severity: SeverityInfo,
				Message: fmt.Sprintf("%s %q rewritten to %q", what, ref.URL, u),
				Line:    ref.Pos.Line, Column: ref.Pos.Column})
			return u, nil
		}
		if isDataName(p.Name) {
			out, _, err := RewriteData(src, p.Name, record)
			if err != nil {
				return nil, nil, rewriteError(p.Path, err)
			}
			return out, &Report{Path: p.Path, Op: OpRewrite, Changed: string(out) != string(src), Items: entries}, nil
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

// RewriteData rewrites the URLs of a YAML file of a site, such as
// _config.yml, _data/navigation.yml or a collection.yml, calling fn
// once for each: every string value, at any depth, that is a URL or a
// site path, or HTML or Markdown holding links, as [RewriteFrontMatter]
// finds them in front matter (the logo, the favicon, the links of the
// navigation and the footer, …). name is the file's path in its site
// ("_data/navigation.yml"); in _config.yml the site's own url and
// baseurl are not references. Only the bytes of changed URLs change.
//
// The refs returned are in the order of the values in the file, with
// positions in it, and Page.Path set to name. Errors are a
// [*frontmatter.ParseError] for a file that is not YAML, and a
// [*RewriteError] as for pages.
func RewriteData(src []byte, name string, fn RewriteFunc) ([]byte, []Ref, error) {
	d, err := frontmatter.ParseData(src)
	if err != nil {
		return nil, nil, err
	}
	var skip map[string]bool
	if name == "_config.yml" {
		skip = map[string]bool{"url": true, "baseurl": true}
	}
	refs, err := rwRewriteYAML(d, src, PageInfo{Path: name}, nil, skip, fn)
	if err != nil {
		return nil, refs, err
	}
	return d.Bytes(), refs, nil
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
