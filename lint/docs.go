package lint

// DocsBaseURL is where the rule documentation pages live.
const DocsBaseURL = "https://github.com/dilint/dilint/blob/main/docs/rules/"

func docURL(name string) string { return DocsBaseURL + name + ".md" }
