package tiptap

import (
	"regexp"
	"strings"
	"testing"

	"github.com/tiptapmd/tiptapmd/internal/corpus"
)

// oldStyleEffect is styleEffect as it was before it became a table of
// rules (issue 13), kept verbatim so that the differential test below can
// show the table decides every declaration the same way.
func oldStyleEffect(prop, value string) (effect, bool) {
	prop = strings.ToLower(strings.TrimSpace(prop))
	v := strings.ToLower(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(value), "!important")))
	switch v {
	case "inherit", "initial", "unset", "":
		return 0, false
	}
	switch {
	case strings.HasPrefix(prop, "mso-"), strings.HasPrefix(prop, "page-break"), strings.HasPrefix(prop, "break-"),
		prop == "orphans", prop == "widows", strings.HasPrefix(prop, "-") && !strings.HasPrefix(prop, "--"):
		// Word's mso-* properties, print-only properties and vendor
		// prefixes (whose standard twin is reported) show nothing.
		return 0, false
	case strings.HasPrefix(prop, "--"):
		return effLayout, true // a custom property feeds other rules
	}
	none := v == "none" || v == "0" || v == "0px" || v == "transparent"
	switch {
	case prop == "display" || prop == "float" || prop == "clear" || prop == "position" ||
		strings.HasPrefix(prop, "flex") || strings.HasPrefix(prop, "grid") || prop == "order" ||
		prop == "top" || prop == "left" || prop == "right" || prop == "bottom" || prop == "z-index" ||
		prop == "overflow" || strings.HasPrefix(prop, "overflow-") || prop == "columns" || strings.HasPrefix(prop, "column-") ||
		prop == "visibility" || prop == "opacity" || prop == "transform" || prop == "box-sizing" || prop == "gap" ||
		prop == "row-gap" || prop == "object-fit":
		if prop == "float" && v == "none" || prop == "clear" && v == "none" || prop == "position" && v == "static" {
			return 0, false
		}
		return effLayout, true
	case prop == "width" || prop == "height" || strings.HasPrefix(prop, "min-") || strings.HasPrefix(prop, "max-") ||
		prop == "font-size" || prop == "aspect-ratio":
		if v == "auto" || strings.HasPrefix(prop, "max-") && v == "none" {
			return 0, false
		}
		return effSize, true
	case prop == "color" || strings.HasPrefix(prop, "background"):
		if strings.HasPrefix(prop, "background") && none {
			return 0, false
		}
		return effColour, true
	case strings.HasPrefix(prop, "border") || prop == "box-shadow" || strings.HasPrefix(prop, "outline") || prop == "text-shadow":
		if none {
			return 0, false
		}
		return effBorder, true
	case strings.HasPrefix(prop, "margin") || strings.HasPrefix(prop, "padding") || prop == "letter-spacing" ||
		prop == "word-spacing" || prop == "line-height" || prop == "text-indent" || prop == "white-space":
		if prop == "white-space" && v == "normal" || (prop == "letter-spacing" || prop == "word-spacing") && (v == "normal" || none) {
			return 0, false
		}
		return effSpacing, true
	case prop == "vertical-align" && v == "baseline", prop == "font-weight" && (v == "normal" || v == "400"),
		prop == "font-style" && v == "normal", prop == "font-variant" && v == "normal":
		// The values every text has unless something says otherwise.
		return 0, false
	case prop == "text-align" || prop == "vertical-align" || prop == "justify-content" || prop == "align-items" ||
		prop == "align-self" || prop == "align-content" || prop == "justify-items" || prop == "justify-self" || prop == "place-items":
		return effAlign, true
	case strings.HasPrefix(prop, "font") || strings.HasPrefix(prop, "text-") || prop == "direction":
		if (prop == "text-decoration" || prop == "text-transform") && v == "none" {
			return 0, false
		}
		return effText, true
	case strings.HasPrefix(prop, "list-style"):
		return effList, true
	case prop == "cursor" || prop == "pointer-events" || prop == "user-select" || strings.HasPrefix(prop, "transition") ||
		strings.HasPrefix(prop, "animation"):
		return effBehaviour, true
	}
	// An unknown property: the safe side.
	return effLayout, true
}

// corpusStyleProps are the properties of every style attribute in the full
// shared corpus (lowercased, as of issue 13).
var corpusStyleProps = []string{
	"align-items", "align-self", "background", "background-color", "background-image", "background-size",
	"border", "border-radius", "box-shadow", "color", "display", "flex", "flex-direction", "flex-wrap",
	"float", "font-family", "font-size", "font-weight", "gap", "height", "justify-content", "left",
	"letter-spacing", "line-height", "list-style-type", "margin", "margin-bottom", "margin-left",
	"margin-right", "margin-top", "max-height", "max-width", "min-height", "min-width", "minwidth",
	"object-fit", "overflow", "padding", "padding-bottom", "padding-left", "padding-right", "position",
	"text-align", "text-decoration", "text-transform", "top", "transition", "vertical-align", "width",
}

// ruleStyleProps are the properties and prefixes the rules name, their
// neighbours on either side of each prefix, and properties no rule names.
var ruleStyleProps = []string{
	"mso-", "mso-ansi-language", "mso", "page-break", "page-break-before", "page-breaker", "break-", "break-after",
	"break", "orphans", "orphans-x", "widows", "-", "-webkit-box-shadow", "-moz-", "--", "--brand", "---x",
	"display", "float", "clear", "position", "flex", "flex-basis", "flexx", "grid", "grid-template-columns",
	"order", "top", "left", "right", "bottom", "z-index", "overflow", "overflow-", "overflow-x", "overflowx",
	"columns", "column", "column-", "column-count", "visibility", "opacity", "transform", "transform-origin",
	"box-sizing", "gap", "row-gap", "column-gap", "object-fit", "object-position",
	"width", "height", "min-", "min-inline-size", "max-", "max-block-size", "font-size", "aspect-ratio",
	"color", "colour", "background", "background-", "backgrounds", "border", "border-top-color", "borders",
	"box-shadow", "outline", "outline-offset", "text-shadow", "margin", "margin-inline-start", "padding",
	"padding-", "letter-spacing", "word-spacing", "line-height", "text-indent", "white-space",
	"vertical-align", "font-weight", "font-style", "font-variant", "font-variant-caps", "font", "fonts",
	"text-align", "text-align-last", "justify-content", "align-items", "align-self", "align-content",
	"justify-items", "justify-self", "place-items", "place-content", "text-", "text-decoration",
	"text-decoration-line", "text-transform", "direction", "list-style", "list-style-image", "list-styles",
	"cursor", "pointer-events", "user-select", "transition", "transition-delay", "animation", "animation-name",
	"caret-color", "unicode-bidi", "tab-size", "content", "x", "", " Display ", "\tFLOAT\n", "COLOR", "Mso-Foo",
}

// ruleStyleValues are the values the rules name, with the spellings that
// must mean the same (case, spaces, !important) and some that must not.
var ruleStyleValues = []string{
	"", " ", "inherit", "initial", "unset", "INHERIT", " unset ", "initial !important", "revert",
	"none", "None", " none ", "none!important", "none !important", "NONE !IMPORTANT", "none !important !important",
	"0", "0px", "0PX", "0 !important", "00", "0em", "transparent", "Transparent",
	"static", "auto", "Auto !important", "normal", "NORMAL", "400", "400 !important", "baseline", "Baseline",
	"!important", " !important ", "!IMPORTANT", "red", "10px", "1", "bold", "center", "rtl", "nowrap", "important",
}

// styleDeclRE finds the style attributes of a page's raw HTML.
var styleDeclRE = regexp.MustCompile(`(?i)style\s*=\s*("[^"]*"|'[^']*')`)

// TestStyleEffectSameAsOld checks that styleEffect decides every
// declaration of the corpus, and every property the rules name with every
// value they name, as oldStyleEffect did.
func TestStyleEffectSameAsOld(t *testing.T) {
	props := map[string]bool{}
	values := map[string]bool{}
	var pairs [][2]string
	for _, p := range append(append([]string{}, corpusStyleProps...), ruleStyleProps...) {
		props[p] = true
	}
	for _, v := range ruleStyleValues {
		values[v] = true
	}
	for _, pg := range corpus.Pages(t) {
		for _, m := range styleDeclRE.FindAllStringSubmatch(string(pg.Data), -1) {
			for _, d := range cssDecls(m[1][1 : len(m[1])-1]) {
				pairs = append(pairs, d)
				props[d[0]] = true
				values[d[1]] = true
			}
		}
	}
	if len(pairs) == 0 {
		t.Fatal("the corpus has no style declarations")
	}
	n := 0
	check := func(prop, value string) {
		n++
		e, ok := styleEffect(prop, value)
		oe, ook := oldStyleEffect(prop, value)
		if e != oe || ok != ook {
			t.Errorf("styleEffect(%q, %q) = %d, %v; was %d, %v", prop, value, e, ok, oe, ook)
		}
	}
	for _, d := range pairs {
		check(d[0], d[1])
	}
	for p := range props {
		for v := range values {
			check(p, v)
		}
	}
	t.Logf("%d declarations in the corpus, %d properties × %d values, %d checks", len(pairs), len(props), len(values), n)
}

// FuzzStyleEffect checks styleEffect against oldStyleEffect on any
// property and value.
func FuzzStyleEffect(f *testing.F) {
	for _, p := range ruleStyleProps {
		f.Add(p, "none")
		f.Add(p, "10px !important")
	}
	for _, v := range ruleStyleValues {
		f.Add("float", v)
		f.Add("max-width", v)
		f.Add("letter-spacing", v)
	}
	f.Fuzz(func(t *testing.T, prop, value string) {
		e, ok := styleEffect(prop, value)
		oe, ook := oldStyleEffect(prop, value)
		if e != oe || ok != ook {
			t.Errorf("styleEffect(%q, %q) = %d, %v; was %d, %v", prop, value, e, ok, oe, ook)
		}
	})
}
