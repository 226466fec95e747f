package tiptap

import (
	"bytes"
	"fmt"
	"slices"
	"testing"

	"github.com/tiptapmd/tiptapmd/internal/ascii"
	"github.com/tiptapmd/tiptapmd/internal/corpus"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// matchingByScan lists the rules that match el, trying every rule of s
// in order: how matchTag and isBlockRuleElement chose before the rules
// were indexed by tag, the reference rulesFor must agree with.
func matchingByScan(s *schema, el *html.Node) []*parseRule {
	var out []*parseRule
	if el.Namespace != "" {
		return nil
	}
	for _, r := range s.rules {
		if r.match(el) {
			out = append(out, r)
		}
	}
	return out
}

// matchingByIndex lists the rules that match el among those rulesFor
// gives.
func matchingByIndex(s *schema, el *html.Node) []*parseRule {
	var out []*parseRule
	for _, r := range s.rulesFor(el) {
		if r.match(el) {
			out = append(out, r)
		}
	}
	return out
}

// ruleIndexDiff compares, for every element of src's DOM, the rules that
// match it by scan and by index, and returns the first difference and
// how many elements it compared.
func ruleIndexDiff(src []byte) (int, string) {
	s := theSchema()
	root, err := html.Parse(bytes.NewReader(src))
	if err != nil {
		return 0, ""
	}
	n, diff := 0, ""
	var walk func(*html.Node)
	walk = func(el *html.Node) {
		for c := el.FirstChild; c != nil && diff == ""; c = c.NextSibling {
			if c.Type != html.ElementNode {
				continue
			}
			n++
			scan, idx := matchingByScan(s, c), matchingByIndex(s, c)
			if !slices.Equal(scan, idx) {
				diff = fmt.Sprintf("<%s %v>: %s by scan, %s by index", c.Data, c.Attr, ruleNames(scan), ruleNames(idx))
			}
			walk(c)
		}
	}
	walk(root)
	return n, diff
}

func ruleNames(rs []*parseRule) []string {
	var out []string
	for _, r := range rs {
		if r.node != nil {
			out = append(out, r.node.name)
		} else {
			out = append(out, r.mark.name)
		}
	}
	return out
}

// TestRuleIndex checks that every rule names the tags it matches and the
// index lists each rule under them in order, and that the rules
// matching an element are the same found by index as by trying them
// all, on the dialect's shapes and on every page of the corpus.
func TestRuleIndex(t *testing.T) {
	s := theSchema()
	for _, r := range s.rules {
		if len(r.tags) == 0 {
			t.Errorf("rule for %v names no tags", ruleNames([]*parseRule{r}))
		}
	}
	for tag, rs := range s.ruleIndex.byTag {
		var want []*parseRule
		for _, r := range s.rules {
			if slices.Contains(r.tags, tag) {
				want = append(want, r)
			}
		}
		if !slices.Equal(rs, want) {
			t.Errorf("byTag[%q] = %v, want %v", tag, ruleNames(rs), ruleNames(want))
		}
		// The same by atom, and for a node whose atom is not its name.
		a := atom.Lookup([]byte(tag))
		if a == 0 {
			t.Errorf("tag %q has no atom: it is looked up by hashing", tag)
		}
		for _, el := range []*html.Node{
			{Type: html.ElementNode, Data: tag, DataAtom: a},
			{Type: html.ElementNode, Data: tag},
			{Type: html.ElementNode, Data: tag, DataAtom: atom.Span},
		} {
			if got := s.rulesFor(el); !slices.Equal(got, want) {
				t.Errorf("rulesFor(<%s> atom %v) = %v, want %v", tag, el.DataAtom, ruleNames(got), ruleNames(want))
			}
		}
	}
	for _, el := range []*html.Node{
		{Type: html.ElementNode, Data: "span", DataAtom: atom.Span},
		{Type: html.ElementNode, Data: "x-p", DataAtom: 0},
		{Type: html.ElementNode, Data: "span", DataAtom: atom.P},
		{Type: html.ElementNode, Data: "p", DataAtom: atom.P, Namespace: "svg"},
		{Type: html.TextNode, Data: "p"},
	} {
		if got := s.rulesFor(el); len(got) != 0 {
			t.Errorf("rulesFor(<%s> atom %v ns %q) = %v, want none", el.Data, el.DataAtom, el.Namespace, ruleNames(got))
		}
	}
	for _, src := range []string{
		`<p>a</p><blockquote class="instagram-media" data-instgrm-permalink="x">b</blockquote><blockquote>c</blockquote>`,
		`<ul data-type="taskList"><li data-type="taskItem" data-checked="true"><p>x</p></li></ul><ul><li>y</li></ul><ol start="3"><li>z</li></ol>`,
		`<div class="isomer-card-grid"><a class="isomer-card" href="x"><div class="isomer-card-image"><img src="a.png"></div>` +
			`<div class="isomer-card-body"><div class="isomer-card-title">t</div></div></a><div class="isomer-card"></div></div>`,
		`<div class="isomer-accordion isomer-accordion-gray" data-type="detailsGroup"><details class="isomer-details"><summary>s</summary>` +
			`<div class="isomer-details-content" data-type="detailsContent"><p>c</p></div></details></div>`,
		`<b style="font-weight: normal">x</b><b>y</b><i style="font-style:normal">z</i><i>w</i><del>d</del><ins>i</ins><a class="isomer-card">e</a>`,
		`<pre><code class="language-go">x</code></pre><img><img src=""><iframe src="x"></iframe><table><tr><th>a</th><td>b</td></tr></table>`,
		`<svg><a href="x">s</a><p>q</p></svg><math><mi>x</mi></math><h1>a</h1><h6>b</h6><h7>c</h7><hr><br>`,
	} {
		if _, diff := ruleIndexDiff([]byte(src)); diff != "" {
			t.Errorf("%s: %s", src, diff)
		}
	}
	elements := 0
	for _, pg := range corpus.Pages(t) {
		n, diff := ruleIndexDiff(pg.Body())
		if diff != "" {
			t.Errorf("%s: %s", pg.Path, diff)
		}
		elements += n
	}
	t.Logf("%d elements compared", elements)
	if elements == 0 {
		t.Error("no element compared")
	}
}

// FuzzRuleIndex checks that for any source, the rules matching each
// element are the same found by index as by trying them all.
func FuzzRuleIndex(f *testing.F) {
	addSeeds(f)
	f.Fuzz(func(t *testing.T, src []byte) {
		if _, diff := ruleIndexDiff(src); diff != "" {
			t.Errorf("%q: %s", src, diff)
		}
	})
}

// FuzzBlankText checks the shortcut addTextNode takes for a text of
// white space only in a context that collapses it: one space, what
// CollapseSpace gives.
func FuzzBlankText(f *testing.F) {
	for _, s := range []string{" ", "\n", "\r\n", " \t\f\n  ", "\v", "\u00a0", "a", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if s == "" || hasNonSpace(s) {
			return
		}
		if got := ascii.CollapseSpace(s); got != " " {
			t.Errorf("CollapseSpace(%q) = %q, the shortcut gives \" \"", s, got)
		}
	})
}
