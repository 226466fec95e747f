package markdown

import (
	"bytes"
	"math/rand/v2"
	"testing"

	"golang.org/x/net/html"
)

// TestRawTagName checks that rawTagName reads every tag token's name as
// the tokenizer's TagName does, on random HTML made of tag-like pieces.
func TestRawTagName(t *testing.T) {
	pieces := []string{"<", "</", ">", "/>", "a", "A", "dIv", "x-y", "\x00", "é", " ", "\t", "\r\n", "\f", "=", `"`, "'", "href", "#x", "!--", "-->", "?", strings32()}
	r := rand.New(rand.NewPCG(3, 4))
	tags := 0
	for range 20000 {
		var b bytes.Buffer
		for range r.IntN(16) {
			b.WriteString(pieces[r.IntN(len(pieces))])
		}
		src := b.Bytes()
		// Two tokenizers in step: TagName gives a name once.
		z := html.NewTokenizer(bytes.NewReader(src))
		y := html.NewTokenizer(bytes.NewReader(src))
		for {
			tt := z.Next()
			y.Next()
			if tt == html.ErrorToken {
				break
			}
			if tt != html.StartTagToken && tt != html.SelfClosingTagToken && tt != html.EndTagToken {
				continue
			}
			got := rawTagName(z)
			name, _ := y.TagName()
			if want := atomName(name); got != want {
				t.Fatalf("%q: rawTagName = %q, TagName = %q", src, got, want)
			}
			tags++
		}
	}
	if tags < 1000 {
		t.Fatalf("only %d tags read", tags)
	}
}

func strings32() string { return "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghij" }
