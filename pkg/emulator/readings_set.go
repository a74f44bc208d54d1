package emulator

import (
	"fmt"
	"reflect"
	"strconv"
	"strings"
)

// Set changes one reading from a "Field=value" spec, as ReadingVariants
// names them (e.g. "RoleUpdateResponse=bare"); the value is checked when
// the readings are used.
func (r *Readings) Set(spec string) error {
	name, value, ok := strings.Cut(spec, "=")
	f := reflect.ValueOf(r).Elem().FieldByName(name)
	if !ok || !f.IsValid() {
		return fmt.Errorf("emulator: reading %q: want Field=value with a field of Readings (e.g. RoleUpdateResponse=bare)", spec)
	}
	switch f.Kind() {
	case reflect.String:
		f.SetString(value)
	case reflect.Int:
		n, err := strconv.Atoi(value)
		if err != nil {
			return fmt.Errorf("emulator: reading %s: %q is not a number", name, value)
		}
		f.SetInt(int64(n))
	}
	_, err := r.normalize()
	return err
}
