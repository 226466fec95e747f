package rewrite

import (
	"path"
	"strings"

	"github.com/tiptapmd/tiptapmd/frontmatter"
)

// Data rewrites the URLs of a YAML file of a site, such as
// _config.yml, _data/navigation.yml or a collection.yml, calling fn
// once for each: every string value, at any depth, that is a URL or a
// site path, or HTML or Markdown holding links, as [FrontMatter]
// finds them in front matter (the logo, the favicon, the links of the
// navigation and the footer, …). name is the file's path in its site
// ("_data/navigation.yml"); in _config.yml the site's own url and
// baseurl are not references. Only the bytes of changed URLs change.
//
// The refs returned are in the order of the values in the file, with
// positions in it, and Page.Path set to name. Errors are a
// [*frontmatter.ParseError] for a file that is not YAML, and a
// [*Error] as for pages.
func Data(src []byte, name string, fn Func) ([]byte, []Ref, error) {
	d, err := frontmatter.ParseData(src)
	if err != nil {
		return nil, nil, err
	}
	var skip map[string]bool
	if name == "_config.yml" {
		skip = map[string]bool{"url": true, "baseurl": true}
	}
	refs, err := rewriteYAML(d, src, PageInfo{Path: name}, nil, skip, fn)
	if err != nil {
		return nil, refs, err
	}
	return d.Bytes(), refs, nil
}

// IsData reports whether the file name (slash-separated, from the
// site root) is one of the site's YAML files that name URLs: the
// configuration _config.yml, a file of _data/ (.yml, .yaml), or a
// collection's collection.yml.
func IsData(name string) bool {
	switch {
	case name == "_config.yml":
		return true
	case strings.HasPrefix(name, "_data/"):
		base := path.Base(name)
		if strings.HasPrefix(base, ".") {
			return false
		}
		switch strings.ToLower(path.Ext(base)) {
		case ".yml", ".yaml":
			return true
		}
	case path.Base(name) == "collection.yml":
		return strings.HasPrefix(name, "_") && strings.Count(name, "/") == 1
	}
	return false
}
