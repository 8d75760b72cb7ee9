# RUN: mmc --emit=mm %s | FileCheck %s
# Arithmetic: NumPy broadcasting, numbers as rank-0 constants of the
# tensor's element type, unary minus, and folding of compile-time numbers.
model arith {
  fn forward(x: f32[B, T, 8], y: f32[8], n: i64[B]) -> (f32[B, T, 8], f32[B, T, 8], i64[B]) {
    a = x * y - 1
    b = 2 * 3 / x
    c = -(x / (4 - 2)) + -0.5
    return a, b + c, n * 3
  }
}

# CHECK-LABEL: func.func @forward(
# CHECK-SAME:      [[X:%[a-z0-9]+]]: tensor<?x?x8xf32> {{.*}}, [[Y:%[a-z0-9]+]]: tensor<8xf32> {{.*}}, [[N:%[a-z0-9]+]]: tensor<?xi64>
# CHECK-NEXT:      [[XY:%.*]] = mm.mul [[X]], [[Y]] : (tensor<?x?x8xf32>, tensor<8xf32>) -> tensor<?x?x8xf32>
# CHECK-NEXT:      [[ONE:%.*]] = mm.constant dense<1.000000e+00> : tensor<f32>
# CHECK-NEXT:      [[A:%.*]] = mm.sub [[XY]], [[ONE]] : (tensor<?x?x8xf32>, tensor<f32>) -> tensor<?x?x8xf32>
# 2 * 3 folds to 6 before it meets the tensor.
# CHECK-NEXT:      [[SIX:%.*]] = mm.constant dense<6.000000e+00> : tensor<f32>
# CHECK-NEXT:      [[B:%.*]] = mm.div [[SIX]], [[X]] : (tensor<f32>, tensor<?x?x8xf32>) -> tensor<?x?x8xf32>
# CHECK-NEXT:      [[TWO:%.*]] = mm.constant dense<2.000000e+00> : tensor<f32>
# CHECK-NEXT:      [[Q:%.*]] = mm.div [[X]], [[TWO]]
# CHECK-NEXT:      [[NEG:%.*]] = mm.neg [[Q]] : tensor<?x?x8xf32>
# CHECK-NEXT:      [[HALF:%.*]] = mm.constant dense<-5.000000e-01> : tensor<f32>
# CHECK-NEXT:      [[C:%.*]] = mm.add [[NEG]], [[HALF]]
# CHECK-NEXT:      [[BC:%.*]] = mm.add [[B]], [[C]]
# Integer tensors get integer constants.
# CHECK-NEXT:      [[THREE:%.*]] = mm.constant dense<3> : tensor<i64>
# CHECK-NEXT:      [[N3:%.*]] = mm.mul [[N]], [[THREE]] : (tensor<?xi64>, tensor<i64>) -> tensor<?xi64>
# CHECK-NEXT:      return [[A]], [[BC]], [[N3]]
