//===- TestUtil.h - Helpers shared by the unit tests ------------*- C++ -*-===//
#ifndef MM_TEST_UNIT_TESTUTIL_H
#define MM_TEST_UNIT_TESTUTIL_H

#include "gtest/gtest.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ftw.h>
#include <string>
#include <unistd.h>
#include <vector>

namespace mmtest {

/// A fresh directory for one test, removed with everything in it at the end.
class TempDir {
public:
  TempDir() {
    std::string pattern = ::testing::TempDir() + "mm-unit-XXXXXX";
    std::vector<char> buf(pattern.begin(), pattern.end());
    buf.push_back('\0');
    char *dir = mkdtemp(buf.data());
    EXPECT_NE(dir, nullptr) << "mkdtemp failed";
    path = dir ? dir : "/tmp";
  }
  ~TempDir() {
    nftw(
        path.c_str(),
        [](const char *p, const struct stat *, int, struct FTW *) {
          return std::remove(p);
        },
        16, FTW_DEPTH | FTW_PHYS);
  }
  std::string file(const std::string &name) const { return path + "/" + name; }

  std::string path;
};

inline void writeBytes(const std::string &path, const void *data, size_t size) {
  FILE *f = std::fopen(path.c_str(), "wb");
  ASSERT_NE(f, nullptr) << path;
  if (size) {
    ASSERT_EQ(std::fwrite(data, 1, size, f), size);
  }
  ASSERT_EQ(std::fclose(f), 0);
}

inline void writeBytes(const std::string &path,
                       const std::vector<uint8_t> &bytes) {
  writeBytes(path, bytes.data(), bytes.size());
}

inline void writeText(const std::string &path, const std::string &text) {
  writeBytes(path, text.data(), text.size());
}

inline std::vector<uint8_t> readBytes(const std::string &path) {
  std::vector<uint8_t> bytes;
  FILE *f = std::fopen(path.c_str(), "rb");
  if (!f)
    return bytes;
  int c;
  while ((c = std::fgetc(f)) != EOF)
    bytes.push_back(static_cast<uint8_t>(c));
  std::fclose(f);
  return bytes;
}

/// Appends `value` as `n` little-endian bytes.
inline void putLE(std::vector<uint8_t> &out, uint64_t value, int n) {
  for (int i = 0; i < n; ++i)
    out.push_back(static_cast<uint8_t>(value >> (8 * i)));
}

inline void putStr(std::vector<uint8_t> &out, const std::string &s) {
  // A loop, not insert(): GCC 12 warns falsely on insert into an empty
  // vector (-Wstringop-overflow).
  for (char c : s)
    out.push_back(static_cast<uint8_t>(c));
}

template <typename T> std::vector<uint8_t> bytesOf(const std::vector<T> &v) {
  std::vector<uint8_t> out(v.size() * sizeof(T));
  if (!out.empty())
    std::memcpy(out.data(), v.data(), out.size());
  return out;
}

template <typename T> std::vector<T> valuesOf(const std::vector<uint8_t> &b) {
  std::vector<T> out(b.size() / sizeof(T));
  if (!out.empty())
    std::memcpy(out.data(), b.data(), out.size() * sizeof(T));
  return out;
}

} // namespace mmtest

#endif // MM_TEST_UNIT_TESTUTIL_H
