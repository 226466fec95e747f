package tiptap

import (
	"bytes"
	"encoding/json"
	"errors"
	"math"
	"strconv"

	"github.com/tiptapmd/tiptapmd"
)

// ParseJSON reads a document in Tiptap's JSON form (what the editor's
// getJSON() returns, and what encoding/json makes of a [Node]).
//
// JSON numbers in attributes become int when they are whole and float64
// otherwise, so a document read back from JSON compares equal to the one
// that was written; a list of whole numbers (a cell's colwidth) becomes
// []int. ParseJSON checks the JSON shape only (every node has a type, no
// null nodes); [RenderHTML] checks the document against the schema.
//
// Malformed JSON gives a *[ParseError] whose Err is the encoding/json
// error and whose Pos is where decoding stopped; a node without a type or
// a null node gives a *[SchemaError].
func ParseJSON(data []byte) (*Node, error) {
	var n Node
	if err := json.Unmarshal(data, &n); err != nil {
		var syn *json.SyntaxError
		var typ *json.UnmarshalTypeError
		switch {
		case errors.As(err, &syn):
			return nil, &ParseError{Pos: offsetPos(data, syn.Offset), Err: err}
		case errors.As(err, &typ):
			return nil, &ParseError{Pos: offsetPos(data, typ.Offset), Err: err}
		}
		return nil, &ParseError{Err: err}
	}
	type frame struct {
		n    *Node
		path string
	}
	stack := []frame{{&n, ""}}
	for len(stack) > 0 {
		f := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if f.n.Type == "" {
			return nil, &SchemaError{Path: f.path, Err: ErrInvalidContent, Detail: "node without a type"}
		}
		normalizeNumbers(f.n.Attrs)
		for _, m := range f.n.Marks {
			if m.Type == "" {
				return nil, &SchemaError{Path: f.path, Type: f.n.Type, Err: ErrInvalidMark, Detail: "mark without a type"}
			}
			normalizeNumbers(m.Attrs)
		}
		for i := len(f.n.Content) - 1; i >= 0; i-- {
			p := f.path + "/content/" + strconv.Itoa(i)
			if f.n.Content[i] == nil {
				return nil, &SchemaError{Path: p, Err: ErrInvalidContent, Detail: "null node"}
			}
			stack = append(stack, frame{f.n.Content[i], p})
		}
	}
	return &n, nil
}

func normalizeNumbers(attrs map[string]any) {
	for k, v := range attrs {
		switch x := v.(type) {
		case float64:
			attrs[k] = wholeToInt(x)
		case []any:
			ints := make([]int, 0, len(x))
			for _, e := range x {
				f, ok := e.(float64)
				if !ok || f != math.Trunc(f) || math.Abs(f) > 1<<53 {
					ints = nil
					break
				}
				ints = append(ints, int(f))
			}
			if ints != nil {
				attrs[k] = ints
			}
		}
	}
}

func wholeToInt(f float64) any {
	if f == math.Trunc(f) && math.Abs(f) <= 1<<53 {
		return int(f)
	}
	return f
}

// offsetPos returns the line and column of byte offset off in data. A JSON
// decoder's offset points just past the byte where it stopped.
func offsetPos(data []byte, off int64) tiptapmd.Pos {
	o := int(min(max(off, 1), int64(len(data))))
	if o == 0 {
		return tiptapmd.Pos{Line: 1, Column: 1}
	}
	line := bytes.Count(data[:o-1], []byte("\n")) + 1
	return tiptapmd.Pos{Line: line, Column: o - 1 - bytes.LastIndexByte(data[:o-1], '\n')}
}
