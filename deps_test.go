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
// The graph is one-way: frontmatter and tiptap are leaves among the
// public packages (tiptap with its own internal packages, the CMS
// layout), markdown sits on tiptap, convert/rewrite (URL rewriting) on
// the three, convert (the page) joins them, convert/site (batch runs over
// a site) and convert/review (the review page of a run) sit on convert,
// and the example CLI uses only the public packages. All of them use the
// root package (".", the vocabulary they share: Note, Pos, Severity,
// Code), which imports only helpers. Below them are the library's
// helpers, internal packages that import none of ours (see helpers): one
// Liquid scanner (internal/liquid), one grammar for kramdown's tag names
// (internal/xmlname), one HTML escaper (internal/htmlesc), the unified
// diff (internal/diff) and the text forms of enumerations
// (internal/enum). The rest of internal/... is for tests alone
// (testOnly).
//
// bench/... is a module of its own (see nested) that measures this one:
// its entries say what of the library and of its dependencies the
// benchmarks, the corpus runner and the report may use (yaml and
// x/net/html for BenchmarkDepsFloor, which times the dependencies
// alone).
var allowed = map[string][]string{
	".":                  {"internal/enum"},
	"frontmatter":        {".", "internal/enum", "go.yaml.in/yaml/v3"},
	"tiptap":             {".", "tiptap/internal/...", "internal/ascii", "internal/dom", "internal/htmlesc", "internal/slab", "golang.org/x/net/html", "golang.org/x/net/html/atom", "golang.org/x/net/publicsuffix"},
	"markdown":           {".", "internal/enum", "tiptap", "internal/ascii", "internal/htmlesc", "internal/liquid", "internal/slab", "internal/xmlname", "github.com/yuin/goldmark/...", "golang.org/x/net/html", "golang.org/x/net/html/atom"},
	"convert":            {".", "internal/enum", "convert/rewrite", "frontmatter", "tiptap", "markdown", "golang.org/x/net/html", "golang.org/x/net/html/atom"},
	"convert/rewrite":    {".", "internal/enum", "frontmatter", "tiptap", "markdown", "internal/ascii", "internal/liquid", "internal/xmlname", "golang.org/x/net/html"},
	"convert/site":       {".", "internal/enum", "convert", "convert/rewrite", "frontmatter", "internal/diff", "golang.org/x/text/unicode/norm"},
	"convert/review":     {"internal/dom", "convert/site", ".", "convert", "frontmatter", "markdown", "golang.org/x/net/html", "golang.org/x/net/html/atom"},
	"examples/...":       {".", "convert", "convert/rewrite", "convert/site", "convert/review", "frontmatter", "tiptap", "markdown"},
	"bench/...":          {"bench/internal/...", ".", "convert", "convert/rewrite", "convert/site", "frontmatter", "tiptap", "markdown", "github.com/yuin/goldmark/...", "github.com/JohannesKaufmann/html-to-markdown/v2/...", "go.yaml.in/yaml/v3", "golang.org/x/net/html"},
	"bench/internal/...": {".", "convert", "convert/rewrite", "convert/site", "frontmatter", "tiptap", "markdown", "github.com/yuin/goldmark/...", "github.com/JohannesKaufmann/html-to-markdown/v2/..."},
	"internal/cmsoracle": {},
	"internal/ascii":     {},
	"internal/diff":      {},
	"internal/dom":       {"golang.org/x/net/html"},
	"internal/enum":      {},
	"internal/golden":    {"golang.org/x/tools/txtar"},
	"internal/corpus":    {},
	"internal/kramdown":  {},
	"internal/xss":       {"golang.org/x/net/html"},
	"internal/htmlesc":   {},
	"internal/liquid":    {},
	"internal/slab":      {},
	"internal/xmlname":   {},

	// tiptap's own packages (the CMS layout), which only tiptap imports.
	"tiptap/internal/...": {"internal/ascii", "golang.org/x/net/html"},
}

// helpers are the internal packages that library code may import.
var helpers = []string{"internal/ascii", "internal/diff", "internal/dom", "internal/enum", "internal/htmlesc", "internal/liquid", "internal/slab", "internal/xmlname"}

// nested lists the directories of the repository that hold a module of
// their own (a go.mod of their own, outside this module's go test ./...).
// Their module path is this module's path followed by the directory, and
// they import this module through a replace directive, so the walk checks
// their packages against the same table, by the same names. A go.mod
// found anywhere else fails the test: a new module must state its place.
var nested = []string{"bench"}

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
		if d.Name() == "go.mod" && path != "go.mod" {
			dir := filepath.ToSlash(filepath.Dir(path))
			require.Contains(t, nested, dir, "%s is a module of its own that deps_test.go does not know: add it to nested", dir)
			require.Equal(t, module+"/"+dir, modulePath(t, path), "the module path of %s", path)
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
			} else if p == module {
				p = "." // the root package: the shared vocabulary
			}
			set[dir][p] = true
		}
		return nil
	})
	require.NoError(t, err)
	return regular, tests
}

// modulePath returns the module path that the go.mod file at path
// declares.
func modulePath(t *testing.T, path string) string {
	src, err := os.ReadFile(path)
	require.NoError(t, err)
	for line := range strings.Lines(string(src)) {
		if rest, ok := strings.CutPrefix(strings.TrimSpace(line), "module "); ok {
			return strings.Trim(strings.TrimSpace(rest), `"`)
		}
	}
	t.Fatalf("%s declares no module", path)
	return ""
}

// TestNestedModules checks that each module of nested is a module of
// its own, named after its directory, that measures the code of this
// clone (a replace directive to the repository's root), not a published
// version.
func TestNestedModules(t *testing.T) {
	for _, dir := range nested {
		gomod := filepath.Join(dir, "go.mod")
		assert.Equal(t, module+"/"+dir, modulePath(t, gomod), "%s is a module of its own", dir)
		src, err := os.ReadFile(gomod)
		require.NoError(t, err)
		root := strings.Repeat("../", strings.Count(dir, "/")+1)
		assert.Contains(t, string(src), "\nreplace "+module+" => "+root+"\n", "%s builds on the library of this clone", dir)
		_, ok := policyOf(dir)
		assert.True(t, ok, "module %s is not in the import policy of deps_test.go", dir)
	}
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
	// package), the test-only packages, the library's helpers and our
	// public packages.
	public := []string{".", "frontmatter", "tiptap", "markdown", "convert", "convert/rewrite", "convert/site", "convert/review"}
	for dir, imps := range tests {
		policy, _ := policyOf(dir)
		for imp := range imps {
			ok := imp == dir || matchAny(policy, imp) || matchAny(testOnly, imp) || matchAny(helpers, imp) || matchAny(public, imp) || imp == "golang.org/x/tools/txtar"
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
			if d == "." || !strings.Contains(strings.SplitN(d, "/", 2)[0], ".") {
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
	public := func(deps []string) []string {
		var out []string
		for _, d := range ours(deps) {
			if d != "." && !matchAny(helpers, d) && !match("tiptap/internal/...", d) {
				out = append(out, d)
			}
		}
		return out
	}
	assert.Empty(t, public(allowed["frontmatter"]), "frontmatter imports none of our public packages")
	assert.Empty(t, public(allowed["tiptap"]), "tiptap imports none of our public packages")
	for _, h := range helpers {
		assert.Empty(t, ours(allowed[h]), "%s imports none of our packages", h)
	}
	for _, d := range ours(allowed["."]) {
		assert.True(t, matchAny(helpers, d), "the root package (the shared vocabulary) imports only helpers, not %s", d)
	}
	// Every internal package is either a helper or test-only.
	entries, err := os.ReadDir("internal")
	require.NoError(t, err)
	for _, e := range entries {
		if e.IsDir() {
			p := "internal/" + e.Name()
			assert.True(t, matchAny(helpers, p) != matchAny(testOnly, p), "%s must be a helper or test-only, not both or neither", p)
		}
	}
}
