package rewrite

import "strings"

// Resolve returns the decoded root-relative path that ref points at
// ("/images/a b.png"), a folder ("/about-us/") included, or false when it points outside
// the site or cannot be resolved.
func Resolve(ref Ref) (string, bool) {
	u := rwParse(strings.ReplaceAll(strings.TrimSpace(ref.URL), `\`, "/"))
	if u.class == rwLiquid {
		// {{ site.baseurl }}/x, {{ "/x" | relative_url }}: the path
		// they name, as Isomer sites have an empty baseurl.
		plain, _ := StripBaseURL()(Ref{URL: strings.ReplaceAll(strings.TrimSpace(ref.URL), `\`, "/")})
		if u = rwParse(plain); u.class == rwLiquid {
			return "", false
		}
	}
	var p string
	switch u.class {
	case rwRoot:
		p = rwRemoveDots(u.path)
	case rwRelative:
		if rwLooksLikeHost(u.path) {
			return "", false
		}
		base, err := rwPageBase(ref.Page)
		if err != nil {
			return "", false
		}
		p = rwRemoveDots(base[:strings.LastIndexByte(base, '/')+1] + u.path)
	default:
		return "", false
	}
	if strings.Contains(p, "{{") || strings.Contains(p, "{%") {
		return "", false
	}
	return rwDecode(p), true
}

// MayBeLocal reports whether a reference that cannot be resolved may
// name a file of the site: it has Liquid in its path, or it is a
// relative path in a page whose URL is not known.
func MayBeLocal(ref Ref) bool {
	u := rwParse(strings.TrimSpace(ref.URL))
	switch u.class {
	case rwLiquid:
		return true
	case rwRoot:
		return strings.Contains(u.path, "{{") || strings.Contains(u.path, "{%")
	case rwRelative:
		return !rwLooksLikeHost(u.path)
	}
	return false
}

// HasHost reports whether the URL s (spaces around it ignored) names a
// host: an absolute URL ("https://x.gov.sg/a") or a scheme-relative one
// ("//x.gov.sg/a").
func HasHost(s string) bool {
	u := rwParse(strings.TrimSpace(s))
	return u.class == rwAbsolute || u.class == rwNetwork
}

// DecodePath percent-decodes p outside Liquid, as the CMS compares paths
// (decodeURIComponent); a "%" that starts no valid escape stays.
func DecodePath(p string) string { return rwDecode(p) }

// CleanPath returns the site path that the raw root-relative URL names:
// without its query and fragment, its "." and ".." segments removed,
// percent-decoded ("/a/../b%20c.png?v=1" is "/b c.png").
func CleanPath(raw string) string {
	return rwDecode(rwRemoveDots(raw[:rwCutTail(raw)]))
}
