//===- Wav.cpp - .wav (RIFF/WAVE, 16-bit PCM) reading ---------------------===//
//
// Chunks are walked in any order and unknown ones (LIST, fact, ...) are
// skipped; only "fmt " and "data" matter. WAVE_FORMAT_EXTENSIBLE is
// accepted when its sub-format is PCM.
//
//===----------------------------------------------------------------------===//

#include "mm/io/ArrayIO.h"

#include "IOInternal.h"

#include <cstring>

using namespace mm::io;
using mm::io::detail::readLE;

namespace {
constexpr uint64_t kFormatPcm = 1;
constexpr uint64_t kFormatExtensible = 0xfffe;
} // namespace

bool mm::io::parseWav(const uint8_t *bytes, size_t size, Array &array,
                      std::string &error, int64_t *sampleRate) {
  array = Array();
  if (size < 12 || std::memcmp(bytes, "RIFF", 4) != 0 ||
      std::memcmp(bytes + 8, "WAVE", 4) != 0) {
    error = "not a RIFF/WAVE file";
    return false;
  }
  // The RIFF size may be stale in files written by streaming tools; the
  // chunks are bounded by the real file size instead.
  bool haveFormat = false;
  uint64_t channels = 0, rate = 0, blockAlign = 0, bits = 0;
  const uint8_t *data = nullptr;
  uint64_t dataSize = 0;
  size_t p = 12;
  while (size - p >= 8) {
    const uint8_t *id = bytes + p;
    uint64_t chunkSize = readLE(bytes + p + 4, 4);
    size_t body = p + 8;
    if (chunkSize > size - body) {
      error = "chunk '" + detail::printable(std::string(
                              reinterpret_cast<const char *>(id), 4)) +
              "' says " + std::to_string(chunkSize) + " bytes, only " +
              std::to_string(size - body) + " remain (truncated file)";
      return false;
    }
    if (std::memcmp(id, "fmt ", 4) == 0) {
      if (chunkSize < 16) {
        error = "'fmt ' chunk is too short";
        return false;
      }
      const uint8_t *f = bytes + body;
      uint64_t format = readLE(f, 2);
      channels = readLE(f + 2, 2);
      rate = readLE(f + 4, 4);
      blockAlign = readLE(f + 12, 2);
      bits = readLE(f + 14, 2);
      if (format == kFormatExtensible) {
        // cbSize(2) validBits(2) channelMask(4) subFormat GUID(16).
        if (chunkSize < 40) {
          error = "'fmt ' chunk of WAVE_FORMAT_EXTENSIBLE is too short";
          return false;
        }
        format = readLE(f + 24, 2);
      }
      if (format != kFormatPcm) {
        error = "audio format " + std::to_string(format) +
                " is not supported (only 16-bit PCM)";
        return false;
      }
      haveFormat = true;
    } else if (std::memcmp(id, "data", 4) == 0 && !data) {
      data = bytes + body;
      dataSize = chunkSize;
    }
    // Chunks are padded to an even size.
    uint64_t advance = 8 + chunkSize + (chunkSize & 1);
    if (advance > size - p)
      break;
    p += static_cast<size_t>(advance);
  }
  if (!haveFormat || !data) {
    error = std::string("no '") + (haveFormat ? "data" : "fmt ") + "' chunk";
    return false;
  }
  if (bits != 16) {
    error = std::to_string(bits) +
            "-bit samples are not supported (only 16-bit PCM)";
    return false;
  }
  if (channels == 0 || blockAlign != channels * 2) {
    error = "invalid 'fmt ' chunk (" + std::to_string(channels) +
            " channels, block align " + std::to_string(blockAlign) + ")";
    return false;
  }
  if (dataSize % blockAlign != 0) {
    error = "'data' chunk of " + std::to_string(dataSize) +
            " bytes is not a whole number of " + std::to_string(blockAlign) +
            "-byte frames";
    return false;
  }
  uint64_t frames = dataSize / blockAlign;
  array.dtype = "f32";
  array.shape = {1, static_cast<int64_t>(frames)};
  array.data.resize(static_cast<size_t>(frames) * sizeof(float));
  for (uint64_t i = 0; i < frames; ++i) {
    int16_t sample = static_cast<int16_t>(readLE(data + i * blockAlign, 2));
    float value = static_cast<float>(sample) / 32768.0f;
    std::memcpy(array.data.data() + i * sizeof(float), &value, sizeof(float));
  }
  if (sampleRate)
    *sampleRate = static_cast<int64_t>(rate);
  return true;
}

bool mm::io::readWav(const std::string &path, Array &array, std::string &error,
                     int64_t *sampleRate) {
  std::vector<uint8_t> bytes;
  if (!readFile(path, bytes, error))
    return false;
  if (!parseWav(bytes.data(), bytes.size(), array, error, sampleRate)) {
    error = path + ": " + error;
    return false;
  }
  return true;
}
