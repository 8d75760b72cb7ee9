//===- ThreadPool.h - The runtime's one thread pool -------------*- C++ -*-===//
//
// One process-wide pool (per copy of the runtime) runs the parallel loops of
// the Halide kernels (mm_runtime_do_par_for) and of the MLIR code
// (mm_runtime_parallel_for). It is sized by mm_set_num_threads: n threads
// are the caller plus n - 1 workers; with 1 thread nothing is ever handed
// to another thread.
//
// Only one parallel loop runs on the workers at a time. A loop that finds
// them taken, by another application thread or because it is nested in a
// task of the running loop, runs all its tasks inline on its own thread
// instead of waiting: waiting could deadlock (nested) and would serialize
// application threads that have cores of their own (several threads calling
// one model), while running inline costs at worst the parallelism of that
// one loop.
//
// Results never depend on which thread ran a task: a loop's split into
// tasks depends only on mm_get_num_threads(), not on whether the workers
// were free, and the error of a loop is that of its lowest-numbered failing
// task.
//
//===----------------------------------------------------------------------===//
#ifndef MM_RUNTIME_SRC_THREADPOOL_H
#define MM_RUNTIME_SRC_THREADPOOL_H

#include <cstdint>

namespace mm {
namespace detail {

/// One task of a parallel loop: `index` in [0, count). Non-zero is an error.
using PoolTaskFn = int (*)(void *context, int32_t index);

/// Runs fn(context, i) for every i in [0, count) on the pool (or inline,
/// see above) and returns once all have finished. Returns 0, or the result
/// of the lowest-numbered task that failed; tasks numbered above a failed
/// one may be skipped.
int poolRun(PoolTaskFn fn, void *context, int32_t count);

/// Threads a loop is split for (what mm_get_num_threads returns).
int32_t poolNumThreads();

/// Resizes the pool to `numThreads` (<= 0: the online CPUs). Applied at
/// once when the pool is idle, otherwise by the next loop that gets it.
void poolSetNumThreads(int32_t numThreads);

/// Number of worker threads that currently exist (for tests).
int32_t poolNumWorkers();

} // namespace detail
} // namespace mm

#endif // MM_RUNTIME_SRC_THREADPOOL_H
