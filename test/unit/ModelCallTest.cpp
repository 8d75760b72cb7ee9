//===- ModelCallTest.cpp - mm_model_call / mm_model_invoke checks ---------===//
//
// Drives the hand-written model of FakeModel.c: symbol binding, shape and
// dtype errors, index ranges and output allocation.
//
//===----------------------------------------------------------------------===//

#include "FakeModel.h"
#include "TestUtil.h"
#include "WeightsWriter.h"
#include "mm/runtime_internal.h"

#include <thread>

using mmtest::TempDir;

namespace {

const std::vector<float> kW = {2.0f, 3.0f, 4.0f};
const std::vector<float> kEmb = {0.0f, 0.5f, 1.0f, 1.5f, 2.0f, 2.5f, 3.0f, 3.5f};
const int64_t kCount = 7;

mm_tensor tensor(mm_dtype dtype, std::vector<int64_t> shape, void *data) {
  mm_tensor t = {};
  t.dtype = dtype;
  t.rank = static_cast<int32_t>(shape.size());
  for (size_t i = 0; i < shape.size(); ++i)
    t.shape[i] = shape[i];
  t.data = data;
  return t;
}

class ModelCall : public ::testing::Test {
protected:
  TempDir dir;
  mm_model *model = nullptr;

  void SetUp() override {
    std::vector<mm::WeightBlob> blobs = {
        {"w", MM_F32, {3}, kW.data(), 12},
        {"emb.weight", MM_F32, {4, 2}, kEmb.data(), 32},
        {"count", MM_I64, {}, &kCount, 8},
    };
    std::string path = dir.file("fake.mmw"), error;
    ASSERT_TRUE(mm::writeWeightsFile(path, "fake",
                                     fake_library()->manifest_hash, blobs,
                                     error))
        << error;
    ASSERT_EQ(mm_model_open(fake_library(), path.c_str(), &model), MM_OK)
        << mm_last_error_message();
  }
  void TearDown() override { mm_model_close(model); }

  mm_status callForward(mm_tensor x, mm_tensor *out) {
    return mm_model_call(model, "forward", &x, 1, out, 1);
  }
  std::string message() const { return mm_last_error_message(); }
};

TEST_F(ModelCall, BindsSymbolsAndAllocatesOutputs) {
  std::vector<float> x = {1, 2, 3, -1, -2, -3};
  mm_tensor out = {};
  ASSERT_EQ(callForward(tensor(MM_F32, {2, 3}, x.data()), &out), MM_OK)
      << message();
  EXPECT_EQ(fake_last_symbols[0], 2);
  EXPECT_EQ(out.dtype, MM_F32);
  ASSERT_EQ(out.rank, 2);
  EXPECT_EQ(out.shape[0], 2);
  EXPECT_EQ(out.shape[1], 3);
  ASSERT_NE(out.data, nullptr);
  const float *o = static_cast<const float *>(out.data);
  std::vector<float> expected = {2, 6, 12, -2, -6, -12};
  // x * w is exact in f32 for these small integers: tolerance 0.
  EXPECT_EQ(std::vector<float>(o, o + 6), expected);
  std::free(out.data);
}

TEST_F(ModelCall, UsesTheCallersOutputBuffer) {
  std::vector<float> x = {1, 1, 1}, buffer(3, 0.0f);
  mm_tensor out = {};
  out.data = buffer.data();
  ASSERT_EQ(callForward(tensor(MM_F32, {1, 3}, x.data()), &out), MM_OK);
  EXPECT_EQ(out.data, buffer.data());
  EXPECT_EQ(buffer, kW);
}

TEST_F(ModelCall, EmptyBatch) {
  mm_tensor out = {};
  ASSERT_EQ(callForward(tensor(MM_F32, {0, 3}, nullptr), &out), MM_OK)
      << message();
  EXPECT_EQ(out.shape[0], 0);
  EXPECT_EQ(out.shape[1], 3);
  EXPECT_NE(out.data, nullptr);
  std::free(out.data);
}

TEST_F(ModelCall, DTypeMismatch) {
  std::vector<int32_t> x(6);
  mm_tensor out = {};
  EXPECT_EQ(callForward(tensor(MM_I32, {2, 3}, x.data()), &out),
            MM_ERROR_SHAPE);
  EXPECT_EQ(message(), "forward: input 'x' has dtype i32, expected f32");
  EXPECT_EQ(out.data, nullptr);
}

TEST_F(ModelCall, RankMismatch) {
  std::vector<float> x(6);
  mm_tensor out = {};
  EXPECT_EQ(callForward(tensor(MM_F32, {2, 3, 1}, x.data()), &out),
            MM_ERROR_SHAPE);
  EXPECT_EQ(message(), "forward: input 'x' has shape [2, 3, 1], expected [B, 3]");
}

TEST_F(ModelCall, ConstantDimensionMismatch) {
  std::vector<float> x(8);
  mm_tensor out = {};
  EXPECT_EQ(callForward(tensor(MM_F32, {2, 4}, x.data()), &out),
            MM_ERROR_SHAPE);
  EXPECT_EQ(message(), "forward: input 'x' has shape [2, 4], expected [B, 3]");
}

TEST_F(ModelCall, NegativeOrInvalidInputShape) {
  std::vector<float> x(6);
  mm_tensor out = {};
  EXPECT_EQ(callForward(tensor(MM_F32, {-2, 3}, x.data()), &out),
            MM_ERROR_SHAPE);
  EXPECT_EQ(message(),
            "forward: input 'x' has a negative dimension in shape [-2, 3]");
  mm_tensor bad = tensor(MM_F32, {2, 3}, x.data());
  bad.rank = 99;
  EXPECT_EQ(callForward(bad, &out), MM_ERROR_INVALID_ARGUMENT);
  bad = tensor(MM_F32, {2, 3}, nullptr);
  EXPECT_EQ(callForward(bad, &out), MM_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(message(), "forward: input 'x' has no data");
  EXPECT_EQ(out.data, nullptr);
}

TEST_F(ModelCall, SymbolBoundByAnotherInput) {
  std::vector<int32_t> ids(10, 0);
  std::vector<float> x(9);
  mm_tensor inputs[] = {tensor(MM_I32, {2, 5}, ids.data()),
                        tensor(MM_F32, {3, 3}, x.data())};
  mm_tensor outputs[2] = {};
  EXPECT_EQ(mm_model_call(model, "embed", inputs, 2, outputs, 2),
            MM_ERROR_SHAPE);
  EXPECT_EQ(message(), "embed: input 'x' has shape [3, 3], expected [B, 3] "
                       "with B = 2 (bound by input 'ids')");
}

TEST_F(ModelCall, TwoInputsTwoOutputs) {
  std::vector<int32_t> ids = {3, 0, 1, 2, 2, 1};
  std::vector<float> x = {1, 0, 0, 0, 1, 1};
  mm_tensor inputs[] = {tensor(MM_I32, {2, 3}, ids.data()),
                        tensor(MM_F32, {2, 3}, x.data())};
  mm_tensor outputs[2] = {};
  ASSERT_EQ(mm_model_call(model, "embed", inputs, 2, outputs, 2), MM_OK)
      << message();
  EXPECT_EQ(fake_last_symbols[0], 2);
  EXPECT_EQ(fake_last_symbols[1], 3);
  ASSERT_EQ(outputs[0].rank, 3);
  EXPECT_EQ(outputs[0].shape[0], 2);
  EXPECT_EQ(outputs[0].shape[1], 3);
  EXPECT_EQ(outputs[0].shape[2], 2);
  ASSERT_EQ(outputs[1].rank, 1);
  EXPECT_EQ(outputs[1].shape[0], 2);
  const float *o0 = static_cast<const float *>(outputs[0].data);
  const float *o1 = static_cast<const float *>(outputs[1].data);
  for (int i = 0; i < 6; ++i) {
    EXPECT_EQ(o0[2 * i], kEmb[2 * ids[i]]);
    EXPECT_EQ(o0[2 * i + 1], kEmb[2 * ids[i] + 1]);
  }
  EXPECT_EQ(o1[0], 2.0f);
  EXPECT_EQ(o1[1], 7.0f);
  std::free(outputs[0].data);
  std::free(outputs[1].data);
}

TEST_F(ModelCall, ModelCacheKeepsOneBlockPerModel) {
  std::vector<int32_t> ids = {3, 0};
  std::vector<float> x = {1, 0, 0};
  mm_tensor inputs[] = {tensor(MM_I32, {1, 2}, ids.data()),
                        tensor(MM_F32, {1, 3}, x.data())};
  auto callEmbed = [&](mm_model *m) {
    mm_tensor outputs[2] = {};
    EXPECT_EQ(mm_model_call(m, "embed", inputs, 2, outputs, 2), MM_OK) << message();
    std::free(outputs[0].data);
    std::free(outputs[1].data);
  };
  fake_derived_fills = 0;
  callEmbed(model);
  void *first = fake_last_derived;
  ASSERT_NE(first, nullptr);
  EXPECT_EQ(reinterpret_cast<uintptr_t>(first) % 64, 0u);
  for (int i = 0; i < 8; ++i)
    EXPECT_EQ(static_cast<const float *>(first)[i], 2.0f * kEmb[i]);
  callEmbed(model);
  EXPECT_EQ(fake_last_derived, first);
  EXPECT_EQ(fake_derived_fills, 1);

  // Another size for the same key is refused (the caller derives its own).
  fake_derive_bytes = 16 * sizeof(float);
  callEmbed(model);
  fake_derive_bytes = 8 * sizeof(float);
  EXPECT_EQ(fake_last_derived, nullptr);
  EXPECT_EQ(fake_derived_fills, 1);

  // A second model of the same file has its own block.
  mm_model *other = nullptr;
  ASSERT_EQ(mm_model_open(fake_library(), dir.file("fake.mmw").c_str(), &other), MM_OK);
  callEmbed(other);
  EXPECT_NE(fake_last_derived, nullptr);
  EXPECT_NE(fake_last_derived, first);
  EXPECT_EQ(fake_derived_fills, 2);
  mm_model_close(other);

  // Outside a call, or for memory that is not a weight of the model: none.
  float local[8] = {};
  const void *weights[] = {local};
  EXPECT_EQ(mm_runtime_model_cache(&local, weights, 1, sizeof(local),
                                   [](void *, void *) { return 0; }, nullptr),
            nullptr);
}

TEST_F(ModelCall, IndexOutOfRange) {
  std::vector<int32_t> ids = {0, 1, 2, 3, 0, 4};
  std::vector<float> x(6);
  mm_tensor inputs[] = {tensor(MM_I32, {2, 3}, ids.data()),
                        tensor(MM_F32, {2, 3}, x.data())};
  mm_tensor outputs[2] = {};
  int32_t calls = fake_num_calls;
  EXPECT_EQ(mm_model_call(model, "embed", inputs, 2, outputs, 2),
            MM_ERROR_OUT_OF_RANGE);
  EXPECT_EQ(message(), "embed: input 'ids' has value 4 at [1, 2], outside the "
                       "valid range [0, 4)");
  // Nothing ran, and what the call allocated is freed again.
  EXPECT_EQ(fake_num_calls, calls);
  EXPECT_EQ(outputs[0].data, nullptr);
  EXPECT_EQ(outputs[1].data, nullptr);
  ids[5] = -1;
  EXPECT_EQ(mm_model_call(model, "embed", inputs, 2, outputs, 2),
            MM_ERROR_OUT_OF_RANGE);
  EXPECT_EQ(message(), "embed: input 'ids' has value -1 at [1, 2], outside the "
                       "valid range [0, 4)");
}

TEST_F(ModelCall, UnknownFunctionAndWrongCounts) {
  mm_tensor out = {};
  EXPECT_EQ(mm_model_call(model, "backward", nullptr, 0, &out, 1),
            MM_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(message(), "model 'fake' has no function 'backward' (it has: "
                       "forward, embed, broken)");
  std::vector<float> x(3);
  mm_tensor inputs[] = {tensor(MM_F32, {1, 3}, x.data()),
                        tensor(MM_F32, {1, 3}, x.data())};
  EXPECT_EQ(mm_model_call(model, "forward", inputs, 2, &out, 1),
            MM_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(message(), "forward: takes 1 inputs (x) and returns 1 outputs, got "
                       "2 inputs and 1 outputs");
  EXPECT_EQ(mm_model_call(model, "forward", inputs, 1, &out, 0),
            MM_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(mm_model_call(nullptr, "forward", inputs, 1, &out, 1),
            MM_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(mm_model_call(model, nullptr, inputs, 1, &out, 1),
            MM_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(mm_model_call(model, "forward", nullptr, 1, &out, 1),
            MM_ERROR_INVALID_ARGUMENT);
}

TEST_F(ModelCall, FailingFunctionIsInternalError) {
  std::vector<float> x(2);
  mm_tensor in = tensor(MM_F32, {2}, x.data()), out = {};
  EXPECT_EQ(mm_model_call(model, "broken", &in, 1, &out, 1),
            MM_ERROR_INTERNAL);
  EXPECT_EQ(message(), "broken: the compiled function failed with code 42");
  EXPECT_EQ(out.data, nullptr);
}

TEST_F(ModelCall, FindFn) {
  EXPECT_EQ(mm_library_find_fn(fake_library(), "forward"), 0);
  EXPECT_EQ(mm_library_find_fn(fake_library(), "embed"), 1);
  EXPECT_EQ(mm_library_find_fn(fake_library(), "nope"), -1);
  EXPECT_EQ(mm_library_find_fn(fake_library(), nullptr), -1);
  EXPECT_EQ(mm_library_find_fn(nullptr, "forward"), -1);
}

TEST_F(ModelCall, InvokeChecksSymbolsAndIndices) {
  std::vector<float> x = {1, 1, 1}, out(3);
  const void *inputs[] = {x.data()};
  void *outputs[] = {out.data()};
  int64_t symbols[] = {-1};
  EXPECT_EQ(mm_model_invoke(model, 0, symbols, inputs, outputs),
            MM_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(message(), "forward: symbol 'B' is -1, it must be >= 0");
  symbols[0] = 1;
  EXPECT_EQ(mm_model_invoke(model, 0, symbols, inputs, outputs), MM_OK);
  EXPECT_EQ(out, kW);
  EXPECT_EQ(mm_model_invoke(model, 3, symbols, inputs, outputs),
            MM_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(message(), "mm_model_invoke: function index 3 is out of range (the "
                       "model has 3 functions)");
  EXPECT_EQ(mm_model_invoke(model, -1, symbols, inputs, outputs),
            MM_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(mm_model_invoke(model, 0, nullptr, inputs, outputs),
            MM_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(mm_model_invoke(model, 0, symbols, nullptr, outputs),
            MM_ERROR_INVALID_ARGUMENT);
  const void *nullInputs[] = {nullptr};
  EXPECT_EQ(mm_model_invoke(model, 0, symbols, nullInputs, outputs),
            MM_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(mm_model_invoke(nullptr, 0, symbols, inputs, outputs),
            MM_ERROR_INVALID_ARGUMENT);
  int64_t huge[] = {int64_t(1) << 62};
  EXPECT_EQ(mm_model_invoke(model, 0, huge, inputs, outputs),
            MM_ERROR_INVALID_ARGUMENT);

  std::vector<int32_t> ids = {0, 9};
  std::vector<float> x2(3), o0(4), o1(1);
  const void *embedInputs[] = {ids.data(), x2.data()};
  void *embedOutputs[] = {o0.data(), o1.data()};
  int64_t bt[] = {1, 2};
  EXPECT_EQ(mm_model_invoke(model, 1, bt, embedInputs, embedOutputs),
            MM_ERROR_OUT_OF_RANGE);
  EXPECT_EQ(message(), "embed: input 'ids' has value 9 at [0, 1], outside the "
                       "valid range [0, 4)");
}

TEST_F(ModelCall, ManyThreadsCallOneModel) {
  fake_recording = 0;
  std::vector<int> failures(4, 0);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&, t] {
      for (int i = 0; i < 500; ++i) {
        int64_t batch = 1 + (t + i) % 3;
        std::vector<float> x(static_cast<size_t>(batch) * 3,
                             static_cast<float>(t));
        mm_tensor in = tensor(MM_F32, {batch, 3}, x.data()), out = {};
        // Errors on other threads must not disturb this one's result.
        mm_tensor bad = tensor(MM_I32, {batch, 3}, x.data()), unused = {};
        if (mm_model_call(model, "forward", &bad, 1, &unused, 1) !=
            MM_ERROR_SHAPE)
          ++failures[t];
        if (mm_model_call(model, "forward", &in, 1, &out, 1) != MM_OK ||
            out.shape[0] != batch) {
          ++failures[t];
          continue;
        }
        const float *o = static_cast<const float *>(out.data);
        for (int64_t k = 0; k < batch * 3; ++k)
          if (o[k] != static_cast<float>(t) * kW[k % 3])
            ++failures[t];
        std::free(out.data);
      }
    });
  for (std::thread &t : threads)
    t.join();
  fake_recording = 1;
  EXPECT_EQ(failures, std::vector<int>(4, 0));
}

TEST_F(ModelCall, InvalidReflectionTableIsInternalError) {
  // Same weights, but forward's output names symbol 5 of a 1-symbol function.
  static const int64_t badDims[] = {-6, 3};
  mm_library_desc library = *fake_library();
  mm_fn_desc fns[3] = {library.fns[0], library.fns[1], library.fns[2]};
  mm_arg_desc out = fns[0].outputs[0];
  out.dims = badDims;
  fns[0].outputs = &out;
  library.fns = fns;
  mm_model *m = nullptr;
  ASSERT_EQ(mm_model_open(&library, dir.file("fake.mmw").c_str(), &m), MM_OK)
      << message();
  std::vector<float> x(3);
  mm_tensor in = tensor(MM_F32, {1, 3}, x.data()), o = {};
  EXPECT_EQ(mm_model_call(m, "forward", &in, 1, &o, 1), MM_ERROR_INTERNAL);
  EXPECT_EQ(message(), "library: function 'forward' has an invalid signature "
                       "in the reflection table");
  mm_model_close(m);
}

} // namespace
