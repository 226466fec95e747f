package frontmatter_test

import (
	"errors"
	"fmt"

	"github.com/tiptapmd/tiptapmd/frontmatter"
)

func ExampleSplit() {
	src := []byte("---\ntitle: Tables\n---\n| a | b |\n|---|---|\n| 1 | 2 |\n\n---\n")
	parts, err := frontmatter.Split(src)
	if err != nil {
		panic(err)
	}
	fmt.Printf("yaml: %q (line %d)\n", parts.YAML, parts.YAMLLine)
	fmt.Printf("body: %q (line %d)\n", parts.Body, parts.BodyLine)
	fmt.Println(string(parts.Bytes()) == string(src))
	// Output:
	// yaml: "title: Tables\n" (line 2)
	// body: "| a | b |\n|---|---|\n| 1 | 2 |\n\n---\n" (line 4)
	// true
}

func ExampleSplit_crlf() {
	parts, _ := frontmatter.Split([]byte("\ufeff---\r\ntitle: Windows\r\n---\r\nBody\r\n"))
	fmt.Printf("bom: %v, open: %q, close: %q, body: %q\n", parts.BOM, parts.Open, parts.Close, parts.Body)
	// Output:
	// bom: true, open: "---\r\n", close: "---\r\n", body: "Body\r\n"
}

func ExampleParse() {
	p, err := frontmatter.Parse([]byte("---\ntitle: About us\ndate: 2024-12-30\nversion: 1.10\n---\nBody\n"))
	if err != nil {
		panic(err)
	}
	fmt.Println(p.Keys(), p.Variant())
	date, _ := p.Get("date")
	fmt.Println(date.Str, date.Tag, date.Pos.Line)
	version, _ := p.String("version")
	fmt.Println(version)
	// Output:
	// [title date version] markdown
	// 2024-12-30 !!timestamp 3
	// 1.10
}

func ExampleParse_error() {
	_, err := frontmatter.Parse([]byte("---\ntitle: Tabs\nlocations:\n\t- Main office\n---\n"))
	fmt.Println(err)
	fmt.Println(errors.Is(err, frontmatter.ErrTab))
	var pe *frontmatter.ParseError
	if errors.As(err, &pe) {
		fmt.Println(pe.Pos.Line, pe.Pos.Column)
	}
	// Output:
	// frontmatter: line 4, column 1: tab character in indentation: YAML indents with spaces only (found character that cannot start any token)
	// true
	// 4 1
}

func ExamplePage_Set() {
	p, _ := frontmatter.Parse([]byte("---\n# Settings\ntitle: 'About'  # in the nav\npermalink: /about/\n---\nBody\n"))
	p.Set("title", "About us")
	p.Set("draft", "no")
	p.SetVariant("tiptap")
	fmt.Print(string(p.Bytes()))
	// Output:
	// ---
	// # Settings
	// title: 'About us' # in the nav
	// permalink: /about/
	// draft: "no"
	// variant: tiptap
	// ---
	// Body
}

func ExamplePage_Warnings() {
	p, _ := frontmatter.Parse([]byte("---\ntitle: Contact\npermalink: /contact-us/\ntitle: Contact Us\n---\n"))
	title, _ := p.String("title")
	fmt.Println(title)
	for _, w := range p.Warnings() {
		fmt.Println(w)
	}
	// Output:
	// Contact Us
	// 4:1: review: duplicate-key: key "title" on line 4 repeats the one on line 2; the last one wins
}

func ExampleNormalize() {
	src := []byte("---\nlayout: simple-page\ntitle: Q &amp; A\npermalink: faq\n---\n")
	out, changes, err := frontmatter.Normalize(src, frontmatter.NormalizeOptions{})
	if err != nil {
		panic(err)
	}
	fmt.Print(string(out))
	for _, c := range changes {
		fmt.Printf("%s: %s %q -> %q\n", c.Rule, c.Key, c.Old, c.New)
	}
	// Output:
	// ---
	// title: Q & A
	// permalink: /faq/
	// variant: markdown
	// ---
	// legacy-layouts: layout "simple-page" -> ""
	// unescape-entities: title "Q &amp; A" -> "Q & A"
	// permalink-slashes: permalink "faq" -> "/faq/"
	// variant: variant "" -> "markdown"
}

func ExampleNormalize_cmsStyle() {
	src := []byte("---\ntitle: 'Clearing the air'\ndescription: \"Learn about the challenges that Singapore's enterprises face and how we help them grow\"\nflag: \"yes\"\n---\n")
	out, _, _ := frontmatter.Normalize(src, frontmatter.NormalizeOptions{Rules: frontmatter.NoRules, CMSStyle: true})
	fmt.Print(string(out))
	// Output:
	// ---
	// title: Clearing the air
	// description: Learn about the challenges that Singapore's enterprises face and
	//   how we help them grow
	// flag: "yes"
	// ---
}

func ExampleParseRules() {
	rules, err := frontmatter.ParseRules("default,permalink-lowercase")
	if err != nil {
		panic(err)
	}
	fmt.Println(rules == frontmatter.AllRules)
	out, _, _ := frontmatter.Normalize([]byte("---\npermalink: /About-Us\n---\n"), frontmatter.NormalizeOptions{Rules: rules})
	fmt.Print(string(out))
	// Output:
	// true
	// ---
	// permalink: /about-us/
	// variant: markdown
	// ---
}

// String values at any depth are set in place: only the bytes that
// change do, and quoting and comments stay.
func ExamplePage_SetString() {
	p, err := frontmatter.Parse([]byte(`---
layout: homepage
sections:
  - hero:
      background: "/images/banner.jpg" # the banner
---
`))
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, s := range p.Strings() {
		if s.Key == "background" {
			fmt.Println(s.Path, s.Pos.Line, s.Pos.Column)
			if err := p.SetString(s, "/media/images/banner.jpg"); err != nil {
				fmt.Println(err)
			}
		}
	}
	fmt.Print(string(p.Bytes()))
	// Output:
	// sections[0].hero.background 5 19
	// ---
	// layout: homepage
	// sections:
	//   - hero:
	//       background: "/media/images/banner.jpg" # the banner
	// ---
}

// A site's YAML file has no front matter delimiters; ParseData reads it.
func ExampleParseData() {
	d, err := frontmatter.ParseData([]byte("logo: /images/logo.png\nlinks:\n  - url: /about/\n"))
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, s := range d.Strings() {
		fmt.Println(s.Path, s.Str)
	}
	// Output:
	// logo /images/logo.png
	// links[0].url /about/
}
