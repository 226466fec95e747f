package tiptap

// fixedTable returns the table as the editor holds it once it has loaded
// it: prosemirror-tables' fixTables (1.x, run by Tiptap's table extension
// on every change, including setContent) repairs a table whose rows do not
// span the same columns. It reads the table into a grid as TableMap does
// and then
//
//   - shortens a rowspan that runs past the last row,
//   - shortens the colspan of a cell that collides with a cell spanning
//     down from a row above, and gives the rows it covered a cell more,
//   - adds empty cells (of the role of the row's first cell) to every row
//     narrower than the widest one: at the start of the row when one
//     narrow row, right after the first row or another narrow one, looks
//     like a bite out of the table, at the end otherwise.
//
// Widths that disagree between rows (its "colwidth mismatch") are left as
// they are. n is not modified: a table with no problem is returned as it
// is, a repaired one as a copy sharing the unchanged nodes.
func fixedTable(n *Node) *Node {
	rows := n.Content
	height := len(rows)
	if height == 0 {
		return n
	}
	span := func(c *Node, key string) int {
		v, ok := attrInt(map[string]any{key: attrOrDefaultOf(c, key)}, key)
		if !ok || v < 1 {
			return 1
		}
		return v
	}
	width := tableWidth(rows, span)
	if width <= 0 {
		return n
	}
	grid := make([]bool, width*height)
	mustAdd := make([]int, height)
	type fix struct {
		row, cell       int
		colspan, rowspn int
	}
	var fixes []fix
	problem := false
	pos := 0
	for r, row := range rows {
		for i := 0; ; i++ {
			for pos < len(grid) && grid[pos] {
				pos++
			}
			if i == len(row.Content) {
				break
			}
			cell := row.Content[i]
			colspan, rowspan := span(cell, "colspan"), span(cell, "rowspan")
			newCol, newRow := colspan, rowspan
			for h := 0; h < rowspan; h++ {
				if h+r >= height {
					newRow = h
					problem = true
					break
				}
				start := pos + h*width
				for w := 0; w < colspan; w++ {
					if start+w < len(grid) && !grid[start+w] {
						grid[start+w] = true
						continue
					}
					// A collision: the editor takes the rest of the span
					// away from the cell and adds that many cells to the
					// rows the cell covers.
					nCut := colspan - w
					for j := 0; j < rowspan; j++ {
						if r+j < height {
							mustAdd[r+j] += nCut
						}
					}
					// Each collision sets the span anew from the cell as
					// it was: the last one wins.
					newCol = colspan - nCut
					problem = true
				}
			}
			if newCol != colspan || newRow != rowspan {
				fixes = append(fixes, fix{r, i, newCol, newRow})
			}
			pos += colspan
		}
		expected := (r + 1) * width
		missing := 0
		for pos < expected {
			if pos < len(grid) && !grid[pos] {
				missing++
			}
			pos++
		}
		if missing > 0 {
			mustAdd[r] += missing
			problem = true
		}
	}
	if !problem {
		return n
	}
	out := *n
	out.Content = make([]*Node, height)
	for r, row := range rows {
		cp := *row
		cp.Content = append([]*Node(nil), row.Content...)
		out.Content[r] = &cp
	}
	for _, f := range fixes {
		c := *out.Content[f.row].Content[f.cell]
		attrs := make(map[string]any, len(c.Attrs)+2)
		for k, v := range c.Attrs {
			attrs[k] = v
		}
		if f.colspan != span(&c, "colspan") {
			if ws := intList(attrOrDefaultOf(&c, "colwidth")); ws != nil {
				cut := append([]int(nil), ws...)
				if f.colspan < len(cut) {
					cut = cut[:f.colspan]
				}
				attrs["colwidth"] = any(cut)
				if allZero(cut) {
					attrs["colwidth"] = nil
				}
			}
		}
		attrs["colspan"] = f.colspan
		attrs["rowspan"] = f.rowspn
		c.Attrs = attrs
		out.Content[f.row].Content[f.cell] = &c
	}
	first, last := -1, -1
	for i, a := range mustAdd {
		if a > 0 {
			if first < 0 {
				first = i
			}
			last = i
		}
	}
	for i, add := range mustAdd {
		if add <= 0 {
			continue
		}
		row := out.Content[i]
		typ := TypeTableCell
		if len(row.Content) > 0 && row.Content[0].Type == TypeTableHeader {
			typ = TypeTableHeader
		}
		cells := make([]*Node, add)
		for j := range cells {
			cells[j] = &Node{Type: typ, Attrs: map[string]any{"colspan": 1, "rowspan": 1, "colwidth": nil},
				Content: []*Node{{Type: TypeParagraph}}}
		}
		if (i == 0 || first == i-1) && last == i {
			row.Content = append(cells, row.Content...)
		} else {
			row.Content = append(row.Content, cells...)
		}
	}
	return &out
}

// tableWidth is TableMap's findWidth: the widest row, counting the
// columns taken by cells spanning down from the rows above.
func tableWidth(rows []*Node, span func(*Node, string) int) int {
	width := -1
	hasRowSpan := false
	for r, row := range rows {
		w := 0
		if hasRowSpan {
			for j := 0; j < r; j++ {
				for _, c := range rows[j].Content {
					if j+span(c, "rowspan") > r {
						w += span(c, "colspan")
					}
				}
			}
		}
		for _, c := range row.Content {
			w += span(c, "colspan")
			if span(c, "rowspan") > 1 {
				hasRowSpan = true
			}
		}
		if width == -1 || w > width {
			width = w
		}
	}
	return width
}

func allZero(ws []int) bool {
	for _, w := range ws {
		if w != 0 {
			return false
		}
	}
	return true
}

// attrOrDefaultOf returns n's attribute key, or the schema default when
// the attribute is missing.
func attrOrDefaultOf(n *Node, key string) any {
	r := renderer{s: theSchema()}
	return r.attrOrDefault(n, key)
}
