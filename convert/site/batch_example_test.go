package site_test

import (
	"context"
	"errors"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"testing/fstest"

	"github.com/tiptapmd/tiptapmd/convert"
	"github.com/tiptapmd/tiptapmd/convert/rewrite"
	"github.com/tiptapmd/tiptapmd/convert/site"
)

// Convert a whole site to tiptap in place, and list what was done.
func ExampleBatch_Run() {
	siteFS, err := os.MkdirTemp("", "site")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(siteFS)
	pages := map[string]string{
		"pages/about.md":           "---\ntitle: About\npermalink: /about/\n---\nWe are *here*.\n",
		"_posts/2024-01-02-a.md":   "---\ntitle: News\n\tpermalink: /news/\n---\nBroken.\n",
		"_layouts/default.html":    "<html>{{ content }}</html>\n",
		"images/placeholder.md":    "no front matter\n",
		"_about-us/Our Team.md":    "---\ntitle: Our team\nvariant: tiptap\n---\n<p>Us.</p>\n<p></p>",
		"misc/search-results.md":   "---\ntitle: Search\nlayout: search\n---\n",
		"node_modules/x/README.md": "---\ntitle: a dependency\n---\n",
	}
	for name, data := range pages {
		p := filepath.Join(siteFS, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			log.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			log.Fatal(err)
		}
	}

	c, err := convert.New()
	if err != nil {
		log.Fatal(err)
	}
	b := &site.Batch{Page: site.Convert(c, convert.OpToTiptap)}
	sum, err := b.Run(context.Background(), []string{siteFS}, func(r *site.PageResult) error {
		rel, _ := filepath.Rel(siteFS, r.Path)
		fmt.Printf("%-9s %s", r.Status, filepath.ToSlash(rel))
		var e *convert.Error
		if errors.As(r.Err, &e) {
			fmt.Printf(" (line %d)", e.Pos.Line)
		}
		fmt.Println()
		return nil
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("%d pages: %d changed, %d unchanged, %d failed, %d skipped\n", sum.Pages, sum.Changed, sum.Unchanged, sum.Failed, sum.Skipped)
	out, _ := os.ReadFile(filepath.Join(siteFS, "pages", "about.md"))
	fmt.Printf("%s\n", out)
	// Output:
	// unchanged _about-us/Our Team.md
	// failed    _posts/2024-01-02-a.md (line 3)
	// skipped   images/placeholder.md
	// changed   misc/search-results.md
	// changed   pages/about.md
	// 5 pages: 2 changed, 1 unchanged, 1 failed, 1 skipped
	// ---
	// title: About
	// permalink: /about/
	// variant: tiptap
	// ---
	// <p>We are <em>here</em>.</p>
}

// A dry run over an fs.FS, with diffs: nothing is written.
func ExampleBatch_RunFS() {
	siteFS := fstest.MapFS{
		"pages/contact.md": {Data: []byte("---\ntitle: Contact\npermalink: contact\n---\nCall us.\n")},
	}
	c, err := convert.New()
	if err != nil {
		log.Fatal(err)
	}
	b := &site.Batch{Page: site.Convert(c, convert.OpNormalize), DryRun: true, Diff: true}
	_, err = b.RunFS(context.Background(), siteFS, func(r *site.PageResult) error {
		fmt.Printf("%s", r.Diff)
		return nil
	})
	if err != nil {
		log.Fatal(err)
	}
	// Output:
	// --- pages/contact.md
	// +++ pages/contact.md
	// @@ -1,5 +1,6 @@
	//  ---
	//  title: Contact
	// -permalink: contact
	// +permalink: /contact/
	// +variant: markdown
	//  ---
	//  Call us.
}

func ExampleWalk() {
	page := &fstest.MapFile{Data: []byte("---\n---\n")}
	siteFS := fstest.MapFS{
		"index.md":               page,
		"pages/about.md":         page,
		"_posts/2024-01-02-a.md": page,
		"_layouts/default.html":  page,
		".github/README.md":      page,
		"images/logo.png":        page,
	}
	names, err := site.Walk(siteFS)
	if err != nil {
		log.Fatal(err)
	}
	for _, n := range names {
		fmt.Println(n)
	}
	// Output:
	// _posts/2024-01-02-a.md
	// index.md
	// pages/about.md
}

// Write the results of a batch as a CSV report.
func ExampleReportWriter() {
	siteFS := fstest.MapFS{
		"pages/a.md": {Data: []byte("---\ntitle: \" A \"\n---\nText.\n")},
		"pages/b.md": {Data: []byte("---\ntitle: [B\n---\n")},
	}
	c, err := convert.New()
	if err != nil {
		log.Fatal(err)
	}
	rw := site.NewReportWriter(os.Stdout, site.ReportCSV)
	b := &site.Batch{Page: site.Convert(c, convert.OpNormalize), DryRun: true}
	sum, err := b.RunFS(context.Background(), siteFS, rw.Write)
	if err != nil {
		log.Fatal(err)
	}
	if err := rw.Close(sum); err != nil {
		log.Fatal(err)
	}
	// Output:
	// path,status,verdict,output,severity,code,line,column,message
	// pages/a.md,changed,changed-invisibly,,info,trim,2,,"title "" A "" changed to ""A"": surrounding white space removed, as the CMS trims every string"
	// pages/a.md,changed,changed-invisibly,,info,variant,3,,"variant set to ""markdown"": a page without variant is a Markdown page; the CMS adds the key, last, when it saves the page"
	// pages/b.md,failed,failed,,error,failed,3,,"front matter: invalid yaml: did not find expected ',' or ']'"
}

// One page held in memory goes through the same checks as the pages of a
// batch: here, a file without front matter is not a page.
func ExampleBatch_RunPage() {
	c, err := convert.New()
	if err != nil {
		log.Fatal(err)
	}
	b := &site.Batch{Page: site.Convert(c, convert.OpToTiptap)}
	r, out := b.RunPage("about.md", []byte("---\ntitle: About\n---\nHello *you*.\n"))
	fmt.Printf("%s: %s\n%s\n", r.Path, r.Status, out)
	r, _ = b.RunPage("notes.md", []byte("Just notes.\n"))
	fmt.Printf("%s: %s: %s\n", r.Path, r.Status, r.Reason)
	// Output:
	// about.md: changed
	// ---
	// title: About
	// variant: tiptap
	// ---
	// <p>Hello <em>you</em>.</p>
	// notes.md: skipped: no front matter: Jekyll copies the file as it is, it is not a page
}

// Move a site's images, in every page, without converting them.
func ExampleRewritePageFunc() {
	siteFS := fstest.MapFS{
		"pages/a.md": {Data: []byte("---\ntitle: A\nimage: /images/a.png\n---\n![A](/images/a.png)\n")},
		"_posts/b.md": {Data: []byte("---\ntitle: B\nvariant: tiptap\n---\n" +
			`<p><img src="/images/b.png" alt="B"></p>` + "\n")},
	}
	b := &site.Batch{
		Page:   site.RewritePageFunc(rewrite.PrefixMap(map[string]string{"/images/": "/media/"}), nil),
		DryRun: true,
	}
	_, err := b.RunFS(context.Background(), siteFS, func(r *site.PageResult) error {
		for _, e := range r.Report.Items {
			fmt.Printf("%s:%d:%d: %s\n", r.Path, e.Line, e.Column, e.Message)
		}
		return nil
	})
	if err != nil {
		log.Fatal(err)
	}
	// Output:
	// _posts/b.md:5:14: image src "/images/b.png" rewritten to "/media/b.png"
	// pages/a.md:3:8: front-matter image "/images/a.png" rewritten to "/media/a.png"
	// pages/a.md:5:6: image "/images/a.png" rewritten to "/media/a.png"
}
