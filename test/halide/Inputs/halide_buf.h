/*===- halide_buf.h - dense row-major tensors as halide_buffer_t ---------===*
 *
 * What mmc's generated code does around a kernel call: describe a row-major
 * [d0, d1, ..., dn-1] tensor as a halide_buffer_t whose dim 0 is the
 * innermost (last) tensor dimension.
 *
 *===---------------------------------------------------------------------===*/
#ifndef MM_TEST_HALIDE_BUF_H
#define MM_TEST_HALIDE_BUF_H

#include "HalideRuntime.h"
#include <stdio.h>
#include <string.h>

typedef struct {
  halide_buffer_t buf;
  halide_dimension_t dims[8];
} TensorBuf;

/* shape is row-major (outermost first), as PyTorch prints it. */
static void tensorBuf(TensorBuf *t, void *data, halide_type_code_t code, int bits, int ndim,
                      const int64_t *shape) {
  memset(t, 0, sizeof(*t));
  t->buf.host = (uint8_t *)data;
  t->buf.type.code = code;
  t->buf.type.bits = (uint8_t)bits;
  t->buf.type.lanes = 1;
  t->buf.dimensions = ndim;
  t->buf.dim = t->dims;
  int32_t stride = 1;
  for (int i = 0; i < ndim; ++i) {
    int64_t extent = shape[ndim - 1 - i];
    t->dims[i].min = 0;
    t->dims[i].extent = (int32_t)extent;
    t->dims[i].stride = stride;
    stride *= (int32_t)extent;
  }
}

/* A permuted view of a row-major array of shape `shape`: tensor dim i is
 * array dim perm[i] (as torch's permute). This is how a [B, T, heads * d]
 * projection is passed as [B, heads, T, d] without a copy. */
static void tensorView(TensorBuf *t, void *data, halide_type_code_t code, int bits, int ndim,
                       const int64_t *shape, const int *perm) {
  int64_t strides[8];
  int64_t stride = 1;
  for (int i = ndim - 1; i >= 0; --i) {
    strides[i] = stride;
    stride *= shape[i];
  }
  tensorBuf(t, data, code, bits, ndim, shape);
  for (int i = 0; i < ndim; ++i) {
    int src = perm[ndim - 1 - i];
    t->dims[i].extent = (int32_t)shape[src];
    t->dims[i].stride = (int32_t)strides[src];
  }
}

/* Halide's default error handler aborts the process; mmc's runtime (and these
 * harnesses) install one that reports and lets the kernel return its code. */
static void reportHalideError(void *userContext, const char *message) {
  (void)userContext;
  fprintf(stderr, "halide: %s", message);
}

static void installHalideErrorHandler(void) { halide_set_error_handler(reportHalideError); }

#endif /* MM_TEST_HALIDE_BUF_H */
