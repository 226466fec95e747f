package tiptap

import "testing"

func BenchmarkTmpFragSmall(b *testing.B) {
	src := []byte(`<div class="row"><p>Some <b>text</b> here</p></div>`)
	b.ReportAllocs()
	for b.Loop() {
		ParseFragment(src, nil)
	}
}
