//===- Json.h - A small JSON parser for untrusted headers -------*- C++ -*-===//
//
// Just enough JSON for the header of a .safetensors file, written to be fed
// hostile bytes: nesting depth and the number of values are bounded, every
// read is bounds-checked, and duplicate object keys are an error.
//
//===----------------------------------------------------------------------===//
#ifndef MM_IO_JSON_H
#define MM_IO_JSON_H

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace mm {
namespace io {
namespace json {

enum class Kind : uint8_t { Null, Bool, Number, String, Array, Object };

struct Value {
  Kind kind = Kind::Null;
  bool boolean = false;
  /// The decoded string, or the literal text of a number.
  std::string text;
  /// Elements of an array, or the values of an object (keys in `keys`).
  std::vector<Value> items;
  std::vector<std::string> keys;

  /// The member called `key` of an object, or null.
  const Value *find(const std::string &key) const;
  /// A number without fraction or exponent that fits in int64.
  bool asInt64(int64_t &result) const;
};

struct Limits {
  size_t maxDepth = 64;
  size_t maxValues = size_t(1) << 22;
};

/// Parses `size` bytes as exactly one JSON value, surrounded by optional
/// whitespace. On failure `error` says what and at which byte offset.
bool parse(const char *data, size_t size, Value &result, std::string &error,
           const Limits &limits = Limits());

} // namespace json
} // namespace io
} // namespace mm

#endif // MM_IO_JSON_H
