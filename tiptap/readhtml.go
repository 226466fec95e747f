package tiptap

// ReadHTML returns the document [ParseHTML] reads from src, without
// positions and without notes, for about two thirds of ParseHTML's
// allocations: the reading to compare with another document ([Equal]
// ignores positions), such as a body as the CMS saves it ([Resave]).
// Its errors are ParseHTML's.
func ReadHTML(src []byte) (*Node, error) {
	doc, _, _, err := parseHTMLMode(src, false, false)
	return doc, err
}

// ReadFragment returns the blocks [ParseFragment] reads from src,
// without positions and without notes: the reading of HTML that is one
// part of a page, to compare with another document. A link elsewhere in
// the page changes only ParseFragment's notes, so it takes no links. Its
// errors are ParseFragment's, but may lack their position.
func ReadFragment(src []byte) ([]*Node, error) {
	p := newParser(src, false, false)
	if err := p.readBody(nil); err != nil {
		return nil, err
	}
	return p.fragment(), nil
}
