/*===- FakeModel.h - A model library written by hand, for the tests ------===*/
#ifndef MM_TEST_UNIT_FAKEMODEL_H
#define MM_TEST_UNIT_FAKEMODEL_H

#include "mm/runtime.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The reflection table of model "fake" (see FakeModel.c). */
const mm_library_desc *fake_library(void);

/* What the last call of a compiled function saw. */
extern void *const *fake_last_weights;
extern int64_t fake_last_symbols[2];
extern int32_t fake_num_calls;
/* Set to 0 (while no call runs) to stop recording, for threaded tests. */
extern int32_t fake_recording;
/* What embed's mm_runtime_model_cache call returned, how often it filled a
   block, and how many bytes it asks for (8 floats unless a test changes it). */
extern void *fake_last_derived;
extern int32_t fake_derived_fills;
extern int32_t fake_derive_bytes;

#ifdef __cplusplus
}
#endif

#endif
