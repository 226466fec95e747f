package tiptap

// WalkStatus tells [Walk] how to go on after visiting a node.
type WalkStatus int

const (
	// WalkContinue visits the node's children, then its siblings.
	WalkContinue WalkStatus = iota
	// WalkSkipChildren skips the node's children.
	WalkSkipChildren
	// WalkStop ends the walk.
	WalkStop
)

// A WalkFunc is called by [Walk] for each node, once with entering true
// before its children and once with entering false after them.
type WalkFunc func(n *Node, entering bool) (WalkStatus, error)

// Walk visits n and its descendants depth-first, in document order. It
// stops at the first error fn returns and returns it. Walk uses an explicit
// stack, so deeply nested documents do not grow the goroutine stack.
func Walk(n *Node, fn WalkFunc) error {
	if n == nil {
		return nil
	}
	type frame struct {
		n   *Node
		i   int // next child to visit
		ent bool
	}
	stack := []frame{{n: n}}
	for len(stack) > 0 {
		top := &stack[len(stack)-1]
		if !top.ent {
			top.ent = true
			st, err := fn(top.n, true)
			if err != nil {
				return err
			}
			switch st {
			case WalkStop:
				return nil
			case WalkSkipChildren:
				top.i = len(top.n.Content)
			}
		}
		if top.i < len(top.n.Content) {
			c := top.n.Content[top.i]
			top.i++
			if c != nil {
				stack = append(stack, frame{n: c})
			}
			continue
		}
		st, err := fn(top.n, false)
		if err != nil {
			return err
		}
		if st == WalkStop {
			return nil
		}
		stack = stack[:len(stack)-1]
	}
	return nil
}
