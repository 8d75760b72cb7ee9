//===- Allocator.cpp - The caching allocator of generated code ------------===//
//
// A block is one posix_memalign'd region: 64 bytes of room for the header,
// then the payload of its size class. The pointer handed out is
// 64-byte aligned (cache lines, and any vector the generated code uses),
// with the header in the 16 bytes just before it, so that a block can be
// reused for a request of another alignment. Size classes are four per
// power of two (64, 80, 96, 112, 128, 160, ...), so a request wastes under
// a quarter of its size and calls whose shapes differ a little still reuse
// each other's blocks. A freed block is pushed on its class's list, linked
// through its first word.
//
//===----------------------------------------------------------------------===//

#include "Allocator.h"

#include "mm/runtime_internal.h"

#include <atomic>
#include <cstdlib>
#include <mutex>
#include <type_traits>

using namespace mm::detail;

namespace {

constexpr size_t kBlockAlignment = 64;
/// Bytes before the payload: the header and padding to kBlockAlignment.
constexpr size_t kPrefix = 64;
constexpr uint32_t kMagic = 0x6d6d6331; // "mmc1"
/// Classes are (4 + m) << e for e >= kMinShift: 64 bytes up to 2^40 bytes.
constexpr unsigned kMinShift = 4;
constexpr unsigned kMaxShift = 38;
constexpr uint32_t kNumClasses = (kMaxShift - kMinShift + 1) * 4;
/// The class of a block that bypasses the cache (larger than any class).
constexpr uint32_t kUncached = UINT32_MAX;

struct Header {
  /// What posix_memalign returned.
  void *base;
  uint32_t sizeClass;
  uint32_t magic;
};
static_assert(sizeof(Header) <= kPrefix, "the header fits before the payload");

size_t classBytes(uint32_t c) {
  return size_t(4 + c % 4) << (kMinShift + c / 4);
}

/// The smallest class of at least `size` bytes, or kUncached.
uint32_t classOf(size_t size) {
  if (size <= classBytes(0))
    return 0;
  // size - 1 = (4..7 + fraction) << e: the class is that mantissa rounded up.
  unsigned top = 63 - unsigned(__builtin_clzll(uint64_t(size - 1)));
  unsigned e = top - 2;
  size_t mantissa = ((size - 1) >> e) + 1; // 5..8
  if (mantissa == 8) {
    mantissa = 4;
    ++e;
  }
  if (e > kMaxShift)
    return kUncached;
  return uint32_t((e - kMinShift) * 4 + (mantissa - 4));
}

void *&nextOf(void *base) { return *static_cast<void **>(base); }

/// The cache. Plain data with a constant initializer and no destructor, so
/// that it is usable during the construction and destruction of other
/// statics; CacheOwner below releases it at unload.
struct Cache {
  std::mutex mutex;
  void *freeLists[kNumClasses] = {};
  size_t cachedBytes = 0;
  size_t limit = kDefaultCacheLimit;
  uint64_t hits = 0;
  uint64_t misses = 0;
  /// Set at unload: from then on blocks go straight back to the system.
  bool destroyed = false;
};
static_assert(std::is_trivially_destructible<Cache>::value,
              "the cache outlives the statics that may free into it");

Cache theCache;
std::atomic<int64_t> openModels{0};

/// Frees a chain of bases linked through their first word.
void freeChain(void *base) {
  while (base) {
    void *next = nextOf(base);
    std::free(base);
    base = next;
  }
}

/// Unlinks blocks from the largest classes first until `bytes` more fit
/// under the limit; returns them as a chain for freeing outside the lock.
void *evictHeld(Cache &cache, size_t bytes) {
  void *chain = nullptr;
  for (uint32_t c = kNumClasses; c-- > 0 && cache.cachedBytes + bytes > cache.limit;) {
    while (cache.freeLists[c] && cache.cachedBytes + bytes > cache.limit) {
      void *base = cache.freeLists[c];
      cache.freeLists[c] = nextOf(base);
      cache.cachedBytes -= classBytes(c);
      nextOf(base) = chain;
      chain = base;
    }
  }
  return chain;
}

/// Releases the cache when the runtime is unloaded.
struct CacheOwner {
  ~CacheOwner() {
    {
      std::lock_guard<std::mutex> lock(theCache.mutex);
      theCache.destroyed = true;
    }
    mm::detail::cacheRelease();
  }
} cacheOwner;

} // namespace

void *mm::detail::cacheAllocate(size_t size, size_t alignment) {
  if (alignment == 0 || (alignment & (alignment - 1)))
    return nullptr;
  if (alignment < kBlockAlignment)
    alignment = kBlockAlignment;
  // Beyond the block's own alignment, the payload needs room to slide.
  size_t slack = alignment - kBlockAlignment;
  if (size > (SIZE_MAX >> 2) || slack > (SIZE_MAX >> 2))
    return nullptr;
  size_t payload = size + slack;
  uint32_t c = classOf(payload);

  void *base = nullptr;
  if (c != kUncached) {
    std::lock_guard<std::mutex> lock(theCache.mutex);
    base = theCache.freeLists[c];
    if (base) {
      theCache.freeLists[c] = nextOf(base);
      theCache.cachedBytes -= classBytes(c);
      ++theCache.hits;
    } else {
      ++theCache.misses;
    }
  }
  if (!base) {
    size_t bytes = kPrefix + (c == kUncached ? payload : classBytes(c));
    if (posix_memalign(&base, kBlockAlignment, bytes) != 0)
      return nullptr;
  }
  uintptr_t first = reinterpret_cast<uintptr_t>(base) + kPrefix;
  uintptr_t user = (first + alignment - 1) & ~uintptr_t(alignment - 1);
  Header *header = reinterpret_cast<Header *>(user) - 1;
  header->base = base;
  header->sizeClass = c;
  header->magic = kMagic;
  return reinterpret_cast<void *>(user);
}

void mm::detail::cacheFree(void *ptr) {
  if (!ptr)
    return;
  Header *header = static_cast<Header *>(ptr) - 1;
  if (header->magic != kMagic) {
    // Not one of ours: memory corruption or a foreign pointer. Leaking is
    // the only safe answer; freeing a guess could corrupt the heap.
    return;
  }
  header->magic = 0;
  void *base = header->base;
  uint32_t c = header->sizeClass;
  if (c == kUncached) {
    std::free(base);
    return;
  }
  void *evicted = nullptr;
  {
    std::lock_guard<std::mutex> lock(theCache.mutex);
    size_t bytes = classBytes(c);
    if (!theCache.destroyed && bytes <= theCache.limit) {
      // The newest block wins: blocks of shapes no longer called go first.
      evicted = evictHeld(theCache, bytes);
      nextOf(base) = theCache.freeLists[c];
      theCache.freeLists[c] = base;
      theCache.cachedBytes += bytes;
      base = nullptr;
    }
  }
  freeChain(evicted);
  if (base)
    std::free(base);
}

void mm::detail::cacheRelease() {
  void *chain = nullptr;
  {
    std::lock_guard<std::mutex> lock(theCache.mutex);
    size_t limit = theCache.limit;
    theCache.limit = 0;
    chain = evictHeld(theCache, 0);
    theCache.limit = limit;
  }
  freeChain(chain);
}

void mm::detail::cacheSetLimit(size_t bytes) {
  void *chain = nullptr;
  {
    std::lock_guard<std::mutex> lock(theCache.mutex);
    theCache.limit = bytes;
    chain = evictHeld(theCache, 0);
  }
  freeChain(chain);
}

size_t mm::detail::cacheLimit() {
  std::lock_guard<std::mutex> lock(theCache.mutex);
  return theCache.limit;
}

CacheStats mm::detail::cacheStats() {
  std::lock_guard<std::mutex> lock(theCache.mutex);
  CacheStats stats;
  stats.cachedBytes = theCache.cachedBytes;
  stats.hits = theCache.hits;
  stats.misses = theCache.misses;
  return stats;
}

void mm::detail::cacheModelOpened() { openModels.fetch_add(1); }

void mm::detail::cacheModelClosed() {
  if (openModels.fetch_sub(1) == 1)
    cacheRelease();
}

void *mm_runtime_alloc(int64_t size) {
  if (size < 0)
    return nullptr;
  return cacheAllocate(static_cast<size_t>(size), kBlockAlignment);
}

void *mm_runtime_aligned_alloc(int64_t alignment, int64_t size) {
  if (size < 0 || alignment <= 0)
    return nullptr;
  return cacheAllocate(static_cast<size_t>(size), static_cast<size_t>(alignment));
}

void mm_runtime_free(void *ptr) { cacheFree(ptr); }
