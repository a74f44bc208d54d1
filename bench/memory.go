package bench

import (
	"runtime"
	"runtime/metrics"
	"sync"
	"time"
)

// heapMetric is the bytes of live and not yet swept heap objects, which
// runtime/metrics reads without stopping the world.
const heapMetric = "/memory/classes/heap/objects:bytes"

// PeakHeap samples the heap every interval while fn runs and returns the
// largest sample and the heap before fn, in bytes. Run FullGC first for
// base to be what is live: then the peak is what the
// process needed for fn with the default GOGC, inputs included.
func PeakHeap(interval time.Duration, fn func()) (peak, base uint64) {
	sample := []metrics.Sample{{Name: heapMetric}}
	read := func() uint64 {
		metrics.Read(sample)
		return sample[0].Value.Uint64()
	}
	base = read()
	peak = base
	done := make(chan struct{})
	var wg sync.WaitGroup
	var mu sync.Mutex
	wg.Add(1)
	go func() {
		defer wg.Done()
		t := time.NewTicker(interval)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-t.C:
				v := read()
				mu.Lock()
				peak = max(peak, v)
				mu.Unlock()
			}
		}
	}()
	fn()
	v := read()
	close(done)
	wg.Wait()
	return max(peak, v), base
}

// FullGC collects garbage twice: objects in a sync.Pool (encoding/json
// keeps its encode buffers there, megabytes after a large response) survive
// one collection in the pool's victim cache.
func FullGC() {
	runtime.GC()
	runtime.GC()
}

// LiveHeap is the heap after FullGC, in bytes.
func LiveHeap() uint64 {
	FullGC()
	sample := []metrics.Sample{{Name: heapMetric}}
	metrics.Read(sample)
	return sample[0].Value.Uint64()
}
