package emulator

import "strconv"

// idBase is the first generated id: 19 digits like real Zoho ids
// ("5843104000000766010", [seed:update-record-locking-configuration]).
const idBase uint64 = 5843104000001000000

// idGen hands out unique 19-digit ids, skipping ids already in use.
type idGen struct {
	next uint64
	used map[string]bool
}

func newIDGen() *idGen {
	return &idGen{next: idBase, used: map[string]bool{}}
}

// claim records an id given by a seed; it reports false on a duplicate.
func (g *idGen) claim(id string) bool {
	if g.used[id] {
		return false
	}
	g.used[id] = true
	return true
}

// newID returns a fresh id.
func (g *idGen) newID() string {
	for {
		id := strconv.FormatUint(g.next, 10)
		g.next++
		if !g.used[id] {
			g.used[id] = true
			return id
		}
	}
}
