package tiptap

import (
	"strings"
	"testing"
)

// TestStyleEffect checks each family of cssFamilies, each of the values
// that show nothing, and the properties decided before the table.
func TestStyleEffect(t *testing.T) {
	const unseen = effect(-1)
	for _, c := range []struct {
		prop, value string
		want        effect
	}{
		// Values that leave the property unset, in any spelling.
		{"color", "inherit", unseen},
		{"width", " Initial !important", unseen},
		{"margin", "unset", unseen},
		{"color", " ", unseen},
		{"color", "!important", unseen},
		{"color", "revert", effColour},
		// Before the table: custom properties, then Word's, print-only
		// and vendor-prefixed ones.
		{"--brand", "red", effLayout},
		{"mso-list", "l0 level1", unseen},
		{"page-break-before", "always", unseen},
		{"break-after", "page", unseen},
		{"orphans", "2", unseen},
		{"widows", "2", unseen},
		{"-webkit-box-shadow", "0 0 1px", unseen},
		{"msox", "1", effLayout},
		// Layout.
		{"display", "none", effLayout},
		{"flex-basis", "0", effLayout},
		{"grid-template-columns", "1fr 1fr", effLayout},
		{"overflow-x", "auto", effLayout},
		{"column-count", "2", effLayout},
		{"float", "left", effLayout},
		{"float", "None", unseen},
		{"clear", "none", unseen},
		{"clear", "both", effLayout},
		{"position", "static", unseen},
		{"position", "relative", effLayout},
		// Sizes.
		{"width", "50%", effSize},
		{"font-size", "11pt", effSize},
		{"min-height", "auto", unseen},
		{"max-width", "none !important", unseen},
		{"min-width", "none", effSize},
		{"max-width", "100%", effSize},
		// Colours.
		{"color", "transparent", effColour},
		{"background-color", "#fff", effColour},
		{"background", "transparent", unseen},
		{"background-image", "none", unseen},
		// Borders and shadows.
		{"border", "1px solid", effBorder},
		{"border-top", "0px", unseen},
		{"outline", "none", unseen},
		{"text-shadow", "1px 1px", effBorder},
		// Spacing.
		{"margin-bottom", "0", effSpacing},
		{"line-height", "normal", effSpacing},
		{"text-indent", "-18pt", effSpacing},
		{"white-space", "normal", unseen},
		{"white-space", "nowrap", effSpacing},
		{"letter-spacing", "normal", unseen},
		{"word-spacing", "0px", unseen},
		{"letter-spacing", "1px", effSpacing},
		// Alignment.
		{"text-align", "center", effAlign},
		{"vertical-align", "baseline", unseen},
		{"vertical-align", "top", effAlign},
		{"place-items", "center", effAlign},
		// Text.
		{"font-family", "Arial", effText},
		{"font-weight", "400", unseen},
		{"font-weight", "normal", unseen},
		{"font-weight", "700", effText},
		{"font-style", "normal", unseen},
		{"font-variant", "normal", unseen},
		{"text-decoration", "none", unseen},
		{"text-transform", "none", unseen},
		{"text-transform", "uppercase", effText},
		{"direction", "rtl", effText},
		// Lists and behaviour.
		{"list-style-type", "none", effList},
		{"cursor", "pointer", effBehaviour},
		{"transition-delay", "1s", effBehaviour},
		// Any other property: the safe side.
		{"minwidth", "10px", effLayout},
		{"caret-color", "red", effLayout},
		{"", "red", effLayout},
		{" COLOR ", "Red", effColour},
	} {
		got, ok := styleEffect(c.prop, c.value)
		if !ok {
			got = unseen
		}
		if got != c.want {
			t.Errorf("styleEffect(%q, %q) = %d, want %d", c.prop, c.value, got, c.want)
		}
	}
}

// TestCSSFamilies checks that the table has no dead entries: each
// property that a family names by its full name reaches that family, and
// each property whose values show nothing belongs to its family.
func TestCSSFamilies(t *testing.T) {
	for i, f := range cssFamilies {
		for _, p := range f.props {
			if strings.HasSuffix(p, "*") {
				continue
			}
			if propIn(p, customProps) || propIn(p, unseenProps) {
				t.Errorf("%s is decided before the table", p)
			}
			for _, g := range cssFamilies[:i] {
				if propIn(p, g.props) {
					t.Errorf("%s (effect %d) is taken by the earlier family of effect %d", p, f.effect, g.effect)
				}
			}
		}
		for name := range f.defaults {
			if name != "*" && !propIn(strings.TrimSuffix(name, "*"), f.props) {
				t.Errorf("family of effect %d: defaults for %s, which is not in the family", f.effect, name)
			}
		}
	}
}
