package schema

import (
	"maps"
	"slices"
)

// fastDispatch replaces the evaluation of every entry of an allOf list of
// if/then entries that test one property of an object by const or enum, as
// step.json does for each plugin on stepType and category. Instead of
// evaluating every if, valid looks the property's value up and evaluates
// only the entries whose if that value can satisfy.
//
// It is exact because each entry in cases is {"if": ..., "then": ...}
// (with nothing else that affects validity) whose if requires key and
// allows only the strings listed for it: when the object's value of key
// (its last member, the one not Shadowed and so the one validation checks)
// is missing, not a string or not among them, that if fails and the entry
// is valid. An entry looked up is evaluated whole, if included, unless its
// if is nothing but such tests; then the tests are checked directly and
// the then applied when they pass. Instances that are not objects take
// the general path: properties and required ignore them, so every if
// passes.
type fastDispatch struct {
	// key is the discriminating property.
	key string
	// cases maps a value of key to the entries, in allOf order, whose if
	// it may satisfy.
	cases map[string][]fastCase
	// rest are the other entries of the allOf list, in order; they are
	// always evaluated.
	rest []*fastSchema
}

// fastCase is an entry of an allOf list that a value of the dispatch key
// may select.
type fastCase struct {
	entry *fastSchema
	// exact is set when the entry's if tests nothing but required
	// properties by string const or enum; then others lists those tests
	// besides the dispatch key, and the if passes exactly when they do.
	// Otherwise the entry is evaluated whole.
	exact  bool
	others []fastGuard
}

// fastGuard is a required property tested by string const or enum.
type fastGuard struct {
	key    string
	values []string
}

// dispatchMin is the number of entries an allOf list must dispatch on one
// key for the dispatch to replace it.
const dispatchMin = 2

// buildDispatch returns the dispatch for an allOf list, or nil when fewer
// than dispatchMin of its entries are if/then tests of one property by
// const or enum. raw are the decoded entries and compiled their compiled
// schemas, index for index.
func buildDispatch(raw []any, compiled []*fastSchema) *fastDispatch {
	guards := make([]map[string][]string, len(raw))
	exact := make([]bool, len(raw))
	keys := make(map[string]bool)
	for i, entry := range raw {
		guards[i], exact[i] = ifThenGuard(entry)
		for k := range guards[i] {
			keys[k] = true
		}
	}
	// Choose the key that dispatches the most entries, then the one that
	// leaves the fewest to evaluate per value (the least sum of the squared
	// lengths of the case lists), then by name.
	var best *fastDispatch
	bestCount, bestCost := 0, 0
	for _, key := range slices.Sorted(maps.Keys(keys)) {
		d := &fastDispatch{key: key, cases: make(map[string][]fastCase)}
		count := 0
		for i, s := range compiled {
			values, ok := guards[i][key]
			if !ok {
				d.rest = append(d.rest, s)
				continue
			}
			count++
			c := fastCase{entry: s, exact: exact[i]}
			if c.exact {
				for _, other := range slices.Sorted(maps.Keys(guards[i])) {
					if other != key {
						c.others = append(c.others, fastGuard{key: other, values: guards[i][other]})
					}
				}
			}
			for _, v := range values {
				d.cases[v] = append(d.cases[v], c)
			}
		}
		cost := 0
		for _, list := range d.cases {
			cost += len(list) * len(list)
		}
		if count > bestCount || count == bestCount && cost < bestCost {
			best, bestCount, bestCost = d, count, cost
		}
	}
	if bestCount < dispatchMin {
		return nil
	}
	return best
}

// ifThenGuard returns, for an allOf entry {"if": {"properties": {...},
// "required": [...]}, "then": ...}, the properties its if requires and
// tests by const or enum, each with the strings it allows. Properties
// tested otherwise, or by values that are not all strings, are left out;
// so is every property when the entry or its if has any other keyword
// that affects validity, or an else. It returns nil when nothing is left.
// exact reports whether the tests returned are the whole if: every
// property of properties is required and tested that way, and every
// required property is in properties.
func ifThenGuard(entry any) (tests map[string][]string, exact bool) {
	obj, ok := entry.(map[string]any)
	if !ok || !onlyKeywords(obj, "if", "then") {
		return nil, false
	}
	ifObj, ok := obj["if"].(map[string]any)
	if !ok || !onlyKeywords(ifObj, "properties", "required") {
		return nil, false
	}
	props, _ := ifObj["properties"].(map[string]any)
	required, err := stringList(ifObj["required"])
	if err != nil {
		return nil, false
	}
	exact = true
	for _, name := range required {
		values, ok := stringTest(props[name])
		if !ok {
			exact = false
			continue
		}
		if tests == nil {
			tests = make(map[string][]string)
		}
		tests[name] = values
	}
	return tests, exact && len(tests) == len(props)
}

// stringTest returns the strings a schema {"const": "s"} or {"enum":
// ["s", ...]} allows; ok is false for any other schema, including one
// that allows a value that is not a string.
func stringTest(schema any) (values []string, ok bool) {
	obj, isObj := schema.(map[string]any)
	if !isObj || !onlyKeywords(obj, "const", "enum") {
		return nil, false
	}
	c, hasConst := obj["const"]
	e, hasEnum := obj["enum"]
	switch {
	case hasConst && !hasEnum:
		s, isString := c.(string)
		return []string{s}, isString
	case hasEnum && !hasConst:
		list, err := stringList(e)
		if err != nil || len(list) == 0 {
			return nil, false
		}
		// A value listed twice is looked up once.
		slices.Sort(list)
		return slices.Compact(list), true
	}
	return nil, false
}

// onlyKeywords reports whether every keyword of a schema object that
// affects validity is one of allowed.
func onlyKeywords(obj map[string]any, allowed ...string) bool {
	for k := range obj {
		if ignoredKeywords[k] {
			continue
		}
		found := false
		for _, a := range allowed {
			found = found || k == a
		}
		if !found {
			return false
		}
	}
	return true
}

// validDispatch evaluates the allOf list of s for an object n through
// s.dispatch.
func validDispatch[N Node[N]](d *fastDispatch, n N) bool {
	for _, sub := range d.rest {
		if !valid(sub, n) {
			return false
		}
	}
	v, ok := n.Member(d.key)
	if !ok || v.Kind() != KindString {
		return true
	}
	for _, c := range d.cases[string(v.Text())] {
		if !c.exact {
			if !valid(c.entry, n) {
				return false
			}
			continue
		}
		if c.entry.thenS != nil && guardsPass(c.others, n) && !valid(c.entry.thenS, n) {
			return false
		}
	}
	return true
}

// guardsPass reports whether each property of the object n that a guard
// names has, in its last member, a string the guard allows.
func guardsPass[N Node[N]](guards []fastGuard, n N) bool {
	for i := range guards {
		g := &guards[i]
		v, ok := n.Member(g.key)
		if !ok || v.Kind() != KindString || !containsString(g.values, v.Text()) {
			return false
		}
	}
	return true
}

func containsString(list []string, b []byte) bool {
	for _, s := range list {
		if s == string(b) {
			return true
		}
	}
	return false
}
