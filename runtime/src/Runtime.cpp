//===- Runtime.cpp - Status names, errors, manifest hash, threads ---------===//
//
// The small, stateless part of the C API. The per-thread error message is
// the only way a failing call reports details, so every failure path in
// the runtime goes through mm::detail::fail.
//
//===----------------------------------------------------------------------===//

#include "RuntimeInternal.h"
#include "ThreadPool.h"

#include <cstdio>

using namespace mm::detail;

namespace {
/// The message of the last failing call on this thread.
thread_local std::string lastErrorMessage;

constexpr uint64_t kFnvOffsetBasis = 0xcbf29ce484222325ull;
constexpr uint64_t kFnvPrime = 0x100000001b3ull;

uint64_t fnv1a(uint64_t hash, const char *data, size_t length) {
  for (size_t i = 0; i < length; ++i) {
    hash ^= static_cast<unsigned char>(data[i]);
    hash *= kFnvPrime;
  }
  return hash;
}

uint64_t fnv1a(uint64_t hash, const std::string &s) {
  return fnv1a(hash, s.data(), s.size());
}
} // namespace

mm_status mm::detail::fail(mm_status status, std::string message) {
  lastErrorMessage = std::move(message);
  return status;
}

bool mm::detail::checkedMul(int64_t a, int64_t b, int64_t &result) {
  if (a < 0 || b < 0)
    return false;
  return !__builtin_mul_overflow(a, b, &result);
}

bool mm::detail::checkedNumElements(const int64_t *shape, size_t rank,
                                    int64_t &result) {
  int64_t n = 1;
  for (size_t i = 0; i < rank; ++i)
    if (!checkedMul(n, shape[i], n))
      return false;
  result = n;
  return true;
}

std::string mm::detail::formatShape(const int64_t *shape, size_t rank) {
  std::string s = "[";
  for (size_t i = 0; i < rank; ++i) {
    if (i)
      s += ", ";
    s += std::to_string(shape[i]);
  }
  s += "]";
  return s;
}

std::string mm::detail::sanitize(const char *data, size_t length,
                                 size_t maxLength) {
  std::string s;
  size_t n = length < maxLength ? length : maxLength;
  for (size_t i = 0; i < n; ++i) {
    unsigned char c = static_cast<unsigned char>(data[i]);
    if (c >= 0x20 && c < 0x7f && c != '\\') {
      s += static_cast<char>(c);
    } else if (c == '\\') {
      s += "\\\\";
    } else {
      char buf[8];
      std::snprintf(buf, sizeof(buf), "\\x%02x", c);
      s += buf;
    }
  }
  if (n < length)
    s += "...";
  return s;
}

const char *mm::detail::dtypeName(int64_t dtype) {
  switch (dtype) {
  case MM_F32:
    return "f32";
  case MM_I32:
    return "i32";
  case MM_I64:
    return "i64";
  case MM_U8:
    return "u8";
  }
  return "?";
}

size_t mm::detail::dtypeSize(int64_t dtype) {
  switch (dtype) {
  case MM_F32:
  case MM_I32:
    return 4;
  case MM_I64:
    return 8;
  case MM_U8:
    return 1;
  }
  return 0;
}

const char *mm_status_name(mm_status status) {
  switch (rawEnum(status)) {
  case MM_OK:
    return "MM_OK";
  case MM_ERROR_INVALID_ARGUMENT:
    return "MM_ERROR_INVALID_ARGUMENT";
  case MM_ERROR_IO:
    return "MM_ERROR_IO";
  case MM_ERROR_CORRUPT:
    return "MM_ERROR_CORRUPT";
  case MM_ERROR_MISMATCH:
    return "MM_ERROR_MISMATCH";
  case MM_ERROR_SHAPE:
    return "MM_ERROR_SHAPE";
  case MM_ERROR_OUT_OF_RANGE:
    return "MM_ERROR_OUT_OF_RANGE";
  case MM_ERROR_OUT_OF_MEMORY:
    return "MM_ERROR_OUT_OF_MEMORY";
  case MM_ERROR_INTERNAL:
    return "MM_ERROR_INTERNAL";
  }
  return "MM_ERROR_UNKNOWN";
}

const char *mm_dtype_name(mm_dtype dtype) {
  return dtypeName(rawEnum(dtype));
}

size_t mm_dtype_size(mm_dtype dtype) { return dtypeSize(rawEnum(dtype)); }

const char *mm_last_error_message(void) { return lastErrorMessage.c_str(); }

uint64_t mm_manifest_hash(const mm_weight_desc *weights, int32_t num_weights) {
  uint64_t hash = kFnvOffsetBasis;
  if (!weights)
    return hash;
  for (int32_t i = 0; i < num_weights; ++i) {
    const mm_weight_desc &w = weights[i];
    std::string entry = w.name ? w.name : "";
    entry += ':';
    entry += dtypeName(rawEnum(w.dtype));
    entry += ':';
    for (int32_t d = 0; w.shape && d < w.rank; ++d) {
      if (d)
        entry += ',';
      entry += std::to_string(w.shape[d]);
    }
    entry += ';';
    hash = fnv1a(hash, entry);
  }
  return hash;
}

void mm_set_num_threads(int32_t num_threads) {
  poolSetNumThreads(num_threads);
}

int32_t mm_get_num_threads(void) { return poolNumThreads(); }
