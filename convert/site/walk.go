package site

import (
	"errors"
	"io/fs"
	"path"
	"slices"
	"strings"

	"github.com/tiptapmd/tiptapmd/convert/rewrite"
)

// Walk returns the paths of the page files of the Jekyll site at the
// root of fsys, slash-separated and sorted byte-wise. It selects files by
// name alone and reads none of them:
//
//   - a page file ends in .md, .markdown or .html (in any case);
//   - every folder is searched (pages/, _posts/, the collections _*/,
//     misc/, resource rooms, the root) except _layouts, _includes, _sass,
//     _site, node_modules and vendor, which hold templates, build output
//     and dependencies rather than pages;
//   - a file or folder whose name starts with "." is hidden and left out,
//     as are names starting with "_" or "#" or ending in "~", which
//     Jekyll leaves out too (a folder starting with "_" is a collection
//     and is searched);
//   - symbolic links are never followed, and symbolic links to files are
//     left out: Jekyll's safe mode, which GitHub Pages runs, ignores them,
//     and a link could lead out of the site. A loop of links cannot make
//     the walk run forever.
//
// A file is a page only if it has front matter; [Batch] reads each file
// and skips those without.
//
// A folder that cannot be read does not stop the walk: Walk returns
// every page it found and an error joining the [*fs.PathError] of each
// such folder.
func Walk(fsys fs.FS) ([]string, error) {
	if fsys == nil {
		return nil, errNilFS
	}
	var pages []string
	var errs []error
	walkSite(fsys, ".", func(name string, kind walkKind, err error) {
		switch kind {
		case walkPage:
			pages = append(pages, name)
		case walkError:
			errs = append(errs, err)
		}
	})
	slices.Sort(pages)
	return pages, errors.Join(errs...)
}

// errNilFS is the error of a function given a nil fs.FS.
var errNilFS = errors.New("convert: nil fs.FS")

// walkKind says what walkSite found.
type walkKind int

const (
	walkPage  walkKind = iota
	walkTemp           // a temporary file of an interrupted write (see atomic.go)
	walkData           // a YAML file of the site (see isDataName)
	walkError          // a folder that could not be read
	walkOut            // the output folder of a batch, inside the site (batch_jobs.go)
)

// walkSite calls fn for each page file, temporary file and unreadable
// folder under dir in fsys, in the order of fs.WalkDir.
func walkSite(fsys fs.FS, dir string, fn func(name string, kind walkKind, err error)) {
	_ = fs.WalkDir(fsys, dir, func(name string, d fs.DirEntry, err error) error {
		if err != nil {
			fn(name, walkError, err)
			if d != nil && d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		base := path.Base(name)
		if d.IsDir() {
			if name != dir && skipDir(base) {
				return fs.SkipDir
			}
			return nil
		}
		if !d.Type().IsRegular() {
			return nil // symbolic links, devices, sockets
		}
		switch {
		case isTempName(base):
			fn(name, walkTemp, nil)
		case rewrite.IsData(name):
			fn(name, walkData, nil)
		case isPageName(base):
			fn(name, walkPage, nil)
		}
		return nil
	})
}

// skipDir reports whether the walk leaves out a folder called name.
func skipDir(name string) bool {
	switch name {
	case "_layouts", "_includes", "_sass", "_site", "node_modules", "vendor":
		return true
	}
	return strings.HasPrefix(name, ".") || strings.HasPrefix(name, "#") || strings.HasSuffix(name, "~")
}

// isPageName reports whether a file called name can be a page: it has a
// page extension and is not a name Jekyll leaves out.
func isPageName(name string) bool {
	if name == "" || strings.ContainsAny(name[:1], "._#") || strings.HasSuffix(name, "~") {
		return false
	}
	switch strings.ToLower(path.Ext(name)) {
	case ".md", ".markdown", ".html":
		return true
	}
	return false
}

// WalkData returns the YAML files of the Jekyll site at the root of
// fsys that can name URLs, slash-separated and sorted byte-wise:
// _config.yml, the files of _data/ (.yml and .yaml) and the
// collection.yml of each collection folder. It walks as [Walk] does.
func WalkData(fsys fs.FS) ([]string, error) {
	if fsys == nil {
		return nil, errNilFS
	}
	var files []string
	var errs []error
	walkSite(fsys, ".", func(name string, kind walkKind, err error) {
		switch kind {
		case walkData:
			files = append(files, name)
		case walkError:
			errs = append(errs, err)
		}
	})
	slices.Sort(files)
	return files, errors.Join(errs...)
}
