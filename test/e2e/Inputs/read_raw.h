/* Raw input files of the test applications (weight_cache.c,
   packed_cache.c). */
#ifndef MM_TEST_READ_RAW_H
#define MM_TEST_READ_RAW_H

#include <stdio.h>

/* Reads exactly BYTES from PATH into DATA; says so on stderr, as TOOL, when
   it cannot. */
static int read_raw(const char *tool, const char *path, void *data, size_t bytes) {
  FILE *f = fopen(path, "rb");
  size_t got = f ? fread(data, 1, bytes, f) : 0;
  if (f)
    fclose(f);
  if (got != bytes)
    fprintf(stderr, "%s: cannot read %zu bytes from %s\n", tool, bytes, path);
  return got == bytes;
}

#endif
