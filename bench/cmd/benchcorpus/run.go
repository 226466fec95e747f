package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/tiptapmd/tiptapmd/bench/internal/harness"
	"github.com/tiptapmd/tiptapmd/convert"
)

// A stressConfig says how large the stress inputs are.
type stressConfig struct {
	depth int // nesting depth of the nested inputs
	size  int // size of the large page, in bytes
}

// A prepared run: the page set files and the stress inputs.
type prepared struct {
	sets   map[string]string // format to file
	corpus harness.Corpus
	stress []string // stress input files
}

// prepare reads the corpus at dir, and writes the page sets and the
// stress inputs to out.
func prepare(dir, out string, sc stressConfig, log io.Writer) (*prepared, error) {
	src, err := harness.ReadCorpus(dir)
	if err != nil {
		return nil, err
	}
	c, err := convert.New()
	if err != nil {
		return nil, err
	}
	md, tt, err := harness.Prepare(src, c)
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(filepath.Join(out, "stress"), 0o755); err != nil {
		return nil, err
	}
	p := &prepared{sets: map[string]string{}}
	for _, s := range []*harness.PageSet{md, tt} {
		name := filepath.Join(out, s.Format+".json")
		if err := harness.WriteSet(name, s); err != nil {
			return nil, err
		}
		p.sets[s.Format] = name
	}
	p.corpus = harness.Corpus{Pages: len(md.Pages), Excluded: md.Excluded}
	p.corpus.MarkdownBytes, _ = md.Sizes()
	p.corpus.TiptapBytes, _ = tt.Sizes()
	for i := range md.Pages {
		if md.Pages[i].Native {
			p.corpus.NativeMarkdown++
		}
		if tt.Pages[i].Native {
			p.corpus.NativeTiptap++
		}
	}
	fmt.Fprintf(log, "prepared %d pages (%d markdown, %d tiptap; %d excluded): %.1f MB of Markdown, %.1f MB of Tiptap HTML\n",
		p.corpus.Pages, p.corpus.NativeMarkdown, p.corpus.NativeTiptap, len(md.Excluded),
		float64(p.corpus.MarkdownBytes)/1e6, float64(p.corpus.TiptapBytes)/1e6)

	name := fmt.Sprintf("large-%dMB", sc.size/1_000_000)
	if sc.size < 1_000_000 {
		name = fmt.Sprintf("large-%dKB", sc.size/1000)
	}
	inputs := map[string][]byte{
		name + ".md":   large(md, "\n\n", sc.size),
		name + ".html": large(tt, "", sc.size),
	}
	for _, n := range harness.Nestings() {
		inputs[fmt.Sprintf("%s-%d.md", n, sc.depth)] = harness.NestedMarkdown(n, sc.depth)
		inputs[fmt.Sprintf("%s-%d.html", n, sc.depth)] = harness.NestedHTML(n, sc.depth)
	}
	for _, name := range sortedKeys(inputs) {
		f := filepath.Join(out, "stress", name)
		if err := os.WriteFile(f, inputs[name], 0o644); err != nil {
			return nil, err
		}
		p.stress = append(p.stress, f)
	}
	return p, nil
}

// large returns the bodies of s, in order and again, joined by sep,
// until they make at least size bytes.
func large(s *harness.PageSet, sep string, size int) []byte {
	var b bytes.Buffer
	for b.Len() < size {
		for _, p := range s.Pages {
			b.WriteString(p.Body)
			b.WriteString(sep)
			if b.Len() >= size {
				break
			}
		}
	}
	return b.Bytes()
}

func sortedKeys(m map[string][]byte) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// A runConfig is the configuration of "benchcorpus run".
type runConfig struct {
	corpus, out, results string
	runs, slowRuns       int
	warmup, slowWarmup   int
	peers                bool
	node, peersScript    string
	stressLimit          time.Duration
	stress               stressConfig
	notes                multiFlag
	env                  env
}

// A multiFlag is a flag that may be given many times.
type multiFlag []string

func (m *multiFlag) String() string     { return strings.Join(*m, "; ") }
func (m *multiFlag) Set(v string) error { *m = append(*m, v); return nil }

func cmdRun(args []string, stderr io.Writer) error {
	fs := flag.NewFlagSet("run", flag.ContinueOnError)
	var c runConfig
	fs.StringVar(&c.corpus, "corpus", filepath.Join("..", "..", "shared", "corpus"), "the corpus folder")
	fs.StringVar(&c.out, "out", "out", "the folder for the page sets and stress inputs")
	fs.StringVar(&c.results, "results", "results.json", "the results file to write")
	fs.IntVar(&c.runs, "runs", 5, "timed passes over all pages for the in-process tools")
	fs.IntVar(&c.warmup, "warmup", 200, "pages converted before timing, for the in-process tools")
	fs.IntVar(&c.slowRuns, "slow-runs", 1, "timed passes for the slow tools (Tiptap's pipeline, pandoc)")
	fs.IntVar(&c.slowWarmup, "slow-warmup", 50, "pages converted before timing, for the slow tools")
	fs.BoolVar(&c.peers, "peers", true, "measure the peers too (pandoc, turndown, Tiptap); false for tiptapmd and the floors alone")
	fs.StringVar(&c.node, "node", "node", "the node program")
	fs.StringVar(&c.peersScript, "peers-script", "peers.mjs", "the node runner of the JavaScript peers")
	fs.DurationVar(&c.stressLimit, "stress-limit", 2*time.Minute, "the time limit of one tool on one stress input")
	fs.IntVar(&c.stress.depth, "stress-depth", 10000, "the nesting depth of the nested stress inputs")
	fs.IntVar(&c.stress.size, "stress-size", 10_000_000, "the size in bytes of the large stress input")
	fs.Var(&c.notes, "note", "a note for the results file (may be repeated)")
	fs.StringVar(&c.env.pandoc, "pandoc", "pandoc", "the pandoc program")
	fs.StringVar(&c.env.time, "time", "/usr/bin/time", "GNU time, to read the peak memory of pandoc (empty: unknown)")
	fs.StringVar(&c.env.version, "version", "", "tiptapmd's version (default: the VCS stamp of the build)")
	if err := parse(fs, args, stderr); err != nil {
		return err
	}
	return c.run(stderr)
}

// A measurement is one tool in one direction.
type measurement struct {
	tool, variant string
	workers       int  // goroutines sharing the pages; 0 or 1 for one
	node          bool // run by peers.mjs
	dirs          []string
	slow          bool
	stress        bool // also run on the stress inputs
}

func (c *runConfig) measurements() []measurement {
	both := []string{harness.ToTiptap, harness.ToMarkdown}
	ms := []measurement{{tool: "tiptapmd", variant: "page", dirs: both, stress: true}}
	if n := runtime.NumCPU(); n > 1 {
		// As a batch converts a site: the pages shared among the CPUs.
		ms = append(ms, measurement{tool: "tiptapmd", variant: "page", dirs: both, workers: n})
	}
	ms = append(ms,
		measurement{tool: "tiptapmd", variant: "body", dirs: both},
		measurement{tool: "goldmark", dirs: []string{harness.ToTiptap}, stress: true},
		measurement{tool: "html-to-markdown", dirs: []string{harness.ToMarkdown}, stress: true},
	)
	if c.peers {
		ms = append(ms,
			measurement{tool: "turndown", node: true, dirs: []string{harness.ToMarkdown}, stress: true},
			measurement{tool: "tiptap", node: true, dirs: both, slow: true, stress: true},
			measurement{tool: "pandoc", dirs: both, slow: true, stress: true},
		)
	}
	return ms
}

func (c *runConfig) run(log io.Writer) error {
	self, err := os.Executable()
	if err != nil {
		return err
	}
	p, err := prepare(c.corpus, c.out, c.stress, log)
	if err != nil {
		return err
	}
	f := &harness.File{
		Date:    time.Now().UTC().Format(time.RFC3339),
		Machine: machine(),
		Tools:   map[string]string{"go": runtime.Version()},
		Corpus:  p.corpus,
		Notes:   c.notes,
	}
	f.Load[0] = loadAvg()
	if c.peers {
		f.Tools["node"] = strings.TrimSpace(string(output(c.node, "--version")))
		f.Tools["pandoc"] = pandocVersion(c.env.pandoc)
	}
	ctx := context.Background()
	for _, m := range c.measurements() {
		for _, dir := range m.dirs {
			set := p.sets[harness.FormatMarkdown]
			if dir == harness.ToMarkdown {
				set = p.sets[harness.FormatTiptap]
			}
			runs, warmup := c.runs, c.warmup
			if m.slow {
				runs, warmup = c.slowRuns, c.slowWarmup
			}
			var argv []string
			if m.node {
				argv = []string{c.node, c.peersScript, "measure", m.tool, set, strconv.Itoa(runs), strconv.Itoa(warmup)}
			} else {
				argv = []string{self, "measure", "-tool", m.tool, "-variant", m.variant, "-set", set,
					"-runs", strconv.Itoa(runs), "-warmup", strconv.Itoa(warmup), "-workers", strconv.Itoa(max(m.workers, 1)), "-pandoc", c.env.pandoc, "-time", c.env.time, "-version", c.env.tiptapmdVersion()}
			}
			fmt.Fprintf(log, "measuring %s %s %s (%d runs, %d goroutines)…\n", m.tool, m.variant, dir, runs, max(m.workers, 1))
			res := child(ctx, 0, argv)
			if res.err != nil {
				return fmt.Errorf("%s %s: %w\n%s", m.tool, dir, res.err, res.stderr)
			}
			var r harness.Result
			if err := json.Unmarshal(res.stdout, &r); err != nil {
				return fmt.Errorf("%s %s: reading its result: %w", m.tool, dir, err)
			}
			fmt.Fprintf(log, "  %.3f s, %.0f pages/s, %.2f MB/s, peak RSS %d MB, %d failed\n",
				r.Seconds, r.PagesPerSec, r.MBPerSec, r.PeakRSSKB/1024, r.Failed)
			f.Results = append(f.Results, r)
			if _, ok := f.Tools[r.Tool]; !ok && r.Kind != harness.KindOurs {
				f.Tools[r.Tool] = r.Version
			}
			if r.Kind == harness.KindOurs {
				f.Tools["tiptapmd"] = r.Version
			}
		}
	}
	for _, m := range c.measurements() {
		if !m.stress {
			continue
		}
		for _, in := range p.stress {
			dir := harness.ToTiptap
			if filepath.Ext(in) == ".html" {
				dir = harness.ToMarkdown
			}
			if !contains(m.dirs, dir) {
				continue
			}
			argv := []string{self, "stress", "-tool", m.tool, "-variant", m.variant, "-in", in, "-pandoc", c.env.pandoc, "-time", c.env.time}
			if m.node {
				argv = []string{c.node, c.peersScript, "stress", m.tool, in}
			}
			fmt.Fprintf(log, "stress %s %s %s… ", m.tool, dir, filepath.Base(in))
			s := c.stressOne(ctx, argv, m.tool, m.variant, dir, in)
			fmt.Fprintf(log, "%s in %.2f s (%s)\n", s.Outcome, s.Seconds, s.Message)
			f.Stress = append(f.Stress, s)
		}
	}
	f.Load[1] = loadAvg()
	if err := harness.WriteFile(c.results, f); err != nil {
		return err
	}
	fmt.Fprintf(log, "wrote %s\n", c.results)
	return nil
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

// stressOne runs one stress case in a child process and makes its result,
// also when the child crashed or ran out of time.
func (c *runConfig) stressOne(ctx context.Context, argv []string, tool, variant, dir, in string) harness.StressResult {
	st, _ := os.Stat(in)
	s := harness.StressResult{Tool: tool, Variant: variant, Direction: dir, Case: strings.TrimSuffix(filepath.Base(in), filepath.Ext(in))}
	if st != nil {
		s.Bytes = int(st.Size())
	}
	start := time.Now()
	res := child(ctx, c.stressLimit, argv)
	switch {
	case res.timedOut:
		s.Outcome, s.Seconds = harness.OutcomeTimeout, time.Since(start).Seconds()
		s.Message = fmt.Sprintf("killed after %s", c.stressLimit)
	case res.err != nil:
		s.Outcome, s.Seconds = harness.OutcomeCrash, time.Since(start).Seconds()
		s.Message = clip(lastLines(res.stderr), 200)
		if s.Message == "" {
			s.Message = res.err.Error()
		}
		if harness.StackOverflow(string(res.stderr)) {
			s.Outcome = harness.OutcomeStackOverflow
		}
	default:
		if err := json.Unmarshal(res.stdout, &s); err != nil {
			s.Outcome, s.Message = harness.OutcomeCrash, "no result: "+err.Error()
		}
	}
	if s.Outcome == harness.OutcomeError && harness.StackOverflow(s.Message) {
		s.Outcome = harness.OutcomeStackOverflow
	}
	return s
}

// lastLines returns the most telling line of a crashed process's error
// output: the first line naming an error, or the last non-empty line.
func lastLines(b []byte) string {
	var last string
	sc := bufio.NewScanner(bytes.NewReader(b))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		l := strings.TrimSpace(sc.Text())
		if l == "" {
			continue
		}
		low := strings.ToLower(l)
		if strings.Contains(low, "error") || strings.Contains(low, "overflow") || strings.Contains(low, "out of memory") {
			return l
		}
		last = l
	}
	return last
}

// A childResult is what a child process did.
type childResult struct {
	stdout, stderr []byte
	err            error
	timedOut       bool
}

// child runs argv with a time limit (none if limit is 0), in a process
// group of its own, so that on time out its children are killed too.
func child(ctx context.Context, limit time.Duration, argv []string) childResult {
	if limit > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, limit)
		defer cancel()
	}
	cmd := exec.CommandContext(ctx, argv[0], argv[1:]...)
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error { return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) }
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	r := childResult{stdout: stdout.Bytes(), stderr: stderr.Bytes(), err: err}
	if err != nil && errors.Is(ctx.Err(), context.DeadlineExceeded) {
		r.timedOut = true
	}
	return r
}

// output returns the standard output of a command, or nothing.
func output(name string, args ...string) []byte {
	out, _ := exec.Command(name, args...).Output()
	return out
}

// loadAvg returns the load averages of /proc/loadavg, or zeros.
func loadAvg() [3]float64 {
	var l [3]float64
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return l
	}
	for i, f := range strings.Fields(string(b)) {
		if i < len(l) {
			l[i], _ = strconv.ParseFloat(f, 64)
		}
	}
	return l
}

// machine describes this machine.
func machine() harness.Machine {
	m := harness.Machine{Cores: runtime.NumCPU(), OS: runtime.GOOS + "/" + runtime.GOARCH}
	if b, err := os.ReadFile("/proc/cpuinfo"); err == nil {
		for l := range strings.SplitSeq(string(b), "\n") {
			if k, v, ok := strings.Cut(l, ":"); ok && strings.TrimSpace(k) == "model name" {
				m.CPU = strings.TrimSpace(v)
				break
			}
		}
	}
	if b, err := os.ReadFile("/proc/meminfo"); err == nil {
		for l := range strings.SplitSeq(string(b), "\n") {
			if v, ok := strings.CutPrefix(l, "MemTotal:"); ok {
				kb, _ := strconv.Atoi(strings.TrimSuffix(strings.TrimSpace(v), " kB"))
				m.MemoryMB = kb / 1024
			}
		}
	}
	return m
}
