package emulator

import "time"

// Options configures a Server. The zero value serves the demo org with no
// faults.
type Options struct {
	// Seed is the initial state. It is copied; later changes to it have no
	// effect. Nil means SeedFile, or DemoSeed() when SeedFile is empty too.
	Seed *Seed
	// SeedFile is a YAML or JSON seed file, used when Seed is nil.
	SeedFile string
	// StateFile, when set, is loaded at start if it exists (it wins over Seed
	// and SeedFile) and rewritten atomically after every write that changed
	// the state.
	StateFile string

	// Readings selects the readings of undocumented points (readings.go).
	Readings Readings

	// Latency is added to every request before it is processed.
	Latency time.Duration
	// MaxConcurrent, when > 0, answers 429 TOO_MANY_REQUESTS before
	// processing to every API request beyond that many API requests in
	// flight ([api.md §7]); token calls neither count nor get refused.
	MaxConcurrent int
	// Rate429 and Rate500 are the probabilities that an API request is
	// answered 429 TOO_MANY_REQUESTS or 500 INTERNAL_ERROR before it is
	// processed (state unchanged).
	Rate429, Rate500 float64
	// RateApplied500 is the probability that a write (POST, PUT, DELETE) is
	// applied and then answered 500 INTERNAL_ERROR: the response is lost.
	RateApplied500 float64
	// RandSeed seeds the deterministic random source of the fault rates
	// (0 means 1).
	RandSeed int64

	// TokenLifetime is the life of access tokens in seconds (0 means 3600,
	// [api.md §6.2]).
	TokenLifetime int
	// ClientID, ClientSecret, RefreshToken and AuthCode are the expected
	// OAuth values; empty accepts any non-empty value.
	ClientID, ClientSecret, RefreshToken, AuthCode string
	// Scope is echoed in token responses (default: the broad crmsync set,
	// [api.md §6.3]).
	Scope string
	// APIDomain is the api_domain of token responses; empty means the
	// emulator's own base URL (scheme and host of the token request).
	APIDomain string

	// Now is the clock (default time.Now); tests use it to expire tokens.
	Now func() time.Time
	// Location is the time zone of timestamps (default UTC). Timestamps are
	// ISO-8601 with offset, e.g. 2023-10-23T03:25:06-04:00 [seed:kaizen].
	Location *time.Location
}

const (
	defaultTokenLifetime = 3600
	defaultScope         = "ZohoCRM.settings.ALL,ZohoCRM.modules.ALL,ZohoCRM.users.READ,ZohoCRM.org.READ"
	timeLayout           = "2006-01-02T15:04:05-07:00"
	maxBodyBytes         = 16 << 20
)

func (o Options) withDefaults() Options {
	if o.TokenLifetime <= 0 {
		o.TokenLifetime = defaultTokenLifetime
	}
	if o.RandSeed == 0 {
		o.RandSeed = 1
	}
	if o.Scope == "" {
		o.Scope = defaultScope
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.Location == nil {
		o.Location = time.UTC
	}
	return o
}
