// Package reviewdog checks dilint's rdjson, rdjsonl, checkstyle and SARIF
// output with reviewdog's own parsers (github.com/reviewdog/reviewdog
// v0.21.0), so the formats are proven against the consumer that reads
// them in pull requests. It is a separate module so that reviewdog's
// dependencies (GitHub, GitLab and cloud clients) stay out of dilint's
// go.mod. Run it with:
//
//	go -C tools/reviewdog test ./...
package reviewdog
