// interpolate: nearest (size, integer and fractional scale_factor, rank 3 to
// 5), bilinear (up and down to a size, fractional and integer scale_factor,
// an unchanged size that PyTorch copies), linear, trilinear and bicubic (up,
// down, an unchanged size that PyTorch does not copy), static and dynamic
// sizes, run and compared with PyTorch (tolerance 1e-4 of max|ref|,
// Inputs/tensor_fns_ref.py).
// RUN: %python %S/Inputs/tensor_fns_ref.py gen tensor_fns_interpolate > %t.inputs.mlir
// RUN: cat %s %t.inputs.mlir | mm-opt --convert-mm-to-linalg --mm-linalg-to-llvm-pipeline \
// RUN:   | mlir-cpu-runner -e main -entry-point-result=void \
// RUN:       -shared-libs=%mlir_runner_utils,%mlir_c_runner_utils > %t.out
// RUN: %python %S/Inputs/tensor_fns_ref.py check tensor_fns_interpolate %t.out | FileCheck %s
// CHECK: tensor_fns_interpolate: 15 tensors within tolerance

func.func private @printMemrefF32(tensor<*xf32> {bufferization.access = "read"})

func.func @print(%t: tensor<*xf32>) {
  call @printMemrefF32(%t) : (tensor<*xf32>) -> ()
  return
}

func.func @nearest(%x: tensor<2x3x4x5xf32>, %dx: tensor<?x3x?x?xf32>, %s: tensor<2x3x5xf32>) {
  %0 = mm.interpolate %x {mode = "nearest", size = array<i64: 7, 3>} : tensor<2x3x4x5xf32> -> tensor<2x3x7x3xf32>
  %c0 = tensor.cast %0 : tensor<2x3x7x3xf32> to tensor<*xf32>
  call @print(%c0) : (tensor<*xf32>) -> ()
  %1 = mm.interpolate %dx {mode = "nearest", scale_factor = 2.0 : f64} : tensor<?x3x?x?xf32> -> tensor<?x3x?x?xf32>
  %c1 = tensor.cast %1 : tensor<?x3x?x?xf32> to tensor<*xf32>
  call @print(%c1) : (tensor<*xf32>) -> ()
  %2 = mm.interpolate %x {mode = "nearest", scale_factor = 1.5 : f64} : tensor<2x3x4x5xf32> -> tensor<2x3x6x7xf32>
  %c2 = tensor.cast %2 : tensor<2x3x6x7xf32> to tensor<*xf32>
  call @print(%c2) : (tensor<*xf32>) -> ()
  %3 = mm.interpolate %s {mode = "nearest", scale_factor = 2.1 : f64} : tensor<2x3x5xf32> -> tensor<2x3x10xf32>
  %c3 = tensor.cast %3 : tensor<2x3x10xf32> to tensor<*xf32>
  call @print(%c3) : (tensor<*xf32>) -> ()
  return
}

func.func @bilinear(%x: tensor<2x3x4x5xf32>, %dx: tensor<?x3x?x?xf32>) {
  %0 = mm.interpolate %x {mode = "bilinear", size = array<i64: 8, 10>} : tensor<2x3x4x5xf32> -> tensor<2x3x8x10xf32>
  %c0 = tensor.cast %0 : tensor<2x3x8x10xf32> to tensor<*xf32>
  call @print(%c0) : (tensor<*xf32>) -> ()
  %1 = mm.interpolate %dx {mode = "bilinear", size = array<i64: 3, 2>} : tensor<?x3x?x?xf32> -> tensor<?x3x3x2xf32>
  %c1 = tensor.cast %1 : tensor<?x3x3x2xf32> to tensor<*xf32>
  call @print(%c1) : (tensor<*xf32>) -> ()
  %2 = mm.interpolate %x {mode = "bilinear", scale_factor = 1.7 : f64} : tensor<2x3x4x5xf32> -> tensor<2x3x6x8xf32>
  %c2 = tensor.cast %2 : tensor<2x3x6x8xf32> to tensor<*xf32>
  call @print(%c2) : (tensor<*xf32>) -> ()
  %3 = mm.interpolate %dx {mode = "bilinear", scale_factor = 2.0 : f64} : tensor<?x3x?x?xf32> -> tensor<?x3x?x?xf32>
  %c3 = tensor.cast %3 : tensor<?x3x?x?xf32> to tensor<*xf32>
  call @print(%c3) : (tensor<*xf32>) -> ()
  %4 = mm.interpolate %x {mode = "bilinear", scale_factor = 1.1 : f64} : tensor<2x3x4x5xf32> -> tensor<2x3x4x5xf32>
  %c4 = tensor.cast %4 : tensor<2x3x4x5xf32> to tensor<*xf32>
  call @print(%c4) : (tensor<*xf32>) -> ()
  return
}

func.func @other_ranks(%s: tensor<2x3x5xf32>, %v: tensor<1x2x3x4x5xf32>) {
  %0 = mm.interpolate %s {mode = "linear", size = array<i64: 9>} : tensor<2x3x5xf32> -> tensor<2x3x9xf32>
  %c0 = tensor.cast %0 : tensor<2x3x9xf32> to tensor<*xf32>
  call @print(%c0) : (tensor<*xf32>) -> ()
  %1 = mm.interpolate %v {mode = "trilinear", size = array<i64: 5, 6, 7>} : tensor<1x2x3x4x5xf32> -> tensor<1x2x5x6x7xf32>
  %c1 = tensor.cast %1 : tensor<1x2x5x6x7xf32> to tensor<*xf32>
  call @print(%c1) : (tensor<*xf32>) -> ()
  %2 = mm.interpolate %v {mode = "nearest", scale_factor = 2.0 : f64} : tensor<1x2x3x4x5xf32> -> tensor<1x2x6x8x10xf32>
  %c2 = tensor.cast %2 : tensor<1x2x6x8x10xf32> to tensor<*xf32>
  call @print(%c2) : (tensor<*xf32>) -> ()
  return
}

func.func @bicubic(%x: tensor<2x3x4x5xf32>, %dx: tensor<?x3x?x?xf32>) {
  %0 = mm.interpolate %x {mode = "bicubic", size = array<i64: 8, 10>} : tensor<2x3x4x5xf32> -> tensor<2x3x8x10xf32>
  %c0 = tensor.cast %0 : tensor<2x3x8x10xf32> to tensor<*xf32>
  call @print(%c0) : (tensor<*xf32>) -> ()
  %1 = mm.interpolate %dx {mode = "bicubic", size = array<i64: 3, 2>} : tensor<?x3x?x?xf32> -> tensor<?x3x3x2xf32>
  %c1 = tensor.cast %1 : tensor<?x3x3x2xf32> to tensor<*xf32>
  call @print(%c1) : (tensor<*xf32>) -> ()
  %2 = mm.interpolate %x {mode = "bicubic", scale_factor = 1.1 : f64} : tensor<2x3x4x5xf32> -> tensor<2x3x4x5xf32>
  %c2 = tensor.cast %2 : tensor<2x3x4x5xf32> to tensor<*xf32>
  call @print(%c2) : (tensor<*xf32>) -> ()
  return
}

func.func @main() {
  %x = call @in_x() : () -> tensor<2x3x4x5xf32>
  %s = call @in_s() : () -> tensor<2x3x5xf32>
  %v = call @in_v() : () -> tensor<1x2x3x4x5xf32>
  %dx = tensor.cast %x : tensor<2x3x4x5xf32> to tensor<?x3x?x?xf32>
  call @nearest(%x, %dx, %s) : (tensor<2x3x4x5xf32>, tensor<?x3x?x?xf32>, tensor<2x3x5xf32>) -> ()
  call @bilinear(%x, %dx) : (tensor<2x3x4x5xf32>, tensor<?x3x?x?xf32>) -> ()
  call @other_ranks(%s, %v) : (tensor<2x3x5xf32>, tensor<1x2x3x4x5xf32>) -> ()
  call @bicubic(%x, %dx) : (tensor<2x3x4x5xf32>, tensor<?x3x?x?xf32>) -> ()
  return
}
