/*===- mm/runtime_internal.h - Runtime entries of generated code --*- C -*-===*
 *
 * Functions of the runtime that the code `mmc compile` generates calls, not
 * part of the documented API (mm/runtime.h) and free to change with the
 * compiler. The two loops run on the runtime's one thread pool, sized
 * by mm_set_num_threads; with 1 thread they run every iteration in order on
 * the calling thread. They may be called from several threads at once and
 * from inside one of their own iterations (that loop then runs inline).
 * The allocation functions are thread-safe. All
 * have hidden visibility like all of the runtime but mm/runtime.h:
 * callable from code linked into the same library or executable, not
 * exported from the shared libraries `mmc compile` writes.
 *===----------------------------------------------------------------------===*/
#ifndef MM_RUNTIME_INTERNAL_H
#define MM_RUNTIME_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Halide 14's halide_do_par_for_t: install with
 * halide_set_custom_do_par_for(mm_runtime_do_par_for). Runs
 * task(user_context, i, closure) for every i in [min, min + extent) and
 * returns 0, or the result of the lowest-numbered failing task (tasks
 * numbered above a failed one may not run). */
int mm_runtime_do_par_for(void *user_context,
                          int (*task)(void *user_context, int task_number,
                                      uint8_t *closure),
                          int min, int extent, uint8_t *closure);

/* Splits [begin, end) into mm_get_num_threads() contiguous chunks of
 * nearly equal size (fewer if there are fewer iterations; the split
 * depends on nothing else) and runs body(chunk_begin, chunk_end, ctx) for
 * each, in parallel. Nothing runs if end <= begin. */
void mm_runtime_parallel_for(int64_t begin, int64_t end,
                             void (*body)(int64_t, int64_t, void *),
                             void *ctx);

/* A block of BYTES derived once from the weights WEIGHTS[0..NUM_WEIGHTS)
 * (e.g. weight matrices in the layout a kernel reads), kept by the model
 * whose function the calling thread is running, until mm_model_close;
 * KERNEL (any address unique to the kind of block) and WEIGHTS[0] are its
 * key. The first call allocates it (64-byte aligned) and runs
 * fill(block, context), which returns 0 on success; later calls return the
 * same block. Returns NULL when it cannot keep one: outside a call of a
 * model function, a weight not inside that model's weights file (only those
 * never change while the model is open), a failed fill or allocation, or
 * BYTES different from the first call's; the caller then derives the block
 * itself. Thread-safe (the first fill runs under the model's lock). */
void *mm_runtime_model_cache(const void *kernel, const void *const *weights, int num_weights,
                             size_t bytes, int (*fill)(void *block, void *context),
                             void *context);

/* The heap of the generated code (every memref.alloc / memref.dealloc,
 * through finalize-memref-to-llvm's generic allocation functions, renamed
 * by mm-runtime-allocator): a cache that keeps freed blocks for the next
 * call (runtime/src/Allocator.h). Pointers are 64-byte aligned (or
 * `alignment`, a power of two, if larger); null on failure or a negative
 * size. mm_runtime_free takes only pointers of these two, or null. */
void *mm_runtime_alloc(int64_t size);
void *mm_runtime_aligned_alloc(int64_t alignment, int64_t size);
void mm_runtime_free(void *ptr);

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* MM_RUNTIME_INTERNAL_H */
