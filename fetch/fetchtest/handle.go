package fetchtest

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/dilint/dilint/fetch"
	"github.com/dilint/dilint/fetch/internal/signature"
)

// response is an answer before it is written.
type response struct {
	status      int
	header      http.Header
	contentType string
	body        []byte
	code        string // error code, for the call record
}

func (r *response) write(w http.ResponseWriter) {
	for k, v := range r.header {
		w.Header()[k] = v
	}
	w.Header().Set("Content-Type", r.contentType)
	w.Header().Set("Content-Length", strconv.Itoa(len(r.body)))
	w.WriteHeader(r.status)
	_, _ = w.Write(r.body)
}

func jsonResponse(status int, v any) *response {
	body, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return &response{status: status, contentType: "application/json;charset=utf-8", body: body}
}

// errorResponse is the gateway's error envelope.
func errorResponse(status int, code, message string) *response {
	requestID := newRequestID()
	r := jsonResponse(status, map[string]string{
		"RequestId": requestID,
		"HostId":    "dataworks." + Region + ".aliyuncs.com",
		"Code":      code,
		"Message":   message,
		"Recommend": "https://api.aliyun.com/troubleshoot?q=" + code + "&product=dataworks-public&requestId=" + requestID,
	})
	r.code = code
	r.header = http.Header{"X-Acs-Request-Id": {requestID}}
	return r
}

// success is a 200 answer with Data.
func success(data map[string]any) *response {
	requestID := newRequestID()
	r := jsonResponse(http.StatusOK, map[string]any{"RequestId": requestID, "Success": true, "Data": data})
	r.header = http.Header{"X-Acs-Request-Id": {requestID}}
	return r
}

// failed is a 200 answer whose Data.Status is "fail".
func failed(message string) *response {
	return success(map[string]any{"Status": "fail", "Message": message})
}

// maxSkew is how far a request's time may be from the server's.
const maxSkew = 15 * time.Minute

// handle verifies a request's signature and carries it out.
func (s *Server) handle(r *http.Request, body []byte, call *Call) *response {
	params := url.Values{}
	for k, v := range call.Query {
		params[k] = append(params[k], v...)
	}
	for k, v := range call.Form {
		params[k] = append(params[k], v...)
	}
	if err := s.verify(r, body, params, call); err != nil {
		return err
	}
	version := params.Get("Version")
	if call.Signature == "v3" {
		version = r.Header.Get("x-acs-version")
	}
	if version != fetch.APIVersion {
		return errorResponse(http.StatusBadRequest, "InvalidVersion", "Specified parameter Version is not valid.")
	}
	switch call.Action {
	case fetch.ActionGenerateForCreating, fetch.ActionGenerateForUpdating:
		return s.generateProcess(params, *call)
	case fetch.ActionQuery:
		return s.query(params)
	case fetch.ActionCreate:
		return s.create(params)
	case fetch.ActionUpdate:
		return s.update(params)
	case fetch.ActionGetTask:
		return s.getTask(params)
	}
	return errorResponse(http.StatusNotFound, "InvalidAction.NotFound", "Specified api is not found, please check your url and method.")
}

// verify checks the signature, v1 or V3, and the freshness of the request.
// It returns nil when the request is authentic.
func (s *Server) verify(r *http.Request, body []byte, params url.Values, call *Call) *response {
	var id, nonce, date, token, want, got, stringToSign string
	switch auth := r.Header.Get("Authorization"); {
	case auth != "":
		akid, signed, sig, ok := signature.ParseAuthorizationV3(auth)
		if !ok {
			return errorResponse(http.StatusBadRequest, "IncompleteSignature", "The Authorization header is not a valid ACS3-HMAC-SHA256 authorization.")
		}
		for _, h := range []string{"host", "x-acs-action", "x-acs-content-sha256", "x-acs-date", "x-acs-signature-nonce", "x-acs-version"} {
			if !contains(signed, h) {
				return errorResponse(http.StatusBadRequest, "IncompleteSignature", "The header "+h+" must be signed.")
			}
		}
		if r.Header.Get("x-acs-security-token") != "" && !contains(signed, "x-acs-security-token") {
			return errorResponse(http.StatusBadRequest, "IncompleteSignature", "The header x-acs-security-token must be signed.")
		}
		hash := signature.HashPayload(body)
		if r.Header.Get("x-acs-content-sha256") != hash {
			return errorResponse(http.StatusBadRequest, "SignatureDoesNotMatch", "The x-acs-content-sha256 header does not match the request body.")
		}
		id, nonce, date, token, got = akid, r.Header.Get("x-acs-signature-nonce"), r.Header.Get("x-acs-date"), r.Header.Get("x-acs-security-token"), sig
		h := r.Header.Clone()
		h.Set("host", r.Host)
		stringToSign = signature.StringToSignV3(signature.CanonicalRequestV3(r.Method, r.URL.Path, call.Query, h, signed, hash))
		cred, resp := s.credential(id, token)
		if resp != nil {
			return resp
		}
		want = signature.SignV3(stringToSign, cred.AccessKeySecret)
	case params.Has("Signature"):
		for _, p := range []string{"AccessKeyId", "SignatureNonce", "Timestamp", "SignatureMethod", "SignatureVersion"} {
			if params.Get(p) == "" {
				return errorResponse(http.StatusBadRequest, "IncompleteSignature", "The parameter "+p+" is required to sign the request.")
			}
		}
		if params.Get("SignatureMethod") != signature.MethodV1 || params.Get("SignatureVersion") != signature.VersionV1 {
			return errorResponse(http.StatusBadRequest, "IncompleteSignature", "Only SignatureMethod HMAC-SHA1 with SignatureVersion 1.0 is supported.")
		}
		id, nonce, date, token, got = params.Get("AccessKeyId"), params.Get("SignatureNonce"), params.Get("Timestamp"), params.Get("SecurityToken"), params.Get("Signature")
		stringToSign = signature.StringToSignV1(r.Method, params)
		cred, resp := s.credential(id, token)
		if resp != nil {
			return resp
		}
		want = signature.SignV1(stringToSign, cred.AccessKeySecret)
	default:
		return errorResponse(http.StatusBadRequest, "MissingSignature", "The request is not signed.")
	}
	t, err := time.Parse(signature.TimeFormat, date)
	if err != nil {
		return errorResponse(http.StatusBadRequest, "IllegalTimestamp", "The input parameter \"Timestamp\" that is mandatory for processing this request is not supplied or malformed.")
	}
	if d := time.Since(t); d > maxSkew || d < -maxSkew {
		return errorResponse(http.StatusBadRequest, "InvalidTimeStamp.Expired", "Specified time stamp or date value is expired.")
	}
	if !signature.Equal(got, want) {
		// The gateway quotes what it signed; clients must not pass it on.
		return errorResponse(http.StatusBadRequest, "SignatureDoesNotMatch",
			"Specified signature is not matched with our calculation. server string to sign is:"+stringToSign)
	}
	s.mu.Lock()
	used := s.nonces[nonce]
	s.nonces[nonce] = true
	s.mu.Unlock()
	if used {
		return errorResponse(http.StatusBadRequest, "SignatureNonceUsed", "Specified signature nonce was used already.")
	}
	return nil
}

func (s *Server) credential(id, token string) (fetch.Credential, *response) {
	s.mu.Lock()
	cred, ok := s.creds[id]
	expired := s.expired[id]
	s.mu.Unlock()
	if !ok {
		return cred, errorResponse(http.StatusNotFound, "InvalidAccessKeyId.NotFound", "Specified access key is not found.")
	}
	if cred.SecurityToken != token {
		return cred, errorResponse(http.StatusBadRequest, "InvalidSecurityToken.MismatchWithAccessKey", "Specified SecurityToken mismatch with the AccessKey.")
	}
	if expired {
		return cred, errorResponse(http.StatusBadRequest, "InvalidSecurityToken.Expired", "Specified SecurityToken is expired.")
	}
	return cred, nil
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// required checks that each named parameter is present and, for IDs,
// positive.
func required(params url.Values, names ...string) *response {
	for _, name := range names {
		v := params.Get(name)
		if v == "" {
			return errorResponse(http.StatusBadRequest, "MissingParameter",
				fmt.Sprintf("The input parameter %q that is mandatory for processing this request is not supplied.", name))
		}
		switch name {
		case "ProjectId", "AsyncProcessId", "FileId", "TaskId":
			if n, err := strconv.ParseInt(v, 10, 64); err != nil || n <= 0 {
				return errorResponse(http.StatusBadRequest, "InvalidParameter", fmt.Sprintf("The parameter %s is invalid.", name))
			}
		case "TaskType":
			if v != string(fetch.TaskTypeOffline) && v != string(fetch.TaskTypeRealtime) && v != string(fetch.TaskTypeSolution) {
				return errorResponse(http.StatusBadRequest, "InvalidParameter", "The parameter TaskType is invalid.")
			}
		}
	}
	return nil
}

// idempotent returns the ID an earlier call with the same ClientToken got.
func (s *Server) idempotent(action, token string) (int64, bool) {
	if token == "" {
		return 0, false
	}
	id, ok := s.tokens[action+"\x00"+token]
	return id, ok
}

func (s *Server) remember(action, token string, id int64) {
	if token != "" {
		s.tokens[action+"\x00"+token] = id
	}
}

func (s *Server) generateProcess(params url.Values, call Call) *response {
	names := []string{"ProjectId", "TaskType", "TaskParam"}
	if call.Action == fetch.ActionGenerateForUpdating {
		names = append(names, "TaskId")
	}
	if resp := required(params, names...); resp != nil {
		return resp
	}
	if !json.Valid([]byte(params.Get("TaskParam"))) {
		return failed("TaskParam is invalid.")
	}
	s.mu.Lock()
	_, taskExists := s.tasks[taskID(params)]
	token := params.Get("ClientToken")
	id, seen := s.idempotent(call.Action, token)
	generate := s.generate
	s.mu.Unlock()
	if call.Action == fetch.ActionGenerateForUpdating && !taskExists {
		return failed(fmt.Sprintf("taskId:[%d] is invalid.", taskID(params)))
	}
	if !seen {
		p := Process{TaskContent: DefaultTaskContent}
		if generate != nil {
			p = generate(call)
		}
		s.mu.Lock()
		id = s.addProcess(params.Get("ProjectId"), p)
		s.remember(call.Action, token, id)
		s.mu.Unlock()
	}
	return success(map[string]any{"ProcessId": id, "Status": "success"})
}

func taskID(params url.Values) int64 {
	id, _ := strconv.ParseInt(params.Get("TaskId"), 10, 64)
	return id
}

func (s *Server) query(params url.Values) *response {
	if resp := required(params, "ProjectId", "TaskType", "AsyncProcessId"); resp != nil {
		return resp
	}
	id, _ := strconv.ParseInt(params.Get("AsyncProcessId"), 10, 64)
	s.mu.Lock()
	defer s.mu.Unlock()
	p, ok := s.processes[id]
	if !ok || p.projectID != params.Get("ProjectId") {
		return failed(fmt.Sprintf("asyncProcessId:[%d] is invalid.", id))
	}
	if p.polls < p.Pending {
		p.polls++
		data := map[string]any{}
		if p.PendingStatus != "" {
			data["Status"] = p.PendingStatus
		}
		return success(data)
	}
	if p.FailMessage != "" {
		return failed(p.FailMessage)
	}
	return success(map[string]any{"Status": "success", "Message": nil, "TaskContent": p.TaskContent})
}

func (s *Server) create(params url.Values) *response {
	if resp := required(params, "ProjectId", "TaskType", "TaskName", "TaskContent"); resp != nil {
		return resp
	}
	if !json.Valid([]byte(params.Get("TaskContent"))) {
		return failed("TaskContent is invalid.")
	}
	if p := params.Get("TaskParam"); p != "" && !json.Valid([]byte(p)) {
		return failed("TaskParam is invalid.")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	token := params.Get("ClientToken")
	id, seen := s.idempotent(fetch.ActionCreate, token)
	if !seen {
		id = s.addTask(Task{
			ProjectID: params.Get("ProjectId"), TaskType: params.Get("TaskType"), TaskName: params.Get("TaskName"),
			TaskParam: params.Get("TaskParam"), TaskContent: params.Get("TaskContent"),
		})
		s.remember(fetch.ActionCreate, token, id)
	}
	return success(map[string]any{"FileId": id, "Status": "success"})
}

func (s *Server) update(params url.Values) *response {
	if resp := required(params, "ProjectId", "TaskType", "FileId"); resp != nil {
		return resp
	}
	for _, name := range []string{"TaskContent", "TaskParam"} {
		if v := params.Get(name); v != "" && !json.Valid([]byte(v)) {
			return failed(name + " is invalid.")
		}
	}
	id, _ := strconv.ParseInt(params.Get("FileId"), 10, 64)
	s.mu.Lock()
	defer s.mu.Unlock()
	t, ok := s.tasks[id]
	if !ok || t.ProjectID != params.Get("ProjectId") {
		return failed(fmt.Sprintf("fileId:[%d] is invalid.", id))
	}
	if v := params.Get("TaskContent"); v != "" {
		t.TaskContent = v
	}
	if v := params.Get("TaskParam"); v != "" {
		t.TaskParam = v
	}
	t.Updates++
	return success(map[string]any{"Status": "success"})
}

// getTask answers GetDISyncTask: a real-time task's content as Data.Code,
// a solution's as Data.SolutionDetail.ProcessContent.
func (s *Server) getTask(params url.Values) *response {
	if resp := required(params, "ProjectId", "TaskType", "FileId"); resp != nil {
		return resp
	}
	typ := params.Get("TaskType")
	if typ != string(fetch.TaskTypeRealtime) && typ != string(fetch.TaskTypeSolution) {
		return errorResponse(http.StatusBadRequest, "InvalidParameter", "Specified parameter TaskType is not valid.")
	}
	id, _ := strconv.ParseInt(params.Get("FileId"), 10, 64)
	s.mu.Lock()
	defer s.mu.Unlock()
	t, ok := s.tasks[id]
	if !ok || t.ProjectID != params.Get("ProjectId") || t.TaskType != typ {
		return failed(fmt.Sprintf("fileId:[%d] is invalid.", id))
	}
	if typ == string(fetch.TaskTypeRealtime) {
		return success(map[string]any{"Status": "success", "Code": t.TaskContent})
	}
	projectID, _ := strconv.ParseInt(t.ProjectID, 10, 64)
	return success(map[string]any{"Status": "success", "SolutionDetail": map[string]any{
		"Id": id, "Name": t.TaskName, "ProjectId": projectID, "Type": "holo", "SourceType": "mysql", "Status": "0",
		"ProcessContent": t.TaskContent, "ProcessExtra": `{"processType":"new","tableNum":1}`,
	}})
}
