package prefault

import (
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

// populate backs the whole pages inside [p, p+n): it asks for transparent
// huge pages on the 2 MiB-aligned part of the range (MADV_HUGEPAGE: one
// fault and one zeroing per 2 MiB instead of 512, where the system allows
// them, which its "madvise" mode does), then backs the range in one call
// (MADV_POPULATE_WRITE). Errors are ignored: EINVAL from a kernel without
// either advice, ENOMEM when no huge page is free, and the pages are then
// backed 4 KiB at a time on first write, as without this call.
func populate(p unsafe.Pointer, n uintptr) {
	const page = 4096
	start := (uintptr(p) + page - 1) &^ (page - 1)
	end := (uintptr(p) + n) &^ (page - 1)
	if end <= start {
		return
	}
	if hs, he := (start+hugePage-1)&^(hugePage-1), end&^(hugePage-1); he > hs {
		_, _, _ = syscall.Syscall(syscall.SYS_MADVISE, hs, he-hs, madvHugepage)
	}
	_, _, _ = syscall.Syscall(syscall.SYS_MADVISE, start, end-start, madvPopulateWrite)
}
