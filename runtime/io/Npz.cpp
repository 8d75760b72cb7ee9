//===- Npz.cpp - .npz (zip of .npy) reading -------------------------------===//
//
// Only what np.savez and np.savez_compressed write: a single-disk zip whose
// entries are stored or deflated. The central directory is authoritative
// for sizes (entries written with a data descriptor have zeros in their
// local header); the local header only locates the data.
//
//===----------------------------------------------------------------------===//

#include "mm/io/ArrayIO.h"

#include "IOInternal.h"

#include <set>

#include <zlib.h>

using namespace mm::io;
using mm::io::detail::printable;
using mm::io::detail::readLE;

namespace {

constexpr uint32_t kEndOfCentralDirSig = 0x06054b50;
constexpr uint32_t kZip64LocatorSig = 0x07064b50;
constexpr uint32_t kCentralHeaderSig = 0x02014b50;
constexpr uint32_t kLocalHeaderSig = 0x04034b50;
constexpr size_t kEndOfCentralDirSize = 22;
constexpr size_t kCentralHeaderSize = 46;
constexpr size_t kLocalHeaderSize = 30;
constexpr size_t kZip64LocatorSize = 20;
/// Deflate cannot expand data by more than about 1032:1; a larger claimed
/// ratio is a corrupt (or hostile) entry.
constexpr uint64_t kMaxDeflateRatio = 1032;

bool inflateEntry(const uint8_t *in, size_t inSize, size_t outSize,
                  std::vector<uint8_t> &out, std::string &error) {
  if (outSize > inSize * kMaxDeflateRatio + 64) {
    error = "claims an impossible compression ratio (" +
            std::to_string(inSize) + " -> " + std::to_string(outSize) +
            " bytes)";
    return false;
  }
  z_stream stream = {};
  if (inflateInit2(&stream, -MAX_WBITS) != Z_OK) {
    error = "cannot initialize zlib";
    return false;
  }
  stream.next_in = const_cast<Bytef *>(in);
  stream.avail_in = static_cast<uInt>(inSize);
  out.clear();
  // Grow as data is really produced, so a lying size costs nothing.
  size_t produced = 0;
  int ret = Z_OK;
  while (ret != Z_STREAM_END) {
    if (produced == out.size()) {
      if (out.size() == outSize + 1) {
        ret = Z_DATA_ERROR; // more data than the directory says
        break;
      }
      size_t next = out.size() < 65536 ? 65536 : out.size() * 2;
      out.resize(next < outSize + 1 ? next : outSize + 1);
    }
    stream.next_out = out.data() + produced;
    stream.avail_out = static_cast<uInt>(out.size() - produced);
    ret = inflate(&stream, Z_NO_FLUSH);
    produced = out.size() - stream.avail_out;
    if (ret != Z_OK && ret != Z_STREAM_END)
      break;
  }
  inflateEnd(&stream);
  if (ret != Z_STREAM_END || produced != outSize) {
    error = "corrupt deflate data (" +
            std::string(ret == Z_STREAM_END ? "wrong size" : "zlib error") +
            ")";
    return false;
  }
  out.resize(produced);
  return true;
}

} // namespace

bool mm::io::parseNpz(const uint8_t *bytes, size_t size,
                      std::vector<NamedArray> &arrays, std::string &error) {
  arrays.clear();
  if (size < kEndOfCentralDirSize) {
    error = "not a .npz (zip) file: too short";
    return false;
  }
  // The end-of-central-directory record ends the file, after a comment of
  // up to 64 KiB.
  size_t eocd = size;
  size_t lowest = size - kEndOfCentralDirSize > 0xffff
                      ? size - kEndOfCentralDirSize - 0xffff
                      : 0;
  for (size_t p = size - kEndOfCentralDirSize + 1; p-- > lowest;) {
    if (readLE(bytes + p, 4) == kEndOfCentralDirSig &&
        readLE(bytes + p + 20, 2) <= size - p - kEndOfCentralDirSize) {
      eocd = p;
      break;
    }
  }
  if (eocd == size) {
    error = "not a .npz (zip) file: no end of central directory";
    return false;
  }
  const uint8_t *e = bytes + eocd;
  uint64_t disk = readLE(e + 4, 2), cdDisk = readLE(e + 6, 2);
  uint64_t entriesOnDisk = readLE(e + 8, 2), entries = readLE(e + 10, 2);
  uint64_t cdSize = readLE(e + 12, 4), cdOffset = readLE(e + 16, 4);
  if ((eocd >= kZip64LocatorSize &&
       readLE(bytes + eocd - kZip64LocatorSize, 4) == kZip64LocatorSig) ||
      entries == 0xffff || cdSize == 0xffffffff || cdOffset == 0xffffffff) {
    error = "zip64 archives are not supported";
    return false;
  }
  if (disk != 0 || cdDisk != 0 || entriesOnDisk != entries) {
    error = "multi-disk zip archives are not supported";
    return false;
  }
  if (cdOffset > eocd || cdSize > eocd - cdOffset) {
    error = "corrupt zip: central directory outside the file";
    return false;
  }

  std::set<std::string> names;
  size_t p = static_cast<size_t>(cdOffset);
  size_t cdEnd = static_cast<size_t>(cdOffset + cdSize);
  for (uint64_t i = 0; i < entries; ++i) {
    std::string where = "corrupt zip: central directory entry " +
                        std::to_string(i);
    if (cdEnd - p < kCentralHeaderSize ||
        readLE(bytes + p, 4) != kCentralHeaderSig) {
      error = where + " is truncated or has a bad signature";
      return false;
    }
    const uint8_t *c = bytes + p;
    uint64_t flags = readLE(c + 8, 2), method = readLE(c + 10, 2);
    uint32_t crc = static_cast<uint32_t>(readLE(c + 16, 4));
    uint64_t compSize = readLE(c + 20, 4), size32 = readLE(c + 24, 4);
    uint64_t nameLen = readLE(c + 28, 2), extraLen = readLE(c + 30, 2);
    uint64_t commentLen = readLE(c + 32, 2);
    uint64_t localOffset = readLE(c + 42, 4);
    uint64_t entrySize = kCentralHeaderSize + nameLen + extraLen + commentLen;
    if (entrySize > cdEnd - p) {
      error = where + " is truncated";
      return false;
    }
    std::string name(reinterpret_cast<const char *>(c) + kCentralHeaderSize,
                     static_cast<size_t>(nameLen));
    p += static_cast<size_t>(entrySize);
    std::string entry = "entry '" + printable(name) + "'";

    if (compSize == 0xffffffff || size32 == 0xffffffff ||
        localOffset == 0xffffffff) {
      error = "zip64 archives are not supported (" + entry + ")";
      return false;
    }
    if (flags & 1) {
      error = entry + " is encrypted";
      return false;
    }
    if (method != 0 && method != 8) {
      error = entry + " uses compression method " + std::to_string(method) +
              " (only stored and deflate are supported)";
      return false;
    }
    const std::string suffix = ".npy";
    if (name.size() <= suffix.size() ||
        name.compare(name.size() - suffix.size(), suffix.size(), suffix) != 0) {
      error = entry + " is not a .npy file";
      return false;
    }
    name.resize(name.size() - suffix.size());
    if (!names.insert(name).second) {
      error = "array '" + printable(name) + "' appears more than once";
      return false;
    }

    if (localOffset > size || size - localOffset < kLocalHeaderSize ||
        readLE(bytes + localOffset, 4) != kLocalHeaderSig) {
      error = "corrupt zip: the local header of " + entry + " is invalid";
      return false;
    }
    const uint8_t *l = bytes + localOffset;
    uint64_t dataOffset = localOffset + kLocalHeaderSize + readLE(l + 26, 2) +
                          readLE(l + 28, 2);
    if (dataOffset > size || compSize > size - dataOffset) {
      error = "corrupt zip: the data of " + entry + " is outside the file";
      return false;
    }
    const uint8_t *data = bytes + dataOffset;

    std::vector<uint8_t> npy;
    if (method == 0) {
      if (compSize != size32) {
        error = "corrupt zip: stored " + entry + " has two sizes";
        return false;
      }
      npy.assign(data, data + compSize);
    } else if (!inflateEntry(data, static_cast<size_t>(compSize),
                             static_cast<size_t>(size32), npy, error)) {
      error = entry + ": " + error;
      return false;
    }
    uint32_t actualCrc = static_cast<uint32_t>(
        crc32(crc32(0L, Z_NULL, 0), npy.data(), static_cast<uInt>(npy.size())));
    if (actualCrc != crc) {
      error = entry + " fails its CRC-32 check";
      return false;
    }
    NamedArray named;
    named.name = name;
    if (!parseNpy(npy.data(), npy.size(), named.array, error)) {
      error = entry + ": " + error;
      return false;
    }
    arrays.push_back(std::move(named));
  }
  return true;
}

bool mm::io::readNpz(const std::string &path, std::vector<NamedArray> &arrays,
                     std::string &error) {
  std::vector<uint8_t> bytes;
  if (!readFile(path, bytes, error))
    return false;
  if (!parseNpz(bytes.data(), bytes.size(), arrays, error)) {
    error = path + ": " + error;
    return false;
  }
  return true;
}
