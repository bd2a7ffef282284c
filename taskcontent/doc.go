// Package taskcontent is a lossless, position-aware model of DataWorks Data
// Integration sync-task documents: the job JSON ("TaskContent") that
// CreateDISyncTask and UpdateDISyncTask take, the TaskParam documents of the
// Create/Update and Generate APIs, and saved QueryDISyncTaskConfigProcessResult
// responses whose Data.TaskContent carries a job as an escaped JSON string.
//
// Parse keeps the original bytes: unknown fields, key order, whitespace and
// the spelling of numbers survive a round trip byte for byte, and no number
// ever passes through float64. Every value knows where it is: Document.Locate
// turns a JSON Pointer (RFC 6901) into byte offsets and 1-based line:column
// positions in the file the user has, mapping back through string escapes
// when the job was embedded in an API response.
//
// Typed, read-only views (Job, Step, Setting, TableRule, …) read the fields
// DataWorks uses, including fields published both as strings and numbers.
// An Editor applies batches of edits as byte-range replacements, so
// everything it does not touch stays exactly as it was.
//
// Positions, pointers and byte offsets are computed in this package only;
// the linter and the CLI use them as they are.
//
// # Conventions of the views
//
// Every view (Job, Step, Hop, Setting, Connection, TableRule, …) is a
// struct with one field, Value, the part of the document it reads; Flex
// adds how the value was spelled. A view is built from its Value
// (taskcontent.Step{Value: v}) and its methods never fail:
//
//   - A member read as text returns it, or "" when the member is absent,
//     null or not a string: Step.Name, Step.StepType, TableRule.SrcDB.
//     Method names follow the JSON key, with Go's initialisms (SrcDB for
//     srcDbName, as in TableMapping.SrcDB).
//   - A conversion that can fail returns (value, ok), like a map lookup:
//     Value.Int, Value.Bool, Flex.Int, Flex.Bool. ok is false for a
//     missing value as for one of the wrong type.
//   - A member that is a view or a raw value returns it, possibly missing
//     (check Value.Exists): Step.Parameter, Step.TableMappingRule.
//   - A list is an iterator of (index, element) named by the plural noun:
//     Job.Steps, Job.Hops, Step.Connections; collect it where a slice is
//     needed. Job.StepsByCategory, a filtered selection, is a slice.
//   - A lookup by name returns (view, ok): Job.Step, Job.Reader.
//
// Errors are reserved for what can go wrong beyond the document's shape:
// parsing, applying edits, validating.
package taskcontent
