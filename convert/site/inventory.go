package site

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"golang.org/x/text/unicode/norm"

	"github.com/tiptapmd/tiptapmd/convert"
	"github.com/tiptapmd/tiptapmd/convert/rewrite"
	"github.com/tiptapmd/tiptapmd/frontmatter"
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

// String returns the name of the status: "ok", "missing",
// "case-mismatch", "encoding-mismatch" or "unreferenced".
func (s AssetStatus) String() string {
	switch s {
	case AssetOK:
		return "ok"
	case AssetMissing:
		return "missing"
	case AssetCaseMismatch:
		return "case-mismatch"
	case AssetEncodingMismatch:
		return "encoding-mismatch"
	case AssetUnreferenced:
		return "unreferenced"
	}
	return "AssetStatus(" + strconv.Itoa(int(s)) + ")"
}

// MarshalText returns the name of the status, as String does. It fails
// for a value that is not one of the statuses.
func (s AssetStatus) MarshalText() ([]byte, error) {
	if s < AssetOK || s > AssetUnreferenced {
		return nil, fmt.Errorf("convert: invalid AssetStatus %d", int(s))
	}
	return []byte(s.String()), nil
}

// UnmarshalText sets s to the status named by text, as String writes
// it.
func (s *AssetStatus) UnmarshalText(text []byte) error {
	for v := AssetOK; v <= AssetUnreferenced; v++ {
		if v.String() == string(text) {
			*s = v
			return nil
		}
	}
	return fmt.Errorf("convert: unknown asset status %q", text)
}

// An AssetUse is one reference of a page to an asset.
type AssetUse struct {
	// Page is the page file, as [Walk] names it: "pages/about.md";
	// or the data file ([WalkData]: "_data/navigation.yml"), or the
	// theme file ("_layouts/default.html") that holds the reference.
	Page string
	// Kind is the kind of the reference.
	Kind rewrite.Kind
	// Field is the front matter key or HTML attribute of the reference,
	// as in [Ref.Field]; "" for Markdown syntax.
	Field string
	// URL is the URL as the page writes it (see [Ref.URL]), query and
	// fragment included.
	URL string
	// Line and Column are where the URL starts in the page file, from 1;
	// Column counts bytes.
	Line, Column int
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

// A SitePage is a page of a site and the URL it is served at.
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
	// [RewriteFrontMatter]; nil means every value that holds a URL.
	Fields []string
	// Hosts are the site's own host names ("www.example.gov.sg"), as
	// [OwnDomain] takes them: an absolute URL to one of them is a
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
// and collects the references [RewritePage] finds in it: front matter
// values at any depth (the homepage's sections, contacts, HTML in YAML
// strings), links, images, iframes, srcset candidates, cards and
// resources. It reads the site's YAML files ([WalkData]:
// _config.yml, _data/, collection.yml) as [RewriteData] does, and the
// theme (_layouts, _includes, _sass, assets/) for paths under the asset
// roots written as text. A reference is to an asset when its path, resolved against the site
// root, is under one of the asset roots, and it is not a folder (ending
// in "/"). A path is what a browser asks for, and compared the way the
// CMS compares paths (decoded):
//
//   - a root-relative URL ("/images/a.png") is taken as it is;
//   - a relative URL ("../images/a.png") is resolved against the page's
//     URL (its permalink, or its folder as Jekyll serves it, see
//     [RootRelative]); when the page's URL is not known it is listed in
//     Inventory.Unresolved;
//   - a leading {{ site.baseurl }} (or {{site.baseurl}}, {{ site.url }})
//     is dropped and {{ "/x" | relative_url }} (or absolute_url) is
//     "/x", as Isomer sites have an empty baseurl (see [StripBaseURL]);
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
// [*Error] for each page (with the line and column of a parse error) and
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
				a := byPath[u.path]
				if a == nil {
					a = &Asset{Path: u.path}
					byPath[u.path] = a
				}
				a.Uses = append(a.Uses, u.use)
			case link:
				l := links[u.path]
				if l == nil {
					l = &BrokenLink{Path: u.path}
					links[u.path] = l
				}
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
	idx := newInvIndex(files)
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

// use is a reference with the path it resolves to.
type refUse struct {
	kind useKind
	path string
	use  AssetUse
}

// useKind says what a reference is for the inventory.
type useKind int

const (
	asset      useKind = iota + 1 // a path under an asset root
	link                          // a link to a path of the site outside the asset roots
	unresolved                    // a path that cannot be worked out
)

// pageUses returns the references of the page file name, the URL it
// is served at, and whether it is a page (has front matter).
func pageUses(fsys fs.FS, name string, roots, fields []string, own rewrite.Func) ([]refUse, string, bool, error) {
	src, err := fs.ReadFile(fsys, name)
	if err != nil {
		return nil, "", false, &convert.Error{Path: name, Err: err}
	}
	if parts, err := frontmatter.Split(src); err == nil && !parts.HasFrontMatter() {
		return nil, "", false, nil
	}
	var url string
	if p, err := frontmatter.Parse(src); err == nil {
		pl, _ := p.String("permalink")
		url = pageURL(name, strings.TrimSpace(pl))
	}
	_, refs, err := rewrite.Page(src, rewrite.PageInfo{Path: name}, fields, nil)
	if err != nil {
		e := &convert.Error{Path: name, Err: err}
		var pe *frontmatter.ParseError
		if errors.As(err, &pe) {
			e.Line, e.Column = pe.Line, pe.Column
		}
		return nil, url, true, e
	}
	vars := liquidVars(src)
	for i, r := range refs {
		if u, ok := liquidResolve(r.URL, vars); ok {
			refs[i].URL = u
			refs[i].Field = r.Field + "\x00" + r.URL // the URL as written, restored below
		}
	}
	uses := refUses(name, refs, roots, own)
	for i := range uses {
		if f, written, ok := strings.Cut(uses[i].use.Field, "\x00"); ok {
			uses[i].use.Field, uses[i].use.URL = f, written
		}
	}
	return uses, url, true, nil
}

// Liquid that a page uses to build a path out of literals:
// {% assign x = "BOA" %} and {% capture y %}/images/{{ x }}.png{% endcapture %}.
var (
	assign  = regexp.MustCompile(`\{%-?\s*assign\s+([A-Za-z_][\w-]*)\s*=\s*(?:"([^"{}%]*)"|'([^'{}%]*)')\s*-?%\}`)
	capture = regexp.MustCompile(`(?s)\{%-?\s*capture\s+([A-Za-z_][\w-]*)\s*-?%\}(.*?)\{%-?\s*endcapture\s*-?%\}`)
	output  = regexp.MustCompile(`\{\{-?\s*([A-Za-z_][\w-]*)\s*-?\}\}`)
	anyName = regexp.MustCompile(`\{%-?\s*(?:assign|capture|for|increment|decrement|cycle)\s+([A-Za-z_][\w-]*)`)
)

// liquidVars returns the variables of the page src that are set once,
// to a string literal or to a capture of text and such variables, and
// their values. A variable set more than once, or by a loop, is left
// out: its value is not known without running Jekyll.
func liquidVars(src []byte) map[string]string {
	if !bytes.Contains(src, []byte("{%")) {
		return nil
	}
	count := map[string]int{}
	for _, m := range anyName.FindAllSubmatch(src, -1) {
		count[string(m[1])]++
	}
	raw := map[string]string{}
	for _, m := range assign.FindAllSubmatch(src, -1) {
		raw[string(m[1])] = string(m[2]) + string(m[3])
	}
	captured := map[string]string{}
	for _, m := range capture.FindAllSubmatch(src, -1) {
		captured[string(m[1])] = string(m[2])
	}
	vars := map[string]string{}
	for k, v := range raw {
		if count[k] == 1 {
			vars[k] = v
		}
	}
	for k, v := range captured {
		if count[k] != 1 {
			continue
		}
		if r, ok := liquidSubst(v, vars); ok {
			vars[k] = strings.TrimSpace(r)
		}
	}
	return vars
}

// liquidSubst replaces the outputs {{ x }} of s by the values of
// vars, and reports whether no Liquid is left.
func liquidSubst(s string, vars map[string]string) (string, bool) {
	ok := true
	out := output.ReplaceAllStringFunc(s, func(m string) string {
		name := output.FindStringSubmatch(m)[1]
		v, known := vars[name]
		if !known {
			ok = false
			return m
		}
		return v
	})
	return out, ok && !strings.Contains(out, "{{") && !strings.Contains(out, "{%")
}

// liquidResolve returns the URL u with its Liquid outputs replaced by
// the values of vars, when all of them are known.
func liquidResolve(u string, vars map[string]string) (string, bool) {
	if len(vars) == 0 || !strings.Contains(u, "{{") {
		return "", false
	}
	r, ok := liquidSubst(u, vars)
	if !ok {
		return "", false
	}
	return strings.TrimSpace(r), true
}

// dataUses returns the references of the data file name.
func dataUses(fsys fs.FS, name string, roots []string, own rewrite.Func) ([]refUse, error) {
	src, err := fs.ReadFile(fsys, name)
	if err != nil {
		return nil, &convert.Error{Path: name, Err: err}
	}
	_, refs, err := rewrite.Data(src, name, nil)
	if err != nil {
		e := &convert.Error{Path: name, Err: err}
		var pe *frontmatter.ParseError
		if errors.As(err, &pe) {
			e.Line, e.Column = pe.Line, pe.Column
		}
		return nil, e
	}
	return refUses(name, refs, roots, own), nil
}

// refUses sorts the references of a file into assets, links and
// unresolved paths.
func refUses(name string, refs []rewrite.Ref, roots []string, own rewrite.Func) []refUse {
	var uses []refUse
	for _, ref := range refs {
		use := AssetUse{Page: name, Kind: ref.Kind, Field: ref.Field, URL: ref.URL, Line: ref.Pos.Line, Column: ref.Pos.Column}
		if own != nil {
			if u, err := own(ref); err == nil {
				ref.URL = u
			}
		}
		p, ok := rewrite.Resolve(ref)
		switch {
		case !ok:
			if rewrite.MayBeLocal(ref) {
				uses = append(uses, refUse{kind: unresolved, use: use})
			}
		case under(p, roots):
			if !strings.HasSuffix(p, "/") {
				uses = append(uses, refUse{kind: asset, path: p, use: use})
			}
		case isPageLink(ref, p):
			uses = append(uses, refUse{kind: link, path: p, use: use})
		}
	}
	return uses
}

// configHost returns the host of the url key of the site's
// _config.yml, or nil.
func configHost(fsys fs.FS) []string {
	src, err := fs.ReadFile(fsys, "_config.yml")
	if err != nil {
		return nil
	}
	d, err := frontmatter.ParseData(src)
	if err != nil {
		return nil
	}
	for _, s := range d.Strings() {
		if s.Path == "url" {
			if rewrite.HasHost(s.Str) {
				return []string{strings.TrimSpace(s.Str)}
			}
		}
	}
	return nil
}

// isPageLink reports whether a reference that resolves to the path p
// of the site, outside the asset roots, is a link to a page: a link,
// card or front matter URL whose path has no extension or ends in .html.
func isPageLink(ref rewrite.Ref, p string) bool {
	switch ref.Kind {
	case rewrite.KindLink, rewrite.KindCardLink, rewrite.KindFrontMatter:
	default:
		return false
	}
	if ref.Kind == rewrite.KindFrontMatter && strings.HasSuffix(ref.Field, "permalink") {
		return false
	}
	ext := strings.ToLower(path.Ext(p))
	return ext == "" || ext == ".html" || ext == ".htm" || strings.HasSuffix(p, "/")
}

// pageURL returns the URL Jekyll serves the page file name at, given
// its permalink (or ""), or "" when it is not known (a document of a
// collection without a permalink, whose URL the site's configuration
// decides).
func pageURL(name, permalink string) string {
	if permalink != "" && !strings.Contains(permalink, ":") && !strings.Contains(permalink, "{") {
		if !strings.HasPrefix(permalink, "/") {
			permalink = "/" + permalink
		}
		return permalink
	}
	dir, base := path.Split(name)
	stem := strings.TrimSuffix(base, path.Ext(base))
	if strings.HasPrefix(name, "_posts/") || strings.Contains(name, "/_posts/") {
		// _posts/2024-01-02-title.md is served at /2024/01/02/title.html
		// (Jekyll's "date" permalink style), under its categories, the
		// folders above _posts.
		if len(stem) > 11 && stem[4] == '-' && stem[7] == '-' && stem[10] == '-' {
			cats := strings.TrimSuffix(strings.TrimSuffix(dir, "_posts/"), "/")
			prefix := "/"
			if cats != "" {
				prefix = "/" + cats + "/"
			}
			return prefix + stem[:4] + "/" + stem[5:7] + "/" + stem[8:10] + "/" + stem[11:] + ".html"
		}
		return ""
	}
	for _, seg := range strings.Split(dir, "/") {
		if strings.HasPrefix(seg, "_") {
			return "" // a collection document: its URL is in _config.yml
		}
	}
	if stem == "index" {
		return "/" + dir
	}
	return "/" + dir + stem + ".html"
}

// linkKey is how a page URL and a link are compared: decoded, without
// a trailing slash, ".html" or "/index".
func linkKey(p string) string {
	p = rewrite.DecodePath(p)
	p = strings.TrimSuffix(p, ".html")
	p = strings.TrimSuffix(p, "/index")
	for len(p) > 1 && strings.HasSuffix(p, "/") {
		p = p[:len(p)-1]
	}
	if p == "" {
		p = "/"
	}
	return p
}

// brokenLinks returns the links of links that reach no page and no
// file of fsys, with the closest page URL. Links under /NAME/, where
// NAME is a collection (in unknown) that has documents whose URL is not
// known, are left out: they may reach one.
func brokenLinks(fsys fs.FS, pages []Page, links map[string]*BrokenLink, unknown map[string]bool) []BrokenLink {
	known := map[string]bool{}
	for _, p := range pages {
		known[linkKey(p.URL)] = true
	}
	var out []BrokenLink
	for p, l := range links {
		if known[linkKey(p)] {
			continue
		}
		if first, _, _ := strings.Cut(strings.TrimPrefix(p, "/"), "/"); unknown[first] {
			continue // may be a document of a collection whose URLs are not known
		}
		name := strings.Trim(p, "/")
		if name == "" {
			name = "."
		}
		if fs.ValidPath(name) {
			if _, err := fs.Stat(fsys, name); err == nil {
				continue // a file or folder of the site, served as it is
			}
		}
		l.Closest = closest(linkKey(p), pages)
		out = append(out, *l)
	}
	slices.SortFunc(out, func(a, b BrokenLink) int { return strings.Compare(a.Path, b.Path) })
	return out
}

// closest returns the URL of the page closest to the link key k, or
// "" when none is within half of k's length.
func closest(k string, pages []Page) string {
	best, bestD := "", len(k)/2+1
	for _, p := range pages {
		pk := linkKey(p.URL)
		if d := distance(k, pk, bestD); d < bestD || d == bestD && best != "" && p.URL < best {
			best, bestD = p.URL, d
		}
	}
	return best
}

// distance returns the edit distance of a and b (bytes), or limit
// when it is at least limit.
func distance(a, b string, limit int) int {
	if d := len(a) - len(b); d >= limit || -d >= limit {
		return limit
	}
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		low := cur[0]
		for j := 1; j <= len(b); j++ {
			c := prev[j-1]
			if a[i-1] != b[j-1] {
				c++
			}
			c = min(c, prev[j]+1, cur[j-1]+1)
			cur[j] = c
			low = min(low, c)
		}
		if low >= limit {
			return limit
		}
		prev, cur = cur, prev
	}
	return min(prev[len(b)], limit)
}

// themeUses returns the references to assets in the theme files of
// the site (_layouts, _includes, _sass and the stylesheets and scripts
// of assets/): each literal path under an asset root, found as text.
// The theme is not edited by rewrites, only read here. A path with
// Liquid in it is unresolved.
func themeUses(fsys fs.FS, roots []string) ([]refUse, error) {
	var uses []refUse
	var errs []error
	for _, dir := range []string{"_layouts", "_includes", "_sass", "assets"} {
		if _, err := fs.Stat(fsys, dir); err != nil {
			continue
		}
		_ = fs.WalkDir(fsys, dir, func(name string, d fs.DirEntry, err error) error {
			if err != nil {
				errs = append(errs, err)
				return nil
			}
			if d.IsDir() || !d.Type().IsRegular() {
				return nil
			}
			switch strings.ToLower(path.Ext(name)) {
			case ".html", ".htm", ".scss", ".sass", ".css", ".js", ".liquid", ".xml", ".json", ".md":
			default:
				return nil
			}
			src, err := fs.ReadFile(fsys, name)
			if err != nil {
				errs = append(errs, &convert.Error{Path: name, Err: err})
				return nil
			}
			uses = append(uses, themeRefs(name, string(src), roots)...)
			return nil
		})
	}
	return uses, errors.Join(errs...)
}

// themeRefs finds the paths under roots written in the text of a
// theme file.
func themeRefs(name, src string, roots []string) []refUse {
	var uses []refUse
	lower := strings.ToLower(src)
	line, lineStart, scanned := 1, 0, 0
	for _, r := range roots {
		for at := 0; ; {
			i := strings.Index(lower[at:], r)
			if i < 0 {
				break
			}
			i += at
			at = i + len(r)
			end := i
			for end < len(src) && !strings.ContainsRune("\"'`()<> \t\r\n,;", rune(src[end])) {
				end++
				// Liquid in the path is taken whole, spaces and all.
				closer := ""
				switch {
				case strings.HasSuffix(src[i:end], "{{"):
					closer = "}}"
				case strings.HasSuffix(src[i:end], "{%"):
					closer = "%}"
				}
				if c := strings.Index(src[end:], closer); closer != "" && c >= 0 {
					end += c + len(closer)
				}
			}
			if end == i+len(r) {
				continue
			}
			raw := src[i:end]
			if i < scanned {
				line, lineStart, scanned = 1, 0, 0
			}
			for ; scanned < i; scanned++ {
				if src[scanned] == '\n' {
					line++
					lineStart = scanned + 1
				}
			}
			use := AssetUse{Page: name, Kind: rewrite.KindResource, Field: "theme", URL: raw, Line: line, Column: i - lineStart + 1}
			if strings.Contains(raw, "{{") || strings.Contains(raw, "{%") {
				uses = append(uses, refUse{kind: unresolved, use: use})
				continue
			}
			p := rewrite.CleanPath(raw)
			if strings.HasSuffix(p, "/") {
				continue
			}
			uses = append(uses, refUse{kind: asset, path: p, use: use})
		}
	}
	return uses
}

// assetFiles returns the regular files under the asset roots as
// root-relative paths with a leading slash, sorted byte-wise.
func assetFiles(fsys fs.FS, roots []string) ([]string, error) {
	var files []string
	var errs []error
	// keep reports whether the folder dir (lower case, "/x/y/") can hold
	// files under a root.
	keep := func(dir string) bool {
		for _, r := range roots {
			if strings.HasPrefix(dir, r) || strings.HasPrefix(r, dir) {
				return true
			}
		}
		return false
	}
	_ = fs.WalkDir(fsys, ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil {
			errs = append(errs, err)
			if d != nil && d.IsDir() && name != "." {
				return fs.SkipDir
			}
			return nil
		}
		if name == "." {
			return nil
		}
		if strings.HasPrefix(path.Base(name), ".") {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		p := "/" + name
		if d.IsDir() {
			if !keep(strings.ToLower(p) + "/") {
				return fs.SkipDir
			}
			return nil
		}
		if d.Type().IsRegular() && under(p, roots) {
			files = append(files, p)
		}
		return nil
	})
	slices.Sort(files)
	return files, errors.Join(errs...)
}

// index finds the files matching a path.
type index struct {
	exact map[string]bool
	enc   map[string][]string // NFC of the decoded name → files
	name  map[string][]string // lower case of the NFC of the name → files
	fold  map[string][]string // lower case of enc's key → files
}

func newInvIndex(files []string) *index {
	x := &index{exact: map[string]bool{}, enc: map[string][]string{}, name: map[string][]string{}, fold: map[string][]string{}}
	for _, f := range files { // sorted, so each list is too
		x.exact[f] = true
		k := norm.NFC.String(rewrite.DecodePath(f))
		x.enc[k] = append(x.enc[k], f)
		lk := strings.ToLower(k)
		x.fold[lk] = append(x.fold[lk], f)
		ln := strings.ToLower(norm.NFC.String(f))
		x.name[ln] = append(x.name[ln], f)
	}
	return x
}

// match returns the status of the decoded path p and the file found for
// a mismatch.
func (x *index) match(p string) (AssetStatus, string) {
	if x.exact[p] {
		return AssetOK, ""
	}
	k := norm.NFC.String(p)
	if fs := x.enc[k]; len(fs) > 0 {
		return AssetEncodingMismatch, fs[0]
	}
	lk := strings.ToLower(k)
	if fs := x.name[lk]; len(fs) > 0 {
		return AssetCaseMismatch, fs[0]
	}
	if fs := x.fold[lk]; len(fs) > 0 {
		return AssetCaseMismatch, fs[0]
	}
	return AssetMissing, ""
}
