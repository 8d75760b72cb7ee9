//===- SafeTensorsTest.cpp - .safetensors reading and its JSON parser -----===//

#include "Json.h"
#include "TestUtil.h"
#include "mm/io/ArrayIO.h"

#include <random>

using mm::io::NamedArray;
namespace json = mm::io::json;

namespace {

std::vector<uint8_t> safetensors(const std::string &header,
                                 const std::vector<uint8_t> &data) {
  std::vector<uint8_t> out;
  mmtest::putLE(out, header.size(), 8);
  mmtest::putStr(out, header);
  out.insert(out.end(), data.begin(), data.end());
  return out;
}

const std::string kHeader =
    R"({"__metadata__": {"format": "pt"},)"
    R"( "lstm.weight": {"dtype": "F32", "shape": [2, 2], "data_offsets": [0, 16]},)"
    R"( "ids": {"dtype": "I64", "shape": [1], "data_offsets": [16, 24]},)"
    R"( "mask": {"dtype": "BOOL", "shape": [], "data_offsets": [24, 25]}})"
    "   ";

std::vector<uint8_t> kData() {
  std::vector<uint8_t> data = mmtest::bytesOf(std::vector<float>{1, 2, 3, 4});
  std::vector<uint8_t> ids = mmtest::bytesOf(std::vector<int64_t>{-9});
  data.insert(data.end(), ids.begin(), ids.end());
  data.push_back(1);
  return data;
}

std::string parseError(const std::vector<uint8_t> &bytes) {
  std::vector<NamedArray> arrays;
  std::string error;
  EXPECT_FALSE(
      mm::io::parseSafeTensors(bytes.data(), bytes.size(), arrays, error));
  return error;
}

TEST(SafeTensors, ReadsTensorsInHeaderOrder) {
  std::vector<uint8_t> bytes = safetensors(kHeader, kData());
  std::vector<NamedArray> arrays;
  std::string error;
  ASSERT_TRUE(
      mm::io::parseSafeTensors(bytes.data(), bytes.size(), arrays, error))
      << error;
  ASSERT_EQ(arrays.size(), 3u);
  EXPECT_EQ(arrays[0].name, "lstm.weight");
  EXPECT_EQ(arrays[0].array.dtype, "f32");
  EXPECT_EQ(arrays[0].array.shape, (std::vector<int64_t>{2, 2}));
  EXPECT_EQ(mmtest::valuesOf<float>(arrays[0].array.data),
            (std::vector<float>{1, 2, 3, 4}));
  EXPECT_EQ(arrays[1].name, "ids");
  EXPECT_EQ(mmtest::valuesOf<int64_t>(arrays[1].array.data),
            (std::vector<int64_t>{-9}));
  EXPECT_EQ(arrays[2].array.dtype, "bool");
  EXPECT_TRUE(arrays[2].array.shape.empty());

  mmtest::TempDir dir;
  mmtest::writeBytes(dir.file("m.safetensors"), bytes);
  ASSERT_TRUE(mm::io::readSafeTensors(dir.file("m.safetensors"), arrays, error))
      << error;
}

TEST(SafeTensors, RejectsBadHeaders) {
  auto one = [](const std::string &entry, size_t dataSize) {
    return safetensors("{\"t\": " + entry + "}",
                       std::vector<uint8_t>(dataSize, 0));
  };
  EXPECT_EQ(parseError(one(R"({"dtype": "F16", "shape": [2], "data_offsets": [0, 4]})", 4)),
            "tensor 't': dtype 'F16' is not supported (F32, F64, I32, I64, "
            "U8, BOOL)");
  EXPECT_EQ(parseError(one(R"({"dtype": "F32", "shape": [3], "data_offsets": [0, 8]})", 8)),
            "tensor 't': has 8 bytes of data, F32 [3] needs 12");
  EXPECT_EQ(parseError(one(R"({"dtype": "F32", "shape": [2], "data_offsets": [0, 8]})", 7)),
            "tensor 't': data_offsets [0, 8] go past the end of the data (7 "
            "bytes)");
  EXPECT_EQ(parseError(one(R"({"dtype": "F32", "shape": [-2], "data_offsets": [0, 8]})", 8)),
            "tensor 't': shape has an entry that is not a non-negative integer");
  EXPECT_EQ(parseError(one(R"({"dtype": "F32", "shape": [2.5], "data_offsets": [0, 8]})", 8)),
            "tensor 't': shape has an entry that is not a non-negative integer");
  EXPECT_EQ(parseError(one(R"({"dtype": "F32", "shape": [2], "data_offsets": [8, 0]})", 8)),
            "tensor 't': data_offsets are not two increasing non-negative "
            "integers");
  EXPECT_EQ(parseError(one(R"({"dtype": "F32", "shape": [2]})", 8)),
            "tensor 't': needs a string 'dtype', an array 'shape' and a "
            "2-element array 'data_offsets'");
  EXPECT_EQ(parseError(one(R"({"dtype": "F32", "shape": [4294967296, 4294967296, 4294967296], "data_offsets": [0, 8]})", 8)),
            "tensor 't': has 8 bytes of data, F32 [4294967296, 4294967296, "
            "4294967296] needs more than 2^64");
  // Two tensors sharing bytes would let a small file expand without bound.
  EXPECT_EQ(parseError(safetensors(
                R"({"a": {"dtype": "U8", "shape": [4], "data_offsets": [0, 4]},)"
                R"( "b": {"dtype": "U8", "shape": [2], "data_offsets": [2, 4]}})",
                std::vector<uint8_t>(4))),
            "tensors 'a' and 'b' overlap");
  EXPECT_EQ(parseError(safetensors(R"({"a": 1, "a": 2})", {})),
            "header: invalid JSON at byte 12: duplicate key");
  EXPECT_EQ(parseError(safetensors("[]", {})), "header: not a JSON object");
  std::vector<uint8_t> bytes = safetensors(kHeader, kData());
  bytes[5] = 0x01; // header length 2^40 + ...
  EXPECT_NE(parseError(bytes).find("goes past the end of the file"),
            std::string::npos);
  EXPECT_EQ(parseError({1, 0}), "not a .safetensors file: too short");
  std::string deep(100000, '[');
  EXPECT_EQ(parseError(safetensors(deep, {})),
            "header: invalid JSON at byte 65: nesting deeper than 64");
}

TEST(SafeTensors, TruncatedAndFlippedNeverCrash) {
  std::vector<uint8_t> good = safetensors(kHeader, kData());
  for (size_t n = 0; n < good.size(); ++n) {
    std::vector<NamedArray> arrays;
    std::string error;
    EXPECT_FALSE(mm::io::parseSafeTensors(good.data(), n, arrays, error)) << n;
    EXPECT_FALSE(error.empty());
  }
  std::mt19937 rng(5);
  std::uniform_int_distribution<size_t> pos(0, good.size() - 1);
  std::uniform_int_distribution<int> val(1, 255);
  for (int i = 0; i < 3000; ++i) {
    std::vector<uint8_t> bytes = good;
    bytes[pos(rng)] ^= static_cast<uint8_t>(val(rng));
    std::vector<NamedArray> arrays;
    std::string error;
    if (mm::io::parseSafeTensors(bytes.data(), bytes.size(), arrays, error)) {
      for (const NamedArray &a : arrays)
        EXPECT_EQ(static_cast<uint64_t>(a.array.numElements()) *
                      mm::io::dtypeSize(a.array.dtype),
                  a.array.data.size());
    } else {
      EXPECT_FALSE(error.empty());
    }
  }
}

TEST(Json, ParsesValues) {
  json::Value v;
  std::string error;
  std::string text =
      R"( {"a": [1, -2, 3.5e2, true, false, null], "s": "x\"\\\/\b\f\n\r\t\u00e9\ud83d\ude00", "e": {}} )";
  ASSERT_TRUE(json::parse(text.data(), text.size(), v, error)) << error;
  ASSERT_EQ(v.kind, json::Kind::Object);
  const json::Value *a = v.find("a");
  ASSERT_NE(a, nullptr);
  ASSERT_EQ(a->items.size(), 6u);
  int64_t n;
  EXPECT_TRUE(a->items[1].asInt64(n));
  EXPECT_EQ(n, -2);
  EXPECT_FALSE(a->items[2].asInt64(n));
  EXPECT_EQ(a->items[2].text, "3.5e2");
  EXPECT_TRUE(a->items[3].boolean);
  EXPECT_EQ(a->items[5].kind, json::Kind::Null);
  EXPECT_EQ(v.find("s")->text, "x\"\\/\b\f\n\r\t\xc3\xa9\xf0\x9f\x98\x80");
  EXPECT_EQ(v.find("e")->kind, json::Kind::Object);
  EXPECT_EQ(v.find("zz"), nullptr);

  std::string big = "[9223372036854775807, -9223372036854775808, "
                    "9223372036854775808]";
  ASSERT_TRUE(json::parse(big.data(), big.size(), v, error));
  EXPECT_TRUE(v.items[0].asInt64(n));
  EXPECT_EQ(n, INT64_MAX);
  EXPECT_TRUE(v.items[1].asInt64(n));
  EXPECT_EQ(n, INT64_MIN);
  EXPECT_FALSE(v.items[2].asInt64(n));
}

TEST(Json, RejectsMalformedText) {
  const char *bad[] = {"",          "{",        "[1,]",        "{\"a\" 1}",
                       "01",        "1.",       "-",           "\"\\x\"",
                       "\"\\ud800\"", "\"\\udc00\"", "\"a\nb\"",  "tru",
                       "[1] [2]",   "{\"a\":}", "\"\\u12\"",  "{1: 2}"};
  for (const char *text : bad) {
    json::Value v;
    std::string error;
    EXPECT_FALSE(json::parse(text, std::strlen(text), v, error)) << text;
    EXPECT_EQ(error.rfind("invalid JSON at byte ", 0), 0u) << error;
  }
  json::Limits limits;
  limits.maxValues = 10;
  std::string many = "[1,2,3,4,5,6,7,8,9,10,11]";
  json::Value v;
  std::string error;
  EXPECT_FALSE(json::parse(many.data(), many.size(), v, error, limits));
  EXPECT_NE(error.find("more than 10 values"), std::string::npos);
}

} // namespace
