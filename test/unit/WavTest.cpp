//===- WavTest.cpp - .wav reading -----------------------------------------===//

#include "TestUtil.h"
#include "mm/io/ArrayIO.h"

#include <random>

using mm::io::Array;

namespace {

/// RIFF/WAVE with `channels` interleaved 16-bit samples, an optional LIST
/// chunk before "data" (as many tools write) and an odd-sized chunk.
std::vector<uint8_t> wavBytes(const std::vector<int16_t> &samples,
                              int channels, bool withList = true,
                              int format = 1, int bits = 16) {
  std::vector<uint8_t> body;
  mmtest::putStr(body, "WAVE");
  mmtest::putStr(body, "fmt ");
  mmtest::putLE(body, 16, 4);
  mmtest::putLE(body, static_cast<uint64_t>(format), 2);
  mmtest::putLE(body, static_cast<uint64_t>(channels), 2);
  mmtest::putLE(body, 16000, 4);
  mmtest::putLE(body, static_cast<uint64_t>(16000 * channels * 2), 4);
  mmtest::putLE(body, static_cast<uint64_t>(channels * 2), 2);
  mmtest::putLE(body, static_cast<uint64_t>(bits), 2);
  if (withList) {
    mmtest::putStr(body, "LIST");
    mmtest::putLE(body, 3, 4);
    mmtest::putStr(body, "abc");
    body.push_back(0); // pad byte of the odd-sized chunk
  }
  mmtest::putStr(body, "data");
  mmtest::putLE(body, samples.size() * 2, 4);
  for (int16_t s : samples)
    mmtest::putLE(body, static_cast<uint16_t>(s), 2);
  std::vector<uint8_t> out;
  mmtest::putStr(out, "RIFF");
  mmtest::putLE(out, body.size(), 4);
  out.insert(out.end(), body.begin(), body.end());
  return out;
}

std::string parseError(const std::vector<uint8_t> &bytes) {
  Array array;
  std::string error;
  EXPECT_FALSE(mm::io::parseWav(bytes.data(), bytes.size(), array, error));
  return error;
}

TEST(Wav, ReadsMonoAsF32Row) {
  std::vector<int16_t> samples = {0, 16384, -32768, 32767, -1};
  std::vector<uint8_t> bytes = wavBytes(samples, 1);
  Array array;
  std::string error;
  int64_t rate = 0;
  ASSERT_TRUE(
      mm::io::parseWav(bytes.data(), bytes.size(), array, error, &rate))
      << error;
  EXPECT_EQ(rate, 16000);
  EXPECT_EQ(array.dtype, "f32");
  EXPECT_EQ(array.shape, (std::vector<int64_t>{1, 5}));
  // sample / 32768 is exact in f32: tolerance 0.
  EXPECT_EQ(mmtest::valuesOf<float>(array.data),
            (std::vector<float>{0.0f, 0.5f, -1.0f, 32767.0f / 32768.0f,
                                -1.0f / 32768.0f}));
}

TEST(Wav, KeepsTheFirstChannel) {
  std::vector<int16_t> interleaved = {100, -5, 200, -6, 300, -7};
  std::vector<uint8_t> bytes = wavBytes(interleaved, 2, false);
  mmtest::TempDir dir;
  mmtest::writeBytes(dir.file("a.wav"), bytes);
  Array array;
  std::string error;
  ASSERT_TRUE(mm::io::readWav(dir.file("a.wav"), array, error)) << error;
  EXPECT_EQ(array.shape, (std::vector<int64_t>{1, 3}));
  EXPECT_EQ(mmtest::valuesOf<float>(array.data),
            (std::vector<float>{100 / 32768.0f, 200 / 32768.0f,
                                300 / 32768.0f}));
}

TEST(Wav, RejectsWhatItCannotRead) {
  EXPECT_EQ(parseError(wavBytes({1, 2}, 1, true, 3)),
            "audio format 3 is not supported (only 16-bit PCM)");
  EXPECT_EQ(parseError(wavBytes({1, 2}, 1, true, 1, 8)),
            "8-bit samples are not supported (only 16-bit PCM)");
  EXPECT_EQ(parseError(wavBytes({1, 2}, 0)),
            "invalid 'fmt ' chunk (0 channels, block align 0)");
  EXPECT_EQ(parseError(wavBytes({1, 2, 3}, 2)),
            "'data' chunk of 6 bytes is not a whole number of 4-byte frames");
  std::vector<uint8_t> bytes = wavBytes({1, 2, 3}, 1);
  bytes.pop_back();
  EXPECT_EQ(parseError(bytes),
            "chunk 'data' says 6 bytes, only 5 remain (truncated file)");
  EXPECT_EQ(parseError({'R', 'I', 'F', 'F'}), "not a RIFF/WAVE file");
  std::vector<uint8_t> noData = wavBytes({}, 1, false);
  noData.resize(36); // RIFF header and "fmt " only
  EXPECT_EQ(parseError(noData), "no 'data' chunk");
}

TEST(Wav, TruncatedAndFlippedNeverCrash) {
  std::vector<int16_t> samples(40);
  for (size_t i = 0; i < samples.size(); ++i)
    samples[i] = static_cast<int16_t>(i * 1000 - 20000);
  std::vector<uint8_t> good = wavBytes(samples, 2);
  for (size_t n = 0; n < good.size(); ++n) {
    Array array;
    std::string error;
    EXPECT_FALSE(mm::io::parseWav(good.data(), n, array, error)) << n;
    EXPECT_FALSE(error.empty());
  }
  std::mt19937 rng(3);
  std::uniform_int_distribution<size_t> pos(0, good.size() - 1);
  std::uniform_int_distribution<int> val(1, 255);
  for (int i = 0; i < 3000; ++i) {
    std::vector<uint8_t> bytes = good;
    bytes[pos(rng)] ^= static_cast<uint8_t>(val(rng));
    Array array;
    std::string error;
    if (mm::io::parseWav(bytes.data(), bytes.size(), array, error)) {
      ASSERT_EQ(array.shape.size(), 2u);
      EXPECT_EQ(static_cast<size_t>(array.shape[1]) * 4, array.data.size());
    } else {
      EXPECT_FALSE(error.empty());
    }
  }
}

} // namespace
