package tiptapmd_test

import (
	"context"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"reflect"
	"runtime/debug"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tiptapmd/tiptapmd"
	"github.com/tiptapmd/tiptapmd/convert"
	"github.com/tiptapmd/tiptapmd/convert/review"
	"github.com/tiptapmd/tiptapmd/convert/rewrite"
	"github.com/tiptapmd/tiptapmd/convert/site"
	"github.com/tiptapmd/tiptapmd/frontmatter"
	"github.com/tiptapmd/tiptapmd/markdown"
	"github.com/tiptapmd/tiptapmd/tiptap"
)

// apiFuncs are the exported functions of the library's packages, and
// apiTypes its exported types, by qualified name. TestAPIZeroValues
// checks that the lists are complete: add what you export.
var (
	apiFuncs = map[string]any{
		"site.BuildInventory":          site.BuildInventory,
		"rewrite.Chain":                rewrite.Chain,
		"rewrite.Encode":               rewrite.Encode,
		"rewrite.Lowercase":            rewrite.Lowercase,
		"rewrite.CleanPath":            rewrite.CleanPath,
		"rewrite.DecodePath":           rewrite.DecodePath,
		"rewrite.Doc":                  rewrite.Doc,
		"rewrite.HasHost":              rewrite.HasHost,
		"rewrite.IsData":               rewrite.IsData,
		"rewrite.KindChange":           rewrite.KindChange,
		"rewrite.MayBeLocal":           rewrite.MayBeLocal,
		"rewrite.Resolve":              rewrite.Resolve,
		"site.Convert":                 site.Convert,
		"convert.Rewrite":              convert.Rewrite,
		"convert.New":                  convert.New,
		"site.NewReportWriter":         site.NewReportWriter,
		"convert.Normalize":            convert.Normalize,
		"rewrite.OwnDomain":            rewrite.OwnDomain,
		"rewrite.PermalinkMap":         rewrite.PermalinkMap,
		"rewrite.PrefixMap":            rewrite.PrefixMap,
		"site.ReportFormatFor":         site.ReportFormatFor,
		"rewrite.FrontMatter":          rewrite.FrontMatter,
		"rewrite.HTML":                 rewrite.HTML,
		"rewrite.Markdown":             rewrite.Markdown,
		"rewrite.Page":                 rewrite.Page,
		"site.RewritePageFunc":         site.RewritePageFunc,
		"rewrite.RootRelative":         rewrite.RootRelative,
		"rewrite.StripBaseURL":         rewrite.StripBaseURL,
		"convert.ToMarkdown":           convert.ToMarkdown,
		"convert.ToTiptap":             convert.ToTiptap,
		"site.Walk":                    site.Walk,
		"convert.WithBaseURL":          convert.WithBaseURL,
		"convert.WithCMSStyle":         convert.WithCMSStyle,
		"convert.WithFrontMatterRules": convert.WithFrontMatterRules,
		"convert.WithKeepBaseURL":      convert.WithKeepBaseURL,
		"convert.WithLinkTargets":      convert.WithLinkTargets,
		"convert.WithRewrite":          convert.WithRewrite,
		"convert.WithRewriteFields":    convert.WithRewriteFields,
		"convert.WithSniffHTML":        convert.WithSniffHTML,
		"convert.WithTypographer":      convert.WithTypographer,
		"frontmatter.Normalize":        frontmatter.Normalize,
		"frontmatter.Parse":            frontmatter.Parse,
		"frontmatter.ParseRules":       frontmatter.ParseRules,
		"frontmatter.Split":            frontmatter.Split,
		"markdown.HTML":                markdown.HTML,
		"review.Write":                 review.Write,
		"review.NewCollector":          review.NewCollector,
		"markdown.Parse":               markdown.Parse,
		"markdown.Read":                markdown.Read,
		"markdown.Refs":                markdown.Refs,
		"markdown.Render":              markdown.Render,
		"tiptap.Check":                 tiptap.Check,
		"tiptap.Format":                tiptap.Format,
		"tiptap.MarkOrder":             tiptap.MarkOrder,
		"tiptap.DefaultAttrs":          tiptap.DefaultAttrs,
		"tiptap.ParseFragment":         tiptap.ParseFragment,
		"tiptap.ParseHTML":             tiptap.ParseHTML,
		"tiptap.ReadHTML":              tiptap.ReadHTML,
		"tiptap.ReadFragment":          tiptap.ReadFragment,
		"tiptap.ParseJSON":             tiptap.ParseJSON,
		"tiptap.RenderHTML":            tiptap.RenderHTML,
		"tiptap.Walk":                  tiptap.Walk,
		"rewrite.HostPaths":            rewrite.HostPaths,
		"rewrite.LiquidPaths":          rewrite.LiquidPaths,
		"rewrite.Resolved":             rewrite.Resolved,
		"rewrite.Data":                 rewrite.Data,
		"site.WalkData":                site.WalkData,
		"convert.WithEscapeTypography": convert.WithEscapeTypography,
		"frontmatter.ParseData":        frontmatter.ParseData,
		"tiptap.Resave":                tiptap.Resave,
		"tiptap.Write":                 tiptap.Write,
		"tiptap.Equal":                 tiptap.Equal,
		"tiptap.MergeText":             tiptap.MergeText,
		"tiptap.UnsafeURL":             tiptap.UnsafeURL,
	}
	apiTypes = map[string]reflect.Type{
		"site.Asset":                   reflect.TypeFor[site.Asset](),
		"site.AssetStatus":             reflect.TypeFor[site.AssetStatus](),
		"site.AssetUse":                reflect.TypeFor[site.AssetUse](),
		"site.Batch":                   reflect.TypeFor[site.Batch](),
		"convert.Converter":            reflect.TypeFor[convert.Converter](),
		"rewrite.EncodeStyle":          reflect.TypeFor[rewrite.EncodeStyle](),
		"tiptapmd.Note":                reflect.TypeFor[tiptapmd.Note](),
		"convert.Error":                reflect.TypeFor[convert.Error](),
		"site.Inventory":               reflect.TypeFor[site.Inventory](),
		"site.InventoryOptions":        reflect.TypeFor[site.InventoryOptions](),
		"site.LockError":               reflect.TypeFor[site.LockError](),
		"convert.Op":                   reflect.TypeFor[convert.Op](),
		"convert.Option":               reflect.TypeFor[convert.Option](),
		"site.PageFile":                reflect.TypeFor[site.PageFile](),
		"site.PageFunc":                reflect.TypeFor[site.PageFunc](),
		"rewrite.PageInfo":             reflect.TypeFor[rewrite.PageInfo](),
		"site.PageResult":              reflect.TypeFor[site.PageResult](),
		"rewrite.Ref":                  reflect.TypeFor[rewrite.Ref](),
		"rewrite.Kind":                 reflect.TypeFor[rewrite.Kind](),
		"convert.Report":               reflect.TypeFor[convert.Report](),
		"site.ReportFormat":            reflect.TypeFor[site.ReportFormat](),
		"site.ReportWriter":            reflect.TypeFor[site.ReportWriter](),
		"rewrite.Error":                reflect.TypeFor[rewrite.Error](),
		"rewrite.Func":                 reflect.TypeFor[rewrite.Func](),
		"tiptapmd.Severity":            reflect.TypeFor[tiptapmd.Severity](),
		"tiptapmd.Code":                reflect.TypeFor[tiptapmd.Code](),
		"tiptapmd.Pos":                 reflect.TypeFor[tiptapmd.Pos](),
		"convert.Stats":                reflect.TypeFor[convert.Stats](),
		"site.Status":                  reflect.TypeFor[site.Status](),
		"site.Summary":                 reflect.TypeFor[site.Summary](),
		"convert.Variant":              reflect.TypeFor[convert.Variant](),
		"frontmatter.Change":           reflect.TypeFor[frontmatter.Change](),
		"frontmatter.Kind":             reflect.TypeFor[frontmatter.Kind](),
		"frontmatter.NormalizeOptions": reflect.TypeFor[frontmatter.NormalizeOptions](),
		"frontmatter.Page":             reflect.TypeFor[frontmatter.Page](),
		"frontmatter.ParseError":       reflect.TypeFor[frontmatter.ParseError](),
		"frontmatter.Parts":            reflect.TypeFor[frontmatter.Parts](),
		"frontmatter.Rule":             reflect.TypeFor[frontmatter.Rule](),
		"frontmatter.Value":            reflect.TypeFor[frontmatter.Value](),
		"markdown.Options":             reflect.TypeFor[markdown.Options](),
		"markdown.ParseError":          reflect.TypeFor[markdown.ParseError](),
		"markdown.Reference":           reflect.TypeFor[markdown.Reference](),
		"markdown.ReferenceKind":       reflect.TypeFor[markdown.ReferenceKind](),
		"markdown.RenderOptions":       reflect.TypeFor[markdown.RenderOptions](),
		"tiptap.Mark":                  reflect.TypeFor[tiptap.Mark](),
		"tiptap.Node":                  reflect.TypeFor[tiptap.Node](),
		"tiptap.ParseError":            reflect.TypeFor[tiptap.ParseError](),
		"tiptap.SchemaError":           reflect.TypeFor[tiptap.SchemaError](),
		"tiptap.WalkFunc":              reflect.TypeFor[tiptap.WalkFunc](),
		"tiptap.WalkStatus":            reflect.TypeFor[tiptap.WalkStatus](),
		"tiptap.Written":               reflect.TypeFor[tiptap.Written](),
		"site.BrokenLink":              reflect.TypeFor[site.BrokenLink](),
		"site.Page":                    reflect.TypeFor[site.Page](),
		"convert.Verdict":              reflect.TypeFor[convert.Verdict](),
		"frontmatter.Data":             reflect.TypeFor[frontmatter.Data](),
		"frontmatter.SetError":         reflect.TypeFor[frontmatter.SetError](),
		"frontmatter.StringEdit":       reflect.TypeFor[frontmatter.StringEdit](),
		"frontmatter.StringValue":      reflect.TypeFor[frontmatter.StringValue](),
		"review.Asset":                 reflect.TypeFor[review.Asset](),
		"review.Collector":             reflect.TypeFor[review.Collector](),
		"review.Link":                  reflect.TypeFor[review.Link](),
		"review.Page":                  reflect.TypeFor[review.Page](),
		"review.Run":                   reflect.TypeFor[review.Run](),
		"review.Use":                   reflect.TypeFor[review.Use](),
	}
)

// exportedAPI returns the qualified names of the exported functions and
// types declared in the library's packages.
func exportedAPI(t *testing.T) (funcs, types []string) {
	t.Helper()
	for _, dir := range []string{".", "convert", "convert/review", "convert/rewrite", "convert/site", "frontmatter", "markdown", "tiptap"} {
		entries, err := os.ReadDir(dir)
		require.NoError(t, err)
		fset := token.NewFileSet()
		for _, e := range entries {
			if !strings.HasSuffix(e.Name(), ".go") || strings.HasSuffix(e.Name(), "_test.go") {
				continue
			}
			f, err := parser.ParseFile(fset, filepath.Join(dir, e.Name()), nil, parser.SkipObjectResolution)
			require.NoError(t, err)
			pkg := f.Name.Name
			for _, d := range f.Decls {
				switch d := d.(type) {
				case *ast.FuncDecl:
					if d.Recv == nil && d.Name.IsExported() {
						funcs = append(funcs, pkg+"."+d.Name.Name)
					}
				case *ast.GenDecl:
					for _, s := range d.Specs {
						if ts, ok := s.(*ast.TypeSpec); ok && ts.Name.IsExported() {
							if _, iface := ts.Type.(*ast.InterfaceType); !iface {
								types = append(types, pkg+"."+ts.Name.Name)
							}
						}
					}
				}
			}
		}
	}
	slices.Sort(funcs)
	slices.Sort(types)
	return funcs, types
}

// callZero calls fn with the zero value of each of its parameters and
// returns the panic it raised, as a message with the stack, or "".
func callZero(fn reflect.Value) (panicked string) {
	ft := fn.Type()
	n := ft.NumIn()
	if ft.IsVariadic() {
		n--
	}
	args := make([]reflect.Value, n)
	for i := range n {
		args[i] = reflect.Zero(ft.In(i))
	}
	defer func() {
		if p := recover(); p != nil {
			panicked = fmt.Sprintf("%v\n%s", p, debug.Stack())
		}
	}()
	fn.Call(args)
	return ""
}

// TestAPIZeroValues calls every exported function of the library, and
// every exported method of every exported type, with nil and zero
// values: the receiver nil (for pointer receivers) and zero, and every
// argument zero (nil slices, maps, functions, interfaces and pointers,
// empty strings, zero numbers). None may panic: bad arguments are
// errors or empty results. (A function that the API hands back, such as
// an Option or a RewriteFunc, is called with zero arguments too.)
func TestAPIZeroValues(t *testing.T) {
	funcs, types := exportedAPI(t)
	var gotFuncs, gotTypes []string
	for name := range apiFuncs {
		gotFuncs = append(gotFuncs, name)
	}
	for name := range apiTypes {
		gotTypes = append(gotTypes, name)
	}
	slices.Sort(gotFuncs)
	slices.Sort(gotTypes)
	require.Equal(t, funcs, gotFuncs, "apiFuncs lists every exported function: add the new ones")
	require.Equal(t, types, gotTypes, "apiTypes lists every exported type that is not an interface: add the new ones")

	check := func(name string, fn reflect.Value) {
		if p := callZero(fn); p != "" {
			t.Errorf("%s panics on zero values: %s", name, p)
			return
		}
		// Functions that the API returns (options, rewriters, page
		// functions) must stand zero values too.
		ft := fn.Type()
		n := ft.NumIn()
		if ft.IsVariadic() {
			n--
		}
		args := make([]reflect.Value, n)
		for i := range n {
			args[i] = reflect.Zero(ft.In(i))
		}
		var outs []reflect.Value
		func() {
			defer func() { recover() }()
			outs = fn.Call(args)
		}()
		for i, out := range outs {
			if out.Kind() == reflect.Func && !out.IsNil() {
				if p := callZero(out); p != "" {
					t.Errorf("the function that %s returns (result %d) panics on zero values: %s", name, i, p)
				}
			}
		}
	}
	for _, name := range funcs {
		check(name, reflect.ValueOf(apiFuncs[name]))
	}
	for _, name := range types {
		typ := apiTypes[name]
		if typ.Kind() == reflect.Func {
			continue // calling a nil function value is the caller's doing
		}
		zero := reflect.New(typ).Elem()
		for i := range typ.NumMethod() {
			m := typ.Method(i)
			check(name+"."+m.Name+" (zero value)", zero.Method(i))
		}
		ptr := reflect.PointerTo(typ)
		for i := range ptr.NumMethod() {
			m := ptr.Method(i)
			if _, ok := typ.MethodByName(m.Name); ok {
				// A method of the value: Go itself panics when it is
				// called through a nil pointer.
				continue
			}
			check("(*"+name+")."+m.Name+" (nil)", reflect.Zero(ptr).Method(i))
			check("(*"+name+")."+m.Name+" (new)", reflect.New(typ).Method(i))
		}
	}
}

// TestAPIZeroErrors: what the nil and zero values named in issue 15 give
// instead of a panic.
func TestAPIZeroErrors(t *testing.T) {
	assert.Equal(t, "convert: unknown error", (&convert.Error{}).Error())
	assert.Equal(t, "<nil>", (*convert.Error)(nil).Error())
	assert.Equal(t, tiptapmd.Info, (*convert.Report)(nil).Max())
	assert.ErrorContains(t, (&site.ReportWriter{}).Write(&site.PageResult{}), "NewReportWriter")
	assert.ErrorContains(t, (*site.ReportWriter)(nil).Close(site.Summary{}), "NewReportWriter")
	_, err := site.Walk(nil)
	assert.ErrorContains(t, err, "nil fs.FS")
	b := &site.Batch{Page: func(site.PageFile, []byte) ([]byte, *convert.Report, error) { return nil, nil, nil }, DryRun: true}
	_, err = b.RunFS(context.Background(), nil, nil)
	assert.ErrorContains(t, err, "nil fs.FS")
	//lint:ignore SA1012 a nil Context is what is tested
	_, err = b.Run(nil, []string{"."}, nil)
	assert.ErrorContains(t, err, "nil Context")
	_, err = (*site.Batch)(nil).Run(context.Background(), nil, nil)
	assert.ErrorContains(t, err, "nil *Batch")
	r, out := (*site.Batch)(nil).RunPage("p.md", nil)
	assert.Equal(t, site.StatusFailed, r.Status)
	assert.Nil(t, out)
	assert.NoError(t, tiptap.Walk(nil, nil))
	assert.ErrorContains(t, convert.WithTypographer(true)(nil), "given to New")
}
