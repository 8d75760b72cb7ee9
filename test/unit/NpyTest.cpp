//===- NpyTest.cpp - .npy reading and writing -----------------------------===//

#include "TestUtil.h"
#include "mm/io/ArrayIO.h"

#include <random>

using mm::io::Array;
using mmtest::TempDir;

namespace {

/// A .npy file as numpy writes it: magic, version, header length, the
/// header dict padded with spaces to 64 bytes and a newline, the data.
std::vector<uint8_t> npyBytes(const std::string &dict,
                              const std::vector<uint8_t> &data, int major = 1) {
  std::vector<uint8_t> out;
  mmtest::putStr(out, "\x93NUMPY");
  out.push_back(static_cast<uint8_t>(major));
  out.push_back(0);
  size_t prefix = major == 1 ? 10 : 12;
  std::string header = dict;
  while ((prefix + header.size() + 1) % 64)
    header += ' ';
  header += '\n';
  mmtest::putLE(out, header.size(), major == 1 ? 2 : 4);
  mmtest::putStr(out, header);
  out.insert(out.end(), data.begin(), data.end());
  return out;
}

bool parse(const std::vector<uint8_t> &bytes, Array &array,
           std::string &error) {
  return mm::io::parseNpy(bytes.data(), bytes.size(), array, error);
}

std::string parseError(const std::vector<uint8_t> &bytes) {
  Array array;
  std::string error;
  EXPECT_FALSE(parse(bytes, array, error));
  return error;
}

TEST(Npy, ReadsFloat32Matrix) {
  std::vector<float> values = {1.5f, -2.0f, 3.25f, 0.0f, 1e-3f, 7.0f};
  std::vector<uint8_t> bytes = npyBytes(
      "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }",
      mmtest::bytesOf(values));
  Array array;
  std::string error;
  ASSERT_TRUE(parse(bytes, array, error)) << error;
  EXPECT_EQ(array.dtype, "f32");
  EXPECT_EQ(array.shape, (std::vector<int64_t>{2, 3}));
  EXPECT_EQ(array.numElements(), 6);
  EXPECT_EQ(mmtest::valuesOf<float>(array.data), values);
}

TEST(Npy, ReadsEveryDTypeAndVersion) {
  struct Case {
    const char *descr, *dtype;
    size_t size;
  } cases[] = {{"<f4", "f32", 4}, {"<f8", "f64", 8}, {"<i4", "i32", 4},
               {"<i8", "i64", 8}, {"|u1", "u8", 1},  {"|b1", "bool", 1}};
  for (const Case &c : cases) {
    for (int major : {1, 2, 3}) {
      std::vector<uint8_t> data(3 * c.size);
      for (size_t i = 0; i < data.size(); ++i)
        data[i] = static_cast<uint8_t>(i % 2);
      // Other spellings than numpy's: double quotes, no trailing comma,
      // a different key order.
      std::string dict = std::string("{\"shape\": (3,), \"descr\": \"") +
                         c.descr + "\", \"fortran_order\": False}";
      Array array;
      std::string error;
      ASSERT_TRUE(parse(npyBytes(dict, data, major), array, error))
          << c.descr << " v" << major << ": " << error;
      EXPECT_EQ(array.dtype, c.dtype);
      EXPECT_EQ(array.shape, (std::vector<int64_t>{3}));
      EXPECT_EQ(array.data, data);
    }
  }
}

TEST(Npy, ScalarsAndEmptyArrays) {
  Array array;
  std::string error;
  std::vector<int64_t> one = {42};
  ASSERT_TRUE(parse(npyBytes("{'descr': '<i8', 'fortran_order': False, "
                             "'shape': (), }",
                             mmtest::bytesOf(one)),
                    array, error))
      << error;
  EXPECT_TRUE(array.shape.empty());
  EXPECT_EQ(mmtest::valuesOf<int64_t>(array.data), one);
  ASSERT_TRUE(parse(npyBytes("{'descr': '<f4', 'fortran_order': False, "
                             "'shape': (0, 5), }",
                             {}),
                    array, error))
      << error;
  EXPECT_EQ(array.numElements(), 0);
}

TEST(Npy, RejectsWhatItCannotRead) {
  std::string dict = "{'descr': '<f4', 'fortran_order': True, 'shape': (2,), }";
  EXPECT_EQ(parseError(npyBytes(dict, std::vector<uint8_t>(8))),
            "fortran_order arrays are not supported (save a C-contiguous "
            "array, e.g. np.ascontiguousarray(x))");
  dict = "{'descr': '>f4', 'fortran_order': False, 'shape': (2,), }";
  EXPECT_EQ(parseError(npyBytes(dict, std::vector<uint8_t>(8))),
            "unsupported dtype '>f4' (big-endian); supported: <f4 <f8 <i4 <i8 "
            "|u1 |b1");
  dict = "{'descr': '<f2', 'fortran_order': False, 'shape': (2,), }";
  EXPECT_NE(parseError(npyBytes(dict, std::vector<uint8_t>(4)))
                .find("unsupported dtype '<f2'"),
            std::string::npos);
  dict = "{'descr': [('a', '<f4')], 'fortran_order': False, 'shape': (2,), }";
  EXPECT_NE(parseError(npyBytes(dict, std::vector<uint8_t>(8)))
                .find("structured dtypes are not supported"),
            std::string::npos);
  dict = "{'descr': '|O', 'fortran_order': False, 'shape': (2,), }";
  EXPECT_NE(parseError(npyBytes(dict, std::vector<uint8_t>(16)))
                .find("unsupported dtype '|O'"),
            std::string::npos);
  dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }";
  EXPECT_EQ(parseError(npyBytes(dict, std::vector<uint8_t>(20))),
            "data has 20 bytes, f32 [2, 3] needs 24 (truncated file)");
  EXPECT_EQ(parseError(npyBytes(dict, std::vector<uint8_t>(28))),
            "data has 28 bytes, f32 [2, 3] needs 24");
  dict = "{'descr': '<f4', 'fortran_order': False}";
  EXPECT_EQ(parseError(npyBytes(dict, {})),
            "the .npy header lacks 'descr', 'fortran_order' or 'shape'");
  dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (2,), 'x': 1}";
  EXPECT_EQ(parseError(npyBytes(dict, std::vector<uint8_t>(8))),
            "unexpected key 'x' in the .npy header");
  dict = "{'descr': '<f4', 'fortran_order': False, 'shape': "
         "(4294967296, 4294967296, 4294967296), }";
  EXPECT_EQ(parseError(npyBytes(dict, {})),
            "shape [4294967296, 4294967296, 4294967296] is too large");
  dict = "{'descr': '<f4', 'fortran_order': False, 'shape': "
         "(99999999999999999999,), }";
  EXPECT_NE(parseError(npyBytes(dict, {})).find("invalid header"),
            std::string::npos);
  std::vector<uint8_t> bytes = npyBytes(
      "{'descr': '<f4', 'fortran_order': False, 'shape': (1,), }", {0, 0, 0, 0});
  bytes[6] = 4;
  EXPECT_EQ(parseError(bytes), "unsupported .npy format version 4.0");
  EXPECT_EQ(parseError({'P', 'K', 3, 4}), "not a .npy file (no \\x93NUMPY magic)");
}

TEST(Npy, TruncatedAtEveryLength) {
  std::vector<float> values(10, 1.0f);
  std::vector<uint8_t> bytes = npyBytes(
      "{'descr': '<f4', 'fortran_order': False, 'shape': (10,), }",
      mmtest::bytesOf(values));
  for (size_t n = 0; n < bytes.size(); ++n) {
    Array array;
    std::string error;
    EXPECT_FALSE(mm::io::parseNpy(bytes.data(), n, array, error)) << n;
    EXPECT_FALSE(error.empty());
  }
}

TEST(Npy, RandomByteFlipsNeverCrash) {
  std::vector<uint8_t> good = npyBytes(
      "{'descr': '<i4', 'fortran_order': False, 'shape': (3, 2), }",
      std::vector<uint8_t>(24, 1));
  std::mt19937 rng(7);
  std::uniform_int_distribution<size_t> pos(0, good.size() - 1);
  std::uniform_int_distribution<int> val(1, 255);
  for (int i = 0; i < 3000; ++i) {
    std::vector<uint8_t> bytes = good;
    bytes[pos(rng)] ^= static_cast<uint8_t>(val(rng));
    Array array;
    std::string error;
    if (parse(bytes, array, error)) {
      uint64_t n = static_cast<uint64_t>(array.numElements());
      EXPECT_EQ(n * mm::io::dtypeSize(array.dtype), array.data.size());
    } else {
      EXPECT_FALSE(error.empty());
    }
  }
}

TEST(Npy, WriteThenRead) {
  TempDir dir;
  Array array;
  array.dtype = "i64";
  array.shape = {2, 1, 2};
  array.data = mmtest::bytesOf(std::vector<int64_t>{1, -2, 3, -4});
  std::string path = dir.file("a.npy"), error;
  ASSERT_TRUE(mm::io::writeNpy(path, array, error)) << error;
  std::vector<uint8_t> bytes = mmtest::readBytes(path);
  // numpy's layout: the data starts at a multiple of 64.
  EXPECT_EQ((bytes.size() - array.data.size()) % 64, 0u);
  std::string header(bytes.begin() + 10,
                     bytes.end() - static_cast<long>(array.data.size()));
  EXPECT_EQ(header.rfind("{'descr': '<i8', 'fortran_order': False, 'shape': "
                         "(2, 1, 2), }",
                         0),
            0u);
  Array back;
  ASSERT_TRUE(mm::io::readNpy(path, back, error)) << error;
  EXPECT_EQ(back.dtype, array.dtype);
  EXPECT_EQ(back.shape, array.shape);
  EXPECT_EQ(back.data, array.data);

  for (std::vector<int64_t> shape :
       {std::vector<int64_t>{}, std::vector<int64_t>{5}}) {
    array.dtype = "u8";
    array.shape = shape;
    array.data.assign(static_cast<size_t>(array.numElements()), 9);
    ASSERT_TRUE(mm::io::writeNpy(path, array, error)) << error;
    ASSERT_TRUE(mm::io::readNpy(path, back, error)) << error;
    EXPECT_EQ(back.shape, shape);
    EXPECT_EQ(back.data, array.data);
  }
  array.data.push_back(0);
  EXPECT_FALSE(mm::io::writeNpy(path, array, error));
  EXPECT_FALSE(mm::io::readNpy(dir.file("missing.npy"), back, error));
  EXPECT_EQ(error.rfind(dir.file("missing.npy") + ": cannot open", 0), 0u);
}

} // namespace
