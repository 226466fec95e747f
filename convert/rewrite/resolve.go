package rewrite

import "strings"

// Resolve returns the decoded root-relative path that ref points at
// ("/images/a b.png"), a folder ("/about-us/") included, or false when it points outside
// the site or cannot be resolved.
func Resolve(ref Ref) (string, bool) {
	u := parse(strings.ReplaceAll(strings.TrimSpace(ref.URL), `\`, "/"))
	if u.class == classLiquid {
		// {{ site.baseurl }}/x, {{ "/x" | relative_url }}: the path
		// they name, as Isomer sites have an empty baseurl.
		plain, _ := StripBaseURL()(Ref{URL: strings.ReplaceAll(strings.TrimSpace(ref.URL), `\`, "/")})
		if u = parse(plain); u.class == classLiquid {
			return "", false
		}
	}
	var p string
	switch u.class {
	case classRoot:
		p = removeDots(u.path)
	case classRelative:
		if looksLikeHost(u.path) {
			return "", false
		}
		base, err := pageBase(ref.Page)
		if err != nil {
			return "", false
		}
		p = removeDots(base[:strings.LastIndexByte(base, '/')+1] + u.path)
	default:
		return "", false
	}
	if strings.Contains(p, "{{") || strings.Contains(p, "{%") {
		return "", false
	}
	return decode(p), true
}

// MayBeLocal reports whether a reference that cannot be resolved may
// name a file of the site: it has Liquid in its path, or it is a
// relative path in a page whose URL is not known.
func MayBeLocal(ref Ref) bool {
	u := parse(strings.TrimSpace(ref.URL))
	switch u.class {
	case classLiquid:
		return true
	case classRoot:
		return strings.Contains(u.path, "{{") || strings.Contains(u.path, "{%")
	case classRelative:
		return !looksLikeHost(u.path)
	}
	return false
}

// HasHost reports whether the URL s (spaces around it ignored) names a
// host: an absolute URL ("https://x.gov.sg/a") or a scheme-relative one
// ("//x.gov.sg/a").
func HasHost(s string) bool {
	u := parse(strings.TrimSpace(s))
	return u.class == classAbsolute || u.class == classNetwork
}

// DecodePath percent-decodes p outside Liquid, as the CMS compares paths
// (decodeURIComponent); a "%" that starts no valid escape stays.
func DecodePath(p string) string { return decode(p) }

// CleanPath returns the site path that the raw root-relative URL names:
// without its query and fragment, its "." and ".." segments removed,
// percent-decoded ("/a/../b%20c.png?v=1" is "/b c.png").
func CleanPath(raw string) string {
	return decode(removeDots(raw[:cutTail(raw)]))
}
