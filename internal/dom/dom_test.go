package dom

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/net/html"
)

func TestAttr(t *testing.T) {
	doc, err := html.Parse(strings.NewReader(`<svg><a xlink:href="/x" HREF="/y"></a></svg><p CLASS="c">`))
	require.NoError(t, err)
	var a, p *html.Node
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		switch n.Data {
		case "a":
			a = n
		case "p":
			p = n
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	require.NotNil(t, a)
	require.NotNil(t, p)

	v, ok := LookupAttr(a, "href")
	assert.True(t, ok)
	assert.Equal(t, "/y", v, "the namespaced xlink:href is not href")
	_, ok = LookupAttr(p, "id")
	assert.False(t, ok)
	assert.Equal(t, "c", Attr(p, "class"), "names are lowercased by the parser")
	assert.Equal(t, "", Attr(p, "id"))

	SetAttr(p, "class", "d")
	SetAttr(p, "id", "e")
	assert.Equal(t, []html.Attribute{{Key: "class", Val: "d"}, {Key: "id", Val: "e"}}, p.Attr)
}
