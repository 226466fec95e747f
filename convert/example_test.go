package convert_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log"

	"github.com/tiptapmd/tiptapmd/convert"
	"github.com/tiptapmd/tiptapmd/convert/rewrite"
	"github.com/tiptapmd/tiptapmd/frontmatter"
)

func ExampleToTiptap() {
	page := []byte(`---
title: About us
permalink: /about-us
---
# About us

We serve **everyone**. Read [our mission](/mission/).
`)
	out, report, err := convert.ToTiptap(page)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("%s\n\n", out)
	for _, e := range report.Items {
		fmt.Println(e)
	}
	// Output:
	// ---
	// title: About us
	// permalink: /about-us/
	// variant: tiptap
	// ---
	// <h1>About us</h1>
	// <p>We serve <strong>everyone</strong>. Read <a href="/mission/" rel="noopener noreferrer nofollow" target="_blank">our mission</a>.</p>
	//
	// 4: info: variant: variant set to tiptap
	// 3: info: permalink-slashes: permalink "/about-us" changed to "/about-us/": the CMS stores permalinks with a leading and a trailing slash
}

func ExampleToMarkdown() {
	page := []byte(`---
title: Contact
variant: tiptap
---
<p>Write to <a href="mailto:hello@example.gov.sg" rel="noopener noreferrer nofollow" target="_blank">us</a>.</p>
<ul data-tight="true" class="tight">
<li>
<p>Mondays</p>
</li>
<li>
<p>Fridays</p>
</li>
</ul>`)
	out, _, err := convert.ToMarkdown(page)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("%s", out)
	// Output:
	// ---
	// title: Contact
	// variant: markdown
	// ---
	// Write to [us](mailto:hello@example.gov.sg).
	//
	// - Mondays
	// - Fridays
}

// A migration script builds one Converter and uses it for every page; it is
// safe for concurrent use.
func ExampleNew() {
	c, err := convert.New(
		convert.WithFrontMatterRules(frontmatter.DefaultRules|frontmatter.RulePermalinkLowercase),
		convert.WithLinkTargets(true),
	)
	if err != nil {
		log.Fatal(err)
	}
	out, report, err := c.Convert(convert.OpToMarkdown, "pages/news.md", []byte(`---
title: News
permalink: /News/
variant: tiptap
---
<p>See <a href="https://www.example.gov.sg" rel="noopener noreferrer nofollow" target="_blank">the site</a>.</p>`))
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("%s\n", out)
	fmt.Println(report.Path, report.From, "->", report.To, "changed:", report.Changed)
	// Output:
	// ---
	// title: News
	// permalink: /news/
	// variant: markdown
	// ---
	// See [the site](https://www.example.gov.sg){:target="_blank"}.
	//
	// pages/news.md tiptap -> markdown changed: true
}

// Errors name the file, line and column of the problem.
func ExampleError() {
	c, err := convert.New()
	if err != nil {
		log.Fatal(err)
	}
	_, _, err = c.Convert(convert.OpToTiptap, "pages/broken.md", []byte("---\ntitle: x\n\tpermalink: /a/\n---\n"))
	fmt.Println(err)
	// Output:
	// pages/broken.md:3:1: front matter: tab character in indentation: YAML indents with spaces only (found a tab character that violates indentation)
}

// Typography survives both ways by default: a Markdown page's straight
// quotes and "--" become the curly quotes and dash that Jekyll showed,
// and a tiptap page's straight quotes are escaped so that Jekyll shows
// them straight. WithTypographer(false) and WithEscapeTypography(false)
// keep the characters as they are written instead.
func ExampleWithTypographer() {
	md := []byte("---\ntitle: Quotes\n---\n\"Hello\" -- it's here...\n")
	tt := []byte("---\ntitle: Quotes\nvariant: tiptap\n---\n<p>\"Hello\" -- it's here...</p>")
	for _, opts := range [][]convert.Option{nil, {convert.WithTypographer(false), convert.WithEscapeTypography(false)}} {
		c, err := convert.New(opts...)
		if err != nil {
			log.Fatal(err)
		}
		toTiptap, _, err := c.ToTiptap(md)
		if err != nil {
			log.Fatal(err)
		}
		toMarkdown, _, err := c.ToMarkdown(tt)
		if err != nil {
			log.Fatal(err)
		}
		fmt.Printf("%s\n%s", toTiptap[bytes.LastIndex(toTiptap, []byte("---\n"))+4:], toMarkdown[bytes.LastIndex(toMarkdown, []byte("---\n"))+4:])
	}
	// Output:
	// <p>“Hello” – it’s here…</p>
	// \"Hello\" \-\- it\'s here\.\.\.
	// <p>"Hello" -- it's here...</p>
	// "Hello" -- it's here...
}

// Rewrite a page's URLs without converting it: each changed URL is an
// entry of the report, at its place in the page.
func ExampleRewrite() {
	page := []byte("---\ntitle: A\nimage: /images/a.png\n---\nSee [the plan](/files/plan.pdf).\n")
	fn := rewrite.PrefixMap(map[string]string{"/images/": "/media/images/", "/files/": "/media/files/"})
	out, report, err := convert.Rewrite("site/pages/a.md", "pages/a.md", page, fn, nil)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("%s\n", out)
	for _, e := range report.Items {
		fmt.Println(e)
	}
	// Output:
	// ---
	// title: A
	// image: /media/images/a.png
	// ---
	// See [the plan](/media/files/plan.pdf).
	//
	// 3:8: info: rewritten: front-matter image "/images/a.png" rewritten to "/media/images/a.png"
	// 5:16: info: rewritten: link "/files/plan.pdf" rewritten to "/media/files/plan.pdf"
}

// Convert under a context, following the parts of the page: a caller
// with a time budget can say where a page was stopped.
func ExampleConverter_ConvertContext() {
	c, err := convert.New()
	if err != nil {
		log.Fatal(err)
	}
	page := []byte("---\ntitle: A\n---\nText.\n")
	at := func(what string, line int) { fmt.Printf("line %d: %s\n", line, what) }
	if _, _, err := c.ConvertContext(context.Background(), convert.OpToTiptap, "a.md", page, at); err != nil {
		log.Fatal(err)
	}
	ctx, cancel := context.WithCancelCause(context.Background())
	cancel(errors.New("over budget"))
	_, _, err = c.ConvertContext(ctx, convert.OpToTiptap, "a.md", page, nil)
	fmt.Println(err)
	// Output:
	// line 1: the front matter
	// line 4: the markdown body
	// line 4: writing the tiptap body
	// line 4: reading back the tiptap body
	// over budget
}
