// Package fetch is a client for the DataWorks OpenAPI (version 2020-05-18)
// calls that move Data Integration TaskContent: GenerateDISyncTaskConfigForCreating
// and …ForUpdating, QueryDISyncTaskConfigProcessResult, CreateDISyncTask,
// UpdateDISyncTask and GetDISyncTask. Besides the standard library it uses only
// github.com/aliyun/credentials-go, for Alibaba Cloud's credentials chain.
//
// A batch (DI_OFFLINE) task is created or updated directly:
//
//	c, err := fetch.New(fetch.Config{Region: "cn-shanghai"})
//	res, err := c.Create(ctx, fetch.CreateRequest{ProjectID: 10000, TaskType: fetch.TaskTypeOffline, TaskName: "orders", TaskContent: doc})
//
// Real-time tasks and synchronization solutions go through an asynchronous
// process: Generate returns a process ID, Wait polls Query until DataWorks
// has produced the TaskContent, and Create or Update sends it, possibly
// after linting and editing it as a taskcontent.Document.
//
// Requests are POSTs over HTTPS to dataworks.<region>.aliyuncs.com (see
// Endpoint), signed with signature v1 (HMAC-SHA1), byte-compatible with the
// official Go SDK, or V3 (ACS3-HMAC-SHA256). Credentials come from a
// Provider, asked before every attempt; DefaultProvider is Alibaba Cloud's
// default chain (see DefaultChain): environment, OIDC, aliyun CLI profile,
// ~/.alibabacloud/credentials, ECS instance RAM role, credentials URI.
//
// # Errors
//
// Errors are typed: *APIError for an error response (Code, Message,
// RequestID, HTTPStatus), *StatusError for a request DataWorks answered with
// Data.Status "fail", *TransportError when no complete response arrived,
// *ResponseError for a 2xx body that is not a DataWorks answer, and
// *PendingError for a Wait that ran out of time. Transport errors, 5xx
// responses and throttling are retried with capped exponential backoff and
// jitter, honouring the TimeLeft of the x-ratelimit headers, and each retry
// is signed anew. Create and Generate always carry a ClientToken, made at
// random unless given, so a retry cannot create a second task or process.
//
// # Call budget
//
// DataWorks Basic edition allows 5 calls per second and 100 calls a day.
// Generate, Query, Create and Update each make one call when nothing goes
// wrong, and at most RetryPolicy.MaxAttempts (4 by default) when something
// does. Wait makes one Query call per poll; its documentation gives the
// schedule.
//
// # Secrets
//
// AccessKey secrets, security tokens and signatures never appear in errors,
// in log records or in the String form of a Credential; text the server
// sends back is cleaned of them, and of the string the gateway signed,
// before it reaches an error. Parameter values, which may hold passwords
// inside a job, are never logged. TLS certificates are always verified,
// plain http is refused except for loopback test servers, response bodies
// are size-limited, and redirects are never followed.
package fetch
