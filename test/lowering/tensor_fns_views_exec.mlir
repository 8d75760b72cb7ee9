// transpose, permute, flatten, reshape (static, one inferred size, sizes
// from source_dims, to and from rank 0, of a strided slice) and stack, on
// static and dynamic shapes, run and compared with PyTorch (tolerance 1e-4
// of max|ref|, Inputs/tensor_fns_ref.py).
// RUN: %python %S/Inputs/tensor_fns_ref.py gen tensor_fns_views > %t.inputs.mlir
// RUN: cat %s %t.inputs.mlir | mm-opt --convert-mm-to-linalg --mm-linalg-to-llvm-pipeline \
// RUN:   | mlir-cpu-runner -e main -entry-point-result=void \
// RUN:       -shared-libs=%mlir_runner_utils,%mlir_c_runner_utils > %t.out
// RUN: %python %S/Inputs/tensor_fns_ref.py check tensor_fns_views %t.out | FileCheck %s
// CHECK: tensor_fns_views: 19 tensors within tolerance

func.func private @printMemrefF32(tensor<*xf32> {bufferization.access = "read"})

func.func @print(%t: tensor<*xf32>) {
  call @printMemrefF32(%t) : (tensor<*xf32>) -> ()
  return
}

func.func @transpose_permute(%x: tensor<2x3x4xf32>, %y: tensor<?x5x4xf32>) {
  %a = mm.transpose %x {dim0 = 0 : i64, dim1 = 2 : i64} : tensor<2x3x4xf32> -> tensor<4x3x2xf32>
  %0 = tensor.cast %a : tensor<4x3x2xf32> to tensor<*xf32>
  call @print(%0) : (tensor<*xf32>) -> ()
  %b = mm.transpose %y {dim0 = 1 : i64, dim1 = 2 : i64} : tensor<?x5x4xf32> -> tensor<?x4x5xf32>
  %1 = tensor.cast %b : tensor<?x4x5xf32> to tensor<*xf32>
  call @print(%1) : (tensor<*xf32>) -> ()
  %c = mm.permute %x {dims = array<i64: 1, 2, 0>} : tensor<2x3x4xf32> -> tensor<3x4x2xf32>
  %2 = tensor.cast %c : tensor<3x4x2xf32> to tensor<*xf32>
  call @print(%2) : (tensor<*xf32>) -> ()
  %d = mm.permute %y {dims = array<i64: 2, 0, 1>} : tensor<?x5x4xf32> -> tensor<4x?x5xf32>
  %3 = tensor.cast %d : tensor<4x?x5xf32> to tensor<*xf32>
  call @print(%3) : (tensor<*xf32>) -> ()
  return
}

func.func @flatten(%x: tensor<2x3x4xf32>, %y: tensor<?x5x4xf32>) {
  %a = mm.flatten %x {start_dim = 1 : i64, end_dim = 2 : i64} : tensor<2x3x4xf32> -> tensor<2x12xf32>
  %0 = tensor.cast %a : tensor<2x12xf32> to tensor<*xf32>
  call @print(%0) : (tensor<*xf32>) -> ()
  %b = mm.flatten %y {start_dim = 0 : i64, end_dim = 1 : i64} : tensor<?x5x4xf32> -> tensor<?x4xf32>
  %1 = tensor.cast %b : tensor<?x4xf32> to tensor<*xf32>
  call @print(%1) : (tensor<*xf32>) -> ()
  %c = mm.flatten %y {start_dim = 0 : i64, end_dim = 2 : i64} : tensor<?x5x4xf32> -> tensor<?xf32>
  %2 = tensor.cast %c : tensor<?xf32> to tensor<*xf32>
  call @print(%2) : (tensor<*xf32>) -> ()
  return
}

func.func @reshape(%x: tensor<2x3x4xf32>, %y: tensor<?x5x4xf32>, %yy: tensor<?x?x4xf32>,
                   %u: tensor<1x1xf32>, %r: tensor<f32>) {
  %a = mm.reshape %x {shape = array<i64: 4, 6>} : tensor<2x3x4xf32> -> tensor<4x6xf32>
  %0 = tensor.cast %a : tensor<4x6xf32> to tensor<*xf32>
  call @print(%0) : (tensor<*xf32>) -> ()
  %b = mm.reshape %y {shape = array<i64: -1, 10>} : tensor<?x5x4xf32> -> tensor<?x10xf32>
  %1 = tensor.cast %b : tensor<?x10xf32> to tensor<*xf32>
  call @print(%1) : (tensor<*xf32>) -> ()
  %c = mm.reshape %yy {shape = array<i64: -1, -1, 2, 2>, source_dims = array<i64: 0, 1, -1, -1>}
      : tensor<?x?x4xf32> -> tensor<?x?x2x2xf32>
  %2 = tensor.cast %c : tensor<?x?x2x2xf32> to tensor<*xf32>
  call @print(%2) : (tensor<*xf32>) -> ()
  %d = mm.reshape %yy {shape = array<i64: -1, -1, 4>, source_dims = array<i64: 1, 0, -1>}
      : tensor<?x?x4xf32> -> tensor<?x?x4xf32>
  %3 = tensor.cast %d : tensor<?x?x4xf32> to tensor<*xf32>
  call @print(%3) : (tensor<*xf32>) -> ()
  %e = mm.reshape %yy {shape = array<i64: -1>} : tensor<?x?x4xf32> -> tensor<?xf32>
  %4 = tensor.cast %e : tensor<?xf32> to tensor<*xf32>
  call @print(%4) : (tensor<*xf32>) -> ()
  %f = mm.reshape %u {shape = array<i64>} : tensor<1x1xf32> -> tensor<f32>
  %5 = tensor.cast %f : tensor<f32> to tensor<*xf32>
  call @print(%5) : (tensor<*xf32>) -> ()
  %rr = mm.reshape %r {shape = array<i64: 1, 1>} : tensor<f32> -> tensor<1x1xf32>
  %8 = tensor.cast %rr : tensor<1x1xf32> to tensor<*xf32>
  call @print(%8) : (tensor<*xf32>) -> ()
  // A strided view (a stepped slice) is copied, not misread, when
  // collapsed.
  %sl = mm.slice %y {dim = 1 : i64, start = 1 : i64, end = 4 : i64, step = 2 : i64}
      : tensor<?x5x4xf32> -> tensor<?x2x4xf32>
  %g = mm.reshape %sl {shape = array<i64: -1, 8>} : tensor<?x2x4xf32> -> tensor<?x8xf32>
  %6 = tensor.cast %g : tensor<?x8xf32> to tensor<*xf32>
  call @print(%6) : (tensor<*xf32>) -> ()
  %h = mm.flatten %sl {start_dim = 0 : i64, end_dim = 1 : i64} : tensor<?x2x4xf32> -> tensor<?x4xf32>
  %7 = tensor.cast %h : tensor<?x4xf32> to tensor<*xf32>
  call @print(%7) : (tensor<*xf32>) -> ()
  return
}

func.func @stack(%a: tensor<?x3xf32>, %b: tensor<?x3xf32>, %c: tensor<5x3xf32>) {
  %s0 = mm.stack %a, %b, %c {dim = 0 : i64}
      : (tensor<?x3xf32>, tensor<?x3xf32>, tensor<5x3xf32>) -> tensor<3x5x3xf32>
  %0 = tensor.cast %s0 : tensor<3x5x3xf32> to tensor<*xf32>
  call @print(%0) : (tensor<*xf32>) -> ()
  %s1 = mm.stack %a, %b, %c {dim = 1 : i64}
      : (tensor<?x3xf32>, tensor<?x3xf32>, tensor<5x3xf32>) -> tensor<?x3x3xf32>
  %1 = tensor.cast %s1 : tensor<?x3x3xf32> to tensor<*xf32>
  call @print(%1) : (tensor<*xf32>) -> ()
  %s2 = mm.stack %a, %b, %c {dim = 2 : i64}
      : (tensor<?x3xf32>, tensor<?x3xf32>, tensor<5x3xf32>) -> tensor<5x3x3xf32>
  %2 = tensor.cast %s2 : tensor<5x3x3xf32> to tensor<*xf32>
  call @print(%2) : (tensor<*xf32>) -> ()
  return
}

func.func @main() {
  %x = call @in_x() : () -> tensor<2x3x4xf32>
  %y = call @in_y() : () -> tensor<3x5x4xf32>
  %u = call @in_u() : () -> tensor<1x1xf32>
  %dy = tensor.cast %y : tensor<3x5x4xf32> to tensor<?x5x4xf32>
  %ddy = tensor.cast %y : tensor<3x5x4xf32> to tensor<?x?x4xf32>
  call @transpose_permute(%x, %dy) : (tensor<2x3x4xf32>, tensor<?x5x4xf32>) -> ()
  call @flatten(%x, %dy) : (tensor<2x3x4xf32>, tensor<?x5x4xf32>) -> ()
  %r = call @in_r() : () -> tensor<f32>
  call @reshape(%x, %dy, %ddy, %u, %r)
      : (tensor<2x3x4xf32>, tensor<?x5x4xf32>, tensor<?x?x4xf32>, tensor<1x1xf32>, tensor<f32>) -> ()
  %s0 = call @in_s0() : () -> tensor<5x3xf32>
  %s1 = call @in_s1() : () -> tensor<5x3xf32>
  %s2 = call @in_s2() : () -> tensor<5x3xf32>
  %d0 = tensor.cast %s0 : tensor<5x3xf32> to tensor<?x3xf32>
  %d1 = tensor.cast %s1 : tensor<5x3xf32> to tensor<?x3xf32>
  call @stack(%d0, %d1, %s2) : (tensor<?x3xf32>, tensor<?x3xf32>, tensor<5x3xf32>) -> ()
  return
}
