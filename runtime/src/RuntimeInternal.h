//===- RuntimeInternal.h - Shared helpers of the runtime --------*- C++ -*-===//
//
// Included by every runtime source instead of mm/runtime.h: the library is
// compiled with hidden visibility (it is linked into users' shared
// libraries), so the C API is made visible here, around the public header,
// and nothing else is.
//
//===----------------------------------------------------------------------===//
#ifndef MM_RUNTIME_SRC_RUNTIMEINTERNAL_H
#define MM_RUNTIME_SRC_RUNTIMEINTERNAL_H

#pragma GCC visibility push(default)
#include "mm/runtime.h"
#pragma GCC visibility pop

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <map>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

/// A loaded weights file. Immutable once mm_model_open returns it.
struct mm_model {
  const mm_library_desc *library = nullptr;
  /// The read-only mapping of the whole file.
  void *mapping = nullptr;
  size_t mappingSize = 0;
  /// Base pointer of every weight, in manifest order, into the mapping.
  std::vector<void *> weightPtrs;

  /// Blocks the kernels' glue derives once from this model's weights (a
  /// weight in the layout a kernel reads), by (kernel, weight) address:
  /// mm_runtime_model_cache. Calls on one model may run in several threads.
  struct Derived {
    void *data;
    size_t bytes;
  };
  mutable std::mutex derivedMutex;
  mutable std::map<std::pair<const void *, const void *>, Derived> derived;

  mm_model() = default;
  mm_model(const mm_model &) = delete;
  mm_model &operator=(const mm_model &) = delete;
  ~mm_model() {
    for (auto &entry : derived)
      std::free(entry.second.data);
  }
};

namespace mm {
namespace detail {

/// Records `message` as this thread's last error and returns `status`.
mm_status fail(mm_status status, std::string message);

/// `a * b` into `result`; false on overflow or a negative operand.
bool checkedMul(int64_t a, int64_t b, int64_t &result);

/// Number of elements of `shape`; false on a negative dimension or
/// overflow of int64.
bool checkedNumElements(const int64_t *shape, size_t rank, int64_t &result);

/// "[256, 64]".
std::string formatShape(const int64_t *shape, size_t rank);

/// Quotes an untrusted string for a message: control and non-ASCII bytes
/// as \xNN, cut after `maxLength` bytes.
std::string sanitize(const char *data, size_t length, size_t maxLength = 200);
inline std::string sanitize(const std::string &s) {
  return sanitize(s.data(), s.size());
}

/// The integer in an enum field filled in by C code. C lets a caller store
/// any int there, and in C++ loading an out-of-range value as the enum type
/// is undefined, so untrusted enum fields are read through this.
template <typename Enum> int64_t rawEnum(const Enum &value) {
  static_assert(sizeof(Enum) == sizeof(int32_t), "C enums are int-sized");
  int32_t raw;
  std::memcpy(&raw, &value, sizeof(raw));
  return raw;
}

/// True if `dtype` is one of the mm_dtype enumerators.
inline bool isValidDType(int64_t dtype) { return dtype >= 0 && dtype <= 3; }

/// mm_dtype_name / mm_dtype_size of a raw dtype number.
const char *dtypeName(int64_t dtype);
size_t dtypeSize(int64_t dtype);

} // namespace detail
} // namespace mm

#endif // MM_RUNTIME_SRC_RUNTIMEINTERNAL_H
