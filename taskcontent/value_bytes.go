package taskcontent

// KeyBytes returns the decoded key of an object member as bytes, or nil for
// other values. For a key without escapes the slice aliases the document (no
// allocation) and must not be modified; it is meant for hashing and
// comparing in hot loops over thousands of members, where Key's string
// would allocate.
func (v Value) KeyBytes() []byte {
	if v.t == nil || !v.t.isMember(v.i) {
		return nil
	}
	if v.n().flags&flagKeyEsc == 0 {
		return v.t.keyRaw(v.i)
	}
	return []byte(unescape(v.t.keyRaw(v.i)))
}

// StrBytes returns the decoded text of a string value as bytes, and nil for
// any other type. For a string without escapes the slice aliases the
// document (no allocation) and must not be modified.
func (v Value) StrBytes() []byte {
	if v.t == nil || v.n().typ != TypeString {
		return nil
	}
	n := v.n()
	raw := v.t.src[n.start+1 : n.end-1]
	if n.flags&flagEscaped == 0 {
		return raw
	}
	return []byte(unescape(raw))
}
