package site_test

import (
	"fmt"
	"testing/fstest"

	"github.com/tiptapmd/tiptapmd/convert/site"
)

func ExampleBuildInventory() {
	siteFS := fstest.MapFS{
		"pages/about.md": {Data: []byte(`---
title: About
permalink: /about/
image: /images/team photo.jpg
---
![Team](/images/team%20photo.jpg) [Report](/files/Report.pdf)
[Minutes](/files/minutes.pdf?v=2)
`)},
		"images/team photo.jpg": {Data: []byte("jpeg")},
		"images/old-logo.png":   {Data: []byte("png")},
		"files/report.pdf":      {Data: []byte("pdf")},
	}
	inv, err := site.BuildInventory(siteFS, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, a := range inv.Assets {
		fmt.Printf("%s: %s", a.Path, a.Status)
		if a.Actual != "" {
			fmt.Printf(" (the file is %s)", a.Actual)
		}
		fmt.Println()
		for _, u := range a.Uses {
			fmt.Printf("  %s:%d:%d %s %q\n", u.Page, u.Pos.Line, u.Pos.Column, u.Kind, u.URL)
		}
	}
	// Output:
	// /files/Report.pdf: case-mismatch (the file is /files/report.pdf)
	//   pages/about.md:6:44 link "/files/Report.pdf"
	// /files/minutes.pdf: missing
	//   pages/about.md:7:11 link "/files/minutes.pdf?v=2"
	// /images/old-logo.png: unreferenced
	// /images/team photo.jpg: ok
	//   pages/about.md:4:8 front-matter "/images/team photo.jpg"
	//   pages/about.md:6:9 image "/images/team%20photo.jpg"
}
