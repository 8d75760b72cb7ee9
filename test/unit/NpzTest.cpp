//===- NpzTest.cpp - .npz reading -----------------------------------------===//

#include "TestUtil.h"
#include "mm/io/ArrayIO.h"

#include <random>

#include <zlib.h>

using mm::io::NamedArray;

namespace {

std::vector<uint8_t> npy(const std::string &descr, const std::string &shape,
                         const std::vector<uint8_t> &data) {
  std::vector<uint8_t> out;
  mmtest::putStr(out, "\x93NUMPY\x01");
  out.push_back(0);
  std::string header = "{'descr': '" + descr +
                       "', 'fortran_order': False, 'shape': " + shape + ", }";
  while ((10 + header.size() + 1) % 64)
    header += ' ';
  header += '\n';
  mmtest::putLE(out, header.size(), 2);
  mmtest::putStr(out, header);
  out.insert(out.end(), data.begin(), data.end());
  return out;
}

std::vector<uint8_t> rawDeflate(const std::vector<uint8_t> &in) {
  z_stream s = {};
  EXPECT_EQ(deflateInit2(&s, 9, Z_DEFLATED, -MAX_WBITS, 8, Z_DEFAULT_STRATEGY),
            Z_OK);
  std::vector<uint8_t> out(deflateBound(&s, in.size()));
  s.next_in = const_cast<Bytef *>(in.data());
  s.avail_in = static_cast<uInt>(in.size());
  s.next_out = out.data();
  s.avail_out = static_cast<uInt>(out.size());
  EXPECT_EQ(deflate(&s, Z_FINISH), Z_STREAM_END);
  out.resize(s.total_out);
  deflateEnd(&s);
  return out;
}

struct Entry {
  std::string name;
  std::vector<uint8_t> content;
  bool deflate = false;
};

/// A zip as Python's zipfile writes it for np.savez(_compressed).
std::vector<uint8_t> zipBytes(const std::vector<Entry> &entries) {
  std::vector<uint8_t> out, central;
  for (const Entry &e : entries) {
    uint32_t crc = static_cast<uint32_t>(
        crc32(0, e.content.data(), static_cast<uInt>(e.content.size())));
    std::vector<uint8_t> data = e.deflate ? rawDeflate(e.content) : e.content;
    uint32_t offset = static_cast<uint32_t>(out.size());
    auto fields = [&](std::vector<uint8_t> &v) {
      mmtest::putLE(v, 20, 2);                   // version needed
      mmtest::putLE(v, 0, 2);                    // flags
      mmtest::putLE(v, e.deflate ? 8 : 0, 2);    // method
      mmtest::putLE(v, 0, 4);                    // time, date
      mmtest::putLE(v, crc, 4);
      mmtest::putLE(v, data.size(), 4);
      mmtest::putLE(v, e.content.size(), 4);
      mmtest::putLE(v, e.name.size(), 2);
      mmtest::putLE(v, 0, 2);                    // extra
    };
    mmtest::putLE(out, 0x04034b50, 4);
    fields(out);
    mmtest::putStr(out, e.name);
    out.insert(out.end(), data.begin(), data.end());

    mmtest::putLE(central, 0x02014b50, 4);
    mmtest::putLE(central, 20, 2); // version made by
    fields(central);
    mmtest::putLE(central, 0, 2); // comment
    mmtest::putLE(central, 0, 2); // disk
    mmtest::putLE(central, 0, 2); // internal attributes
    mmtest::putLE(central, 0, 4); // external attributes
    mmtest::putLE(central, offset, 4);
    mmtest::putStr(central, e.name);
  }
  uint32_t cdOffset = static_cast<uint32_t>(out.size());
  out.insert(out.end(), central.begin(), central.end());
  mmtest::putLE(out, 0x06054b50, 4);
  mmtest::putLE(out, 0, 4);
  mmtest::putLE(out, entries.size(), 2);
  mmtest::putLE(out, entries.size(), 2);
  mmtest::putLE(out, central.size(), 4);
  mmtest::putLE(out, cdOffset, 4);
  mmtest::putLE(out, 0, 2);
  return out;
}

std::vector<Entry> goodEntries() {
  std::vector<float> w(64);
  for (size_t i = 0; i < w.size(); ++i)
    w[i] = static_cast<float>(i) * 0.25f;
  return {
      {"fc.weight.npy", npy("<f4", "(8, 8)", mmtest::bytesOf(w)), true},
      {"fc.bias.npy", npy("<i8", "(2,)", mmtest::bytesOf(std::vector<int64_t>{
                                              5, -6})),
       false},
  };
}

bool parse(const std::vector<uint8_t> &bytes, std::vector<NamedArray> &arrays,
           std::string &error) {
  return mm::io::parseNpz(bytes.data(), bytes.size(), arrays, error);
}

std::string parseError(const std::vector<uint8_t> &bytes) {
  std::vector<NamedArray> arrays;
  std::string error;
  EXPECT_FALSE(parse(bytes, arrays, error));
  return error;
}

TEST(Npz, ReadsStoredAndDeflatedEntries) {
  std::vector<uint8_t> bytes = zipBytes(goodEntries());
  std::vector<NamedArray> arrays;
  std::string error;
  ASSERT_TRUE(parse(bytes, arrays, error)) << error;
  ASSERT_EQ(arrays.size(), 2u);
  EXPECT_EQ(arrays[0].name, "fc.weight");
  EXPECT_EQ(arrays[0].array.dtype, "f32");
  EXPECT_EQ(arrays[0].array.shape, (std::vector<int64_t>{8, 8}));
  std::vector<float> w = mmtest::valuesOf<float>(arrays[0].array.data);
  ASSERT_EQ(w.size(), 64u);
  EXPECT_EQ(w[63], 15.75f);
  EXPECT_EQ(arrays[1].name, "fc.bias");
  EXPECT_EQ(mmtest::valuesOf<int64_t>(arrays[1].array.data),
            (std::vector<int64_t>{5, -6}));

  mmtest::TempDir dir;
  mmtest::writeBytes(dir.file("w.npz"), bytes);
  ASSERT_TRUE(mm::io::readNpz(dir.file("w.npz"), arrays, error)) << error;
  EXPECT_EQ(arrays.size(), 2u);
  EXPECT_TRUE(zipBytes({}).size() == 22);
  ASSERT_TRUE(parse(zipBytes({}), arrays, error)) << error;
  EXPECT_TRUE(arrays.empty());
}

TEST(Npz, RejectsBadArchives) {
  std::vector<Entry> entries = goodEntries();
  entries[1].name = "fc.bias.txt";
  EXPECT_EQ(parseError(zipBytes(entries)), "entry 'fc.bias.txt' is not a .npy file");

  entries = goodEntries();
  entries[1].name = entries[0].name;
  EXPECT_EQ(parseError(zipBytes(entries)), "array 'fc.weight' appears more than once");

  entries = goodEntries();
  entries[1].content.pop_back();
  std::string error = parseError(zipBytes(entries));
  EXPECT_EQ(error.rfind("entry 'fc.bias.npy': data has 15 bytes", 0), 0u)
      << error;

  std::vector<uint8_t> bytes = zipBytes(goodEntries());
  // Zip64: the sizes of the end record are 0xffffffff.
  std::vector<uint8_t> zip64 = bytes;
  for (size_t i = zip64.size() - 10; i < zip64.size() - 2; ++i)
    zip64[i] = 0xff;
  EXPECT_EQ(parseError(zip64), "zip64 archives are not supported");

  // A CRC mismatch in the stored entry's data.
  std::vector<uint8_t> flipped = bytes;
  size_t at = 0;
  for (size_t i = 0; i + 4 < flipped.size(); ++i)
    if (std::memcmp(&flipped[i], "fc.bias.npy", 11) == 0) {
      at = i + 11 + 140; // inside the stored .npy
      break;
    }
  ASSERT_GT(at, 0u);
  flipped[at] ^= 1;
  EXPECT_EQ(parseError(flipped), "entry 'fc.bias.npy' fails its CRC-32 check");

  EXPECT_EQ(parseError({1, 2, 3}), "not a .npz (zip) file: too short");
  EXPECT_EQ(parseError(std::vector<uint8_t>(100, 0)),
            "not a .npz (zip) file: no end of central directory");
}

TEST(Npz, DeflateBombIsRejected) {
  // A deflated entry whose directory claims far more than deflate can
  // produce from its bytes.
  std::vector<Entry> entries = goodEntries();
  std::vector<uint8_t> bytes = zipBytes(entries);
  // Patch the central directory's uncompressed size of entry 0 to 2^31.
  size_t cd = bytes.size() - 22;
  size_t cdOffset = static_cast<size_t>(bytes[cd + 16] | bytes[cd + 17] << 8 |
                                        bytes[cd + 18] << 16 |
                                        bytes[cd + 19] << 24);
  bytes[cdOffset + 24] = 0;
  bytes[cdOffset + 25] = 0;
  bytes[cdOffset + 26] = 0;
  bytes[cdOffset + 27] = 0x80;
  std::string error = parseError(bytes);
  EXPECT_NE(error.find("impossible compression ratio"), std::string::npos)
      << error;
}

TEST(Npz, TruncatedAndFlippedNeverCrash) {
  std::vector<uint8_t> good = zipBytes(goodEntries());
  for (size_t n = 0; n < good.size(); ++n) {
    std::vector<NamedArray> arrays;
    std::string error;
    EXPECT_FALSE(mm::io::parseNpz(good.data(), n, arrays, error)) << n;
    EXPECT_FALSE(error.empty());
  }
  std::mt19937 rng(11);
  std::uniform_int_distribution<size_t> pos(0, good.size() - 1);
  std::uniform_int_distribution<int> val(1, 255);
  int ok = 0;
  for (int i = 0; i < 3000; ++i) {
    std::vector<uint8_t> bytes = good;
    for (int k = 0; k < 2; ++k)
      bytes[pos(rng)] ^= static_cast<uint8_t>(val(rng));
    std::vector<NamedArray> arrays;
    std::string error;
    if (parse(bytes, arrays, error)) {
      ++ok;
      for (const NamedArray &a : arrays)
        EXPECT_EQ(static_cast<uint64_t>(a.array.numElements()) *
                      mm::io::dtypeSize(a.array.dtype),
                  a.array.data.size());
    } else {
      EXPECT_FALSE(error.empty());
    }
  }
  // CRC-32 catches nearly every flip in the data; only flips in unused
  // fields (times, attributes, version) leave the archive readable.
  EXPECT_GT(ok, 0);
}

} // namespace
