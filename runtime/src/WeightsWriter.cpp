//===- WeightsWriter.cpp - Writing .mmw weights files ---------------------===//
//
// FlatBuffers are built back to front, and ForceVectorAlignment aligns a
// vector relative to the END of the buffer; Finish() then pads the front so
// that the whole buffer is a multiple of the largest alignment used (64).
// Both together put every data vector at a multiple of 64 from the start.
// FlatBuffers 2.0.8 asserts alignments above FLATBUFFERS_MAX_ALIGNMENT (32
// by default), so CMake raises it to 64 for every user of the schema.
//
//===----------------------------------------------------------------------===//

#include "WeightsWriter.h"

#include "mmw_generated.h"

static_assert(FLATBUFFERS_MAX_ALIGNMENT >= 64,
              "build with -DFLATBUFFERS_MAX_ALIGNMENT=64 (see CMakeLists.txt)");

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <set>

#include <sys/stat.h>
#include <unistd.h>

namespace {

constexpr size_t kDataAlignment = 64;
constexpr uint32_t kSchemaVersion = 1;
/// FlatBuffers offsets are 32-bit signed: keep a margin for tables and
/// padding below FLATBUFFERS_MAX_BUFFER_SIZE.
constexpr uint64_t kMaxTotalBytes = FLATBUFFERS_MAX_BUFFER_SIZE - (64u << 20);

bool validate(const mm::WeightBlob &t, std::string &error) {
  if (t.name.empty()) {
    error = "a tensor has an empty name";
    return false;
  }
  std::string where = "tensor '" + t.name + "'";
  // Read as an int: C++ code can put any value in the field with a cast.
  int32_t dtype;
  std::memcpy(&dtype, &t.dtype, sizeof(dtype));
  size_t elemSize = dtype >= 0 && dtype <= 3
                        ? mm_dtype_size(static_cast<mm_dtype>(dtype))
                        : 0;
  if (elemSize == 0) {
    error = where + " has unknown dtype " + std::to_string(dtype);
    return false;
  }
  uint64_t n = 1;
  for (int64_t d : t.shape) {
    if (d < 0) {
      error = where + " has a negative dimension";
      return false;
    }
    if (__builtin_mul_overflow(n, static_cast<uint64_t>(d), &n)) {
      error = where + " has too many elements";
      return false;
    }
  }
  uint64_t numBytes = 0;
  bool overflow =
      __builtin_mul_overflow(n, static_cast<uint64_t>(elemSize), &numBytes);
  if (overflow || numBytes != t.numBytes) {
    error = where + " has " + std::to_string(t.numBytes) +
            " bytes of data, its shape needs " +
            (overflow ? std::string("more than 2^64") : std::to_string(numBytes));
    return false;
  }
  if (t.numBytes > 0 && !t.data) {
    error = where + " has no data";
    return false;
  }
  return true;
}

/// Builds the whole file in `builder`.
bool build(flatbuffers::FlatBufferBuilder &builder,
           const std::string &modelName, uint64_t manifestHash,
           const std::vector<mm::WeightBlob> &tensors, std::string &error) {
  using mm::WeightBlob;
  std::set<std::string> names;
  uint64_t total = modelName.size() + 1024;
  for (const WeightBlob &t : tensors) {
    if (!validate(t, error))
      return false;
    if (!names.insert(t.name).second) {
      error = "tensor '" + t.name + "' appears more than once";
      return false;
    }
    // Data, alignment padding, name, shape and table overhead.
    if (t.numBytes > kMaxTotalBytes) {
      error = "tensor '" + t.name + "' is too large for a .mmw file (limit "
              "2 GiB)";
      return false;
    }
    total += t.numBytes + kDataAlignment + t.name.size() +
             8 * t.shape.size() + 64;
    if (total > kMaxTotalBytes) {
      error = "the weights are too large for a .mmw file (limit 2 GiB)";
      return false;
    }
  }
  if (modelName.empty()) {
    error = "the model name is empty";
    return false;
  }

  builder.Clear();
  std::vector<flatbuffers::Offset<mm::mmw::Tensor>> offsets;
  offsets.reserve(tensors.size());
  for (const WeightBlob &t : tensors) {
    auto name = builder.CreateString(t.name);
    auto shape = builder.CreateVector(t.shape);
    builder.ForceVectorAlignment(t.numBytes, sizeof(uint8_t), kDataAlignment);
    auto data = builder.CreateVector(static_cast<const uint8_t *>(t.data),
                                     t.numBytes);
    offsets.push_back(mm::mmw::CreateTensor(
        builder, name, static_cast<mm::mmw::DType>(t.dtype), shape, data));
  }
  auto model = builder.CreateString(modelName);
  auto vector = builder.CreateVector(offsets);
  auto root = mm::mmw::CreateWeights(builder, kSchemaVersion, model,
                                     manifestHash, vector);
  mm::mmw::FinishWeightsBuffer(builder, root);
  return true;
}

} // namespace

bool mm::buildWeightsBuffer(const std::string &modelName,
                            uint64_t manifestHash,
                            const std::vector<WeightBlob> &tensors,
                            std::vector<uint8_t> &buffer, std::string &error) {
  flatbuffers::FlatBufferBuilder builder;
  if (!build(builder, modelName, manifestHash, tensors, error))
    return false;
  buffer.assign(builder.GetBufferPointer(),
                builder.GetBufferPointer() + builder.GetSize());
  return true;
}

bool mm::writeWeightsFile(const std::string &path,
                          const std::string &modelName, uint64_t manifestHash,
                          const std::vector<WeightBlob> &tensors,
                          std::string &error) {
  // Sized up front from the tensors so that building never reallocates.
  uint64_t initialSize = 1024;
  for (const WeightBlob &t : tensors) {
    if (t.numBytes > kMaxTotalBytes ||
        initialSize + t.numBytes + kDataAlignment > kMaxTotalBytes) {
      initialSize = 1024; // build() reports the size error
      break;
    }
    initialSize += t.numBytes + kDataAlignment;
  }
  flatbuffers::FlatBufferBuilder builder(static_cast<size_t>(initialSize));
  if (!build(builder, modelName, manifestHash, tensors, error))
    return false;
  const uint8_t *data = builder.GetBufferPointer();
  size_t size = builder.GetSize();

  // A regular file is replaced atomically (write a temporary, rename), so a
  // reader never maps half a file. Anything else (a pipe, /dev/stdout, a
  // device) is written in place: renaming over it would replace the device.
  struct stat st;
  bool inPlace = ::stat(path.c_str(), &st) == 0 && !S_ISREG(st.st_mode);
  std::string tmp = inPlace ? path : path + ".tmp" + std::to_string(getpid());
  FILE *f = std::fopen(tmp.c_str(), "wb");
  if (!f) {
    error = "cannot write '" + path + "': " + std::strerror(errno);
    return false;
  }
  bool ok = std::fwrite(data, 1, size, f) == size;
  int err = errno;
  if (std::fclose(f) != 0 && ok) {
    ok = false;
    err = errno;
  }
  if (ok && !inPlace && std::rename(tmp.c_str(), path.c_str()) != 0) {
    ok = false;
    err = errno;
  }
  if (!ok) {
    if (!inPlace)
      std::remove(tmp.c_str());
    error = "cannot write '" + path + "': " + std::strerror(err);
    return false;
  }
  return true;
}
