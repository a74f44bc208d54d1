package cli

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/crmsync/crmsync/pkg/zoho"
)

// Zoho allows tokenBudget access tokens per refresh token per tokenWindow.
const (
	tokenBudget = 10
	tokenWindow = 10 * time.Minute
)

// ledgerMu serialises this process's ledger updates (--env all records
// from several goroutines).
var ledgerMu sync.Mutex

// tokenLedger is a best-effort record of the tokens crmsync minted on this
// machine, keyed by a digest of the refresh token (never the token), so
// that a run about to exceed Zoho's budget can say so before Zoho refuses.
type tokenLedger struct {
	path  string
	Mints map[string][]time.Time `json:"mints"`
}

// ledgerPath is $CRMSYNC_TOKEN_LEDGER, or token-ledger.json in the user's
// cache directory; "" when there is none. The default ledger records only
// tokens of real accounts servers: an accounts server on this machine (an
// emulator) is recorded only in an explicit $CRMSYNC_TOKEN_LEDGER.
func ledgerPath(accounts string) string {
	if p := os.Getenv("CRMSYNC_TOKEN_LEDGER"); p != "" {
		return p
	}
	if u, err := url.Parse(accounts); err != nil || isLoopback(u.Hostname()) {
		return ""
	}
	dir, err := os.UserCacheDir()
	if err != nil {
		return ""
	}
	return filepath.Join(dir, "crmsync", "token-ledger.json")
}

// ledgerKey identifies a refresh token of an accounts server by digest.
func ledgerKey(accounts, refresh string) string {
	sum := sha256.Sum256([]byte("crmsync-ledger:" + accounts + "\x00" + refresh))
	return hex.EncodeToString(sum[:8])
}

func readLedger(accounts string) *tokenLedger {
	l := &tokenLedger{path: ledgerPath(accounts), Mints: map[string][]time.Time{}}
	if l.path == "" {
		return l
	}
	if data, err := os.ReadFile(l.path); err == nil {
		_ = json.Unmarshal(data, l)
	}
	if l.Mints == nil {
		l.Mints = map[string][]time.Time{}
	}
	return l
}

// recent returns the mints of key within the window, oldest first.
func (l *tokenLedger) recent(key string, now time.Time) []time.Time {
	var out []time.Time
	for _, t := range l.Mints[key] {
		if now.Sub(t) < tokenWindow {
			out = append(out, t)
		}
	}
	return out
}

// recordMints adds n mints of refresh now; errors are ignored (the ledger
// is advisory).
func recordMints(accounts, refresh string, n int) {
	if refresh == "" || n <= 0 {
		return
	}
	ledgerMu.Lock()
	defer ledgerMu.Unlock()
	l := readLedger(accounts)
	if l.path == "" {
		return
	}
	now := time.Now()
	for k := range l.Mints {
		l.Mints[k] = l.recent(k, now)
		if len(l.Mints[k]) == 0 {
			delete(l.Mints, k)
		}
	}
	key := ledgerKey(accounts, refresh)
	for range n {
		l.Mints[key] = append(l.Mints[key], now)
	}
	data, err := json.Marshal(l)
	if err != nil || os.MkdirAll(filepath.Dir(l.path), 0o700) != nil {
		return
	}
	tmp := l.path + ".tmp"
	if os.WriteFile(tmp, data, 0o600) == nil {
		_ = os.Rename(tmp, l.path)
	}
}

// checkBudget refuses a run that must mint a token when this machine
// already minted the whole budget with refresh in the last 10 minutes.
func checkBudget(accounts, refresh, access string) error {
	if access != "" || refresh == "" {
		return nil
	}
	now := time.Now()
	used := readLedger(accounts).recent(ledgerKey(accounts, refresh), now)
	if len(used) < tokenBudget {
		return nil
	}
	wait := tokenWindow - now.Sub(used[len(used)-tokenBudget])
	return fmt.Errorf("minting an access token would exceed Zoho's budget of %d per refresh token in 10 minutes: crmsync asked for %d with this refresh token in the last 10 minutes on this machine; %s, or wait %s",
		tokenBudget, len(used), reuseAdvice, wait.Round(time.Second))
}

// reuseAdvice says how to use one token per workflow.
const reuseAdvice = "mint one token per workflow with 'crmsync auth token' and pass it to every later step as ZOHO_ACCESS_TOKEN (see examples/ci)"

// explainBudget adds what is known and what to do to Zoho's refusal to
// mint another token.
func explainBudget(err error) error {
	return explainBudgetOf(err, "")
}

// explainBudgetOf is explainBudget with the accounts server, to find the
// right ledger ("" for the explicit or default one).
func explainBudgetOf(err error, accounts string) error {
	var ec *exitCodeError
	if errors.As(err, &ec) && ec.err != nil {
		ec.err = explainBudgetOf(ec.err, accounts)
		return err
	}
	var te *zoho.TokenError
	if !errors.As(err, &te) || !isBudgetError(te) {
		return err
	}
	now := time.Now()
	most, l := 0, readLedger(accounts)
	for k := range l.Mints {
		most = max(most, len(l.recent(k, now)))
	}
	known := "crmsync on this machine has no record of recent tokens, so other machines or tools minted them"
	if most > 0 {
		known = fmt.Sprintf("crmsync on this machine asked for %d in the last 10 minutes (other machines or tools may have asked for more)", most)
	}
	return fmt.Errorf("%w\nZoho refused a new access token: it allows %d per refresh token in 10 minutes, and %s; %s", err, tokenBudget, known, reuseAdvice)
}

// isBudgetError reports whether Zoho refused to mint for too many tokens.
func isBudgetError(te *zoho.TokenError) bool {
	return strings.Contains(strings.ToLower(te.Code), "access denied") ||
		strings.Contains(strings.ToLower(te.Description), "too many")
}

// isLoopback reports whether host is this machine.
func isLoopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// accountsServer is the accounts server cfg talks to.
func accountsServer(cfg zoho.Config) string {
	if cfg.AccountsURL != "" {
		return cfg.AccountsURL
	}
	u, _ := zoho.AccountsURLFor(cfg.DC)
	return u
}
