package rewrite

import (
	"github.com/tiptapmd/tiptapmd/tiptap"
)

// Doc calls fn once for every reference in doc and stores the URLs
// it returns: link marks (once per run of text under one link), images
// and their links, iframes, clickable cards and card images. Positions
// are those of the nodes, moved down by line lines (the lines of the page
// file before the body).
func Doc(doc *tiptap.Node, page PageInfo, line int, fn Func) error {
	visit := func(n *tiptap.Node, kind Kind, set func(string), url, field string) error {
		if url == "" {
			return nil
		}
		pos := n.Pos
		if pos.IsValid() {
			pos.Line += line
		}
		ref := Ref{Kind: kind, URL: url, Field: field, Page: page, Pos: pos}
		u, err := fn(ref)
		if err == nil {
			err = check(url, u)
		}
		if err != nil {
			return &Error{Ref: ref, Err: err}
		}
		if u != url {
			set(u)
		}
		return nil
	}
	attr := func(n *tiptap.Node, key string) func(string) {
		return func(u string) { n.SetAttr(key, u) }
	}
	return tiptap.Walk(doc, func(n *tiptap.Node, entering bool) (tiptap.WalkStatus, error) {
		if !entering {
			return tiptap.WalkContinue, nil
		}
		var err error
		switch n.Type {
		case tiptap.TypeImage, tiptap.TypeCardImage:
			if err = visit(n, KindImage, attr(n, "src"), n.AttrString("src"), "src"); err == nil {
				err = visit(n, KindLink, attr(n, "href"), n.AttrString("href"), "href")
			}
		case tiptap.TypeIframe:
			err = visit(n, KindIframe, attr(n, "src"), n.AttrString("src"), "src")
		case tiptap.TypeClickableCard:
			err = visit(n, KindCardLink, attr(n, "href"), n.AttrString("href"), "href")
		}
		if err != nil {
			return tiptap.WalkStop, err
		}
		return tiptap.WalkContinue, rewriteLinkRuns(n, visit)
	})
}

// rewriteLinkRuns rewrites the link marks of n's inline children, calling
// visit once for each run of adjacent text nodes that share a link.
func rewriteLinkRuns(n *tiptap.Node, visit func(*tiptap.Node, Kind, func(string), string, string) error) error {
	for i := 0; i < len(n.Content); {
		href, ok := linkOf(n.Content[i])
		if !ok {
			i++
			continue
		}
		j := i + 1
		for j < len(n.Content) {
			h, ok := linkOf(n.Content[j])
			if !ok || h != href {
				break
			}
			j++
		}
		run := n.Content[i:j]
		set := func(u string) {
			for _, t := range run {
				for k := range t.Marks {
					if t.Marks[k].Type == tiptap.MarkLink {
						t.Marks[k].Attrs = cloneWith(t.Marks[k].Attrs, "href", u)
					}
				}
			}
		}
		// Text nodes carry no position of their own; the block's is the
		// closest known one.
		if err := visit(n, KindLink, set, href, "href"); err != nil {
			return err
		}
		i = j
	}
	return nil
}

func linkOf(n *tiptap.Node) (string, bool) {
	for _, m := range n.Marks {
		if m.Type == tiptap.MarkLink {
			return m.AttrString("href"), true
		}
	}
	return "", false
}

func cloneWith(a map[string]any, key string, v any) map[string]any {
	c := make(map[string]any, len(a)+1)
	for k, x := range a {
		c[k] = x
	}
	c[key] = v
	return c
}
