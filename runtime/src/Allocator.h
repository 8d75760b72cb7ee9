//===- Allocator.h - The caching allocator of generated code ----*- C++ -*-===//
//
// Every temporary buffer of a compiled model is a memref.alloc, and every
// call allocates and frees all of them again. Through malloc, blocks above
// glibc's mmap threshold go back to the kernel at free and come back as
// fresh zeroed pages at the next call: page faults were a fifth of W3's
// time. The generated code therefore allocates through the runtime
// (mm_runtime_alloc, mm/runtime_internal.h), which keeps freed blocks in
// size classes and hands them out again, so that from the second call on a
// model touches memory that is already mapped.
//
// One cache per copy of the runtime, shared by every model and thread of
// it, behind one mutex (a call allocates a few hundred blocks, far too few
// for the lock to matter). It keeps at most cacheLimit() bytes of freed
// blocks; a block that does not fit is returned to the system. Everything
// cached is returned when the last open model is closed and when the
// runtime is unloaded (exit or dlclose).
//
//===----------------------------------------------------------------------===//
#ifndef MM_RUNTIME_SRC_ALLOCATOR_H
#define MM_RUNTIME_SRC_ALLOCATOR_H

#include <cstddef>
#include <cstdint>

namespace mm {
namespace detail {

/// The default bound on cached (freed, kept) bytes.
constexpr size_t kDefaultCacheLimit = size_t(256) << 20;

/// `size` bytes aligned to `alignment` (a power of two; at least 64 is
/// always used), from the cache when it has a block of the size's class.
/// Null if the system is out of memory or the request is invalid.
void *cacheAllocate(size_t size, size_t alignment);

/// Gives back a block of cacheAllocate (null is ignored): kept for reuse
/// if it fits under the limit, else returned to the system.
void cacheFree(void *ptr);

/// Returns every cached block to the system.
void cacheRelease();

/// Sets the bound on cached bytes (blocks above it are released at once).
void cacheSetLimit(size_t bytes);
size_t cacheLimit();

struct CacheStats {
  /// Bytes of the blocks the cache holds (their class sizes).
  size_t cachedBytes = 0;
  /// Allocations served from the cache / from the system.
  uint64_t hits = 0;
  uint64_t misses = 0;
};
CacheStats cacheStats();

/// mm_model_open and mm_model_close count the open models; closing the
/// last one releases the cache.
void cacheModelOpened();
void cacheModelClosed();

} // namespace detail
} // namespace mm

#endif // MM_RUNTIME_SRC_ALLOCATOR_H
