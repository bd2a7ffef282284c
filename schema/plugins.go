package schema

import (
	_ "embed"
	"encoding/json"
	"sync"
)

// Plugin is a DataWorks Data Integration plugin: a stepType value and the
// documentation page it comes from.
type Plugin struct {
	// ID is the stepType value, matched exactly by DataWorks.
	ID string `json:"id"`
	// Title and URL name the page that documents the id (usually the
	// plugin's "data source" page, whose script demos use it).
	Title string `json:"title"`
	URL   string `json:"url"`
	// Reader and Writer report the directions the page documents.
	Reader bool `json:"reader"`
	Writer bool `json:"writer"`
	// Note says how the page supports the id when that is not plain.
	Note string `json:"note,omitempty"`
}

//go:embed plugins.json
var pluginsJSON []byte

var plugins = sync.OnceValues(func() ([]Plugin, error) {
	var doc struct {
		Plugins []Plugin `json:"plugins"`
	}
	err := json.Unmarshal(pluginsJSON, &doc)
	return doc.Plugins, err
})

// Plugins lists the plugin ids DataWorks documents, each with its source,
// the plugins with a parameter schema first. The list is data
// (plugins.json beside this file): a plugin DataWorks adds is one entry
// there. The embedded file is fixed at build time and a test decodes it, so
// Plugins returns nil only if that test fails.
func Plugins() []Plugin {
	list, err := plugins()
	if err != nil {
		return nil
	}
	return append([]Plugin(nil), list...)
}
