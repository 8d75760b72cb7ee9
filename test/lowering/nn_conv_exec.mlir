// conv2d and conv1d: stride, padding, dilation, groups (2 and depthwise with
// a channel multiplier), with and without bias, dynamic and static shapes;
// compared with torch.nn.functional.conv2d / conv1d (tolerance 1e-4 of
// max|ref|, Inputs/nn_ref.py).
// RUN: %python %S/Inputs/nn_ref.py gen nn_conv > %t.inputs.mlir
// RUN: cat %s %t.inputs.mlir | mm-opt --convert-mm-to-linalg --mm-linalg-to-llvm-pipeline \
// RUN:   | mlir-cpu-runner -e main -entry-point-result=void \
// RUN:       -shared-libs=%mlir_runner_utils,%mlir_c_runner_utils > %t.out
// RUN: %python %S/Inputs/nn_ref.py check nn_conv %t.out | FileCheck %s
// CHECK: nn_conv: 5 tensors within tolerance

func.func private @printMemrefF32(tensor<*xf32> {bufferization.access = "read"})

func.func @conv0(%x: tensor<?x3x?x?xf32>, %w: tensor<5x3x3x3xf32>, %b: tensor<5xf32>) {
  %0 = mm.conv2d %x, %w, %b {stride = array<i64: 2, 2>, padding = array<i64: 1, 1>, dilation = array<i64: 1, 1>, groups = 1 : i64}
      : (tensor<?x3x?x?xf32>, tensor<5x3x3x3xf32>, tensor<5xf32>) -> tensor<?x5x?x?xf32>
  %1 = tensor.cast %0 : tensor<?x5x?x?xf32> to tensor<*xf32>
  call @printMemrefF32(%1) : (tensor<*xf32>) -> ()
  return
}

func.func @conv3(%x: tensor<?x4x?xf32>, %w: tensor<6x4x3xf32>, %b: tensor<6xf32>) {
  %0 = mm.conv1d %x, %w, %b {stride = array<i64: 2>, padding = array<i64: 1>, dilation = array<i64: 2>, groups = 1 : i64}
      : (tensor<?x4x?xf32>, tensor<6x4x3xf32>, tensor<6xf32>) -> tensor<?x6x?xf32>
  %1 = tensor.cast %0 : tensor<?x6x?xf32> to tensor<*xf32>
  call @printMemrefF32(%1) : (tensor<*xf32>) -> ()
  return
}

func.func @main() {
  %x0 = call @in_x0() : () -> tensor<2x3x9x7xf32>
  %w0 = call @in_w0() : () -> tensor<5x3x3x3xf32>
  %b0 = call @in_b0() : () -> tensor<5xf32>
  %x0d = tensor.cast %x0 : tensor<2x3x9x7xf32> to tensor<?x3x?x?xf32>
  call @conv0(%x0d, %w0, %b0) : (tensor<?x3x?x?xf32>, tensor<5x3x3x3xf32>, tensor<5xf32>) -> ()

  %x1 = call @in_x1() : () -> tensor<1x4x8x9xf32>
  %w1 = call @in_w1() : () -> tensor<6x2x3x3xf32>
  %b1 = call @in_b1() : () -> tensor<6xf32>
  %y1 = mm.conv2d %x1, %w1, %b1 {stride = array<i64: 2, 1>, padding = array<i64: 1, 2>, dilation = array<i64: 1, 2>, groups = 2 : i64}
      : (tensor<1x4x8x9xf32>, tensor<6x2x3x3xf32>, tensor<6xf32>) -> tensor<1x6x4x9xf32>
  %p1 = tensor.cast %y1 : tensor<1x6x4x9xf32> to tensor<*xf32>
  call @printMemrefF32(%p1) : (tensor<*xf32>) -> ()

  %x2 = call @in_x2() : () -> tensor<2x4x6x5xf32>
  %w2 = call @in_w2() : () -> tensor<8x1x3x2xf32>
  %y2 = mm.conv2d %x2, %w2 {stride = array<i64: 1, 1>, padding = array<i64: 0, 0>, dilation = array<i64: 1, 1>, groups = 4 : i64}
      : (tensor<2x4x6x5xf32>, tensor<8x1x3x2xf32>) -> tensor<2x8x4x4xf32>
  %p2 = tensor.cast %y2 : tensor<2x8x4x4xf32> to tensor<*xf32>
  call @printMemrefF32(%p2) : (tensor<*xf32>) -> ()

  %x3 = call @in_x3() : () -> tensor<2x4x11xf32>
  %w3 = call @in_w3() : () -> tensor<6x4x3xf32>
  %b3 = call @in_b3() : () -> tensor<6xf32>
  %x3d = tensor.cast %x3 : tensor<2x4x11xf32> to tensor<?x4x?xf32>
  call @conv3(%x3d, %w3, %b3) : (tensor<?x4x?xf32>, tensor<6x4x3xf32>, tensor<6xf32>) -> ()

  %x4 = call @in_x4() : () -> tensor<3x4x7xf32>
  %w4 = call @in_w4() : () -> tensor<4x1x5xf32>
  %y4 = mm.conv1d %x4, %w4 {stride = array<i64: 1>, padding = array<i64: 2>, dilation = array<i64: 1>, groups = 4 : i64}
      : (tensor<3x4x7xf32>, tensor<4x1x5xf32>) -> tensor<3x4x7xf32>
  %p4 = tensor.cast %y4 : tensor<3x4x7xf32> to tensor<*xf32>
  call @printMemrefF32(%p4) : (tensor<*xf32>) -> ()
  return
}
