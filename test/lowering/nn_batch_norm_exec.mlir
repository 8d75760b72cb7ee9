// batch_norm (eval, running statistics): [N, C], [N, C, L] and [N, C, H, W],
// dynamic and static, a channel of tiny variance where eps matters;
// compared with torch.nn.functional.batch_norm(training=False) (tolerance
// 1e-4 of max|ref|, Inputs/nn_ref.py).
// RUN: %python %S/Inputs/nn_ref.py gen nn_batch_norm > %t.inputs.mlir
// RUN: cat %s %t.inputs.mlir | mm-opt --convert-mm-to-linalg --mm-linalg-to-llvm-pipeline \
// RUN:   | mlir-cpu-runner -e main -entry-point-result=void \
// RUN:       -shared-libs=%mlir_runner_utils,%mlir_c_runner_utils > %t.out
// RUN: %python %S/Inputs/nn_ref.py check nn_batch_norm %t.out | FileCheck %s
// CHECK: nn_batch_norm: 3 tensors within tolerance

func.func private @printMemrefF32(tensor<*xf32> {bufferization.access = "read"})

func.func @bn2(%x: tensor<?x5xf32>, %w: tensor<5xf32>, %b: tensor<5xf32>, %m: tensor<5xf32>, %v: tensor<5xf32>) {
  %0 = mm.batch_norm %x, %w, %b, %m, %v {eps = 1.0e-05 : f64}
      : (tensor<?x5xf32>, tensor<5xf32>, tensor<5xf32>, tensor<5xf32>, tensor<5xf32>) -> tensor<?x5xf32>
  %1 = tensor.cast %0 : tensor<?x5xf32> to tensor<*xf32>
  call @printMemrefF32(%1) : (tensor<*xf32>) -> ()
  return
}

func.func @bn3(%x: tensor<?x5x?xf32>, %w: tensor<5xf32>, %b: tensor<5xf32>, %m: tensor<5xf32>, %v: tensor<5xf32>) {
  %0 = mm.batch_norm %x, %w, %b, %m, %v {eps = 1.0e-03 : f64}
      : (tensor<?x5x?xf32>, tensor<5xf32>, tensor<5xf32>, tensor<5xf32>, tensor<5xf32>) -> tensor<?x5x?xf32>
  %1 = tensor.cast %0 : tensor<?x5x?xf32> to tensor<*xf32>
  call @printMemrefF32(%1) : (tensor<*xf32>) -> ()
  return
}

func.func @main() {
  %w5 = call @in_w5() : () -> tensor<5xf32>
  %b5 = call @in_b5() : () -> tensor<5xf32>
  %m5 = call @in_m5() : () -> tensor<5xf32>
  %v5 = call @in_v5() : () -> tensor<5xf32>
  %x2 = call @in_x2() : () -> tensor<3x5xf32>
  %x2d = tensor.cast %x2 : tensor<3x5xf32> to tensor<?x5xf32>
  call @bn2(%x2d, %w5, %b5, %m5, %v5) : (tensor<?x5xf32>, tensor<5xf32>, tensor<5xf32>, tensor<5xf32>, tensor<5xf32>) -> ()
  %x3 = call @in_x3() : () -> tensor<2x5x7xf32>
  %x3d = tensor.cast %x3 : tensor<2x5x7xf32> to tensor<?x5x?xf32>
  call @bn3(%x3d, %w5, %b5, %m5, %v5) : (tensor<?x5x?xf32>, tensor<5xf32>, tensor<5xf32>, tensor<5xf32>, tensor<5xf32>) -> ()

  %x4 = call @in_x4() : () -> tensor<2x3x4x5xf32>
  %w3 = call @in_w3() : () -> tensor<3xf32>
  %b3 = call @in_b3() : () -> tensor<3xf32>
  %m3 = call @in_m3() : () -> tensor<3xf32>
  %v3 = call @in_v3() : () -> tensor<3xf32>
  %0 = mm.batch_norm %x4, %w3, %b3, %m3, %v3
      : (tensor<2x3x4x5xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>) -> tensor<2x3x4x5xf32>
  %1 = tensor.cast %0 : tensor<2x3x4x5xf32> to tensor<*xf32>
  call @printMemrefF32(%1) : (tensor<*xf32>) -> ()
  return
}
