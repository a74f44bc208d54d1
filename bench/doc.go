// Package bench measures crmsync at scale: API calls, wall time and memory
// of plan and apply against the emulator over HTTP, and of the offline
// phases (load+validate, diff), each against its lower bound and against a
// naive baseline run in the same process. BENCHMARKS.md at the top of the
// repository holds the results and the commands that reproduce them.
//
// Phase: test infrastructure. The package generates large orgs (Gen: an
// emulator seed plus the YAML manifests that drift from it) and computes
// the minimum calls and the lower bounds by rule (MinGETs, Ledger,
// WriteRounds), independently of packages observe and plan, so that a
// regression in either shows up as a ratio above 1. It uses the CLI's
// pipeline (desired, observe, plan, apply) as a library and is imported by
// nothing.
//
// The benchmarks and TestCallCountsAtMinimum read these environment
// variables:
//
//	CRMSYNC_BENCH_SCALE    small (default): orgs at 0.1× over HTTP and 0.1×, 1× offline;
//	                       full: 0.1×, 0.5×, 1× over HTTP and 0.1×, 1×, 5×, 10× offline;
//	                       or a list of scales such as 0.1,0.5 (HTTP; offline adds 10)
//	CRMSYNC_BENCH_OFFLINE_SCALE  overrides the offline scales, e.g. 1,5,10
//	CRMSYNC_BENCH_LATENCY  latency added to every call (default 2ms; the 100ms for full runs)
//	CRMSYNC_BENCH_CONC     client concurrencies, also the emulator's limit (default 5,20)
//	CRMSYNC_BENCH_DRIFT    fraction of objects the manifests change (default 0.05)
//	CRMSYNC_BENCH_SEED     generator seed (default 1)
//	CRMSYNC_BENCH_NAIVE    0 skips the naive baseline (default 1)
//	CRMSYNC_BENCH_DEPTHS   role-tree depths for BenchmarkDepth, e.g. 30,300,1000 (default: skipped)
//	CRMSYNC_BENCH_TEST_SCALE  the scale of TestCallCountsAtMinimum (default 0.1)
//	CRMSYNC_BENCH_FIELDS   0 leaves Field manifests out of the generated orgs (default:
//	                       in, once the Field kind is registered; the org always has the fields)
package bench
