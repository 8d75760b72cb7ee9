// softmax and log_softmax along every dimension (also of inputs near +-1000,
// which overflow or underflow without subtracting the maximum), normalize
// with p = 2, 1, 3, 0.5, inf and 0, a zero row (clamped to eps) and a large
// eps, on static and dynamic shapes, run and compared with PyTorch
// (tolerance 1e-4 of max|ref|, Inputs/tensor_fns_ref.py).
// RUN: %python %S/Inputs/tensor_fns_ref.py gen tensor_fns_norms > %t.inputs.mlir
// RUN: cat %s %t.inputs.mlir | mm-opt --convert-mm-to-linalg --mm-linalg-to-llvm-pipeline \
// RUN:   | mlir-cpu-runner -e main -entry-point-result=void \
// RUN:       -shared-libs=%mlir_runner_utils,%mlir_c_runner_utils > %t.out
// RUN: %python %S/Inputs/tensor_fns_ref.py check tensor_fns_norms %t.out | FileCheck %s
// CHECK: tensor_fns_norms: 16 tensors within tolerance

func.func private @printMemrefF32(tensor<*xf32> {bufferization.access = "read"})

func.func @print2(%t: tensor<?x?xf32>) {
  %u = tensor.cast %t : tensor<?x?xf32> to tensor<*xf32>
  call @printMemrefF32(%u) : (tensor<*xf32>) -> ()
  return
}

func.func @print3(%t: tensor<?x?x?xf32>) {
  %u = tensor.cast %t : tensor<?x?x?xf32> to tensor<*xf32>
  call @printMemrefF32(%u) : (tensor<*xf32>) -> ()
  return
}

func.func @softmaxes(%x: tensor<2x3x5xf32>, %dx: tensor<?x3x?xf32>, %big: tensor<3x4xf32>) {
  %0 = mm.softmax %x {dim = 0 : i64} : tensor<2x3x5xf32>
  %c0 = tensor.cast %0 : tensor<2x3x5xf32> to tensor<?x?x?xf32>
  call @print3(%c0) : (tensor<?x?x?xf32>) -> ()
  %1 = mm.softmax %dx {dim = 1 : i64} : tensor<?x3x?xf32>
  %c1 = tensor.cast %1 : tensor<?x3x?xf32> to tensor<?x?x?xf32>
  call @print3(%c1) : (tensor<?x?x?xf32>) -> ()
  %2 = mm.softmax %x {dim = 2 : i64} : tensor<2x3x5xf32>
  %c2 = tensor.cast %2 : tensor<2x3x5xf32> to tensor<?x?x?xf32>
  call @print3(%c2) : (tensor<?x?x?xf32>) -> ()
  %3 = mm.log_softmax %x {dim = 0 : i64} : tensor<2x3x5xf32>
  %c3 = tensor.cast %3 : tensor<2x3x5xf32> to tensor<?x?x?xf32>
  call @print3(%c3) : (tensor<?x?x?xf32>) -> ()
  %4 = mm.log_softmax %dx {dim = 2 : i64} : tensor<?x3x?xf32>
  %c4 = tensor.cast %4 : tensor<?x3x?xf32> to tensor<?x?x?xf32>
  call @print3(%c4) : (tensor<?x?x?xf32>) -> ()
  %5 = mm.softmax %big {dim = 1 : i64} : tensor<3x4xf32>
  %c5 = tensor.cast %5 : tensor<3x4xf32> to tensor<?x?xf32>
  call @print2(%c5) : (tensor<?x?xf32>) -> ()
  %6 = mm.log_softmax %big {dim = 1 : i64} : tensor<3x4xf32>
  %c6 = tensor.cast %6 : tensor<3x4xf32> to tensor<?x?xf32>
  call @print2(%c6) : (tensor<?x?xf32>) -> ()
  return
}

func.func @normalizes(%z: tensor<4x6xf32>, %dz: tensor<?x6xf32>, %x: tensor<2x3x5xf32>) {
  %0 = mm.normalize %dz {p = 2.0 : f64, dim = 1 : i64, eps = 1.0e-12 : f64} : tensor<?x6xf32>
  %c0 = tensor.cast %0 : tensor<?x6xf32> to tensor<?x?xf32>
  call @print2(%c0) : (tensor<?x?xf32>) -> ()
  %1 = mm.normalize %z {p = 2.0 : f64, dim = 0 : i64, eps = 1.0e-12 : f64} : tensor<4x6xf32>
  %c1 = tensor.cast %1 : tensor<4x6xf32> to tensor<?x?xf32>
  call @print2(%c1) : (tensor<?x?xf32>) -> ()
  %2 = mm.normalize %z {p = 1.0 : f64, dim = 1 : i64, eps = 1.0e-12 : f64} : tensor<4x6xf32>
  %c2 = tensor.cast %2 : tensor<4x6xf32> to tensor<?x?xf32>
  call @print2(%c2) : (tensor<?x?xf32>) -> ()
  %3 = mm.normalize %dz {p = 3.0 : f64, dim = 1 : i64, eps = 1.0e-12 : f64} : tensor<?x6xf32>
  %c3 = tensor.cast %3 : tensor<?x6xf32> to tensor<?x?xf32>
  call @print2(%c3) : (tensor<?x?xf32>) -> ()
  %4 = mm.normalize %z {p = 0.5 : f64, dim = 1 : i64, eps = 1.0e-12 : f64} : tensor<4x6xf32>
  %c4 = tensor.cast %4 : tensor<4x6xf32> to tensor<?x?xf32>
  call @print2(%c4) : (tensor<?x?xf32>) -> ()
  %5 = mm.normalize %z {p = 0x7FF0000000000000 : f64, dim = 1 : i64, eps = 1.0e-12 : f64} : tensor<4x6xf32>
  %c5 = tensor.cast %5 : tensor<4x6xf32> to tensor<?x?xf32>
  call @print2(%c5) : (tensor<?x?xf32>) -> ()
  %6 = mm.normalize %z {p = 0.0 : f64, dim = 1 : i64, eps = 1.0e-12 : f64} : tensor<4x6xf32>
  %c6 = tensor.cast %6 : tensor<4x6xf32> to tensor<?x?xf32>
  call @print2(%c6) : (tensor<?x?xf32>) -> ()
  %7 = mm.normalize %z {p = 2.0 : f64, dim = 1 : i64, eps = 2.0 : f64} : tensor<4x6xf32>
  %c7 = tensor.cast %7 : tensor<4x6xf32> to tensor<?x?xf32>
  call @print2(%c7) : (tensor<?x?xf32>) -> ()
  %8 = mm.normalize %x {p = 2.0 : f64, dim = 2 : i64, eps = 1.0e-12 : f64} : tensor<2x3x5xf32>
  %c8 = tensor.cast %8 : tensor<2x3x5xf32> to tensor<?x?x?xf32>
  call @print3(%c8) : (tensor<?x?x?xf32>) -> ()
  return
}

func.func @main() {
  %x = call @in_x() : () -> tensor<2x3x5xf32>
  %big = call @in_big() : () -> tensor<3x4xf32>
  %z = call @in_z() : () -> tensor<4x6xf32>
  %dx = tensor.cast %x : tensor<2x3x5xf32> to tensor<?x3x?xf32>
  %dz = tensor.cast %z : tensor<4x6xf32> to tensor<?x6xf32>
  call @softmaxes(%x, %dx, %big) : (tensor<2x3x5xf32>, tensor<?x3x?xf32>, tensor<3x4xf32>) -> ()
  call @normalizes(%z, %dz, %x) : (tensor<4x6xf32>, tensor<?x6xf32>, tensor<2x3x5xf32>) -> ()
  return
}
