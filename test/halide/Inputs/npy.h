/*===- npy.h - minimal .npy reader/writer for the kernel harnesses -------===*
 *
 * Reads and writes C-ordered little-endian .npy files of float32 ('<f4')
 * and uint8 ('|u1' or '|b1'). Header-only C, no dependencies: the harnesses
 * stay as plain as the C code mmc emits around a kernel call.
 *
 *===---------------------------------------------------------------------===*/
#ifndef MM_TEST_HALIDE_NPY_H
#define MM_TEST_HALIDE_NPY_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NPY_MAX_DIMS 8

typedef struct {
  int ndim;
  int64_t shape[NPY_MAX_DIMS];
  int elemSize; /* 4 for float32, 1 for uint8/bool */
  void *data;
} NpyArray;

static int64_t npyCount(const NpyArray *a) {
  int64_t n = 1;
  for (int i = 0; i < a->ndim; ++i)
    n *= a->shape[i];
  return n;
}

/* Returns 0 on success; prints a message and returns -1 otherwise. */
static int npyLoad(const char *path, NpyArray *out) {
  memset(out, 0, sizeof(*out));
  FILE *f = fopen(path, "rb");
  if (!f) {
    fprintf(stderr, "error: cannot open %s\n", path);
    return -1;
  }
  unsigned char magic[10];
  if (fread(magic, 1, 10, f) != 10 || memcmp(magic, "\x93NUMPY", 6) != 0) {
    fprintf(stderr, "error: %s is not a .npy file\n", path);
    fclose(f);
    return -1;
  }
  uint32_t headerLen = magic[8] | (magic[9] << 8);
  if (magic[6] >= 2) {
    unsigned char extra[2];
    if (fread(extra, 1, 2, f) != 2) {
      fclose(f);
      return -1;
    }
    headerLen = magic[8] | (magic[9] << 8) | (extra[0] << 16) | ((uint32_t)extra[1] << 24);
  }
  if (headerLen > 65536) {
    fprintf(stderr, "error: %s: header too long\n", path);
    fclose(f);
    return -1;
  }
  char *header = (char *)calloc(headerLen + 1, 1);
  if (fread(header, 1, headerLen, f) != headerLen) {
    fprintf(stderr, "error: %s: truncated header\n", path);
    free(header);
    fclose(f);
    return -1;
  }
  if (strstr(header, "'<f4'"))
    out->elemSize = 4;
  else if (strstr(header, "'|u1'") || strstr(header, "'|b1'"))
    out->elemSize = 1;
  else {
    fprintf(stderr, "error: %s: only float32 and uint8/bool arrays are supported\n", path);
    free(header);
    fclose(f);
    return -1;
  }
  if (strstr(header, "'fortran_order': True")) {
    fprintf(stderr, "error: %s: fortran order is not supported\n", path);
    free(header);
    fclose(f);
    return -1;
  }
  const char *p = strstr(header, "'shape': (");
  if (!p) {
    fprintf(stderr, "error: %s: no shape\n", path);
    free(header);
    fclose(f);
    return -1;
  }
  p += strlen("'shape': (");
  while (*p && *p != ')') {
    while (*p == ' ' || *p == ',')
      ++p;
    if (*p == ')')
      break;
    char *end;
    long long v = strtoll(p, &end, 10);
    if (end == p || v < 0 || out->ndim == NPY_MAX_DIMS) {
      fprintf(stderr, "error: %s: bad shape\n", path);
      free(header);
      fclose(f);
      return -1;
    }
    out->shape[out->ndim++] = v;
    p = end;
  }
  free(header);
  int64_t bytes = npyCount(out) * out->elemSize;
  out->data = malloc(bytes > 0 ? (size_t)bytes : 1);
  if ((int64_t)fread(out->data, 1, (size_t)bytes, f) != bytes) {
    fprintf(stderr, "error: %s: truncated data\n", path);
    fclose(f);
    return -1;
  }
  fclose(f);
  return 0;
}

static int npySaveF32(const char *path, const float *data, int ndim, const int64_t *shape) {
  FILE *f = fopen(path, "wb");
  if (!f) {
    fprintf(stderr, "error: cannot write %s\n", path);
    return -1;
  }
  char header[256];
  int n = snprintf(header, sizeof(header), "{'descr': '<f4', 'fortran_order': False, 'shape': (");
  int64_t count = 1;
  for (int i = 0; i < ndim; ++i) {
    n += snprintf(header + n, sizeof(header) - n, "%lld,%s", (long long)shape[i],
                  i + 1 < ndim ? " " : "");
    count *= shape[i];
  }
  n += snprintf(header + n, sizeof(header) - n, "), }");
  int total = 10 + n + 1;
  int pad = (64 - total % 64) % 64;
  unsigned short len = (unsigned short)(n + pad + 1);
  fwrite("\x93NUMPY\x01\x00", 1, 8, f);
  fputc(len & 0xff, f);
  fputc(len >> 8, f);
  fwrite(header, 1, n, f);
  for (int i = 0; i < pad; ++i)
    fputc(' ', f);
  fputc('\n', f);
  fwrite(data, sizeof(float), (size_t)count, f);
  fclose(f);
  return 0;
}

#endif /* MM_TEST_HALIDE_NPY_H */
