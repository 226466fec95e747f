// Package rewrite rewrites the URLs that Isomer pages and site files
// reference, changing only their bytes: a [Func] sees each reference (a
// [Ref]: a link, an image, an iframe, a srcset candidate, a card link, a
// CSS url(), a front matter value that is a URL or holds links) and
// returns the URL to use.
//
// [HTML], [Markdown], [FrontMatter], [Page] and [Data] find the
// references of HTML (with a byte-level scanner that follows the HTML
// standard's tokenizer and treats Liquid as opaque), of Markdown (read
// with kramdown's rules, as package markdown reads it), of front matter,
// of a whole page file and of a site's YAML files, call a Func on each,
// and write the new URLs back: attribute quotes, escapes, YAML quoting
// and folding are kept, and the result is read again to check that it
// holds the same references with the new URLs; a URL that cannot be
// written back so is an [*Error]. [Doc] does the same for a tiptap
// document during a conversion.
//
// Built-in rewriters compose with [Chain]: [PrefixMap], [PermalinkMap],
// [StripBaseURL], [OwnDomain], [RootRelative], [Lowercase] and
// [Encode]; they compare paths decoded, so raw, %20 and percent-encoded
// forms of a path match, and they keep #anchor and ?query. [Resolved],
// [LiquidPaths] and [HostPaths] let a map of the site's paths reach the
// relative, {{ site.baseurl }} and own-host forms of them. [Resolve]
// tells the site path a reference points at. No rewrite writes a script
// URL ([ErrUnsafeURL]).
package rewrite
