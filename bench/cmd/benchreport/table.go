package main

import (
	"bytes"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/tiptapmd/tiptapmd/bench/internal/harness"
)

// The markers around the part of BENCHMARKS.md that benchreport writes.
const (
	beginMarker = "<!-- benchreport:begin (generated from bench/results.json; do not edit) -->"
	endMarker   = "<!-- benchreport:end -->"
)

// errNoMarkers reports a document without the markers.
var errNoMarkers = errors.New("the document has no " + beginMarker + " … " + endMarker + " region")

// replaceRegion returns doc with the text between the markers replaced by
// region.
func replaceRegion(doc, region []byte) ([]byte, error) {
	b := bytes.Index(doc, []byte(beginMarker))
	if b < 0 {
		return nil, errNoMarkers
	}
	start := b + len(beginMarker)
	e := bytes.Index(doc[start:], []byte(endMarker))
	if e < 0 {
		return nil, errNoMarkers
	}
	var out bytes.Buffer
	out.Write(doc[:start])
	out.WriteString("\n")
	out.Write(region)
	out.Write(doc[start+e:])
	return out.Bytes(), nil
}

// label names a result's tool for people.
func label(r *harness.Result) string {
	switch r.Tool {
	case "tiptapmd":
		if rest, ok := strings.CutPrefix(r.Variant, "page"); ok {
			return "tiptapmd page API" + rest // "page, 2 goroutines"
		}
		return "tiptapmd " + r.Variant + " pipeline"
	case "goldmark":
		return "goldmark alone"
	case "html-to-markdown":
		return "html-to-markdown alone"
	case "turndown":
		return "turndown + gfm plugin"
	case "tiptap":
		return "Tiptap's own pipeline"
	case "pandoc":
		return "pandoc --sandbox"
	}
	return r.Tool
}

// dirTitle names a direction for people.
func dirTitle(dir string) string {
	switch dir {
	case harness.ToTiptap:
		return "Markdown → Tiptap HTML"
	case harness.ToMarkdown:
		return "Tiptap HTML → Markdown"
	}
	return dir
}

// kindRank orders the kinds of tools: ours, the floors, the peers.
func kindRank(kind string) int {
	switch kind {
	case harness.KindOurs:
		return 0
	case harness.KindFloor:
		return 1
	}
	return 2
}

// ordered returns the results in direction dir: ours, the floors, then
// the peers from fastest to slowest.
func ordered(f *harness.File, dir string) []*harness.Result {
	var rs []*harness.Result
	for i := range f.Results {
		if f.Results[i].Direction == dir {
			rs = append(rs, &f.Results[i])
		}
	}
	slices.SortStableFunc(rs, func(a, b *harness.Result) int {
		if ka, kb := kindRank(a.Kind), kindRank(b.Kind); ka != kb {
			return ka - kb
		}
		if a.Kind == harness.KindOurs {
			return 0 // page API first, as run
		}
		switch {
		case a.Seconds < b.Seconds:
			return -1
		case a.Seconds > b.Seconds:
			return 1
		}
		return 0
	})
	return rs
}

// ratio formats a/b as a factor.
func ratio(a, b float64) string {
	if a <= 0 || b <= 0 {
		return "–"
	}
	x := a / b
	switch {
	case x >= 100:
		return fmt.Sprintf("%.0f×", x)
	case x >= 10:
		return fmt.Sprintf("%.1f×", x)
	}
	return fmt.Sprintf("%.2f×", x)
}

// num formats x with thousands separators and the given decimals.
func num(x float64, decimals int) string {
	s := fmt.Sprintf("%.*f", decimals, x)
	intPart, frac, _ := strings.Cut(s, ".")
	neg := strings.HasPrefix(intPart, "-")
	intPart = strings.TrimPrefix(intPart, "-")
	var b strings.Builder
	for i, c := range intPart {
		if i > 0 && (len(intPart)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	out := b.String()
	if frac != "" {
		out += "." + frac
	}
	if neg {
		out = "-" + out
	}
	return out
}

func mb(kb int64) string {
	if kb <= 0 {
		return "–"
	}
	return num(float64(kb)/1024, 0)
}

// ours returns tiptapmd's page API result in direction dir, or nil.
func ours(f *harness.File, dir string) *harness.Result { return f.Find("tiptapmd", "page", dir) }

// renderTables writes the generated part of BENCHMARKS.md.
func renderTables(f *harness.File) []byte {
	var b bytes.Buffer
	p := func(format string, args ...any) { fmt.Fprintf(&b, format, args...) }

	p("Measured %s on %s (%d cores, %s MB of memory, %s)", dateOf(f.Date), orUnknown(f.Machine.CPU), f.Machine.Cores, num(float64(f.Machine.MemoryMB), 0), f.Machine.OS)
	var tools []string
	for _, k := range sortedKeys(f.Tools) {
		if v := f.Tools[k]; strings.HasPrefix(v, k) {
			tools = append(tools, v) // go1.26.8
		} else {
			tools = append(tools, k+" "+v)
		}
	}
	p(" with %s.", strings.Join(tools, ", "))
	if l := f.Load; l[0][0] > 0 || l[1][0] > 0 {
		p(" Load average (1, 5, 15 min) at the start %.1f, %.1f, %.1f and at the end %.1f, %.1f, %.1f", l[0][0], l[0][1], l[0][2], l[1][0], l[1][1], l[1][2])
		if max(l[0][0], l[1][0], l[0][1], l[1][1]) > float64(f.Machine.Cores) {
			p(": above the %d cores, so other work competed for the processors and wall times are longer than on an idle machine (the CPU columns are less affected)", f.Machine.Cores)
		}
		p(".")
	}
	p("\n")
	for _, n := range f.Notes {
		p("%s\n", n)
	}
	c := f.Corpus
	p("\nThe corpus: %s pages (%s markdown and %s tiptap pages as written), %s MB of Markdown bodies and %s MB of Tiptap bodies.\n",
		num(float64(c.Pages), 0), num(float64(c.NativeMarkdown), 0), num(float64(c.NativeTiptap), 0),
		num(float64(c.MarkdownBytes)/1e6, 1), num(float64(c.TiptapBytes)/1e6, 1))
	if len(c.Excluded) > 0 {
		p("Left out because tiptapmd could not convert them: %s.\n", strings.Join(c.Excluded, "; "))
	}

	for _, dir := range []string{harness.ToTiptap, harness.ToMarkdown} {
		rs := ordered(f, dir)
		if len(rs) == 0 {
			continue
		}
		base := ours(f, dir)
		p("\n### %s, all %s pages\n\n", dirTitle(dir), num(float64(rs[0].Pages), 0))
		p("| Tool | Kind | Runs as | Pages/s | MB/s | Time (s) | CPU (s) | Peak RSS (MB) | Failed pages | Time ÷ tiptapmd's | CPU ÷ tiptapmd's |\n")
		p("|---|---|---|--:|--:|--:|--:|--:|--:|--:|--:|\n")
		for _, r := range rs {
			rel, relCPU := "–", "–"
			if base != nil && r != base {
				rel, relCPU = ratio(r.Seconds, base.Seconds), ratio(r.CPUSeconds, base.CPUSeconds)
			}
			p("| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n",
				label(r), r.Kind, r.Method, num(r.PagesPerSec, 0), num(r.MBPerSec, 2),
				num(r.Seconds, 2), num(r.CPUSeconds, 2), mb(r.PeakRSSKB), num(float64(r.Failed), 0), rel, relCPU)
		}
		if slices.ContainsFunc(rs, func(r *harness.Result) bool { return r.Failed > 0 }) {
			p("\nFailures:\n\n")
		}
		for _, r := range rs {
			for _, fl := range r.Failures {
				p("- %s: %s\n", label(r), fl)
			}
			if r.Failed > len(r.Failures) {
				p("- %s: %d more pages\n", label(r), r.Failed-len(r.Failures))
			}
		}
	}

	p("\n### The pages as written only\n\n")
	p("The same runs, counting only the pages converted from the form they have in the corpus (the rest were made by tiptapmd from the other variant).\n\n")
	p("| Direction | Tool | Pages | MB | Pages/s | MB/s | Time ÷ tiptapmd's |\n")
	p("|---|---|--:|--:|--:|--:|--:|\n")
	for _, dir := range []string{harness.ToTiptap, harness.ToMarkdown} {
		base := ours(f, dir)
		for _, r := range ordered(f, dir) {
			n := r.Native
			if n.Seconds <= 0 {
				continue
			}
			rel := "–"
			if base != nil && r != base {
				rel = ratio(n.Seconds, base.Native.Seconds)
			}
			p("| %s | %s | %s | %s | %s | %s | %s |\n", dirTitle(dir), label(r), num(float64(n.Pages), 0), num(float64(n.Bytes)/1e6, 2),
				num(float64(n.Pages)/n.Seconds, 0), num(float64(n.Bytes)/1e6/n.Seconds, 2), rel)
		}
	}

	renderTargets(&b, f)
	renderStress(&b, f)
	return b.Bytes()
}

// renderTargets writes the table of the targets of the issue.
func renderTargets(b *bytes.Buffer, f *harness.File) {
	p := func(format string, args ...any) { fmt.Fprintf(b, format, args...) }
	p("\n### Targets\n\n")
	p("| Target | Measured | Met |\n|---|--:|:-:|\n")
	row := func(target string, value float64, text string, met bool) {
		if value <= 0 {
			p("| %s | not measured | – |\n", target)
			return
		}
		m := "no"
		if met {
			m = "yes"
		}
		p("| %s | %s | %s |\n", target, text, m)
	}
	speedup := func(peer, dir string, want float64) {
		r, base := f.Find(peer, variantOf(f, peer), dir), ours(f, dir)
		if r == nil || base == nil {
			row(fmt.Sprintf("at least %.0f× %s, %s", want, peerName(peer), dirTitle(dir)), 0, "", false)
			return
		}
		x := r.Seconds / base.Seconds
		row(fmt.Sprintf("at least %.0f× %s, %s", want, label(r), dirTitle(dir)), x, ratio(r.Seconds, base.Seconds), x >= want)
	}
	speedup("turndown", harness.ToMarkdown, 20)
	speedup("tiptap", harness.ToTiptap, 100)
	speedup("tiptap", harness.ToMarkdown, 100)
	for _, fl := range []struct{ tool, dir string }{{"goldmark", harness.ToTiptap}, {"html-to-markdown", harness.ToMarkdown}} {
		floor := f.Find(fl.tool, variantOf(f, fl.tool), fl.dir)
		for _, v := range []string{"page", "body"} {
			r := f.Find("tiptapmd", v, fl.dir)
			name := fmt.Sprintf("within 2× of %s alone, tiptapmd %s, %s", fl.tool, map[string]string{"page": "page API", "body": "body pipeline"}[v], dirTitle(fl.dir))
			if r == nil || floor == nil {
				row(name, 0, "", false)
				continue
			}
			x := r.Seconds / floor.Seconds
			row(name, x, ratio(r.Seconds, floor.Seconds), x <= 2)
		}
	}
	// The direct pipelines' target: the Tiptap HTML → Markdown page API
	// at least as fast as html-to-markdown alone.
	if r, floor := f.Find("tiptapmd", "page", harness.ToMarkdown), f.Find("html-to-markdown", variantOf(f, "html-to-markdown"), harness.ToMarkdown); r != nil && floor != nil {
		x := r.Seconds / floor.Seconds
		row("at least as fast as html-to-markdown alone, tiptapmd page API, "+dirTitle(harness.ToMarkdown), x, ratio(r.Seconds, floor.Seconds), x <= 1)
	} else {
		row("at least as fast as html-to-markdown alone, tiptapmd page API, "+dirTitle(harness.ToMarkdown), 0, "", false)
	}
	a, c := ours(f, harness.ToTiptap), ours(f, harness.ToMarkdown)
	if a != nil && c != nil {
		t := a.Seconds + c.Seconds
		row("whole corpus both ways in under 3 s (page API, one goroutine)", t, num(t, 2)+" s", t < 3)
	} else {
		row("whole corpus both ways in under 3 s", 0, "", false)
	}
	for i := range f.Results {
		a := &f.Results[i]
		if a.Tool != "tiptapmd" || a.Direction != harness.ToTiptap || !strings.HasPrefix(a.Variant, "page, ") {
			continue
		}
		if c := f.Find("tiptapmd", a.Variant, harness.ToMarkdown); c != nil {
			t := a.Seconds + c.Seconds
			row(fmt.Sprintf("whole corpus both ways in under 3 s (page API, %s)", strings.TrimPrefix(a.Variant, "page, ")), t, num(t, 2)+" s", t < 3)
		}
	}
}

// variantOf returns the variant of the first result of tool.
func variantOf(f *harness.File, tool string) string {
	for _, r := range f.Results {
		if r.Tool == tool {
			return r.Variant
		}
	}
	return ""
}

func peerName(tool string) string { return label(&harness.Result{Tool: tool}) }

// renderStress writes the table of the stress inputs.
func renderStress(b *bytes.Buffer, f *harness.File) {
	if len(f.Stress) == 0 {
		return
	}
	p := func(format string, args ...any) { fmt.Fprintf(b, format, args...) }
	p("\n### Stress inputs\n\n")
	p("One process per tool and input, killed after the time limit. An error is a refusal the tool reports and survives; a stack overflow is the runtime giving up.\n")
	for _, dir := range []string{harness.ToTiptap, harness.ToMarkdown} {
		var cases, tools []string
		cell := map[[2]string]string{}
		for _, s := range f.Stress {
			if s.Direction != dir {
				continue
			}
			if !slices.Contains(cases, s.Case) {
				cases = append(cases, s.Case)
			}
			name := label(&harness.Result{Tool: s.Tool, Variant: s.Variant})
			if !slices.Contains(tools, name) {
				tools = append(tools, name)
			}
			text := fmt.Sprintf("%s, %s s", s.Outcome, num(s.Seconds, 2))
			if s.PeakRSSKB > 0 {
				text += ", " + mb(s.PeakRSSKB) + " MB"
			}
			cell[[2]string{name, s.Case}] = text
		}
		if len(cases) == 0 {
			continue
		}
		slices.Sort(cases)
		p("\n%s:\n\n| Tool |", dirTitle(dir))
		for _, c := range cases {
			p(" %s |", c)
		}
		p("\n|---|")
		for range cases {
			p("---|")
		}
		p("\n")
		for _, t := range tools {
			p("| %s |", t)
			for _, c := range cases {
				v := cell[[2]string{t, c}]
				if v == "" {
					v = "–"
				}
				p(" %s |", v)
			}
			p("\n")
		}
	}
	var msgs []string
	for _, s := range f.Stress {
		name := label(&harness.Result{Tool: s.Tool, Variant: s.Variant})
		out := outBytes(s.Message)
		switch {
		case s.Outcome != harness.OutcomeOK && s.Message != "":
			msgs = append(msgs, fmt.Sprintf("- %s, %s, %s: %s", name, dirTitle(s.Direction), s.Case, s.Message))
		case s.Bytes > 0 && out > 10*s.Bytes:
			msgs = append(msgs, fmt.Sprintf("- %s, %s, %s: %s bytes in, %s bytes out (%s)", name, dirTitle(s.Direction), s.Case,
				num(float64(s.Bytes), 0), num(float64(out), 0), ratio(float64(out), float64(s.Bytes))))
		}
	}
	if len(msgs) > 0 {
		p("\nMessages:\n\n%s\n", strings.Join(msgs, "\n"))
	}
}

// outBytes returns the size of the output that a stress message of a
// conversion that went through reports ("N bytes out"), or 0.
func outBytes(msg string) int {
	n, err := strconv.Atoi(strings.TrimSuffix(msg, " bytes out"))
	if err != nil || !strings.HasSuffix(msg, " bytes out") {
		return 0
	}
	return n
}

func dateOf(rfc3339 string) string {
	d, _, _ := strings.Cut(rfc3339, "T")
	return orUnknown(d)
}

func orUnknown(s string) string {
	if s == "" {
		return "unknown"
	}
	return s
}

func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
