package rewrite

import (
	"strings"

	"github.com/tiptapmd/tiptapmd/frontmatter"
)

// Page rewrites the URLs of a whole page file without converting
// it: the front matter fields (as [FrontMatter], fields nil for
// the default ones) and the body, read as HTML ([HTML]) when the
// page's variant is tiptap or its Path ends in .html, and as Markdown
// ([Markdown]) otherwise. When page.Permalink is empty, the
// page's own permalink key is used.
//
// Only the bytes of changed URLs change; with a Func that keeps
// every URL the result is src, byte for byte. The refs returned are
// those of the front matter, then those of the body, with positions in
// the page file. Errors are those of [frontmatter.Parse] for front
// matter that cannot be read, and those of the functions above.
func Page(src []byte, page PageInfo, fields []string, fn Func) ([]byte, []Ref, error) {
	p, err := frontmatter.Parse(src)
	if err != nil {
		return nil, nil, err
	}
	if page.Permalink == "" {
		if pl, ok := p.String("permalink"); ok {
			page.Permalink = strings.TrimSpace(pl)
		}
	}
	first := p.BodyLine()
	refs, err := FrontMatter(p, page, fields, fn)
	if err != nil {
		return nil, nil, err
	}
	body := p.Body()
	var out []byte
	var bodyRefs []Ref
	if isHTMLPage(p, page) {
		out, bodyRefs, err = rewriteHTML(body, page, fn, first)
	} else {
		out, bodyRefs, err = rewriteMarkdown(body, page, fn, first)
	}
	if err != nil {
		return nil, nil, err
	}
	refs = append(refs, bodyRefs...)
	if string(out) != string(body) {
		p.SetBody(out)
	}
	return p.Bytes(), refs, nil
}

// isHTMLPage reports whether the body of p is HTML.
func isHTMLPage(p *frontmatter.Page, page PageInfo) bool {
	if p.Variant() == "tiptap" {
		return true
	}
	l := strings.ToLower(page.Path)
	return strings.HasSuffix(l, ".html") || strings.HasSuffix(l, ".htm")
}
