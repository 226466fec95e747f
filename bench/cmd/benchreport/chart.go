package main

import (
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"math"

	"github.com/tiptapmd/tiptapmd/bench/internal/harness"
)

// The layout of the chart, in pixels.
const (
	chartWidth = 1280
	margin     = 24
	scale      = 2 // font scale of all text
	rowHeight  = 30
	barHeight  = 20
	labelGap   = 12
)

// The colors of the chart, as 0xRRGGBB.
const (
	ink   = 0x222222 // text and axis
	faint = 0xdddddd // grid
	paper = 0xffffff // background
	blue  = 0x1f6fb4 // tiptapmd
	grey  = 0x8c8c8c // floors
	amber = 0xe67e22 // peers
)

// rgb returns the opaque color 0xRRGGBB.
func rgb(c uint32) color.RGBA {
	return color.RGBA{uint8(c >> 16), uint8(c >> 8), uint8(c), 0xff}
}

// kindColor returns the color of the bars of a kind of tool.
func kindColor(kind string) color.RGBA {
	switch kind {
	case harness.KindOurs:
		return rgb(blue)
	case harness.KindFloor:
		return rgb(grey)
	}
	return rgb(amber)
}

// ascii replaces the arrows and signs that the chart's font lacks.
func ascii(s string) string {
	var out []rune
	for _, r := range s {
		switch r {
		case '→':
			out = append(out, '-', '>')
		case '×':
			out = append(out, 'x')
		case '–':
			out = append(out, '-')
		default:
			out = append(out, r)
		}
	}
	return string(out)
}

// A logScale maps a value to a position on a bar of width w.
type logScale struct {
	lo, hi float64 // powers of ten
	w      int
}

// The range of rates a chart can show: rates outside it are drawn at
// its ends.
const minRate, maxRate = 1e-6, 1e12

func newLogScale(values []float64, w int) logScale {
	lo, hi := math.Inf(1), 0.0
	for _, v := range values {
		if v > 0 {
			v = math.Min(math.Max(v, minRate), maxRate)
			lo, hi = math.Min(lo, v), math.Max(hi, v)
		}
	}
	if hi == 0 {
		return logScale{lo: 1, hi: 10, w: w}
	}
	s := logScale{lo: math.Pow(10, math.Floor(math.Log10(lo))), hi: math.Pow(10, math.Ceil(math.Log10(hi))), w: w}
	if s.hi <= s.lo {
		s.hi = s.lo * 10
	}
	return s
}

func (s logScale) x(v float64) int {
	switch {
	case v <= s.lo:
		return 0
	case v >= s.hi:
		return s.w
	}
	return int(math.Round(math.Log10(v/s.lo) / math.Log10(s.hi/s.lo) * float64(s.w)))
}

// decade formats a power of ten for an axis.
func decade(v float64) string {
	switch {
	case v >= 1e6:
		return fmt.Sprintf("%.0fM", v/1e6)
	case v >= 1e3:
		return fmt.Sprintf("%.0fk", v/1e3)
	case v >= 1:
		return fmt.Sprintf("%.0f", v)
	}
	return fmt.Sprintf("%g", v)
}

// A bar is where renderChart drew the bar of a result.
type bar struct {
	r    *harness.Result
	rect image.Rectangle
}

// renderChart draws a bar chart of the pages per second of every result,
// one panel per direction, on a logarithmic scale. It also returns where
// it drew each bar.
func renderChart(f *harness.File) (*image.RGBA, []bar) {
	dirs := []string{harness.ToTiptap, harness.ToMarkdown}
	var values []float64
	labelW := 0
	rows := 0
	for _, dir := range dirs {
		for _, r := range ordered(f, dir) {
			values = append(values, r.PagesPerSec)
			labelW = max(labelW, textWidth(ascii(label(r)), scale))
			rows++
		}
	}
	valueW := textWidth("00,000 pages/s, 00.0 MB/s", scale)
	barW := chartWidth - 2*margin - labelW - labelGap - valueW - labelGap
	ls := newLogScale(values, barW)
	th := textHeight(scale)

	height := margin + 2*th + 8 + th + 8 // title lines, legend
	for _, dir := range dirs {
		if n := len(ordered(f, dir)); n > 0 {
			height += th + 8 + n*rowHeight + th + 16
		}
	}
	height += margin
	img := image.NewRGBA(image.Rect(0, 0, chartWidth, height))
	draw.Draw(img, img.Bounds(), image.NewUniform(rgb(paper)), image.Point{}, draw.Src)

	y := margin
	drawText(img, margin, y, "Pages converted per second, more is better (log scale)", rgb(ink), scale)
	y += th
	sub := fmt.Sprintf("%d corpus pages, one page after the other; %s, %d cores", f.Corpus.Pages, dateOf(f.Date), f.Machine.Cores)
	drawText(img, margin, y, ascii(sub), rgb(ink), scale)
	y += th + 8
	x := margin
	for _, k := range []struct{ kind, name string }{{harness.KindOurs, "tiptapmd"}, {harness.KindFloor, "dependency alone (floor)"}, {harness.KindPeer, "peer"}} {
		fill(img, image.Rect(x, y+3, x+th-6, y+th-3), kindColor(k.kind))
		x += th
		drawText(img, x, y, k.name, rgb(ink), scale)
		x += textWidth(k.name, scale) + 3*labelGap
	}
	y += th + 8

	x0 := margin + labelW + labelGap
	var bars []bar
	for _, dir := range dirs {
		rs := ordered(f, dir)
		if len(rs) == 0 {
			continue
		}
		drawText(img, margin, y, ascii(dirTitle(dir)), rgb(ink), scale)
		y += th + 8
		top := y
		bottom := y + len(rs)*rowHeight
		for d := ls.lo; d <= ls.hi*1.0001; d *= 10 {
			gx := x0 + ls.x(d)
			fill(img, image.Rect(gx, top, gx+1, bottom+4), rgb(faint))
			t := decade(d)
			drawText(img, gx-textWidth(t, scale)/2, bottom+6, t, rgb(ink), scale)
		}
		for _, r := range rs {
			name := ascii(label(r))
			drawText(img, x0-labelGap-textWidth(name, scale), y+(rowHeight-th)/2, name, rgb(ink), scale)
			w := max(ls.x(r.PagesPerSec), 2)
			by := y + (rowHeight-barHeight)/2
			rect := image.Rect(x0, by, x0+w, by+barHeight)
			fill(img, rect, kindColor(r.Kind))
			bars = append(bars, bar{r, rect})
			v := rate(r.PagesPerSec, 10) + " pages/s, " + rate(r.MBPerSec, 10) + " MB/s"
			drawText(img, x0+w+labelGap/2, y+(rowHeight-th)/2, v, rgb(ink), scale)
			y += rowHeight
		}
		fill(img, image.Rect(x0, top, x0+1, bottom), rgb(ink))
		y = bottom + th + 16
	}
	return img, bars
}

// rate formats a rate with one more decimal below each power of ten
// from big down: 1234, 12.3 (when big is 100), 0.12.
func rate(x, big float64) string {
	d := 0
	for t := big; x < t && d < 3; t /= 10 {
		d++
	}
	return num(x, d)
}

func fill(img draw.Image, r image.Rectangle, c color.Color) {
	draw.Draw(img, r, image.NewUniform(c), image.Point{}, draw.Src)
}
