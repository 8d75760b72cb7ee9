/* A compiled function called through its library's reflection table
   (mm_fn_desc.invoke) with weights that the runtime did not map: no model is
   open, so nothing derived from the weights may be kept (the packed LSTM
   weights, the weights-only values, the packed linear weights); the glue
   derives them on every call instead. Calls the function twice, checks the
   two calls agree bit for bit, and writes every output (raw) for
   compare.py.

   usage: foreign_weights LIB.so WEIGHT_DIR FN OUT_PREFIX SYMBOL... -- INPUT...
   (WEIGHT_DIR/<state_dict name>.bin: each weight, raw; INPUT: each input of
   FN, raw and dense; OUT_PREFIX<i>.bin: output i) */
#include "mm/runtime.h"
#include "read_raw.h"

#include <dlfcn.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The runtime's own mm_dtype_size is not linked in: this app uses only the
   library's reflection table. */
static size_t dtypeSize(mm_dtype dtype) {
  return dtype == MM_I64 ? 8 : dtype == MM_U8 ? 1 : 4;
}

static size_t bytesOf(const mm_arg_desc *arg, const int64_t *symbols) {
  size_t n = dtypeSize(arg->dtype);
  for (int32_t d = 0; d < arg->rank; ++d)
    n *= (size_t)(arg->dims[d] >= 0 ? arg->dims[d] : symbols[-(arg->dims[d] + 1)]);
  return n;
}

static void *readAll(const char *path, size_t bytes) {
  void *data = malloc(bytes ? bytes : 1);
  if (!data || !read_raw("foreign_weights", path, data, bytes))
    exit(1);
  return data;
}

int main(int argc, char **argv) {
  if (argc < 6) {
    fprintf(stderr, "usage: foreign_weights LIB WEIGHT_DIR FN OUT_PREFIX SYMBOL... -- INPUT...\n");
    return 2;
  }
  void *handle = dlopen(argv[1], RTLD_NOW | RTLD_LOCAL);
  mm_library_entry_fn entry = handle ? (mm_library_entry_fn)dlsym(handle, MM_LIBRARY_ENTRY_SYMBOL) : NULL;
  if (!entry) {
    fprintf(stderr, "foreign_weights: %s\n", dlerror());
    return 1;
  }
  const mm_library_desc *lib = entry();
  const mm_fn_desc *fn = NULL;
  for (int32_t i = 0; i < lib->num_fns; ++i)
    if (strcmp(lib->fns[i].name, argv[3]) == 0)
      fn = &lib->fns[i];
  if (!fn) {
    fprintf(stderr, "foreign_weights: no function %s\n", argv[3]);
    return 1;
  }

  /* Every weight in a malloc'd block of its own, in manifest order. */
  void **weights = calloc((size_t)lib->num_weights + 1, sizeof(void *));
  for (int32_t i = 0; i < lib->num_weights; ++i) {
    const mm_weight_desc *w = &lib->weights[i];
    size_t bytes = dtypeSize(w->dtype);
    for (int32_t d = 0; d < w->rank; ++d)
      bytes *= (size_t)w->shape[d];
    char path[4096];
    snprintf(path, sizeof(path), "%s/%s.bin", argv[2], w->name);
    weights[i] = readAll(path, bytes);
  }

  int64_t symbols[16] = {0};
  int arg = 5, count = 0;
  for (; arg < argc && strcmp(argv[arg], "--") != 0; ++arg)
    if (count < 16)
      symbols[count++] = atoll(argv[arg]);
  if (count != fn->num_symbols || arg == argc || argc - arg - 1 != fn->num_inputs) {
    fprintf(stderr, "foreign_weights: %s takes %d symbols and %d inputs\n", fn->name,
            fn->num_symbols, fn->num_inputs);
    return 2;
  }
  if (fn->derive_symbols && fn->derive_symbols(symbols) != 0)
    return 1;
  const void *inputs[16];
  for (int32_t i = 0; i < fn->num_inputs && i < 16; ++i)
    inputs[i] = readAll(argv[arg + 1 + i], bytesOf(&fn->inputs[i], symbols));

  void *first[16], *outputs[16];
  for (int32_t i = 0; i < fn->num_outputs && i < 16; ++i) {
    size_t bytes = bytesOf(&fn->outputs[i], symbols);
    first[i] = calloc(1, bytes ? bytes : 1);
    outputs[i] = calloc(1, bytes ? bytes : 1);
  }
  if (fn->invoke(weights, symbols, inputs, first) != 0 ||
      fn->invoke(weights, symbols, inputs, outputs) != 0) {
    fprintf(stderr, "foreign_weights: the call failed\n");
    return 1;
  }
  for (int32_t i = 0; i < fn->num_outputs; ++i) {
    size_t bytes = bytesOf(&fn->outputs[i], symbols);
    if (memcmp(first[i], outputs[i], bytes) != 0) {
      printf("output %d differs between the two calls\n", i);
      return 1;
    }
    char path[4096];
    snprintf(path, sizeof(path), "%s%d.bin", argv[4], i);
    FILE *f = fopen(path, "wb");
    if (!f || fwrite(outputs[i], 1, bytes, f) != bytes) {
      fprintf(stderr, "foreign_weights: cannot write %s\n", path);
      return 1;
    }
    fclose(f);
  }
  printf("%s: 2 calls agree\n", fn->name);
  return 0;
}
