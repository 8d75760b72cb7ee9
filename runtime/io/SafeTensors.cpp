//===- SafeTensors.cpp - .safetensors reading -----------------------------===//
//
// Layout: an 8-byte little-endian header length N, N bytes of JSON
// ({"name": {"dtype": "F32", "shape": [..], "data_offsets": [b, e]}, ...,
// "__metadata__": {...}}), then the data; offsets are relative to the
// first byte after the header. Tensors must not overlap, which also bounds
// the bytes copied out by the size of the file.
//
//===----------------------------------------------------------------------===//

#include "mm/io/ArrayIO.h"

#include "IOInternal.h"
#include "Json.h"

#include <algorithm>

using namespace mm::io;
using mm::io::detail::printable;

namespace {

/// The safetensors format itself limits the header to 100 MB.
constexpr uint64_t kMaxHeaderSize = 100u << 20;

struct DTypeEntry {
  const char *name;
  const char *dtype;
};
const DTypeEntry kDTypes[] = {{"F32", "f32"}, {"F64", "f64"}, {"I32", "i32"},
                              {"I64", "i64"}, {"U8", "u8"},   {"BOOL", "bool"}};

struct Span {
  uint64_t begin, end;
  size_t index;
};

bool parseTensor(const std::string &name, const json::Value &value,
                 uint64_t dataSize, NamedArray &out, Span &span,
                 std::string &error) {
  std::string where = "tensor '" + printable(name) + "'";
  if (value.kind != json::Kind::Object) {
    error = where + ": header entry is not an object";
    return false;
  }
  const json::Value *dtype = value.find("dtype");
  const json::Value *shape = value.find("shape");
  const json::Value *offsets = value.find("data_offsets");
  if (!dtype || dtype->kind != json::Kind::String || !shape ||
      shape->kind != json::Kind::Array || !offsets ||
      offsets->kind != json::Kind::Array || offsets->items.size() != 2) {
    error = where + ": needs a string 'dtype', an array 'shape' and a "
                    "2-element array 'data_offsets'";
    return false;
  }
  out.name = name;
  for (const DTypeEntry &d : kDTypes)
    if (dtype->text == d.name)
      out.array.dtype = d.dtype;
  if (out.array.dtype.empty()) {
    error = where + ": dtype '" + printable(dtype->text) +
            "' is not supported (F32, F64, I32, I64, U8, BOOL)";
    return false;
  }
  if (shape->items.size() > detail::kMaxRank) {
    error = where + ": rank " + std::to_string(shape->items.size()) +
            " is too large";
    return false;
  }
  for (const json::Value &d : shape->items) {
    int64_t dim;
    if (!d.asInt64(dim) || dim < 0) {
      error = where + ": shape has an entry that is not a non-negative integer";
      return false;
    }
    out.array.shape.push_back(dim);
  }
  int64_t begin, end;
  if (!offsets->items[0].asInt64(begin) || !offsets->items[1].asInt64(end) ||
      begin < 0 || end < begin) {
    error = where + ": data_offsets are not two increasing non-negative "
                    "integers";
    return false;
  }
  if (static_cast<uint64_t>(end) > dataSize) {
    error = where + ": data_offsets [" + std::to_string(begin) + ", " +
            std::to_string(end) + "] go past the end of the data (" +
            std::to_string(dataSize) + " bytes)";
    return false;
  }
  uint64_t needed = 0;
  bool fits = detail::numBytes(out.array.shape, out.array.dtype, needed);
  if (!fits || needed != static_cast<uint64_t>(end - begin)) {
    error = where + ": has " + std::to_string(end - begin) + " bytes of data, " +
            dtype->text + " " + detail::formatShape(out.array.shape) +
            " needs " + (fits ? std::to_string(needed) : "more than 2^64");
    return false;
  }
  span.begin = static_cast<uint64_t>(begin);
  span.end = static_cast<uint64_t>(end);
  return true;
}

} // namespace

bool mm::io::parseSafeTensors(const uint8_t *bytes, size_t size,
                              std::vector<NamedArray> &arrays,
                              std::string &error) {
  arrays.clear();
  if (size < 8) {
    error = "not a .safetensors file: too short";
    return false;
  }
  uint64_t headerSize = detail::readLE(bytes, 8);
  if (headerSize > size - 8) {
    error = "header length " + std::to_string(headerSize) +
            " goes past the end of the file (" + std::to_string(size) +
            " bytes)";
    return false;
  }
  if (headerSize > kMaxHeaderSize) {
    error = "header length " + std::to_string(headerSize) +
            " is over the 100 MB limit";
    return false;
  }
  json::Value header;
  if (!json::parse(reinterpret_cast<const char *>(bytes) + 8,
                   static_cast<size_t>(headerSize), header, error)) {
    error = "header: " + error;
    return false;
  }
  if (header.kind != json::Kind::Object) {
    error = "header: not a JSON object";
    return false;
  }
  const uint8_t *data = bytes + 8 + headerSize;
  uint64_t dataSize = size - 8 - headerSize;

  std::vector<NamedArray> result;
  std::vector<Span> spans;
  for (size_t i = 0; i < header.keys.size(); ++i) {
    const std::string &name = header.keys[i];
    if (name == "__metadata__") {
      if (header.items[i].kind != json::Kind::Object) {
        error = "header: __metadata__ is not an object";
        return false;
      }
      continue;
    }
    NamedArray named;
    Span span;
    if (!parseTensor(name, header.items[i], dataSize, named, span, error))
      return false;
    span.index = result.size();
    spans.push_back(span);
    result.push_back(std::move(named));
  }

  std::vector<Span> sorted = spans;
  std::sort(sorted.begin(), sorted.end(), [](const Span &a, const Span &b) {
    return a.begin != b.begin ? a.begin < b.begin : a.end < b.end;
  });
  for (size_t i = 1; i < sorted.size(); ++i) {
    if (sorted[i].begin < sorted[i - 1].end) {
      error = "tensors '" + printable(result[sorted[i - 1].index].name) +
              "' and '" + printable(result[sorted[i].index].name) +
              "' overlap";
      return false;
    }
  }
  for (const Span &s : spans)
    result[s.index].array.data.assign(data + s.begin, data + s.end);
  arrays = std::move(result);
  return true;
}

bool mm::io::readSafeTensors(const std::string &path,
                             std::vector<NamedArray> &arrays,
                             std::string &error) {
  std::vector<uint8_t> bytes;
  if (!readFile(path, bytes, error))
    return false;
  if (!parseSafeTensors(bytes.data(), bytes.size(), arrays, error)) {
    error = path + ": " + error;
    return false;
  }
  return true;
}
