package site

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"golang.org/x/text/unicode/norm"
	"golang.org/x/tools/txtar"

	"github.com/tiptapmd/tiptapmd/convert"
	"github.com/tiptapmd/tiptapmd/convert/rewrite"
	"github.com/tiptapmd/tiptapmd/internal/corpus"
	"github.com/tiptapmd/tiptapmd/internal/golden"
)

// corpusDir returns the corpus folder: the in-repository sample, or
// the full corpus (see package internal/corpus).
func corpusDir(t testing.TB) string {
	t.Helper()
	return corpus.Dir(t)
}

// archiveSite returns the site made of the sections of the archive at file
// whose names start with "site/".
func archiveSite(t testing.TB, file string) fstest.MapFS {
	t.Helper()
	a, err := txtar.ParseFile(file)
	if err != nil {
		t.Fatal(err)
	}
	site := fstest.MapFS{}
	for _, s := range a.Files {
		if name, ok := strings.CutPrefix(s.Name, "site/"); ok {
			site[name] = &fstest.MapFile{Data: s.Data, Mode: 0o644}
		}
	}
	if len(site) == 0 {
		t.Fatalf("%s: no site/ sections", file)
	}
	return site
}

// format writes inv as text: a line per asset (path, status, actual
// file), then a line per use; then the unresolved references, the
// pages and the broken links.
func format(inv *Inventory) string {
	var b strings.Builder
	use := func(u AssetUse) {
		fmt.Fprintf(&b, "\t%s:%d:%d %s", u.Page, u.Pos.Line, u.Pos.Column, u.Kind)
		if u.Field != "" {
			fmt.Fprintf(&b, " %s", u.Field)
		}
		fmt.Fprintf(&b, " %q\n", u.URL)
	}
	for _, a := range inv.Assets {
		fmt.Fprintf(&b, "%q %s", a.Path, a.Status)
		if a.Actual != "" {
			fmt.Fprintf(&b, " actual=%q", a.Actual)
		}
		b.WriteString("\n")
		for _, u := range a.Uses {
			use(u)
		}
	}
	if len(inv.Unresolved) > 0 {
		b.WriteString("unresolved:\n")
		for _, u := range inv.Unresolved {
			use(u)
		}
	}
	b.WriteString("pages:\n")
	for _, p := range inv.Pages {
		fmt.Fprintf(&b, "\t%s %s\n", p.URL, p.File)
	}
	for _, l := range inv.BrokenLinks {
		fmt.Fprintf(&b, "broken link %q", l.Path)
		if l.Closest != "" {
			fmt.Fprintf(&b, " closest=%q", l.Closest)
		}
		b.WriteString("\n")
		for _, u := range l.Uses {
			use(u)
		}
	}
	return b.String()
}

func TestInventoryGolden(t *testing.T) {
	golden.Glob(t, "testdata/inventory/*.txtar", func(t *testing.T, f *golden.File) {
		site := archiveSite(t, f.Path)
		inv, err := BuildInventory(site, nil)
		if err != nil {
			t.Fatal(err)
		}
		checkUses(t, site, inv)
		f.Check(t, "inventory.txt", []byte(format(inv)))
	})
}

// checkUses checks that each use of inv points, in its page file, at
// the start of its URL, and that assets are sorted and distinct.
func checkUses(t *testing.T, site fs.FS, inv *Inventory) {
	t.Helper()
	lines := map[string][]string{}
	for i, a := range inv.Assets {
		if i > 0 && inv.Assets[i-1].Path >= a.Path {
			t.Errorf("assets not sorted or not distinct: %q then %q", inv.Assets[i-1].Path, a.Path)
		}
		if (a.Status == AssetUnreferenced) != (len(a.Uses) == 0) {
			t.Errorf("%q: status %s with %d uses", a.Path, a.Status, len(a.Uses))
		}
		if (a.Status == AssetCaseMismatch || a.Status == AssetEncodingMismatch) != (a.Actual != "") {
			t.Errorf("%q: status %s with actual %q", a.Path, a.Status, a.Actual)
		}
		for _, u := range a.Uses {
			if u.Pos.Line <= 0 || u.Pos.Column <= 0 {
				t.Errorf("%q: use in %s without a position", a.Path, u.Page)
				continue
			}
			ls, ok := lines[u.Page]
			if !ok {
				data, err := fs.ReadFile(site, u.Page)
				if err != nil {
					t.Fatal(err)
				}
				ls = strings.Split(string(data), "\n")
				lines[u.Page] = ls
			}
			if u.Pos.Line > len(ls) || u.Pos.Column-1 > len(ls[u.Pos.Line-1]) {
				t.Errorf("%s:%d:%d: position out of the page", u.Page, u.Pos.Line, u.Pos.Column)
				continue
			}
			// The URL starts there: its first byte, a character
			// reference standing for it in an attribute, or the quote of
			// a quoted YAML scalar.
			rest := ls[u.Pos.Line-1][u.Pos.Column-1:]
			quoted := u.Kind == rewrite.KindFrontMatter && rest != "" && (rest[0] == '\'' || rest[0] == '"')
			if rest == "" || u.URL == "" || rest[0] != u.URL[0] && rest[0] != '&' && !quoted {
				t.Errorf("%s:%d:%d: %q does not start at the position: %q", u.Page, u.Pos.Line, u.Pos.Column, u.URL, rest)
			}
		}
	}
}

func TestInventoryMismatches(t *testing.T) {
	const nfc, nfd = "caf\u00e9.png", "cafe\u0301.png"
	site := fstest.MapFS{
		"pages/p.md": {Data: []byte("---\ntitle: P\npermalink: /p/\n---\n" +
			"![a](/images/" + nfc + ") ![b](/images/" + nfd + ")\n" +
			"![c](/images/CAF%C3%89.png) ![d](/images/a%2520b.png) ![e](/images/A%2520B.png)\n")},
		"images/" + nfd:     {Data: []byte("x")},
		"images/a%20b.png":  {Data: []byte("x")},
		"images/nested/.x":  {Data: []byte("x")},
		"images/nested/y.z": {Data: []byte("x")},
	}
	inv, err := BuildInventory(site, nil)
	if err != nil {
		t.Fatal(err)
	}
	checkUses(t, site, inv)
	want := map[string]struct {
		status AssetStatus
		actual string
	}{
		"/images/" + nfc:        {AssetEncodingMismatch, "/images/" + nfd},
		"/images/" + nfd:        {AssetOK, ""},
		"/images/CAF\u00c9.png": {AssetCaseMismatch, "/images/" + nfd},
		"/images/a%20b.png":     {AssetOK, ""},
		"/images/A%20B.png":     {AssetCaseMismatch, "/images/a%20b.png"},
		"/images/nested/y.z":    {AssetUnreferenced, ""},
	}
	if len(inv.Assets) != len(want) {
		t.Errorf("got %d assets, want %d:\n%s", len(inv.Assets), len(want), format(inv))
	}
	for _, a := range inv.Assets {
		w, ok := want[a.Path]
		if !ok {
			t.Errorf("unexpected asset %q", a.Path)
			continue
		}
		if a.Status != w.status || a.Actual != w.actual {
			t.Errorf("%q: got %s %q, want %s %q", a.Path, a.Status, a.Actual, w.status, w.actual)
		}
	}
}

// TestInventoryRootCase checks that a root folder named in another case
// on disk is found, and its files reported as case mismatches.
func TestInventoryRootCase(t *testing.T) {
	site := fstest.MapFS{
		"index.md":        {Data: []byte("---\ntitle: I\n---\n![a](/images/a.png)\n")},
		"Images/a.png":    {Data: []byte("x")},
		"Images/b/c.png":  {Data: []byte("x")},
		"imagesx/d.png":   {Data: []byte("x")},
		"files.md":        {Data: []byte("---\ntitle: F\n---\n")},
		"images.html":     {Data: []byte("x")},
		"Files/sub/.keep": {Data: []byte("")},
	}
	inv, err := BuildInventory(site, nil)
	if err != nil {
		t.Fatal(err)
	}
	got := format(inv)
	want := "\"/Images/b/c.png\" unreferenced\n\"/images/a.png\" case-mismatch actual=\"/Images/a.png\"\n\tindex.md:4:6 image \"/images/a.png\"\n" +
		"pages:\n\t/ index.md\n\t/files.html files.md\n"
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

func TestInventoryRoots(t *testing.T) {
	site := fstest.MapFS{
		"index.md":           {Data: []byte("---\ntitle: I\n---\n![a](/assets/img/a.png) ![b](/images/b.png)\n")},
		"assets/img/a.png":   {Data: []byte("x")},
		"assets/img/c.png":   {Data: []byte("x")},
		"assets/css/main.cs": {Data: []byte("x")},
		"images/b.png":       {Data: []byte("x")},
	}
	inv, err := BuildInventory(site, &InventoryOptions{Roots: []string{"/assets/img/"}})
	if err != nil {
		t.Fatal(err)
	}
	got := format(inv)
	want := "\"/assets/img/a.png\" ok\n\tindex.md:4:6 image \"/assets/img/a.png\"\n\"/assets/img/c.png\" unreferenced\npages:\n\t/ index.md\n"
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	for _, bad := range []string{"", "/", "../x", "a/./b"} {
		_, err := BuildInventory(site, &InventoryOptions{Roots: []string{bad}})
		if !errors.Is(err, ErrBadAssetRoot) {
			t.Errorf("root %q: got error %v, want ErrBadAssetRoot", bad, err)
		}
	}
}

func TestInventoryPageErrors(t *testing.T) {
	site := fstest.MapFS{
		"good.md":      {Data: []byte("---\ntitle: G\n---\n![a](/images/a.png)\n")},
		"bad.md":       {Data: []byte("---\ntitle: [unclosed\n---\n![a](/images/b.png)\n")},
		"images/a.png": {Data: []byte("x")},
	}
	inv, err := BuildInventory(site, nil)
	var e *convert.Error
	if !errors.As(err, &e) || e.Path != "bad.md" || e.Pos.Line == 0 {
		t.Fatalf("got error %v, want an *Error for bad.md with a line", err)
	}
	if inv == nil || len(inv.Assets) != 1 || inv.Assets[0].Status != AssetOK {
		t.Errorf("the good page was not inventoried: %+v", inv)
	}
}

func TestAssetStatusText(t *testing.T) {
	for s := AssetOK; s <= AssetUnreferenced; s++ {
		b, err := s.MarshalText()
		if err != nil {
			t.Fatal(err)
		}
		var back AssetStatus
		if err := back.UnmarshalText(b); err != nil || back != s {
			t.Errorf("%s: round trip gave %v, %v", s, back, err)
		}
	}
	if _, err := AssetStatus(0).MarshalText(); err == nil {
		t.Error("AssetStatus(0).MarshalText: no error")
	}
	var s AssetStatus
	if err := s.UnmarshalText([]byte("fine")); err == nil {
		t.Error(`UnmarshalText("fine"): no error`)
	}
	if got := AssetStatus(9).String(); got != "AssetStatus(9)" {
		t.Errorf("String of an invalid status: %q", got)
	}
}

// TestInventoryCorpus builds the inventory of each corpus site (whose
// images/ and files/ hold empty placeholders of the real assets) and
// checks what each status claims against the files of the site: an ok
// asset is a file; a missing one is not, under any case or encoding; a
// mismatch names a file that exists; an unreferenced file exists and no
// reference of any page or data file resolves to it. Every reference
// whose URL starts with /images/ or /files/ is among the uses, at its
// position, and the homepage's images (referenced from its sections
// alone, often) are never unreferenced.
func TestInventoryCorpus(t *testing.T) {
	dir := corpusDir(t)
	sites, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, s := range sites {
		if !s.IsDir() {
			continue
		}
		n++
		site := os.DirFS(filepath.Join(dir, s.Name()))
		inv, err := BuildInventory(site, nil)
		if err != nil {
			t.Errorf("%s: %v", s.Name(), err)
			continue
		}
		checkUses(t, site, inv)
		files := map[string]bool{}
		folded := map[string]bool{}
		roots, _ := cleanRoots(nil)
		all, err := assetFiles(site, roots)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range all {
			files[f] = true
			folded[strings.ToLower(norm.NFC.String(rewrite.DecodePath(f)))] = true
		}
		exists := func(p string) bool {
			_, err := fs.Stat(site, strings.TrimPrefix(p, "/"))
			return err == nil
		}
		at := map[string]bool{}
		count := map[AssetStatus]int{}
		u := 0
		for _, a := range inv.Assets {
			count[a.Status]++
			switch a.Status {
			case AssetOK:
				if !exists(a.Path) {
					t.Errorf("%s: %q is ok but is not a file of the site", s.Name(), a.Path)
				}
			case AssetMissing:
				if folded[strings.ToLower(norm.NFC.String(a.Path))] {
					t.Errorf("%s: %q is missing but the site has it under another case or encoding", s.Name(), a.Path)
				}
			case AssetCaseMismatch, AssetEncodingMismatch:
				if !exists(a.Actual) || files[a.Path] {
					t.Errorf("%s: %q is a %s with actual %q", s.Name(), a.Path, a.Status, a.Actual)
				}
			case AssetUnreferenced:
				if !files[a.Path] {
					t.Errorf("%s: %q is unreferenced but is not a file of the site", s.Name(), a.Path)
				}
			}
			if !strings.HasPrefix(strings.ToLower(a.Path), "/images/") && !strings.HasPrefix(strings.ToLower(a.Path), "/files/") {
				t.Errorf("%s: %q is not under an asset root", s.Name(), a.Path)
			}
			for _, use := range a.Uses {
				at[fmt.Sprintf("%s:%d:%d", use.Page, use.Pos.Line, use.Pos.Column)] = true
			}
			u += len(a.Uses)
		}
		direct, paths := directRefs(t, site)
		for _, r := range direct {
			if !at[r] {
				t.Errorf("%s: the reference at %s is not among the uses", s.Name(), r)
			}
		}
		for _, a := range inv.Assets {
			if a.Status == AssetUnreferenced && paths[norm.NFC.String(rewrite.DecodePath(a.Path))] {
				t.Errorf("%s: %q is unreferenced but a page or data file refers to it", s.Name(), a.Path)
			}
		}
		if count[AssetOK] == 0 {
			t.Errorf("%s: no asset found", s.Name())
		}
		t.Logf("%s: %d assets (%d ok, %d missing, %d case, %d encoding, %d unreferenced), %d uses (%d of them root-relative /images/ or /files/ URLs), %d unresolved, %d pages, %d broken links",
			s.Name(), len(inv.Assets), count[AssetOK], count[AssetMissing], count[AssetCaseMismatch], count[AssetEncodingMismatch], count[AssetUnreferenced],
			u, len(direct), len(inv.Unresolved), len(inv.Pages), len(inv.BrokenLinks))
	}
	if n != 8 {
		t.Errorf("got %d sites, want 8", n)
	}
}

// directRefs returns the positions ("file:line:column") of the
// references of the pages and data files of site whose URL starts with
// /images/ or /files/ and has no Liquid and no trailing slash in its
// path, and the set of every path (decoded, in NFC) that a
// root-relative reference names.
func directRefs(t *testing.T, site fs.FS) ([]string, map[string]bool) {
	t.Helper()
	pages, err := Walk(site)
	if err != nil {
		t.Fatal(err)
	}
	data, err := WalkData(site)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	paths := map[string]bool{}
	for _, name := range append(pages, data...) {
		src, err := fs.ReadFile(site, name)
		if err != nil {
			t.Fatal(err)
		}
		var refs []rewrite.Ref
		if rewrite.IsData(name) {
			_, refs, err = rewrite.Data(src, name, nil)
		} else {
			_, refs, err = rewrite.Page(src, rewrite.PageInfo{Path: name}, nil, nil)
		}
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		for _, r := range refs {
			u := strings.TrimSpace(r.URL)
			p, _, _ := strings.Cut(u, "?")
			p, _, _ = strings.Cut(p, "#")
			if strings.HasPrefix(p, "/") {
				paths[norm.NFC.String(rewrite.CleanPath(p))] = true
			}
			if (strings.HasPrefix(u, "/images/") || strings.HasPrefix(u, "/files/")) &&
				!strings.Contains(p, "{{") && !strings.Contains(p, "{%") && !strings.HasSuffix(p, "/") {
				out = append(out, fmt.Sprintf("%s:%d:%d", name, r.Pos.Line, r.Pos.Column))
			}
		}
	}
	return out, paths
}
