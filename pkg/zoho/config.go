package zoho

import (
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// Environment variables that hold the credentials. New names them in its
// errors, and ConfigFromEnv reads them.
const (
	EnvClientID     = "ZOHO_CLIENT_ID"
	EnvClientSecret = "ZOHO_CLIENT_SECRET"
	EnvRefreshToken = "ZOHO_REFRESH_TOKEN"
	EnvAccessToken  = "ZOHO_ACCESS_TOKEN"
	EnvDC           = "ZOHO_DC"
	EnvAPIDomain    = "ZOHO_API_DOMAIN"
	EnvAccountsURL  = "ZOHO_ACCOUNTS_URL"
)

// Defaults applied by New to zero fields of Config and RetryPolicy.
const (
	DefaultAPIVersion  = "v8"
	DefaultConcurrency = 5 // the Free edition's concurrency limit [api.md §7]
	DefaultDC          = "us"
)

// Config configures a Client. Zero values take defaults.
type Config struct {
	ClientID, ClientSecret, RefreshToken string
	// AccessToken, if set, is used as is and skips the refresh grant until
	// Zoho rejects it; then the refresh credentials (if any) mint a new one.
	AccessToken string
	// DC is the data centre: us (default), eu, in, au, jp, ca, cn, sa.
	DC string
	// APIDomain (e.g. "https://www.zohoapis.eu") wins over the token's
	// api_domain and the DC default.
	APIDomain string
	// AccountsURL overrides the DC's accounts server.
	AccountsURL string
	// APIVersion is the path version, default "v8".
	APIVersion string
	// Concurrency is the maximum number of API calls in flight; default 5.
	Concurrency int
	// HTTPClient is the base client (tests); its Transport carries both API
	// and token calls. Default: a client with sane timeouts.
	HTTPClient *http.Client
	// Debug, if non-nil, receives one block per HTTP exchange, with every
	// secret redacted.
	Debug io.Writer
	// Warnings, if non-nil, receives one line whenever the client changes
	// how it runs on its own, e.g. fewer calls in flight after a 429.
	Warnings io.Writer
	// Retry bounds the retries; zero fields take defaults.
	Retry RetryPolicy
	// UserAgent is sent with every call; default "crmsync".
	UserAgent string
}

// RetryPolicy bounds retries. Zero fields take the defaults: 6 attempts,
// base delay 200ms, max delay 10s, overall deadline 2m. MaxAttempts 1
// disables retries.
type RetryPolicy struct {
	MaxAttempts int
	// BaseDelay and MaxDelay shape the exponential backoff with full jitter:
	// the wait before retry n is random in [0, min(MaxDelay, BaseDelay·2ⁿ)).
	BaseDelay, MaxDelay time.Duration
	// Deadline bounds the time from the first attempt of a call to the
	// start of its last retry.
	Deadline time.Duration
}

// withDefaults returns p with zero fields set to the defaults.
func (p RetryPolicy) withDefaults() RetryPolicy {
	if p.MaxAttempts == 0 {
		p.MaxAttempts = 6
	}
	if p.BaseDelay == 0 {
		p.BaseDelay = 200 * time.Millisecond
	}
	if p.MaxDelay == 0 {
		p.MaxDelay = 10 * time.Second
	}
	if p.Deadline == 0 {
		p.Deadline = 2 * time.Minute
	}
	return p
}

// ConfigFromEnv returns a Config filled from the ZOHO_* environment
// variables through getenv (usually os.Getenv).
func ConfigFromEnv(getenv func(string) string) Config {
	return Config{
		ClientID:     getenv(EnvClientID),
		ClientSecret: getenv(EnvClientSecret),
		RefreshToken: getenv(EnvRefreshToken),
		AccessToken:  getenv(EnvAccessToken),
		DC:           getenv(EnvDC),
		APIDomain:    getenv(EnvAPIDomain),
		AccountsURL:  getenv(EnvAccountsURL),
	}
}

// dataCentre is one row of the DC table [api.md §6.1].
type dataCentre struct{ accounts, api string }

// dataCentres returns the DC table. It is built per call so that no package
// state can be changed by callers.
func dataCentres() map[string]dataCentre {
	return map[string]dataCentre{
		"us": {"https://accounts.zoho.com", "https://www.zohoapis.com"},
		"eu": {"https://accounts.zoho.eu", "https://www.zohoapis.eu"},
		"in": {"https://accounts.zoho.in", "https://www.zohoapis.in"},
		"au": {"https://accounts.zoho.com.au", "https://www.zohoapis.com.au"},
		"jp": {"https://accounts.zoho.jp", "https://www.zohoapis.jp"},
		"ca": {"https://accounts.zohocloud.ca", "https://www.zohoapis.ca"},
		"cn": {"https://accounts.zoho.com.cn", "https://www.zohoapis.com.cn"},
		"sa": {"https://accounts.zoho.sa", "https://www.zohoapis.sa"},
	}
}

// DataCentres lists the known DC codes in a fixed order.
func DataCentres() []string { return []string{"us", "eu", "in", "au", "jp", "ca", "cn", "sa"} }

func lookupDC(dc string) (dataCentre, error) {
	key := strings.ToLower(strings.TrimSpace(dc))
	if key == "" {
		key = DefaultDC
	}
	d, ok := dataCentres()[key]
	if !ok {
		return dataCentre{}, fmt.Errorf("unknown Zoho data centre %q (known: %s)", dc, strings.Join(DataCentres(), ", "))
	}
	return d, nil
}

// AccountsURLFor returns the accounts server of a data centre ("" = us).
func AccountsURLFor(dc string) (string, error) {
	d, err := lookupDC(dc)
	return d.accounts, err
}

// APIDomainFor returns the production API domain of a data centre ("" = us).
func APIDomainFor(dc string) (string, error) {
	d, err := lookupDC(dc)
	return d.api, err
}

// settings is a validated Config with defaults applied.
type settings struct {
	Config
	accounts   string // accounts server, no trailing slash
	dcDomain   string // the DC's API domain
	canRefresh bool   // refresh credentials are complete
}

// resolve validates cfg and applies defaults. needRefresh says whether
// credentials for the refresh grant (or an access token) are required.
func resolve(cfg Config, needCreds bool) (settings, error) {
	s := settings{Config: cfg}
	d, err := lookupDC(cfg.DC)
	if err != nil {
		return s, err
	}
	s.accounts, s.dcDomain = d.accounts, d.api
	if cfg.AccountsURL != "" {
		if s.accounts, err = checkBaseURL("accounts URL", cfg.AccountsURL); err != nil {
			return s, err
		}
	}
	if cfg.APIDomain != "" {
		if s.APIDomain, err = checkBaseURL("API domain", cfg.APIDomain); err != nil {
			return s, err
		}
	}
	if err := checkNumbers(cfg); err != nil {
		return s, err
	}
	s.canRefresh = cfg.ClientID != "" && cfg.ClientSecret != "" && cfg.RefreshToken != ""
	if needCreds && !s.canRefresh && cfg.AccessToken == "" {
		return s, missingCreds(cfg)
	}
	s.Retry = cfg.Retry.withDefaults()
	if s.APIVersion == "" {
		s.APIVersion = DefaultAPIVersion
	}
	if s.Concurrency == 0 {
		s.Concurrency = DefaultConcurrency
	}
	if s.UserAgent == "" {
		s.UserAgent = "crmsync"
	}
	if s.HTTPClient == nil {
		s.HTTPClient = defaultHTTPClient()
	}
	return s, nil
}

func checkNumbers(cfg Config) error {
	r := cfg.Retry
	switch {
	case cfg.Concurrency < 0:
		return fmt.Errorf("concurrency must not be negative (got %d)", cfg.Concurrency)
	case r.MaxAttempts < 0 || r.BaseDelay < 0 || r.MaxDelay < 0 || r.Deadline < 0:
		return errors.New("retry policy values must not be negative")
	case strings.ContainsAny(cfg.APIVersion, "/?# "):
		return fmt.Errorf("invalid API version %q", cfg.APIVersion)
	}
	return nil
}

// missingCreds names the missing environment variables.
func missingCreds(cfg Config) error {
	var missing []string
	for _, kv := range [][2]string{
		{EnvClientID, cfg.ClientID}, {EnvClientSecret, cfg.ClientSecret}, {EnvRefreshToken, cfg.RefreshToken},
	} {
		if kv[1] == "" {
			missing = append(missing, kv[0])
		}
	}
	return fmt.Errorf("missing Zoho credentials: set %s (or %s with a valid access token); "+
		"get a refresh token with 'crmsync auth exchange'", strings.Join(missing, ", "), EnvAccessToken)
}

// checkBaseURL checks an absolute http(s) URL without path and returns it
// without a trailing slash.
func checkBaseURL(what, raw string) (string, error) {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		return "", fmt.Errorf("invalid %s %q: want an absolute URL such as https://www.zohoapis.com", what, raw)
	}
	if u.User != nil || u.RawQuery != "" || u.Fragment != "" {
		return "", fmt.Errorf("invalid %s %q: no user info, query or fragment allowed", what, u.Redacted())
	}
	return strings.TrimRight(u.String(), "/"), nil
}

// defaultHTTPClient is a client with timeouts suited to small JSON calls.
func defaultHTTPClient() *http.Client {
	tr := &http.Transport{
		Proxy:                 http.ProxyFromEnvironment,
		DialContext:           (&net.Dialer{Timeout: 15 * time.Second, KeepAlive: 30 * time.Second}).DialContext,
		ForceAttemptHTTP2:     true,
		MaxIdleConns:          20,
		MaxIdleConnsPerHost:   20,
		IdleConnTimeout:       90 * time.Second,
		TLSHandshakeTimeout:   10 * time.Second,
		ResponseHeaderTimeout: 60 * time.Second,
		ExpectContinueTimeout: time.Second,
	}
	return &http.Client{Transport: tr, Timeout: 90 * time.Second}
}
