package markdown

import (
	"sort"
	"testing"

	"github.com/tiptapmd/tiptapmd"
)

// posRef is posMap.pos as it was before its memo: the reference the
// memo is held to.
func (m *posMap) posRef(p tiptapmd.Pos) tiptapmd.Pos {
	if !p.IsValid() || len(m.marks) == 0 || p.Line > len(m.htmlLines) {
		return tiptapmd.Pos{}
	}
	off := m.htmlLines[p.Line-1] + p.Column - 1
	i := sort.Search(len(m.marks), func(i int) bool { return m.marks[i].htmlOff > off }) - 1
	if i < 0 {
		i = 0
	}
	mk := m.marks[i]
	start := m.src.pos(mk.srcOff)
	if !mk.raw {
		return start
	}
	markLine := sort.Search(len(m.htmlLines), func(k int) bool { return m.htmlLines[k] > mk.htmlOff }) - 1
	last := m.src.pos(max(mk.srcOff, mk.srcEnd-1))
	q := tiptapmd.Pos{Line: start.Line + (p.Line - 1 - markLine), Column: p.Column}
	if p.Line-1 == markLine {
		q.Column = start.Column + (off - mk.htmlOff)
	}
	if q.Line >= last.Line {
		q.Line = last.Line
		if q.Line == start.Line {
			q.Column = max(q.Column, start.Column)
		}
	}
	return m.src.clamp(q)
}

// checkPosMap maps every position of the HTML written for src, forwards
// then backwards (the memo missing each time), with pos and posRef.
func checkPosMap(t *testing.T, src []byte) {
	t.Helper()
	st, s, doc, err := read(src, Options{}, false)
	if err != nil {
		return
	}
	r := &renderer{st: st, src: s.text, marks: true}
	r.children(doc)
	m := newPosMap(r, s)
	var ps []tiptapmd.Pos
	for l, start := range m.htmlLines {
		end := len(r.out) + 1
		if l+1 < len(m.htmlLines) {
			end = m.htmlLines[l+1]
		}
		for c := 1; c <= end-start+1; c++ {
			ps = append(ps, tiptapmd.Pos{Line: l + 1, Column: c})
		}
	}
	ps = append(ps, tiptapmd.Pos{}, tiptapmd.Pos{Line: len(m.htmlLines) + 1, Column: 1})
	for k := range 2 * len(ps) {
		p := ps[k%len(ps)]
		if k >= len(ps) {
			p = ps[len(ps)-1-k%len(ps)]
		}
		if got, want := m.pos(p), m.posRef(p); got != want {
			t.Fatalf("%q: pos(%v) = %v, want %v", src, p, got, want)
		}
	}
}

func TestPosMapMemo(t *testing.T) {
	for _, src := range []string{
		"",
		"a *b*\n\n<div>\n  <p>x</p>\n</div>\n\nc <span>d</span>\n",
		"# h\n\n<table>\n<tr><td>1</td></tr>\n</table>\n> q <b>x</b>\n\n- <i>y</i>\n",
		"<div markdown=\"1\">\n*a*\n\n<p>b</p>\n</div>\r\n{{ site.baseurl }}/x <br>\n",
		"<!-- c -->\n<p title=a.b>t</p>\n\ntext\n<pre>\n  x\n</pre>\n",
	} {
		checkPosMap(t, []byte(src))
	}
}

func FuzzPosMapMemo(f *testing.F) {
	f.Add([]byte("a *b*\n\n<div>\n  <p>x</p>\n</div>\n\nc <span>d</span>\n"))
	f.Add([]byte("<div markdown=\"1\">\n*a*\n</div>\r\n<br>\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		checkPosMap(t, src)
	})
}
