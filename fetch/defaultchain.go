package fetch

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"sync"

	"github.com/aliyun/credentials-go/credentials/providers"
)

// DefaultChain resolves credentials the way Alibaba Cloud's SDKs do, with
// the providers of github.com/aliyun/credentials-go, trying in this order:
//
//  1. the environment: ALIBABA_CLOUD_ACCESS_KEY_ID and
//     ALIBABA_CLOUD_ACCESS_KEY_SECRET, with ALIBABA_CLOUD_SECURITY_TOKEN for
//     an STS credential;
//  2. OIDC (RRSA on ACK, GitHub Actions): ALIBABA_CLOUD_ROLE_ARN,
//     ALIBABA_CLOUD_OIDC_PROVIDER_ARN and ALIBABA_CLOUD_OIDC_TOKEN_FILE,
//     exchanged at STS by AssumeRoleWithOIDC;
//  3. the aliyun CLI configuration, $ALIBABA_CLOUD_CONFIG_FILE or
//     ~/.aliyun/config.json, in any mode the CLI writes (AK, StsToken,
//     RamRoleArn, ChainableRamRoleArn, EcsRamRole, OIDC, CloudSSO, OAuth,
//     External): the profile $ALIBABA_CLOUD_PROFILE, else the current one;
//     skipped when ALIBABA_CLOUD_CLI_PROFILE_DISABLED=true;
//  4. the credentials file, $ALIBABA_CLOUD_CREDENTIALS_FILE or
//     ~/.alibabacloud/credentials, section $ALIBABA_CLOUD_PROFILE or
//     [default], of type access_key, ram_role_arn or ecs_ram_role;
//  5. the ECS instance RAM role, from the instance metadata service
//     (role $ALIBABA_CLOUD_ECS_METADATA, else the instance's; IMDSv2 unless
//     ALIBABA_CLOUD_IMDSV1_DISABLED is unset and the token call fails);
//     skipped when ALIBABA_CLOUD_ECS_METADATA_DISABLED=true;
//  6. a credentials URI, ALIBABA_CLOUD_CREDENTIALS_URI, answering
//     {AccessKeyId, AccessKeySecret, SecurityToken, Expiration}.
//
// The first source that answers is kept for later calls, as the SDKs do.
// Temporary credentials (STS, ECS role, URI) are renewed when less than
// three minutes of their validity remain, so each call of a long Wait is
// signed with a valid key.
//
// Nothing is read until the first call of Credential. Errors name the
// sources and why each failed, never a secret: answers of STS, the
// metadata service or the URI are withheld (only an error Code is kept),
// and so are the contents of files. A configuration file that the group
// or others may read is reported to Warn, as ssh does for private keys.
type DefaultChain struct {
	// Profile, when set, restricts the chain to that profile: the aliyun
	// CLI configuration's profile of that name, else the section of that
	// name in the credentials file.
	Profile string
	// Warn receives warnings, such as a credentials file others can read;
	// nil drops them.
	Warn func(msg string)

	mu      sync.Mutex
	sources []*source
	built   bool
	current *source
}

// DefaultProvider returns a new DefaultChain, the provider a Client uses
// when Config.Credentials is nil.
func DefaultProvider() Provider { return &DefaultChain{} }

// source is one step of the chain.
type source struct {
	name string
	// file is read by the step: a missing one skips it, an unsafe mode is
	// warned about, and (jsonFile) its syntax is checked before
	// credentials-go, whose error would quote the file, sees it.
	file     string
	jsonFile bool
	p        providers.CredentialsProvider
	// absent says why the step is not configured; p is nil then.
	absent string
	warned bool
}

// Source names the source the chain took its credential from, such as
// "credentials URI"; "" before a credential was found.
func (c *DefaultChain) Source() string {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.current == nil {
		return ""
	}
	return c.current.name
}

// Credential implements Provider. Sources that call a service (STS, the
// metadata service, a URI) may block for their own timeouts (up to 15 s);
// Credential returns when ctx ends, and the pending call finishes in the
// background.
func (c *DefaultChain) Credential(ctx context.Context) (Credential, error) {
	if err := ctx.Err(); err != nil {
		return Credential{}, err
	}
	type result struct {
		cred Credential
		err  error
	}
	ch := make(chan result, 1)
	go func() {
		cred, err := c.resolve()
		ch <- result{cred, err}
	}()
	select {
	case r := <-ch:
		return r.cred, r.err
	case <-ctx.Done():
		return Credential{}, ctx.Err()
	}
}

func (c *DefaultChain) resolve() (Credential, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if !c.built {
		c.sources = c.build()
		c.built = true
	}
	if c.current != nil {
		cred, err := c.get(c.current)
		if err != nil {
			return Credential{}, fmt.Errorf("credentials from %s: %s", c.current.name, err)
		}
		return cred, nil
	}
	var reasons []string
	for _, s := range c.sources {
		if s.p == nil {
			reasons = append(reasons, s.name+": "+s.absent)
			continue
		}
		cred, err := c.get(s)
		if err != nil {
			reasons = append(reasons, s.name+": "+err.Error())
			continue
		}
		c.current = s
		return cred, nil
	}
	what := "no Alibaba Cloud credentials found"
	if c.Profile != "" {
		what = fmt.Sprintf("no Alibaba Cloud credentials found for profile %q", c.Profile)
	}
	return Credential{}, fmt.Errorf("%s (%s): %w", what, strings.Join(reasons, "; "), ErrNoCredentials)
}

// build makes the steps in the order of credentials-go's
// NewDefaultCredentialsProvider, reading the environment as it does.
func (c *DefaultChain) build() []*source {
	var steps []*source
	add := func(name string, p providers.CredentialsProvider, err error) *source {
		s := &source{name: name}
		if err != nil {
			s.absent = scrubUpstream(err.Error())
		} else {
			s.p = p
		}
		steps = append(steps, s)
		return s
	}
	if c.Profile == "" {
		if os.Getenv("ALIBABA_CLOUD_ACCESS_KEY_ID") == "" {
			// credentials-go's own message is longer and misspelt.
			steps = append(steps, &source{name: "environment", absent: "ALIBABA_CLOUD_ACCESS_KEY_ID is not set"})
		} else {
			env, err := providers.NewEnvironmentVariableCredentialsProviderBuilder().Build()
			add("environment", env, err)
		}
		if os.Getenv("ALIBABA_CLOUD_ROLE_ARN") == "" && os.Getenv("ALIBABA_CLOUD_OIDC_PROVIDER_ARN") == "" {
			steps = append(steps, &source{name: "OIDC", absent: "ALIBABA_CLOUD_ROLE_ARN and ALIBABA_CLOUD_OIDC_PROVIDER_ARN are not set"})
		} else {
			oidc, err := providers.NewOIDCCredentialsProviderBuilder().Build()
			add("OIDC", oidc, err)
		}
	}
	cli, err := providers.NewCLIProfileCredentialsProviderBuilder().WithProfileName(c.Profile).Build()
	s := add("aliyun CLI profile", cli, err)
	s.file, s.jsonFile = cliConfigPath(), true
	file, err := providers.NewProfileCredentialsProviderBuilder().WithProfileName(c.Profile).Build()
	s = add("credentials file", file, err)
	s.file = credentialsFilePath()
	if c.Profile != "" {
		return steps
	}
	if strings.EqualFold(os.Getenv("ALIBABA_CLOUD_ECS_METADATA_DISABLED"), "true") {
		steps = append(steps, &source{name: "ECS instance RAM role", absent: "disabled by ALIBABA_CLOUD_ECS_METADATA_DISABLED"})
	} else {
		ecs, err := providers.NewECSRAMRoleCredentialsProviderBuilder().Build()
		add("ECS instance RAM role", ecs, err)
	}
	if os.Getenv("ALIBABA_CLOUD_CREDENTIALS_URI") == "" {
		steps = append(steps, &source{name: "credentials URI", absent: "ALIBABA_CLOUD_CREDENTIALS_URI is not set"})
	} else {
		uri, err := providers.NewURLCredentialsProviderBuilder().Build()
		add("credentials URI", uri, err)
	}
	return steps
}

// get asks one step, after checking the file it reads.
func (c *DefaultChain) get(s *source) (Credential, error) {
	if s.file != "" {
		if err := c.checkFile(s); err != nil {
			return Credential{}, err
		}
	}
	cc, err := s.p.GetCredentials()
	if err != nil {
		return Credential{}, errors.New(redactKnownSecrets(scrubUpstream(err.Error())))
	}
	if cc == nil || cc.AccessKeyId == "" || cc.AccessKeySecret == "" {
		return Credential{}, errors.New("the answer has no AccessKeyId or AccessKeySecret")
	}
	return Credential{AccessKeyID: cc.AccessKeyId, AccessKeySecret: cc.AccessKeySecret, SecurityToken: cc.SecurityToken}, nil
}

// checkFile reports a missing file as such, warns once about a file
// others may read, and checks a JSON file's syntax without quoting it.
func (c *DefaultChain) checkFile(s *source) error {
	info, err := os.Stat(s.file)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return fmt.Errorf("%s does not exist", s.file)
	case err != nil:
		return fmt.Errorf("%s: %v", s.file, describePathError(err))
	}
	if msg := unsafeMode(s.file, info); msg != "" && !s.warned {
		s.warned = true
		if c.Warn != nil {
			c.Warn(msg)
		}
	}
	if s.jsonFile {
		data, err := os.ReadFile(s.file)
		if err != nil {
			return fmt.Errorf("%s: %v", s.file, describePathError(err))
		}
		var v any
		if err := json.Unmarshal(data, &v); err != nil {
			return fmt.Errorf("%s: %s", s.file, jsonErrorWithoutText(err))
		}
	}
	return nil
}

// unsafeMode returns a warning when a credentials file may be read or
// written by the group or others, as ssh refuses such private keys; ""
// otherwise, and always on Windows, whose permissions the mode bits do not
// describe.
func unsafeMode(path string, info fs.FileInfo) string {
	if runtime.GOOS == "windows" || info.Mode().Perm()&0o077 == 0 {
		return ""
	}
	return fmt.Sprintf("%s holds credentials and is accessible by others (mode %04o); restrict it with: chmod 600 %s", path, info.Mode().Perm(), path)
}

// describePathError drops the path os repeats in its errors.
func describePathError(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}

// homeDir is the home directory as credentials-go finds it.
func homeDir() string {
	if runtime.GOOS == "windows" {
		return os.Getenv("USERPROFILE")
	}
	return os.Getenv("HOME")
}

// cliConfigPath is the aliyun CLI configuration credentials-go reads.
func cliConfigPath() string {
	if p := os.Getenv("ALIBABA_CLOUD_CONFIG_FILE"); p != "" {
		return p
	}
	if h := homeDir(); h != "" {
		return filepath.Join(h, ".aliyun", "config.json")
	}
	return ""
}

// credentialsFilePath is the credentials file credentials-go reads.
func credentialsFilePath() string {
	if p := os.Getenv("ALIBABA_CLOUD_CREDENTIALS_FILE"); p != "" {
		return p
	}
	if h := homeDir(); h != "" {
		return filepath.Join(h, ".alibabacloud", "credentials")
	}
	return ""
}

// CLIConfigRegion returns the region_id of an aliyun CLI profile: the
// named one, else $ALIBABA_CLOUD_PROFILE, else the configuration's current
// profile. It returns "" when the configuration ($ALIBABA_CLOUD_CONFIG_FILE
// or ~/.aliyun/config.json) or the profile does not exist or sets none.
func CLIConfigRegion(profile string) string {
	path := cliConfigPath()
	if path == "" {
		return ""
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return ""
	}
	var cfg struct {
		Current  string `json:"current"`
		Profiles []struct {
			Name     string `json:"name"`
			RegionID string `json:"region_id"`
		} `json:"profiles"`
	}
	if json.Unmarshal(data, &cfg) != nil {
		return ""
	}
	name := profile
	if name == "" {
		name = os.Getenv("ALIBABA_CLOUD_PROFILE")
	}
	if name == "" {
		name = cfg.Current
	}
	for _, p := range cfg.Profiles {
		if p.Name == name {
			return p.RegionID
		}
	}
	return ""
}

// bodyMarkers introduce, in credentials-go's errors, text that came from a
// file or a service and may hold a secret: an STS or URI answer, the
// aliyun CLI configuration, an INI line. What follows is withheld.
var bodyMarkers = []string{
	"failed: ", "message = ", "json.Unmarshal fail: ", "json unmarshal fail: ",
	"Can not open file", "Can not load section", "Can not find credential type",
}

// scrubPatterns are compiled on the first error, not at start-up, which
// every lint run pays: errorCode finds the Code of an Alibaba Cloud error
// answer; urlQuery and urlUserInfo match the parts of a URL that may carry
// a token (a credentials URI such as http://host/creds?token=…).
var scrubPatterns = sync.OnceValue(func() (p struct{ errorCode, urlQuery, urlUserInfo *regexp.Regexp }) {
	p.errorCode = regexp.MustCompile(`"Code"\s*:\s*"([A-Za-z0-9._-]{1,100})"`)
	p.urlQuery = regexp.MustCompile(`(https?://[^\s"'?]*)\?[^\s"']*`)
	p.urlUserInfo = regexp.MustCompile(`(https?://)[^\s"'/@]*@`)
	return p
})

// scrubUpstream keeps of a credentials-go error what is safe to show: the
// text before an answer or a file's contents, an error Code from the
// answer, and URLs without their query or user info.
func scrubUpstream(msg string) string {
	re := scrubPatterns()
	cut := -1
	for _, m := range bodyMarkers {
		if i := strings.Index(msg, m); i >= 0 && (cut < 0 || i+len(m) < cut) {
			cut = i + len(m)
		}
	}
	// A JSON or XML body with no marker before it.
	if i := strings.IndexAny(msg, "{<"); i >= 0 && (cut < 0 || i < cut) {
		cut = i
	}
	if cut >= 0 {
		rest := msg[cut:]
		msg = strings.TrimRight(msg[:cut], " :=") + " (details withheld"
		if m := re.errorCode.FindStringSubmatch(rest); m != nil {
			msg += "; code " + m[1]
		}
		msg += ")"
	}
	msg = re.urlUserInfo.ReplaceAllString(msg, "$1")
	return re.urlQuery.ReplaceAllString(msg, "$1?…")
}

// redactKnownSecrets replaces the secrets the environment names, should
// an error carry one in a form scrubUpstream did not recognise.
func redactKnownSecrets(msg string) string {
	for _, name := range []string{"ALIBABA_CLOUD_ACCESS_KEY_SECRET", "ALIBABA_CLOUD_SECURITY_TOKEN", "ALIBABA_CLOUD_OIDC_TOKEN"} {
		if v := os.Getenv(name); len(v) >= 4 {
			msg = strings.ReplaceAll(msg, v, redacted)
		}
	}
	if path := os.Getenv("ALIBABA_CLOUD_OIDC_TOKEN_FILE"); path != "" {
		if info, err := os.Stat(path); err == nil && info.Mode().IsRegular() && info.Size() < 64<<10 {
			if token, err := os.ReadFile(path); err == nil {
				if t := strings.TrimSpace(string(token)); len(t) >= 4 {
					msg = strings.ReplaceAll(msg, t, redacted)
				}
			}
		}
	}
	return msg
}
