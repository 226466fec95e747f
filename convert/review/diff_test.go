package review

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

// marked returns the two bodies with their marks, sanitized, and the
// counts.
func marked(before, after string) (string, string, marks) {
	b, a := parseBody([]byte(before)), parseBody([]byte(after))
	m := mark(b, a)
	sanitize(b)
	sanitize(a)
	return renderChildren(b), renderChildren(a), m
}

func TestMarkWords(t *testing.T) {
	b, a, m := marked(`<p>Open daily from nine to five.</p>`, `<p>Open daily from ten to five, except Sundays.</p>`)
	assert.Equal(t, `<p>Open daily from <span class="rv-del">nine</span> to five.</p>`, b)
	assert.Equal(t, `<p>Open daily from <span class="rv-add">ten</span> to five<span class="rv-add">, except Sundays</span>.</p>`, a)
	assert.Equal(t, marks{Deleted: 1, Added: 4}, m)

	// Words are not split by elements, punctuation is apart.
	b, a, m = marked(`<p>Call <span style="color: red">6123 4567</span>.</p>`, `<p>Call 6123 4567.</p>`)
	assert.Equal(t, `<p>Call <span style="color: red" class="rv-unwrap">6123 4567</span>.</p>`, b)
	assert.Equal(t, `<p>Call 6123 4567.</p>`, a)
	assert.Equal(t, marks{Unwrapped: 1}, m)
}

func TestMarkElements(t *testing.T) {
	b, a, m := marked(`<div class="note"><p>Kept <u>text</u></p></div><p>Gone <span>away</span></p>`, `<p>Kept text</p>`)
	assert.Equal(t, `<div class="note rv-unwrap"><p>Kept <u class="rv-unwrap">text</u></p></div><p class="rv-drop"><span class="rv-del">Gone</span> <span class="rv-drop"><span class="rv-del">away</span></span></p>`, b)
	assert.Equal(t, `<p>Kept text</p>`, a)
	assert.Equal(t, marks{Deleted: 2, Dropped: 2, Unwrapped: 2}, m)
}

func TestMarkImagesAndLinks(t *testing.T) {
	b, a, m := marked(`<p><img src="/a.png" width="300"> <a href="/old/">x</a> <a href="/same/">y</a></p>`,
		`<p><img src="/a.png" style="width: 100%"> <a href="/new/">x</a> <a href="/same/">y</a></p>`)
	assert.Equal(t, `<p><span class="rv-img rv-resize" style="width:300px;" title="/a.png now width 100%, was width 300px">image (300×auto)</span> <a class="rv-link" title="→ /old/ now /new/">x</a> <a title="→ /same/">y</a></p>`, b)
	assert.Equal(t, `<p><span class="rv-img rv-resize" style="width:100%;" title="/a.png was width 300px, now width 100%">image</span> <a class="rv-link" title="→ /new/ was /old/">x</a> <a title="→ /same/">y</a></p>`, a)
	assert.Equal(t, marks{Resized: 1, Links: 1}, m)
}

// TestMarkBounded: sequences too long to match word by word are marked
// whole between their common start and end, in bounded memory.
func TestMarkBounded(t *testing.T) {
	n := 3000 // 3,000 × 3,000 words is over maxCells
	before := "<p>start " + strings.Repeat("a ", n) + "end</p>"
	after := "<p>start " + strings.Repeat("b ", n) + "end</p>"
	_, _, m := marked(before, after)
	assert.Equal(t, marks{Deleted: n, Added: n}, m)

	// Under the bound, the words in common are found.
	_, _, m = marked("<p>x "+strings.Repeat("a b ", 100)+"</p>", "<p>"+strings.Repeat("a c ", 100)+"y</p>")
	assert.Equal(t, marks{Deleted: 101, Added: 101}, m)
}

func TestCommon(t *testing.T) {
	a, b := strings.Fields("a b c d e f"), strings.Fields("a x c d y f")
	var pairs [][2]int
	ka, kb := common(len(a), len(b), func(i, j int) bool { return a[i] == b[j] }, func(i, j int) { pairs = append(pairs, [2]int{i, j}) })
	assert.Equal(t, []bool{true, false, true, true, false, true}, ka)
	assert.Equal(t, []bool{true, false, true, true, false, true}, kb)
	assert.Equal(t, [][2]int{{0, 0}, {2, 2}, {3, 3}, {5, 5}}, pairs)
}
