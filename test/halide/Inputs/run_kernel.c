/*===- run_kernel.c - call any AOT mmc kernel through its _argv entry ----===*
 *
 * usage: run_kernel ARG...
 *   in:FILE.npy            an input buffer (float32 or uint8), in the order
 *                          of the kernel's arguments
 *   out:FILE.npy:D0,D1,..  an output buffer of that row-major shape (float32)
 *   inview:FILE.npy:P0,P1,..        an input passed as the permuted view
 *                                   (torch's x.permute(P0, P1, ..)) of the file
 *   outview:FILE.npy:D0,..:P0,..    an output of stored shape D written
 *                                   through the permuted view P
 * The kernel is compiled with -f kernel; its metadata is used to check that
 * the arguments match what it expects.
 *
 *===---------------------------------------------------------------------===*/
#include "halide_buf.h"
#include "kernel.h"
#include "npy.h"

#include <time.h>

#define MAX_ARGS 128

/* Parses "a,b,c" into out[]; returns the count. */
static int parseList(const char *p, int64_t *out, int max) {
  int n = 0;
  while (*p && n < max) {
    char *end;
    out[n++] = strtoll(p, &end, 10);
    p = end;
    if (*p != ',')
      break;
    ++p;
  }
  return n;
}

int main(int argc, char **argv) {
  installHalideErrorHandler();
  const struct halide_filter_metadata_t *md = kernel_metadata();
  if (argc - 1 != md->num_arguments || argc - 1 > MAX_ARGS) {
    fprintf(stderr, "error: kernel takes %d arguments, got %d\n", md->num_arguments, argc - 1);
    return 2;
  }
  static TensorBuf bufs[MAX_ARGS];
  void *args[MAX_ARGS];
  const char *outPaths[MAX_ARGS] = {0};
  static int64_t storedShape[MAX_ARGS][8];
  static int storedDims[MAX_ARGS];
  for (int a = 1; a < argc; ++a) {
    const struct halide_filter_argument_t *arg = &md->arguments[a - 1];
    TensorBuf *tb = &bufs[a - 1];
    int isView = strncmp(argv[a], "inview:", 7) == 0 || strncmp(argv[a], "outview:", 8) == 0;
    if (strncmp(argv[a], "in:", 3) == 0 || strncmp(argv[a], "inview:", 7) == 0) {
      NpyArray arr;
      if (arg->kind != halide_argument_kind_input_buffer) {
        fprintf(stderr, "error: argument %d (%s) is not an input buffer\n", a, arg->name);
        return 2;
      }
      char *spec = strchr(argv[a], ':') + 1;
      int64_t perm64[8];
      int permN = 0;
      if (isView) {
        char *colon = strrchr(spec, ':');
        if (!colon) {
          fprintf(stderr, "error: inview:FILE:PERM expected, got %s\n", argv[a]);
          return 2;
        }
        *colon = 0;
        permN = parseList(colon + 1, perm64, 8);
      }
      if (npyLoad(spec, &arr) != 0)
        return 1;
      halide_type_code_t code = arr.elemSize == 4 ? halide_type_float : halide_type_uint;
      if (isView) {
        int perm[8];
        if (permN != arr.ndim) {
          fprintf(stderr, "error: permutation of %d dims for a %d-d array\n", permN, arr.ndim);
          return 2;
        }
        for (int i = 0; i < permN; ++i)
          perm[i] = (int)perm64[i];
        tensorView(tb, arr.data, code, arr.elemSize * 8, arr.ndim, arr.shape, perm);
      } else {
        tensorBuf(tb, arr.data, code, arr.elemSize * 8, arr.ndim, arr.shape);
      }
    } else if (strncmp(argv[a], "out:", 4) == 0 || strncmp(argv[a], "outview:", 8) == 0) {
      if (arg->kind != halide_argument_kind_output_buffer) {
        fprintf(stderr, "error: argument %d (%s) is not an output buffer\n", a, arg->name);
        return 2;
      }
      char *spec = strchr(argv[a], ':') + 1;
      int64_t perm64[8];
      int permN = 0;
      if (isView) {
        char *last = strrchr(spec, ':');
        if (!last) {
          fprintf(stderr, "error: outview:FILE:SHAPE:PERM expected, got %s\n", argv[a]);
          return 2;
        }
        *last = 0;
        permN = parseList(last + 1, perm64, 8);
      }
      char *colon = strrchr(spec, ':');
      if (!colon) {
        fprintf(stderr, "error: out:FILE:SHAPE expected, got %s\n", argv[a]);
        return 2;
      }
      *colon = 0;
      outPaths[a - 1] = spec;
      int64_t shape[8];
      int ndim = parseList(colon + 1, shape, 8);
      int64_t count = 1;
      for (int i = 0; i < ndim; ++i)
        count *= shape[i];
      float *data = (float *)calloc((size_t)(count > 0 ? count : 1), sizeof(float));
      if (isView) {
        int perm[8];
        if (permN != ndim) {
          fprintf(stderr, "error: permutation of %d dims for a %d-d array\n", permN, ndim);
          return 2;
        }
        for (int i = 0; i < permN; ++i)
          perm[i] = (int)perm64[i];
        tensorView(tb, data, halide_type_float, 32, ndim, shape, perm);
        memcpy(storedShape[a - 1], shape, sizeof(shape));
      } else {
        tensorBuf(tb, data, halide_type_float, 32, ndim, shape);
        memcpy(storedShape[a - 1], shape, sizeof(shape));
      }
      storedDims[a - 1] = ndim;
    } else {
      fprintf(stderr, "error: bad argument %s\n", argv[a]);
      return 2;
    }
    args[a - 1] = &tb->buf;
  }
  int err = kernel_argv(args);
  if (err != 0) {
    fprintf(stderr, "error: kernel returned %d\n", err);
    return 1;
  }
  /* MM_REPEAT=N: time N more calls and print the median (for quick looks;
   * bench/ has the real comparison). */
  const char *repeat = getenv("MM_REPEAT");
  if (repeat && atoi(repeat) > 0) {
    int n = atoi(repeat);
    double *ms = (double *)calloc((size_t)n, sizeof(double));
    for (int i = 0; i < n; ++i) {
      struct timespec t0, t1;
      clock_gettime(CLOCK_MONOTONIC, &t0);
      kernel_argv(args);
      clock_gettime(CLOCK_MONOTONIC, &t1);
      ms[i] = (t1.tv_sec - t0.tv_sec) * 1e3 + (t1.tv_nsec - t0.tv_nsec) * 1e-6;
    }
    for (int i = 1; i < n; ++i)
      for (int j = i; j > 0 && ms[j - 1] > ms[j]; --j) {
        double tmp = ms[j];
        ms[j] = ms[j - 1];
        ms[j - 1] = tmp;
      }
    printf("median %.4f ms over %d calls\n", ms[n / 2], n);
  }
  for (int a = 0; a < argc - 1; ++a) {
    if (!outPaths[a])
      continue;
    if (npySaveF32(outPaths[a], (const float *)bufs[a].buf.host, storedDims[a], storedShape[a]))
      return 1;
  }
  return 0;
}
