package site_test

import (
	"fmt"
	"testing/fstest"

	"github.com/tiptapmd/tiptapmd/convert/rewrite"
	"github.com/tiptapmd/tiptapmd/convert/site"
)

// A site's data file is rewritten like a page: only the URL bytes change.
func ExampleRewriteData() {
	src := []byte(`url: https://www.example.gov.sg # the site, not a reference
favicon: /images/favicon.ico
links:
  - title: About
    url: "/about-us/"
`)
	fn := rewrite.PrefixMap(map[string]string{"/images/": "/media/images/", "/about-us/": "/about/"})
	out, refs, err := rewrite.RewriteData(src, "_config.yml", fn)
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

// The inventory knows the site's pages and reports links to pages that
// do not exist, with the closest one.
func ExampleBuildInventory_brokenLinks() {
	siteFS := fstest.MapFS{
		"index.md":          {Data: []byte("---\ntitle: Home\npermalink: /\nsections:\n  - hero:\n      background: /images/banner.jpg\n---\n[About](/about)\n")},
		"pages/about-us.md": {Data: []byte("---\ntitle: About us\npermalink: /about-us/\n---\nHi.\n")},
		"images/banner.jpg": {Data: []byte("jpeg")},
	}
	inv, err := site.BuildInventory(siteFS, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, a := range inv.Assets {
		fmt.Println(a.Path, a.Status, a.Uses[0].Field)
	}
	for _, p := range inv.Pages {
		fmt.Println("page", p.URL, p.File)
	}
	for _, l := range inv.BrokenLinks {
		fmt.Printf("no page at %s (closest: %s), linked from %s:%d\n", l.Path, l.Closest, l.Uses[0].Page, l.Uses[0].Line)
	}
	// Output:
	// /images/banner.jpg ok sections[0].hero.background
	// page / index.md
	// page /about-us/ pages/about-us.md
	// no page at /about (closest: /about-us/), linked from index.md:8
}
