package rewrite_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/tiptapmd/tiptapmd/convert/rewrite"
	"github.com/tiptapmd/tiptapmd/internal/golden"
	"github.com/tiptapmd/tiptapmd/markdown"
)

// spec is the JSON comment of a golden archive of
// testdata/rewrite (see its README.md).
type spec struct {
	Page    rewrite.PageInfo `json:"page"`
	Fields  []string         `json:"fields"`
	Rewrite []step           `json:"rewrite"`
}

// step is one Func of the chain; exactly one field is set.
type step struct {
	PrefixMap    map[string]string `json:"prefixMap,omitempty"`
	PermalinkMap map[string]string `json:"permalinkMap,omitempty"`
	StripBaseURL bool              `json:"stripBaseURL,omitempty"`
	OwnDomain    []string          `json:"ownDomain,omitempty"`
	RootRelative bool              `json:"rootRelative,omitempty"`
	Lowercase    bool              `json:"lowercase,omitempty"`
	Encode       string            `json:"encode,omitempty"`
	// Test funcs: append a string to every URL, replace every URL, fail
	// on URLs containing a string.
	Append  string `json:"append,omitempty"`
	Replace *struct {
		From string `json:"from"`
		To   string `json:"to"`
	} `json:"replace,omitempty"`
	Fail string `json:"fail,omitempty"`
}

func (s step) fn(t *testing.T) rewrite.Func {
	t.Helper()
	var fns []rewrite.Func
	if s.PrefixMap != nil {
		fns = append(fns, rewrite.PrefixMap(s.PrefixMap))
	}
	if s.PermalinkMap != nil {
		fns = append(fns, rewrite.PermalinkMap(s.PermalinkMap))
	}
	if s.StripBaseURL {
		fns = append(fns, rewrite.StripBaseURL())
	}
	if s.OwnDomain != nil {
		fns = append(fns, rewrite.OwnDomain(s.OwnDomain...))
	}
	if s.RootRelative {
		fns = append(fns, rewrite.RootRelative())
	}
	if s.Lowercase {
		fns = append(fns, rewrite.Lowercase())
	}
	if s.Encode != "" {
		style := map[string]rewrite.EncodeStyle{"raw": rewrite.EncodeRaw, "spaces": rewrite.EncodeSpaces, "percent": rewrite.EncodePercent}
		st, ok := style[s.Encode]
		if !ok {
			t.Fatalf("unknown encode style %q", s.Encode)
		}
		fns = append(fns, rewrite.Encode(st))
	}
	if s.Append != "" {
		fns = append(fns, func(r rewrite.Ref) (string, error) { return r.URL + s.Append, nil })
	}
	if s.Replace != nil {
		fns = append(fns, func(r rewrite.Ref) (string, error) {
			return strings.ReplaceAll(r.URL, s.Replace.From, s.Replace.To), nil
		})
	}
	if s.Fail != "" {
		fns = append(fns, func(r rewrite.Ref) (string, error) {
			if strings.Contains(r.URL, s.Fail) {
				return "", errors.New("refused by the test")
			}
			return r.URL, nil
		})
	}
	if len(fns) != 1 {
		t.Fatalf("a rewrite step sets exactly one func, this one sets %d", len(fns))
	}
	return fns[0]
}

// recorder wraps a Func and records what it made of each ref.
type recorder struct {
	fn    rewrite.Func
	lines []string
}

func (r *recorder) rewrite(ref rewrite.Ref) (string, error) {
	u, err := r.fn(ref)
	line := describeRef(ref)
	switch {
	case err != nil:
		line += " error: " + err.Error()
	case u != ref.URL:
		line += fmt.Sprintf(" -> %q", u)
	}
	r.lines = append(r.lines, line)
	return u, err
}

func describeRef(r rewrite.Ref) string {
	what := r.Kind.String()
	if r.Field != "" {
		what += " " + r.Field
	}
	return fmt.Sprintf("%s %s %q", r.Pos, what, r.URL)
}

func describeErr(err error) []byte {
	var b strings.Builder
	b.WriteString(err.Error())
	b.WriteString("\n")
	var re *rewrite.Error
	if errors.As(err, &re) {
		fmt.Fprintf(&b, "RewriteError at %s\n", re.Ref.Pos)
	}
	for _, s := range []error{rewrite.ErrNoPageURL, rewrite.ErrUnwritable, markdown.ErrInvalidUTF8} {
		if errors.Is(err, s) {
			fmt.Fprintf(&b, "is %q\n", s)
		}
	}
	return []byte(b.String())
}

func TestRewriteGolden(t *testing.T) {
	golden.Glob(t, "testdata/rewrite/*.txtar", func(t *testing.T, f *golden.File) {
		var spec spec
		dec := json.NewDecoder(bytes.NewReader(f.Comment))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&spec); err != nil {
			t.Fatalf("comment of %s: %v", f.Path, err)
		}
		var fns []rewrite.Func
		for _, s := range spec.Rewrite {
			fns = append(fns, s.fn(t))
		}
		ran := false
		for _, v := range []string{"md", "html", "page", "yml"} {
			for _, crlf := range []string{"", ".crlf"} {
				name := "in." + v + crlf
				if !f.Has(name) {
					continue
				}
				ran = true
				in := f.Input(t, name)
				rec := &recorder{fn: rewrite.Chain(fns...)}
				var out []byte
				var err error
				switch v {
				case "md":
					out, _, err = rewrite.Markdown(in, spec.Page, rec.rewrite)
				case "html":
					out, _, err = rewrite.HTML(in, spec.Page, rec.rewrite)
				case "page":
					out, _, err = rewrite.Page(in, spec.Page, spec.Fields, rec.rewrite)
				case "yml":
					out, _, err = rewrite.Data(in, spec.Page.Path, rec.rewrite)
				}
				f.Check(t, "refs."+v, []byte(strings.Join(rec.lines, "\n")+"\n"))
				if err != nil {
					f.Check(t, "err."+v, describeErr(err))
					continue
				}
				if f.Has("err." + v) {
					t.Errorf("%s: %s rewrites, yet the archive expects an error", f.Path, name)
				}
				f.Check(t, "out."+v+crlf, out)
				checkIdentityAndCount(t, v, in, spec, out)
			}
		}
		if !ran {
			t.Fatal("no input section (in.md, in.html, in.page, in.yml)")
		}
	})
}

// checkIdentityAndCount checks properties every rewrite has: the identity
// rewrite gives the input back, and the output yields as many refs as
// the input.
func checkIdentityAndCount(t *testing.T, variant string, in []byte, spec spec, out []byte) {
	t.Helper()
	keep := func(r rewrite.Ref) (string, error) { return r.URL, nil }
	var same []byte
	var before, after []rewrite.Ref
	var err error
	switch variant {
	case "md":
		same, before, err = rewrite.Markdown(in, spec.Page, keep)
		if err == nil {
			_, after, err = rewrite.Markdown(out, spec.Page, nil)
		}
	case "html":
		same, before, err = rewrite.HTML(in, spec.Page, keep)
		if err == nil {
			_, after, err = rewrite.HTML(out, spec.Page, nil)
		}
	case "page":
		same, before, err = rewrite.Page(in, spec.Page, spec.Fields, keep)
		if err == nil {
			_, after, err = rewrite.Page(out, spec.Page, spec.Fields, nil)
		}
	case "yml":
		same, before, err = rewrite.Data(in, spec.Page.Path, keep)
		if err == nil {
			_, after, err = rewrite.Data(out, spec.Page.Path, nil)
		}
	}
	if err != nil {
		t.Fatalf("identity rewrite: %v", err)
	}
	if !bytes.Equal(same, in) {
		t.Errorf("the identity rewrite changed the input:\n%s", same)
	}
	if len(after) != len(before) {
		t.Errorf("the output has %d refs, the input %d", len(after), len(before))
	}
}
