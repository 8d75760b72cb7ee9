//===- WeightsWriter.h - Writing .mmw weights files -------------*- C++ -*-===//
//
// Used by `mmc pack` and `mmc init`. The file it writes is exactly what
// mm_model_open accepts: schema runtime/schema/mmw.fbs, every tensor's data
// 64-byte aligned from the start of the file.
//
//===----------------------------------------------------------------------===//
#ifndef MM_RUNTIME_SRC_WEIGHTSWRITER_H
#define MM_RUNTIME_SRC_WEIGHTSWRITER_H

#include "mm/runtime.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace mm {

/// One tensor to write. `data` points to `numBytes` bytes of dense,
/// row-major, little-endian elements; it is only read during the call.
struct WeightBlob {
  std::string name;
  mm_dtype dtype = MM_F32;
  std::vector<int64_t> shape;
  const void *data = nullptr;
  size_t numBytes = 0;
};

/// Writes `tensors` (in the given order) as a .mmw file for model
/// `modelName` whose manifest hash is `manifestHash` (mm_manifest_hash of
/// the model's manifest). The file is written under a temporary name and
/// renamed, so `path` is either the complete new file or untouched. Returns
/// false and sets `error` (naming the tensor, if one is at fault) on an
/// invalid tensor (empty or duplicate name, unknown dtype, negative
/// dimension, numBytes != product(shape) * element size), a total size over
/// the format's 2 GiB limit, or an I/O error.
bool writeWeightsFile(const std::string &path, const std::string &modelName,
                      uint64_t manifestHash,
                      const std::vector<WeightBlob> &tensors,
                      std::string &error);

/// The bytes writeWeightsFile would write, for tests and in-memory use.
bool buildWeightsBuffer(const std::string &modelName, uint64_t manifestHash,
                        const std::vector<WeightBlob> &tensors,
                        std::vector<uint8_t> &buffer, std::string &error);

} // namespace mm

#endif // MM_RUNTIME_SRC_WEIGHTSWRITER_H
