package tiptap

import "testing"

func BenchmarkTmpFrag(b *testing.B) {
	src := []byte("<div class=\"row\">\n<p><b>x</b>\ny</p></div>")
	b.ReportAllocs()
	for b.Loop() {
		ParseFragment(src, nil)
	}
}
