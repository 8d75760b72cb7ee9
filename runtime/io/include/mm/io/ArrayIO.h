//===- ArrayIO.h - Arrays in and out: npy, npz, safetensors, wav, png ----===//
//
// The file formats an ML engineer's tools produce, read without Python:
// `mmc pack` reads trained weights from .npz / .safetensors, `mm-run`
// reads inputs from .npy / .wav / .png and writes its outputs as .npy.
//
// Every reader takes the bytes as hostile: each size and offset is checked
// against the file before it is used, and a malformed file gives `false`
// and a message, never a crash. Messages of the read* functions start with
// the path ("x.npy: ..."); those of the parse* functions do not.
//
//===----------------------------------------------------------------------===//
#ifndef MM_IO_ARRAYIO_H
#define MM_IO_ARRAYIO_H

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace mm {
namespace io {

/// A dense, row-major, little-endian array.
struct Array {
  /// "f32", "f64", "i32", "i64", "u8" or "bool" (one byte per element).
  std::string dtype;
  std::vector<int64_t> shape;
  std::vector<uint8_t> data;

  /// Product of `shape` (1 for a scalar); -1 if a dimension is negative or
  /// the product overflows int64.
  int64_t numElements() const;
};

struct NamedArray {
  std::string name;
  Array array;
};

/// Size in bytes of one element of `dtype`; 0 for an unknown dtype.
size_t dtypeSize(const std::string &dtype);

/// Reads a whole regular file.
bool readFile(const std::string &path, std::vector<uint8_t> &bytes,
              std::string &error);

/// .npy, format versions 1.0, 2.0 and 3.0; dtypes '<f4' '<f8' '<i4' '<i8'
/// '|u1' '|b1'; C order only.
bool parseNpy(const uint8_t *bytes, size_t size, Array &array,
              std::string &error);
bool readNpy(const std::string &path, Array &array, std::string &error);
/// Encodes as .npy (version 1.0, or 2.0 for a header over 64 KiB).
bool encodeNpy(const Array &array, std::vector<uint8_t> &bytes,
               std::string &error);
bool writeNpy(const std::string &path, const Array &array, std::string &error);

/// .npz (np.savez / np.savez_compressed): a zip of .npy files, stored or
/// deflated; the names lose their ".npy" suffix. Zip64 is not supported.
bool parseNpz(const uint8_t *bytes, size_t size,
              std::vector<NamedArray> &arrays, std::string &error);
bool readNpz(const std::string &path, std::vector<NamedArray> &arrays,
             std::string &error);

/// .safetensors with dtypes F32, F64, I32, I64, U8 and BOOL, in the order
/// of the header.
bool parseSafeTensors(const uint8_t *bytes, size_t size,
                      std::vector<NamedArray> &arrays, std::string &error);
bool readSafeTensors(const std::string &path, std::vector<NamedArray> &arrays,
                     std::string &error);

/// RIFF/WAVE, 16-bit PCM, as f32 [1, N] in [-1, 1) (sample / 32768); of a
/// multi-channel file only the first channel is kept. `sampleRate`, if not
/// null, receives the file's sample rate.
bool parseWav(const uint8_t *bytes, size_t size, Array &array,
              std::string &error, int64_t *sampleRate = nullptr);
bool readWav(const std::string &path, Array &array, std::string &error,
             int64_t *sampleRate = nullptr);

/// PNG of any colour type and bit depth, as u8 [1, 3, H, W] (RGB,
/// channels first; alpha is dropped, grey is replicated).
bool parsePng(const uint8_t *bytes, size_t size, Array &array,
              std::string &error);
bool readPng(const std::string &path, Array &array, std::string &error);

} // namespace io
} // namespace mm

#endif // MM_IO_ARRAYIO_H
