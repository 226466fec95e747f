package site

import (
	"errors"
	"io/fs"
	"path"
	"slices"
	"strings"

	"golang.org/x/text/unicode/norm"

	"github.com/tiptapmd/tiptapmd"
	"github.com/tiptapmd/tiptapmd/convert"
	"github.com/tiptapmd/tiptapmd/convert/rewrite"
)

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
			use := AssetUse{Page: name, Kind: rewrite.KindResource, Field: "theme", URL: raw, Pos: tiptapmd.Pos{Line: line, Column: i - lineStart + 1}}
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

func newIndex(files []string) *index {
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
