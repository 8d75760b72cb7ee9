/* The packed weights of linear layers (mm-pack-weights) are derived on a
   model's first call and read in place from that model's cache: two models
   of one library with different weights, open at once, called A B A B per
   batch size, must each give the same bits on every call and their own
   answer. Writes the last output of each model and batch (float32, raw) for
   compare.py.

   usage: packed_cache WA XA1 XA3 WB XB1 XB3 OUTDIR
   (X<m><b>: raw float32 [b, 5, 37]; outputs OUTDIR/<m><b>.bin, [b, 5, 7]) */
#include "op_packed_linears.h"

#include "read_raw.h"

#include <stdio.h>
#include <string.h>

enum { T = 5, IN = 37, OUT = 7, MAXB = 3 };

struct side {
  const char *label;
  mm_model *model;
  float x[MAXB * T * IN];
  float first[MAXB * T * OUT], last[MAXB * T * OUT];
};

static int call(struct side *s, int64_t batch, int first) {
  size_t bytes = (size_t)batch * T * OUT * sizeof(float);
  if (op_packed_linears_forward(s->model, batch, T, s->x, s->last) != MM_OK) {
    printf("%s: %s\n", s->label, mm_last_error_message());
    return 0;
  }
  if (first)
    memcpy(s->first, s->last, bytes);
  else if (memcmp(s->first, s->last, bytes) != 0) {
    printf("%s: batch %d: a later call differs from the first\n", s->label, (int)batch);
    return 0;
  }
  return 1;
}

static int save(const char *dir, const struct side *s, int64_t batch) {
  char path[4096];
  snprintf(path, sizeof(path), "%s/%s%d.bin", dir, s->label, (int)batch);
  FILE *f = fopen(path, "wb");
  int ok = f && fwrite(s->last, sizeof(float), (size_t)batch * T * OUT, f) == (size_t)batch * T * OUT;
  if (f)
    fclose(f);
  return ok;
}

int main(int argc, char **argv) {
  static struct side a = {"A"}, b = {"B"};
  const int64_t batches[] = {1, 3};
  int ok = 1;
  if (argc != 8) {
    fprintf(stderr, "usage: packed_cache WA XA1 XA3 WB XB1 XB3 OUTDIR\n");
    return 2;
  }
  if (op_packed_linears_open(argv[1], &a.model) != MM_OK ||
      op_packed_linears_open(argv[4], &b.model) != MM_OK) {
    printf("open: %s\n", mm_last_error_message());
    return 1;
  }
  for (int i = 0; ok && i < 2; ++i) {
    int64_t batch = batches[i];
    size_t bytes = (size_t)batch * T * IN * sizeof(float);
    ok = read_raw("packed_cache", argv[2 + i], a.x, bytes) &&
         read_raw("packed_cache", argv[5 + i], b.x, bytes) &&
         call(&a, batch, 1) && call(&b, batch, 1) && call(&a, batch, 0) && call(&b, batch, 0) &&
         save(argv[7], &a, batch) && save(argv[7], &b, batch);
    if (ok)
      printf("batch %d: A and B each agree over 2 calls\n", (int)batch);
  }
  op_packed_linears_close(a.model);
  op_packed_linears_close(b.model);
  return ok ? 0 : 1;
}
