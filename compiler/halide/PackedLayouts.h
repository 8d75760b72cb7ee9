//===- PackedLayouts.h - weight layouts shared by kernels and glue -*- C++ -*-===//
//
// The recurrent kernels built with prepacked=true read their weights in
// layouts that mmc's C glue writes once per model (Kernels.cpp,
// writeRecurrentShim). Both sides take the layouts' sizes from here, so
// that a change of one cannot leave the other reading another layout. The
// layouts themselves are described in README.md beside this file.
//
// Plain constants only: this header is included by the Halide generators
// (Halide 14, LLVM 14 headers) and by the compiler (LLVM 19 headers).
//
//===----------------------------------------------------------------------===//
#ifndef MM_COMPILER_HALIDE_PACKEDLAYOUTS_H
#define MM_COMPILER_HALIDE_PACKEDLAYOUTS_H

namespace mm::packed {

/// Gate rows per panel of w_ih_packed ([panel][in][lanes]): one register
/// tile of the input projection (4 vectors of 16 on AVX-512) reads one
/// panel; the last panel is padded with copies of the last row.
constexpr int recurrentIhLanes = 32;

/// Features per block of w_hh_packed ((lanes, gate, kk, block) slabs): a
/// block is read as two vectors of 16 (AVX-512) or four of 8 (AVX2), 8
/// accumulator chains. Fixed, so that the packed layouts do not depend on
/// the target.
constexpr int recurrentHhLanes = 32;

} // namespace mm::packed

#endif // MM_COMPILER_HALIDE_PACKEDLAYOUTS_H
