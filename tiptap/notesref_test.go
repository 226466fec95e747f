package tiptap

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/tiptapmd/tiptapmd/internal/corpus"
	"github.com/tiptapmd/tiptapmd/internal/dom"
	"golang.org/x/net/html"
)

// The note messages built without fmt, and their references: the
// fmt.Sprintf calls and loops they replace (table and fuzz).

// droppedAttrMessageRef is the reference for droppedAttrMessage.
func droppedAttrMessageRef(tag string, dropped []string, words string) string {
	if words == "" {
		return fmt.Sprintf("<%s>: dropped %s", tag, strings.Join(dropped, ", "))
	}
	return fmt.Sprintf("<%s>: dropped %s: %s", tag, strings.Join(dropped, ", "), words)
}

// classEffectsRef is the reference for classEffects: the classes shown
// collected in a slice from strings.Fields.
func classEffectsRef(value string, e *effects) []string {
	var shown []string
	for _, c := range strings.Fields(value) {
		if unstyledClass(c) {
			continue
		}
		if gridClass(c) {
			e[effGrid] = true
		} else {
			e[effClass] = true
		}
		shown = append(shown, c)
	}
	return shown
}

// wordsRef is the reference for effects.words.
func wordsRef(e *effects) string {
	var w []string
	for i, b := range e {
		if b && !(effect(i) == effLayout && e[effGrid]) {
			w = append(w, effectWords[i])
		}
	}
	return strings.Join(w, "; ")
}

var droppedAttrCases = []struct {
	tag, words string
	dropped    []string
}{
	{"div", "", []string{"class \"row\""}},
	{"span", "sizes change", []string{"style (font-size: 12px)"}},
	{"p", "alignment is lost; spacing changes", []string{"align", "style (margin: 0)", "class \"x y\""}},
	{"a", "", nil},
	{"td", "%s %d", []string{"%q", "%%"}},
	{"x-é", "é…", []string{"", ""}},
}

func TestDroppedAttrMessage(t *testing.T) {
	for _, c := range droppedAttrCases {
		if got, want := droppedAttrMessage(c.tag, c.dropped, c.words), droppedAttrMessageRef(c.tag, c.dropped, c.words); got != want {
			t.Errorf("droppedAttrMessage(%q, %q, %q) = %q, want %q", c.tag, c.dropped, c.words, got, want)
		}
	}
}

func FuzzDroppedAttrMessage(f *testing.F) {
	for _, c := range droppedAttrCases {
		f.Add(c.tag, strings.Join(c.dropped, "\x00"), c.words)
	}
	f.Fuzz(func(t *testing.T, tag, dropped, words string) {
		var d []string
		if dropped != "" {
			d = strings.Split(dropped, "\x00")
		}
		if got, want := droppedAttrMessage(tag, d, words), droppedAttrMessageRef(tag, d, words); got != want {
			t.Errorf("droppedAttrMessage(%q, %q, %q) = %q, want %q", tag, d, words, got, want)
		}
	})
}

var classCases = []string{
	"", " ", "row", "row col-md-6", "  a\tb\nc  ", "is-flex has-text-centered bp-section",
	"a b c d e f g h i j k", "columns column is-half", "\u00a0x\u2003y", "x\x85y",
}

// checkClassEffects compares classEffects and effects.words with their
// references on value.
func checkClassEffects(t *testing.T, value string) {
	var got, want effects
	shown := classEffects(value, &got)
	ref := classEffectsRef(value, &want)
	if shown != strings.Join(ref, " ") || got != want {
		t.Errorf("classEffects(%q) = %q, %v, want %q, %v", value, shown, got, ref, want)
	}
	if w, r := got.words(), wordsRef(&got); w != r {
		t.Errorf("words() of %v = %q, want %q", got, w, r)
	}
}

func TestClassEffects(t *testing.T) {
	for _, v := range classCases {
		checkClassEffects(t, v)
	}
	// Every combination of effects, for words.
	for m := range 1 << effCount {
		var e effects
		for i := range e {
			e[i] = m&(1<<i) != 0
		}
		if w, r := e.words(), wordsRef(&e); w != r {
			t.Fatalf("words() of %v = %q, want %q", e, w, r)
		}
	}
}

func FuzzClassEffects(f *testing.F) {
	for _, v := range classCases {
		f.Add(v)
	}
	f.Fuzz(checkClassEffects)
}

// withoutOpenerRef is the reference for withoutOpener: the fields split
// and filtered every time.
func withoutOpenerRef(rel string) (string, bool) {
	f := strings.Fields(rel)
	kept := slices.DeleteFunc(slices.Clone(f), func(k string) bool { return strings.EqualFold(k, "opener") })
	if len(kept) == len(f) {
		return rel, false
	}
	if len(kept) == 0 {
		return defaultLinkRel, true
	}
	return strings.Join(kept, " "), true
}

var relCases = []string{
	"", "noopener", "opener", "OPENER", "noopener noreferrer", "noreferrer opener", " Opener\tnofollow ",
	"openers", "xopener", "open", "opener opener", "noopener\u00a0opener", "ope\u212Aner", "\u017Fopener",
	"noopener noreferrer nofollow", "opener\u3000x", "x\u0085opener", "a\vopener\fb", "opener-x", "x.opener",
}

func checkWithoutOpener(t *testing.T, rel string) {
	got, gotOK := withoutOpener(rel)
	want, wantOK := withoutOpenerRef(rel)
	if got != want || gotOK != wantOK {
		t.Errorf("withoutOpener(%q) = %q, %v, want %q, %v", rel, got, gotOK, want, wantOK)
	}
}

func TestWithoutOpener(t *testing.T) {
	for _, c := range relCases {
		checkWithoutOpener(t, c)
	}
}

func FuzzWithoutOpener(f *testing.F) {
	for _, c := range relCases {
		f.Add(c)
	}
	f.Fuzz(checkWithoutOpener)
}

// hasClassRef is the reference for hasClass: the class list split every
// time.
func hasClassRef(el *html.Node, c string) bool {
	v, ok := dom.LookupAttr(el, "class")
	return ok && slices.Contains(strings.Fields(v), c)
}

var hasClassCases = [][2]string{
	{"row", "row"}, {"rows", "row"}, {"a row b", "row"}, {"arow", "row"}, {"", ""}, {"x", ""},
	{"a\u00a0row", "row"}, {"a\trow\n", "row"}, {"row-x", "row"}, {"isomer-image-wrapper", "isomer-image"},
}

func checkHasClass(t *testing.T, class, c string) {
	el := &html.Node{Type: html.ElementNode, Data: "div", Attr: []html.Attribute{{Key: "class", Val: class}}}
	if got, want := hasClass(el, c), hasClassRef(el, c); got != want {
		t.Errorf("hasClass(class=%q, %q) = %v, want %v", class, c, got, want)
	}
}

func TestHasClass(t *testing.T) {
	for _, k := range hasClassCases {
		checkHasClass(t, k[0], k[1])
	}
	if hasClass(&html.Node{Type: html.ElementNode, Data: "div"}, "") {
		t.Error("hasClass without a class attribute = true")
	}
}

func FuzzHasClass(f *testing.F) {
	for _, k := range hasClassCases {
		f.Add(k[0], k[1])
	}
	f.Fuzz(checkHasClass)
}

// joinDeclsRef is the reference for joinDecls.
func joinDeclsRef(decls [][2]string) string {
	parts := make([]string, len(decls))
	for i, d := range decls {
		parts[i] = d[0] + ": " + d[1]
	}
	return strings.Join(parts, "; ")
}

// fragmentTargetsRef is the reference for the fragments prepareDOM
// gathers in parser.targets: a recursive walk from root itself, before
// anything is prepared.
func fragmentTargetsRef(root *html.Node) map[string]bool {
	t := map[string]bool{}
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && n.Namespace == "" && n.Data == "a" {
			if h, _ := dom.LookupAttr(n, "href"); strings.HasPrefix(strings.TrimSpace(h), "#") && len(strings.TrimSpace(h)) > 1 {
				t[strings.TrimSpace(h)[1:]] = true
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(root)
	return t
}

var targetCases = []string{
	"", `<a href="#x">a</a>`, `<p><a href=" #y ">b</a><a href="#">c</a><a href="#\u00a0">d</a></p>`,
	`<a href="/p#z">e</a><a name="#n">f</a><svg><a href="#s">g</a></svg>`, `<a href="\t#é\n">h</a><a>i</a>`,
	"<a href=\"\ufeff#bom\">j</a><a href=\"#\u0085\">k</a><a href=\"#\xff\">l</a><a href=\"#a\" href=\"#b\">m</a><A HREF=\"#C\">n</A>",
}

// checkTargets compares the targets prepareDOM gathers with the
// reference on the body of src (on both paths), and joinDecls on the
// declarations of its style attributes.
func checkTargets(t *testing.T, src []byte) {
	t.Helper()
	for _, treeBuilder := range []bool{false, true} {
		p := newParser(src, false, true)
		p.treeBuilder = treeBuilder
		body, err := p.parseDOM()
		if err != nil {
			return
		}
		want := fragmentTargetsRef(body)
		p.prepareDOM(body)
		if !maps.Equal(p.targets, want) {
			t.Fatalf("%q (tree builder %v): targets %v, want %v", src, treeBuilder, p.targets, want)
		}
	}
	p := newParser(src, false, true)
	body, err := p.parseDOM()
	if err != nil {
		return
	}
	walkDOM(body, func(n *html.Node) {
		if v, ok := dom.LookupAttr(n, "style"); ok {
			d := cssDecls(v)
			if got, want := joinDecls(d), joinDeclsRef(d); got != want {
				t.Fatalf("joinDecls(%q) = %q, want %q", d, got, want)
			}
		}
	})
}

func TestFragmentTargets(t *testing.T) {
	for _, c := range targetCases {
		checkTargets(t, []byte(c))
	}
	for _, pg := range corpus.Pages(t) {
		checkTargets(t, pg.Body())
	}
	if got := joinDecls(nil); got != "" {
		t.Errorf("joinDecls(nil) = %q", got)
	}
}

func FuzzFragmentTargets(f *testing.F) {
	for _, c := range targetCases {
		f.Add([]byte(c))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		checkTargets(t, src)
	})
}
