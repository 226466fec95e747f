package layout

import (
	"bytes"
	"testing"
)

// sanitize, which appends to a buffer of its own, is the reference of
// sanitizeInPlace, which writes over its input: TestSanitizeInPlace and
// FuzzSanitizeInPlace check that both give the same bytes.

// sanitizeInputs are step-3 inputs: start tags that shrink, keep their
// length or grow (unquoted and single-quoted values, bare names), next
// to raw-text elements whose name the tag written may cover, closing
// tags, comments, and input cut inside a tag.
var sanitizeInputs = []string{
	"", "text", "<", "a < b", "<p>", "</P >", "<P CLASS=\"x\">t</P>",
	`<a href="/x" target="_blank" rel="noopener">link</a>`,
	"<a\nhref=\"/x\"\nclass=\"y\">",
	`<img alt=" a " src="/i.png" data-x="1">`,
	`<p class=x id='y"z' hidden>`,
	`<p a=1 b=2 c=3 d=4>` + "text",
	`<p  class="a"  class="b">`,
	`<br/>`, `<input checked>`, `<x a=b>`,
	`<script type="module" src="/s.js">if (a<b) {}</script>`,
	"text <script>x</script> more",
	`<style media="x" type="text/css">p{}</style>after`,
	`<textarea rows="2" cols="3"><b></textarea>`,
	`<title a='1'>t</title>`, `<plaintext a=1><p>`,
	"<!-- c --><p>", "<![CDATA[x]]>", "<!doctype html>", "<?xml x?>", "</>",
	"<p class=\"a", "<p class='a'", "</p", "<a href=x",
	"<div " + string(bytes.Repeat([]byte(`a="b" `), 40)) + ">",
	"<div " + string(bytes.Repeat([]byte(`a=b `), 20)) + "c=d>x</div>",
	"<p>" + string(bytes.Repeat([]byte("w "), 200)) + "</p><p x=1 y=2>",
}

func checkSanitizeInPlace(t *testing.T, src []byte) {
	t.Helper()
	want := sanitize(nil, src)
	got := sanitizeInPlace(bytes.Clone(src))
	if !bytes.Equal(got, want) {
		t.Fatalf("sanitizeInPlace(%q)\n got %q\nwant %q", src, got, want)
	}
}

func TestSanitizeInPlace(t *testing.T) {
	for _, in := range append(sanitizeInputs, refInputs...) {
		checkSanitizeInPlace(t, []byte(in))
	}
	// Step 3 as Print runs it, on the output of step 2.
	for _, in := range append(sanitizeInputs, refInputs...) {
		for _, compat := range []bool{false, true} {
			p := printer{src: []byte(in), compat: compat}
			p.print()
			checkSanitizeInPlace(t, p.out)
		}
	}
	// A tag that does not fit moves the output to a buffer of its own,
	// after which the input is left as it was.
	src := []byte("<p a=1>x</p>")
	got := sanitizeInPlace(src)
	if string(got) != `<p a="1">x</p>` || string(src) != "<p a=1>x</p>" {
		t.Errorf("growing tag: got %q, input now %q", got, src)
	}
}

func FuzzSanitizeInPlace(f *testing.F) {
	for _, in := range append(sanitizeInputs, refInputs...) {
		f.Add([]byte(in))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		if len(src) > 4096 {
			src = src[:4096]
		}
		checkSanitizeInPlace(t, src)
	})
}
