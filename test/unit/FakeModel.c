/*===- FakeModel.c - A model library written by hand, for the tests ------===*
 *
 * What `mmc compile` would emit for this model, written out in C:
 *
 *   model fake {
 *     weights { w: f32[3]; emb.weight: f32[4, 2]; count: i64[] }
 *     fn forward(x: f32[B, 3]) -> f32[B, 3] { x * w }
 *     fn embed(ids: i32[B, T] in [0, 4), x: f32[B, 3])
 *         -> (f32[B, T, 2], f32[B]) { emb[ids], sum(x * w, -1) }
 *     fn broken(x: f32[2]) -> f32[2]   (always reports failure)
 *   }
 *
 * The same file is the unit tests' in-process model and, built as a shared
 * module exporting `mm_library`, the library mm-run loads.
 *===----------------------------------------------------------------------===*/

#include "FakeModel.h"
#include "mm/runtime_internal.h"

#include <string.h>

void *const *fake_last_weights;
int64_t fake_last_symbols[2];
int32_t fake_num_calls;
int32_t fake_recording = 1;
void *fake_last_derived;
int32_t fake_derived_fills;
int32_t fake_derive_bytes = 8 * sizeof(float);

static const int64_t kShapeW[] = {3};
static const int64_t kShapeEmb[] = {4, 2};

static const mm_weight_desc kWeights[] = {
    {"w", MM_F32, 1, kShapeW},
    {"emb.weight", MM_F32, 2, kShapeEmb},
    {"count", MM_I64, 0, NULL},
};

/* Symbols are encoded as -(index + 1). */
#define SYM_B (-1)
#define SYM_T (-2)

static void record(void *const *weights, const int64_t *symbols, int n) {
  if (!fake_recording)
    return;
  fake_last_weights = weights;
  for (int i = 0; i < n; ++i)
    fake_last_symbols[i] = symbols[i];
  ++fake_num_calls;
}

static int32_t forwardImpl(void *const *weights, const int64_t *symbols,
                           const void *const *inputs, void *const *outputs) {
  record(weights, symbols, 1);
  const float *w = (const float *)weights[0];
  const float *x = (const float *)inputs[0];
  float *out = (float *)outputs[0];
  for (int64_t b = 0; b < symbols[0]; ++b)
    for (int64_t j = 0; j < 3; ++j)
      out[b * 3 + j] = x[b * 3 + j] * w[j];
  return 0;
}

/* What a kernel's glue does with mm_runtime_model_cache: a block derived
   once from a weight (here emb.weight doubled). */
static const char kDerivedKey = 0;
static int fillDerived(void *block, void *context) {
  const float *emb = (const float *)context;
  for (int i = 0; i < 8; ++i)
    ((float *)block)[i] = 2.0f * emb[i];
  ++fake_derived_fills;
  return 0;
}

static int32_t embedImpl(void *const *weights, const int64_t *symbols,
                         const void *const *inputs, void *const *outputs) {
  record(weights, symbols, 2);
  if (fake_recording) {
    const void *source[] = {weights[1]};
    fake_last_derived = mm_runtime_model_cache(&kDerivedKey, source, 1,
                                               (size_t)fake_derive_bytes,
                                               fillDerived, weights[1]);
  }
  const float *w = (const float *)weights[0];
  const float *emb = (const float *)weights[1];
  const int32_t *ids = (const int32_t *)inputs[0];
  const float *x = (const float *)inputs[1];
  float *out0 = (float *)outputs[0];
  float *out1 = (float *)outputs[1];
  int64_t B = symbols[0], T = symbols[1];
  for (int64_t i = 0; i < B * T; ++i) {
    out0[i * 2] = emb[ids[i] * 2];
    out0[i * 2 + 1] = emb[ids[i] * 2 + 1];
  }
  for (int64_t b = 0; b < B; ++b)
    out1[b] = x[b * 3] * w[0] + x[b * 3 + 1] * w[1] + x[b * 3 + 2] * w[2];
  return 0;
}

static int32_t brokenImpl(void *const *weights, const int64_t *symbols,
                          const void *const *inputs, void *const *outputs) {
  (void)symbols;
  (void)inputs;
  (void)outputs;
  record(weights, symbols, 0);
  return 42;
}

static const char *const kSymbolsBT[] = {"B", "T"};

static const int64_t kDimsB3[] = {SYM_B, 3};
static const mm_arg_desc kForwardInputs[] = {{"x", MM_F32, 2, kDimsB3, 0, 0}};
static const mm_arg_desc kForwardOutputs[] = {
    {"out0", MM_F32, 2, kDimsB3, 0, 0}};

static const int64_t kDimsBT[] = {SYM_B, SYM_T};
static const int64_t kDimsBT2[] = {SYM_B, SYM_T, 2};
static const int64_t kDimsB[] = {SYM_B};
static const mm_arg_desc kEmbedInputs[] = {
    {"ids", MM_I32, 2, kDimsBT, 0, 4},
    {"x", MM_F32, 2, kDimsB3, 0, 0},
};
static const mm_arg_desc kEmbedOutputs[] = {
    {"out0", MM_F32, 3, kDimsBT2, 0, 0},
    {"out1", MM_F32, 1, kDimsB, 0, 0},
};

static const int64_t kDims2[] = {2};
static const mm_arg_desc kBrokenArgs[] = {{"x", MM_F32, 1, kDims2, 0, 0}};
static const mm_arg_desc kBrokenOutputs[] = {{"out0", MM_F32, 1, kDims2, 0, 0}};

static const mm_fn_desc kFns[] = {
    {"forward", 1, kSymbolsBT, 1, kForwardInputs, 1, kForwardOutputs,
     forwardImpl},
    {"embed", 2, kSymbolsBT, 2, kEmbedInputs, 2, kEmbedOutputs, embedImpl},
    {"broken", 0, NULL, 1, kBrokenArgs, 1, kBrokenOutputs, brokenImpl},
};

/* manifest_hash is filled in on first use (C has no constexpr FNV). */
static mm_library_desc gLibrary = {MM_ABI_VERSION, "fake", 0, 3, kWeights,
                                   3, kFns};

const mm_library_desc *fake_library(void) {
  if (gLibrary.manifest_hash == 0)
    gLibrary.manifest_hash = mm_manifest_hash(kWeights, 3);
  return &gLibrary;
}

#ifdef FAKE_MODEL_SHARED
/* What a shared library written by `mmc compile` exports. */
__attribute__((visibility("default"))) const mm_library_desc *
mm_library(void) {
  return fake_library();
}
#endif
