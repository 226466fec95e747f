package markdown

import "github.com/tiptapmd/tiptapmd/tiptap"

// PrintDoc is the direct printer, for the differential test against the
// html-to-markdown writer while both exist.
func PrintDoc(doc *tiptap.Node, opts RenderOptions) ([]byte, []Note, error) {
	if err := tiptap.Check(doc); err != nil {
		return nil, nil, err
	}
	out, notes := printDoc(doc, opts)
	return out, notes, nil
}
