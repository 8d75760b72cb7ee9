/*===- run_pool.c - an AOT kernel on the runtime's pool vs Halide's ------===*
 *
 * usage: run_pool ARG...     (the in:FILE.npy and out:FILE.npy:D0,D1,..
 *                             arguments of run_kernel.c)
 * Runs the kernel (compiled with -f kernel) on the same inputs:
 *  1. on Halide's own thread pool with 1 thread: the reference;
 *  2. on Halide's pool with 4 threads;
 *  3. with halide_set_custom_do_par_for(<a counting wrapper of
 *     mm_runtime_do_par_for>) at mm_set_num_threads 1, 2 and 4, three calls
 *     each;
 *  4. from 4 application threads at once, 5 calls each, on our pool of 2.
 * Every output must equal the reference bit for bit: each task of a Halide
 * parallel loop computes its own part of the output whatever thread runs
 * it, so nothing may differ (stronger than the numeric tolerance the
 * PyTorch comparison uses). Our pool must have been called, and must have
 * run each task number of each call exactly once. Prints one line per
 * configuration; exits 1 on any difference. The outputs of the last
 * configuration of 3 are written to the out: files (for reference.py).
 *
 * MM_POOL_FAIL_TASK=N: only run the kernel on our pool (4 threads) with task
 * number N of every parallel loop failing with -77, which the kernel must
 * return.
 *
 *===---------------------------------------------------------------------===*/
#include "halide_buf.h"
#include "kernel.h"
#include "mm/runtime.h"
#include "mm/runtime_internal.h"
#include "npy.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>

#define MAX_ARGS 32
#define APP_THREADS 4

static int numArgs;
static TensorBuf inputs[MAX_ARGS];
static int isOutput[MAX_ARGS];
static int64_t outShape[MAX_ARGS][NPY_MAX_DIMS];
static int outDims[MAX_ARGS];
static int64_t outCount[MAX_ARGS];
static const char *outPaths[MAX_ARGS];
static float *reference[MAX_ARGS];

static atomic_long parForCalls;
static atomic_long tasksRun;
static atomic_long tasksExpected;
static int failTask = -1;

typedef struct {
  int (*task)(void *, int, uint8_t *);
  uint8_t *closure;
} Wrapped;

static int countingTask(void *userContext, int taskNumber, uint8_t *closure) {
  Wrapped *w = (Wrapped *)closure;
  atomic_fetch_add(&tasksRun, 1);
  if (taskNumber == failTask)
    return -77;
  return w->task(userContext, taskNumber, w->closure);
}

/* What mmc's generated code installs, plus counters. */
static int countingParFor(void *userContext, int (*task)(void *, int, uint8_t *), int min,
                          int extent, uint8_t *closure) {
  atomic_fetch_add(&parForCalls, 1);
  atomic_fetch_add(&tasksExpected, extent > 0 ? extent : 0);
  Wrapped w = {task, closure};
  return mm_runtime_do_par_for(userContext, countingTask, min, extent, (uint8_t *)&w);
}

/* Runs the kernel once writing into fresh outputs; returns them (malloc'd
 * per output) or NULL on a kernel error. */
static float **runOnce(void) {
  TensorBuf bufs[MAX_ARGS];
  void *args[MAX_ARGS];
  float **outs = (float **)calloc(MAX_ARGS, sizeof(float *));
  for (int a = 0; a < numArgs; ++a) {
    if (isOutput[a]) {
      /* NaN-filled, so that an element nobody wrote cannot match. */
      outs[a] = (float *)malloc((size_t)(outCount[a] > 0 ? outCount[a] : 1) * sizeof(float));
      for (int64_t i = 0; i < outCount[a]; ++i)
        outs[a][i] = __builtin_nanf("");
      tensorBuf(&bufs[a], outs[a], halide_type_float, 32, outDims[a], outShape[a]);
    } else {
      bufs[a] = inputs[a];
      bufs[a].buf.dim = bufs[a].dims;
    }
    args[a] = &bufs[a].buf;
  }
  int err = kernel_argv(args);
  if (err != 0) {
    fprintf(stderr, "error: kernel returned %d\n", err);
    return NULL;
  }
  return outs;
}

static void freeOutputs(float **outs) {
  for (int a = 0; a < numArgs; ++a)
    free(outs[a]);
  free(outs);
}

/* 1 if every output equals the reference bit for bit; else prints where
 * it differs first and returns 0. */
static int sameBits(float **outs, const char *what) {
  for (int a = 0; a < numArgs; ++a) {
    if (!isOutput[a])
      continue;
    if (memcmp(outs[a], reference[a], (size_t)outCount[a] * sizeof(float)) == 0)
      continue;
    for (int64_t i = 0; i < outCount[a]; ++i)
      if (memcmp(&outs[a][i], &reference[a][i], sizeof(float)) != 0) {
        printf("FAIL %s: output %d element %lld is %.9g, reference %.9g\n", what, a,
               (long long)i, outs[a][i], reference[a][i]);
        break;
      }
    return 0;
  }
  return 1;
}

static void *appThread(void *arg) {
  long *mismatches = (long *)arg;
  for (int rep = 0; rep < 5; ++rep) {
    float **outs = runOnce();
    if (!outs || !sameBits(outs, "application thread"))
      ++*mismatches;
    if (outs)
      freeOutputs(outs);
  }
  return NULL;
}

static int parseArgs(int argc, char **argv) {
  const struct halide_filter_metadata_t *md = kernel_metadata();
  numArgs = argc - 1;
  if (numArgs != md->num_arguments || numArgs > MAX_ARGS) {
    fprintf(stderr, "error: kernel takes %d arguments, got %d\n", md->num_arguments, numArgs);
    return 0;
  }
  for (int a = 0; a < numArgs; ++a) {
    const char *spec = argv[a + 1];
    enum halide_argument_kind_t kind = md->arguments[a].kind;
    if (strncmp(spec, "in:", 3) == 0 && kind == halide_argument_kind_input_buffer) {
      NpyArray arr;
      if (npyLoad(spec + 3, &arr) != 0)
        return 0;
      halide_type_code_t code = arr.elemSize == 4 ? halide_type_float : halide_type_uint;
      tensorBuf(&inputs[a], arr.data, code, arr.elemSize * 8, arr.ndim, arr.shape);
    } else if (strncmp(spec, "out:", 4) == 0 && kind == halide_argument_kind_output_buffer) {
      char *path = strdup(spec + 4);
      char *colon = strrchr(path, ':');
      if (!colon) {
        fprintf(stderr, "error: out:FILE:SHAPE expected, got %s\n", spec);
        return 0;
      }
      *colon = 0;
      outPaths[a] = path;
      isOutput[a] = 1;
      outCount[a] = 1;
      for (char *p = colon + 1; *p && outDims[a] < NPY_MAX_DIMS;) {
        char *end;
        outShape[a][outDims[a]++] = strtoll(p, &end, 10);
        outCount[a] *= outShape[a][outDims[a] - 1];
        p = *end == ',' ? end + 1 : end;
        if (end == p && *p)
          break;
      }
    } else {
      fprintf(stderr, "error: argument %d (%s): bad or misplaced %s\n", a + 1,
              md->arguments[a].name, spec);
      return 0;
    }
  }
  return 1;
}

int main(int argc, char **argv) {
  installHalideErrorHandler();
  if (!parseArgs(argc, argv))
    return 2;
  int ok = 1;

  const char *fail = getenv("MM_POOL_FAIL_TASK");
  if (fail) {
    failTask = atoi(fail);
    halide_set_custom_do_par_for(countingParFor);
    mm_set_num_threads(4);
    float **outs = runOnce();
    printf("%ld par_for calls\n", (long)atomic_load(&parForCalls));
    return outs ? 0 : 1;
  }

  /* 1 and 2: Halide's pool. */
  halide_set_num_threads(1);
  float **ref = runOnce();
  if (!ref)
    return 1;
  for (int a = 0; a < numArgs; ++a)
    reference[a] = ref[a];
  halide_set_num_threads(4);
  float **outs = runOnce();
  if (!outs)
    return 1;
  if (sameBits(outs, "halide pool, 4 threads"))
    printf("halide pool 4 threads: same bits\n");
  else
    ok = 0;
  freeOutputs(outs);

  /* 3: ours. */
  halide_set_custom_do_par_for(countingParFor);
  const int threads[] = {1, 2, 4};
  float **last = NULL;
  for (int t = 0; t < 3; ++t) {
    mm_set_num_threads(threads[t]);
    atomic_store(&parForCalls, 0);
    atomic_store(&tasksRun, 0);
    atomic_store(&tasksExpected, 0);
    int same = 1;
    for (int rep = 0; rep < 3; ++rep) {
      outs = runOnce();
      if (!outs)
        return 1;
      same &= sameBits(outs, "mm pool");
      if (last)
        freeOutputs(last);
      last = outs;
    }
    long calls = atomic_load(&parForCalls), run = atomic_load(&tasksRun);
    long expected = atomic_load(&tasksExpected);
    printf("mm pool %d threads: %s, %ld par_for calls, %ld of %ld tasks run\n",
           mm_get_num_threads(), same ? "same bits" : "DIFFERENT", calls, run, expected);
    if (!same || calls == 0 || run != expected)
      ok = 0;
  }

  /* 4: several application threads on one pool. */
  mm_set_num_threads(2);
  pthread_t apps[APP_THREADS];
  long mismatches[APP_THREADS] = {0};
  for (int i = 0; i < APP_THREADS; ++i)
    pthread_create(&apps[i], NULL, appThread, &mismatches[i]);
  long total = 0;
  for (int i = 0; i < APP_THREADS; ++i) {
    pthread_join(apps[i], NULL);
    total += mismatches[i];
  }
  printf("mm pool 2 threads, %d application threads: %ld mismatches\n", APP_THREADS, total);
  if (total)
    ok = 0;

  for (int a = 0; a < numArgs; ++a)
    if (isOutput[a] && npySaveF32(outPaths[a], last[a], outDims[a], outShape[a]))
      return 1;
  return ok ? 0 : 1;
}
