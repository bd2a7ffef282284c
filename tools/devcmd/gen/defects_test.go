package main

import (
	"bytes"
	"testing"

	"github.com/dilint/dilint/internal/corpus"
)

func TestInject(t *testing.T) {
	src := corpus.Solution(corpus.Options{Tables: 5, Indent: true})
	out, err := Inject(src, Defects()...)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`"name": "reader "`, `"concurrent": 64`, `"corpus-Pa55word"`, `"totalTableMapping": 6`, `"dstTable": "other.t_shop_00000"`} {
		if !bytes.Contains(out, []byte(want)) {
			t.Errorf("missing %s", want)
		}
	}
	if _, err := Inject(src, "nope"); err == nil {
		t.Error("unknown defect accepted")
	}
}
