//===- ThreadPool.cpp - The runtime's one thread pool ---------------------===//
//
// Kernels hand the pool thousands of small loops per second, so dispatch is
// a few atomics in the common case: a loop ("job") is published by bumping
// a generation in one atomic word; workers that spin on it join, claim task
// numbers from a shared counter and leave. A worker that finds no job for
// kSpinTime sleeps on a condition variable and is woken by the next job, so
// an idle pool costs no CPU (the machines we run on are shared).
//
// The job word is `generation << 32 | closed << 31 | workers inside`. A
// worker joins with a CAS that fails once the caller has closed the job or
// published another, and the caller reuses the job's fields only after it
// has closed the job and seen no worker inside, so a worker never reads a
// half-written job nor runs a task of the next one. The caller does not wait
// for workers that never woke up: closing the job turns them away.
//
//===----------------------------------------------------------------------===//

#include "ThreadPool.h"
#include "RuntimeInternal.h"

// Hidden like everything but the C API: the generated code that calls these
// is linked into the same library, and users of a .so should not see them.
#include "mm/runtime_internal.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <climits>
#include <condition_variable>
#include <mutex>
#include <thread>
#include <vector>

#include <pthread.h>
#include <signal.h>
#include <unistd.h>

using namespace mm::detail;

namespace {

/// More threads than this is a mistake (mm_set_num_threads(1 << 30)).
constexpr int32_t kMaxThreads = 256;
/// How long a worker spins for the next job, and the caller for the last
/// tasks of its job, before sleeping: long enough to bridge the gap between
/// the parallel loops of one kernel call, short enough not to steal a
/// shared core from others for long.
constexpr std::chrono::microseconds kSpinTime(50);

constexpr uint64_t kClosed = uint64_t(1) << 31;
constexpr uint64_t kInsideMask = kClosed - 1;
constexpr int kGenerationShift = 32;

uint32_t generationOf(uint64_t word) {
  return static_cast<uint32_t>(word >> kGenerationShift);
}

inline void cpuRelax() {
#if defined(__x86_64__) || defined(__i386__)
  __builtin_ia32_pause();
#elif defined(__aarch64__)
  asm volatile("yield");
#endif
}

/// Spins until `done()` or kSpinTime has passed; true if done. Yields every
/// ~64 pauses: on an oversubscribed machine the thread we wait for may be
/// waiting for this core.
template <typename Pred> bool spinUntil(Pred done) {
  auto deadline = std::chrono::steady_clock::now() + kSpinTime;
  for (;;) {
    for (int i = 0; i < 64; ++i) {
      if (done())
        return true;
      cpuRelax();
    }
    if (std::chrono::steady_clock::now() >= deadline)
      return done();
    std::this_thread::yield();
  }
}

int32_t resolveNumThreads(int32_t requested) {
  if (requested <= 0) {
    long online = sysconf(_SC_NPROCESSORS_ONLN);
    requested = online < 1 ? 1 : online > kMaxThreads ? kMaxThreads : static_cast<int32_t>(online);
  }
  return std::min(requested, kMaxThreads);
}

int runInline(PoolTaskFn fn, void *context, int32_t count) {
  for (int32_t i = 0; i < count; ++i)
    if (int result = fn(context, i))
      return result;
  return 0;
}

/// Set once the pool is destroyed (at exit or dlclose); later loops run
/// inline. Trivially destructible, so it outlives the pool.
std::atomic<bool> poolDestroyed{false};

class Pool {
public:
  Pool() = default;
  Pool(const Pool &) = delete;
  Pool &operator=(const Pool &) = delete;
  ~Pool();

  int run(PoolTaskFn fn, void *context, int32_t count);
  void setNumThreads(int32_t numThreads);
  int32_t numThreads() const { return requested.load(std::memory_order_relaxed); }
  int32_t numWorkers() const { return liveWorkers.load(std::memory_order_relaxed); }

private:
  bool tryAcquire() {
    bool expected = false;
    return busy.compare_exchange_strong(expected, true, std::memory_order_acquire,
                                        std::memory_order_relaxed);
  }
  void release() { busy.store(false, std::memory_order_release); }
  /// Starts or stops workers to match `requested`; the caller holds `busy`.
  void resizeHeld();
  void stopWorkersHeld();
  static void *workerMain(void *pool);
  void workerLoop();
  /// Claims and runs tasks of the current job until none is left.
  void runTasks();
  void leaveJob();

  /// Held by the one caller whose job runs on the workers, and by resizes.
  alignas(64) std::atomic<bool> busy{false};
  alignas(64) std::atomic<uint64_t> jobWord{0};
  alignas(64) std::atomic<int64_t> nextTask{0};
  alignas(64) std::atomic<int32_t> sleepers{0};
  std::atomic<bool> callerSleeping{false};
  std::atomic<bool> stopping{false};
  std::atomic<int32_t> requested{1};
  std::atomic<int32_t> liveWorkers{0};
  /// The `requested` the workers were last started for (they may be fewer
  /// if the system refused threads; that is not retried on every loop).
  std::atomic<int32_t> applied{1};
  /// Generation current when the workers were started: they wait for the
  /// next one.
  std::atomic<uint32_t> startGeneration{0};

  // The job. Written by the caller only while no worker is inside a job.
  PoolTaskFn jobFn = nullptr;
  void *jobContext = nullptr;
  int64_t jobCount = 0;
  /// Lowest failed task number (INT32_MAX: none) and its result.
  std::atomic<int32_t> failedTask{INT32_MAX};
  int failedResult = 0;
  std::mutex failMutex;

  std::mutex sleepMutex;
  std::condition_variable wakeWorkers;
  std::condition_variable wakeCaller;
  /// Only touched while holding `busy`.
  std::vector<pthread_t> workers;
};

Pool::~Pool() {
  // A call still running at exit would hold the pool; do not hang on it.
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(1);
  while (!tryAcquire()) {
    if (std::chrono::steady_clock::now() >= deadline) {
      poolDestroyed.store(true);
      return;
    }
    std::this_thread::yield();
  }
  poolDestroyed.store(true);
  stopWorkersHeld();
}

void Pool::setNumThreads(int32_t numThreads) {
  requested.store(resolveNumThreads(numThreads), std::memory_order_relaxed);
  // From inside a task, or while another thread's loop runs, the next loop
  // that gets the pool resizes it.
  if (tryAcquire()) {
    resizeHeld();
    release();
  }
}

void Pool::stopWorkersHeld() {
  if (workers.empty())
    return;
  {
    std::lock_guard<std::mutex> lock(sleepMutex);
    stopping.store(true);
  }
  wakeWorkers.notify_all();
  for (pthread_t worker : workers)
    pthread_join(worker, nullptr);
  workers.clear();
  liveWorkers.store(0, std::memory_order_relaxed);
  stopping.store(false);
}

void Pool::resizeHeld() {
  int32_t threads = requested.load(std::memory_order_relaxed);
  if (applied.load(std::memory_order_relaxed) == threads)
    return;
  applied.store(threads, std::memory_order_relaxed);
  size_t wanted = static_cast<size_t>(threads - 1);
  stopWorkersHeld();
  startGeneration.store(generationOf(jobWord.load()));
  // Workers take no signals: they belong to the application's threads.
  sigset_t all, old;
  sigfillset(&all);
  pthread_sigmask(SIG_SETMASK, &all, &old);
  workers.reserve(wanted);
  while (workers.size() < wanted) {
    pthread_t worker;
    // Without a thread the pool runs with fewer workers; tasks are claimed
    // dynamically, so nothing else changes.
    if (pthread_create(&worker, nullptr, &Pool::workerMain, this) != 0)
      break;
    workers.push_back(worker);
  }
  pthread_sigmask(SIG_SETMASK, &old, nullptr);
  liveWorkers.store(static_cast<int32_t>(workers.size()), std::memory_order_relaxed);
}

void *Pool::workerMain(void *pool) {
  static_cast<Pool *>(pool)->workerLoop();
  return nullptr;
}

void Pool::workerLoop() {
  uint32_t seen = startGeneration.load();
  for (;;) {
    uint64_t word = 0;
    auto newJob = [&] {
      word = jobWord.load(std::memory_order_acquire);
      return generationOf(word) != seen || stopping.load(std::memory_order_relaxed);
    };
    if (!spinUntil(newJob)) {
      std::unique_lock<std::mutex> lock(sleepMutex);
      // Paired with the caller's store of jobWord then load of sleepers
      // (both seq_cst): either it sees this sleeper, or this sees its job.
      sleepers.fetch_add(1);
      while (generationOf(jobWord.load()) == seen && !stopping.load())
        wakeWorkers.wait(lock);
      sleepers.fetch_sub(1, std::memory_order_relaxed);
      word = jobWord.load(std::memory_order_acquire);
    }
    if (stopping.load())
      return;
    seen = generationOf(word);
    while (generationOf(word) == seen && !(word & kClosed)) {
      if (jobWord.compare_exchange_weak(word, word + 1, std::memory_order_acq_rel,
                                        std::memory_order_acquire)) {
        runTasks();
        leaveJob();
        break;
      }
    }
  }
}

void Pool::runTasks() {
  for (;;) {
    int64_t task = nextTask.fetch_add(1, std::memory_order_relaxed);
    if (task >= jobCount)
      return;
    // Tasks above a failed one are skipped; those below still run, so the
    // lowest failing task is always found.
    if (task > failedTask.load(std::memory_order_relaxed))
      continue;
    int32_t index = static_cast<int32_t>(task);
    if (int result = jobFn(jobContext, index)) {
      std::lock_guard<std::mutex> lock(failMutex);
      if (index < failedTask.load(std::memory_order_relaxed)) {
        failedTask.store(index, std::memory_order_relaxed);
        failedResult = result;
      }
    }
  }
}

void Pool::leaveJob() {
  uint64_t before = jobWord.fetch_sub(1);
  // The last worker out of a closed job wakes a sleeping caller. Paired
  // with the caller's store of callerSleeping then load of jobWord.
  if ((before & kClosed) && (before & kInsideMask) == 1 && callerSleeping.load()) {
    std::lock_guard<std::mutex> lock(sleepMutex);
    wakeCaller.notify_one();
  }
}

int Pool::run(PoolTaskFn fn, void *context, int32_t count) {
  if (count <= 0)
    return 0;
  int32_t threads = requested.load(std::memory_order_relaxed);
  if (threads <= 1 || count == 1) {
    // Stop the workers of a larger size once nobody uses them.
    if (threads != applied.load(std::memory_order_relaxed) && tryAcquire()) {
      resizeHeld();
      release();
    }
    return runInline(fn, context, count);
  }
  // Taken by another application thread or by the loop this one is nested
  // in: run here rather than wait.
  if (!tryAcquire())
    return runInline(fn, context, count);
  resizeHeld();
  if (workers.empty()) {
    release();
    return runInline(fn, context, count);
  }

  jobFn = fn;
  jobContext = context;
  jobCount = count;
  nextTask.store(0, std::memory_order_relaxed);
  failedTask.store(INT32_MAX, std::memory_order_relaxed);
  failedResult = 0;
  callerSleeping.store(false, std::memory_order_relaxed);
  uint64_t generation = generationOf(jobWord.load(std::memory_order_relaxed)) + 1u;
  jobWord.store((generation & 0xffffffffu) << kGenerationShift);
  if (sleepers.load() > 0) {
    { std::lock_guard<std::mutex> lock(sleepMutex); }
    wakeWorkers.notify_all();
  }

  runTasks();

  uint64_t before = jobWord.fetch_or(kClosed);
  if (before & kInsideMask) {
    auto workersOut = [&] { return (jobWord.load(std::memory_order_acquire) & kInsideMask) == 0; };
    if (!spinUntil(workersOut)) {
      std::unique_lock<std::mutex> lock(sleepMutex);
      callerSleeping.store(true);
      while (jobWord.load() & kInsideMask)
        wakeCaller.wait(lock);
      callerSleeping.store(false, std::memory_order_relaxed);
    }
  }
  int result = failedTask.load(std::memory_order_relaxed) == INT32_MAX ? 0 : failedResult;
  release();
  return result;
}

Pool &thePool() {
  static Pool pool;
  return pool;
}

struct ParForContext {
  int (*task)(void *, int, uint8_t *);
  void *userContext;
  uint8_t *closure;
  int min;
};

int parForTask(void *context, int32_t index) {
  auto *c = static_cast<ParForContext *>(context);
  return c->task(c->userContext, c->min + index, c->closure);
}

struct ChunkContext {
  void (*body)(int64_t, int64_t, void *);
  void *ctx;
  int64_t begin;
  uint64_t quotient;
  uint64_t remainder;
};

int chunkTask(void *context, int32_t index) {
  auto *c = static_cast<ChunkContext *>(context);
  uint64_t i = static_cast<uint64_t>(index);
  // The first `remainder` chunks are one longer.
  uint64_t offset = i * c->quotient + std::min(i, c->remainder);
  uint64_t length = c->quotient + (i < c->remainder ? 1 : 0);
  int64_t lo = static_cast<int64_t>(static_cast<uint64_t>(c->begin) + offset);
  int64_t hi = static_cast<int64_t>(static_cast<uint64_t>(lo) + length);
  c->body(lo, hi, c->ctx);
  return 0;
}

} // namespace

int mm::detail::poolRun(PoolTaskFn fn, void *context, int32_t count) {
  if (poolDestroyed.load(std::memory_order_relaxed))
    return runInline(fn, context, count);
  return thePool().run(fn, context, count);
}

int32_t mm::detail::poolNumThreads() {
  if (poolDestroyed.load(std::memory_order_relaxed))
    return 1;
  return thePool().numThreads();
}

void mm::detail::poolSetNumThreads(int32_t numThreads) {
  if (!poolDestroyed.load(std::memory_order_relaxed))
    thePool().setNumThreads(numThreads);
}

int32_t mm::detail::poolNumWorkers() {
  if (poolDestroyed.load(std::memory_order_relaxed))
    return 0;
  return thePool().numWorkers();
}

int mm_runtime_do_par_for(void *user_context,
                          int (*task)(void *user_context, int task_number, uint8_t *closure),
                          int min, int extent, uint8_t *closure) {
  if (extent <= 0)
    return 0;
  ParForContext context{task, user_context, closure, min};
  return poolRun(parForTask, &context, extent);
}

void mm_runtime_parallel_for(int64_t begin, int64_t end, void (*body)(int64_t, int64_t, void *),
                             void *ctx) {
  if (end <= begin)
    return;
  uint64_t length = static_cast<uint64_t>(end) - static_cast<uint64_t>(begin);
  uint64_t chunks = std::min<uint64_t>(length, static_cast<uint64_t>(poolNumThreads()));
  if (chunks <= 1) {
    body(begin, end, ctx);
    return;
  }
  ChunkContext context{body, ctx, begin, length / chunks, length % chunks};
  poolRun(chunkTask, &context, static_cast<int32_t>(chunks));
}
