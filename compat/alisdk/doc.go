// Package alisdk cross-checks package fetch against the official Alibaba
// Cloud Go SDK (github.com/aliyun/alibaba-cloud-sdk-go, services/dataworks-public).
// Its tests send the six DataWorks operations with the SDK to fetchtest's
// fake server, whose verifier must accept them, and compare the SDK's
// requests with fetch's, parameter by parameter. They do the same with the
// engine of the per-product SDK (github.com/alibabacloud-go/darabonba-openapi/v2),
// which signs with V3, so that both of fetch's signatures are checked
// against official code, and check that the SDKs' default credentials
// chain and fetch.DefaultProvider pick the same credential from the same
// environment. It is a module of its own
// so that the SDK, a 40 MB dependency, stays out of dilint's go.mod; run it
// with (cd compat/alisdk && go test ./...).
package alisdk
