// RUN: mm-opt --convert-mm-to-linalg %s | FileCheck %s
// mm-expose-weights runs first in the pipeline; weights still in the IR are
// left as they are, and their users are lowered around them.

// CHECK: mm.weight_decl @fc.weight : tensor<8x4xf32>
mm.weight_decl @"fc.weight" : tensor<8x4xf32>

// CHECK-LABEL: func.func @linear$weight_op
// CHECK: %[[W:.*]] = mm.weight @fc.weight : tensor<8x4xf32>
// CHECK: linalg.matmul_transpose_b ins(%{{.*}}, %[[W]] : tensor<?x4xf32>, tensor<8x4xf32>)
// CHECK-NOT: mm.linear
func.func @linear$weight_op(%x: tensor<?x4xf32>) -> tensor<?x8xf32> {
  %w = mm.weight @"fc.weight" : tensor<8x4xf32>
  %y = mm.linear %x, %w : (tensor<?x4xf32>, tensor<8x4xf32>) -> tensor<?x8xf32>
  return %y : tensor<?x8xf32>
}
