/*===- mm/runtime.h - C API of the mmc runtime --------------------*- C -*-===*
 *
 * The runtime is linked statically into every library that `mmc compile`
 * writes. An application uses it through the generated `<model>.h` (typed
 * entry points) or, like `mm-run`, through this generic API and the
 * library's reflection table (`mm_library_desc`).
 *
 * Errors: every fallible call returns an `mm_status`; on failure the
 * message of the error is kept per thread and read with
 * `mm_last_error_message()` (valid until the next failing call on the
 * same thread).
 *
 * Thread-safety: an `mm_model` is immutable once opened. Any number of
 * threads may call `mm_model_invoke` / `mm_model_call` on one model at
 * once: every call keeps its state (activations, scratch) to itself.
 * `mm_model_open` and `mm_model_close` must not race with calls on the
 * same model.
 *===----------------------------------------------------------------------===*/
#ifndef MM_RUNTIME_H
#define MM_RUNTIME_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Bumped whenever a struct below changes layout. */
#define MM_ABI_VERSION 3u
#define MM_MAX_RANK 8

typedef enum mm_status {
  MM_OK = 0,
  MM_ERROR_INVALID_ARGUMENT = 1, /* null pointer, unknown function, wrong count */
  MM_ERROR_IO = 2,               /* cannot open, stat or map a file */
  MM_ERROR_CORRUPT = 3,          /* not a .mmw file, truncated, fails verification */
  MM_ERROR_MISMATCH = 4,         /* weights for another model, tensor name/dtype/shape differs */
  MM_ERROR_SHAPE = 5,            /* an input's shape or dtype differs from the signature */
  MM_ERROR_OUT_OF_RANGE = 6,     /* an index input (e.g. token id) outside its range */
  MM_ERROR_OUT_OF_MEMORY = 7,
  MM_ERROR_INTERNAL = 8
} mm_status;

/* Element types; the numbers are also those of the .mmw schema's DType. */
typedef enum mm_dtype {
  MM_F32 = 0,
  MM_I32 = 1,
  MM_I64 = 2,
  MM_U8 = 3
} mm_dtype;

/* "MM_OK", "MM_ERROR_SHAPE", ... */
const char *mm_status_name(mm_status status);
/* "f32", "i32", "i64", "u8"; "?" for anything else. */
const char *mm_dtype_name(mm_dtype dtype);
/* Size in bytes of one element; 0 for an unknown dtype. */
size_t mm_dtype_size(mm_dtype dtype);
/* Message of the last failing call on this thread ("" if none). */
const char *mm_last_error_message(void);

/*===--- Reflection table, written by `mmc compile` into each library ----===*/

/* One weight of the manifest: the tensor the .mmw file must hold. */
typedef struct mm_weight_desc {
  const char *name; /* state_dict name, e.g. "lstm.weight_ih_l0" */
  mm_dtype dtype;
  int32_t rank;
  const int64_t *shape; /* rank constants */
} mm_weight_desc;

/* One argument or result of an exported function. */
typedef struct mm_arg_desc {
  const char *name; /* source name of an input; "out0", "out1", ... for results */
  mm_dtype dtype;
  int32_t rank;
  /* dims[i] >= 0: that constant; dims[i] < 0: the symbol number -(dims[i]+1)
   * of the function (see mm_fn_desc.symbol_names). */
  const int64_t *dims;
  /* If index_max > index_min, every element (an integer input) must lie in
   * [index_min, index_max); checked before the call (MM_ERROR_OUT_OF_RANGE). */
  int64_t index_min;
  int64_t index_max;
} mm_arg_desc;

/* Compiled body of one function. `weights` are the base pointers of the
 * manifest's tensors, in manifest order; `symbols` the values of the
 * function's symbolic dimensions; `inputs`/`outputs` dense row-major
 * buffers. Returns 0 on success. */
typedef int32_t (*mm_invoke_fn)(void *const *weights, const int64_t *symbols,
                                const void *const *inputs,
                                void *const *outputs);

typedef struct mm_fn_desc {
  const char *name; /* "forward" */
  int32_t num_symbols;
  const char *const *symbol_names; /* "B", "T" */
  int32_t num_inputs;
  const mm_arg_desc *inputs;
  int32_t num_outputs;
  const mm_arg_desc *outputs;
  mm_invoke_fn invoke;
  /* NULL, or num_symbols lower bounds: symbol i must be >= symbol_min[i]
   * (the model indexes a dimension of that size with a constant, like
   * x[:, -1]); a smaller value is MM_ERROR_SHAPE. */
  const int64_t *symbol_min;
  /* Result sizes computed from the input sizes (`S/160 + 1`, `4*T`) are the
   * last num_derived_symbols symbols; derive_symbols(symbols) computes them
   * from the others in place and returns nonzero if one overflows int64.
   * The runtime calls it: the values a caller passes for them are ignored.
   * 0 and NULL when every result size is an input's. */
  int32_t num_derived_symbols;
  int32_t (*derive_symbols)(int64_t *symbols);
} mm_fn_desc;

typedef struct mm_library_desc {
  uint32_t abi_version; /* MM_ABI_VERSION */
  const char *model_name;
  /* mm_manifest_hash(weights, num_weights); also stored in the .mmw file. */
  uint64_t manifest_hash;
  int32_t num_weights;
  const mm_weight_desc *weights;
  int32_t num_fns;
  const mm_fn_desc *fns;
} mm_library_desc;

/* FNV-1a 64 over "name:dtype:d0,d1,...;" for every weight, in order. */
uint64_t mm_manifest_hash(const mm_weight_desc *weights, int32_t num_weights);

/* A shared library written by `mmc compile` exports this (the static
 * library does not, so several models link into one app). */
typedef const mm_library_desc *(*mm_library_entry_fn)(void);
#define MM_LIBRARY_ENTRY_SYMBOL "mm_library"

/*===--- Models ----------------------------------------------------------===*/

typedef struct mm_model mm_model;

/* Maps the .mmw file, verifies it (FlatBuffers verifier with limits, file
 * identifier, schema version) and checks every tensor against the
 * library's manifest: a missing, extra or mis-shaped tensor is an error
 * naming it. On success *out_model owns the mapping. */
mm_status mm_model_open(const mm_library_desc *library, const char *weights_path,
                        mm_model **out_model);
/* Accepts NULL. Calls keep their freed temporaries cached for the next
 * call (at most 256 MiB per copy of the runtime: one per shared library,
 * one for all static libraries of a program); closing the last open model
 * of that copy returns them to the system. */
void mm_model_close(mm_model *model);
const mm_library_desc *mm_model_library(const mm_model *model);

/* Index of the function called `name`, or -1. */
int32_t mm_library_find_fn(const mm_library_desc *library, const char *name);

/* Typed path (what the generated `<model>_<fn>` functions call): checks the
 * symbols (>= 0) and index ranges, then runs the function. `inputs` and
 * `outputs` are dense buffers whose shapes follow from `symbols`. */
mm_status mm_model_invoke(const mm_model *model, int32_t fn_index,
                          const int64_t *symbols, const void *const *inputs,
                          void *const *outputs);

/* A dense row-major tensor for the generic path. */
typedef struct mm_tensor {
  mm_dtype dtype;
  int32_t rank;
  int64_t shape[MM_MAX_RANK];
  void *data;
} mm_tensor;

/* Generic path (mm-run): binds the function's symbols from the inputs'
 * shapes, checks every dtype, rank and dimension (MM_ERROR_SHAPE with a
 * message naming the input, the expected and the actual shape), then
 * fills each output's dtype/rank/shape and, where outputs[i].data is NULL,
 * allocates it with malloc (the caller frees it with free()). */
mm_status mm_model_call(const mm_model *model, const char *fn_name,
                        const mm_tensor *inputs, int32_t num_inputs,
                        mm_tensor *outputs, int32_t num_outputs);

/* Threads used by the parallel parts of a call (default: 1), process-wide:
 * the calling thread plus num_threads - 1 workers of the runtime's one
 * pool. 0 or less: the number of online CPUs; at most 256. With 1, every
 * call runs on its calling thread alone and its results are deterministic.
 * The pool serves one call at a time; the parallel parts of calls made
 * while it is busy (from other threads) run on their calling thread. */
void mm_set_num_threads(int32_t num_threads);
int32_t mm_get_num_threads(void);

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* MM_RUNTIME_H */
