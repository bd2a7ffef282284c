package prefault

import (
	"syscall"
	"unsafe"
)

// madvPopulateWrite is MADV_POPULATE_WRITE (linux/mman-common.h).
const madvPopulateWrite = 23

// populate backs the whole pages inside [p, p+n). An error (EINVAL on
// kernels before 5.14, ENOMEM, EFAULT) is ignored: the pages are then
// backed on first write, as without this call.
func populate(p unsafe.Pointer, n uintptr) {
	const page = 4096
	start := (uintptr(p) + page - 1) &^ (page - 1)
	end := (uintptr(p) + n) &^ (page - 1)
	if end <= start {
		return
	}
	_, _, _ = syscall.Syscall(syscall.SYS_MADVISE, start, end-start, madvPopulateWrite)
}
