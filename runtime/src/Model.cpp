//===- Model.cpp - Opening and verifying .mmw weights files ---------------===//
//
// mm_model_open maps the file read-only and never trusts a byte of it: the
// FlatBuffers verifier checks every offset against the real file size
// first, then each tensor is checked against the manifest compiled into the
// library, so that the compiled code can use the weights in place.
//
//===----------------------------------------------------------------------===//

#include "Allocator.h"
#include "RuntimeInternal.h"

#include "mmw_generated.h"

#include <cerrno>
#include <cinttypes>
#include <cstdio>
#include <cstring>
#include <new>
#include <unordered_map>

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace mm::detail;

namespace {

/// The schema version this runtime reads (Weights.version).
constexpr uint32_t kSchemaVersion = 1;
/// Tensor data must start at a multiple of this from the start of the file.
constexpr size_t kDataAlignment = 64;
/// Verifier limits: a valid file nests Weights -> [Tensor] -> vectors.
constexpr flatbuffers::uoffset_t kMaxDepth = 16;
constexpr flatbuffers::uoffset_t kMaxTables = 1u << 20;
/// At most this many per-tensor problems are spelled out in one message.
constexpr size_t kMaxReportedProblems = 8;
/// Longest shape printed from a file before "...".
constexpr size_t kMaxPrintedRank = 16;

/// The first kMaxReportedProblems problems found, and how many in all: a
/// hostile file can hold a million wrong tensors.
class Problems {
public:
  void add(std::string problem) {
    if (first.size() < kMaxReportedProblems)
      first.push_back(std::move(problem));
    ++total;
  }
  bool empty() const { return total == 0; }
  std::string join() const {
    std::string s;
    for (size_t i = 0; i < first.size(); ++i)
      s += (i ? "; " : "") + first[i];
    if (total > first.size())
      s += "; and " + std::to_string(total - first.size()) + " more problems";
    return s;
  }

private:
  std::vector<std::string> first;
  size_t total = 0;
};

std::string quoted(const std::string &s) { return "'" + sanitize(s) + "'"; }

std::string formatFileShape(const flatbuffers::Vector<int64_t> *shape) {
  if (!shape)
    return "[]";
  std::string s = "[";
  for (flatbuffers::uoffset_t i = 0; i < shape->size(); ++i) {
    if (i)
      s += ", ";
    if (i == kMaxPrintedRank) {
      s += "... (rank " + std::to_string(shape->size()) + ")";
      break;
    }
    s += std::to_string(shape->Get(i));
  }
  return s + "]";
}

std::string describeDType(int64_t dtype) {
  if (isValidDType(dtype))
    return dtypeName(dtype);
  return "<unknown dtype " + std::to_string(dtype) + ">";
}

/// Checks that the reflection table itself is well formed, since the
/// loader indexes and hashes it.
mm_status validateLibrary(const mm_library_desc *library,
                          std::unordered_map<std::string, int32_t> &byName) {
  if (library->abi_version != MM_ABI_VERSION)
    return fail(MM_ERROR_INVALID_ARGUMENT,
                "library has ABI version " +
                    std::to_string(library->abi_version) +
                    ", this runtime has ABI version " +
                    std::to_string(MM_ABI_VERSION));
  if (!library->model_name)
    return fail(MM_ERROR_INVALID_ARGUMENT, "library has no model name");
  if (library->num_weights < 0 ||
      (library->num_weights > 0 && !library->weights))
    return fail(MM_ERROR_INVALID_ARGUMENT,
                "library has an invalid weight manifest");
  for (int32_t i = 0; i < library->num_weights; ++i) {
    const mm_weight_desc &w = library->weights[i];
    int64_t numElements = 0;
    if (!w.name || !isValidDType(rawEnum(w.dtype)) || w.rank < 0 ||
        (w.rank > 0 && !w.shape) ||
        !checkedNumElements(w.shape, static_cast<size_t>(w.rank),
                            numElements) ||
        !checkedMul(numElements,
                    static_cast<int64_t>(mm_dtype_size(w.dtype)),
                    numElements))
      return fail(MM_ERROR_INVALID_ARGUMENT,
                  "library manifest entry " + std::to_string(i) +
                      " is invalid");
    if (!byName.emplace(w.name, i).second)
      return fail(MM_ERROR_INVALID_ARGUMENT,
                  "library manifest names weight '" + sanitize(w.name,
                      std::strlen(w.name)) + "' twice");
  }
  if (mm_manifest_hash(library->weights, library->num_weights) !=
      library->manifest_hash)
    return fail(MM_ERROR_INVALID_ARGUMENT,
                "library's manifest_hash does not match its weight manifest");
  return MM_OK;
}

/// Checks every tensor of the file against the manifest, fills
/// `weightPtrs` and adds each problem to `problems`.
void matchTensors(const mm_library_desc *library,
                  const std::unordered_map<std::string, int32_t> &byName,
                  const mm::mmw::Weights *weights, const uint8_t *base,
                  std::vector<void *> &weightPtrs, Problems &problems) {
  const int32_t numWeights = library->num_weights;
  weightPtrs.assign(static_cast<size_t>(numWeights), nullptr);
  std::vector<bool> seen(static_cast<size_t>(numWeights), false);
  std::string modelName = sanitize(library->model_name,
                                   std::strlen(library->model_name));

  for (const mm::mmw::Tensor *t : *weights->tensors()) {
    // The verifier guarantees non-null entries and the required name.
    std::string name = t->name()->str();
    auto it = byName.find(name);
    if (it == byName.end()) {
      problems.add("tensor " + quoted(name) +
                         " is not a weight of model '" + modelName + "'");
      continue;
    }
    int32_t index = it->second;
    const mm_weight_desc &w = library->weights[index];
    if (seen[index]) {
      problems.add("tensor " + quoted(name) + " appears more than once");
      continue;
    }
    seen[index] = true;

    int64_t dtype = static_cast<int64_t>(t->dtype());
    if (dtype != static_cast<int64_t>(w.dtype)) {
      problems.add("tensor " + quoted(name) + " has dtype " +
                         describeDType(dtype) + ", the model expects " +
                         mm_dtype_name(w.dtype));
      continue;
    }

    const flatbuffers::Vector<int64_t> *shape = t->shape();
    size_t fileRank = shape ? shape->size() : 0;
    bool sameShape = fileRank == static_cast<size_t>(w.rank);
    for (size_t d = 0; sameShape && d < fileRank; ++d)
      sameShape = shape->Get(static_cast<flatbuffers::uoffset_t>(d)) ==
                  w.shape[d];
    if (!sameShape) {
      problems.add("tensor " + quoted(name) + " has shape " +
                         formatFileShape(shape) + ", the model expects " +
                         formatShape(w.shape, static_cast<size_t>(w.rank)));
      continue;
    }

    // Cannot overflow: validateLibrary computed it already.
    int64_t numBytes = 0;
    checkedNumElements(w.shape, static_cast<size_t>(w.rank), numBytes);
    numBytes *= static_cast<int64_t>(mm_dtype_size(w.dtype));
    const flatbuffers::Vector<uint8_t> *data = t->data();
    uint64_t fileBytes = data ? data->size() : 0;
    if (fileBytes != static_cast<uint64_t>(numBytes)) {
      problems.add("tensor " + quoted(name) + " has " +
                         std::to_string(fileBytes) + " bytes of data, " +
                         mm_dtype_name(w.dtype) + " " +
                         formatShape(w.shape, static_cast<size_t>(w.rank)) +
                         " needs " + std::to_string(numBytes));
      continue;
    }
    if (numBytes == 0) {
      // Nothing is ever read through it; any non-null pointer will do.
      weightPtrs[index] = const_cast<uint8_t *>(base);
      continue;
    }
    size_t offset = static_cast<size_t>(data->data() - base);
    if (offset % kDataAlignment != 0) {
      problems.add("tensor " + quoted(name) +
                         " has its data at file offset " +
                         std::to_string(offset) + ", which is not " +
                         std::to_string(kDataAlignment) + "-byte aligned");
      continue;
    }
    weightPtrs[index] = const_cast<uint8_t *>(data->data());
  }

  for (int32_t i = 0; i < numWeights; ++i) {
    if (seen[i])
      continue;
    const mm_weight_desc &w = library->weights[i];
    problems.add("tensor '" + sanitize(w.name, std::strlen(w.name)) +
                       "' (" + mm_dtype_name(w.dtype) + " " +
                       formatShape(w.shape, static_cast<size_t>(w.rank)) +
                       ") is missing");
  }
}

std::string hex64(uint64_t value) {
  char buf[32];
  std::snprintf(buf, sizeof(buf), "0x%016" PRIx64, value);
  return buf;
}

void unmap(mm_model *model) {
  if (model->mapping)
    munmap(model->mapping, model->mappingSize);
  model->mapping = nullptr;
}

/// Maps `path` into `model`.
mm_status mapFile(const char *path, const std::string &file, mm_model *model) {
  int fd = open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    return fail(MM_ERROR_IO, "cannot open weights file " + file + ": " +
                                 std::strerror(errno));
  struct stat st;
  if (fstat(fd, &st) != 0) {
    int err = errno;
    close(fd);
    return fail(MM_ERROR_IO,
                "cannot stat weights file " + file + ": " + std::strerror(err));
  }
  if (!S_ISREG(st.st_mode)) {
    close(fd);
    return fail(MM_ERROR_IO, "weights file " + file + " is not a regular file");
  }
  if (st.st_size == 0) {
    close(fd);
    return fail(MM_ERROR_CORRUPT, "weights file " + file + " is empty");
  }
  if (static_cast<uint64_t>(st.st_size) >= FLATBUFFERS_MAX_BUFFER_SIZE) {
    close(fd);
    return fail(MM_ERROR_CORRUPT,
                "weights file " + file + " is too large (" +
                    std::to_string(st.st_size) +
                    " bytes; a .mmw file is smaller than 2 GiB)");
  }
  size_t size = static_cast<size_t>(st.st_size);
  void *mapping = mmap(nullptr, size, PROT_READ, MAP_PRIVATE, fd, 0);
  int err = errno;
  close(fd);
  if (mapping == MAP_FAILED)
    return fail(err == ENOMEM ? MM_ERROR_OUT_OF_MEMORY : MM_ERROR_IO,
                "cannot map weights file " + file + ": " + std::strerror(err));
  model->mapping = mapping;
  model->mappingSize = size;
  return MM_OK;
}

mm_status openModel(const mm_library_desc *library, const char *path,
                    mm_model *model) {
  std::unordered_map<std::string, int32_t> byName;
  if (mm_status status = validateLibrary(library, byName))
    return status;
  model->library = library;

  std::string file = "'" + sanitize(path, std::strlen(path), 1000) + "'";
  if (mm_status status = mapFile(path, file, model))
    return status;
  const uint8_t *base = static_cast<const uint8_t *>(model->mapping);
  size_t size = model->mappingSize;

  if (size < 2 * sizeof(flatbuffers::uoffset_t))
    return fail(MM_ERROR_CORRUPT, "weights file " + file +
                                      " is not a .mmw file (only " +
                                      std::to_string(size) + " bytes)");
  if (!mm::mmw::WeightsBufferHasIdentifier(base))
    return fail(MM_ERROR_CORRUPT,
                "weights file " + file + " is not a .mmw file (identifier '" +
                    sanitize(reinterpret_cast<const char *>(base) + 4, 4) +
                    "', expected '" + mm::mmw::WeightsIdentifier() + "')");

  flatbuffers::Verifier::Options options;
  options.max_depth = kMaxDepth;
  options.max_tables = kMaxTables;
  options.check_alignment = true;
  flatbuffers::Verifier verifier(base, size, options);
  if (!mm::mmw::VerifyWeightsBuffer(verifier))
    return fail(MM_ERROR_CORRUPT,
                "weights file " + file +
                    " is corrupt or truncated (FlatBuffers verification "
                    "failed)");

  const mm::mmw::Weights *weights = mm::mmw::GetWeights(base);
  if (weights->version() != kSchemaVersion)
    return fail(MM_ERROR_CORRUPT,
                "weights file " + file + " has schema version " +
                    std::to_string(weights->version()) +
                    ", this runtime reads version " +
                    std::to_string(kSchemaVersion));

  // The verifier aligns vectors only to 4 bytes; shapes are read as int64.
  for (const mm::mmw::Tensor *t : *weights->tensors()) {
    const flatbuffers::Vector<int64_t> *shape = t->shape();
    if (shape && shape->size() > 0 &&
        (shape->Data() - base) % alignof(int64_t) != 0)
      return fail(MM_ERROR_CORRUPT,
                  "weights file " + file + " is corrupt (the shape of tensor " +
                      quoted(t->name()->str()) + " is misaligned)");
  }

  Problems problems;
  matchTensors(library, byName, weights, base, model->weightPtrs, problems);

  std::string fileModel = weights->model()->str();
  if (fileModel != library->model_name) {
    std::string message =
        "weights file " + file + " is for model " + quoted(fileModel) +
        ", this library is model '" +
        sanitize(library->model_name, std::strlen(library->model_name)) + "'";
    if (!problems.empty())
      message += " (" + problems.join() + ")";
    return fail(MM_ERROR_MISMATCH, std::move(message));
  }
  if (!problems.empty())
    return fail(MM_ERROR_MISMATCH,
                "weights file " + file + ": " + problems.join());
  if (weights->manifest_hash() != library->manifest_hash)
    return fail(MM_ERROR_MISMATCH,
                "weights file " + file + " has manifest hash " +
                    hex64(weights->manifest_hash()) +
                    ", this library's manifest hash is " +
                    hex64(library->manifest_hash) +
                    " (its tensors match, but it was packed from another "
                    "manifest of the model)");
  return MM_OK;
}

} // namespace

mm_status mm_model_open(const mm_library_desc *library,
                        const char *weights_path, mm_model **out_model) {
  if (out_model)
    *out_model = nullptr;
  if (!library || !weights_path || !out_model)
    return fail(MM_ERROR_INVALID_ARGUMENT,
                "mm_model_open: null library, path or out_model");
  mm_model *model = new (std::nothrow) mm_model();
  if (!model)
    return fail(MM_ERROR_OUT_OF_MEMORY, "mm_model_open: out of memory");
  if (mm_status status = openModel(library, weights_path, model)) {
    unmap(model);
    delete model;
    return status;
  }
  cacheModelOpened();
  *out_model = model;
  return MM_OK;
}

void mm_model_close(mm_model *model) {
  if (!model)
    return;
  unmap(model);
  delete model;
  // The temporaries of its calls are no longer needed once no model is open.
  cacheModelClosed();
}

const mm_library_desc *mm_model_library(const mm_model *model) {
  return model ? model->library : nullptr;
}
