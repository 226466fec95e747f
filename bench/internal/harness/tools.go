package harness

import (
	"bytes"

	htmltomarkdown "github.com/JohannesKaufmann/html-to-markdown/v2/converter"
	"github.com/JohannesKaufmann/html-to-markdown/v2/plugin/base"
	"github.com/JohannesKaufmann/html-to-markdown/v2/plugin/commonmark"
	"github.com/JohannesKaufmann/html-to-markdown/v2/plugin/strikethrough"
	"github.com/JohannesKaufmann/html-to-markdown/v2/plugin/table"
	"github.com/tiptapmd/tiptapmd/convert"
	"github.com/tiptapmd/tiptapmd/markdown"
	"github.com/tiptapmd/tiptapmd/tiptap"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	gmhtml "github.com/yuin/goldmark/renderer/html"
)

// A ConvertFunc converts one input and returns the output. The Go
// benchmarks and bench/cmd/benchcorpus measure the same ConvertFuncs.
type ConvertFunc func(in []byte) ([]byte, error)

// TiptapmdPage returns tiptapmd's page API in direction dir: a whole page
// (front matter and body) in, through [convert.Converter.ToTiptap] or
// [convert.Converter.ToMarkdown], which also apply the front matter
// rules, read their result back to check it and make a report.
func TiptapmdPage(dir string) ConvertFunc {
	c, err := convert.New()
	if err != nil {
		panic(err) // no options: New cannot fail
	}
	if dir == ToTiptap {
		return func(in []byte) ([]byte, error) { out, _, err := c.ToTiptap(in); return out, err }
	}
	return func(in []byte) ([]byte, error) { out, _, err := c.ToMarkdown(in); return out, err }
}

// TiptapmdBody returns tiptapmd's body pipeline in direction dir, the
// lower-level packages alone: [markdown.Parse] then [tiptap.RenderHTML],
// or [tiptap.ParseHTML] then [markdown.Render].
func TiptapmdBody(dir string) ConvertFunc {
	if dir == ToTiptap {
		return func(in []byte) ([]byte, error) {
			doc, _, err := markdown.Parse(in, markdown.Options{})
			if err != nil {
				return nil, err
			}
			return tiptap.RenderHTML(doc)
		}
	}
	return func(in []byte) ([]byte, error) {
		doc, _, err := tiptap.ParseHTML(in)
		if err != nil {
			return nil, err
		}
		out, _, err := markdown.Render(doc, markdown.RenderOptions{})
		return out, err
	}
}

// Goldmark returns the Markdown to HTML floor: goldmark alone, with the
// GFM extensions and raw HTML kept, as package markdown configures it
// (without its kramdown parsers).
func Goldmark() ConvertFunc {
	md := goldmark.New(goldmark.WithExtensions(extension.GFM), goldmark.WithRendererOptions(gmhtml.WithUnsafe()))
	return func(in []byte) ([]byte, error) {
		var out bytes.Buffer
		err := md.Convert(in, &out)
		return out.Bytes(), err
	}
}

// HTMLToMarkdown returns the HTML to Markdown floor: html-to-markdown v2
// alone, with its CommonMark, table and strikethrough plugins.
func HTMLToMarkdown() ConvertFunc {
	conv := htmltomarkdown.NewConverter(htmltomarkdown.WithPlugins(
		base.NewBasePlugin(), commonmark.NewCommonmarkPlugin(),
		table.NewTablePlugin(), strikethrough.NewStrikethroughPlugin(),
	))
	return func(in []byte) ([]byte, error) { return conv.ConvertReader(bytes.NewReader(in)) }
}
