package tiptapmd_test

import (
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const module = "github.com/tiptapmd/tiptapmd"

// allowed is the import policy of the module, in the spirit of
// go/build/deps_test.go: for each package (by directory), the packages
// outside the standard library that its non-test files may import. Our
// own packages are named without the module prefix. A package missing
// from this table fails the test, so a new package must state its place.
//
// The graph is one-way: frontmatter and tiptap are leaves, markdown sits
// on tiptap, convert/rewrite (URL rewriting) on the three, convert (the
// page) joins them, convert/site (batch runs over a site) sits on
// convert, and the example CLI uses only the public packages. The library's own helpers live in internal/ (the
// unified diff); the helpers of tests (testOnly) are for tests alone.
var allowed = map[string][]string{
	".":                  {},
	"frontmatter":        {"go.yaml.in/yaml/v3"},
	"tiptap":             {"golang.org/x/net/html", "golang.org/x/net/html/atom", "golang.org/x/net/publicsuffix"},
	"markdown":           {"tiptap", "github.com/yuin/goldmark/...", "github.com/JohannesKaufmann/html-to-markdown/v2/...", "golang.org/x/net/html", "golang.org/x/net/html/atom"},
	"convert":            {"convert/rewrite", "frontmatter", "tiptap", "markdown", "golang.org/x/net/html", "golang.org/x/net/html/atom"},
	"convert/rewrite":    {"frontmatter", "tiptap", "markdown", "golang.org/x/net/html"},
	"convert/site":       {"convert", "convert/rewrite", "frontmatter", "internal/diff", "golang.org/x/text/unicode/norm"},
	"examples/...":       {"convert", "convert/rewrite", "convert/site", "frontmatter", "tiptap", "markdown"},
	"bench/...":          {"bench/internal/...", "convert", "convert/rewrite", "convert/site", "frontmatter", "tiptap", "markdown", "github.com/yuin/goldmark/...", "github.com/JohannesKaufmann/html-to-markdown/v2/..."},
	"bench/internal/...": {"convert", "convert/rewrite", "convert/site", "frontmatter", "tiptap", "markdown", "github.com/yuin/goldmark/...", "github.com/JohannesKaufmann/html-to-markdown/v2/..."},
	"internal/cmsoracle": {},
	"internal/diff":      {},
	"internal/golden":    {"golang.org/x/tools/txtar"},
	"internal/corpus":    {},
	"internal/kramdown":  {},
	"internal/xss":       {"golang.org/x/net/html"},
}

// policyOf returns the import policy of the package in dir: the entry of
// allowed with the longest pattern that matches it.
func policyOf(dir string) (deps []string, ok bool) {
	best := ""
	for pkg, d := range allowed {
		if match(pkg, dir) && len(pkg) > len(best) {
			best, deps, ok = pkg, d, true
		}
	}
	return deps, ok
}

// testOnly lists the packages that only _test.go files may import: the
// helpers of tests. Other internal/ packages are the library's, imported
// where the table above allows them.
var testOnly = []string{"internal/cmsoracle", "internal/corpus", "internal/golden", "internal/kramdown", "internal/xss", "github.com/stretchr/testify/..."}

func match(pattern, path string) bool {
	if p, ok := strings.CutSuffix(pattern, "/..."); ok {
		return path == p || strings.HasPrefix(path, p+"/")
	}
	return pattern == path
}

func matchAny(patterns []string, path string) bool {
	for _, p := range patterns {
		if match(p, path) {
			return true
		}
	}
	return false
}

// imports returns, for each package directory of the module, the set of
// non-standard imports of its files, split into regular and test files.
func imports(t *testing.T) (regular, tests map[string]map[string]bool) {
	regular, tests = map[string]map[string]bool{}, map[string]map[string]bool{}
	fset := token.NewFileSet()
	err := filepath.WalkDir(".", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if name := d.Name(); path != "." && (strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_") || name == "testdata" || name == "node_modules") {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(path, ".go") {
			return nil
		}
		f, err := parser.ParseFile(fset, path, nil, parser.ImportsOnly)
		if err != nil {
			return err
		}
		dir := filepath.ToSlash(filepath.Dir(path))
		set := regular
		if strings.HasSuffix(path, "_test.go") {
			set = tests
		}
		if set[dir] == nil {
			set[dir] = map[string]bool{}
		}
		for _, imp := range f.Imports {
			p := strings.Trim(imp.Path.Value, `"`)
			if !strings.Contains(strings.SplitN(p, "/", 2)[0], ".") {
				continue // standard library
			}
			if rel, ok := strings.CutPrefix(p, module+"/"); ok {
				p = rel
			}
			set[dir][p] = true
		}
		return nil
	})
	require.NoError(t, err)
	return regular, tests
}

func TestImportGraph(t *testing.T) {
	if _, err := os.Stat("go.mod"); err != nil {
		t.Fatal("run from the module root")
	}
	regular, tests := imports(t)
	require.NotEmpty(t, regular)
	var dirs []string
	for dir := range regular {
		dirs = append(dirs, dir)
	}
	sort.Strings(dirs)
	for _, dir := range dirs {
		policy, found := policyOf(dir)
		if !assert.True(t, found, "package %s is not in the import policy of deps_test.go", dir) {
			continue
		}
		for imp := range regular[dir] {
			assert.False(t, matchAny(testOnly, imp), "%s imports %s, which only tests may import", dir, imp)
			assert.True(t, matchAny(policy, imp), "%s imports %s, which the import policy does not allow", dir, imp)
		}
	}
	// Tests may also import their own package (from an external _test
	// package), the test-only packages and our public packages.
	public := []string{"frontmatter", "tiptap", "markdown", "convert", "convert/rewrite", "convert/site"}
	for dir, imps := range tests {
		policy, _ := policyOf(dir)
		for imp := range imps {
			ok := imp == dir || matchAny(policy, imp) || matchAny(testOnly, imp) || matchAny(public, imp) || imp == "golang.org/x/tools/txtar"
			assert.True(t, ok, "a test of %s imports %s, outside the import policy", dir, imp)
		}
	}
}

// TestImportPolicyIsOneWay checks the table itself: no package may reach,
// through the allowed edges, a package that can reach it back.
func TestImportPolicyIsOneWay(t *testing.T) {
	ours := func(deps []string) []string {
		var out []string
		for _, d := range deps {
			if !strings.Contains(strings.SplitN(d, "/", 2)[0], ".") {
				out = append(out, d)
			}
		}
		return out
	}
	var visit func(pkg string, seen map[string]bool) bool
	visit = func(pkg string, seen map[string]bool) bool {
		if seen[pkg] {
			return false
		}
		seen[pkg] = true
		for _, d := range ours(allowed[pkg]) {
			if !visit(d, seen) {
				return false
			}
		}
		delete(seen, pkg)
		return true
	}
	for pkg := range allowed {
		assert.True(t, visit(pkg, map[string]bool{}), "import policy has a cycle through %s", pkg)
	}
	assert.Empty(t, ours(allowed["frontmatter"]), "frontmatter imports none of our packages")
	assert.Empty(t, ours(allowed["tiptap"]), "tiptap imports none of our packages")
}
