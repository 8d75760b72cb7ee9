// RUN: mm-opt --convert-mm-to-linalg %s | FileCheck %s
// conv2d / conv1d: zero padding as tensor.pad, the bias broadcast into the
// accumulator, linalg.conv_2d_nchw_fchw for groups = 1 and
// linalg.conv_2d_ngchw_gfchw on [N, G, C/G, ...] views for groups > 1; a
// conv1d is a conv2d of height 1. Dynamic output sizes are computed from
// the padded input and are 0 when the kernel does not fit.

// CHECK-DAG: #[[CHAN:.*]] = affine_map<(d0, d1, d2, d3) -> (d1)>

// CHECK-LABEL: func.func @conv2d$stride_padding
// CHECK-SAME: %[[X:.*]]: tensor<?x3x64x64xf32>, %[[W:.*]]: tensor<32x3x3x3xf32>, %[[B:.*]]: tensor<32xf32>
// CHECK: %[[ZERO:.*]] = arith.constant 0.000000e+00 : f32
// CHECK: %[[PAD:.*]] = tensor.pad %[[X]] low[0, 0, 1, 1] high[0, 0, 1, 1]
// CHECK:   tensor.yield %[[ZERO]] : f32
// CHECK: } : tensor<?x3x64x64xf32> to tensor<?x3x66x66xf32>
// CHECK: %[[N:.*]] = tensor.dim %[[PAD]], %c0
// CHECK: %[[EMPTY:.*]] = tensor.empty(%[[N]]) : tensor<?x32x32x32xf32>
// CHECK: %[[ACC:.*]] = linalg.generic {indexing_maps = [#[[CHAN]], #{{.*}}], {{.*}} ins(%[[B]] : tensor<32xf32>) outs(%[[EMPTY]] : tensor<?x32x32x32xf32>)
// CHECK: %[[Y:.*]] = linalg.conv_2d_nchw_fchw {dilations = dense<1> : tensor<2xi64>, strides = dense<2> : tensor<2xi64>} ins(%[[PAD]], %[[W]] : tensor<?x3x66x66xf32>, tensor<32x3x3x3xf32>) outs(%[[ACC]] : tensor<?x32x32x32xf32>)
// CHECK: return %[[Y]]
func.func @conv2d$stride_padding(%x: tensor<?x3x64x64xf32>, %w: tensor<32x3x3x3xf32>, %b: tensor<32xf32>) -> tensor<?x32x32x32xf32> {
  %0 = mm.conv2d %x, %w, %b {stride = array<i64: 2, 2>, padding = array<i64: 1, 1>, dilation = array<i64: 1, 1>, groups = 1 : i64}
      : (tensor<?x3x64x64xf32>, tensor<32x3x3x3xf32>, tensor<32xf32>) -> tensor<?x32x32x32xf32>
  return %0 : tensor<?x32x32x32xf32>
}

// No padding, no bias: the convolution reads the input itself and
// accumulates into zeros; a dynamic H gives (H - 2*(3-1) - 1) / 1 + 1, or 0.
// CHECK-LABEL: func.func @conv2d$dilation_no_bias
// CHECK-SAME: %[[X:.*]]: tensor<2x4x?x9xf32>
// CHECK-NOT: tensor.pad
// CHECK: %[[H:.*]] = tensor.dim %[[X]], %c2
// CHECK: %[[SPAN:.*]] = arith.subi %[[H]], %c5
// CHECK: %[[COUNT:.*]] = arith.addi %[[SPAN]], %c1
// CHECK: %[[FITS:.*]] = arith.cmpi sge, %[[SPAN]], %c0
// CHECK: %[[OH:.*]] = arith.select %[[FITS]], %[[COUNT]], %c0
// CHECK: %[[EMPTY:.*]] = tensor.empty(%[[OH]]) : tensor<2x8x?x7xf32>
// CHECK: %[[ACC:.*]] = linalg.fill ins(%{{.*}} : f32) outs(%[[EMPTY]] : tensor<2x8x?x7xf32>)
// CHECK: linalg.conv_2d_nchw_fchw {dilations = dense<2> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>} ins(%[[X]], %{{.*}} : tensor<2x4x?x9xf32>, tensor<8x4x3x2xf32>) outs(%[[ACC]] : tensor<2x8x?x7xf32>)
func.func @conv2d$dilation_no_bias(%x: tensor<2x4x?x9xf32>, %w: tensor<8x4x3x2xf32>) -> tensor<2x8x?x7xf32> {
  %0 = mm.conv2d %x, %w {stride = array<i64: 1, 1>, padding = array<i64: 0, 0>, dilation = array<i64: 2, 2>, groups = 1 : i64}
      : (tensor<2x4x?x9xf32>, tensor<8x4x3x2xf32>) -> tensor<2x8x?x7xf32>
  return %0 : tensor<2x8x?x7xf32>
}

// Depthwise (groups = in_channels = 4, two filters per channel): input,
// weight and accumulator split their channels into [4, C/4].
// CHECK-LABEL: func.func @conv2d$depthwise
// CHECK-SAME: %[[X:.*]]: tensor<?x4x10x10xf32>, %[[W:.*]]: tensor<8x1x3x3xf32>
// CHECK: %[[XG:.*]] = tensor.expand_shape %[[X]] {{\[\[}}0], [1, 2], [3], [4]] output_shape [%{{.*}}, 4, 1, 10, 10] : tensor<?x4x10x10xf32> into tensor<?x4x1x10x10xf32>
// CHECK: %[[WG:.*]] = tensor.expand_shape %[[W]] {{\[\[}}0, 1], [2], [3], [4]] output_shape [4, 2, 1, 3, 3] : tensor<8x1x3x3xf32> into tensor<4x2x1x3x3xf32>
// CHECK: %[[ACC:.*]] = tensor.expand_shape %{{.*}} {{\[\[}}0], [1, 2], [3], [4]] output_shape [%{{.*}}, 4, 2, 8, 8] : tensor<?x8x8x8xf32> into tensor<?x4x2x8x8xf32>
// CHECK: %[[Y:.*]] = linalg.conv_2d_ngchw_gfchw {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>} ins(%[[XG]], %[[WG]] : tensor<?x4x1x10x10xf32>, tensor<4x2x1x3x3xf32>) outs(%[[ACC]] : tensor<?x4x2x8x8xf32>)
// CHECK: tensor.collapse_shape %[[Y]] {{\[\[}}0], [1, 2], [3], [4]] : tensor<?x4x2x8x8xf32> into tensor<?x8x8x8xf32>
func.func @conv2d$depthwise(%x: tensor<?x4x10x10xf32>, %w: tensor<8x1x3x3xf32>, %b: tensor<8xf32>) -> tensor<?x8x8x8xf32> {
  %0 = mm.conv2d %x, %w, %b {stride = array<i64: 1, 1>, padding = array<i64: 0, 0>, dilation = array<i64: 1, 1>, groups = 4 : i64}
      : (tensor<?x4x10x10xf32>, tensor<8x1x3x3xf32>, tensor<8xf32>) -> tensor<?x8x8x8xf32>
  return %0 : tensor<?x8x8x8xf32>
}

// conv1d: input and weight get a unit height, the result loses it.
// CHECK-LABEL: func.func @conv1d$padding
// CHECK-SAME: %[[X:.*]]: tensor<?x16x?xf32>, %[[W:.*]]: tensor<32x16x5xf32>
// CHECK: %[[X4:.*]] = tensor.expand_shape %[[X]] {{\[\[}}0], [1], [2, 3]] output_shape [%{{.*}}, 16, 1, %{{.*}}] : tensor<?x16x?xf32> into tensor<?x16x1x?xf32>
// CHECK: %[[W4:.*]] = tensor.expand_shape %[[W]] {{\[\[}}0], [1], [2, 3]] output_shape [32, 16, 1, 5] : tensor<32x16x5xf32> into tensor<32x16x1x5xf32>
// CHECK: %[[PAD:.*]] = tensor.pad %[[X4]] low[0, 0, 0, 2] high[0, 0, 0, 2]
// CHECK: %[[Y:.*]] = linalg.conv_2d_nchw_fchw {dilations = dense<1> : tensor<2xi64>, strides = dense<[1, 3]> : tensor<2xi64>} ins(%[[PAD]], %[[W4]] : tensor<?x16x1x?xf32>, tensor<32x16x1x5xf32>)
// CHECK: tensor.collapse_shape %[[Y]] {{\[\[}}0], [1], [2, 3]] : tensor<?x32x1x?xf32> into tensor<?x32x?xf32>
func.func @conv1d$padding(%x: tensor<?x16x?xf32>, %w: tensor<32x16x5xf32>, %b: tensor<32xf32>) -> tensor<?x32x?xf32> {
  %0 = mm.conv1d %x, %w, %b {stride = array<i64: 3>, padding = array<i64: 2>, dilation = array<i64: 1>, groups = 1 : i64}
      : (tensor<?x16x?xf32>, tensor<32x16x5xf32>, tensor<32xf32>) -> tensor<?x32x?xf32>
  return %0 : tensor<?x32x?xf32>
}
