package site

import (
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/tiptapmd/tiptapmd"
	"github.com/tiptapmd/tiptapmd/internal/enum"
)

// A ReportFormat is a format of report file, for [ReportWriter].
type ReportFormat int

const (
	// ReportJSON is one JSON object: {"pages": [...], "summary": {...}},
	// with one page per line. Each page is a [PageResult] as its
	// MarshalJSON encodes it, its report included; the summary is a
	// [Summary].
	ReportJSON ReportFormat = iota
	// ReportCSV is a table with a header row and the columns
	//
	//	path, status, verdict, output, severity, code, line, column, message
	//
	// one row per entry of a page's report (each with the page's
	// [PageResult.Verdict]), and one row for a page
	// without entries (with empty severity, code and message). A failed
	// page has a row of severity "error" and code "failed" whose message is
	// the error (without the path and position, which have their columns),
	// a skipped page one of severity "info" and code "skipped" with the
	// reason, both besides the rows of the report it may have. Line and
	// column are empty when unknown.
	ReportCSV
)

var reportFormats = enum.New[ReportFormat]("site.ReportFormat", []string{ReportJSON: "json", ReportCSV: "csv"})

// String returns "json" or "csv".
func (f ReportFormat) String() string { return reportFormats.String(f) }

// ReportFormatFor returns the format that the extension of a file name
// asks for: .json or .csv, in any case.
func ReportFormatFor(name string) (ReportFormat, error) {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".json":
		return ReportJSON, nil
	case ".csv":
		return ReportCSV, nil
	}
	return 0, fmt.Errorf("convert: report file %q: the name must end in .json or .csv", name)
}

// Codes of the rows of a CSV report that are not report entries.
const (
	// CodeFailed: the row of a failed page, with its error.
	CodeFailed tiptapmd.Code = "failed"
	// CodeSkipped: the row of a skipped file, with the reason.
	CodeSkipped tiptapmd.Code = "skipped"
)

// A ReportWriter writes the results of a batch as a report file, one
// result at a time, as [Batch.Run] hands them over: pass its Write method
// as Run's function, then call Close with Run's summary. It keeps nothing
// of the results it has written.
type ReportWriter struct {
	w      io.Writer
	format ReportFormat
	csv    *csv.Writer
	n      int
	err    error
	closed bool
}

// NewReportWriter returns a ReportWriter that writes a report in format
// f to w.
func NewReportWriter(w io.Writer, f ReportFormat) *ReportWriter {
	if w == nil {
		return &ReportWriter{format: f}
	}
	rw := &ReportWriter{w: w, format: f}
	if f == ReportCSV {
		rw.csv = csv.NewWriter(w)
	}
	return rw
}

var errReportClosed = errors.New("convert: report writer is closed")

// check returns an error for a ReportWriter not made by
// [NewReportWriter] (nil, or zero), which has nowhere to write.
func (rw *ReportWriter) check() error {
	if rw == nil || rw.w == nil || rw.format == ReportCSV && rw.csv == nil {
		return errors.New("convert: the ReportWriter has no writer (make it with NewReportWriter)")
	}
	return nil
}

// Write adds the result r to the report. After the first error, every
// call returns it.
func (rw *ReportWriter) Write(r *PageResult) error {
	if err := rw.check(); err != nil {
		return err
	}
	if r == nil {
		return errors.New("convert: ReportWriter.Write: nil PageResult")
	}
	if rw.err != nil {
		return rw.err
	}
	if rw.closed {
		return errReportClosed
	}
	switch rw.format {
	case ReportJSON:
		b, err := json.Marshal(r)
		if err != nil {
			rw.err = err
			return err
		}
		sep := ",\n"
		if rw.n == 0 {
			sep = "{\"pages\": [\n"
		}
		_, rw.err = io.WriteString(rw.w, sep+string(b))
	case ReportCSV:
		if rw.n == 0 {
			rw.err = rw.csv.Write(csvHeader)
		}
		for _, row := range csvRows(r) {
			if rw.err == nil {
				rw.err = rw.csv.Write(row)
			}
		}
		if rw.err == nil {
			rw.csv.Flush()
			rw.err = rw.csv.Error()
		}
	default:
		rw.err = fmt.Errorf("convert: unknown report format %v", rw.format)
	}
	rw.n++
	return rw.err
}

// Close ends the report, with summary s in a JSON report (a CSV report
// has no summary: count its rows). It does not close the underlying
// writer.
func (rw *ReportWriter) Close(s Summary) error {
	if err := rw.check(); err != nil {
		return err
	}
	if rw.err != nil {
		return rw.err
	}
	if rw.closed {
		return errReportClosed
	}
	rw.closed = true
	switch rw.format {
	case ReportJSON:
		b, err := json.Marshal(s)
		if err != nil {
			return err
		}
		head := "\n]"
		if rw.n == 0 {
			head = "{\"pages\": []"
		}
		_, rw.err = fmt.Fprintf(rw.w, "%s,\n\"summary\": %s}\n", head, b)
	case ReportCSV:
		if rw.n == 0 {
			rw.err = rw.csv.Write(csvHeader)
		}
		rw.csv.Flush()
		if rw.err == nil {
			rw.err = rw.csv.Error()
		}
	}
	return rw.err
}

// csvHeader is the header row of a CSV report.
var csvHeader = []string{"path", "status", "verdict", "output", "severity", "code", "line", "column", "message"}

// csvRows returns the CSV rows of a result.
func csvRows(r *PageResult) [][]string {
	row := func(sev string, code tiptapmd.Code, pos tiptapmd.Pos, msg string) []string {
		num := func(n int) string {
			if n <= 0 {
				return ""
			}
			return strconv.Itoa(n)
		}
		return []string{r.Path, r.Status.String(), r.Verdict().String(), r.Output, sev, string(code), num(pos.Line), num(pos.Column), msg}
	}
	var rows [][]string
	switch r.Status {
	case StatusFailed:
		msg, pos := "", tiptapmd.Pos{}
		if r.Err != nil {
			msg, pos = errorParts(r.Err)
		}
		rows = append(rows, row(tiptapmd.Error.String(), CodeFailed, pos, msg))
	case StatusSkipped:
		rows = append(rows, row(tiptapmd.Info.String(), CodeSkipped, tiptapmd.Pos{}, r.Reason))
	}
	if r.Report != nil {
		for _, e := range r.Report.Items {
			rows = append(rows, row(e.Severity.String(), e.Code, e.Pos, e.Message))
		}
	}
	if len(rows) == 0 {
		rows = append(rows, row("", "", tiptapmd.Pos{}, ""))
	}
	return rows
}
