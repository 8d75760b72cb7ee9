//===- IOInternal.h - Helpers shared by the array readers -------*- C++ -*-===//
#ifndef MM_IO_IOINTERNAL_H
#define MM_IO_IOINTERNAL_H

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace mm {
namespace io {
namespace detail {

/// No format we read has a use for more dimensions; a bound keeps hostile
/// headers from building huge shapes.
constexpr size_t kMaxRank = 32;

/// Little-endian unsigned integer of `n` <= 8 bytes.
inline uint64_t readLE(const uint8_t *p, int n) {
  uint64_t v = 0;
  for (int i = n - 1; i >= 0; --i)
    v = (v << 8) | p[i];
  return v;
}

/// Product of `shape`; false on a negative dimension or int64 overflow.
bool numElements(const std::vector<int64_t> &shape, int64_t &result);
/// Bytes of a `dtype` array of `shape`; false on overflow.
bool numBytes(const std::vector<int64_t> &shape, const std::string &dtype,
              uint64_t &result);
std::string formatShape(const std::vector<int64_t> &shape);
/// An untrusted name, with unprintable bytes escaped and cut at 200 bytes.
std::string printable(const std::string &s);

} // namespace detail
} // namespace io
} // namespace mm

#endif // MM_IO_IOINTERNAL_H
