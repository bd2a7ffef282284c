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
package taskcontent
