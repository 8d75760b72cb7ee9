//===- Weights.cpp - `mmc pack` and `mmc init` ----------------------------===//
#include "compiler/weights/Weights.h"

#include "WeightsWriter.h"
#include "mm/io/ArrayIO.h"
#include "mm/runtime.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <map>

using namespace mm;

static std::string shapeStr(const std::vector<int64_t> &shape) {
  std::string s = "[";
  for (size_t i = 0; i < shape.size(); ++i)
    s += (i ? ", " : "") + std::to_string(shape[i]);
  return s + "]";
}

uint64_t mm::manifestHash(const ModelInfo &model) {
  std::vector<mm_weight_desc> descs;
  for (const auto &w : model.weights)
    descs.push_back({w.name.c_str(), (mm_dtype)w.dtype, (int32_t)w.shape.size(),
                     w.shape.data()});
  return mm_manifest_hash(descs.data(), (int32_t)descs.size());
}

static bool endsWith(const std::string &s, const std::string &suffix) {
  return s.size() >= suffix.size() &&
         s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

/// Element I of A as a double (A's dtype is one the readers produce).
static double elementAsDouble(const io::Array &a, int64_t i) {
  const uint8_t *p = a.data.data();
  if (a.dtype == "f32") { float v; std::memcpy(&v, p + 4 * i, 4); return v; }
  if (a.dtype == "f64") { double v; std::memcpy(&v, p + 8 * i, 8); return v; }
  if (a.dtype == "i32") { int32_t v; std::memcpy(&v, p + 4 * i, 4); return v; }
  if (a.dtype == "i64") { int64_t v; std::memcpy(&v, p + 8 * i, 8); return (double)v; }
  return p[i];
}

/// Checks a torchaudio buffer from the state_dict against our value.
static void checkComputedBuffer(const ComputedBufferInfo &expected, const io::Array &actual,
                                std::vector<std::string> &problems) {
  if (actual.shape != expected.shape) {
    problems.push_back("tensor '" + expected.name + "' has shape " + shapeStr(actual.shape) +
                       ", the model computes it with shape " + shapeStr(expected.shape) +
                       ": check the layer's arguments");
    return;
  }
  if (actual.dtype != "f32" && actual.dtype != "f64") {
    problems.push_back("tensor '" + expected.name + "' has dtype " + actual.dtype +
                       ", expected f32");
    return;
  }
  double maxDiff = 0, maxAbs = 0;
  for (int64_t i = 0; i < actual.numElements(); ++i) {
    maxDiff = std::max(maxDiff, std::fabs(elementAsDouble(actual, i) - expected.values[i]));
    maxAbs = std::max(maxAbs, std::fabs(expected.values[i]));
  }
  // torchaudio computes the filter bank in f32: it differs from our double
  // values by up to ~2e-5 of its largest entry.
  if (!(maxDiff <= 1e-4 * maxAbs + 1e-6))
    problems.push_back("tensor '" + expected.name +
                       "' differs from the values the model computes (max difference " +
                       std::to_string(maxDiff) + "): check the layer's arguments");
}

bool mm::packWeights(const ModelInfo &model, const std::string &fromPath,
                     const std::string &outPath, std::vector<std::string> &problems) {
  std::vector<io::NamedArray> arrays;
  std::string error;
  bool ok;
  if (endsWith(fromPath, ".npz"))
    ok = io::readNpz(fromPath, arrays, error);
  else if (endsWith(fromPath, ".safetensors"))
    ok = io::readSafeTensors(fromPath, arrays, error);
  else {
    problems.push_back("'" + fromPath +
                       "': unknown weights format, expected a .npz or .safetensors file");
    return false;
  }
  if (!ok) {
    problems.push_back(error);
    return false;
  }

  std::map<std::string, const io::Array *> byName;
  for (const auto &a : arrays) {
    if (!byName.emplace(a.name, &a.array).second)
      problems.push_back("tensor '" + a.name + "' appears twice in '" + fromPath + "'");
  }

  // f64 → f32 copies must outlive the blobs that point at them.
  std::vector<std::vector<float>> narrowed;
  narrowed.reserve(model.weights.size());
  std::vector<WeightBlob> blobs;
  for (const auto &w : model.weights) {
    auto it = byName.find(w.name);
    if (it == byName.end()) {
      problems.push_back("missing tensor '" + w.name + "': the model expects " +
                         dtypeName(w.dtype) + shapeStr(w.shape));
      continue;
    }
    const io::Array &a = *it->second;
    if (a.shape != w.shape) {
      problems.push_back("tensor '" + w.name + "' has shape " + shapeStr(a.shape) +
                         ", the model expects " + shapeStr(w.shape));
      continue;
    }
    WeightBlob blob;
    blob.name = w.name;
    blob.dtype = (mm_dtype)w.dtype;
    blob.shape = w.shape;
    if (a.dtype == dtypeName(w.dtype)) {
      blob.data = a.data.data();
      blob.numBytes = a.data.size();
    } else if (a.dtype == "f64" && w.dtype == DType::F32) {
      std::vector<float> f(a.numElements());
      for (int64_t i = 0; i < a.numElements(); ++i)
        f[i] = (float)elementAsDouble(a, i);
      narrowed.push_back(std::move(f));
      blob.data = narrowed.back().data();
      blob.numBytes = narrowed.back().size() * sizeof(float);
    } else {
      problems.push_back("tensor '" + w.name + "' has dtype " + a.dtype +
                         ", the model expects " + dtypeName(w.dtype));
      continue;
    }
    blobs.push_back(std::move(blob));
  }

  for (const auto &a : arrays) {
    bool known = std::any_of(model.weights.begin(), model.weights.end(),
                             [&](const WeightInfo &w) { return w.name == a.name; });
    if (known)
      continue;
    // A BatchNorm's state_dict carries its training step count; eval mode
    // never reads it, so a file straight from torch.save must still pack.
    if (endsWith(a.name, "num_batches_tracked")) {
      std::string prefix = a.name.substr(0, a.name.size() - strlen("num_batches_tracked"));
      bool isBatchNorm = std::any_of(
          model.weights.begin(), model.weights.end(),
          [&](const WeightInfo &w) { return w.name == prefix + "running_mean"; });
      if (isBatchNorm) {
        if (a.array.numElements() != 1 || (a.array.dtype != "i64" && a.array.dtype != "i32"))
          problems.push_back("tensor '" + a.name + "' has dtype " + a.array.dtype + " and shape " +
                             shapeStr(a.array.shape) + ", expected an integer scalar");
        continue;
      }
    }
    auto computed = std::find_if(model.computedBuffers.begin(), model.computedBuffers.end(),
                                 [&](const ComputedBufferInfo &b) { return b.name == a.name; });
    if (computed != model.computedBuffers.end()) {
      checkComputedBuffer(*computed, a.array, problems);
      continue;
    }
    problems.push_back("extra tensor '" + a.name + "' " + shapeStr(a.array.shape) +
                       " is not a weight of model '" + model.name + "'");
  }
  if (!problems.empty())
    return false;
  if (!writeWeightsFile(outPath, model.name, manifestHash(model), blobs, error)) {
    problems.push_back(error);
    return false;
  }
  return true;
}

bool mm::initWeights(const ModelInfo &model, uint64_t seed, const std::string &outPath,
                     std::string &error) {
  uint64_t state = seed;
  auto next = [&]() { // splitmix64: fast, portable, the same on every machine
    uint64_t z = (state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  };
  std::vector<std::vector<uint8_t>> storage;
  std::vector<WeightBlob> blobs;
  for (const auto &w : model.weights) {
    int64_t n = 1, fanIn = 1;
    for (size_t i = 0; i < w.shape.size(); ++i) {
      n *= w.shape[i];
      if (i > 0)
        fanIn *= w.shape[i];
    }
    // A variance must be positive or batch_norm divides by sqrt of a negative.
    bool positive = endsWith(w.name, "running_var");
    double bound = w.shape.size() >= 2 ? 1.0 / std::sqrt((double)std::max<int64_t>(fanIn, 1))
                                       : 0.1;
    std::vector<uint8_t> bytes(n * dtypeSize(w.dtype));
    for (int64_t i = 0; i < n; ++i) {
      double u = (next() >> 11) * (1.0 / 9007199254740992.0); // [0, 1)
      if (w.dtype == DType::F32) {
        float v = positive ? (float)(0.5 + u) : (float)((2 * u - 1) * bound);
        std::memcpy(bytes.data() + 4 * i, &v, 4);
      } else if (w.dtype == DType::I32) {
        int32_t v = (int32_t)(u * 100);
        std::memcpy(bytes.data() + 4 * i, &v, 4);
      } else if (w.dtype == DType::I64) {
        int64_t v = (int64_t)(u * 100);
        std::memcpy(bytes.data() + 8 * i, &v, 8);
      } else {
        bytes[i] = (uint8_t)(u * 256);
      }
    }
    storage.push_back(std::move(bytes));
    blobs.push_back({w.name, (mm_dtype)w.dtype, w.shape, storage.back().data(),
                     storage.back().size()});
  }
  return writeWeightsFile(outPath, model.name, manifestHash(model), blobs, error);
}
