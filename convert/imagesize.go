package convert

import (
	"fmt"
	"strings"

	"github.com/tiptapmd/tiptapmd"
	"github.com/tiptapmd/tiptapmd/tiptap"
)

// CodeImageSize: an image that the source shows at one size and the
// result at another. A Markdown image (and an <img> without a size) is
// shown at its natural size, at most the width of the column; a tiptap
// image without a set width fills the column (width: 100%). The two look
// the same for an image at least as wide as the column, and not for a
// smaller one; the tool does not see the image files, so it says so.
const CodeImageSize tiptapmd.Code = "image-size"

// fullWidth reports an image node at the width that the editor gives an
// image by default, which the Markdown writer writes as a plain Markdown
// image.
// Its style may cap it (max-width) without giving it a width.
func fullWidth(n *tiptap.Node) bool {
	for d := range strings.SplitSeq(n.AttrString("style"), ";") {
		prop, val, _ := strings.Cut(d, ":")
		if strings.EqualFold(strings.TrimSpace(prop), "width") {
			return strings.TrimSpace(val) == "100%"
		}
	}
	w := n.AttrString("width")
	return w == "" || w == "100%"
}

// imageSizeEntries reports each image of doc whose size changes from the
// variant from to the variant to; line is the number of page lines
// before the body.
func imageSizeEntries(doc *tiptap.Node, from, to Variant, line int) []tiptapmd.Note {
	if from == to {
		return nil
	}
	var out []tiptapmd.Note
	var walk func(n *tiptap.Node)
	walk = func(n *tiptap.Node) {
		switch n.Type {
		case tiptap.TypeCards, tiptap.TypeCard, tiptap.TypeClickableCard, tiptap.TypeTable, tiptap.TypeDetails, tiptap.TypeDetailsGroup:
			if to == Markdown {
				// Cards, accordions and tables holding images are
				// written as HTML, with the image's size.
				return
			}
		case tiptap.TypeImage:
			if fullWidth(n) {
				out = append(out, imageSizeEntry(n, to, line))
			}
		}
		for _, c := range n.Content {
			walk(c)
		}
	}
	walk(doc)
	return out
}

// imageSizeEntry is the entry of an image whose size changes on the way
// to the variant to.
func imageSizeEntry(n *tiptap.Node, to Variant, line int) tiptapmd.Note {
	var msg string
	if to == Tiptap {
		msg = fmt.Sprintf("image %q: the Markdown page shows it at its natural size (at most the column's width), "+
			"the tiptap page stretches it to the column's width: an image narrower than the column looks bigger", n.AttrString("src"))
	} else {
		msg = fmt.Sprintf("image %q: the tiptap page stretches it to the column's width, "+
			"kramdown shows it at its natural size: an image narrower than the column looks smaller", n.AttrString("src"))
	}
	e := tiptapmd.Note{Code: CodeImageSize, Severity: tiptapmd.Review, Message: msg}
	if n.Pos.IsValid() {
		e.Line, e.Column = n.Pos.Line+line, n.Pos.Column
	}
	return e
}
