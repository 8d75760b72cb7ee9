// A linear layer whose weight mm-pack-weights packed, the packing run on
// every call (no hoisting: mm-opt's pipelines), executed: with tiles of
// the panels' 4 columns (mm-vectorize-contractions reads the panels, the
// last one padded: N = 6) and with tiles of 8 (the loops of
// convert-linalg-to-loops read them). Small integers: every product and sum
// is exact in f32, so the result is x W^T exactly, row by row
// (a, b, c) -> (a, b, c, a + b + c, a - b, 2a + c).
// RUN: mm-opt %s --pass-pipeline="builtin.module(func.func(mm-pack-weights{tile-n=4}))" \
// RUN:   | mm-opt --mm-linalg-to-llvm-pipeline="tile-m=2 tile-n=4" \
// RUN:   | mlir-cpu-runner -e main -entry-point-result=void \
// RUN:       -shared-libs=%mlir_runner_utils,%mlir_c_runner_utils | FileCheck %s
// RUN: mm-opt %s --pass-pipeline="builtin.module(func.func(mm-pack-weights{tile-n=4}))" \
// RUN:   | mm-opt --mm-linalg-to-llvm-pipeline="tile-m=2 tile-n=8" \
// RUN:   | mlir-cpu-runner -e main -entry-point-result=void \
// RUN:       -shared-libs=%mlir_runner_utils,%mlir_c_runner_utils | FileCheck %s
// CHECK: sizes = [5, 6]
// CHECK-NEXT: {{\[\[}}1,{{ +}}2,{{ +}}3,{{ +}}6,{{ +}}-1,{{ +}}5],
// CHECK-NEXT: {{\[}}4,{{ +}}5,{{ +}}6,{{ +}}15,{{ +}}-1,{{ +}}14],
// CHECK-NEXT: {{\[}}7,{{ +}}8,{{ +}}9,{{ +}}24,{{ +}}-1,{{ +}}23],
// CHECK-NEXT: {{\[}}1,{{ +}}0,{{ +}}1,{{ +}}2,{{ +}}1,{{ +}}3],
// CHECK-NEXT: {{\[}}2,{{ +}}1,{{ +}}0,{{ +}}3,{{ +}}1,{{ +}}4]]

func.func private @printMemrefF32(tensor<*xf32> {bufferization.access = "read"})

func.func @linear(%w: tensor<6x3xf32> {mm.weight = "w"}, %x: tensor<5x3xf32>) -> tensor<5x6xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<5x6xf32>
  %f = linalg.fill ins(%zero : f32) outs(%e : tensor<5x6xf32>) -> tensor<5x6xf32>
  %y = linalg.matmul_transpose_b ins(%x, %w : tensor<5x3xf32>, tensor<6x3xf32>) outs(%f : tensor<5x6xf32>) -> tensor<5x6xf32>
  return %y : tensor<5x6xf32>
}

func.func @main() {
  %w = arith.constant dense<[[1.0, 0.0, 0.0], [0.0, 1.0, 0.0], [0.0, 0.0, 1.0],
                             [1.0, 1.0, 1.0], [1.0, -1.0, 0.0], [2.0, 0.0, 1.0]]> : tensor<6x3xf32>
  %x = arith.constant dense<[[1.0, 2.0, 3.0], [4.0, 5.0, 6.0], [7.0, 8.0, 9.0],
                             [1.0, 0.0, 1.0], [2.0, 1.0, 0.0]]> : tensor<5x3xf32>
  %y = call @linear(%w, %x) : (tensor<6x3xf32>, tensor<5x3xf32>) -> tensor<5x6xf32>
  %u = tensor.cast %y : tensor<5x6xf32> to tensor<*xf32>
  call @printMemrefF32(%u) : (tensor<*xf32>) -> ()
  return
}
