package taskcontent

import "github.com/dilint/dilint/schema"

// schemaNode is a value of the parsed tree seen as a schema.Node, so that
// schema.Valid walks the document where it lies instead of a decoded copy.
// Keys and strings without escapes are handed out as slices of the
// content; only escaped ones are decoded.
type schemaNode struct {
	t *tree
	i int32
	// shadowed holds the members hidden by a later member with the same
	// key; it is nil when the content has no duplicate keys.
	shadowed map[int32]bool
}

var schemaKinds = [...]schema.NodeKind{
	TypeNull:   schema.KindNull,
	TypeBool:   schema.KindBool,
	TypeNumber: schema.KindNumber,
	TypeString: schema.KindString,
	TypeObject: schema.KindObject,
	TypeArray:  schema.KindArray,
}

// newSchemaNode returns the root of the content as a schema.Node. v must
// exist.
func newSchemaNode(v Value) schemaNode {
	return schemaNode{t: v.t, i: v.i, shadowed: shadowedMembers(v.t)}
}

// shadowedMembers finds the members that decoders drop because a later
// member of the same object has the same key.
func shadowedMembers(t *tree) map[int32]bool {
	var out map[int32]bool
	done := make(map[int32]bool)
	for _, p := range t.problems {
		if p.code != ProblemDuplicateKey {
			continue
		}
		obj := t.parent(p.node)
		if done[obj] {
			continue
		}
		done[obj] = true
		if out == nil {
			out = make(map[int32]bool)
		}
		kids := t.children(obj)
		seen := make(map[string]bool, len(kids))
		for j := len(kids) - 1; j >= 0; j-- {
			key := t.keyString(kids[j])
			if seen[key] {
				out[kids[j]] = true
			}
			seen[key] = true
		}
	}
	return out
}

func (s schemaNode) n() *node { return &s.t.nodes[s.i] }

func (s schemaNode) Kind() schema.NodeKind { return schemaKinds[s.n().typ] }

// Len counts the children of arrays and objects; scalars have none.
func (s schemaNode) Len() int { return s.t.nkids(s.i) }

func (s schemaNode) Index(i int) schemaNode {
	return schemaNode{t: s.t, i: s.t.kid(s.i, i), shadowed: s.shadowed}
}

// Key slices a plain key straight from the node (no call into the tree);
// far and escaped keys take the general path.
func (s schemaNode) Key() []byte {
	n := s.n()
	if n.flags&(flagKeyEsc|flagFarKey) == 0 {
		end := n.start - int32(n.keyGap) - 1
		return s.t.src[end-int32(n.keyLen)+2 : end]
	}
	raw := s.t.keyRaw(s.i)
	if n.flags&flagKeyEsc == 0 {
		return raw
	}
	out, _ := appendUnescaped(make([]byte, 0, len(raw)), raw, nil)
	return out
}

func (s schemaNode) Shadowed() bool { return s.shadowed != nil && s.shadowed[s.i] }

// Member finds the last member with the key, as Value.Get does, comparing
// keys in place.
func (s schemaNode) Member(key string) (schemaNode, bool) {
	if s.n().typ != TypeObject {
		return schemaNode{}, false
	}
	kids := s.t.children(s.i)
	for j := len(kids) - 1; j >= 0; j-- {
		if s.t.keyIs(kids[j], key) {
			return schemaNode{t: s.t, i: kids[j], shadowed: s.shadowed}, true
		}
	}
	return schemaNode{}, false
}

// Has scans the members like Value.Get, without building Values.
func (s schemaNode) Has(key string) bool {
	if s.n().typ != TypeObject {
		return false
	}
	for _, k := range s.t.children(s.i) {
		if s.t.keyIs(k, key) {
			return true
		}
	}
	return false
}

func (s schemaNode) Text() []byte {
	n := s.n()
	raw := s.t.src[n.start+1 : n.end-1]
	if n.flags&flagEscaped == 0 {
		return raw
	}
	out, _ := appendUnescaped(make([]byte, 0, len(raw)), raw, nil)
	return out
}

func (s schemaNode) Number() []byte {
	n := s.n()
	return s.t.src[n.start:n.end]
}

func (s schemaNode) Bool() bool { return s.n().flags&flagTrueBool != 0 }
