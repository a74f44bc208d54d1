package zoho_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/crmsync/crmsync/pkg/emulator"
	"github.com/crmsync/crmsync/pkg/zoho"
)

// parallel runs n calls at once and returns their errors.
func parallel(n int, call func(i int) error) []error {
	errs := make([]error, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[i] = call(i)
		}()
	}
	wg.Wait()
	return errs
}

// noErrors fails the test for every non-nil error.
func noErrors(t *testing.T, what string, errs []error) {
	t.Helper()
	for i, err := range errs {
		if err != nil {
			t.Errorf("%s %d: %v", what, i, err)
		}
	}
}

// read is one of the client's typed reads, picked by i.
func read(ctx context.Context, c *zoho.Client, i int) error {
	var err error
	switch i % 4 {
	case 0:
		_, err = c.ListRoles(ctx)
	case 1:
		_, err = c.ListContactRoles(ctx)
	case 2:
		_, err = c.ListProfiles(ctx)
	default:
		_, err = c.ListLockingConfigs(ctx, "Deals")
	}
	return err
}

// TestRateLimitStorm: under a high rate of 429 TOO_MANY_REQUESTS, reads
// and writes are retried within the policy's bounds; a write is repeated
// only after a 429 and is applied exactly once [api.md §7, §8].
func TestRateLimitStorm(t *testing.T) {
	storm := func(t *testing.T) (*harness, *zoho.Client) {
		h := newHarness(t, emulator.Options{Rate429: 0.7, RandSeed: 7})
		c := h.client(func(cfg *zoho.Config) { cfg.Retry.MaxAttempts = 40 })
		return h, c
	}
	t.Run("reads", func(t *testing.T) {
		h, c := storm(t)
		noErrors(t, "read", parallel(24, func(i int) error { return read(ctx(t), c, i) }))
		log := h.apiLog("GET", "/")
		if n429 := countStatus(log, 429); n429 == 0 || len(log)-n429 != 24 {
			t.Errorf("%d calls, %d of them 429; want 24 answered calls and some 429s", len(log), n429)
		}
		if len(log) > 24*40 {
			t.Errorf("%d attempts exceed 24 calls × 40 attempts", len(log))
		}
	})
	t.Run("writes", func(t *testing.T) {
		h, c := storm(t)
		cx := ctx(t)
		before := h.emu.Counts()
		if _, err := c.CreateContactRoles(cx, []zoho.ContactRole{{Name: "Storm"}}); err != nil {
			t.Fatalf("create contact role: %v", err)
		}
		if _, err := c.UpdateRole(cx, demoSalesHeadRole, zoho.RoleWrite{Description: ptr("storm")}); err != nil {
			t.Fatalf("update role: %v", err)
		}
		if _, err := c.CreateLockingConfig(cx, "Contacts", zoho.LockingConfig{LockType: "manual"}); err != nil {
			t.Fatalf("create locking configuration: %v", err)
		}
		for _, w := range []struct{ method, path string }{
			{"POST", "/Contacts/roles"}, {"PUT", "/settings/roles"}, {"POST", lockPath},
		} {
			log := h.apiLog(w.method, w.path)
			// 429s, then one success: the client resends only after a 429.
			if len(log) == 0 || countStatus(log, 429) != len(log)-1 || log[len(log)-1].Status >= 300 {
				t.Errorf("%s %s: answers %v; want 429s then one success", w.method, w.path, statuses(log))
			}
		}
		after := h.emu.Counts()
		if after["contact_roles"] != before["contact_roles"]+1 ||
			after["record_locking_configurations"] != before["record_locking_configurations"]+1 {
			t.Errorf("counts %v -> %v; want one contact role and one configuration more", before, after)
		}
		h.emu.SetFaultRates(0, 0, 0)
		role, err := c.GetRole(cx, demoSalesHeadRole)
		if err != nil || role.Description == nil || *role.Description != "storm" {
			t.Errorf("role after update = %+v, %v", role, err)
		}
	})
	t.Run("bounded", func(t *testing.T) {
		h := newHarness(t, emulator.Options{Rate429: 1})
		c := h.client(func(cfg *zoho.Config) { cfg.Retry.MaxAttempts = 4 })
		start := time.Now()
		_, err := c.ListRoles(ctx(t))
		e := apiErrorOf(t, err)
		if e.Code != "TOO_MANY_REQUESTS" || e.HTTPStatus != 429 || zoho.IsOutcomeUnknown(err) ||
			!strings.Contains(err.Error(), "GET /settings/roles: gave up after 4 attempts") {
			t.Errorf("err = %v", err)
		}
		if n := len(h.apiLog("GET", "/settings/roles")); n != 4 {
			t.Errorf("%d attempts, want 4", n)
		}
		_, err = c.UpdateRole(ctx(t), demoSalesHeadRole, zoho.RoleWrite{Description: ptr("x")})
		if zoho.ErrorCode(err) != "TOO_MANY_REQUESTS" || zoho.IsOutcomeUnknown(err) {
			t.Errorf("write err = %v", err)
		}
		if n := len(h.apiLog("PUT", "/settings/roles")); n != 4 {
			t.Errorf("%d write attempts, want 4", n)
		}
		if d := time.Since(start); d > 2*time.Second {
			t.Errorf("retries took %s", d)
		}
	})
}

// TestLostWriteResponses: a write that is applied and then answered 500
// (the response is lost) is an *OutcomeUnknownError, is sent exactly once,
// and changes the state exactly once.
func TestLostWriteResponses(t *testing.T) {
	type write struct {
		name  string
		call  func(ctx context.Context, c *zoho.Client) error
		check func(t *testing.T, h *harness, before map[string]int)
	}
	countDelta := func(key string, delta int) func(*testing.T, *harness, map[string]int) {
		return func(t *testing.T, h *harness, before map[string]int) {
			if got := h.emu.Counts()[key] - before[key]; got != delta {
				t.Errorf("%s changed by %d, want %d", key, got, delta)
			}
		}
	}
	writes := []write{
		{"create contact roles", func(ctx context.Context, c *zoho.Client) error {
			_, err := c.CreateContactRoles(ctx, []zoho.ContactRole{{Name: "Lost"}, {Name: "Found"}})
			return err
		}, countDelta("contact_roles", 2)},
		{"delete contact roles", func(ctx context.Context, c *zoho.Client) error {
			_, err := c.DeleteContactRoles(ctx, []string{demoPurchasingCR})
			return err
		}, countDelta("contact_roles", -1)},
		{"create role", func(ctx context.Context, c *zoho.Client) error {
			_, err := c.CreateRole(ctx, zoho.RoleWrite{Name: ptr("Lost"), ReportingTo: zoho.RefObject(demoCEORole)})
			return err
		}, countDelta("roles", 1)},
		{"create locking configuration", func(ctx context.Context, c *zoho.Client) error {
			_, err := c.CreateLockingConfig(ctx, "Contacts", zoho.LockingConfig{LockType: "manual"})
			return err
		}, countDelta("record_locking_configurations", 1)},
		{"delete locking configuration", func(ctx context.Context, c *zoho.Client) error {
			_, err := c.DeleteLockingConfig(ctx, "Deals", demoDealsLock)
			return err
		}, countDelta("record_locking_configurations", -1)},
		{"update module", func(ctx context.Context, c *zoho.Client) error {
			_, err := c.UpdateModule(ctx, "Digital_Marketings", zoho.ModuleUpdate{PluralLabel: ptr("Campaigns"),
				SingularLabel: ptr("Campaign"), Profiles: []zoho.ModuleProfile{{ID: demoAdminProfile}}})
			return err
		}, func(t *testing.T, h *harness, _ map[string]int) {
			for _, m := range h.emu.Snapshot().Modules {
				if m.APIName == "Digital_Marketings" && m.PluralLabel != "Campaigns" {
					t.Errorf("plural label = %q, want Campaigns", m.PluralLabel)
				}
			}
		}},
	}
	for _, w := range writes {
		t.Run(w.name+", RateApplied500", func(t *testing.T) {
			h := newHarness(t, emulator.Options{RateApplied500: 1})
			c := h.client()
			before := h.emu.Counts()
			err := w.call(ctx(t), c)
			checkOutcomeUnknown(t, err)
			if n := len(h.apiLog("", "/")) - len(h.apiLog("GET", "/")); n != 1 {
				t.Errorf("%d write requests, want exactly 1", n)
			}
			w.check(t, h, before)
		})
	}
	t.Run("FailNext applied", func(t *testing.T) {
		h := newHarness(t, emulator.Options{})
		c := h.client()
		h.emu.FailNext("PUT", "/settings/roles", 500, "INTERNAL_ERROR", true)
		_, err := c.UpdateRole(ctx(t), demoSalesHeadRole, zoho.RoleWrite{Description: ptr("lost")})
		checkOutcomeUnknown(t, err)
		if n := len(h.apiLog("PUT", "/settings/roles")); n != 1 {
			t.Errorf("%d PUTs, want 1", n)
		}
		role, err := c.GetRole(ctx(t), demoSalesHeadRole)
		if err != nil || role.Description == nil || *role.Description != "lost" {
			t.Errorf("the lost write was not applied once: %+v, %v", role, err)
		}
	})
	t.Run("FailNext not applied", func(t *testing.T) {
		h := newHarness(t, emulator.Options{})
		c := h.client()
		before := jsonText(h.emu.Snapshot())
		h.emu.FailNext("POST", "/Contacts/roles", 500, "INTERNAL_ERROR", false)
		_, err := c.CreateContactRoles(ctx(t), []zoho.ContactRole{{Name: "Never"}})
		checkOutcomeUnknown(t, err) // the client cannot tell: it must not repeat
		if n := len(h.apiLog("POST", "/Contacts/roles")); n != 1 {
			t.Errorf("%d POSTs, want 1", n)
		}
		if jsonText(h.emu.Snapshot()) != before {
			t.Errorf("state changed")
		}
	})
	t.Run("reads are retried after 500", func(t *testing.T) {
		h := newHarness(t, emulator.Options{})
		c := h.client()
		h.emu.AddFailure(emulator.Failure{Method: "GET", PathPrefix: "/settings/roles", Status: 500, Code: "INTERNAL_ERROR", Times: 2})
		if _, err := c.ListRoles(ctx(t)); err != nil {
			t.Fatal(err)
		}
		if log := h.apiLog("GET", "/settings/roles"); len(log) != 3 || countStatus(log, 500) != 2 {
			t.Errorf("answers %v, want 500, 500, 200", statuses(log))
		}
	})
}

// checkOutcomeUnknown checks err is an *OutcomeUnknownError over Zoho's 500.
func checkOutcomeUnknown(t *testing.T, err error) {
	t.Helper()
	var o *zoho.OutcomeUnknownError
	if !errors.As(err, &o) || !zoho.IsOutcomeUnknown(err) {
		t.Fatalf("err = %v (%T), want *OutcomeUnknownError", err, err)
	}
	e := apiErrorOf(t, err)
	if e.HTTPStatus != 500 || e.Code != "INTERNAL_ERROR" {
		t.Errorf("cause = %+v, want 500 INTERNAL_ERROR", e)
	}
	want := o.Method + " " + o.Path + ": outcome unknown, the change may or may not have been applied (re-read before retrying): INTERNAL_ERROR: "
	if !strings.HasPrefix(err.Error(), want) || strings.ContainsAny(err.Error(), "\n") {
		t.Errorf("Error() = %q, want prefix %q", err.Error(), want)
	}
}

// TestTokenExpiryDuringRun: tokens that expire while crmsync runs are
// replaced with one grant per expiry, and the run goes on; the grants stay
// within Zoho's 10 per refresh token per 10 minutes [api.md §6.2], which the
// emulator enforces.
func TestTokenExpiryDuringRun(t *testing.T) {
	t.Run("ExpireTokens", func(t *testing.T) {
		h := newHarness(t, emulator.Options{})
		c := h.client()
		cx := ctx(t)
		if _, err := c.ListRoles(cx); err != nil {
			t.Fatal(err)
		}
		// Nine expiries: ten grants in all, Zoho's limit, and no call fails.
		for round := range 9 {
			h.emu.ExpireTokens()
			noErrors(t, fmt.Sprint("round ", round, " read"), parallel(12, func(i int) error { return read(cx, c, i) }))
			if round == 4 {
				if _, err := c.UpdateRole(cx, demoSalesHeadRole, zoho.RoleWrite{Description: ptr("after expiry")}); err != nil {
					t.Errorf("write after expiry: %v", err)
				}
			}
			if n := len(h.grants()); n != round+2 {
				t.Fatalf("after expiry %d: %d grants, want %d (one per expiry)", round+1, n, round+2)
			}
		}
		if n := c.TokenCalls(); n != 10 {
			t.Errorf("client counted %d token calls, want 10", n)
		}
		if n := countStatus(h.apiLog("", "/"), 401); n == 0 {
			t.Errorf("no INVALID_TOKEN answer seen")
		}
		// The write was sent once more after INVALID_TOKEN, and applied once.
		puts := h.apiLog("PUT", "/settings/roles")
		if len(puts) > 2 || puts[len(puts)-1].Status != 200 {
			t.Errorf("PUT answers %v", statuses(puts))
		}
		// An eleventh grant would block the refresh token: the client
		// refuses it before asking, and says why.
		h.emu.ExpireTokens()
		_, err := c.ListRoles(cx)
		var te *zoho.TokenError
		if !errors.As(err, &te) || !strings.Contains(err.Error(), "already asked for 10 access tokens in the last 10m0s") {
			t.Errorf("after ten grants: err = %v", err)
		}
		if n := len(h.grants()); n != 10 || c.TokenCalls() != 10 {
			t.Errorf("%d grants (client counted %d), want 10: the eleventh must not be sent", n, c.TokenCalls())
		}
	})
	// With a 1 s lifetime the client refreshes before expiry, in both units
	// of expires_in. The emulator's clock stands still, so its tokens never
	// expire: every grant after the first is the client's own decision.
	for _, unit := range []string{"seconds", "millis"} {
		t.Run("TokenLifetime 1s, expires_in in "+unit, func(t *testing.T) {
			t.Parallel()
			frozen := time.Now()
			h := newHarness(t, emulator.Options{TokenLifetime: 1, Now: func() time.Time { return frozen },
				Readings: emulator.Readings{TokenExpiresIn: unit}})
			c := h.client()
			cx := ctx(t)
			calls := 0
			for start := time.Now(); time.Since(start) < 1300*time.Millisecond; calls++ {
				if err := read(cx, c, calls); err != nil {
					t.Fatalf("read %d: %v", calls, err)
				}
				time.Sleep(20 * time.Millisecond)
			}
			grants := len(h.grants())
			if grants < 2 || grants > 3 {
				t.Errorf("%d grants in 1.3 s with a 1 s lifetime, want 2 or 3", grants)
			}
			if n := countStatus(h.apiLog("", "/"), 401); n != 0 {
				t.Errorf("%d INVALID_TOKEN answers; the client should refresh before expiry", n)
			}
		})
	}
}

// TestConcurrencyLimitBelowClient: Zoho answers 429 to calls beyond the
// org's concurrency limit [api.md §7]. With a limit of 2 and a client
// allowing 5, 40 parallel reads all succeed through retries; a client
// allowing 2 never sees a 429.
func TestConcurrencyLimitBelowClient(t *testing.T) {
	run := func(t *testing.T, clientConc int) *harness {
		h := newHarness(t, emulator.Options{MaxConcurrent: 2, Latency: 5 * time.Millisecond})
		c := h.client(func(cfg *zoho.Config) {
			cfg.Concurrency = clientConc
			cfg.Retry = zoho.RetryPolicy{MaxAttempts: 100, BaseDelay: time.Millisecond, MaxDelay: 8 * time.Millisecond, Deadline: 10 * time.Second}
		})
		noErrors(t, "read", parallel(40, func(i int) error { return read(ctx(t), c, i) }))
		if n := len(h.apiLog("GET", "/")) - countStatus(h.apiLog("GET", "/"), 429); n != 40 {
			t.Errorf("%d answered reads, want 40", n)
		}
		return h
	}
	t.Run("client concurrency 5", func(t *testing.T) {
		h := run(t, 5)
		if countStatus(h.apiLog("", "/"), 429) == 0 {
			t.Errorf("no 429 seen: the limit was not exercised")
		}
	})
	t.Run("client concurrency 2", func(t *testing.T) {
		h := run(t, 2)
		if n := countStatus(h.apiLog("", "/"), 429); n != 0 {
			t.Errorf("%d answers 429, want none", n)
		}
	})
	// A token refresh in the middle of a saturated run: the accounts server
	// is another host than the API (api.md §6.1), so the grant does not
	// count against the API's concurrency limit.
	t.Run("refresh at the limit", func(t *testing.T) {
		h := newHarness(t, emulator.Options{MaxConcurrent: 2, Latency: 5 * time.Millisecond})
		c := h.client(func(cfg *zoho.Config) { cfg.Concurrency = 2 })
		cx := ctx(t)
		if _, err := c.ListRoles(cx); err != nil {
			t.Fatal(err)
		}
		for round := range 3 {
			h.emu.ExpireTokens()
			noErrors(t, fmt.Sprint("round ", round), parallel(8, func(i int) error { return read(cx, c, i) }))
		}
		if n := countStatus(h.apiLog("", "/"), 429); n != 0 {
			t.Errorf("%d answers 429, want none", n)
		}
		if n := len(h.grants()); n != 4 {
			t.Errorf("%d grants, want 4", n)
		}
	})
}
