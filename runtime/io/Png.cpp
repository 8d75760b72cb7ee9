//===- Png.cpp - .png image reading ---------------------------------------===//
//
// libpng's simplified API does the decoding: it reports every malformed
// file through `png_image::message` rather than longjmp-ing through our
// frames, and expands palettes, grey and low bit depths.
//
//===----------------------------------------------------------------------===//

#include "mm/io/ArrayIO.h"

#include <png.h>

#include <cstring>

using namespace mm::io;

namespace {
/// Larger images are refused before decoding: a hostile header can claim
/// 2^31 × 2^31 pixels.
constexpr uint64_t kMaxPixels = uint64_t(1) << 26;
} // namespace

bool mm::io::parsePng(const uint8_t *bytes, size_t size, Array &array,
                      std::string &error) {
  array = Array();
  png_image image;
  std::memset(&image, 0, sizeof(image));
  image.version = PNG_IMAGE_VERSION;
  if (!png_image_begin_read_from_memory(&image, bytes, size)) {
    error = std::string("not a readable PNG file: ") + image.message;
    return false;
  }
  uint64_t width = image.width, height = image.height;
  if (width == 0 || height == 0 || width * height > kMaxPixels) {
    png_image_free(&image);
    error = "image of " + std::to_string(width) + "x" + std::to_string(height) +
            " pixels is empty or larger than the " +
            std::to_string(kMaxPixels) + " pixels mm reads";
    return false;
  }
  // Pixels are kept as stored, the way PIL's convert("RGB") keeps them:
  // 8-bit files are read as RGBA and the alpha dropped (asking libpng for
  // RGB would composite onto black); 16-bit files are read as linear
  // 16-bit, which libpng leaves unconverted when there is no alpha, and
  // rounded to 8 bits here.
  bool wide = (image.format & PNG_FORMAT_FLAG_LINEAR) != 0;
  image.format = wide ? PNG_FORMAT_LINEAR_RGB : PNG_FORMAT_RGBA;
  unsigned channels = wide ? 3 : 4;
  std::vector<uint8_t> raw(PNG_IMAGE_SIZE(image));
  if (!png_image_finish_read(&image, nullptr, raw.data(), 0, nullptr)) {
    error = std::string("corrupt PNG data: ") + image.message;
    png_image_free(&image);
    return false;
  }
  // Models take images channels first, as PyTorch's conv2d does.
  array.dtype = "u8";
  array.shape = {1, 3, (int64_t)height, (int64_t)width};
  uint64_t plane = width * height;
  array.data.resize(3 * plane);
  for (uint64_t p = 0; p < plane; ++p)
    for (unsigned c = 0; c < 3; ++c) {
      uint8_t v;
      if (wide) {
        uint16_t w;
        std::memcpy(&w, raw.data() + 2 * (channels * p + c), 2);
        v = (uint8_t)((w * 255u + 32767u) / 65535u);
      } else {
        v = raw[channels * p + c];
      }
      array.data[c * plane + p] = v;
    }
  return true;
}

bool mm::io::readPng(const std::string &path, Array &array,
                     std::string &error) {
  std::vector<uint8_t> bytes;
  if (!readFile(path, bytes, error))
    return false;
  if (!parsePng(bytes.data(), bytes.size(), array, error)) {
    error = path + ": " + error;
    return false;
  }
  return true;
}
