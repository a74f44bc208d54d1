package model

import "slices"

// State is a set of objects keyed by Key.
type State struct {
	objects map[Key]*Object
}

// NewState returns an empty State.
func NewState() *State { return &State{objects: map[Key]*Object{}} }

// Put adds or replaces an object.
func (s *State) Put(o *Object) { s.objects[o.Key] = o }

// Get returns the object with key k, or nil.
func (s *State) Get(k Key) *Object { return s.objects[k] }

// Len is the number of objects.
func (s *State) Len() int { return len(s.objects) }

// Keys returns every key in kind order, then name order.
func (s *State) Keys() []Key {
	keys := make([]Key, 0, len(s.objects))
	for k := range s.objects {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, Key.Compare)
	return keys
}

// Objects returns every object in key order.
func (s *State) Objects() []*Object {
	keys := s.Keys()
	out := make([]*Object, len(keys))
	for i, k := range keys {
		out[i] = s.objects[k]
	}
	return out
}

// OfKind returns the objects of one kind in name order.
func (s *State) OfKind(kind Kind) []*Object {
	var out []*Object
	for _, o := range s.Objects() {
		if o.Key.Kind == kind {
			out = append(out, o)
		}
	}
	return out
}
