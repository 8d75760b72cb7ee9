// zeros_like and ones_like of float and integer tensors; to between f32,
// i32, i64 and ui8 with PyTorch's rules (float to integer truncates toward
// zero, narrowing wraps, ui8 extends without sign), run and compared with
// PyTorch (Inputs/tensor_fns_ref.py; integer values must be exact, as the
// tolerance 1e-4 of max|ref| is below 1 for them).
// RUN: %python %S/Inputs/tensor_fns_ref.py gen tensor_fns_like_to > %t.inputs.mlir
// RUN: cat %s %t.inputs.mlir | mm-opt --convert-mm-to-linalg --mm-linalg-to-llvm-pipeline \
// RUN:   | mlir-cpu-runner -e main -entry-point-result=void \
// RUN:       -shared-libs=%mlir_runner_utils,%mlir_c_runner_utils > %t.out
// RUN: %python %S/Inputs/tensor_fns_ref.py check tensor_fns_like_to %t.out | FileCheck %s
// CHECK: tensor_fns_like_to: 10 tensors within tolerance

func.func private @printMemrefF32(tensor<*xf32> {bufferization.access = "read"})
func.func private @printMemrefI32(tensor<*xi32> {bufferization.access = "read"})
func.func private @printMemrefI64(tensor<*xi64> {bufferization.access = "read"})

func.func @like(%f: tensor<3x4xf32>, %df: tensor<?x4xf32>, %i: tensor<2x5xi32>) {
  %0 = mm.zeros_like %df : tensor<?x4xf32>
  %c0 = tensor.cast %0 : tensor<?x4xf32> to tensor<*xf32>
  call @printMemrefF32(%c0) : (tensor<*xf32>) -> ()
  %1 = mm.ones_like %f : tensor<3x4xf32>
  %c1 = tensor.cast %1 : tensor<3x4xf32> to tensor<*xf32>
  call @printMemrefF32(%c1) : (tensor<*xf32>) -> ()
  %2 = mm.ones_like %i : tensor<2x5xi32>
  %c2 = tensor.cast %2 : tensor<2x5xi32> to tensor<*xi32>
  call @printMemrefI32(%c2) : (tensor<*xi32>) -> ()
  return
}

func.func @to(%f: tensor<3x4xf32>, %df: tensor<?x4xf32>, %i: tensor<2x5xi32>, %di: tensor<?x5xi32>,
              %big: tensor<4xi64>) {
  %0 = mm.to %df : tensor<?x4xf32> -> tensor<?x4xi32>
  %c0 = tensor.cast %0 : tensor<?x4xi32> to tensor<*xi32>
  call @printMemrefI32(%c0) : (tensor<*xi32>) -> ()
  %1 = mm.to %f : tensor<3x4xf32> -> tensor<3x4xi64>
  %c1 = tensor.cast %1 : tensor<3x4xi64> to tensor<*xi64>
  call @printMemrefI64(%c1) : (tensor<*xi64>) -> ()
  %2 = mm.to %i : tensor<2x5xi32> -> tensor<2x5xf32>
  %c2 = tensor.cast %2 : tensor<2x5xf32> to tensor<*xf32>
  call @printMemrefF32(%c2) : (tensor<*xf32>) -> ()
  %3 = mm.to %di : tensor<?x5xi32> -> tensor<?x5xi64>
  %c3 = tensor.cast %3 : tensor<?x5xi64> to tensor<*xi64>
  call @printMemrefI64(%c3) : (tensor<*xi64>) -> ()
  %4 = mm.to %big : tensor<4xi64> -> tensor<4xi32>
  %c4 = tensor.cast %4 : tensor<4xi32> to tensor<*xi32>
  call @printMemrefI32(%c4) : (tensor<*xi32>) -> ()
  %u = mm.to %i : tensor<2x5xi32> -> tensor<2x5xui8>
  call @from_u8(%u) : (tensor<2x5xui8>) -> ()
  return
}

// A ui8 function argument: memref<2x5xui8> after bufferization.
func.func @from_u8(%u: tensor<2x5xui8>) {
  %5 = mm.to %u : tensor<2x5xui8> -> tensor<2x5xi32>
  %c5 = tensor.cast %5 : tensor<2x5xi32> to tensor<*xi32>
  call @printMemrefI32(%c5) : (tensor<*xi32>) -> ()
  %6 = mm.to %u : tensor<2x5xui8> -> tensor<2x5xf32>
  %c6 = tensor.cast %6 : tensor<2x5xf32> to tensor<*xf32>
  call @printMemrefF32(%c6) : (tensor<*xf32>) -> ()
  return
}

func.func @main() {
  %f = call @in_f() : () -> tensor<3x4xf32>
  %i = call @in_i() : () -> tensor<2x5xi32>
  %big = call @in_big() : () -> tensor<4xi64>
  %df = tensor.cast %f : tensor<3x4xf32> to tensor<?x4xf32>
  %di = tensor.cast %i : tensor<2x5xi32> to tensor<?x5xi32>
  call @like(%f, %df, %i) : (tensor<3x4xf32>, tensor<?x4xf32>, tensor<2x5xi32>) -> ()
  call @to(%f, %df, %i, %di, %big)
      : (tensor<3x4xf32>, tensor<?x4xf32>, tensor<2x5xi32>, tensor<?x5xi32>, tensor<4xi64>) -> ()
  return
}
