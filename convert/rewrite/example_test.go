package rewrite_test

import (
	"fmt"
	"log"
	"strings"

	"github.com/tiptapmd/tiptapmd/convert/rewrite"
	"github.com/tiptapmd/tiptapmd/frontmatter"
)

// show applies fn to each URL and prints what it returns.
func show(fn rewrite.Func, page rewrite.PageInfo, urls ...string) {
	for _, u := range urls {
		out, err := fn(rewrite.Ref{Kind: rewrite.KindLink, URL: u, Page: page})
		if err != nil {
			fmt.Printf("%s: error: %v\n", u, err)
			continue
		}
		fmt.Printf("%s -> %s\n", u, out)
	}
}

func ExamplePage() {
	page := []byte(`---
title: Annual report
permalink: /resources/report/
image: /images/Report Cover.png
---
Read [the report]({{site.baseurl}}/files/Annual%20Report.pdf) or
see the [charts](charts/) on <https://www.example.gov.sg/stats>.
`)
	migrate := rewrite.Chain(
		rewrite.StripBaseURL(),
		rewrite.OwnDomain("www.example.gov.sg"),
		rewrite.RootRelative(),
		rewrite.PrefixMap(map[string]string{"/images/": "/media/images/", "/files/": "/media/files/"}),
	)
	out, refs, err := rewrite.Page(page, rewrite.PageInfo{Path: "pages/report.md"}, nil, migrate)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Print(string(out))
	fmt.Println(len(refs), "references")
	// Output:
	// ---
	// title: Annual report
	// permalink: /resources/report/
	// image: /media/images/Report Cover.png
	// ---
	// Read [the report](/media/files/Annual%20Report.pdf) or
	// see the [charts](/resources/report/charts/) on [https://www.example.gov.sg/stats](/stats).
	// 4 references
}

func ExampleMarkdown() {
	body := []byte("![Logo](/images/logo.png){: width=\"50%\"}\n\n`[code](/images/no.png)`\n\n<img src=\"/images/a b.png\">\n")
	out, refs, err := rewrite.Markdown(body, rewrite.PageInfo{}, rewrite.PrefixMap(map[string]string{"/images/": "/media/"}))
	if err != nil {
		log.Fatal(err)
	}
	fmt.Print(string(out))
	for _, r := range refs {
		fmt.Println(r.Pos, r.Kind, r.Field, r.URL)
	}
	// Output:
	// ![Logo](/media/logo.png){: width="50%"}
	//
	// `[code](/images/no.png)`
	//
	// <img src="/media/a b.png">
	// 1:9 image  /images/logo.png
	// 5:11 image src /images/a b.png
}

func ExampleHTML() {
	body := []byte(`<p><a target="_blank" rel="noopener noreferrer nofollow" href="https://www.example.gov.sg/search?q=a&amp;p=2">Search</a></p>
<div class="isomer-image-wrapper"><img style="width: 100%" height="auto" width="100%" alt="" src="/images/Graphics /chart%201.png"></div>`)
	fn := rewrite.Chain(rewrite.OwnDomain("example.gov.sg"), rewrite.Encode(rewrite.EncodeRaw))
	out, _, err := rewrite.HTML(body, rewrite.PageInfo{}, fn)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(string(out))
	// Output:
	// <p><a target="_blank" rel="noopener noreferrer nofollow" href="/search?q=a&amp;p=2">Search</a></p>
	// <div class="isomer-image-wrapper"><img style="width: 100%" height="auto" width="100%" alt="" src="/images/Graphics /chart 1.png"></div>
}

func ExampleFrontMatter() {
	p, err := frontmatter.Parse([]byte("---\ntitle: Old page\npermalink: /old-page/ # moved in 2024\nfile_url: \"/files/Form A.pdf\"\n---\n"))
	if err != nil {
		log.Fatal(err)
	}
	fn := rewrite.Chain(
		rewrite.PermalinkMap(map[string]string{"/old-page/": "/new-page/"}),
		rewrite.Encode(rewrite.EncodeSpaces),
	)
	refs, err := rewrite.FrontMatter(p, rewrite.PageInfo{}, []string{"permalink", "file_url"}, fn)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Print(string(p.Bytes()))
	for _, r := range refs {
		fmt.Println(r.Pos, r.Field, r.URL)
	}
	// Output:
	// ---
	// title: Old page
	// permalink: /new-page/ # moved in 2024
	// file_url: "/files/Form%20A.pdf"
	// ---
	// 3:12 permalink /old-page/
	// 4:11 file_url /files/Form A.pdf
}

// A Func can do anything with a reference, such as collecting the
// files a page links to.
func ExampleFunc() {
	var files []string
	collect := func(r rewrite.Ref) (string, error) {
		if strings.HasPrefix(r.URL, "/files/") {
			files = append(files, fmt.Sprintf("%s %s", r.Pos, r.URL))
		}
		return r.URL, nil
	}
	body := []byte("See [the form](/files/form.pdf).\n\n<p><a href=\"/files/guide.pdf\">Guide</a></p>\n")
	if _, _, err := rewrite.Markdown(body, rewrite.PageInfo{}, collect); err != nil {
		log.Fatal(err)
	}
	fmt.Println(strings.Join(files, "\n"))
	// Output:
	// 1:16 /files/form.pdf
	// 3:13 /files/guide.pdf
}

func ExampleChain() {
	fn := rewrite.Chain(rewrite.StripBaseURL(), rewrite.Lowercase(), rewrite.Encode(rewrite.EncodeSpaces))
	show(fn, rewrite.PageInfo{}, "{{site.baseurl}}/Files/Annual Report.PDF#Page=2")
	// Output:
	// {{site.baseurl}}/Files/Annual Report.PDF#Page=2 -> /files/annual%20report.pdf#Page=2
}

func ExamplePrefixMap() {
	fn := rewrite.PrefixMap(map[string]string{
		"/images/":       "/media/images/",
		"/images/logos/": "/media/brand/",
	})
	show(fn, rewrite.PageInfo{}, "/images/a%20b.png?w=2", "/images/logos/x.svg", "/images2/y.png", "images/z.png")
	// Output:
	// /images/a%20b.png?w=2 -> /media/images/a%20b.png?w=2
	// /images/logos/x.svg -> /media/brand/x.svg
	// /images2/y.png -> /images2/y.png
	// images/z.png -> images/z.png
}

func ExamplePermalinkMap() {
	fn := rewrite.PermalinkMap(map[string]string{"/about-us/": "/about/"})
	show(fn, rewrite.PageInfo{}, "/about-us", "/about-us/#team", "/about%2Dus/?x=1", "/about-us/team/")
	// Output:
	// /about-us -> /about/
	// /about-us/#team -> /about/#team
	// /about%2Dus/?x=1 -> /about/?x=1
	// /about-us/team/ -> /about-us/team/
}

func ExampleStripBaseURL() {
	show(rewrite.StripBaseURL(), rewrite.PageInfo{},
		"{{site.baseurl}}/files/a.pdf",
		"{{ site.url }}{{ site.baseurl }}/",
		`{{ "/images/x.png" | relative_url }}`,
		"{{ page.url }}")
	// Output:
	// {{site.baseurl}}/files/a.pdf -> /files/a.pdf
	// {{ site.url }}{{ site.baseurl }}/ -> /
	// {{ "/images/x.png" | relative_url }} -> /images/x.png
	// {{ page.url }} -> {{ page.url }}
}

func ExampleOwnDomain() {
	show(rewrite.OwnDomain("www.example.gov.sg"), rewrite.PageInfo{},
		"https://www.example.gov.sg/about/#team",
		"http://EXAMPLE.gov.sg",
		"https://go.gov.sg/x")
	// Output:
	// https://www.example.gov.sg/about/#team -> /about/#team
	// http://EXAMPLE.gov.sg -> /
	// https://go.gov.sg/x -> https://go.gov.sg/x
}

func ExampleRootRelative() {
	fn := rewrite.RootRelative()
	show(fn, rewrite.PageInfo{Path: "pages/about.md", Permalink: "/about/team/"}, "photo.png", "../contact/", "#top", "www.example.com")
	show(fn, rewrite.PageInfo{Path: "pages/about.md"}, "../images/a.png")
	show(fn, rewrite.PageInfo{Path: "_posts/2024-01-02-news.md"}, "a.png")
	// Output:
	// photo.png -> /about/team/photo.png
	// ../contact/ -> /about/contact/
	// #top -> #top
	// www.example.com -> www.example.com
	// ../images/a.png -> /images/a.png
	// a.png: error: the URL of the page is not known: set PageInfo.Permalink
}

func ExampleLowercase() {
	show(rewrite.Lowercase(), rewrite.PageInfo{}, "/Files/%C3%89T%C3%89/Report.PDF?Q=A", "https://Example.com/A")
	// Output:
	// /Files/%C3%89T%C3%89/Report.PDF?Q=A -> /files/%C3%A9t%C3%A9/report.pdf?Q=A
	// https://Example.com/A -> https://Example.com/A
}

func ExampleEncode() {
	for _, style := range []rewrite.EncodeStyle{rewrite.EncodeRaw, rewrite.EncodeSpaces, rewrite.EncodePercent} {
		show(rewrite.Encode(style), rewrite.PageInfo{}, "/images/Café%20Menu.png?q=a b")
	}
	// Output:
	// /images/Café%20Menu.png?q=a b -> /images/Café Menu.png?q=a b
	// /images/Café%20Menu.png?q=a b -> /images/Café%20Menu.png?q=a b
	// /images/Café%20Menu.png?q=a b -> /images/Caf%C3%A9%20Menu.png?q=a b
}

// A site's data file is rewritten like a page: only the URL bytes change.
func ExampleData() {
	src := []byte(`url: https://www.example.gov.sg # the site, not a reference
favicon: /images/favicon.ico
links:
  - title: About
    url: "/about-us/"
`)
	fn := rewrite.PrefixMap(map[string]string{"/images/": "/media/images/", "/about-us/": "/about/"})
	out, refs, err := rewrite.Data(src, "_config.yml", fn)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, r := range refs {
		fmt.Println(r.Pos, r.Field, r.URL)
	}
	fmt.Print(string(out))
	// Output:
	// 2:10 favicon /images/favicon.ico
	// 5:10 links[0].url /about-us/
	// url: https://www.example.gov.sg # the site, not a reference
	// favicon: /media/images/favicon.ico
	// links:
	//   - title: About
	//     url: "/about/"
}

// A map of the site's paths reaches their relative, Liquid and own-host
// forms through Resolved, LiquidPaths and HostPaths.
func ExampleResolved() {
	m := rewrite.PrefixMap(map[string]string{"/images/": "/media/images/"})
	fn := rewrite.Resolved(rewrite.LiquidPaths(rewrite.HostPaths(m, "www.example.gov.sg")))
	page := rewrite.PageInfo{Path: "pages/about.md", Permalink: "/about/"}
	for _, u := range []string{
		"/images/a.png",
		"../images/a.png",
		"{{ site.baseurl }}/images/a.png",
		"https://www.example.gov.sg/images/a.png",
		"https://elsewhere.sg/images/a.png",
	} {
		out, _ := fn(rewrite.Ref{URL: u, Page: page})
		fmt.Println(out)
	}
	// Output:
	// /media/images/a.png
	// /media/images/a.png
	// {{ site.baseurl }}/media/images/a.png
	// https://www.example.gov.sg/media/images/a.png
	// https://elsewhere.sg/images/a.png
}

// Resolve tells the site path a reference points at, whatever its form.
func ExampleResolve() {
	page := rewrite.PageInfo{Path: "pages/about.md", Permalink: "/about/"}
	for _, u := range []string{"/images/a%20b.png", "../files/x.pdf#p2", "{{ site.baseurl }}/images/c.png", "https://elsewhere.sg/a.png"} {
		p, ok := rewrite.Resolve(rewrite.Ref{URL: u, Page: page})
		fmt.Printf("%q %v\n", p, ok)
	}
	// Output:
	// "/images/a b.png" true
	// "/files/x.pdf" true
	// "/images/c.png" true
	// "" false
}
