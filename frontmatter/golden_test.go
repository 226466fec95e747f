package frontmatter_test

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/tiptapmd/tiptapmd"
	"github.com/tiptapmd/tiptapmd/frontmatter"
	"github.com/tiptapmd/tiptapmd/internal/golden"
)

// goldenOptions is the JSON comment of a golden archive (see
// testdata/README.md).
type goldenOptions struct {
	BOM       bool   `json:"bom"`       // prepend a UTF-8 byte order mark to the input
	Normalize string `json:"normalize"` // rules for Normalize ("default", "trim,variant", "none"); empty: do not normalize
	CMS       bool   `json:"cms"`       // normalize with the CMS style
}

func TestGolden(t *testing.T) {
	golden.Glob(t, "testdata/*.txtar", func(t *testing.T, f *golden.File) {
		var opts goldenOptions
		if c := bytes.TrimSpace(f.Comment); len(c) > 0 {
			dec := json.NewDecoder(bytes.NewReader(c))
			dec.DisallowUnknownFields()
			require.NoError(t, dec.Decode(&opts), "comment of %s", f.Path)
		}
		if f.Has("in.md") == f.Has("in.md.crlf") {
			t.Fatal("an archive has one input: in.md or in.md.crlf")
		}
		var in []byte
		suffix := ""
		if f.Has("in.md") {
			in = f.Input(t, "in.md")
		} else {
			in, suffix = f.Input(t, "in.md.crlf"), ".crlf"
		}
		if opts.BOM {
			in = append([]byte("\ufeff"), in...)
		}

		parts, err := frontmatter.Split(in)
		if err != nil {
			f.Check(t, "err", describeErr(err))
		} else {
			f.Check(t, "split", describeParts(parts))
			require.Equal(t, in, parts.Bytes(), "Split then Bytes gives the input back")
		}

		p, err := frontmatter.Parse(in)
		if err != nil {
			f.Check(t, "err", describeErr(err))
			return
		}
		require.False(t, f.Has("err"), "the page parses, yet the archive expects an error")
		require.Equal(t, in, p.Bytes(), "an untouched page writes back byte for byte")
		f.Check(t, "values", describeValues(p))
		if ws := p.Warnings(); len(ws) > 0 || f.Has("warnings") {
			f.Check(t, "warnings", describeWarnings(ws))
		}

		if opts.Normalize != "" {
			rules, err := frontmatter.ParseRules(opts.Normalize)
			require.NoError(t, err)
			no := frontmatter.NormalizeOptions{Rules: rules, CMSStyle: opts.CMS}
			out, changes, err := frontmatter.Normalize(in, no)
			require.NoError(t, err)
			f.Check(t, "out.md"+suffix, out)
			f.Check(t, "changes", describeChanges(changes))
			again, more, err := frontmatter.Normalize(out, no)
			require.NoError(t, err)
			require.Equal(t, string(out), string(again), "normalizing twice differs from once")
			require.Empty(t, more, "the second normalization reports changes")
		}

		if f.Has("edits") {
			edited, err := frontmatter.Parse(in)
			require.NoError(t, err)
			runEdits(t, edited, f.Input(t, "edits"))
			f.Check(t, "edited.md"+suffix, edited.Bytes())
			if ws := edited.Warnings(); len(ws) > 0 || f.Has("edited.warnings") {
				f.Check(t, "edited.warnings", describeWarnings(ws))
			}
			// What the edits wrote parses back to what Get reports.
			re, err := frontmatter.Parse(edited.Bytes())
			require.NoError(t, err)
			require.Equal(t, describeValues(edited), describeValues(re))
		}
	})
}

// runEdits applies an edit script: one edit per line, "set KEY VALUE",
// "delete KEY", "rename OLD NEW", "variant VALUE" or "body TEXT". An
// argument starting with a double quote is a Go string literal; the last
// argument of a line is the rest of the line.
func runEdits(t *testing.T, p *frontmatter.Page, script []byte) {
	t.Helper()
	sc := bufio.NewScanner(bytes.NewReader(script))
	for sc.Scan() {
		line := sc.Text()
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		op, rest, _ := strings.Cut(line, " ")
		args := func(n int) []string {
			var out []string
			s := rest
			for len(out) < n {
				last := len(out) == n-1
				if strings.HasPrefix(s, `"`) {
					end := 1
					for end < len(s) && s[end] != '"' {
						if s[end] == '\\' {
							end++
						}
						end++
					}
					u, err := strconv.Unquote(s[:min(end+1, len(s))])
					require.NoError(t, err, "edit %q", line)
					out = append(out, u)
					s = strings.TrimPrefix(s[min(end+1, len(s)):], " ")
					continue
				}
				if last {
					out = append(out, s)
					break
				}
				var a string
				a, s, _ = strings.Cut(s, " ")
				out = append(out, a)
			}
			return out
		}
		switch op {
		case "set":
			a := args(2)
			p.Set(a[0], a[1])
		case "delete":
			p.Delete(args(1)[0])
		case "rename":
			a := args(2)
			p.Rename(a[0], a[1])
		case "variant":
			p.SetVariant(args(1)[0])
		case "body":
			p.SetBody([]byte(args(1)[0]))
		default:
			t.Fatalf("unknown edit %q", line)
		}
	}
}

func describeErr(err error) []byte {
	var b strings.Builder
	fmt.Fprintln(&b, err)
	var pe *frontmatter.ParseError
	if errors.As(err, &pe) {
		for _, s := range []error{
			frontmatter.ErrUnterminated, frontmatter.ErrTab, frontmatter.ErrControlChar, frontmatter.ErrEncoding,
			frontmatter.ErrSyntax, frontmatter.ErrNotMapping, frontmatter.ErrAliasLimit,
		} {
			if errors.Is(err, s) {
				fmt.Fprintf(&b, "is: %v\n", s)
			}
		}
		fmt.Fprintf(&b, "at: line %d, column %d\n", pe.Pos.Line, pe.Pos.Column)
	} else {
		b.WriteString("not a *ParseError\n")
	}
	return []byte(b.String())
}

func describeParts(p frontmatter.Parts) []byte {
	var b strings.Builder
	fmt.Fprintf(&b, "bom: %v\n", p.BOM)
	fmt.Fprintf(&b, "front matter: %v\n", p.HasFrontMatter())
	fmt.Fprintf(&b, "open: %q\n", p.Open)
	fmt.Fprintf(&b, "yaml: %q\n", p.YAML)
	fmt.Fprintf(&b, "close: %q\n", p.Close)
	fmt.Fprintf(&b, "body: %q\n", p.Body)
	fmt.Fprintf(&b, "yaml line: %d\n", p.YAMLLine)
	fmt.Fprintf(&b, "body line: %d\n", p.BodyLine)
	return []byte(b.String())
}

func describeValues(p *frontmatter.Page) []byte {
	var b strings.Builder
	fmt.Fprintf(&b, "front matter: %v, variant: %s, body line: %d\n", p.HasFrontMatter(), p.Variant(), p.BodyLine())
	for _, k := range p.Keys() {
		v, ok := p.Get(k)
		if !ok {
			fmt.Fprintf(&b, "%s: MISSING\n", k)
			continue
		}
		fmt.Fprintf(&b, "%s: %s %s %q raw=%q at %d:%d\n", k, v.Kind, v.Tag, v.Str, v.Raw, v.Pos.Line, v.Pos.Column)
	}
	return []byte(b.String())
}

func describeWarnings(ws []tiptapmd.Note) []byte {
	var b strings.Builder
	for _, w := range ws {
		fmt.Fprintf(&b, "line %d, column %d: %s (%s)\n", w.Line, w.Column, w.Message, w.Code)
	}
	return []byte(b.String())
}

func describeChanges(cs []frontmatter.Change) []byte {
	var b strings.Builder
	for _, c := range cs {
		fmt.Fprintf(&b, "%s: line %d: %s: %q -> %q (%s)\n", c.Rule, c.Pos.Line, c.Key, c.Old, c.New, c.Why)
	}
	if len(cs) == 0 {
		b.WriteString("no changes\n")
	}
	return []byte(b.String())
}
