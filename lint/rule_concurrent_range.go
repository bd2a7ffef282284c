package lint

import (
	"math"
	"math/big"

	"github.com/dilint/dilint/taskcontent"
)

var _ = register(&Rule{
	Name:  "concurrent-range",
	Group: "settings",
	Doc: `setting.speed.concurrent, the number of parallel read and write threads, is outside 1 to 32, the range the DataWorks console offers.

A warning, not an error: the 1 to 32 range comes from the console's form, and the script-mode page ("Configure a batch synchronization node by using the code editor", https://www.alibabacloud.com/help/en/dataworks/user-guide/configure-a-batch-synchronization-node-by-using-the-code-editor) sets no upper bound; the resource group caps what a job really gets. A concurrency below 1 is not a positive whole number, which is the schema's finding (schema-other), so it is not reported twice.

The options min and max narrow the range for a team (for example max: 16 to keep jobs off a shared resource group's limits).

Fix: choose a concurrency within the range. More threads help only when the source can be split (splitPk) and the resource group has the slots.`,
	Bad:             `{"type": "job", "version": "2.0", "steps": [], "setting": {"speed": {"concurrent": 64, "throttle": false}}}`,
	Good:            `{"type": "job", "version": "2.0", "steps": [], "setting": {"speed": {"concurrent": 32, "throttle": false}}}`,
	URL:             docURL("concurrent-range"),
	DefaultSeverity: SeverityWarning,
	Options: []Option{
		{Name: "min", Type: OptionInt, Default: int64(1), Min: bound(1), Doc: "The least speed.concurrent accepted."},
		{Name: "max", Type: OptionInt, Default: int64(32), Min: bound(1), Doc: "The greatest speed.concurrent accepted."},
	},
	Run: func(pass *Pass) {
		setting, ok := jobSetting(pass.Doc)
		if !ok {
			return
		}
		c := setting.Concurrent()
		lo, hi := pass.IntOption("min"), pass.IntOption("max")
		n, ok := c.Int()
		if !ok && beyondInt64(c.Value) {
			// 1e999999 or a 5,000-digit integer: no other rule says it.
			pass.Reportf(c.Value, "speed.concurrent is %s; it must be between %d and %d", c.Value.Raw(), lo, hi)
			return
		}
		if !ok || n < 1 {
			return // absent, not an integer or not positive: the schema's finding
		}
		if n < lo || n > hi {
			pass.Reportf(c.Value, "speed.concurrent is %d; it must be between %d and %d", n, lo, hi)
		}
	},
})

// beyondInt64 reports whether v is a positive whole number too large for
// an int64, read as big.Float so that an exponent is not expanded.
func beyondInt64(v taskcontent.Value) bool {
	if v.Type() != taskcontent.TypeNumber {
		return false
	}
	f, _, err := big.ParseFloat(string(v.Raw()), 10, 64, big.ToNearestEven)
	return err == nil && f.Sign() > 0 && f.IsInt() && f.Cmp(new(big.Float).SetInt64(math.MaxInt64)) > 0
}
