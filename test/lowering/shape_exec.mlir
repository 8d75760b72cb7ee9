// cat, select (negative indices, dynamic dimensions) and Python slices
// (negative, clamped, stepped, empty), run and compared with PyTorch
// (tolerance 1e-4 of max|ref|, Inputs/lowering_ref.py).
// RUN: %python %S/Inputs/lowering_ref.py gen shape > %t.inputs.mlir
// RUN: cat %s %t.inputs.mlir | mm-opt --convert-mm-to-linalg --mm-linalg-to-llvm-pipeline \
// RUN:   | mlir-cpu-runner -e main -entry-point-result=void \
// RUN:       -shared-libs=%mlir_runner_utils,%mlir_c_runner_utils > %t.out
// RUN: %python %S/Inputs/lowering_ref.py check shape %t.out | FileCheck %s
// CHECK: shape: 16 tensors within tolerance

func.func private @printMemrefF32(tensor<*xf32> {bufferization.access = "read"})

func.func @cat_ops(%a: tensor<2x3xf32>, %b: tensor<2x2xf32>, %da: tensor<?x3xf32>,
                   %c: tensor<3x3xf32>) {
  %cat1 = mm.cat %a, %b {dim = 1 : i64} : (tensor<2x3xf32>, tensor<2x2xf32>) -> tensor<2x5xf32>
  %0 = tensor.cast %cat1 : tensor<2x5xf32> to tensor<*xf32>
  call @printMemrefF32(%0) : (tensor<*xf32>) -> ()
  %cat0 = mm.cat %da, %c, %da {dim = 0 : i64}
      : (tensor<?x3xf32>, tensor<3x3xf32>, tensor<?x3xf32>) -> tensor<?x3xf32>
  %1 = tensor.cast %cat0 : tensor<?x3xf32> to tensor<*xf32>
  call @printMemrefF32(%1) : (tensor<*xf32>) -> ()
  return
}

func.func @select_ops(%x: tensor<2x3x4xf32>, %z: tensor<?x4xf32>) {
  %s0 = mm.select %x {dim = 1 : i64, index = -1 : i64} : tensor<2x3x4xf32> -> tensor<2x4xf32>
  %0 = tensor.cast %s0 : tensor<2x4xf32> to tensor<*xf32>
  call @printMemrefF32(%0) : (tensor<*xf32>) -> ()
  %s1 = mm.select %x {dim = 2 : i64, index = 2 : i64} : tensor<2x3x4xf32> -> tensor<2x3xf32>
  %1 = tensor.cast %s1 : tensor<2x3xf32> to tensor<*xf32>
  call @printMemrefF32(%1) : (tensor<*xf32>) -> ()
  %s2 = mm.select %z {dim = 0 : i64, index = -1 : i64} : tensor<?x4xf32> -> tensor<4xf32>
  %2 = tensor.cast %s2 : tensor<4xf32> to tensor<*xf32>
  call @printMemrefF32(%2) : (tensor<*xf32>) -> ()
  %s3 = mm.select %z {dim = 0 : i64, index = -5 : i64} : tensor<?x4xf32> -> tensor<4xf32>
  %3 = tensor.cast %s3 : tensor<4xf32> to tensor<*xf32>
  call @printMemrefF32(%3) : (tensor<*xf32>) -> ()
  %s4 = mm.select %z {dim = 0 : i64, index = 3 : i64} : tensor<?x4xf32> -> tensor<4xf32>
  %4 = tensor.cast %s4 : tensor<4xf32> to tensor<*xf32>
  call @printMemrefF32(%4) : (tensor<*xf32>) -> ()
  return
}

func.func @static_slices(%y: tensor<2x7xf32>) {
  %a = mm.slice %y {dim = 1 : i64, start = -5 : i64, end = -1 : i64, step = 2 : i64}
      : tensor<2x7xf32> -> tensor<2x2xf32>
  %0 = tensor.cast %a : tensor<2x2xf32> to tensor<*xf32>
  call @printMemrefF32(%0) : (tensor<*xf32>) -> ()
  %b = mm.slice %y {dim = 1 : i64, start = 1 : i64, step = 3 : i64} : tensor<2x7xf32> -> tensor<2x2xf32>
  %1 = tensor.cast %b : tensor<2x2xf32> to tensor<*xf32>
  call @printMemrefF32(%1) : (tensor<*xf32>) -> ()
  %c = mm.slice %y {dim = 1 : i64, start = -100 : i64, end = 100 : i64} : tensor<2x7xf32> -> tensor<2x7xf32>
  %2 = tensor.cast %c : tensor<2x7xf32> to tensor<*xf32>
  call @printMemrefF32(%2) : (tensor<*xf32>) -> ()
  %d = mm.slice %y {dim = 1 : i64, start = -3 : i64} : tensor<2x7xf32> -> tensor<2x3xf32>
  %3 = tensor.cast %d : tensor<2x3xf32> to tensor<*xf32>
  call @printMemrefF32(%3) : (tensor<*xf32>) -> ()
  return
}

func.func @dynamic_slices(%y: tensor<2x?xf32>, %z: tensor<?x4xf32>) {
  %a = mm.slice %y {dim = 1 : i64, start = -5 : i64, end = -1 : i64, step = 2 : i64}
      : tensor<2x?xf32> -> tensor<2x?xf32>
  %0 = tensor.cast %a : tensor<2x?xf32> to tensor<*xf32>
  call @printMemrefF32(%0) : (tensor<*xf32>) -> ()
  %b = mm.slice %y {dim = 1 : i64, start = 1 : i64, step = 3 : i64} : tensor<2x?xf32> -> tensor<2x?xf32>
  %1 = tensor.cast %b : tensor<2x?xf32> to tensor<*xf32>
  call @printMemrefF32(%1) : (tensor<*xf32>) -> ()
  %c = mm.slice %y {dim = 1 : i64, start = -100 : i64, end = 100 : i64} : tensor<2x?xf32> -> tensor<2x?xf32>
  %2 = tensor.cast %c : tensor<2x?xf32> to tensor<*xf32>
  call @printMemrefF32(%2) : (tensor<*xf32>) -> ()
  %d = mm.slice %y {dim = 1 : i64, start = 5 : i64, end = 2 : i64} : tensor<2x?xf32> -> tensor<2x?xf32>
  %3 = tensor.cast %d : tensor<2x?xf32> to tensor<*xf32>
  call @printMemrefF32(%3) : (tensor<*xf32>) -> ()
  %e = mm.slice %z {dim = 0 : i64, start = -2 : i64} : tensor<?x4xf32> -> tensor<?x4xf32>
  %4 = tensor.cast %e : tensor<?x4xf32> to tensor<*xf32>
  call @printMemrefF32(%4) : (tensor<*xf32>) -> ()
  return
}

func.func @main() {
  %a = call @in_a23() : () -> tensor<2x3xf32>
  %b = call @in_b22() : () -> tensor<2x2xf32>
  %c = call @in_c33() : () -> tensor<3x3xf32>
  %da = tensor.cast %a : tensor<2x3xf32> to tensor<?x3xf32>
  call @cat_ops(%a, %b, %da, %c) : (tensor<2x3xf32>, tensor<2x2xf32>, tensor<?x3xf32>, tensor<3x3xf32>) -> ()
  %x = call @in_x234() : () -> tensor<2x3x4xf32>
  %z = call @in_z54() : () -> tensor<5x4xf32>
  %dz = tensor.cast %z : tensor<5x4xf32> to tensor<?x4xf32>
  call @select_ops(%x, %dz) : (tensor<2x3x4xf32>, tensor<?x4xf32>) -> ()
  %y = call @in_y27() : () -> tensor<2x7xf32>
  call @static_slices(%y) : (tensor<2x7xf32>) -> ()
  %dy = tensor.cast %y : tensor<2x7xf32> to tensor<2x?xf32>
  call @dynamic_slices(%dy, %dz) : (tensor<2x?xf32>, tensor<?x4xf32>) -> ()
  return
}
