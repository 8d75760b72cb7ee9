//===- RuntimeTest.cpp - Status names, dtypes, manifest hash, threads -----===//

#include "mm/runtime.h"

#include "gtest/gtest.h"

#include <string>
#include <thread>

#include <unistd.h>

namespace {

/// FNV-1a 64 written out from its definition, independent of the runtime.
uint64_t referenceFnv1a(const std::string &s) {
  uint64_t h = 14695981039346656037ull;
  for (unsigned char c : s) {
    h ^= c;
    h *= 1099511628211ull;
  }
  return h;
}

TEST(Runtime, StatusNames) {
  EXPECT_STREQ(mm_status_name(MM_OK), "MM_OK");
  EXPECT_STREQ(mm_status_name(MM_ERROR_INVALID_ARGUMENT),
               "MM_ERROR_INVALID_ARGUMENT");
  EXPECT_STREQ(mm_status_name(MM_ERROR_IO), "MM_ERROR_IO");
  EXPECT_STREQ(mm_status_name(MM_ERROR_CORRUPT), "MM_ERROR_CORRUPT");
  EXPECT_STREQ(mm_status_name(MM_ERROR_MISMATCH), "MM_ERROR_MISMATCH");
  EXPECT_STREQ(mm_status_name(MM_ERROR_SHAPE), "MM_ERROR_SHAPE");
  EXPECT_STREQ(mm_status_name(MM_ERROR_OUT_OF_RANGE), "MM_ERROR_OUT_OF_RANGE");
  EXPECT_STREQ(mm_status_name(MM_ERROR_OUT_OF_MEMORY),
               "MM_ERROR_OUT_OF_MEMORY");
  EXPECT_STREQ(mm_status_name(MM_ERROR_INTERNAL), "MM_ERROR_INTERNAL");
  EXPECT_STREQ(mm_status_name(static_cast<mm_status>(99)), "MM_ERROR_UNKNOWN");
}

TEST(Runtime, DTypes) {
  EXPECT_STREQ(mm_dtype_name(MM_F32), "f32");
  EXPECT_STREQ(mm_dtype_name(MM_I32), "i32");
  EXPECT_STREQ(mm_dtype_name(MM_I64), "i64");
  EXPECT_STREQ(mm_dtype_name(MM_U8), "u8");
  EXPECT_STREQ(mm_dtype_name(static_cast<mm_dtype>(7)), "?");
  EXPECT_EQ(mm_dtype_size(MM_F32), 4u);
  EXPECT_EQ(mm_dtype_size(MM_I32), 4u);
  EXPECT_EQ(mm_dtype_size(MM_I64), 8u);
  EXPECT_EQ(mm_dtype_size(MM_U8), 1u);
  EXPECT_EQ(mm_dtype_size(static_cast<mm_dtype>(-1)), 0u);
}

TEST(ManifestHash, KnownFnvVectors) {
  // Published FNV-1a 64 test vectors, to pin the reference itself.
  EXPECT_EQ(referenceFnv1a(""), 0xcbf29ce484222325ull);
  EXPECT_EQ(referenceFnv1a("a"), 0xaf63dc4c8601ec8cull);
  EXPECT_EQ(referenceFnv1a("foobar"), 0x85944171f73967e8ull);
  EXPECT_EQ(mm_manifest_hash(nullptr, 0), 0xcbf29ce484222325ull);
}

TEST(ManifestHash, FollowsTheDocumentedString) {
  const int64_t s0[] = {256, 64};
  const int64_t s1[] = {7};
  mm_weight_desc weights[] = {
      {"lstm.weight_hh_l0", MM_F32, 2, s0},
      {"classifier.bias", MM_F32, 1, s1},
      {"step", MM_I64, 0, nullptr},
      {"mask", MM_U8, 1, s1},
  };
  EXPECT_EQ(mm_manifest_hash(weights, 4),
            referenceFnv1a("lstm.weight_hh_l0:f32:256,64;"
                           "classifier.bias:f32:7;step:i64:;mask:u8:7;"));
  EXPECT_EQ(mm_manifest_hash(weights, 1),
            referenceFnv1a("lstm.weight_hh_l0:f32:256,64;"));
  // Order, dtype and shape all change the hash.
  mm_weight_desc swapped[] = {weights[1], weights[0], weights[2], weights[3]};
  EXPECT_NE(mm_manifest_hash(swapped, 4), mm_manifest_hash(weights, 4));
  mm_weight_desc retyped[] = {weights[0], weights[1], weights[2], weights[3]};
  retyped[3].dtype = MM_I32;
  EXPECT_NE(mm_manifest_hash(retyped, 4), mm_manifest_hash(weights, 4));
  const int64_t s2[] = {256, 32};
  retyped[3] = weights[3];
  retyped[0].shape = s2;
  EXPECT_NE(mm_manifest_hash(retyped, 4), mm_manifest_hash(weights, 4));
}

TEST(Runtime, NumThreads) {
  // The default (the tests of ThreadPoolTest.cpp put it back when done).
  EXPECT_EQ(mm_get_num_threads(), 1);
  mm_set_num_threads(4);
  EXPECT_EQ(mm_get_num_threads(), 4);
  long online = sysconf(_SC_NPROCESSORS_ONLN);
  int32_t expected = online < 1 ? 1 : online > 256 ? 256 : static_cast<int32_t>(online);
  mm_set_num_threads(0);
  EXPECT_EQ(mm_get_num_threads(), expected);
  mm_set_num_threads(-3);
  EXPECT_EQ(mm_get_num_threads(), expected);
  mm_set_num_threads(100000);
  EXPECT_EQ(mm_get_num_threads(), 256);
  mm_set_num_threads(1);
  EXPECT_EQ(mm_get_num_threads(), 1);
}

TEST(Runtime, LastErrorIsPerThread) {
  mm_model *model = nullptr;
  EXPECT_EQ(mm_model_open(nullptr, "x.mmw", &model), MM_ERROR_INVALID_ARGUMENT);
  std::string here = mm_last_error_message();
  EXPECT_NE(here, "");
  std::string there = "unset";
  std::thread t([&] {
    there = mm_last_error_message();
    mm_model *m = nullptr;
    mm_model_open(nullptr, nullptr, &m);
  });
  t.join();
  EXPECT_EQ(there, "");
  EXPECT_EQ(std::string(mm_last_error_message()), here);
}

} // namespace
