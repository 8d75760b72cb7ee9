//===- WeightsFileTest.cpp - .mmw writer, loader and hostile files --------===//

#include "FakeModel.h"
#include "TestUtil.h"
#include "WeightsWriter.h"
#include "mmw_generated.h"

#include <random>

using mmtest::TempDir;

namespace {

const std::vector<float> kW = {2.0f, 3.0f, 4.0f};
const std::vector<float> kEmb = {0.0f, 0.5f, 1.0f, 1.5f, 2.0f, 2.5f, 3.0f, 3.5f};
const std::vector<int64_t> kCount = {7};

std::vector<mm::WeightBlob> fakeBlobs() {
  return {
      {"w", MM_F32, {3}, kW.data(), kW.size() * sizeof(float)},
      {"emb.weight", MM_F32, {4, 2}, kEmb.data(), kEmb.size() * sizeof(float)},
      {"count", MM_I64, {}, kCount.data(), sizeof(int64_t)},
  };
}

uint64_t fakeHash() { return fake_library()->manifest_hash; }

std::vector<uint8_t> goodFile() {
  std::vector<uint8_t> bytes;
  std::string error;
  EXPECT_TRUE(mm::buildWeightsBuffer("fake", fakeHash(), fakeBlobs(), bytes,
                                     error))
      << error;
  return bytes;
}

/// A tensor for buildRaw, which writes what the writer refuses to.
struct RawTensor {
  std::string name;
  int8_t dtype;
  std::vector<int64_t> shape;
  std::vector<uint8_t> data;
  /// Bytes by which the data is moved off the 64-byte boundary.
  size_t misalign = 0;
};

std::vector<uint8_t> buildRaw(const std::string &model, uint32_t version,
                              uint64_t hash,
                              const std::vector<RawTensor> &tensors,
                              const char *identifier = "MMW1") {
  flatbuffers::FlatBufferBuilder b;
  std::vector<flatbuffers::Offset<mm::mmw::Tensor>> offsets;
  for (const RawTensor &t : tensors) {
    auto name = b.CreateString(t.name);
    auto shape = b.CreateVector(t.shape);
    b.ForceVectorAlignment(t.data.size() + t.misalign, 1, 64);
    auto data = b.CreateVector(t.data);
    offsets.push_back(mm::mmw::CreateTensor(
        b, name, static_cast<mm::mmw::DType>(t.dtype), shape, data));
  }
  auto m = b.CreateString(model);
  auto v = b.CreateVector(offsets);
  b.Finish(mm::mmw::CreateWeights(b, version, m, hash, v), identifier);
  return std::vector<uint8_t>(b.GetBufferPointer(),
                              b.GetBufferPointer() + b.GetSize());
}

std::vector<RawTensor> fakeRaw() {
  return {{"w", MM_F32, {3}, mmtest::bytesOf(kW)},
          {"emb.weight", MM_F32, {4, 2}, mmtest::bytesOf(kEmb)},
          {"count", MM_I64, {}, mmtest::bytesOf(kCount)}};
}

class WeightsFile : public ::testing::Test {
protected:
  TempDir dir;

  /// Opens `bytes` as a weights file of the fake model.
  mm_status open(const std::vector<uint8_t> &bytes, mm_model **model,
                 const std::string &name = "w.mmw") {
    std::string path = dir.file(name);
    mmtest::writeBytes(path, bytes);
    return mm_model_open(fake_library(), path.c_str(), model);
  }

  /// Opens `bytes`, expects `status` and returns the message.
  std::string openError(const std::vector<uint8_t> &bytes, mm_status status) {
    mm_model *model = reinterpret_cast<mm_model *>(0x1);
    EXPECT_EQ(open(bytes, &model), status) << mm_last_error_message();
    EXPECT_EQ(model, nullptr);
    mm_model_close(model);
    return mm_last_error_message();
  }

  std::string path() const { return dir.file("w.mmw"); }
};

/// Runs `forward` on x = [1, 1, 1] and returns the result (== w).
std::vector<float> runForward(mm_model *model) {
  std::vector<float> x = {1.0f, 1.0f, 1.0f}, out(3, -1.0f);
  int64_t symbols[] = {1};
  const void *inputs[] = {x.data()};
  void *outputs[] = {out.data()};
  EXPECT_EQ(mm_model_invoke(model, 0, symbols, inputs, outputs), MM_OK)
      << mm_last_error_message();
  return out;
}

TEST_F(WeightsFile, WriterOutputIsAlignedAndVerifiable) {
  std::vector<uint8_t> bytes = goodFile();
  EXPECT_EQ(bytes.size() % 64, 0u);
  flatbuffers::Verifier verifier(bytes.data(), bytes.size());
  ASSERT_TRUE(mm::mmw::VerifyWeightsBuffer(verifier));
  const mm::mmw::Weights *w = mm::mmw::GetWeights(bytes.data());
  EXPECT_EQ(w->version(), 1u);
  EXPECT_EQ(w->model()->str(), "fake");
  EXPECT_EQ(w->manifest_hash(), fakeHash());
  ASSERT_EQ(w->tensors()->size(), 3u);
  for (const mm::mmw::Tensor *t : *w->tensors()) {
    size_t offset = static_cast<size_t>(t->data()->data() - bytes.data());
    EXPECT_EQ(offset % 64, 0u) << t->name()->str();
  }
}

TEST_F(WeightsFile, RoundTrip) {
  std::string error;
  ASSERT_TRUE(mm::writeWeightsFile(path(), "fake", fakeHash(), fakeBlobs(),
                                   error))
      << error;
  mm_model *model = nullptr;
  ASSERT_EQ(mm_model_open(fake_library(), path().c_str(), &model), MM_OK)
      << mm_last_error_message();
  ASSERT_NE(model, nullptr);
  EXPECT_EQ(mm_model_library(model), fake_library());
  EXPECT_EQ(runForward(model), kW);
  // The weights are used in place, in manifest order, 64-byte aligned.
  for (int i = 0; i < 3; ++i)
    EXPECT_EQ(reinterpret_cast<uintptr_t>(fake_last_weights[i]) % 64, 0u);
  EXPECT_EQ(std::memcmp(fake_last_weights[0], kW.data(), 12), 0);
  EXPECT_EQ(std::memcmp(fake_last_weights[1], kEmb.data(), 32), 0);
  EXPECT_EQ(*static_cast<const int64_t *>(fake_last_weights[2]), 7);
  mm_model_close(model);
  mm_model_close(nullptr);
}

TEST_F(WeightsFile, TensorOrderInTheFileDoesNotMatter) {
  std::vector<mm::WeightBlob> blobs = fakeBlobs();
  std::swap(blobs[0], blobs[2]);
  std::string error;
  ASSERT_TRUE(mm::writeWeightsFile(path(), "fake", fakeHash(), blobs, error));
  mm_model *model = nullptr;
  ASSERT_EQ(mm_model_open(fake_library(), path().c_str(), &model), MM_OK)
      << mm_last_error_message();
  EXPECT_EQ(runForward(model), kW);
  EXPECT_EQ(*static_cast<const int64_t *>(fake_last_weights[2]), 7);
  mm_model_close(model);
}

TEST_F(WeightsFile, IoErrors) {
  mm_model *model = nullptr;
  EXPECT_EQ(mm_model_open(fake_library(), dir.file("absent.mmw").c_str(),
                          &model),
            MM_ERROR_IO);
  EXPECT_NE(std::string(mm_last_error_message()).find("cannot open"),
            std::string::npos);
  EXPECT_EQ(mm_model_open(fake_library(), dir.path.c_str(), &model),
            MM_ERROR_IO);
  EXPECT_EQ(openError({}, MM_ERROR_CORRUPT),
            "weights file '" + path() + "' is empty");
  EXPECT_EQ(mm_model_open(fake_library(), nullptr, &model),
            MM_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(mm_model_open(fake_library(), "x", nullptr),
            MM_ERROR_INVALID_ARGUMENT);
}

TEST_F(WeightsFile, WrongIdentifier) {
  std::vector<uint8_t> bytes = goodFile();
  std::memcpy(bytes.data() + 4, "TFL3", 4);
  EXPECT_EQ(openError(bytes, MM_ERROR_CORRUPT),
            "weights file '" + path() +
                "' is not a .mmw file (identifier 'TFL3', expected 'MMW1')");
  EXPECT_EQ(openError(std::vector<uint8_t>(3, 'x'), MM_ERROR_CORRUPT),
            "weights file '" + path() + "' is not a .mmw file (only 3 bytes)");
}

TEST_F(WeightsFile, WrongVersion) {
  EXPECT_EQ(openError(buildRaw("fake", 2, fakeHash(), fakeRaw()),
                      MM_ERROR_CORRUPT),
            "weights file '" + path() +
                "' has schema version 2, this runtime reads version 1");
}

TEST_F(WeightsFile, WrongModel) {
  std::vector<uint8_t> bytes;
  std::string error;
  std::vector<mm::WeightBlob> blobs = fakeBlobs();
  blobs.resize(1);
  blobs[0].name = "encoder.weight";
  ASSERT_TRUE(mm::buildWeightsBuffer("emotion", 1234, blobs, bytes, error));
  std::string message = openError(bytes, MM_ERROR_MISMATCH);
  EXPECT_EQ(message.rfind("weights file '" + path() +
                              "' is for model 'emotion', this library is "
                              "model 'fake' (",
                          0),
            0u)
      << message;
  EXPECT_NE(message.find("tensor 'encoder.weight' is not a weight of model "
                         "'fake'"),
            std::string::npos)
      << message;
  EXPECT_NE(message.find("tensor 'w' (f32 [3]) is missing"), std::string::npos)
      << message;
}

TEST_F(WeightsFile, MissingTensor) {
  std::vector<RawTensor> tensors = fakeRaw();
  tensors.pop_back();
  EXPECT_EQ(openError(buildRaw("fake", 1, fakeHash(), tensors),
                      MM_ERROR_MISMATCH),
            "weights file '" + path() + "': tensor 'count' (i64 []) is missing");
}

TEST_F(WeightsFile, ExtraTensor) {
  std::vector<RawTensor> tensors = fakeRaw();
  tensors.push_back({"lstm.bias", MM_F32, {2}, std::vector<uint8_t>(8, 0)});
  EXPECT_EQ(openError(buildRaw("fake", 1, fakeHash(), tensors),
                      MM_ERROR_MISMATCH),
            "weights file '" + path() +
                "': tensor 'lstm.bias' is not a weight of model 'fake'");
  // Eight problems are spelled out, the rest counted.
  for (int i = 0; i < 11; ++i)
    tensors.push_back({"extra" + std::to_string(i), MM_U8, {1}, {0}});
  std::string message = openError(buildRaw("fake", 1, fakeHash(), tensors),
                                  MM_ERROR_MISMATCH);
  EXPECT_NE(message.find("tensor 'extra6' is not"), std::string::npos);
  EXPECT_EQ(message.find("tensor 'extra7' is not"), std::string::npos);
  EXPECT_EQ(message.substr(message.size() - 21), "; and 4 more problems")
      << message;
}

TEST_F(WeightsFile, DuplicateTensor) {
  std::vector<RawTensor> tensors = fakeRaw();
  tensors.push_back(tensors[0]);
  EXPECT_EQ(openError(buildRaw("fake", 1, fakeHash(), tensors),
                      MM_ERROR_MISMATCH),
            "weights file '" + path() + "': tensor 'w' appears more than once");
}

TEST_F(WeightsFile, MisShapedTensor) {
  std::vector<RawTensor> tensors = fakeRaw();
  tensors[1].shape = {4, 3};
  tensors[1].data.resize(48);
  EXPECT_EQ(openError(buildRaw("fake", 1, fakeHash(), tensors),
                      MM_ERROR_MISMATCH),
            "weights file '" + path() +
                "': tensor 'emb.weight' has shape [4, 3], the model expects "
                "[4, 2]");
  tensors = fakeRaw();
  tensors[2].shape = {1};
  EXPECT_EQ(openError(buildRaw("fake", 1, fakeHash(), tensors),
                      MM_ERROR_MISMATCH),
            "weights file '" + path() +
                "': tensor 'count' has shape [1], the model expects []");
}

TEST_F(WeightsFile, WrongDType) {
  std::vector<RawTensor> tensors = fakeRaw();
  tensors[0].dtype = MM_I32;
  EXPECT_EQ(openError(buildRaw("fake", 1, fakeHash(), tensors),
                      MM_ERROR_MISMATCH),
            "weights file '" + path() +
                "': tensor 'w' has dtype i32, the model expects f32");
  tensors[0].dtype = 9;
  EXPECT_EQ(openError(buildRaw("fake", 1, fakeHash(), tensors),
                      MM_ERROR_MISMATCH),
            "weights file '" + path() +
                "': tensor 'w' has dtype <unknown dtype 9>, the model expects "
                "f32");
}

TEST_F(WeightsFile, WrongByteSize) {
  std::vector<RawTensor> tensors = fakeRaw();
  tensors[1].data.resize(31);
  EXPECT_EQ(openError(buildRaw("fake", 1, fakeHash(), tensors),
                      MM_ERROR_MISMATCH),
            "weights file '" + path() +
                "': tensor 'emb.weight' has 31 bytes of data, f32 [4, 2] needs "
                "32");
}

TEST_F(WeightsFile, MisalignedData) {
  std::vector<RawTensor> tensors = fakeRaw();
  tensors[0].misalign = 4;
  std::string message = openError(buildRaw("fake", 1, fakeHash(), tensors),
                                  MM_ERROR_MISMATCH);
  EXPECT_EQ(message.rfind("weights file '" + path() +
                              "': tensor 'w' has its data at file offset ",
                          0),
            0u)
      << message;
  EXPECT_NE(message.find(", which is not 64-byte aligned"), std::string::npos);
}

TEST_F(WeightsFile, MisalignedShapeIsCorrupt) {
  // The FlatBuffers verifier only checks vectors to 4 bytes; a [long]
  // shape at 4 mod 8 must be refused before it is read as int64.
  flatbuffers::FlatBufferBuilder b;
  auto name = b.CreateString("w");
  std::vector<uint8_t> bytes = mmtest::bytesOf(kW);
  b.ForceVectorAlignment(bytes.size(), 1, 64);
  auto data = b.CreateVector(bytes);
  b.Align(4);
  if (b.GetSize() % 8 == 0)
    b.PushElement<uint32_t>(0);
  // Shape [3, 0] spelled as uint32 words. The vector's length field starts
  // GetSize() bytes before the end, its data 4 bytes later; the buffer is a
  // multiple of 8 long, so GetSize() == 0 mod 8 puts the data at 4 mod 8.
  auto words = b.CreateVector(std::vector<uint32_t>{3, 0, 0, 0});
  ASSERT_EQ(b.GetSize() % 8, 0u);
  flatbuffers::Offset<flatbuffers::Vector<int64_t>> shape(words.o);
  auto tensor = mm::mmw::CreateTensor(b, name, mm::mmw::DType_F32, shape, data);
  auto model = b.CreateString("fake");
  auto tensors = b.CreateVector(
      std::vector<flatbuffers::Offset<mm::mmw::Tensor>>{tensor});
  mm::mmw::FinishWeightsBuffer(
      b, mm::mmw::CreateWeights(b, 1, model, fakeHash(), tensors));
  std::vector<uint8_t> file(b.GetBufferPointer(),
                            b.GetBufferPointer() + b.GetSize());
  EXPECT_EQ(openError(file, MM_ERROR_CORRUPT),
            "weights file '" + path() +
                "' is corrupt (the shape of tensor 'w' is misaligned)");
}

TEST_F(WeightsFile, SeveralProblemsAreAllNamed) {
  std::vector<RawTensor> tensors = fakeRaw();
  tensors[0].shape = {4};
  tensors[0].data.resize(16);
  tensors.erase(tensors.begin() + 1);
  EXPECT_EQ(openError(buildRaw("fake", 1, fakeHash(), tensors),
                      MM_ERROR_MISMATCH),
            "weights file '" + path() +
                "': tensor 'w' has shape [4], the model expects [3]; tensor "
                "'emb.weight' (f32 [4, 2]) is missing");
}

TEST_F(WeightsFile, ManifestHashMismatch) {
  std::string message =
      openError(buildRaw("fake", 1, fakeHash() ^ 1, fakeRaw()),
                MM_ERROR_MISMATCH);
  EXPECT_NE(message.find("has manifest hash"), std::string::npos) << message;
}

TEST_F(WeightsFile, HostileNamesAreEscaped) {
  std::vector<RawTensor> tensors = fakeRaw();
  tensors.push_back({std::string("evil\n\x1b[2J", 9), MM_F32, {}, {0, 0, 0, 0}});
  std::string message = openError(buildRaw("fake", 1, fakeHash(), tensors),
                                  MM_ERROR_MISMATCH);
  EXPECT_NE(message.find("tensor 'evil\\x0a\\x1b[2J'"), std::string::npos)
      << message;
  EXPECT_EQ(message.find('\n'), std::string::npos);
}

TEST_F(WeightsFile, LibraryMustMatchTheRuntime) {
  std::string error;
  ASSERT_TRUE(mm::writeWeightsFile(path(), "fake", fakeHash(), fakeBlobs(),
                                   error));
  mm_library_desc library = *fake_library();
  library.abi_version = 99;
  mm_model *model = nullptr;
  EXPECT_EQ(mm_model_open(&library, path().c_str(), &model),
            MM_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(std::string(mm_last_error_message()),
            "library has ABI version 99, this runtime has ABI version " +
                std::to_string(MM_ABI_VERSION));
  library = *fake_library();
  library.manifest_hash ^= 1;
  EXPECT_EQ(mm_model_open(&library, path().c_str(), &model),
            MM_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(model, nullptr);
}

TEST_F(WeightsFile, TruncatedAtEveryLength) {
  std::vector<uint8_t> bytes = goodFile();
  ASSERT_GT(bytes.size(), 300u);
  for (size_t n = 0; n < bytes.size(); ++n) {
    std::vector<uint8_t> prefix(bytes.begin(), bytes.begin() + n);
    mm_model *model = nullptr;
    mm_status status = open(prefix, &model);
    if (status == MM_OK) {
      // The builder pads the end of the buffer (the first string it wrote)
      // to 4 bytes; cutting only that padding loses nothing the verifier or
      // the model reads.
      EXPECT_GE(n, bytes.size() - 3) << "length " << n;
      EXPECT_EQ(runForward(model), kW);
      mm_model_close(model);
      continue;
    }
    EXPECT_EQ(status, MM_ERROR_CORRUPT) << "length " << n;
    EXPECT_EQ(model, nullptr);
    EXPECT_NE(std::string(mm_last_error_message()), "");
  }
}

TEST_F(WeightsFile, LargerFileTruncatedAtSampledLengths) {
  // A model with one 40000-byte weight, cut every 97 bytes through the data
  // and at every byte of its last 256.
  static const int64_t shape[] = {100, 100};
  static const mm_weight_desc weights[] = {{"big", MM_F32, 2, shape}};
  mm_library_desc library = {MM_ABI_VERSION, "big", 0, 1, weights, 0, nullptr};
  library.manifest_hash = mm_manifest_hash(weights, 1);
  std::vector<float> values(10000);
  for (size_t i = 0; i < values.size(); ++i)
    values[i] = static_cast<float>(i);
  std::vector<uint8_t> bytes;
  std::string error;
  ASSERT_TRUE(mm::buildWeightsBuffer(
      "big", library.manifest_hash,
      {{"big", MM_F32, {100, 100}, values.data(), 40000}}, bytes, error));
  std::vector<size_t> lengths;
  for (size_t n = 0; n < bytes.size() - 256; n += 97)
    lengths.push_back(n);
  for (size_t n = bytes.size() - 256; n < bytes.size(); ++n)
    lengths.push_back(n);
  for (size_t n : lengths) {
    mmtest::writeBytes(path(), bytes.data(), n);
    mm_model *model = nullptr;
    mm_status status = mm_model_open(&library, path().c_str(), &model);
    if (status == MM_OK) {
      EXPECT_GE(n, bytes.size() - 3) << "length " << n;
      mm_model_close(model);
      continue;
    }
    EXPECT_EQ(status, MM_ERROR_CORRUPT) << "length " << n;
  }
  mmtest::writeBytes(path(), bytes);
  mm_model *model = nullptr;
  ASSERT_EQ(mm_model_open(&library, path().c_str(), &model), MM_OK)
      << mm_last_error_message();
  mm_model_close(model);
}

TEST_F(WeightsFile, GrownFilesStillOpen) {
  // Bytes appended after the buffer are ignored (the verifier only follows
  // offsets), so a file with trailing garbage opens with the right tensors.
  std::vector<uint8_t> bytes = goodFile();
  bytes.resize(bytes.size() + 100, 0xab);
  mm_model *model = nullptr;
  ASSERT_EQ(open(bytes, &model), MM_OK) << mm_last_error_message();
  EXPECT_EQ(runForward(model), kW);
  mm_model_close(model);
}

TEST_F(WeightsFile, RandomByteFlipsNeverCrash) {
  const std::vector<uint8_t> good = goodFile();
  std::mt19937 rng(20261107);
  std::uniform_int_distribution<size_t> position(0, good.size() - 1);
  std::uniform_int_distribution<int> value(1, 255), count(1, 4);
  int opened = 0, failed = 0;
  for (int mutant = 0; mutant < 3000; ++mutant) {
    std::vector<uint8_t> bytes = good;
    for (int k = count(rng); k > 0; --k)
      bytes[position(rng)] ^= static_cast<uint8_t>(value(rng));
    mm_model *model = nullptr;
    mm_status status = open(bytes, &model);
    if (status == MM_OK) {
      ++opened;
      ASSERT_NE(model, nullptr);
      // Only weight values may have changed: run both functions, which read
      // every weight (ASan / valgrind runs check the reads stay inside).
      runForward(model);
      std::vector<int32_t> ids = {0, 1, 2, 3};
      std::vector<float> x = {1, 2, 3}, out0(8), out1(1);
      int64_t symbols[] = {1, 4};
      const void *inputs[] = {ids.data(), x.data()};
      void *outputs[] = {out0.data(), out1.data()};
      EXPECT_EQ(mm_model_invoke(model, 1, symbols, inputs, outputs), MM_OK);
      for (int i = 0; i < 3; ++i)
        EXPECT_EQ(reinterpret_cast<uintptr_t>(fake_last_weights[i]) % 64, 0u);
      mm_model_close(model);
    } else {
      ++failed;
      EXPECT_TRUE(status == MM_ERROR_CORRUPT || status == MM_ERROR_MISMATCH)
          << mm_status_name(status) << ": " << mm_last_error_message();
      EXPECT_EQ(model, nullptr);
      EXPECT_NE(std::string(mm_last_error_message()), "");
    }
  }
  // Flips in tensor data keep the file valid; flips in offsets do not.
  EXPECT_GT(opened, 100);
  EXPECT_GT(failed, 100);
}

TEST(WeightsWriter, RejectsInvalidTensors) {
  std::vector<uint8_t> bytes;
  std::string error;
  std::vector<mm::WeightBlob> blobs = fakeBlobs();
  blobs[1].numBytes = 31;
  EXPECT_FALSE(mm::buildWeightsBuffer("fake", 0, blobs, bytes, error));
  EXPECT_EQ(error,
            "tensor 'emb.weight' has 31 bytes of data, its shape needs 32");

  blobs = fakeBlobs();
  blobs.push_back(blobs[0]);
  EXPECT_FALSE(mm::buildWeightsBuffer("fake", 0, blobs, bytes, error));
  EXPECT_EQ(error, "tensor 'w' appears more than once");

  blobs = fakeBlobs();
  blobs[0].shape = {-3};
  EXPECT_FALSE(mm::buildWeightsBuffer("fake", 0, blobs, bytes, error));
  EXPECT_EQ(error, "tensor 'w' has a negative dimension");

  blobs = fakeBlobs();
  blobs[0].dtype = static_cast<mm_dtype>(12);
  EXPECT_FALSE(mm::buildWeightsBuffer("fake", 0, blobs, bytes, error));
  EXPECT_EQ(error, "tensor 'w' has unknown dtype 12");

  blobs = fakeBlobs();
  blobs[0].name.clear();
  EXPECT_FALSE(mm::buildWeightsBuffer("fake", 0, blobs, bytes, error));

  blobs = fakeBlobs();
  blobs[0].data = nullptr;
  EXPECT_FALSE(mm::buildWeightsBuffer("fake", 0, blobs, bytes, error));
  EXPECT_EQ(error, "tensor 'w' has no data");

  blobs = fakeBlobs();
  blobs[0].shape = {int64_t(1) << 40, int64_t(1) << 40};
  EXPECT_FALSE(mm::buildWeightsBuffer("fake", 0, blobs, bytes, error));

  EXPECT_FALSE(mm::buildWeightsBuffer("", 0, fakeBlobs(), bytes, error));
  EXPECT_EQ(error, "the model name is empty");

  EXPECT_FALSE(mm::writeWeightsFile("/nonexistent-dir/w.mmw", "fake", 0,
                                    fakeBlobs(), error));
  EXPECT_NE(error.find("cannot write '/nonexistent-dir/w.mmw'"),
            std::string::npos);
}

TEST(WeightsWriter, EmptyTensorsAndNoTensors) {
  std::vector<uint8_t> bytes;
  std::string error;
  std::vector<mm::WeightBlob> blobs = {{"empty", MM_F32, {0, 5}, nullptr, 0}};
  EXPECT_TRUE(mm::buildWeightsBuffer("m", 0, blobs, bytes, error)) << error;
  EXPECT_TRUE(mm::buildWeightsBuffer("m", 0, {}, bytes, error)) << error;
  flatbuffers::Verifier verifier(bytes.data(), bytes.size());
  EXPECT_TRUE(mm::mmw::VerifyWeightsBuffer(verifier));
}

} // namespace
