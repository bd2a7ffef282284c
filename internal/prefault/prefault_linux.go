package prefault

import (
	"os"
	"strings"
	"sync"
	"syscall"
	"unsafe"
)

// The madvise advice values used here (linux/mman-common.h).
const (
	madvHugepage      = 14
	madvPopulateWrite = 23
)

// hugePage is the size of an x86-64 and arm64 transparent huge page.
const hugePage = 2 << 20

// hugePagesOff reports whether GODEBUG has disablethp=1, Go's own switch
// for its heap's use of transparent huge pages, which Slice honours too.
var hugePagesOff = sync.OnceValue(func() bool { return thpDisabled(os.Getenv("GODEBUG")) })

// thpDisabled reports whether a GODEBUG value sets disablethp=1 (the last
// setting of a name wins, as in the runtime).
func thpDisabled(godebug string) bool {
	off := false
	for _, kv := range strings.Split(godebug, ",") {
		if name, value, ok := strings.Cut(strings.TrimSpace(kv), "="); ok && name == "disablethp" {
			off = value == "1"
		}
	}
	return off
}

// populate backs the whole pages inside [p, p+n): it asks for transparent
// huge pages on the 2 MiB-aligned part of the range (MADV_HUGEPAGE: one
// fault and one zeroing per 2 MiB instead of 512, where the system allows
// them, which its "madvise" mode does; GODEBUG=disablethp=1 leaves them
// out), then backs the range in one call (MADV_POPULATE_WRITE). Errors
// are ignored: EINVAL from a kernel without either advice, ENOMEM when no
// huge page is free, and the pages are then backed 4 KiB at a time on
// first write, as without this call.
func populate(p unsafe.Pointer, n uintptr) {
	const page = 4096
	start := (uintptr(p) + page - 1) &^ (page - 1)
	end := (uintptr(p) + n) &^ (page - 1)
	if end <= start {
		return
	}
	if hs, he := (start+hugePage-1)&^(hugePage-1), end&^(hugePage-1); he > hs && !hugePagesOff() {
		_, _, _ = syscall.Syscall(syscall.SYS_MADVISE, hs, he-hs, madvHugepage)
	}
	_, _, _ = syscall.Syscall(syscall.SYS_MADVISE, start, end-start, madvPopulateWrite)
}
