package tiptap

import (
	"fmt"
	"slices"
	"strings"
)

// This file compiles the content expressions of the schema ("paragraph
// block*", "(tableCell | tableHeader)*", …) into deterministic automata, the
// way ProseMirror does: the parser uses them to decide where a node may go,
// which wrappers it needs and which required children to fill in, and the
// renderer uses them to check a document against the schema.

// A contentMatch is one state of the automaton of a content expression.
//
// The automata are built once per schema and never change afterwards, so
// one schema serves concurrent parses.
type contentMatch struct {
	validEnd bool
	next     []matchEdge
	// wraps holds findWrapping's answer for each node type (by its
	// index in the schema's order), computed with the schema.
	wraps []wrapHit
}

type matchEdge struct {
	typ  *nodeType
	next *contentMatch
}

// matchType returns the state after a child of type t, or nil when t may
// not come next.
func (m *contentMatch) matchType(t *nodeType) *contentMatch {
	for _, e := range m.next {
		if e.typ == t {
			return e.next
		}
	}
	return nil
}

// matchNodes returns the state after the given children, or nil.
func (m *contentMatch) matchNodes(s *schema, nodes []*Node) *contentMatch {
	cur := m
	for _, n := range nodes {
		if cur == nil {
			return nil
		}
		t := s.nodes[n.Type]
		if t == nil {
			return nil
		}
		cur = cur.matchType(t)
	}
	return cur
}

// fillBefore returns the nodes (created with default attributes and filled
// in) that must be inserted before after to make it fit at this state, and
// at the end of the content too when toEnd is set. It returns ok false when
// no such nodes exist. It is ProseMirror's ContentMatch.fillBefore.
func (m *contentMatch) fillBefore(s *schema, after []*Node, toEnd bool) ([]*Node, bool) {
	seen := []*contentMatch{m}
	var search func(match *contentMatch, types []*nodeType) ([]*Node, bool)
	search = func(match *contentMatch, types []*nodeType) ([]*Node, bool) {
		if fin := match.matchNodes(s, after); fin != nil && (!toEnd || fin.validEnd) {
			out := make([]*Node, 0, len(types))
			for _, t := range types {
				out = append(out, s.createAndFill(t))
			}
			return out, true
		}
		for _, e := range match.next {
			if e.typ.isText() || slices.Contains(seen, e.next) {
				continue
			}
			seen = append(seen, e.next)
			if found, ok := search(e.next, append(types[:len(types):len(types)], e.typ)); ok {
				return found, true
			}
		}
		return nil, false
	}
	return search(m, nil)
}

// findWrapping returns the types of the nodes to wrap around a node of type
// target so that it fits at this state (an empty route when it fits as it
// is), and ok false when no wrapping works. It is ProseMirror's
// ContentMatch.findWrapping, a breadth-first search over non-leaf types.
func (m *contentMatch) findWrapping(target *nodeType) ([]*nodeType, bool) {
	if m.matchType(target) != nil {
		return nil, true
	}
	type step struct {
		match *contentMatch
		typ   *nodeType
		via   int // index of the previous step, -1 at the start
	}
	seen := map[*nodeType]bool{}
	steps := []step{{match: m, via: -1}}
	for i := 0; i < len(steps); i++ {
		cur := steps[i]
		if cur.match.matchType(target) != nil {
			var route []*nodeType
			for j := i; steps[j].typ != nil; j = steps[j].via {
				route = append(route, steps[j].typ)
			}
			slices.Reverse(route)
			return route, true
		}
		for _, e := range cur.match.next {
			if e.typ.isLeaf() || seen[e.typ] || (cur.typ != nil && !e.next.validEnd) {
				continue
			}
			steps = append(steps, step{match: e.typ.contentMatch, typ: e.typ, via: i})
			seen[e.typ] = true
		}
	}
	return nil, false
}

// Content expressions: a small regular language over node names and group
// names, with sequence, choice ("|"), grouping and the postfix operators
// "*", "+" and "?".

type exprKind int

const (
	exprName exprKind = iota
	exprChoice
	exprSeq
	exprStar
	exprPlus
	exprOpt
)

type contentExpr struct {
	kind  exprKind
	typ   *nodeType      // exprName
	exprs []*contentExpr // exprChoice, exprSeq
	sub   *contentExpr   // exprStar, exprPlus, exprOpt
}

type exprParser struct {
	s      *schema
	src    string
	tokens []string
	pos    int
}

func tokenizeExpr(src string) []string {
	var toks []string
	for i := 0; i < len(src); {
		c := src[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n':
			i++
		case isExprWordByte(c):
			j := i
			for j < len(src) && isExprWordByte(src[j]) {
				j++
			}
			toks = append(toks, src[i:j])
			i = j
		default:
			toks = append(toks, src[i:i+1])
			i++
		}
	}
	return toks
}

func isExprWordByte(c byte) bool {
	return c == '_' || c == '-' || '0' <= c && c <= '9' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
}

func (p *exprParser) next() string {
	if p.pos < len(p.tokens) {
		return p.tokens[p.pos]
	}
	return ""
}

func (p *exprParser) eat(tok string) bool {
	if p.next() == tok {
		p.pos++
		return true
	}
	return false
}

func (p *exprParser) parseExpr() (*contentExpr, error) {
	return p.parseList(exprChoice, p.parseSeq, func() bool { return p.eat("|") })
}

func (p *exprParser) parseSeq() (*contentExpr, error) {
	return p.parseList(exprSeq, p.parseSubscript, func() bool {
		t := p.next()
		return t != "" && t != ")" && t != "|"
	})
}

// parseList parses one item or more, while more reports that another
// follows, and returns the item, or the items as an expression of kind.
func (p *exprParser) parseList(kind exprKind, item func() (*contentExpr, error), more func() bool) (*contentExpr, error) {
	var exprs []*contentExpr
	for {
		e, err := item()
		if err != nil {
			return nil, err
		}
		exprs = append(exprs, e)
		if !more() {
			break
		}
	}
	if len(exprs) == 1 {
		return exprs[0], nil
	}
	return &contentExpr{kind: kind, exprs: exprs}, nil
}

func (p *exprParser) parseSubscript() (*contentExpr, error) {
	e, err := p.parseAtom()
	if err != nil {
		return nil, err
	}
	for {
		switch {
		case p.eat("+"):
			e = &contentExpr{kind: exprPlus, sub: e}
		case p.eat("*"):
			e = &contentExpr{kind: exprStar, sub: e}
		case p.eat("?"):
			e = &contentExpr{kind: exprOpt, sub: e}
		default:
			return e, nil
		}
	}
}

func (p *exprParser) parseAtom() (*contentExpr, error) {
	if p.eat("(") {
		e, err := p.parseExpr()
		if err != nil {
			return nil, err
		}
		if !p.eat(")") {
			return nil, fmt.Errorf("content expression %q: missing closing paren", p.src)
		}
		return e, nil
	}
	tok := p.next()
	if tok == "" || !isExprWordByte(tok[0]) {
		return nil, fmt.Errorf("content expression %q: unexpected token %q", p.src, tok)
	}
	p.pos++
	types := p.s.resolveName(tok)
	if len(types) == 0 {
		return nil, fmt.Errorf("content expression %q: no node type or group %q", p.src, tok)
	}
	if len(types) == 1 {
		return &contentExpr{kind: exprName, typ: types[0]}, nil
	}
	choice := &contentExpr{kind: exprChoice}
	for _, t := range types {
		choice.exprs = append(choice.exprs, &contentExpr{kind: exprName, typ: t})
	}
	return choice, nil
}

// An NFA as ProseMirror builds it: numbered states with edges that are
// either labelled with a node type or empty.
type nfaEdge struct {
	term *nodeType
	to   int
}

type nfaBuilder struct {
	states [][]*nfaEdge
}

func (b *nfaBuilder) node() int {
	b.states = append(b.states, nil)
	return len(b.states) - 1
}

func (b *nfaBuilder) edge(from int, term *nodeType) *nfaEdge {
	e := &nfaEdge{term: term, to: -1}
	b.states[from] = append(b.states[from], e)
	return e
}

func connect(edges []*nfaEdge, to int) {
	for _, e := range edges {
		e.to = to
	}
}

// compile adds the states for e starting at from and returns the edges
// left dangling at its end.
func (b *nfaBuilder) compile(e *contentExpr, from int) []*nfaEdge {
	switch e.kind {
	case exprChoice:
		var out []*nfaEdge
		for _, sub := range e.exprs {
			out = append(out, b.compile(sub, from)...)
		}
		return out
	case exprSeq:
		for i := 0; ; i++ {
			next := b.compile(e.exprs[i], from)
			if i == len(e.exprs)-1 {
				return next
			}
			from = b.node()
			connect(next, from)
		}
	case exprStar:
		loop := b.node()
		b.edge(from, nil).to = loop
		connect(b.compile(e.sub, loop), loop)
		return []*nfaEdge{b.edge(loop, nil)}
	case exprPlus:
		loop := b.node()
		connect(b.compile(e.sub, from), loop)
		connect(b.compile(e.sub, loop), loop)
		return []*nfaEdge{b.edge(loop, nil)}
	case exprOpt:
		return append([]*nfaEdge{b.edge(from, nil)}, b.compile(e.sub, from)...)
	default: // exprName
		return []*nfaEdge{b.edge(from, e.typ)}
	}
}

// nullFrom returns the sorted set of states reachable from n by empty
// edges, skipping states whose only edge is empty.
func (b *nfaBuilder) nullFrom(n int) []int {
	var result []int
	var scan func(int)
	scan = func(n int) {
		edges := b.states[n]
		if len(edges) == 1 && edges[0].term == nil {
			scan(edges[0].to)
			return
		}
		result = append(result, n)
		for _, e := range edges {
			if e.term == nil && !slices.Contains(result, e.to) {
				scan(e.to)
			}
		}
	}
	scan(n)
	slices.Sort(result)
	return result
}

// compileContent turns a content expression into the start state of its
// automaton. An empty expression gives a state that accepts only the end.
func (s *schema) compileContent(src string) (*contentMatch, error) {
	if strings.TrimSpace(src) == "" {
		return &contentMatch{validEnd: true}, nil
	}
	p := &exprParser{s: s, src: src, tokens: tokenizeExpr(src)}
	e, err := p.parseExpr()
	if err != nil {
		return nil, err
	}
	if p.pos != len(p.tokens) {
		return nil, fmt.Errorf("content expression %q: unexpected trailing %q", src, p.next())
	}
	b := &nfaBuilder{}
	b.node()
	connect(b.compile(e, 0), b.node())
	final := len(b.states) - 1

	labeled := map[string]*contentMatch{}
	key := func(states []int) string {
		var sb strings.Builder
		for i, st := range states {
			if i > 0 {
				sb.WriteByte(',')
			}
			fmt.Fprint(&sb, st)
		}
		return sb.String()
	}
	var explore func(states []int) *contentMatch
	explore = func(states []int) *contentMatch {
		type out struct {
			term *nodeType
			set  []int
		}
		var outs []out
		for _, st := range states {
			for _, e := range b.states[st] {
				if e.term == nil {
					continue
				}
				idx := -1
				for i := range outs {
					if outs[i].term == e.term {
						idx = i
					}
				}
				for _, n := range b.nullFrom(e.to) {
					if idx < 0 {
						outs = append(outs, out{term: e.term})
						idx = len(outs) - 1
					}
					if !slices.Contains(outs[idx].set, n) {
						outs[idx].set = append(outs[idx].set, n)
					}
				}
			}
		}
		state := &contentMatch{validEnd: slices.Contains(states, final)}
		labeled[key(states)] = state
		for _, o := range outs {
			slices.Sort(o.set)
			next := labeled[key(o.set)]
			if next == nil {
				next = explore(o.set)
			}
			state.next = append(state.next, matchEdge{typ: o.term, next: next})
		}
		return state
	}
	return explore(b.nullFrom(0)), nil
}
