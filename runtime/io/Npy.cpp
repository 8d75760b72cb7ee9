//===- Npy.cpp - .npy reading and writing ---------------------------------===//
//
// The .npy header is a Python dict literal; it is parsed here with a small
// literal parser rather than trusted to have numpy's exact spelling, since
// other writers (older numpy, other languages) format it differently.
//
//===----------------------------------------------------------------------===//

#include "mm/io/ArrayIO.h"

#include "IOInternal.h"

#include <cerrno>
#include <cstdio>
#include <cstring>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace mm::io;

namespace {

const char kMagic[] = "\x93NUMPY";
constexpr size_t kMagicSize = 6;
/// The header (and so the whole prefix) is padded to this by numpy.
constexpr size_t kHeaderAlignment = 64;

struct DescrEntry {
  const char *descr;
  const char *dtype;
};
const DescrEntry kDescrs[] = {{"<f4", "f32"}, {"<f8", "f64"}, {"<i4", "i32"},
                              {"<i8", "i64"}, {"|u1", "u8"},  {"|b1", "bool"}};

/// A Python literal of the kinds a .npy header uses.
struct Literal {
  enum Kind { String, Bool, Int, Tuple } kind = String;
  std::string text;
  bool boolean = false;
  int64_t integer = 0;
  std::vector<int64_t> ints;
};

/// Parser for "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }".
class HeaderParser {
public:
  HeaderParser(const char *data, size_t size) : data(data), size(size) {}

  bool parse(std::vector<std::pair<std::string, Literal>> &entries,
             std::string &error) {
    skipSpace();
    if (!expect('{'))
      return failed(error, "expected '{'");
    while (true) {
      skipSpace();
      if (peek('}')) {
        ++pos;
        break;
      }
      Literal key;
      if (!parseString(key.text))
        return failed(error, "expected a quoted key");
      skipSpace();
      if (!expect(':'))
        return failed(error, "expected ':'");
      skipSpace();
      Literal value;
      if (!parseLiteral(value))
        return failed(error,
                      "unsupported value for key '" +
                          mm::io::detail::printable(key.text) + "'" +
                          (key.text == "descr"
                               ? " (structured dtypes are not supported)"
                               : ""));
      entries.emplace_back(key.text, value);
      skipSpace();
      if (peek(',')) {
        ++pos;
        continue;
      }
      if (peek('}')) {
        ++pos;
        break;
      }
      return failed(error, "expected ',' or '}'");
    }
    skipSpace();
    if (pos != size)
      return failed(error, "unexpected text after the header dict");
    return true;
  }

private:
  const char *data;
  size_t size;
  size_t pos = 0;

  bool failed(std::string &error, const std::string &what) {
    error = "invalid header at byte " + std::to_string(pos) + ": " + what;
    return false;
  }
  bool peek(char c) const { return pos < size && data[pos] == c; }
  bool expect(char c) {
    if (!peek(c))
      return false;
    ++pos;
    return true;
  }
  void skipSpace() {
    while (pos < size && (data[pos] == ' ' || data[pos] == '\n' ||
                          data[pos] == '\t' || data[pos] == '\r'))
      ++pos;
  }
  bool consumeWord(const char *word) {
    size_t n = std::strlen(word);
    if (size - pos < n || std::memcmp(data + pos, word, n) != 0)
      return false;
    pos += n;
    return true;
  }

  bool parseString(std::string &out) {
    if (!peek('\'') && !peek('"'))
      return false;
    char quote = data[pos++];
    size_t start = pos;
    while (pos < size && data[pos] != quote) {
      if (data[pos] == '\\' || data[pos] == '\n')
        return false;
      ++pos;
    }
    if (pos >= size)
      return false;
    out.assign(data + start, pos - start);
    ++pos;
    return true;
  }

  bool parseInt(int64_t &out) {
    size_t start = pos;
    int64_t value = 0;
    while (pos < size && data[pos] >= '0' && data[pos] <= '9') {
      if (__builtin_mul_overflow(value, int64_t(10), &value) ||
          __builtin_add_overflow(value, int64_t(data[pos] - '0'), &value))
        return false;
      ++pos;
    }
    if (pos == start)
      return false;
    // Python 2 long suffix, written by old numpy.
    if (peek('L'))
      ++pos;
    out = value;
    return true;
  }

  bool parseLiteral(Literal &out) {
    if (peek('\'') || peek('"')) {
      out.kind = Literal::String;
      return parseString(out.text);
    }
    if (consumeWord("True")) {
      out.kind = Literal::Bool;
      out.boolean = true;
      return true;
    }
    if (consumeWord("False")) {
      out.kind = Literal::Bool;
      return true;
    }
    if (expect('(')) {
      out.kind = Literal::Tuple;
      while (true) {
        skipSpace();
        if (expect(')'))
          return true;
        int64_t dim;
        if (!parseInt(dim))
          return false;
        out.ints.push_back(dim);
        skipSpace();
        if (expect(','))
          continue;
        if (expect(')'))
          return true;
        return false;
      }
    }
    out.kind = Literal::Int;
    return parseInt(out.integer);
  }
};

void putLE(std::vector<uint8_t> &out, uint64_t value, int bytes) {
  for (int i = 0; i < bytes; ++i)
    out.push_back(static_cast<uint8_t>(value >> (8 * i)));
}

} // namespace

int64_t Array::numElements() const {
  int64_t n = 1;
  if (!detail::numElements(shape, n))
    return -1;
  return n;
}

size_t mm::io::dtypeSize(const std::string &dtype) {
  if (dtype == "f32" || dtype == "i32")
    return 4;
  if (dtype == "f64" || dtype == "i64")
    return 8;
  if (dtype == "u8" || dtype == "bool")
    return 1;
  return 0;
}

bool mm::io::detail::numElements(const std::vector<int64_t> &shape,
                                 int64_t &result) {
  int64_t n = 1;
  for (int64_t d : shape)
    if (d < 0 || __builtin_mul_overflow(n, d, &n))
      return false;
  result = n;
  return true;
}

bool mm::io::detail::numBytes(const std::vector<int64_t> &shape,
                              const std::string &dtype, uint64_t &result) {
  int64_t n = 0;
  uint64_t bytes = 0;
  if (!numElements(shape, n) ||
      __builtin_mul_overflow(static_cast<uint64_t>(n),
                             static_cast<uint64_t>(dtypeSize(dtype)), &bytes))
    return false;
  result = bytes;
  return true;
}

std::string mm::io::detail::formatShape(const std::vector<int64_t> &shape) {
  std::string s = "[";
  for (size_t i = 0; i < shape.size(); ++i) {
    if (i)
      s += ", ";
    if (i == 16) {
      s += "...";
      break;
    }
    s += std::to_string(shape[i]);
  }
  return s + "]";
}

std::string mm::io::detail::printable(const std::string &s) {
  std::string out;
  for (size_t i = 0; i < s.size() && i < 200; ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c >= 0x20 && c < 0x7f) {
      out += static_cast<char>(c);
    } else {
      char buf[8];
      std::snprintf(buf, sizeof(buf), "\\x%02x", c);
      out += buf;
    }
  }
  if (s.size() > 200)
    out += "...";
  return out;
}

bool mm::io::readFile(const std::string &path, std::vector<uint8_t> &bytes,
                      std::string &error) {
  int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    error = path + ": cannot open: " + std::strerror(errno);
    return false;
  }
  struct stat st;
  if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    close(fd);
    error = path + ": not a regular file";
    return false;
  }
  bytes.resize(static_cast<size_t>(st.st_size));
  size_t done = 0;
  while (done < bytes.size()) {
    ssize_t n = read(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR)
      continue;
    if (n <= 0) {
      int err = n < 0 ? errno : 0;
      close(fd);
      error = path + ": cannot read: " +
              (err ? std::strerror(err) : "file shrank while reading");
      return false;
    }
    done += static_cast<size_t>(n);
  }
  close(fd);
  return true;
}

bool mm::io::parseNpy(const uint8_t *bytes, size_t size, Array &array,
                      std::string &error) {
  array = Array();
  if (size < kMagicSize + 4 || std::memcmp(bytes, kMagic, kMagicSize) != 0) {
    error = "not a .npy file (no \\x93NUMPY magic)";
    return false;
  }
  uint8_t major = bytes[6], minor = bytes[7];
  size_t headerStart, headerLength;
  if (major == 1) {
    headerStart = 10;
    headerLength = detail::readLE(bytes + 8, 2);
  } else if (major == 2 || major == 3) {
    if (size < 12) {
      error = "truncated .npy header";
      return false;
    }
    headerStart = 12;
    headerLength = detail::readLE(bytes + 8, 4);
  } else {
    error = "unsupported .npy format version " + std::to_string(major) + "." +
            std::to_string(minor);
    return false;
  }
  if (headerLength > size - headerStart) {
    error = "truncated .npy header (" + std::to_string(headerLength) +
            " bytes announced, " + std::to_string(size - headerStart) +
            " in the file)";
    return false;
  }

  std::vector<std::pair<std::string, Literal>> entries;
  HeaderParser parser(reinterpret_cast<const char *>(bytes) + headerStart,
                      headerLength);
  if (!parser.parse(entries, error))
    return false;
  const Literal *descr = nullptr, *fortran = nullptr, *shape = nullptr;
  for (const auto &entry : entries) {
    const Literal **slot = entry.first == "descr"           ? &descr
                           : entry.first == "fortran_order" ? &fortran
                           : entry.first == "shape"         ? &shape
                                                            : nullptr;
    if (!slot) {
      error = "unexpected key '" + detail::printable(entry.first) +
              "' in the .npy header";
      return false;
    }
    if (*slot) {
      error = "duplicate key '" + entry.first + "' in the .npy header";
      return false;
    }
    *slot = &entry.second;
  }
  if (!descr || !fortran || !shape) {
    error = "the .npy header lacks 'descr', 'fortran_order' or 'shape'";
    return false;
  }
  if (descr->kind != Literal::String || fortran->kind != Literal::Bool ||
      shape->kind != Literal::Tuple) {
    error = "the .npy header has a 'descr', 'fortran_order' or 'shape' of the "
            "wrong kind";
    return false;
  }
  if (fortran->boolean) {
    error = "fortran_order arrays are not supported (save a C-contiguous "
            "array, e.g. np.ascontiguousarray(x))";
    return false;
  }
  for (const DescrEntry &d : kDescrs)
    if (descr->text == d.descr)
      array.dtype = d.dtype;
  if (array.dtype.empty()) {
    std::string d = detail::printable(descr->text);
    error = "unsupported dtype '" + d + "'" +
            (!d.empty() && d[0] == '>' ? " (big-endian)" : "") +
            "; supported: <f4 <f8 <i4 <i8 |u1 |b1";
    return false;
  }
  if (shape->ints.size() > detail::kMaxRank) {
    error = "rank " + std::to_string(shape->ints.size()) + " is too large";
    return false;
  }
  array.shape = shape->ints;
  uint64_t needed = 0;
  if (!detail::numBytes(array.shape, array.dtype, needed)) {
    error = "shape " + detail::formatShape(array.shape) + " is too large";
    return false;
  }
  size_t dataStart = headerStart + headerLength;
  uint64_t present = size - dataStart;
  if (present != needed) {
    error = "data has " + std::to_string(present) + " bytes, " + array.dtype +
            " " + detail::formatShape(array.shape) + " needs " +
            std::to_string(needed) +
            (present < needed ? " (truncated file)" : "");
    return false;
  }
  array.data.assign(bytes + dataStart, bytes + size);
  return true;
}

bool mm::io::readNpy(const std::string &path, Array &array,
                     std::string &error) {
  std::vector<uint8_t> bytes;
  if (!readFile(path, bytes, error))
    return false;
  if (!parseNpy(bytes.data(), bytes.size(), array, error)) {
    error = path + ": " + error;
    return false;
  }
  return true;
}

bool mm::io::encodeNpy(const Array &array, std::vector<uint8_t> &bytes,
                       std::string &error) {
  const char *descr = nullptr;
  for (const DescrEntry &d : kDescrs)
    if (array.dtype == d.dtype)
      descr = d.descr;
  if (!descr) {
    error = "cannot write dtype '" + array.dtype + "' as .npy";
    return false;
  }
  uint64_t needed = 0;
  if (!detail::numBytes(array.shape, array.dtype, needed) ||
      needed != array.data.size()) {
    error = "array data has " + std::to_string(array.data.size()) +
            " bytes, its shape " + detail::formatShape(array.shape) +
            " needs " + std::to_string(needed);
    return false;
  }
  std::string header = std::string("{'descr': '") + descr +
                       "', 'fortran_order': False, 'shape': (";
  for (size_t i = 0; i < array.shape.size(); ++i)
    header += (i ? ", " : "") + std::to_string(array.shape[i]);
  header += array.shape.size() == 1 ? ",), }" : "), }";
  // Pad with spaces and a final newline so the data starts at a multiple
  // of 64, as numpy does.
  bool v2 = header.size() + 1 + 10 > 65535;
  size_t prefix = v2 ? 12 : 10;
  size_t total = prefix + header.size() + 1;
  size_t padded = (total + kHeaderAlignment - 1) / kHeaderAlignment *
                  kHeaderAlignment;
  header.append(padded - total, ' ');
  header += '\n';

  bytes.clear();
  bytes.reserve(12 + header.size() + array.data.size());
  for (size_t i = 0; i < kMagicSize; ++i)
    bytes.push_back(static_cast<uint8_t>(kMagic[i]));
  bytes.push_back(v2 ? 2 : 1);
  bytes.push_back(0);
  putLE(bytes, header.size(), v2 ? 4 : 2);
  bytes.insert(bytes.end(), header.begin(), header.end());
  bytes.insert(bytes.end(), array.data.begin(), array.data.end());
  return true;
}

bool mm::io::writeNpy(const std::string &path, const Array &array,
                      std::string &error) {
  std::vector<uint8_t> bytes;
  if (!encodeNpy(array, bytes, error)) {
    error = path + ": " + error;
    return false;
  }
  FILE *f = std::fopen(path.c_str(), "wb");
  if (!f) {
    error = path + ": cannot create: " + std::strerror(errno);
    return false;
  }
  bool ok = std::fwrite(bytes.data(), 1, bytes.size(), f) == bytes.size();
  ok = std::fclose(f) == 0 && ok;
  if (!ok) {
    error = path + ": cannot write: " + std::strerror(errno);
    return false;
  }
  return true;
}
