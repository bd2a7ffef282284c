package schema

import (
	"regexp"
	"regexp/syntax"
	"slices"
	"sync"
	"unicode"
	"unicode/utf8"
)

// byteMatcher gives the verdict of regexp.Regexp.Match without the regexp
// machinery, for a pattern whose only zero-width assertions are ^ and $
// (begin and end of text): a deterministic automaton over bytes, built
// from the compiled program by subset construction.
//
// While the text is ASCII, each rune is a single byte, and the automaton
// moves each thread by whether its instruction matches that byte. A
// non-ASCII byte ends every thread when the program consumes only ASCII
// runes (`^[1-9][0-9]*$`), since no instruction can match it; when some
// instruction may match a non-ASCII rune (ECMA's \s, `.`), the automaton
// leaves such a text to regexp. Schema keys and enum-like values are
// nearly always ASCII. The search is unanchored, as Match is: every
// position starts a new thread.
type byteMatcher struct {
	states []byteState
	// asciiProgram is set when no instruction matches a rune beyond
	// ASCII; otherwise a text with a non-ASCII byte has no verdict here.
	asciiProgram bool
}

type byteState struct {
	next [256]uint8
	// matched: a match has ended here, whatever follows.
	matched bool
	// atEnd: the text matches if it ends here.
	atEnd bool
	// dead: no thread is alive and none can start, so nothing follows
	// can match.
	dead bool
}

// byteMatcherMaxStates bounds the automaton; a pattern that needs more
// keeps regexp.
const byteMatcherMaxStates = 256

// compileByteMatcher returns the automaton for a pattern, or nil when the
// pattern has an assertion other than ^ and $ or needs too many states;
// regexp handles those.
func compileByteMatcher(pattern string) *byteMatcher {
	re, err := syntax.Parse(pattern, syntax.Perl)
	if err != nil {
		return nil
	}
	prog, err := syntax.Compile(re.Simplify())
	if err != nil {
		return nil
	}
	asciiProgram := true
	for i := range prog.Inst {
		inst := &prog.Inst[i]
		if inst.Op == syntax.InstEmptyWidth && syntax.EmptyOp(inst.Arg)&^(syntax.EmptyBeginText|syntax.EmptyEndText) != 0 {
			return nil
		}
		asciiProgram = asciiProgram && asciiOnly(inst)
	}
	b := &subsetBuilder{prog: prog, index: make(map[string]int), seen: make([]bool, len(prog.Inst))}
	b.classify()
	b.state(true, []uint32{uint32(prog.Start)})
	for i := 0; i < len(b.kernels); i++ {
		if len(b.kernels) > byteMatcherMaxStates {
			return nil
		}
		b.fill(i)
	}
	if len(b.kernels) > byteMatcherMaxStates {
		return nil
	}
	return &byteMatcher{states: b.states, asciiProgram: asciiProgram}
}

// asciiOnly reports whether an instruction matches no rune beyond ASCII.
func asciiOnly(inst *syntax.Inst) bool {
	switch inst.Op {
	case syntax.InstRuneAny, syntax.InstRuneAnyNotNL:
		return false
	case syntax.InstRune1:
		return inst.Rune[0] < utf8.RuneSelf
	case syntax.InstRune:
		if len(inst.Rune) == 1 {
			r0 := inst.Rune[0]
			if r0 >= utf8.RuneSelf {
				return false
			}
			if syntax.Flags(inst.Arg)&syntax.FoldCase != 0 {
				for r := unicode.SimpleFold(r0); r != r0; r = unicode.SimpleFold(r) {
					if r >= utf8.RuneSelf {
						return false
					}
				}
			}
			return true
		}
		return len(inst.Rune)%2 == 0 && (len(inst.Rune) == 0 || inst.Rune[len(inst.Rune)-1] < utf8.RuneSelf)
	}
	return true
}

// subsetBuilder numbers the states of the automaton: each is the set of
// program counters reached after a byte (the kernel), and whether no byte
// has been read yet.
type subsetBuilder struct {
	prog    *syntax.Prog
	kernels [][]uint32
	begins  []bool
	states  []byteState
	index   map[string]int
	seen    []bool
	// class numbers the bytes that every instruction consumes alike;
	// representative holds one byte of each class.
	class          [256]uint8
	representative []int
}

// classify groups the bytes into classes, so that the transitions of a
// state are computed once per class rather than once per byte.
func (b *subsetBuilder) classify() {
	var runes []*syntax.Inst
	for pc := range b.prog.Inst {
		if isConsumer(b.prog.Inst[pc].Op) {
			runes = append(runes, &b.prog.Inst[pc])
		}
	}
	ids := make(map[string]uint8)
	sig := make([]byte, len(runes))
	for c := range 256 {
		if c >= utf8.RuneSelf {
			// No instruction consumes a byte beyond ASCII: all of them
			// are in the class of the bytes nothing consumes.
			clear(sig)
		} else {
			for i, inst := range runes {
				sig[i] = 0
				if matchesByte(inst, c) {
					sig[i] = 1
				}
			}
		}
		id, ok := ids[string(sig)]
		if !ok {
			id = uint8(len(b.representative))
			ids[string(sig)] = id
			b.representative = append(b.representative, c)
		}
		b.class[c] = id
	}
}

func (b *subsetBuilder) state(begin bool, kernel []uint32) int {
	slices.Sort(kernel)
	kernel = slices.Compact(kernel)
	key := make([]byte, 0, 1+4*len(kernel))
	if begin {
		key = append(key, 1)
	} else {
		key = append(key, 0)
	}
	for _, pc := range kernel {
		key = append(key, byte(pc>>24), byte(pc>>16), byte(pc>>8), byte(pc))
	}
	if i, ok := b.index[string(key)]; ok {
		return i
	}
	i := len(b.kernels)
	b.index[string(key)] = i
	b.kernels = append(b.kernels, kernel)
	b.begins = append(b.begins, begin)
	b.states = append(b.states, byteState{})
	return i
}

// closure follows the instructions that consume nothing from the kernel,
// given which of ^ and $ hold, and returns the instructions that consume a
// rune and whether a match is reached.
func (b *subsetBuilder) closure(kernel []uint32, begin, end bool) (consumers []uint32, match bool) {
	clear(b.seen)
	stack := slices.Clone(kernel)
	for len(stack) > 0 {
		pc := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if b.seen[pc] {
			continue
		}
		b.seen[pc] = true
		inst := &b.prog.Inst[pc]
		switch inst.Op {
		case syntax.InstAlt, syntax.InstAltMatch:
			stack = append(stack, inst.Out, inst.Arg)
		case syntax.InstCapture, syntax.InstNop:
			stack = append(stack, inst.Out)
		case syntax.InstEmptyWidth:
			op := syntax.EmptyOp(inst.Arg)
			if (op&syntax.EmptyBeginText == 0 || begin) && (op&syntax.EmptyEndText == 0 || end) {
				stack = append(stack, inst.Out)
			}
		case syntax.InstMatch:
			match = true
		case syntax.InstRune, syntax.InstRune1, syntax.InstRuneAny, syntax.InstRuneAnyNotNL:
			consumers = append(consumers, pc)
		}
	}
	return consumers, match
}

func (b *subsetBuilder) fill(i int) {
	kernel, begin := b.kernels[i], b.begins[i]
	consumers, matched := b.closure(kernel, begin, false)
	_, atEnd := b.closure(kernel, begin, true)
	restart := uint32(b.prog.Start)
	st := byteState{matched: matched, atEnd: atEnd}
	// A kernel of only the restart thread that consumes nothing and cannot
	// match at the end stays so for good.
	st.dead = !matched && !atEnd && len(consumers) == 0 && slices.Equal(kernel, []uint32{restart})
	if !st.dead && !matched {
		targets := make([]uint8, len(b.representative))
		for k, c := range b.representative {
			next := []uint32{restart}
			if c < utf8.RuneSelf {
				for _, pc := range consumers {
					if inst := &b.prog.Inst[pc]; matchesByte(inst, c) {
						next = append(next, inst.Out)
					}
				}
			}
			targets[k] = uint8(b.state(false, next))
		}
		for c := range 256 {
			st.next[c] = targets[b.class[c]]
		}
	}
	b.states[i] = st
}

// isConsumer reports whether an instruction consumes a rune.
func isConsumer(op syntax.InstOp) bool {
	switch op {
	case syntax.InstRune, syntax.InstRune1, syntax.InstRuneAny, syntax.InstRuneAnyNotNL:
		return true
	}
	return false
}

// matchesByte reports whether a rune instruction consumes the ASCII
// character c, as the regexp machines decide it.
func matchesByte(inst *syntax.Inst, c int) bool {
	switch inst.Op {
	case syntax.InstRune1:
		return rune(c) == inst.Rune[0]
	case syntax.InstRuneAny:
		return true
	case syntax.InstRuneAnyNotNL:
		return c != '\n'
	}
	return inst.MatchRune(rune(c))
}

// match reports whether text has a match of the pattern; decided is false
// when the text has a non-ASCII byte that the automaton cannot judge.
func (m *byteMatcher) match(text []byte) (matched, decided bool) {
	st := &m.states[0]
	for _, c := range text {
		if st.matched {
			return true, true
		}
		if st.dead {
			return false, true
		}
		if c >= utf8.RuneSelf && !m.asciiProgram {
			return false, false
		}
		st = &m.states[st.next[c]]
	}
	return st.matched || st.atEnd, true
}

// lazyByteMatcher builds the automaton of a pattern on first use: building
// them all costs a run that lints one small file about a millisecond, and
// such a run matches few of the patterns.
type lazyByteMatcher struct {
	pattern string
	once    sync.Once
	m       *byteMatcher
}

func newLazyByteMatcher(pattern string) *lazyByteMatcher {
	return &lazyByteMatcher{pattern: pattern}
}

// get returns the automaton, nil when the pattern has none. It is safe for
// concurrent use.
func (l *lazyByteMatcher) get() *byteMatcher {
	l.once.Do(func() { l.m = compileByteMatcher(l.pattern) })
	return l.m
}

// matchPattern reports whether text has a match of re, through its
// automaton when there is one.
func matchPattern(re *regexp.Regexp, l *lazyByteMatcher, text []byte) bool {
	if m := l.get(); m != nil {
		if matched, decided := m.match(text); decided {
			return matched
		}
	}
	return re.Match(text)
}
