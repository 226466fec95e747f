package diff

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
)

// Check checks that d, a diff made by [Diff], turns old into new and is
// minimal (for texts small enough to check that with a quadratic LCS).
// It returns nil when d is right, for tests of code that makes diffs.
func Check(old, new, d []byte) error {
	if bytes.Equal(old, new) {
		if d != nil {
			return fmt.Errorf("a diff of equal texts is not nil:\n%s", d)
		}
		return nil
	}
	got, err := applyDiff(old, d)
	if err != nil {
		return fmt.Errorf("%w; diff:\n%s", err, d)
	}
	if string(got) != string(new) {
		return fmt.Errorf("applying the diff does not give the new text: got %q, want %q\n%s", got, new, d)
	}
	a, b := splitLines(old), splitLines(new)
	if len(a)*len(b) > 4_000_000 {
		return nil
	}
	edits := 0
	for _, l := range splitLines(d)[2:] {
		if l[0] == '+' || l[0] == '-' {
			edits++
		}
	}
	if want := len(a) + len(b) - 2*lcsLen(a, b); edits != want {
		return fmt.Errorf("the diff is not minimal: %d edits, %d are enough\n%s", edits, want, d)
	}
	return nil
}

// applyDiff applies a unified diff made by Diff to old.
func applyDiff(old, diff []byte) ([]byte, error) {
	lines := splitLines(diff)
	if len(lines) < 2 || !strings.HasPrefix(lines[0], "--- ") || !strings.HasPrefix(lines[1], "+++ ") {
		return nil, fmt.Errorf("no header")
	}
	// rangeStart returns the 0-based line where a range ("-3,2", "+4",
	// "-5,0") starts.
	rangeStart := func(s string) (int, error) {
		a, b, ok := strings.Cut(s[1:], ",")
		start, err := strconv.Atoi(a)
		if err != nil {
			return 0, err
		}
		if ok && b == "0" {
			return start, nil // an empty range names the line before it
		}
		return start - 1, nil
	}
	src := splitLines(old)
	var out []string
	next := 0 // the next line of src to copy
	for k := 2; k < len(lines); {
		f := strings.Fields(lines[k])
		if len(f) != 4 || f[0] != "@@" || f[3] != "@@" {
			return nil, fmt.Errorf("bad hunk header %q", lines[k])
		}
		start, err := rangeStart(f[1])
		if err != nil {
			return nil, err
		}
		if start < next || start > len(src) {
			return nil, fmt.Errorf("hunk %q out of order", lines[k])
		}
		out = append(out, src[next:start]...)
		next = start
		for k++; k < len(lines) && !strings.HasPrefix(lines[k], "@@"); k++ {
			l := lines[k]
			body := l[1:]
			if k+1 < len(lines) && lines[k+1] == "\\ No newline at end of file\n" {
				body = strings.TrimSuffix(body, "\n")
				k++
			}
			switch l[0] {
			case ' ', '-':
				if next >= len(src) || src[next] != body {
					return nil, fmt.Errorf("line %d: %q does not match the old text", next+1, body)
				}
				if l[0] == ' ' {
					out = append(out, body)
				}
				next++
			case '+':
				out = append(out, body)
			default:
				return nil, fmt.Errorf("bad line %q", l)
			}
		}
	}
	out = append(out, src[next:]...)
	return []byte(strings.Join(out, "")), nil
}

// lcsLen is the textbook quadratic LCS of the lines of a and b.
func lcsLen(a, b []string) int {
	dp := make([][]int, len(a)+1)
	for i := range dp {
		dp[i] = make([]int, len(b)+1)
	}
	for i := len(a) - 1; i >= 0; i-- {
		for j := len(b) - 1; j >= 0; j-- {
			if a[i] == b[j] {
				dp[i][j] = dp[i+1][j+1] + 1
			} else {
				dp[i][j] = max(dp[i+1][j], dp[i][j+1])
			}
		}
	}
	return dp[0][0]
}
