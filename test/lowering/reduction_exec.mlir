// mean, sum, amax over dims, keepdim, all dims; static and dynamic; run and
// compared with PyTorch (tolerance 1e-4 of max|ref|, Inputs/lowering_ref.py).
// RUN: %python %S/Inputs/lowering_ref.py gen reduction > %t.inputs.mlir
// RUN: cat %s %t.inputs.mlir | mm-opt --convert-mm-to-linalg --mm-linalg-to-llvm-pipeline \
// RUN:   | mlir-cpu-runner -e main -entry-point-result=void \
// RUN:       -shared-libs=%mlir_runner_utils,%mlir_c_runner_utils > %t.out
// RUN: %python %S/Inputs/lowering_ref.py check reduction %t.out | FileCheck %s
// CHECK: reduction: 8 tensors within tolerance

func.func private @printMemrefF32(tensor<*xf32> {bufferization.access = "read"})

func.func @static_ops(%x: tensor<2x3x4xf32>) {
  %mean = mm.mean %x {dims = array<i64: 2>} : tensor<2x3x4xf32> -> tensor<2x3xf32>
  %0 = tensor.cast %mean : tensor<2x3xf32> to tensor<*xf32>
  call @printMemrefF32(%0) : (tensor<*xf32>) -> ()
  %sum = mm.sum %x {dims = array<i64: 0, 2>, keepdim = true} : tensor<2x3x4xf32> -> tensor<1x3x1xf32>
  %1 = tensor.cast %sum : tensor<1x3x1xf32> to tensor<*xf32>
  call @printMemrefF32(%1) : (tensor<*xf32>) -> ()
  %amax = mm.amax %x {dims = array<i64: 1>} : tensor<2x3x4xf32> -> tensor<2x4xf32>
  %2 = tensor.cast %amax : tensor<2x4xf32> to tensor<*xf32>
  call @printMemrefF32(%2) : (tensor<*xf32>) -> ()
  %all = mm.mean %x {dims = array<i64>} : tensor<2x3x4xf32> -> tensor<f32>
  %3 = tensor.cast %all : tensor<f32> to tensor<*xf32>
  call @printMemrefF32(%3) : (tensor<*xf32>) -> ()
  %allk = mm.amax %x {dims = array<i64>, keepdim = true} : tensor<2x3x4xf32> -> tensor<1x1x1xf32>
  %4 = tensor.cast %allk : tensor<1x1x1xf32> to tensor<*xf32>
  call @printMemrefF32(%4) : (tensor<*xf32>) -> ()
  return
}

func.func @dynamic_ops(%x: tensor<?x3x?xf32>) {
  %sum = mm.sum %x {dims = array<i64: 1>} : tensor<?x3x?xf32> -> tensor<?x?xf32>
  %0 = tensor.cast %sum : tensor<?x?xf32> to tensor<*xf32>
  call @printMemrefF32(%0) : (tensor<*xf32>) -> ()
  %mean = mm.mean %x {dims = array<i64: 2>, keepdim = true} : tensor<?x3x?xf32> -> tensor<?x3x1xf32>
  %1 = tensor.cast %mean : tensor<?x3x1xf32> to tensor<*xf32>
  call @printMemrefF32(%1) : (tensor<*xf32>) -> ()
  %amax = mm.amax %x {dims = array<i64: 0, 1>} : tensor<?x3x?xf32> -> tensor<?xf32>
  %2 = tensor.cast %amax : tensor<?xf32> to tensor<*xf32>
  call @printMemrefF32(%2) : (tensor<*xf32>) -> ()
  return
}

func.func @main() {
  %x = call @in_x() : () -> tensor<2x3x4xf32>
  call @static_ops(%x) : (tensor<2x3x4xf32>) -> ()
  %dx = tensor.cast %x : tensor<2x3x4xf32> to tensor<?x3x?xf32>
  call @dynamic_ops(%dx) : (tensor<?x3x?xf32>) -> ()
  return
}
