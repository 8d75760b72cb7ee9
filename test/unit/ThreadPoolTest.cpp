//===- ThreadPoolTest.cpp - The runtime's thread pool ---------------------===//
//
// mm_runtime_do_par_for and mm_runtime_parallel_for (mm/runtime_internal.h)
// on the pool mm_set_num_threads sizes: every index exactly once, errors,
// nesting, several application threads at once, resizing, and the
// deterministic one-thread mode.
//
//===----------------------------------------------------------------------===//

#include "ThreadPool.h"
#include "mm/runtime.h"
#include "mm/runtime_internal.h"

#include "gtest/gtest.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <climits>
#include <mutex>
#include <set>
#include <thread>
#include <vector>

#include <unistd.h>

namespace {

/// Each test sizes the pool itself and leaves it at the default, 1.
class ThreadPool : public ::testing::Test {
protected:
  void TearDown() override { mm_set_num_threads(1); }
};

const int32_t kThreadCounts[] = {1, 2, 3, 4, 7};

/// Counts how often each task number in [min, min + extent) ran.
struct CountContext {
  int min = 0;
  std::vector<std::atomic<int>> counts;
  std::atomic<int> outside{0};
  CountContext(int min, int extent) : min(min), counts(static_cast<size_t>(extent)) {}
};

int countTask(void *userContext, int taskNumber, uint8_t *closure) {
  auto *c = reinterpret_cast<CountContext *>(closure);
  EXPECT_EQ(userContext, static_cast<void *>(c));
  int64_t slot = int64_t(taskNumber) - c->min;
  if (slot < 0 || slot >= static_cast<int64_t>(c->counts.size()))
    c->outside.fetch_add(1);
  else
    c->counts[static_cast<size_t>(slot)].fetch_add(1);
  return 0;
}

/// True if every task ran exactly once and none outside the range.
::testing::AssertionResult ranEachOnce(const CountContext &c) {
  if (c.outside.load())
    return ::testing::AssertionFailure() << c.outside.load() << " tasks outside the range";
  for (size_t i = 0; i < c.counts.size(); ++i)
    if (c.counts[i].load() != 1)
      return ::testing::AssertionFailure()
             << "task " << c.min + int64_t(i) << " ran " << c.counts[i].load() << " times";
  return ::testing::AssertionSuccess();
}

TEST_F(ThreadPool, DoParForRunsEveryTaskOnce) {
  const int ranges[][2] = {{0, 0},   {0, 1},     {5, 1},    {0, 2},       {-5, 7},
                           {100, 3}, {0, 64},    {7, 1000}, {-1000, 5000}, {INT_MAX - 10, 10},
                           {INT_MIN, 9}, {3, -4}};
  for (int32_t threads : kThreadCounts) {
    mm_set_num_threads(threads);
    for (auto &range : ranges) {
      // Repeated, so that workers meet jobs while spinning and after sleeping.
      for (int rep = 0; rep < 20; ++rep) {
        CountContext c(range[0], std::max(range[1], 0));
        int result = mm_runtime_do_par_for(&c, countTask, range[0], range[1],
                                           reinterpret_cast<uint8_t *>(&c));
        EXPECT_EQ(result, 0);
        EXPECT_TRUE(ranEachOnce(c)) << threads << " threads, min " << range[0] << ", extent "
                                    << range[1];
      }
    }
  }
}

struct Chunk {
  int64_t begin, end;
  bool operator<(const Chunk &o) const { return begin < o.begin; }
};

struct ChunkLog {
  std::mutex mutex;
  std::vector<Chunk> chunks;
};

void logChunk(int64_t begin, int64_t end, void *ctx) {
  auto *log = static_cast<ChunkLog *>(ctx);
  std::lock_guard<std::mutex> lock(log->mutex);
  log->chunks.push_back({begin, end});
}

TEST_F(ThreadPool, ParallelForSplitsIntoEqualChunks) {
  const int64_t ranges[][2] = {{0, 0},          {5, 3},       {0, 1},         {0, 2},
                               {-3, 4},         {0, 100},     {-1000, 1001},  {10, 17},
                               {INT64_MIN, INT64_MIN + 5},    {INT64_MAX - 6, INT64_MAX},
                               {INT64_MIN / 2, INT64_MAX / 2}};
  for (int32_t threads : kThreadCounts) {
    mm_set_num_threads(threads);
    for (auto &range : ranges) {
      ChunkLog log;
      mm_runtime_parallel_for(range[0], range[1], logChunk, &log);
      std::sort(log.chunks.begin(), log.chunks.end());
      if (range[1] <= range[0]) {
        EXPECT_TRUE(log.chunks.empty());
        continue;
      }
      uint64_t length = uint64_t(range[1]) - uint64_t(range[0]);
      ASSERT_EQ(log.chunks.size(), std::min<uint64_t>(length, uint64_t(threads)))
          << threads << " threads, [" << range[0] << ", " << range[1] << ")";
      // Contiguous, covering the range, lengths differing by at most one,
      // the longer ones first.
      EXPECT_EQ(log.chunks.front().begin, range[0]);
      EXPECT_EQ(log.chunks.back().end, range[1]);
      uint64_t first = uint64_t(log.chunks[0].end) - uint64_t(log.chunks[0].begin);
      for (size_t i = 0; i < log.chunks.size(); ++i) {
        uint64_t len = uint64_t(log.chunks[i].end) - uint64_t(log.chunks[i].begin);
        EXPECT_TRUE(len == first || len + 1 == first) << "chunk " << i;
        EXPECT_GT(len, 0u);
        if (i) {
          EXPECT_EQ(log.chunks[i].begin, log.chunks[i - 1].end);
        }
      }
    }
  }
}

/// Fails tasks `failA` (with 11) and `failB` (with 22); records what ran.
struct FailContext {
  int failA, failB;
  std::vector<std::atomic<int>> ran;
  explicit FailContext(int extent, int a, int b)
      : failA(a), failB(b), ran(static_cast<size_t>(extent)) {}
};

int failingTask(void *, int taskNumber, uint8_t *closure) {
  auto *c = reinterpret_cast<FailContext *>(closure);
  c->ran[static_cast<size_t>(taskNumber)].fetch_add(1);
  if (taskNumber == c->failA)
    return 11;
  if (taskNumber == c->failB)
    return 22;
  return 0;
}

TEST_F(ThreadPool, ErrorOfLowestFailingTask) {
  const int cases[][2] = {{0, 99}, {99, 0}, {50, 51}, {51, 50}, {63, 2}, {-1, 17}};
  for (int32_t threads : kThreadCounts) {
    mm_set_num_threads(threads);
    for (auto &fails : cases) {
      for (int rep = 0; rep < 10; ++rep) {
        FailContext c(100, fails[0], fails[1]);
        int result = mm_runtime_do_par_for(nullptr, failingTask, 0, 100,
                                           reinterpret_cast<uint8_t *>(&c));
        int lowest = fails[0] < 0 ? fails[1] : fails[1] < 0 ? fails[0] : std::min(fails[0], fails[1]);
        EXPECT_EQ(result, lowest == fails[0] ? 11 : 22)
            << threads << " threads, failing " << fails[0] << " and " << fails[1];
        // Everything below the lowest failing task ran, once; nothing twice.
        for (int i = 0; i < 100; ++i) {
          if (i <= lowest) {
            EXPECT_EQ(c.ran[i].load(), 1) << "task " << i;
          } else if (threads == 1) {
            // One thread stops at the first failure, like a serial loop.
            EXPECT_EQ(c.ran[i].load(), 0) << "task " << i;
          } else {
            EXPECT_LE(c.ran[i].load(), 1) << "task " << i;
          }
        }
      }
    }
  }
}

struct NestedContext {
  std::atomic<int> inner{0};
  std::atomic<int> chunkIterations{0};
};

void countChunk(int64_t begin, int64_t end, void *ctx) {
  static_cast<NestedContext *>(ctx)->chunkIterations.fetch_add(static_cast<int>(end - begin));
}

int innerTask(void *, int, uint8_t *closure) {
  reinterpret_cast<NestedContext *>(closure)->inner.fetch_add(1);
  return 0;
}

int outerTask(void *, int taskNumber, uint8_t *closure) {
  auto *c = reinterpret_cast<NestedContext *>(closure);
  // Two levels: a loop inside a loop inside a loop.
  if (int r = mm_runtime_do_par_for(nullptr, innerTask, 0, 10, closure))
    return r;
  mm_runtime_parallel_for(0, 1000, countChunk, c);
  if (taskNumber % 4 == 0)
    return mm_runtime_do_par_for(nullptr, outerTask, 1, 2, closure);
  return 0;
}

TEST_F(ThreadPool, NestedLoopsRunInline) {
  for (int32_t threads : kThreadCounts) {
    mm_set_num_threads(threads);
    NestedContext c;
    // Tasks 0, 4, 8, ..., 28 (8 of them) start 2 more (1 and 2, not
    // multiples of 4): 48 outer tasks in all.
    EXPECT_EQ(mm_runtime_do_par_for(nullptr, outerTask, 0, 32, reinterpret_cast<uint8_t *>(&c)),
              0);
    EXPECT_EQ(c.inner.load(), 48 * 10) << threads << " threads";
    EXPECT_EQ(c.chunkIterations.load(), 48 * 1000) << threads << " threads";
  }
}

TEST_F(ThreadPool, ConcurrentCallers) {
  for (int32_t threads : {2, 4}) {
    mm_set_num_threads(threads);
    std::atomic<int> failures{0};
    std::vector<std::thread> callers;
    for (int t = 0; t < 4; ++t)
      callers.emplace_back([&, t] {
        for (int rep = 0; rep < 300; ++rep) {
          int extent = 1 + (rep * 7 + t) % 70;
          CountContext c(t * 1000, extent);
          if (mm_runtime_do_par_for(&c, countTask, t * 1000, extent,
                                    reinterpret_cast<uint8_t *>(&c)) != 0 ||
              !ranEachOnce(c))
            failures.fetch_add(1);
          NestedContext n;
          mm_runtime_parallel_for(0, extent, countChunk, &n);
          if (n.chunkIterations.load() != extent)
            failures.fetch_add(1);
        }
      });
    for (auto &caller : callers)
      caller.join();
    EXPECT_EQ(failures.load(), 0) << threads << " threads";
  }
}

/// Tasks that each wait until `wanted` tasks have started: they finish only
/// if that many threads run them at the same time.
struct RendezvousContext {
  int wanted;
  std::atomic<int> started{0};
  std::mutex mutex;
  std::set<std::thread::id> threadIds;
};

int rendezvousTask(void *, int, uint8_t *closure) {
  auto *c = reinterpret_cast<RendezvousContext *>(closure);
  {
    std::lock_guard<std::mutex> lock(c->mutex);
    c->threadIds.insert(std::this_thread::get_id());
  }
  c->started.fetch_add(1);
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (c->started.load() < c->wanted) {
    if (std::chrono::steady_clock::now() > deadline)
      return 1;
    std::this_thread::yield();
  }
  return 0;
}

TEST_F(ThreadPool, ResizeWhileIdle) {
  for (int32_t threads : {4, 2, 3, 1, 2}) {
    mm_set_num_threads(threads);
    EXPECT_EQ(mm_get_num_threads(), threads);
    EXPECT_EQ(mm::detail::poolNumWorkers(), threads - 1);
    if (threads == 1)
      continue;
    // The pool really runs `threads` tasks at once, on distinct threads.
    RendezvousContext c;
    c.wanted = threads;
    EXPECT_EQ(mm_runtime_do_par_for(nullptr, rendezvousTask, 0, threads,
                                    reinterpret_cast<uint8_t *>(&c)),
              0)
        << threads << " threads";
    EXPECT_EQ(c.threadIds.size(), static_cast<size_t>(threads));
  }
}

/// Every task asks for the thread count the closure holds (one value for
/// all tasks: concurrent tasks asking for different counts would leave
/// whichever ran last).
int resizeInsideTask(void *, int, uint8_t *closure) {
  mm_set_num_threads(*reinterpret_cast<int *>(closure));
  return 0;
}

TEST_F(ThreadPool, ResizeFromInsideATask) {
  mm_set_num_threads(2);
  // A one-task loop runs inline without taking the pool: applied at once.
  int three = 3, two = 2;
  EXPECT_EQ(mm_runtime_do_par_for(nullptr, resizeInsideTask, 0, 1,
                                  reinterpret_cast<uint8_t *>(&three)),
            0);
  EXPECT_EQ(mm_get_num_threads(), 3);
  EXPECT_EQ(mm::detail::poolNumWorkers(), 2);
  // Inside a loop on the pool the new size is only recorded...
  EXPECT_EQ(mm_runtime_do_par_for(nullptr, resizeInsideTask, 0, 2,
                                  reinterpret_cast<uint8_t *>(&two)),
            0);
  EXPECT_EQ(mm_get_num_threads(), 2);
  EXPECT_EQ(mm::detail::poolNumWorkers(), 2);
  // ... and applied by the next loop that gets the pool.
  CountContext c(0, 50);
  EXPECT_EQ(mm_runtime_do_par_for(&c, countTask, 0, 50, reinterpret_cast<uint8_t *>(&c)), 0);
  EXPECT_TRUE(ranEachOnce(c));
  EXPECT_EQ(mm::detail::poolNumWorkers(), 1);
}

struct OrderContext {
  std::vector<int> order;
  std::vector<std::thread::id> threadIds;
};

int recordOrder(void *, int taskNumber, uint8_t *closure) {
  auto *c = reinterpret_cast<OrderContext *>(closure);
  c->order.push_back(taskNumber);
  c->threadIds.push_back(std::this_thread::get_id());
  return 0;
}

void recordChunk(int64_t begin, int64_t end, void *ctx) {
  auto *c = static_cast<OrderContext *>(ctx);
  c->order.push_back(static_cast<int>(begin));
  c->order.push_back(static_cast<int>(end));
  c->threadIds.push_back(std::this_thread::get_id());
}

TEST_F(ThreadPool, OneThreadRunsOnTheCallerInOrder) {
  mm_set_num_threads(4);
  mm_set_num_threads(1);
  EXPECT_EQ(mm::detail::poolNumWorkers(), 0);
  OrderContext c;
  EXPECT_EQ(mm_runtime_do_par_for(nullptr, recordOrder, -3, 200, reinterpret_cast<uint8_t *>(&c)),
            0);
  ASSERT_EQ(c.order.size(), 200u);
  for (int i = 0; i < 200; ++i)
    EXPECT_EQ(c.order[i], i - 3);
  for (auto id : c.threadIds)
    EXPECT_EQ(id, std::this_thread::get_id());

  OrderContext chunks;
  mm_runtime_parallel_for(-5, 1000, recordChunk, &chunks);
  EXPECT_EQ(chunks.order, (std::vector<int>{-5, 1000}));
  ASSERT_EQ(chunks.threadIds.size(), 1u);
  EXPECT_EQ(chunks.threadIds[0], std::this_thread::get_id());
}

} // namespace
