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
