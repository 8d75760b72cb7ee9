// RUN: mm-opt %s | mm-opt | FileCheck %s
// RUN: mm-opt %s -canonicalize | FileCheck %s --check-prefix=FOLD
// Round trip of the tensor functions of MMTensorOps.td: print, parse again,
// print the same; and their folders (FOLD).

// CHECK-LABEL: func.func @views
func.func @views(%x: tensor<?x64x16x16xf32>, %y: tensor<?x?x128xf32>, %i: tensor<?x3xi32>) {
  // CHECK: mm.transpose %{{.*}} {dim0 = 1 : i64, dim1 = 2 : i64} : tensor<?x?x128xf32> -> tensor<?x128x?xf32>
  %0 = mm.transpose %y {dim0 = 1 : i64, dim1 = 2 : i64} : tensor<?x?x128xf32> -> tensor<?x128x?xf32>
  // CHECK: mm.transpose %{{.*}} {dim0 = 0 : i64, dim1 = 1 : i64} : tensor<?x3xi32> -> tensor<3x?xi32>
  %1 = mm.transpose %i {dim0 = 0 : i64, dim1 = 1 : i64} : tensor<?x3xi32> -> tensor<3x?xi32>
  // CHECK: mm.permute %{{.*}} {dims = array<i64: 0, 2, 3, 1>} : tensor<?x64x16x16xf32> -> tensor<?x16x16x64xf32>
  %2 = mm.permute %x {dims = array<i64: 0, 2, 3, 1>} : tensor<?x64x16x16xf32> -> tensor<?x16x16x64xf32>
  // CHECK: mm.flatten %{{.*}} {end_dim = 3 : i64, start_dim = 2 : i64} : tensor<?x64x16x16xf32> -> tensor<?x64x256xf32>
  %3 = mm.flatten %x {start_dim = 2 : i64, end_dim = 3 : i64} : tensor<?x64x16x16xf32> -> tensor<?x64x256xf32>
  // CHECK: mm.flatten %{{.*}} {end_dim = 1 : i64, start_dim = 0 : i64} : tensor<?x?x128xf32> -> tensor<?x128xf32>
  %4 = mm.flatten %y {start_dim = 0 : i64, end_dim = 1 : i64} : tensor<?x?x128xf32> -> tensor<?x128xf32>
  // CHECK: mm.reshape %{{.*}} {shape = array<i64: -1, -1, 4, 32>, source_dims = array<i64: 0, 1, -1, -1>} : tensor<?x?x128xf32> -> tensor<?x?x4x32xf32>
  %5 = mm.reshape %y {shape = array<i64: -1, -1, 4, 32>, source_dims = array<i64: 0, 1, -1, -1>}
      : tensor<?x?x128xf32> -> tensor<?x?x4x32xf32>
  // CHECK: mm.reshape %{{.*}} {shape = array<i64: -1, 16384>} : tensor<?x64x16x16xf32> -> tensor<?x16384xf32>
  %6 = mm.reshape %x {shape = array<i64: -1, 16384>} : tensor<?x64x16x16xf32> -> tensor<?x16384xf32>
  // CHECK: mm.stack %{{.*}}, %{{.*}} {dim = 1 : i64} : (tensor<?x?x128xf32>, tensor<?x?x128xf32>) -> tensor<?x2x?x128xf32>
  %7 = mm.stack %y, %y {dim = 1 : i64} : (tensor<?x?x128xf32>, tensor<?x?x128xf32>) -> tensor<?x2x?x128xf32>
  // CHECK: mm.stack %{{.*}} {dim = 2 : i64} : (tensor<?x3xi32>) -> tensor<?x3x1xi32>
  %8 = mm.stack %i {dim = 2 : i64} : (tensor<?x3xi32>) -> tensor<?x3x1xi32>
  return
}

// CHECK-LABEL: func.func @normalizations
func.func @normalizations(%x: tensor<?x7xf32>) {
  // CHECK: mm.softmax %{{.*}} {dim = 1 : i64} : tensor<?x7xf32>
  %0 = mm.softmax %x {dim = 1 : i64} : tensor<?x7xf32>
  // CHECK: mm.log_softmax %{{.*}} {dim = 0 : i64} : tensor<?x7xf32>
  %1 = mm.log_softmax %x {dim = 0 : i64} : tensor<?x7xf32>
  // CHECK: mm.normalize %{{.*}} {dim = 1 : i64, eps = 9.9999999999999995E-7 : f64, p = 3.000000e+00 : f64} : tensor<?x7xf32>
  %2 = mm.normalize %x {p = 3.0 : f64, dim = 1 : i64, eps = 1.0e-6 : f64} : tensor<?x7xf32>
  // The defaults of p and eps are F.normalize's (2 and 1e-12): not printed.
  // CHECK: mm.normalize %{{.*}} {dim = 0 : i64} : tensor<?x7xf32>
  %3 = mm.normalize %x {p = 2.0 : f64, dim = 0 : i64, eps = 1.0e-12 : f64} : tensor<?x7xf32>
  return
}

// CHECK-LABEL: func.func @like_and_to
func.func @like_and_to(%x: tensor<?x4xf32>, %i: tensor<3xi64>, %u: tensor<2x2xui8>) {
  // CHECK: mm.zeros_like %{{.*}} : tensor<?x4xf32>
  %0 = mm.zeros_like %x : tensor<?x4xf32>
  // CHECK: mm.ones_like %{{.*}} : tensor<3xi64>
  %1 = mm.ones_like %i : tensor<3xi64>
  // CHECK: mm.to %{{.*}} : tensor<?x4xf32> -> tensor<?x4xi32>
  %2 = mm.to %x : tensor<?x4xf32> -> tensor<?x4xi32>
  // CHECK: mm.to %{{.*}} : tensor<2x2xui8> -> tensor<2x2xf32>
  %3 = mm.to %u : tensor<2x2xui8> -> tensor<2x2xf32>
  return
}

// CHECK-LABEL: func.func @pooling
func.func @pooling(%x: tensor<?x16x32x32xf32>, %y: tensor<3x?x?xf32>) {
  // CHECK: mm.max_pool2d %{{.*}} {dilation = array<i64: 1, 1>, kernel_size = array<i64: 2, 2>, padding = array<i64: 0, 0>, stride = array<i64: 2, 2>} : tensor<?x16x32x32xf32> -> tensor<?x16x16x16xf32>
  %0 = mm.max_pool2d %x {kernel_size = array<i64: 2, 2>, stride = array<i64: 2, 2>,
      padding = array<i64: 0, 0>, dilation = array<i64: 1, 1>, ceil_mode = false}
      : tensor<?x16x32x32xf32> -> tensor<?x16x16x16xf32>
  // CHECK: mm.max_pool2d %{{.*}} {ceil_mode = true, dilation = array<i64: 2, 1>, kernel_size = array<i64: 3, 3>, padding = array<i64: 1, 1>, stride = array<i64: 3, 3>} : tensor<3x?x?xf32> -> tensor<3x?x?xf32>
  %1 = mm.max_pool2d %y {kernel_size = array<i64: 3, 3>, stride = array<i64: 3, 3>,
      padding = array<i64: 1, 1>, dilation = array<i64: 2, 1>, ceil_mode = true}
      : tensor<3x?x?xf32> -> tensor<3x?x?xf32>
  // CHECK: mm.avg_pool2d %{{.*}} {count_include_pad = false, kernel_size = array<i64: 3, 3>, padding = array<i64: 1, 1>, stride = array<i64: 2, 2>} : tensor<?x16x32x32xf32> -> tensor<?x16x16x16xf32>
  %2 = mm.avg_pool2d %x {kernel_size = array<i64: 3, 3>, stride = array<i64: 2, 2>,
      padding = array<i64: 1, 1>, ceil_mode = false, count_include_pad = false}
      : tensor<?x16x32x32xf32> -> tensor<?x16x16x16xf32>
  // CHECK: mm.adaptive_avg_pool2d %{{.*}} {output_size = array<i64: 1, 1>} : tensor<?x16x32x32xf32> -> tensor<?x16x1x1xf32>
  %3 = mm.adaptive_avg_pool2d %x {output_size = array<i64: 1, 1>} : tensor<?x16x32x32xf32> -> tensor<?x16x1x1xf32>
  // CHECK: mm.adaptive_avg_pool2d %{{.*}} {output_size = array<i64: 5, 7>} : tensor<3x?x?xf32> -> tensor<3x5x7xf32>
  %4 = mm.adaptive_avg_pool2d %y {output_size = array<i64: 5, 7>} : tensor<3x?x?xf32> -> tensor<3x5x7xf32>
  return
}

// CHECK-LABEL: func.func @interpolation
func.func @interpolation(%x: tensor<?x3x16x16xf32>, %s: tensor<?x2x?xf32>) {
  // CHECK: mm.interpolate %{{.*}} {mode = "bilinear", size = array<i64: 32, 24>} : tensor<?x3x16x16xf32> -> tensor<?x3x32x24xf32>
  %0 = mm.interpolate %x {mode = "bilinear", size = array<i64: 32, 24>} : tensor<?x3x16x16xf32> -> tensor<?x3x32x24xf32>
  // CHECK: mm.interpolate %{{.*}} {mode = "nearest", scale_factor = 1.500000e+00 : f64} : tensor<?x3x16x16xf32> -> tensor<?x3x24x24xf32>
  %1 = mm.interpolate %x {mode = "nearest", scale_factor = 1.5 : f64} : tensor<?x3x16x16xf32> -> tensor<?x3x24x24xf32>
  // CHECK: mm.interpolate %{{.*}} {mode = "linear", scale_factor = 2.000000e+00 : f64} : tensor<?x2x?xf32> -> tensor<?x2x?xf32>
  %2 = mm.interpolate %s {mode = "linear", scale_factor = 2.0 : f64} : tensor<?x2x?xf32> -> tensor<?x2x?xf32>
  // CHECK: mm.interpolate %{{.*}} {mode = "bicubic", size = array<i64: 7, 5>} : tensor<?x3x16x16xf32> -> tensor<?x3x7x5xf32>
  %3 = mm.interpolate %x {mode = "bicubic", size = array<i64: 7, 5>} : tensor<?x3x16x16xf32> -> tensor<?x3x7x5xf32>
  return
}

// Folders, under -canonicalize: identities disappear, a reshape of a
// reshape to a static shape reads the original input.
// FOLD-LABEL: func.func @folds
// FOLD-SAME: %[[X:.*]]: tensor<2x3x4xf32>, %[[D:.*]]: tensor<?x4xf32>, %[[DD:.*]]: tensor<?x?xf32>
// FOLD: %[[R:.*]] = mm.reshape %[[X]] {shape = array<i64: 6, 4>} : tensor<2x3x4xf32> -> tensor<6x4xf32>
// FOLD: %[[T:.*]] = mm.reshape %[[DD]] {shape = array<i64: -1, -1>, source_dims = array<i64: 1, 0>}
// FOLD: return %[[X]], %[[X]], %[[X]], %[[X]], %[[R]], %[[D]], %[[D]], %[[DD]], %[[T]] :
func.func @folds(%x: tensor<2x3x4xf32>, %d: tensor<?x4xf32>, %dd: tensor<?x?xf32>)
    -> (tensor<2x3x4xf32>, tensor<2x3x4xf32>, tensor<2x3x4xf32>, tensor<2x3x4xf32>, tensor<6x4xf32>,
        tensor<?x4xf32>, tensor<?x4xf32>, tensor<?x?xf32>, tensor<?x?xf32>) {
  %0 = mm.transpose %x {dim0 = 1 : i64, dim1 = 1 : i64} : tensor<2x3x4xf32> -> tensor<2x3x4xf32>
  %1 = mm.permute %x {dims = array<i64: 0, 1, 2>} : tensor<2x3x4xf32> -> tensor<2x3x4xf32>
  %2 = mm.flatten %x {start_dim = 1 : i64, end_dim = 1 : i64} : tensor<2x3x4xf32> -> tensor<2x3x4xf32>
  %3 = mm.reshape %x {shape = array<i64: 2, 3, 4>} : tensor<2x3x4xf32> -> tensor<2x3x4xf32>
  %r = mm.reshape %x {shape = array<i64: 4, 6>} : tensor<2x3x4xf32> -> tensor<4x6xf32>
  %4 = mm.reshape %r {shape = array<i64: 6, 4>} : tensor<4x6xf32> -> tensor<6x4xf32>
  %5 = mm.reshape %d {shape = array<i64: -1, 4>} : tensor<?x4xf32> -> tensor<?x4xf32>
  %6 = mm.to %d : tensor<?x4xf32> -> tensor<?x4xf32>
  %7 = mm.reshape %dd {shape = array<i64: -1, -1>, source_dims = array<i64: 0, -1>} : tensor<?x?xf32> -> tensor<?x?xf32>
  // [T, B] of [B, T] is not an identity.
  %8 = mm.reshape %dd {shape = array<i64: -1, -1>, source_dims = array<i64: 1, 0>} : tensor<?x?xf32> -> tensor<?x?xf32>
  return %0, %1, %2, %3, %4, %5, %6, %7, %8 : tensor<2x3x4xf32>, tensor<2x3x4xf32>, tensor<2x3x4xf32>,
      tensor<2x3x4xf32>, tensor<6x4xf32>, tensor<?x4xf32>, tensor<?x4xf32>, tensor<?x?xf32>, tensor<?x?xf32>
}
