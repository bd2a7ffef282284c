package output

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"net/url"
	"path"
	"strings"
	"unicode/utf8"

	"github.com/dilint/dilint/lint"
	"github.com/dilint/dilint/taskcontent"
)

// The SARIF 2.1.0 subset dilint writes. Regions count columns in UTF-16
// code units (run.columnKind "utf16CodeUnits", SARIF's default and what
// GitHub code scanning expects); endColumn is the column after the span.
type sarifLog struct {
	Schema  string     `json:"$schema"`
	Version string     `json:"version"`
	Runs    []sarifRun `json:"runs"`
}

type sarifRun struct {
	Tool        sarifTool         `json:"tool"`
	Invocations []sarifInvocation `json:"invocations"`
	ColumnKind  string            `json:"columnKind"`
	Results     []sarifResult     `json:"results"`
}

type sarifTool struct {
	Driver sarifDriver `json:"driver"`
}

type sarifDriver struct {
	Name           string      `json:"name"`
	Version        string      `json:"version,omitempty"`
	InformationURI string      `json:"informationUri"`
	Rules          []sarifRule `json:"rules"`
}

type sarifRule struct {
	ID                   string             `json:"id"`
	Name                 string             `json:"name"`
	ShortDescription     sarifMessage       `json:"shortDescription"`
	FullDescription      sarifMessage       `json:"fullDescription"`
	Help                 sarifMessage       `json:"help"`
	HelpURI              string             `json:"helpUri,omitempty"`
	DefaultConfiguration sarifConfiguration `json:"defaultConfiguration"`
	Properties           sarifRuleProps     `json:"properties"`
}

type sarifRuleProps struct {
	Tags []string `json:"tags"`
}

type sarifConfiguration struct {
	Enabled bool   `json:"enabled"`
	Level   string `json:"level"`
}

type sarifMessage struct {
	Text     string `json:"text"`
	Markdown string `json:"markdown,omitempty"`
}

type sarifInvocation struct {
	ExecutionSuccessful bool                `json:"executionSuccessful"`
	Notifications       []sarifNotification `json:"toolExecutionNotifications,omitempty"`
}

type sarifNotification struct {
	Level     string          `json:"level"`
	Message   sarifMessage    `json:"message"`
	Locations []sarifLocation `json:"locations,omitempty"`
}

type sarifResult struct {
	RuleID              string            `json:"ruleId"`
	RuleIndex           int               `json:"ruleIndex"`
	Level               string            `json:"level"`
	Message             sarifMessage      `json:"message"`
	Locations           []sarifLocation   `json:"locations"`
	RelatedLocations    []sarifLocation   `json:"relatedLocations,omitempty"`
	PartialFingerprints map[string]string `json:"partialFingerprints"`
	Properties          *sarifResultProps `json:"properties,omitempty"`
}

type sarifResultProps struct {
	Pointer string `json:"jsonPointer,omitempty"`
}

type sarifLocation struct {
	ID               *int                  `json:"id,omitempty"`
	PhysicalLocation sarifPhysicalLocation `json:"physicalLocation"`
	Message          *sarifMessage         `json:"message,omitempty"`
}

type sarifPhysicalLocation struct {
	ArtifactLocation sarifArtifactLocation `json:"artifactLocation"`
	Region           *sarifRegion          `json:"region,omitempty"`
}

type sarifArtifactLocation struct {
	URI string `json:"uri"`
}

type sarifRegion struct {
	StartLine   int `json:"startLine"`
	StartColumn int `json:"startColumn"`
	EndLine     int `json:"endLine"`
	EndColumn   int `json:"endColumn"`
}

const (
	sarifSchema = "https://json.schemastore.org/sarif-2.1.0.json"
	// InformationURI is dilint's home page, recorded as the SARIF tool's
	// informationUri.
	InformationURI = "https://github.com/dilint/dilint"
	// fingerprintKey names dilint's entry in partialFingerprints. Its
	// value hashes the file, rule, JSON Pointer and message, so a finding
	// keeps its identity when lines move above it.
	fingerprintKey = "dilint/v1"
	// sarifTextLimit is GitHub's limit for rule descriptions.
	sarifTextLimit = 1024
)

type sarifOutput struct {
	w         io.Writer
	log       sarifLog
	ruleIndex map[string]int
}

func newSARIF(w io.Writer, opts Options) *sarifOutput {
	o := &sarifOutput{w: w, ruleIndex: map[string]int{}}
	driver := sarifDriver{Name: "dilint", Version: opts.ToolVersion, InformationURI: InformationURI, Rules: []sarifRule{}}
	for _, r := range opts.Rules {
		o.ruleIndex[r.Name] = len(driver.Rules)
		driver.Rules = append(driver.Rules, sarifRuleOf(r))
	}
	o.log = sarifLog{
		Schema:  sarifSchema,
		Version: "2.1.0",
		Runs: []sarifRun{{
			Tool:        sarifTool{Driver: driver},
			Invocations: []sarifInvocation{{ExecutionSuccessful: true}},
			ColumnKind:  "utf16CodeUnits",
			Results:     []sarifResult{},
		}},
	}
	return o
}

func sarifRuleOf(r *lint.Rule) sarifRule {
	doc := strings.TrimSpace(r.Doc)
	if doc == "" {
		doc = r.Name
	}
	summary, _, _ := strings.Cut(r.Summary(), "\n")
	if summary == "" {
		summary = r.Name
	}
	level := sarifLevel(r.DefaultSeverity)
	tags := []string{}
	if r.Group != "" {
		tags = append(tags, r.Group)
	}
	return sarifRule{
		ID:                   r.Name,
		Name:                 r.Name,
		ShortDescription:     sarifMessage{Text: truncate(summary, sarifTextLimit)},
		FullDescription:      sarifMessage{Text: truncate(doc, sarifTextLimit)},
		Help:                 sarifMessage{Text: doc, Markdown: doc},
		HelpURI:              r.URL,
		DefaultConfiguration: sarifConfiguration{Enabled: r.DefaultSeverity != lint.SeverityOff, Level: level},
		Properties:           sarifRuleProps{Tags: tags},
	}
}

// truncate cuts s to at most n bytes on a rune boundary, marking the cut.
func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	cut := n - len("…")
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + "…"
}

func sarifLevel(s lint.Severity) string {
	switch s {
	case lint.SeverityError:
		return "error"
	case lint.SeverityWarning:
		return "warning"
	case lint.SeverityOff:
		return "none"
	}
	return "note"
}

// fileURI turns a display path into a SARIF artifact URI: relative paths
// stay relative (GitHub resolves them against the repository root),
// absolute ones become file URIs.
func fileURI(p string) string {
	u := url.URL{Path: p}
	if path.IsAbs(p) {
		u.Scheme = "file"
	}
	return u.String()
}

func (o *sarifOutput) Write(f *File) error {
	run := &o.log.Runs[0]
	if f.Err != nil {
		run.Invocations[0].ExecutionSuccessful = false
		run.Invocations[0].Notifications = append(run.Invocations[0].Notifications, sarifNotification{
			Level:     "error",
			Message:   sarifMessage{Text: f.Err.Error()},
			Locations: []sarifLocation{{PhysicalLocation: sarifPhysicalLocation{ArtifactLocation: sarifArtifactLocation{URI: fileURI(f.Path)}}}},
		})
		return nil
	}
	src := newSource(f)
	for _, d := range f.Diagnostics {
		idx, ok := o.ruleIndex[d.Rule]
		if !ok {
			idx = len(run.Tool.Driver.Rules)
			o.ruleIndex[d.Rule] = idx
			r, found := lint.Lookup(d.Rule)
			if !found {
				r = &lint.Rule{Name: d.Rule, URL: d.URL, DefaultSeverity: d.Severity}
			}
			run.Tool.Driver.Rules = append(run.Tool.Driver.Rules, sarifRuleOf(r))
		}
		res := sarifResult{
			RuleID:              d.Rule,
			RuleIndex:           idx,
			Level:               sarifLevel(d.Severity),
			Message:             sarifMessage{Text: d.Message},
			Locations:           []sarifLocation{o.location(f, src, d.Start, d.End, "")},
			PartialFingerprints: map[string]string{fingerprintKey: fingerprint(f.Path, d)},
		}
		if d.Pointer != "" {
			res.Properties = &sarifResultProps{Pointer: d.Pointer}
		}
		for i, r := range d.Related {
			if !r.Start.IsValid() {
				continue
			}
			loc := o.location(f, src, r.Start, r.End, r.Message)
			id := i + 1
			loc.ID = &id
			res.RelatedLocations = append(res.RelatedLocations, loc)
		}
		run.Results = append(run.Results, res)
	}
	return nil
}

func (o *sarifOutput) location(f *File, src *source, start, end taskcontent.Position, msg string) sarifLocation {
	loc := sarifLocation{PhysicalLocation: sarifPhysicalLocation{ArtifactLocation: sarifArtifactLocation{URI: fileURI(f.Path)}}}
	if start.IsValid() {
		if !end.IsValid() || end.Offset < start.Offset {
			end = start
		}
		loc.PhysicalLocation.Region = &sarifRegion{
			StartLine:   start.Line,
			StartColumn: src.columnUTF16(start),
			EndLine:     end.Line,
			EndColumn:   src.columnUTF16(end),
		}
	}
	if msg != "" {
		loc.Message = &sarifMessage{Text: msg}
	}
	return loc
}

// fingerprint identifies a finding independently of its line: the same
// rule reporting the same message at the same pointer of the same file.
func fingerprint(file string, d lint.Diagnostic) string {
	h := sha256.New()
	for _, s := range []string{file, d.Rule, d.Pointer, d.Message} {
		h.Write([]byte(s))
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil))[:32]
}

func (o *sarifOutput) Flush(Summary) error {
	enc := json.NewEncoder(o.w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(o.log)
}
