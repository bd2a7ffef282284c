package lint

var _ = register(&Rule{
	Name:  "concurrent-range",
	Group: "settings",
	Doc: `setting.speed.concurrent, the number of parallel read and write threads, is outside 1 to 32, the range DataWorks accepts.

The options min and max narrow the range for a team (for example max: 16 to keep jobs off a shared resource group's limits).

Fix: choose a concurrency within the range. More threads help only when the source can be split (splitPk) and the resource group has the slots.`,
	Bad:             `{"type": "job", "version": "2.0", "steps": [], "setting": {"speed": {"concurrent": 64, "throttle": false}}}`,
	Good:            `{"type": "job", "version": "2.0", "steps": [], "setting": {"speed": {"concurrent": 32, "throttle": false}}}`,
	URL:             docURL("concurrent-range"),
	DefaultSeverity: SeverityError,
	Run: func(pass *Pass) {
		setting, ok := jobSetting(pass.Doc)
		if !ok {
			return
		}
		c := setting.Concurrent()
		n, ok := c.Int()
		if !ok {
			return // absent or not an integer: the schema's finding
		}
		lo, hi := intOption(pass, "min", 1), intOption(pass, "max", 32)
		if n < lo || n > hi {
			pass.Reportf(c.V, "speed.concurrent is %d; it must be between %d and %d", n, lo, hi)
		}
	},
})
