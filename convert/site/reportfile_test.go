package site

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"io/fs"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/tiptapmd/tiptapmd"
	"github.com/tiptapmd/tiptapmd/convert"
)

func sampleResults() []*PageResult {
	return []*PageResult{
		{Path: "site/a.md", Output: "site/a.md", Status: StatusChanged, Written: true, Report: &convert.Report{
			Path: "site/a.md", Op: convert.OpToTiptap, From: convert.Markdown, To: convert.Tiptap, Changed: true,
			Items: []tiptapmd.Note{
				{Code: convert.CodeVariant, Severity: tiptapmd.Info, Message: "variant set to tiptap"},
				{Code: "liquid", Severity: tiptapmd.Review, Message: "Liquid tag kept as text, \"quoted\"", Pos: tiptapmd.Pos{Line: 7, Column: 3}},
			},
		}},
		{Path: "site/b.md", Output: "site/b.md", Status: StatusUnchanged, Report: &convert.Report{Path: "site/b.md", Op: convert.OpToTiptap, From: convert.Tiptap, To: convert.Tiptap}},
		{Path: "site/c.md", Status: StatusFailed, Err: &convert.Error{Path: "site/c.md", Pos: tiptapmd.Pos{Line: 3, Column: 1}, Err: errors.New("tab character")}},
		{Path: "site/d.md", Status: StatusSkipped, Reason: "no front matter"},
		{Path: "site/e.md", Output: "out/e.md", Status: StatusFailed, Err: &convert.Error{Path: "site/e.md", Err: &fs.PathError{Op: "write", Path: "out/e.md", Err: ErrOutputExists}},
			Report: &convert.Report{Items: []tiptapmd.Note{{Code: "trim", Severity: tiptapmd.Info, Message: "title trimmed", Pos: tiptapmd.Pos{Line: 2}}}}},
	}
}

func TestReportCSV(t *testing.T) {
	var buf bytes.Buffer
	rw := NewReportWriter(&buf, ReportCSV)
	var sum Summary
	for _, r := range sampleResults() {
		require.NoError(t, rw.Write(r))
		sum.Add(r)
	}
	require.NoError(t, rw.Close(sum))
	rows, err := csv.NewReader(&buf).ReadAll()
	require.NoError(t, err)
	assert.Equal(t, [][]string{
		{"path", "status", "verdict", "output", "severity", "code", "line", "column", "message"},
		{"site/a.md", "changed", "needs-review", "site/a.md", "info", "variant", "", "", "variant set to tiptap"},
		{"site/a.md", "changed", "needs-review", "site/a.md", "review", "liquid", "7", "3", "Liquid tag kept as text, \"quoted\""},
		{"site/b.md", "unchanged", "unchanged", "site/b.md", "", "", "", "", ""},
		{"site/c.md", "failed", "failed", "", "error", "failed", "3", "1", "tab character"},
		{"site/d.md", "skipped", "unchanged", "", "info", "skipped", "", "", "no front matter"},
		{"site/e.md", "failed", "failed", "out/e.md", "error", "failed", "", "", "write out/e.md: output file exists"},
		{"site/e.md", "failed", "failed", "out/e.md", "info", "trim", "2", "", "title trimmed"},
	}, rows)
	assert.Equal(t, Summary{Pages: 5, Changed: 1, Unchanged: 1, Failed: 2, Skipped: 1, Review: 1, Written: 1, ReviewPages: []string{"site/a.md"}}, sum)
}

func TestReportJSON(t *testing.T) {
	var buf bytes.Buffer
	rw := NewReportWriter(&buf, ReportJSON)
	var sum Summary
	for _, r := range sampleResults() {
		require.NoError(t, rw.Write(r))
		sum.Add(r)
	}
	require.NoError(t, rw.Close(sum))
	assert.Equal(t, 8, bytes.Count(buf.Bytes(), []byte("\n")), "one page per line:\n%s", buf.String())

	var got struct {
		Pages []struct {
			Path    string          `json:"path"`
			Output  string          `json:"output"`
			Status  Status          `json:"status"`
			Verdict convert.Verdict `json:"verdict"`
			Written bool            `json:"written"`
			Reason  string          `json:"reason"`
			Error   *struct {
				Message string `json:"message"`
				Line    int    `json:"line"`
				Column  int    `json:"column"`
			} `json:"error"`
			Report *struct {
				Path    string          `json:"path"`
				Op      string          `json:"op"`
				From    convert.Variant `json:"from"`
				To      convert.Variant `json:"to"`
				Changed bool            `json:"changed"`
				Before  convert.Stats   `json:"before"`
				After   convert.Stats   `json:"after"`
				Verdict convert.Verdict `json:"verdict"`
				Items   []tiptapmd.Note `json:"items"`
			} `json:"report"`
		} `json:"pages"`
		Summary Summary `json:"summary"`
	}
	dec := json.NewDecoder(&buf)
	dec.DisallowUnknownFields()
	require.NoError(t, dec.Decode(&got), buf.String())
	assert.Equal(t, sum, got.Summary)
	require.Len(t, got.Pages, 5)
	assert.Equal(t, StatusChanged, got.Pages[0].Status)
	assert.Equal(t, convert.VerdictReview, got.Pages[0].Verdict)
	assert.Equal(t, convert.VerdictUnchanged, got.Pages[1].Verdict)
	assert.Equal(t, convert.VerdictFailed, got.Pages[2].Verdict)
	require.NotNil(t, got.Pages[0].Report)
	assert.Equal(t, convert.VerdictReview, got.Pages[0].Report.Verdict)
	require.NotNil(t, got.Pages[1].Report)
	assert.Equal(t, []tiptapmd.Note{}, got.Pages[1].Report.Items, "a report without entries has \"items\": [], not null")
	assert.Equal(t, sampleResults()[0].Report.Items, got.Pages[0].Report.Items)
	assert.Equal(t, "to-tiptap", got.Pages[0].Report.Op)
	assert.Nil(t, got.Pages[1].Error)
	require.NotNil(t, got.Pages[2].Error)
	assert.Equal(t, "tab character", got.Pages[2].Error.Message)
	assert.Equal(t, 3, got.Pages[2].Error.Line)
	assert.Equal(t, 1, got.Pages[2].Error.Column)
	assert.Nil(t, got.Pages[2].Report)
	assert.Equal(t, "no front matter", got.Pages[3].Reason)
}

func TestReportEmpty(t *testing.T) {
	var buf bytes.Buffer
	require.NoError(t, NewReportWriter(&buf, ReportJSON).Close(Summary{}))
	var v map[string]any
	require.NoError(t, json.Unmarshal(buf.Bytes(), &v), buf.String())
	assert.Equal(t, []any{}, v["pages"])

	buf.Reset()
	require.NoError(t, NewReportWriter(&buf, ReportCSV).Close(Summary{}))
	assert.Equal(t, "path,status,verdict,output,severity,code,line,column,message\n", buf.String())
}

type failWriter struct{ n int }

var errDiskFull = errors.New("disk full")

func (w *failWriter) Write(p []byte) (int, error) {
	if w.n == 0 {
		return 0, errDiskFull
	}
	w.n--
	return len(p), nil
}

func TestReportWriterErrors(t *testing.T) {
	for _, f := range []ReportFormat{ReportJSON, ReportCSV} {
		rw := NewReportWriter(&failWriter{n: 1}, f)
		r := sampleResults()[0]
		err := rw.Write(r)
		if err == nil {
			err = rw.Write(r)
		}
		require.ErrorIs(t, err, errDiskFull, f)
		assert.ErrorIs(t, rw.Write(r), errDiskFull, "the error sticks")
		assert.ErrorIs(t, rw.Close(Summary{}), errDiskFull)
	}
	rw := NewReportWriter(&bytes.Buffer{}, ReportJSON)
	require.NoError(t, rw.Close(Summary{}))
	assert.Error(t, rw.Write(sampleResults()[0]), "write after close")
	assert.Error(t, rw.Close(Summary{}), "close twice")
}

func TestReportFormatFor(t *testing.T) {
	f, err := ReportFormatFor("out/report.JSON")
	require.NoError(t, err)
	assert.Equal(t, ReportJSON, f)
	f, err = ReportFormatFor("report.csv")
	require.NoError(t, err)
	assert.Equal(t, ReportCSV, f)
	_, err = ReportFormatFor("report.txt")
	assert.Error(t, err)
	assert.Equal(t, "csv", ReportCSV.String())
}

func TestStatusText(t *testing.T) {
	for s := StatusUnchanged; s <= StatusSkipped; s++ {
		b, err := s.MarshalText()
		require.NoError(t, err)
		var back Status
		require.NoError(t, back.UnmarshalText(b))
		assert.Equal(t, s, back)
	}
	var s Status
	assert.Error(t, s.UnmarshalText([]byte("exploded")))
	assert.Equal(t, "Status(9)", Status(9).String())
}
