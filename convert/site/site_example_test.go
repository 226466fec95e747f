package site_test

import (
	"fmt"
	"testing/fstest"

	"github.com/tiptapmd/tiptapmd/convert/site"
)

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
		fmt.Printf("no page at %s (closest: %s), linked from %s:%d\n", l.Path, l.Closest, l.Uses[0].Page, l.Uses[0].Pos.Line)
	}
	// Output:
	// /images/banner.jpg ok sections[0].hero.background
	// page / index.md
	// page /about-us/ pages/about-us.md
	// no page at /about (closest: /about-us/), linked from index.md:8
}
