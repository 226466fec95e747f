// Package dom holds the small operations on golang.org/x/net/html trees
// that the HTML reader of package tiptap and the review page both need:
// reading and setting an element's attribute. The HTML parser lowercases
// attribute names, so names compare as they are; attributes in a
// namespace (xlink:href, xml:lang) are not the plain attributes asked
// for and are passed over.
package dom

import "golang.org/x/net/html"

// LookupAttr returns the value of n's attribute key and whether n has
// it, as the DOM's getAttribute does.
func LookupAttr(n *html.Node, key string) (string, bool) {
	for _, a := range n.Attr {
		if a.Namespace == "" && a.Key == key {
			return a.Val, true
		}
	}
	return "", false
}

// Attr returns the value of n's attribute key, or "" when n has none,
// like os.Getenv beside os.LookupEnv.
func Attr(n *html.Node, key string) string {
	v, _ := LookupAttr(n, key)
	return v
}

// SetAttr sets n's attribute key to val, adding it after the others
// when n has none.
func SetAttr(n *html.Node, key, val string) {
	for i, a := range n.Attr {
		if a.Namespace == "" && a.Key == key {
			n.Attr[i].Val = val
			return
		}
	}
	n.Attr = append(n.Attr, html.Attribute{Key: key, Val: val})
}
