//===- AllocatorTest.cpp - The caching allocator of generated code --------===//
//
// mm_runtime_alloc / mm_runtime_aligned_alloc / mm_runtime_free
// (mm/runtime_internal.h) over the cache of runtime/src/Allocator.h: reuse
// of freed blocks, alignment, the bound on cached bytes, release, and
// several threads at once.
//
//===----------------------------------------------------------------------===//

#include "Allocator.h"
#include "mm/runtime_internal.h"

#include "gtest/gtest.h"

#include <cstring>
#include <random>
#include <thread>
#include <vector>

using namespace mm::detail;

namespace {

/// Each test starts from an empty cache with the default bound.
class Allocator : public ::testing::Test {
protected:
  void SetUp() override { cacheRelease(); }
  void TearDown() override {
    cacheSetLimit(kDefaultCacheLimit);
    cacheRelease();
  }
};

bool isAligned(const void *p, size_t alignment) {
  return reinterpret_cast<uintptr_t>(p) % alignment == 0;
}

TEST_F(Allocator, FreedBlockIsReusedForTheSameSize) {
  void *a = mm_runtime_alloc(1 << 20);
  ASSERT_NE(a, nullptr);
  std::memset(a, 1, 1 << 20);
  mm_runtime_free(a);
  EXPECT_GE(cacheStats().cachedBytes, size_t(1) << 20);
  uint64_t hits = cacheStats().hits;
  void *b = mm_runtime_alloc(1 << 20);
  EXPECT_EQ(a, b);
  EXPECT_EQ(cacheStats().hits, hits + 1);
  EXPECT_EQ(cacheStats().cachedBytes, 0u);
  mm_runtime_free(b);
}

TEST_F(Allocator, SizesOfOneClassShareBlocks) {
  // 1000 and 1020 bytes are both in the 1024-byte class; 2000 is not.
  void *a = mm_runtime_alloc(1000);
  mm_runtime_free(a);
  void *b = mm_runtime_alloc(1020);
  EXPECT_EQ(a, b);
  mm_runtime_free(b);
  void *c = mm_runtime_alloc(2000);
  EXPECT_NE(c, a);
  mm_runtime_free(c);
}

TEST_F(Allocator, EveryBlockIsUsableUpToItsSize) {
  // Sizes around every class boundary of the first few powers of two.
  std::vector<void *> blocks;
  for (int64_t size = 0; size <= 5000; size += 7) {
    auto *p = static_cast<unsigned char *>(mm_runtime_alloc(size));
    ASSERT_NE(p, nullptr) << size;
    std::memset(p, int(size & 0xff), size_t(size));
    blocks.push_back(p);
  }
  int64_t size = 0;
  for (void *p : blocks) {
    auto *bytes = static_cast<unsigned char *>(p);
    for (int64_t i = 0; i < size; ++i)
      ASSERT_EQ(bytes[i], size & 0xff) << "block of " << size << " bytes overlaps another";
    mm_runtime_free(p);
    size += 7;
  }
}

TEST_F(Allocator, Alignment) {
  for (int64_t size : {1, 64, 1000, 100000}) {
    void *p = mm_runtime_alloc(size);
    EXPECT_TRUE(isAligned(p, 64)) << size;
    mm_runtime_free(p);
    for (int64_t alignment : {1, 8, 16, 64, 128, 256, 4096, 65536}) {
      auto *q = static_cast<unsigned char *>(mm_runtime_aligned_alloc(alignment, size));
      ASSERT_NE(q, nullptr);
      EXPECT_TRUE(isAligned(q, size_t(alignment))) << alignment << " " << size;
      std::memset(q, 0xab, size_t(size));
      mm_runtime_free(q);
    }
  }
  // A block cached from a 64-aligned use, taken again for a 4096-aligned
  // request of its class: the payload slides to the alignment.
  void *a = mm_runtime_alloc(8192);
  mm_runtime_free(a);
  uint64_t hits = cacheStats().hits;
  auto *b = static_cast<unsigned char *>(mm_runtime_aligned_alloc(4096, 4000));
  EXPECT_EQ(cacheStats().hits, hits + 1);
  EXPECT_TRUE(isAligned(b, 4096));
  std::memset(b, 0xcd, 4000);
  mm_runtime_free(b);
}

TEST_F(Allocator, InvalidRequests) {
  EXPECT_EQ(mm_runtime_alloc(-1), nullptr);
  EXPECT_EQ(mm_runtime_aligned_alloc(3, 16), nullptr);
  EXPECT_EQ(mm_runtime_aligned_alloc(0, 16), nullptr);
  EXPECT_EQ(mm_runtime_aligned_alloc(64, -5), nullptr);
  EXPECT_EQ(mm_runtime_alloc(INT64_MAX), nullptr);
  mm_runtime_free(nullptr);
  void *zero = mm_runtime_alloc(0);
  EXPECT_NE(zero, nullptr);
  mm_runtime_free(zero);
}

TEST_F(Allocator, CachedBytesStayUnderTheBound) {
  cacheSetLimit(4 << 20);
  std::vector<void *> blocks;
  for (int i = 0; i < 10; ++i)
    blocks.push_back(mm_runtime_alloc(1 << 20));
  for (void *p : blocks)
    mm_runtime_free(p);
  CacheStats stats = cacheStats();
  EXPECT_LE(stats.cachedBytes, size_t(4) << 20);
  EXPECT_GE(stats.cachedBytes, size_t(3) << 20);
  // A block larger than the whole bound is never cached.
  void *big = mm_runtime_alloc(8 << 20);
  mm_runtime_free(big);
  EXPECT_LE(cacheStats().cachedBytes, size_t(4) << 20);
  // Lowering the bound releases what no longer fits.
  cacheSetLimit(1 << 20);
  EXPECT_LE(cacheStats().cachedBytes, size_t(1) << 20);
  cacheSetLimit(0);
  EXPECT_EQ(cacheStats().cachedBytes, 0u);
  void *p = mm_runtime_alloc(100);
  mm_runtime_free(p);
  EXPECT_EQ(cacheStats().cachedBytes, 0u);
}

TEST_F(Allocator, NewestBlocksEvictOlderOnes) {
  // Calls whose shapes changed: the old class's blocks make room.
  cacheSetLimit(2 << 20);
  void *old = mm_runtime_alloc(1 << 20);
  mm_runtime_free(old);
  void *a = mm_runtime_alloc(900000);
  void *b = mm_runtime_alloc(900000);
  mm_runtime_free(a);
  mm_runtime_free(b);
  // Both new blocks are cached, so reallocating them hits twice.
  uint64_t hits = cacheStats().hits;
  a = mm_runtime_alloc(900000);
  b = mm_runtime_alloc(900000);
  EXPECT_EQ(cacheStats().hits, hits + 2);
  mm_runtime_free(a);
  mm_runtime_free(b);
}

TEST_F(Allocator, ReleaseEmptiesTheCache) {
  void *p = mm_runtime_alloc(300000);
  mm_runtime_free(p);
  EXPECT_GT(cacheStats().cachedBytes, 0u);
  cacheRelease();
  EXPECT_EQ(cacheStats().cachedBytes, 0u);
}

TEST_F(Allocator, ClosingTheLastModelReleasesTheCache) {
  cacheModelOpened();
  cacheModelOpened();
  void *p = mm_runtime_alloc(300000);
  mm_runtime_free(p);
  cacheModelClosed();
  EXPECT_GT(cacheStats().cachedBytes, 0u) << "a model is still open";
  cacheModelClosed();
  EXPECT_EQ(cacheStats().cachedBytes, 0u);
}

TEST_F(Allocator, SeveralThreadsAtOnce) {
  // Each thread fills its blocks with its own byte and checks them before
  // freeing: a block handed to two threads at once shows as a wrong byte.
  cacheSetLimit(8 << 20);
  constexpr int kThreads = 8;
  std::vector<std::thread> threads;
  std::vector<int> errors(kThreads, 0);
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([t, &errors] {
      std::mt19937 rng(static_cast<unsigned>(t));
      std::vector<std::pair<unsigned char *, size_t>> live;
      for (int i = 0; i < 4000; ++i) {
        if (live.size() < 16 && (live.empty() || rng() % 2)) {
          size_t size = rng() % 3 == 0 ? rng() % 400000 : rng() % 4000;
          auto *p = static_cast<unsigned char *>(
              rng() % 4 ? mm_runtime_alloc(int64_t(size))
                        : mm_runtime_aligned_alloc(256, int64_t(size)));
          if (!p) {
            ++errors[size_t(t)];
            continue;
          }
          std::memset(p, t + 1, size);
          live.emplace_back(p, size);
        } else {
          size_t k = rng() % live.size();
          auto [p, size] = live[k];
          for (size_t j = 0; j < size; j += 61)
            if (p[j] != t + 1) {
              ++errors[size_t(t)];
              break;
            }
          mm_runtime_free(p);
          live.erase(live.begin() + long(k));
        }
      }
      for (auto [p, size] : live)
        mm_runtime_free(p);
    });
  }
  for (std::thread &thread : threads)
    thread.join();
  for (int t = 0; t < kThreads; ++t)
    EXPECT_EQ(errors[size_t(t)], 0) << "thread " << t;
  CacheStats stats = cacheStats();
  EXPECT_LE(stats.cachedBytes, size_t(8) << 20);
  EXPECT_GT(stats.hits, 0u);
}

} // namespace
