/*===- harness.c - Times one compiled workload through its typed C API ----===*
 *
 * Built once per workload against that workload's static library (the
 * workload is chosen with -DBENCH_EMOTION, -DBENCH_CROSSATTN or
 * -DBENCH_DUAL_ENCODER), exactly as an application links it:
 *
 *   cc -O2 -DBENCH_EMOTION harness.c -I OUT out/libemotion.a \
 *      -lm -lpthread -ldl -lstdc++ -o harness_emotion
 *   harness_emotion WEIGHTS.mmw INPUT_DIR THREADS RUNS MIN_MS OUT.npy
 *
 * INPUT_DIR holds the inputs as reference.py --inputs-out writes them
 * (text.npy i32 [B, T], audio.npy f32 [B, S], image.npy f32 [B, 3, 64,
 * 64]); B and T are read from their shapes. The harness sets the runtime's
 * thread count, calls the model's `forward` once (warm-up, and the result
 * is written to OUT.npy so that the caller can check it), times one more
 * call to choose K = ceil(MIN_MS / that time) calls per run, then times
 * RUNS runs of K calls and prints
 *
 *   median_ms M min_ms A max_ms Z runs R calls_per_run K
 *
 * (milliseconds a call; the median of the runs). Any error: a message on
 * stderr and exit 1.
 *===----------------------------------------------------------------------===*/

#define _POSIX_C_SOURCE 199309L
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#if defined(BENCH_EMOTION)
#include "emotion.h"
#elif defined(BENCH_CROSSATTN)
#include "crossattn.h"
#elif defined(BENCH_DUAL_ENCODER)
#include "dual_encoder.h"
#else
#error "define one of BENCH_EMOTION, BENCH_CROSSATTN, BENCH_DUAL_ENCODER"
#endif

enum { kMaxRank = 4, kMaxRuns = 1000 };

/* A dense array read from a .npy file. */
typedef struct Array {
  char descr[8]; /* "<f4", "<i4" */
  int rank;
  int64_t shape[kMaxRank];
  int64_t count;
  void *data;
} Array;

static int fail(const char *what, const char *path) {
  fprintf(stderr, "harness: error: %s: %s\n", path, what);
  return -1;
}

/* Reads a C-ordered little-endian .npy (versions 1 to 3) of dtype DESCR. */
static int read_npy(const char *path, const char *descr, Array *out) {
  FILE *f = fopen(path, "rb");
  if (!f)
    return fail(strerror(errno), path);
  unsigned char pre[12];
  int status = -1;
  char *header = NULL;
  size_t len = 0;
  if (fread(pre, 1, 10, f) != 10 || memcmp(pre, "\x93NUMPY", 6)) {
    fail("not a .npy file", path);
    goto done;
  }
  if (pre[6] == 1) {
    len = pre[8] | (size_t)pre[9] << 8;
  } else if (pre[6] == 2 || pre[6] == 3) {
    if (fread(pre + 10, 1, 2, f) != 2) {
      fail("truncated header", path);
      goto done;
    }
    len = pre[8] | (size_t)pre[9] << 8 | (size_t)pre[10] << 16 |
          (size_t)pre[11] << 24;
  } else {
    fail("unknown .npy version", path);
    goto done;
  }
  if (len > 1 << 16 || !(header = calloc(len + 1, 1)) ||
      fread(header, 1, len, f) != len) {
    fail("bad header", path);
    goto done;
  }
  const char *d = strstr(header, "'descr':");
  const char *s = strstr(header, "'shape':");
  if (!d || !s || !strstr(header, "'fortran_order': False") ||
      sscanf(d + 8, " '%7[^']'", out->descr) != 1 ||
      strcmp(out->descr, descr)) {
    fprintf(stderr, "harness: error: %s: expected a C-ordered array of "
            "dtype %s\n", path, descr);
    goto done;
  }
  s = strchr(s, '(');
  out->rank = 0;
  out->count = 1;
  for (++s; s;) { /* "(16, 32)", "(16,)", "()" */
    while (*s == ' ')
      ++s;
    if (*s == ')')
      break;
    char *end;
    long long v = strtoll(s, &end, 10);
    if (end == s || v < 0 || out->rank == kMaxRank) {
      fail("bad shape", path);
      goto done;
    }
    out->shape[out->rank++] = v;
    out->count *= v;
    for (s = end; *s == ' '; ++s)
      ;
    if (*s == ',')
      ++s;
    else if (*s != ')')
      s = NULL;
  }
  if (!s) {
    fail("bad shape", path);
    goto done;
  }
  out->data = malloc((size_t)out->count * 4 + 1);
  if (!out->data ||
      fread(out->data, 4, (size_t)out->count, f) != (size_t)out->count) {
    fail("truncated data", path);
    goto done;
  }
  status = 0;
done:
  free(header);
  fclose(f);
  return status;
}

/* Writes f32 DATA of SHAPE as a version 1 .npy. */
static int write_npy(const char *path, const float *data, int rank,
                     const int64_t *shape) {
  char header[128], dims[64] = "";
  int64_t count = 1;
  for (int i = 0; i < rank; ++i) {
    size_t used = strlen(dims);
    snprintf(dims + used, sizeof dims - used, "%lld,%s", (long long)shape[i],
             i + 1 < rank ? " " : "");
    count *= shape[i];
  }
  int n = snprintf(header, sizeof header,
                   "{'descr': '<f4', 'fortran_order': False, 'shape': (%s), }",
                   dims);
  int total = (10 + n + 1 + 63) / 64 * 64; /* header ends in '\n' */
  memset(header + n, ' ', (size_t)(total - 10 - n));
  header[total - 10 - 1] = '\n';
  FILE *f = fopen(path, "wb");
  if (!f)
    return fail(strerror(errno), path);
  unsigned char pre[10] = {0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0,
                           (unsigned char)((total - 10) & 0xff),
                           (unsigned char)((total - 10) >> 8)};
  int ok = fwrite(pre, 1, 10, f) == 10 &&
           fwrite(header, 1, (size_t)(total - 10), f) == (size_t)(total - 10) &&
           fwrite(data, 4, (size_t)count, f) == (size_t)count;
  ok = fclose(f) == 0 && ok;
  return ok ? 0 : fail("cannot write", path);
}

static char input_path[4096];
static const char *in_dir(const char *dir, const char *name) {
  snprintf(input_path, sizeof input_path, "%s/%s", dir, name);
  return input_path;
}

/*===--- The workload: its inputs and one call of `forward` --------------===*/

static Array in0, in1;
static float *output;
static int64_t out_shape[2];

#if defined(BENCH_EMOTION) || defined(BENCH_CROSSATTN)
#if defined(BENCH_EMOTION)
#define MODEL_OPEN emotion_open
#define MODEL_CLOSE emotion_close
#define MODEL_FORWARD emotion_forward
enum { kClasses = 1 };
#else
#define MODEL_OPEN crossattn_open
#define MODEL_CLOSE crossattn_close
#define MODEL_FORWARD crossattn_forward
enum { kClasses = 7 };
#endif
/* text i32[B, T], audio f32[B, S] -> f32[B, kClasses]. */
static int load_inputs(const char *dir) {
  if (read_npy(in_dir(dir, "text.npy"), "<i4", &in0) ||
      read_npy(in_dir(dir, "audio.npy"), "<f4", &in1))
    return -1;
  if (in0.rank != 2 || in1.rank != 2 || in0.shape[0] != in1.shape[0])
    return fail("expected text [B, T] and audio [B, S]", dir);
  out_shape[0] = in0.shape[0];
  out_shape[1] = kClasses;
  return 0;
}
static mm_status call(const mm_model *model) {
  return MODEL_FORWARD(model, in0.shape[0], in0.shape[1],
                       (const int32_t *)in0.data, (const float *)in1.data,
                       output);
}
#else
#define MODEL_OPEN dual_encoder_open
#define MODEL_CLOSE dual_encoder_close
/* image f32[N, 3, 64, 64], text i32[M, 32] -> f32[N, M]. */
static int load_inputs(const char *dir) {
  if (read_npy(in_dir(dir, "image.npy"), "<f4", &in0) ||
      read_npy(in_dir(dir, "text.npy"), "<i4", &in1))
    return -1;
  if (in0.rank != 4 || in1.rank != 2)
    return fail("expected image [N, 3, 64, 64] and text [M, 32]", dir);
  out_shape[0] = in0.shape[0];
  out_shape[1] = in1.shape[0];
  return 0;
}
static mm_status call(const mm_model *model) {
  return dual_encoder_forward(model, in0.shape[0], in1.shape[0],
                              (const float *)in0.data,
                              (const int32_t *)in1.data, output);
}
#endif

/*===--- Timing -----------------------------------------------------------===*/

static double now_ms(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec * 1e-6;
}

static int cmp_double(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

static int check(mm_status status) {
  if (status == MM_OK)
    return 0;
  fprintf(stderr, "harness: error: %s: %s\n", mm_status_name(status),
          mm_last_error_message());
  return -1;
}

int main(int argc, char **argv) {
  if (argc != 7) {
    fprintf(stderr, "usage: %s WEIGHTS.mmw INPUT_DIR THREADS RUNS MIN_MS "
            "OUT.npy\n", argv[0]);
    return 1;
  }
  int threads = atoi(argv[3]), runs = atoi(argv[4]);
  double min_ms = atof(argv[5]);
  if (threads < 1 || runs < 1 || runs > kMaxRuns || !(min_ms >= 0)) {
    fprintf(stderr, "harness: error: need THREADS >= 1, 1 <= RUNS <= %d, "
            "MIN_MS >= 0\n", kMaxRuns);
    return 1;
  }
  if (load_inputs(argv[2]))
    return 1;
  output = malloc((size_t)(out_shape[0] * out_shape[1]) * sizeof(float) + 1);
  mm_model *model = NULL;
  if (!output || check(MODEL_OPEN(argv[1], &model)))
    return 1;
  mm_set_num_threads(threads);

  /* Warm-up (first touch of the weights and of the allocator), the result
   * for the caller's check, then one timed call to size the runs. */
  if (check(call(model)) ||
      write_npy(argv[6], output, 2, out_shape))
    return 1;
  double t0 = now_ms();
  if (check(call(model)))
    return 1;
  double one = now_ms() - t0;
  long calls = one > 0 ? (long)ceil(min_ms / one) : 1;
  calls = calls < 1 ? 1 : calls;

  static double per_call[kMaxRuns];
  for (int r = 0; r < runs; ++r) {
    t0 = now_ms();
    for (long i = 0; i < calls; ++i)
      if (check(call(model)))
        return 1;
    per_call[r] = (now_ms() - t0) / calls;
  }
  qsort(per_call, (size_t)runs, sizeof per_call[0], cmp_double);
  double median = runs % 2 ? per_call[runs / 2]
                           : 0.5 * (per_call[runs / 2 - 1] + per_call[runs / 2]);
  printf("median_ms %.4f min_ms %.4f max_ms %.4f runs %d calls_per_run %ld\n",
         median, per_call[0], per_call[runs - 1], runs, calls);
  MODEL_CLOSE(model);
  return 0;
}
