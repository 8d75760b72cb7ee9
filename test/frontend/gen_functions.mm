# RUN: mmc --emit=mm %s | FileCheck %s
# Built-in functions with PyTorch's argument names and defaults.
model functions {
  fn unary(x: f32[B, 8]) -> f32[B, 8] {
    return abs(silu(sqrt(exp(tanh(sigmoid(gelu(x, approximate: "tanh")))))))
  }
  fn clamps(x: f32[B, 8]) -> (f32[B, 8], f32[B, 8]) {
    return clamp(x, min: 0), clamp(x, -1.5, 1.5)
  }
  fn reductions(x: f32[B, T, 8]) -> (f32[B, 1, 8], f32[B], f32[], f32[B, 8]) {
    return mean(x, 1, true), sum(x, dim: [2, -2]), amax(x), mean(x, dim: -2)
  }
  fn cats(a: f32[B, 2], b: f32[B, 3]) -> f32[B, 10] {
    return cat([a, b, cat([b, a], dim: -1)], dim: 1)
  }
  fn matmuls(x: f32[B, T, 8], w: f32[8, 4], v: f32[4]) -> (f32[B, T, 4], f32[B, T]) {
    y = x @ w
    return y, matmul(y, v)
  }
}

# CHECK-LABEL: func.func @unary(
# CHECK-NEXT:      [[G:%.*]] = mm.gelu %arg0 {approximate = "tanh"} : tensor<?x8xf32>
# CHECK-NEXT:      [[S:%.*]] = mm.sigmoid [[G]]
# CHECK-NEXT:      [[T:%.*]] = mm.tanh [[S]]
# CHECK-NEXT:      [[E:%.*]] = mm.exp [[T]]
# CHECK-NEXT:      [[Q:%.*]] = mm.sqrt [[E]]
# CHECK-NEXT:      [[L:%.*]] = mm.silu [[Q]]
# CHECK-NEXT:      [[A:%.*]] = mm.abs [[L]]
# CHECK-NEXT:      return [[A]]

# CHECK-LABEL: func.func @clamps(
# CHECK-NEXT:      mm.clamp %arg0 {min = 0.000000e+00 : f64} : tensor<?x8xf32>
# CHECK-NEXT:      mm.clamp %arg0 {max = 1.500000e+00 : f64, min = -1.500000e+00 : f64} : tensor<?x8xf32>

# CHECK-LABEL: func.func @reductions(
# CHECK-NEXT:      mm.mean %arg0 {dims = array<i64: 1>, keepdim = true} : tensor<?x?x8xf32> -> tensor<?x1x8xf32>
# CHECK-NEXT:      mm.sum %arg0 {dims = array<i64: 1, 2>} : tensor<?x?x8xf32> -> tensor<?xf32>
# CHECK-NEXT:      mm.amax %arg0 {dims = array<i64>} : tensor<?x?x8xf32> -> tensor<f32>
# CHECK-NEXT:      mm.mean %arg0 {dims = array<i64: 1>} : tensor<?x?x8xf32> -> tensor<?x8xf32>

# CHECK-LABEL: func.func @cats(
# CHECK-SAME:      [[A:%[a-z0-9]+]]: tensor<?x2xf32> {{.*}}, [[B:%[a-z0-9]+]]: tensor<?x3xf32>
# CHECK-NEXT:      [[BA:%.*]] = mm.cat [[B]], [[A]] {dim = 1 : i64} : (tensor<?x3xf32>, tensor<?x2xf32>) -> tensor<?x5xf32>
# CHECK-NEXT:      mm.cat [[A]], [[B]], [[BA]] {dim = 1 : i64} : (tensor<?x2xf32>, tensor<?x3xf32>, tensor<?x5xf32>) -> tensor<?x10xf32>

# CHECK-LABEL: func.func @matmuls(
# CHECK-NEXT:      [[Y:%.*]] = mm.matmul %arg0, %arg1 : (tensor<?x?x8xf32>, tensor<8x4xf32>) -> tensor<?x?x4xf32>
# CHECK-NEXT:      [[YV:%.*]] = mm.matmul [[Y]], %arg2 : (tensor<?x?x4xf32>, tensor<4xf32>) -> tensor<?x?xf32>
# CHECK-NEXT:      return [[Y]], [[YV]]
