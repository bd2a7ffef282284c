package taskcontent

import (
	"fmt"

	"github.com/dilint/dilint/schema"
)

// Violation is a schema violation positioned in the file the user has.
type Violation struct {
	schema.Violation
	// Location is where Pointer is in the file. For a missing key it is the
	// closest existing ancestor (Location.Found is false).
	Location Location
}

// String formats the violation as "line:col: pointer: message".
func (v Violation) String() string {
	return fmt.Sprintf("%s: %s", v.Location.Start(), v.Violation.String())
}

// SchemaName returns the embedded schema that applies to the content's
// kind, or false when none does (unknown JSON, DataX jobs, empty content).
func (d *Document) SchemaName() (schema.Name, bool) {
	switch d.kind {
	case KindJob:
		return schema.Job, true
	case KindTaskParam:
		return schema.TaskParam, true
	case KindRealtimeTaskParam:
		return schema.RealtimeTaskParam, true
	case KindUpdateTaskParam:
		return schema.UpdateTaskParam, true
	case KindSolution:
		return schema.Solution, true
	}
	return "", false
}

// Validate checks the content against the schema for its kind and returns
// the violations with their positions in the file, sorted as schema sorts
// them. A document whose kind has no schema has no violations.
//
// The document is checked where it lies, by schema.ValidateNode, without
// decoding it, valid or not.
func (d *Document) Validate() ([]Violation, error) {
	name, ok := d.SchemaName()
	if !ok {
		return nil, nil
	}
	vs, err := schema.ValidateNode(name, newSchemaNode(d.Root()))
	if err != nil || len(vs) == 0 {
		return nil, err
	}
	out := make([]Violation, len(vs))
	for i, v := range vs {
		out[i] = Violation{Violation: v, Location: d.Locate(v.Pointer)}
	}
	return out, nil
}
