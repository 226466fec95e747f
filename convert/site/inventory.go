package site

import (
	"errors"
	"fmt"
	"io/fs"
	"slices"
	"strings"

	"github.com/tiptapmd/tiptapmd"
	"github.com/tiptapmd/tiptapmd/convert/rewrite"
	"github.com/tiptapmd/tiptapmd/internal/enum"
)

// An AssetStatus tells how a referenced path matches the files of the
// site (see [BuildInventory]).
type AssetStatus int

// The statuses of an [Asset].
const (
	// AssetOK: a file of the site has exactly the referenced path.
	AssetOK AssetStatus = iota + 1
	// AssetMissing: no file of the site matches the path, even ignoring
	// encoding and letter case.
	AssetMissing
	// AssetCaseMismatch: no file has the path, but one differs from it
	// only in letter case (compared with strings.ToLower), and possibly
	// in encoding as AssetEncodingMismatch has it; a file whose name
	// differs from the path in letter case alone is preferred to one that
	// differs in encoding too. Amplify serves files
	// case-sensitively, so the reference is broken in production even if
	// it works on a case-insensitive disk. Asset.Actual names the file.
	AssetCaseMismatch
	// AssetEncodingMismatch: no file has the path, but one names it
	// through another encoding: its name, percent-decoded and put in
	// Unicode normalization form C, equals the path put in form C. This
	// is a file saved with a literal "%20" in its name that pages refer
	// to with a space (or "%20", which means a space), or a name in NFD
	// (as macOS writes it) referred to in NFC, or the other way round.
	// Asset.Actual names the file.
	AssetEncodingMismatch
	// AssetUnreferenced: a file under an asset root that no page refers
	// to. Its Asset has no Uses.
	AssetUnreferenced
)

var assetStatuses = enum.New[AssetStatus]("site.AssetStatus", []string{AssetOK: "ok", AssetMissing: "missing", AssetCaseMismatch: "case-mismatch", AssetEncodingMismatch: "encoding-mismatch", AssetUnreferenced: "unreferenced"})

// String returns the name of the status: "ok", "missing",
// "case-mismatch", "encoding-mismatch" or "unreferenced".
func (s AssetStatus) String() string { return assetStatuses.String(s) }

// MarshalText returns the name of the status, as String does. It fails
// for a value that is not one of the statuses.
func (s AssetStatus) MarshalText() ([]byte, error) { return assetStatuses.MarshalText(s) }

// UnmarshalText sets s to the status named by text, as String writes
// it.
func (s *AssetStatus) UnmarshalText(b []byte) error { return assetStatuses.UnmarshalText(b, s) }

// An AssetUse is one reference of a page to an asset.
type AssetUse struct {
	// Page is the page file, as [Walk] names it: "pages/about.md";
	// or the data file ([WalkData]: "_data/navigation.yml"), or the
	// theme file ("_layouts/default.html") that holds the reference.
	Page string
	// Kind is the kind of the reference.
	Kind rewrite.Kind
	// Field is the front matter key or HTML attribute of the reference,
	// as in [rewrite.Ref.Field]; "" for Markdown syntax.
	Field string
	// URL is the URL as the page writes it (see [rewrite.Ref.URL]), query and
	// fragment included.
	URL string
	// Pos is where the URL starts in the page file.
	Pos tiptapmd.Pos
}

// An Asset is a file of the site under an asset root, or a path under
// an asset root that pages refer to.
type Asset struct {
	// Path is the root-relative path of the asset with a leading slash.
	// For a referenced asset it is the path the pages mean: percent-
	// decoded, without query or fragment, "." and ".." segments
	// resolved, and otherwise as written ("/images/a b.png"). For an
	// unreferenced file it is the file's name in the site, as it is.
	Path string
	// Uses are the references to the asset, in the order of the pages
	// (byte-wise by file name) and of their position in each page.
	Uses []AssetUse
	// Status tells how Path matches the files of the site.
	Status AssetStatus
	// Actual is the file found for an AssetCaseMismatch or
	// AssetEncodingMismatch, as a root-relative path with a leading
	// slash, its name as it is in the site ("/images/A%20b.png"). When
	// several files match, it is the first byte-wise. It is "" for the
	// other statuses.
	Actual string
}

// An Inventory lists the assets of a site: the files under its asset
// roots and the paths under those roots that its pages, data files and
// theme refer to; and the links to pages of the site that no page is
// served at.
//
// The assets listed AssetUnreferenced are files that no reference the
// inventory could read names. That list is for review, not for
// deletion: a page may build a path with Liquid that only Jekyll can
// work out (see Unresolved; when it is not empty, the list is
// uncertain), and pages outside the site (other sites, e-mails, printed
// documents) may link to a file.
type Inventory struct {
	// Assets are sorted byte-wise by Path; no two have the same Path.
	Assets []Asset
	// Unresolved are the references that may name an asset but whose
	// path cannot be worked out without running Jekyll: Liquid in the
	// path ("{{ page.image }}", "{{ site.baseurl }}/images/{{ x }}"),
	// relative URLs in pages whose URL is not known, and paths in theme
	// files built with Liquid. Any of them may use a file listed as
	// unreferenced.
	Unresolved []AssetUse
	// Pages are the pages of the site and the URL each is served at, as
	// Jekyll computes it, sorted by URL.
	Pages []Page
	// BrokenLinks are the links to paths of the site (outside the asset
	// roots) at which no page is served, sorted by Path.
	BrokenLinks []BrokenLink
}

// A Page is a page of a site and the URL it is served at.
type Page struct {
	// File is the page file, as [Walk] names it.
	File string
	// URL is the root-relative URL path of the page: its permalink
	// ("/about-us/"), or for a page without one, where Jekyll serves it
	// ("/pages/contact.html", "/news/" for news/index.md, and for a post
	// of _posts, "/2024/01/02/title.html").
	URL string
}

// A BrokenLink is a path of the site that links go to and that no page
// is served at, nor any file of the site. Paths under a collection
// (/news/… for _news/) some of whose documents have no permalink, and
// so a URL that only the site's configuration decides, are never
// listed.
type BrokenLink struct {
	// Path is the decoded root-relative path, without query or fragment.
	Path string
	// Closest is the URL of the page whose URL is closest to Path (by
	// edit distance, ignoring trailing slashes and ".html"), when one is
	// close: "/about-us/" for "/about". It is "" when none is.
	Closest string
	// Uses are the links, in the order of the files.
	Uses []AssetUse
}

// InventoryOptions configures [BuildInventory]. The zero value (or a
// nil *InventoryOptions) uses the roots and front matter fields of an
// Isomer site.
type InventoryOptions struct {
	// Roots are the folders that hold the site's assets, slash-separated
	// from the site root, such as "images" or "assets/img"; leading and
	// trailing slashes are ignored, and so is the case of the folders'
	// names. None means "images" and "files", the media folders of the
	// CMS.
	Roots []string
	// Fields are the front matter keys that hold paths, as for
	// [rewrite.FrontMatter]; nil means every value that holds a URL.
	Fields []string
	// Hosts are the site's own host names ("www.example.gov.sg"), as
	// [rewrite.OwnDomain] takes them: an absolute URL to one of them is a
	// reference into the site like a root-relative one. Nil means the
	// host of the url key of the site's _config.yml, if any.
	Hosts []string
}

// ErrBadAssetRoot reports an InventoryOptions.Roots entry that is empty,
// absolute on the file system, or has "." or ".." segments.
var ErrBadAssetRoot = errors.New("invalid asset root")

// BuildInventory lists the assets of the Jekyll site at the root of
// fsys and checks every reference to them against the site's files.
//
// It reads each page that [Walk] lists and has front matter (pages
// without are files Jekyll copies as they are, as [Batch] skips them)
// and collects the references [rewrite.Page] finds in it: front matter
// values at any depth (the homepage's sections, contacts, HTML in YAML
// strings), links, images, iframes, srcset candidates, cards and
// resources. It reads the site's YAML files ([WalkData]:
// _config.yml, _data/, collection.yml) as [rewrite.Data] does, and the
// theme (_layouts, _includes, _sass, assets/) for paths under the asset
// roots written as text. A reference is to an asset when its path, resolved against the site
// root, is under one of the asset roots, and it is not a folder (ending
// in "/"). A path is what a browser asks for, and compared the way the
// CMS compares paths (decoded):
//
//   - a root-relative URL ("/images/a.png") is taken as it is;
//   - a relative URL ("../images/a.png") is resolved against the page's
//     URL (its permalink, or its folder as Jekyll serves it, see
//     [rewrite.RootRelative]); when the page's URL is not known it is listed in
//     Inventory.Unresolved;
//   - a leading {{ site.baseurl }} (or {{site.baseurl}}, {{ site.url }})
//     is dropped and {{ "/x" | relative_url }} (or absolute_url) is
//     "/x", as Isomer sites have an empty baseurl (see [rewrite.StripBaseURL]);
//     a URL with other Liquid in its
//     path is listed in Inventory.Unresolved, since only Jekyll can tell
//     what it means, unless the page builds it out of literals alone
//     ({% assign x = "BOA" %}, {% capture y %}/images/{{ x }}.png{%
//     endcapture %} and src="{{ y }}", each variable set once);
//   - an absolute URL to the site's own host (InventoryOptions.Hosts, or
//     the url of _config.yml) is taken as the root-relative URL it
//     names; other URLs with a scheme or host (https:, mailto:, //host),
//     fragments ("#top") and queries alone are left out;
//   - a backslash is a slash, as browsers read http(s) URLs (kramdown
//     keeps the backslash of "a\_b.pdf", and the browser asks for
//     "a/_b.pdf");
//   - the query and fragment are not part of the path, and the path is
//     percent-decoded, so the raw, "%20" and fully encoded forms of a
//     path are one asset. The asset roots are matched ignoring case, so
//     that a reference to "/Images/a.png" is listed (as a case
//     mismatch when images/a.png exists).
//
// Every regular file under the asset roots (found ignoring the case of
// the roots' names, and leaving out names starting with "." and
// symbolic links, which Jekyll's safe mode ignores, and pages, which
// Jekyll renders rather than copies) is compared with the
// referenced paths: see [AssetStatus] for the outcomes. A file that no
// reference resolves to, exactly or as a mismatch, is listed as
// AssetUnreferenced: the list is for review, never for deletion (see
// [Inventory]).
//
// Links (and front matter and data values) to paths of the site outside
// the asset roots that have no extension or end in .html are checked
// against the URLs of the site's pages ([Page]) and its files: those
// that reach neither are listed in Inventory.BrokenLinks, with the
// closest page.
//
// Files that cannot be read, front matter that cannot be parsed and
// folders that cannot be listed do not stop the inventory: BuildInventory
// returns the inventory of everything else and an error joining an
// [*convert.Error] for each page (with the line and column of a parse error) and
// the [*fs.PathError] of each folder. An invalid root is an error
// wrapping [ErrBadAssetRoot], with a nil Inventory.
func BuildInventory(fsys fs.FS, opts *InventoryOptions) (*Inventory, error) {
	if fsys == nil {
		return nil, errNilFS
	}
	if opts == nil {
		opts = &InventoryOptions{}
	}
	roots, err := cleanRoots(opts.Roots)
	if err != nil {
		return nil, err
	}
	pages, walkErr := Walk(fsys)
	data, dataErr := WalkData(fsys)
	errs := []error{walkErr, dataErr}
	hosts := opts.Hosts
	if hosts == nil {
		hosts = configHost(fsys)
	}
	var own rewrite.Func
	if len(hosts) > 0 {
		own = rewrite.OwnDomain(hosts...)
	}

	inv := &Inventory{}
	byPath := map[string]*Asset{}
	links := map[string]*BrokenLink{}
	isPage := map[string]bool{}
	unknown := map[string]bool{} // collections with documents whose URL is not known
	add := func(uses []refUse) {
		for _, u := range uses {
			switch u.kind {
			case asset:
				a := entry(byPath, u.path, func() *Asset { return &Asset{Path: u.path} })
				a.Uses = append(a.Uses, u.use)
			case link:
				l := entry(links, u.path, func() *BrokenLink { return &BrokenLink{Path: u.path} })
				l.Uses = append(l.Uses, u.use)
			case unresolved:
				inv.Unresolved = append(inv.Unresolved, u.use)
			}
		}
	}
	for _, name := range pages {
		uses, url, page, err := pageUses(fsys, name, roots, opts.Fields, own)
		if err != nil {
			errs = append(errs, err)
		}
		if page {
			isPage["/"+name] = true
			if url != "" {
				inv.Pages = append(inv.Pages, Page{File: name, URL: url})
			} else if c, _, ok := strings.Cut(name, "/"); ok && strings.HasPrefix(c, "_") {
				unknown[strings.TrimPrefix(c, "_")] = true
			}
		}
		add(uses)
	}
	for _, name := range data {
		uses, err := dataUses(fsys, name, roots, own)
		if err != nil {
			errs = append(errs, err)
		}
		add(uses)
	}
	themeUses, err := themeUses(fsys, roots)
	errs = append(errs, err)
	add(themeUses)

	files, err := assetFiles(fsys, roots)
	errs = append(errs, err)
	idx := newIndex(files)
	matched := map[string]bool{}
	for _, a := range byPath {
		a.Status, a.Actual = idx.match(a.Path)
		switch a.Status {
		case AssetOK:
			matched[a.Path] = true
		case AssetCaseMismatch, AssetEncodingMismatch:
			matched[a.Actual] = true
		}
	}
	inv.Assets = make([]Asset, 0, len(byPath))
	for _, a := range byPath {
		inv.Assets = append(inv.Assets, *a)
	}
	for _, f := range files {
		if !matched[f] && !isPage[f] {
			inv.Assets = append(inv.Assets, Asset{Path: f, Status: AssetUnreferenced})
		}
	}
	slices.SortFunc(inv.Assets, func(a, b Asset) int { return strings.Compare(a.Path, b.Path) })
	slices.SortFunc(inv.Pages, func(a, b Page) int { return strings.Compare(a.URL, b.URL) })
	inv.BrokenLinks = brokenLinks(fsys, inv.Pages, links, unknown)
	return inv, errors.Join(errs...)
}

// cleanRoots checks and cleans the asset roots, returning each as
// "/root/" in lower case.
func cleanRoots(in []string) ([]string, error) {
	if len(in) == 0 {
		in = []string{"images", "files"}
	}
	out := make([]string, 0, len(in))
	for _, r := range in {
		c := strings.Trim(r, "/")
		if c == "" || !fs.ValidPath(c) {
			return nil, fmt.Errorf("convert: asset root %q: %w", r, ErrBadAssetRoot)
		}
		out = append(out, "/"+strings.ToLower(c)+"/")
	}
	return out, nil
}

// under reports whether the root-relative path p is strictly under
// one of roots, ignoring case.
func under(p string, roots []string) bool {
	l := strings.ToLower(p)
	for _, r := range roots {
		if len(l) > len(r) && strings.HasPrefix(l, r) {
			return true
		}
	}
	return false
}

// entry returns m[key], first adding the value that create makes when
// there is none.
func entry[T any](m map[string]*T, key string, create func() *T) *T {
	v := m[key]
	if v == nil {
		v = create()
		m[key] = v
	}
	return v
}
