module github.com/dilint/dilint

go 1.26

require (
	github.com/aliyun/credentials-go v1.4.14
	github.com/bmatcuk/doublestar/v4 v4.10.4
	github.com/google/go-cmp v0.7.0
	github.com/mattn/go-runewidth v0.0.31
	github.com/pmezard/go-difflib v1.0.0
	github.com/santhosh-tekuri/jsonschema/v6 v6.0.3
	github.com/tidwall/gjson v1.20.4
	github.com/tidwall/sjson v1.2.10
	go.yaml.in/yaml/v3 v3.0.6
	golang.org/x/text v0.16.0
)

require (
	github.com/alibabacloud-go/debug v1.0.1 // indirect
	github.com/clipperhouse/uax29/v2 v2.2.0 // indirect
	github.com/tidwall/match v1.1.1 // indirect
	github.com/tidwall/pretty v1.3.0 // indirect
	gopkg.in/ini.v1 v1.67.0 // indirect
)
