// layer_norm: one and two normalized dimensions (dynamic and static leading
// dimensions) and a row of tiny variance where eps dominates; compared with
// torch.nn.functional.layer_norm (tolerance 1e-4 of max|ref|, Inputs/nn_ref.py).
// RUN: %python %S/Inputs/nn_ref.py gen nn_layer_norm > %t.inputs.mlir
// RUN: cat %s %t.inputs.mlir | mm-opt --convert-mm-to-linalg --mm-linalg-to-llvm-pipeline \
// RUN:   | mlir-cpu-runner -e main -entry-point-result=void \
// RUN:       -shared-libs=%mlir_runner_utils,%mlir_c_runner_utils > %t.out
// RUN: %python %S/Inputs/nn_ref.py check nn_layer_norm %t.out | FileCheck %s
// CHECK: nn_layer_norm: 3 tensors within tolerance

func.func private @printMemrefF32(tensor<*xf32> {bufferization.access = "read"})

func.func @last_dim(%x: tensor<?x?x16xf32>, %w: tensor<16xf32>, %b: tensor<16xf32>) {
  %0 = mm.layer_norm %x, %w, %b {eps = 1.0e-05 : f64}
      : (tensor<?x?x16xf32>, tensor<16xf32>, tensor<16xf32>) -> tensor<?x?x16xf32>
  %1 = tensor.cast %0 : tensor<?x?x16xf32> to tensor<*xf32>
  call @printMemrefF32(%1) : (tensor<*xf32>) -> ()
  return
}

func.func @main() {
  %x = call @in_x() : () -> tensor<2x3x16xf32>
  %w = call @in_w() : () -> tensor<16xf32>
  %b = call @in_b() : () -> tensor<16xf32>
  %xd = tensor.cast %x : tensor<2x3x16xf32> to tensor<?x?x16xf32>
  call @last_dim(%xd, %w, %b) : (tensor<?x?x16xf32>, tensor<16xf32>, tensor<16xf32>) -> ()

  %y = call @in_y() : () -> tensor<3x4x6xf32>
  %w2 = call @in_w2() : () -> tensor<4x6xf32>
  %b2 = call @in_b2() : () -> tensor<4x6xf32>
  %1 = mm.layer_norm %y, %w2, %b2 {eps = 1.0e-03 : f64}
      : (tensor<3x4x6xf32>, tensor<4x6xf32>, tensor<4x6xf32>) -> tensor<3x4x6xf32>
  %2 = tensor.cast %1 : tensor<3x4x6xf32> to tensor<*xf32>
  call @printMemrefF32(%2) : (tensor<*xf32>) -> ()

  %z = call @in_z() : () -> tensor<1x5xf32>
  %w5 = tensor.extract_slice %w[0] [5] [1] : tensor<16xf32> to tensor<5xf32>
  %b5 = tensor.extract_slice %b[0] [5] [1] : tensor<16xf32> to tensor<5xf32>
  %3 = mm.layer_norm %z, %w5, %b5 {eps = 1.0e-02 : f64}
      : (tensor<1x5xf32>, tensor<5xf32>, tensor<5xf32>) -> tensor<1x5xf32>
  %4 = tensor.cast %3 : tensor<1x5xf32> to tensor<*xf32>
  call @printMemrefF32(%4) : (tensor<*xf32>) -> ()
  return
}
