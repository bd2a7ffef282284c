package schema

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/url"
	"sort"
	"strings"
	"sync"
)

// Bundle returns every embedded schema as one self-contained draft 2020-12
// document for standard validators and editors (ajv in its default strict
// mode, SchemaStore): the root validates a job document, and each schema
// file sits under $defs with its references rewritten to local ones, so no
// reference leaves the document. The top-level schemas are $defs named
// after their Name: "#/$defs/job", "#/$defs/taskparam",
// "#/$defs/realtime-taskparam" and "#/$defs/update-taskparam".
//
// It uses standard keywords only, in forms strict validators accept
// without warnings: union types are written as anyOf, and branches of
// object schemas say "type": "object". BundleVSCode adds the annotations
// VS Code shows.
//
// The result is indented JSON with sorted keys; the caller may keep or
// modify it.
func Bundle() []byte { return mustBundle(bundleStandard) }

// BundleVSCode is Bundle as VS Code's json.schemas reads it best: with the
// enumDescriptions annotation it shows beside each enum value in
// completion lists, a keyword other validators do not know (ajv's strict
// mode rejects it).
func BundleVSCode() []byte { return mustBundle(bundleVSCode) }

func mustBundle(f func() ([]byte, error)) []byte {
	b, err := f()
	if err != nil {
		// The embedded files are fixed at build time and covered by
		// tests, so this cannot happen in a released binary.
		panic(err)
	}
	return bytes.Clone(b)
}

var (
	bundleVSCode   = sync.OnceValues(func() ([]byte, error) { return bundle(false) })
	bundleStandard = sync.OnceValues(func() ([]byte, error) { return bundle(true) })
)

// bundleID is the $id of the bundled document.
const bundleID = baseURL + "dilint.json"

// bundle builds the bundle; standard rewrites it for strict validators.
func bundle(standard bool) ([]byte, error) {
	docs, err := rawDocs()
	if err != nil {
		return nil, err
	}
	files := make([]string, 0, len(docs))
	for f := range docs {
		files = append(files, f)
	}
	sort.Strings(files)
	defs := make(map[string]any, len(docs))
	for _, f := range files {
		doc, ok := docs[f].(map[string]any)
		if !ok {
			return nil, fmt.Errorf("schema: %s is not an object", f)
		}
		embedded, err := localize(doc, f)
		if err != nil {
			return nil, err
		}
		m := embedded.(map[string]any)
		delete(m, "$schema")
		delete(m, "$id")
		defs[defName(f)] = m
	}
	root := map[string]any{
		"$schema":     "https://json-schema.org/draft/2020-12/schema",
		"$id":         bundleID,
		"title":       Describe(Job),
		"description": "DataWorks Data Integration documents, bundled by dilint. The root validates a job (TaskContent); the TaskParam schemas are #/$defs/taskparam, #/$defs/realtime-taskparam and #/$defs/update-taskparam.",
		"$ref":        "#/$defs/" + defName(Job.file()),
		"$defs":       defs,
	}
	if standard {
		root = standardize(root, false).(map[string]any)
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(root); err != nil {
		return nil, fmt.Errorf("schema: encode bundle: %w", err)
	}
	return buf.Bytes(), nil
}

// defName is the $defs key of a schema file: its path without ".json",
// with "/" replaced by "-" so that the key needs no pointer escaping.
func defName(file string) string {
	return strings.ReplaceAll(strings.TrimSuffix(file, ".json"), "/", "-")
}

// localize copies a decoded schema file, rewriting every $ref to a pointer
// into the bundle's $defs.
func localize(node any, file string) (any, error) {
	switch n := node.(type) {
	case map[string]any:
		out := make(map[string]any, len(n))
		for k, v := range n {
			if ref, ok := v.(string); ok && k == "$ref" {
				local, err := localRef(ref, file)
				if err != nil {
					return nil, err
				}
				out[k] = local
				continue
			}
			c, err := localize(v, file)
			if err != nil {
				return nil, err
			}
			out[k] = c
		}
		return out, nil
	case []any:
		out := make([]any, len(n))
		for i, v := range n {
			c, err := localize(v, file)
			if err != nil {
				return nil, err
			}
			out[i] = c
		}
		return out, nil
	default:
		return n, nil
	}
}

func localRef(ref, file string) (string, error) {
	base, err := url.Parse(baseURL + file)
	if err != nil {
		return "", err
	}
	u, err := base.Parse(ref)
	if err != nil {
		return "", fmt.Errorf("schema: %s: bad $ref %q: %w", file, ref, err)
	}
	frag := u.Fragment
	u.Fragment = ""
	target, ok := strings.CutPrefix(u.String(), baseURL)
	if !ok {
		return "", fmt.Errorf("schema: %s: $ref %q leaves the embedded schemas", file, ref)
	}
	if frag != "" && !strings.HasPrefix(frag, "/") {
		return "", fmt.Errorf("schema: %s: $ref %q uses an anchor; only JSON Pointer fragments can be bundled", file, ref)
	}
	return "#/$defs/" + defName(target) + frag, nil
}
