module github.com/dilint/dilint/tools/devcmd

go 1.26

require github.com/dilint/dilint v0.0.0

require go.yaml.in/yaml/v3 v3.0.6 // indirect

replace github.com/dilint/dilint => ../..
