/* Calls derived_flat through the typed entry point: only B and T are
 * passed; the library computes 4*T and B*T for the outputs' sizes. */
#include "derived.h"

#include <stdio.h>

int main(int argc, char **argv) {
  mm_model *m;
  if (argc != 2 || derived_open(argv[1], &m) != MM_OK) {
    fprintf(stderr, "%s\n", mm_last_error_message());
    return 1;
  }
  enum { B = 2, T = 3 };
  float x[B * T * 4], a[B * 4 * T], b[B * T * 4];
  for (int i = 0; i < B * T * 4; ++i)
    x[i] = (float)i - 7.5f;
  if (derived_flat(m, B, T, x, a, b) != MM_OK) {
    fprintf(stderr, "%s\n", mm_last_error_message());
    return 1;
  }
  for (int i = 0; i < B * T * 4; ++i)
    if (a[i] != x[i] || b[i] != x[i]) {
      printf("mismatch at %d\n", i);
      return 1;
    }
  printf("typed ok\n");
  derived_close(m);
  return 0;
}
