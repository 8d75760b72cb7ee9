// embedding with i32 and i64 indices, dynamic index shapes, and the clamp of
// out-of-range indices; run and compared with PyTorch (tolerance 1e-4 of
// max|ref|, Inputs/lowering_ref.py).
// RUN: %python %S/Inputs/lowering_ref.py gen embedding > %t.inputs.mlir
// RUN: cat %s %t.inputs.mlir | mm-opt --convert-mm-to-linalg --mm-linalg-to-llvm-pipeline \
// RUN:   | mlir-cpu-runner -e main -entry-point-result=void \
// RUN:       -shared-libs=%mlir_runner_utils,%mlir_c_runner_utils > %t.out
// RUN: %python %S/Inputs/lowering_ref.py check embedding %t.out | FileCheck %s
// CHECK: embedding: 3 tensors within tolerance

func.func private @printMemrefF32(tensor<*xf32> {bufferization.access = "read"})

func.func @lookup(%w: tensor<6x3xf32>, %ids: tensor<?x?xi32>, %ids64: tensor<5xi64>,
                  %bad: tensor<4xi32>) {
  %e = mm.embedding %w, %ids : (tensor<6x3xf32>, tensor<?x?xi32>) -> tensor<?x?x3xf32>
  %0 = tensor.cast %e : tensor<?x?x3xf32> to tensor<*xf32>
  call @printMemrefF32(%0) : (tensor<*xf32>) -> ()
  %e64 = mm.embedding %w, %ids64 : (tensor<6x3xf32>, tensor<5xi64>) -> tensor<5x3xf32>
  %1 = tensor.cast %e64 : tensor<5x3xf32> to tensor<*xf32>
  call @printMemrefF32(%1) : (tensor<*xf32>) -> ()
  %eb = mm.embedding %w, %bad : (tensor<6x3xf32>, tensor<4xi32>) -> tensor<4x3xf32>
  %2 = tensor.cast %eb : tensor<4x3xf32> to tensor<*xf32>
  call @printMemrefF32(%2) : (tensor<*xf32>) -> ()
  return
}

func.func @main() {
  %w = call @in_w() : () -> tensor<6x3xf32>
  %ids = call @in_ids32() : () -> tensor<2x4xi32>
  %dids = tensor.cast %ids : tensor<2x4xi32> to tensor<?x?xi32>
  %ids64 = call @in_ids64() : () -> tensor<5xi64>
  %bad = call @in_bad() : () -> tensor<4xi32>
  call @lookup(%w, %dids, %ids64, %bad) : (tensor<6x3xf32>, tensor<?x?xi32>, tensor<5xi64>, tensor<4xi32>) -> ()
  return
}
