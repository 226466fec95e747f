package main

import (
	"bytes"
	"context"
	"fmt"
	"os/exec"
	"runtime/debug"
	"strconv"
	"strings"

	"github.com/tiptapmd/tiptapmd/bench/internal/harness"
)

// A goTool is a converter that this program measures itself.
type goTool struct {
	name, variant, kind string
	input               string // "page" or "body"
	method              string
	// open returns the conversion in direction dir, or nil when the tool
	// does not convert that way.
	open func(dir string) harness.ConvertFunc
	// version is the tool's version.
	version func() string
}

// An env is what the tools need from the command line, and what the
// pandoc runs found.
type env struct {
	pandoc      string // the pandoc program
	time        string // GNU time, to read pandoc's peak memory; "" to leave it unknown
	version     string // tiptapmd's version, when the caller knows it
	peakChildKB int64  // the largest peak resident memory of the pandoc processes so far
}

// goTools returns the tools this program measures: tiptapmd's page API
// and body pipeline, the two dependency floors, and pandoc.
func (e *env) goTools() []goTool {
	return []goTool{
		{
			name: "tiptapmd", variant: "page", kind: harness.KindOurs, input: "page", method: harness.MethodInProcess,
			open:    harness.TiptapmdPage,
			version: e.tiptapmdVersion,
		},
		{
			name: "tiptapmd", variant: "body", kind: harness.KindOurs, input: "body", method: harness.MethodInProcess,
			open:    harness.TiptapmdBody,
			version: e.tiptapmdVersion,
		},
		{
			name: "goldmark", variant: "GFM, unsafe HTML", kind: harness.KindFloor, input: "body", method: harness.MethodInProcess,
			open: func(dir string) harness.ConvertFunc {
				if dir != harness.ToTiptap {
					return nil
				}
				return harness.Goldmark()
			},
			version: func() string { return depVersion("github.com/yuin/goldmark") },
		},
		{
			name: "html-to-markdown", variant: "commonmark, table, strikethrough", kind: harness.KindFloor, input: "body", method: harness.MethodInProcess,
			open: func(dir string) harness.ConvertFunc {
				if dir != harness.ToMarkdown {
					return nil
				}
				return harness.HTMLToMarkdown()
			},
			version: func() string { return depVersion("github.com/JohannesKaufmann/html-to-markdown/v2") },
		},
		{
			name: "pandoc", variant: "--sandbox", kind: harness.KindPeer, input: "body", method: harness.MethodPerProcess,
			open: func(dir string) harness.ConvertFunc {
				args := []string{"--sandbox", "-f", "html", "-t", "gfm", "--wrap=none"}
				if dir == harness.ToTiptap {
					args = []string{"--sandbox", "-f", "gfm", "-t", "html"}
				}
				return func(in []byte) ([]byte, error) {
					out, _, err := e.runPandoc(context.Background(), args, in)
					return out, err
				}
			},
			version: func() string { return pandocVersion(e.pandoc) },
		},
	}
}

// findTool returns the Go tool called name with variant v.
func findTool(tools []goTool, name, v string) (goTool, error) {
	var variants []string
	for _, t := range tools {
		if t.name == name {
			if t.variant == v || v == "" {
				return t, nil
			}
			variants = append(variants, fmt.Sprintf("%q", t.variant))
		}
	}
	if variants != nil {
		return goTool{}, fmt.Errorf("tool %s has no variant %q (it has %s)", name, v, strings.Join(variants, ", "))
	}
	return goTool{}, fmt.Errorf("unknown tool %q", name)
}

// runPandoc runs pandoc once with stdin in and returns its output and the
// peak resident memory of the process in kilobytes (0 if unknown).
//
// The peak is read by GNU time, which runs pandoc: the kernel's peak of
// a process includes the size of the process that forked it, which is
// small for time and not for this one.
func (e *env) runPandoc(ctx context.Context, args []string, in []byte) ([]byte, int64, error) {
	argv := append([]string{e.pandoc}, args...)
	if e.time != "" {
		argv = append([]string{e.time, "-f", "\n" + maxRSSPrefix + "%M"}, argv...)
	}
	cmd := exec.CommandContext(ctx, argv[0], argv[1:]...)
	cmd.Stdin = bytes.NewReader(in)
	var out, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &stderr
	err := cmd.Run()
	msg, kb := stderr.String(), int64(0)
	if e.time != "" {
		msg, kb = splitMaxRSS(msg)
		e.peakChildKB = max(e.peakChildKB, kb)
	}
	if err != nil {
		return nil, kb, fmt.Errorf("pandoc: %w: %s", err, clip(strings.TrimSpace(msg), 300))
	}
	return out.Bytes(), kb, nil
}

// maxRSSPrefix starts the line on which GNU time reports the peak memory.
const maxRSSPrefix = "benchcorpus-maxrss-kb="

// splitMaxRSS splits the error output of a command run by GNU time into
// the command's own and the peak memory that time reported (0 if none).
func splitMaxRSS(stderr string) (msg string, kb int64) {
	i := strings.LastIndex(stderr, maxRSSPrefix)
	if i < 0 {
		return stderr, 0
	}
	kb, _ = strconv.ParseInt(strings.TrimSpace(stderr[i+len(maxRSSPrefix):]), 10, 64)
	return stderr[:i], kb
}

func pandocVersion(pandoc string) string {
	out, err := exec.Command(pandoc, "--version").Output()
	if err != nil {
		return "unknown"
	}
	first, _, _ := strings.Cut(string(out), "\n")
	return strings.TrimPrefix(first, "pandoc ")
}

// depVersion returns the version of module path in this program's build.
func depVersion(path string) string {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return "unknown"
	}
	for _, d := range bi.Deps {
		if d.Path == path {
			if d.Replace != nil {
				return d.Replace.Version
			}
			return d.Version
		}
	}
	return "unknown"
}

// tiptapmdVersion returns the version given on the command line, or
// the VCS stamp of the build.
func (e *env) tiptapmdVersion() string {
	if e.version != "" {
		return e.version
	}
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return "devel"
	}
	rev, dirty := "", false
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			dirty = s.Value == "true"
		}
	}
	if len(rev) > 12 {
		rev = rev[:12]
	}
	if rev == "" {
		return "devel"
	}
	if dirty {
		rev += "+dirty"
	}
	return rev
}
