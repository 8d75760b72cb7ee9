// RUN: mm-opt --mm-sink-reductions %s | FileCheck %s
// mm-sink-reductions: a mean over positions moves above the linear layer it
// follows, and across an addition that leads to one; a sum only where that
// is exact. Nothing moves that would still be computed at full size.

// The tail of a pre-norm encoder pooled by a mean: the residual sum splits,
// the second feed-forward linear runs on one row per batch.
// CHECK-LABEL: func.func @encoder_tail
// CHECK-SAME: (%[[X:.*]]: tensor<?x256x16xf32>, %[[H:.*]]: tensor<?x256x32xf32>, %[[W:.*]]: tensor<16x32xf32>, %[[B:.*]]: tensor<16xf32>)
// CHECK-NEXT: %[[MX:.*]] = mm.mean %[[X]] {dims = array<i64: 1>} : tensor<?x256x16xf32> -> tensor<?x16xf32>
// CHECK-NEXT: %[[MH:.*]] = mm.mean %[[H]] {dims = array<i64: 1>} : tensor<?x256x32xf32> -> tensor<?x32xf32>
// CHECK-NEXT: %[[L:.*]] = mm.linear %[[MH]], %[[W]], %[[B]] : (tensor<?x32xf32>, tensor<16x32xf32>, tensor<16xf32>) -> tensor<?x16xf32>
// CHECK-NEXT: %[[Y:.*]] = mm.add %[[MX]], %[[L]]
// CHECK-NEXT: return %[[Y]]
func.func @encoder_tail(%x: tensor<?x256x16xf32>, %h: tensor<?x256x32xf32>, %w: tensor<16x32xf32>, %b: tensor<16xf32>) -> tensor<?x16xf32> {
  %ff = mm.linear %h, %w, %b : (tensor<?x256x32xf32>, tensor<16x32xf32>, tensor<16xf32>) -> tensor<?x256x16xf32>
  %y = mm.add %x, %ff : (tensor<?x256x16xf32>, tensor<?x256x16xf32>) -> tensor<?x256x16xf32>
  %m = mm.mean %y {dims = array<i64: 1>} : tensor<?x256x16xf32> -> tensor<?x16xf32>
  return %m : tensor<?x16xf32>
}

// A difference whose other term is broadcast along the reduced dimension:
// that term is averaged as the size-1 tensor it is (a mean of copies is the
// copy).
// CHECK-LABEL: func.func @difference_and_broadcast
// CHECK-SAME: (%[[X:.*]]: tensor<4x9x8xf32>, %[[P:.*]]: tensor<4x1x8xf32>, %[[W:.*]]: tensor<8x8xf32>)
// CHECK-NEXT: %[[MP:.*]] = mm.mean %[[P]] {dims = array<i64: 1>} : tensor<4x1x8xf32> -> tensor<4x8xf32>
// CHECK-NEXT: %[[MX:.*]] = mm.mean %[[X]] {dims = array<i64: 1>} : tensor<4x9x8xf32> -> tensor<4x8xf32>
// CHECK-NEXT: %[[L:.*]] = mm.linear %[[MX]], %[[W]] : (tensor<4x8xf32>, tensor<8x8xf32>) -> tensor<4x8xf32>
// CHECK-NEXT: %[[D:.*]] = mm.sub %[[MP]], %[[L]]
// CHECK-NEXT: return %[[D]]
func.func @difference_and_broadcast(%x: tensor<4x9x8xf32>, %p: tensor<4x1x8xf32>, %w: tensor<8x8xf32>) -> tensor<4x8xf32> {
  %l = mm.linear %x, %w : (tensor<4x9x8xf32>, tensor<8x8xf32>) -> tensor<4x9x8xf32>
  %d = mm.sub %p, %l : (tensor<4x1x8xf32>, tensor<4x9x8xf32>) -> tensor<4x9x8xf32>
  %m = mm.mean %d {dims = array<i64: 1>} : tensor<4x9x8xf32> -> tensor<4x8xf32>
  return %m : tensor<4x8xf32>
}

// Nested sums: the term without a linear layer keeps one plain mean.
// CHECK-LABEL: func.func @nested
// CHECK-NEXT: %[[S:.*]] = mm.add %arg0, %arg1
// CHECK-NEXT: %[[MS:.*]] = mm.mean %[[S]] {dims = array<i64: 1>} : tensor<4x9x8xf32> -> tensor<4x8xf32>
// CHECK-NEXT: %[[MX:.*]] = mm.mean %arg0 {dims = array<i64: 1>} : tensor<4x9x8xf32> -> tensor<4x8xf32>
// CHECK-NEXT: %[[L:.*]] = mm.linear %[[MX]], %arg2 :
// CHECK-NEXT: %[[MY:.*]] = mm.mean %arg1 {dims = array<i64: 1>} : tensor<4x9x8xf32> -> tensor<4x8xf32>
// CHECK-NEXT: %[[T:.*]] = mm.add %[[L]], %[[MY]]
// CHECK-NEXT: %[[R:.*]] = mm.add %[[MS]], %[[T]]
// CHECK-NEXT: return %[[R]]
func.func @nested(%x: tensor<4x9x8xf32>, %y: tensor<4x9x8xf32>, %w: tensor<8x8xf32>) -> tensor<4x8xf32> {
  %s = mm.add %x, %y : (tensor<4x9x8xf32>, tensor<4x9x8xf32>) -> tensor<4x9x8xf32>
  %l = mm.linear %x, %w : (tensor<4x9x8xf32>, tensor<8x8xf32>) -> tensor<4x9x8xf32>
  %t = mm.add %l, %y : (tensor<4x9x8xf32>, tensor<4x9x8xf32>) -> tensor<4x9x8xf32>
  %r = mm.add %s, %t : (tensor<4x9x8xf32>, tensor<4x9x8xf32>) -> tensor<4x9x8xf32>
  %m = mm.mean %r {dims = array<i64: 1>} : tensor<4x9x8xf32> -> tensor<4x8xf32>
  return %m : tensor<4x8xf32>
}

// keepdim, and a chain of linear layers: both run on the reduced row.
// CHECK-LABEL: func.func @keepdim_chain
// CHECK-NEXT: %[[M:.*]] = mm.mean %arg0 {dims = array<i64: 1>, keepdim = true} : tensor<?x?x8xf32> -> tensor<?x1x8xf32>
// CHECK-NEXT: %[[A:.*]] = mm.linear %[[M]], %arg1, %arg2 : (tensor<?x1x8xf32>, tensor<12x8xf32>, tensor<12xf32>) -> tensor<?x1x12xf32>
// CHECK-NEXT: %[[B:.*]] = mm.linear %[[A]], %arg3, %arg4 : (tensor<?x1x12xf32>, tensor<8x12xf32>, tensor<8xf32>) -> tensor<?x1x8xf32>
// CHECK-NEXT: return %[[B]]
func.func @keepdim_chain(%x: tensor<?x?x8xf32>, %w1: tensor<12x8xf32>, %b1: tensor<12xf32>, %w2: tensor<8x12xf32>, %b2: tensor<8xf32>) -> tensor<?x1x8xf32> {
  %a = mm.linear %x, %w1, %b1 : (tensor<?x?x8xf32>, tensor<12x8xf32>, tensor<12xf32>) -> tensor<?x?x12xf32>
  %b = mm.linear %a, %w2, %b2 : (tensor<?x?x12xf32>, tensor<8x12xf32>, tensor<8xf32>) -> tensor<?x?x8xf32>
  %m = mm.mean %b {dims = array<i64: 1>, keepdim = true} : tensor<?x?x8xf32> -> tensor<?x1x8xf32>
  return %m : tensor<?x1x8xf32>
}

// Reduced to one row: the linear layer takes a rank-1 input.
// CHECK-LABEL: func.func @to_rank_one
// CHECK-NEXT: %[[M:.*]] = mm.mean %arg0 {dims = array<i64: 0, 1>} : tensor<3x5x8xf32> -> tensor<8xf32>
// CHECK-NEXT: mm.linear %[[M]], %arg1, %arg2 : (tensor<8xf32>, tensor<4x8xf32>, tensor<4xf32>) -> tensor<4xf32>
func.func @to_rank_one(%x: tensor<3x5x8xf32>, %w: tensor<4x8xf32>, %b: tensor<4xf32>) -> tensor<4xf32> {
  %l = mm.linear %x, %w, %b : (tensor<3x5x8xf32>, tensor<4x8xf32>, tensor<4xf32>) -> tensor<3x5x4xf32>
  %m = mm.mean %l {dims = array<i64: 0, 1>} : tensor<3x5x4xf32> -> tensor<4xf32>
  return %m : tensor<4xf32>
}

// A sum moves through a linear layer without bias and across an addition
// whose terms are full size.
// CHECK-LABEL: func.func @sum_without_bias
// CHECK-NEXT: %[[SX:.*]] = mm.sum %arg0 {dims = array<i64: 1>} : tensor<2x7x8xf32> -> tensor<2x8xf32>
// CHECK-NEXT: %[[L:.*]] = mm.linear %[[SX]], %arg1 : (tensor<2x8xf32>, tensor<8x8xf32>) -> tensor<2x8xf32>
// CHECK-NEXT: %[[SY:.*]] = mm.sum %arg2 {dims = array<i64: 1>} : tensor<2x7x8xf32> -> tensor<2x8xf32>
// CHECK-NEXT: mm.add %[[L]], %[[SY]]
func.func @sum_without_bias(%x: tensor<2x7x8xf32>, %w: tensor<8x8xf32>, %y: tensor<2x7x8xf32>) -> tensor<2x8xf32> {
  %l = mm.linear %x, %w : (tensor<2x7x8xf32>, tensor<8x8xf32>) -> tensor<2x7x8xf32>
  %s = mm.add %l, %y : (tensor<2x7x8xf32>, tensor<2x7x8xf32>) -> tensor<2x7x8xf32>
  %m = mm.sum %s {dims = array<i64: 1>} : tensor<2x7x8xf32> -> tensor<2x8xf32>
  return %m : tensor<2x8xf32>
}

// Left alone: a sum through a bias (the bias counts once per position), a
// sum across a term broadcast along the reduced dimension, a reduction of
// the features, a reduction of everything, a linear layer whose full result
// is used elsewhere, an addition with no linear term, amax.
// CHECK-LABEL: func.func @left_alone
// CHECK-NEXT: mm.linear %arg0, %arg1, %arg2 : (tensor<2x7x8xf32>, tensor<8x8xf32>, tensor<8xf32>) -> tensor<2x7x8xf32>
// CHECK-NEXT: mm.sum %{{.*}} {dims = array<i64: 1>} : tensor<2x7x8xf32> -> tensor<2x8xf32>
// CHECK-NEXT: mm.linear %arg0, %arg1 :
// CHECK-NEXT: mm.add %{{.*}}, %arg3 : (tensor<2x7x8xf32>, tensor<2x1x8xf32>) -> tensor<2x7x8xf32>
// CHECK-NEXT: mm.sum %{{.*}} {dims = array<i64: 1>} : tensor<2x7x8xf32> -> tensor<2x8xf32>
// CHECK-NEXT: mm.linear %arg0, %arg1 :
// CHECK-NEXT: mm.mean %{{.*}} {dims = array<i64: 2>} : tensor<2x7x8xf32> -> tensor<2x7xf32>
// CHECK-NEXT: mm.linear %arg0, %arg1 :
// CHECK-NEXT: mm.mean %{{.*}} {dims = array<i64>} : tensor<2x7x8xf32> -> tensor<f32>
// CHECK-NEXT: %[[SHARED:.*]] = mm.linear %arg0, %arg1 :
// CHECK-NEXT: mm.mean %[[SHARED]] {dims = array<i64: 1>} : tensor<2x7x8xf32> -> tensor<2x8xf32>
// CHECK-NEXT: mm.add %arg0, %arg0 :
// CHECK-NEXT: mm.mean %{{.*}} {dims = array<i64: 1>} : tensor<2x7x8xf32> -> tensor<2x8xf32>
// CHECK-NEXT: mm.linear %arg0, %arg1 :
// CHECK-NEXT: mm.amax %{{.*}} {dims = array<i64: 1>} : tensor<2x7x8xf32> -> tensor<2x8xf32>
// CHECK-NEXT: return {{.*}}, %[[SHARED]]
func.func @left_alone(%x: tensor<2x7x8xf32>, %w: tensor<8x8xf32>, %b: tensor<8xf32>, %p: tensor<2x1x8xf32>)
    -> (tensor<2x8xf32>, tensor<2x8xf32>, tensor<2x7xf32>, tensor<f32>, tensor<2x8xf32>, tensor<2x8xf32>, tensor<2x8xf32>, tensor<2x7x8xf32>) {
  %l0 = mm.linear %x, %w, %b : (tensor<2x7x8xf32>, tensor<8x8xf32>, tensor<8xf32>) -> tensor<2x7x8xf32>
  %r0 = mm.sum %l0 {dims = array<i64: 1>} : tensor<2x7x8xf32> -> tensor<2x8xf32>
  %l1 = mm.linear %x, %w : (tensor<2x7x8xf32>, tensor<8x8xf32>) -> tensor<2x7x8xf32>
  %a1 = mm.add %l1, %p : (tensor<2x7x8xf32>, tensor<2x1x8xf32>) -> tensor<2x7x8xf32>
  %r1 = mm.sum %a1 {dims = array<i64: 1>} : tensor<2x7x8xf32> -> tensor<2x8xf32>
  %l2 = mm.linear %x, %w : (tensor<2x7x8xf32>, tensor<8x8xf32>) -> tensor<2x7x8xf32>
  %r2 = mm.mean %l2 {dims = array<i64: 2>} : tensor<2x7x8xf32> -> tensor<2x7xf32>
  %l3 = mm.linear %x, %w : (tensor<2x7x8xf32>, tensor<8x8xf32>) -> tensor<2x7x8xf32>
  %r3 = mm.mean %l3 {dims = array<i64>} : tensor<2x7x8xf32> -> tensor<f32>
  %l4 = mm.linear %x, %w : (tensor<2x7x8xf32>, tensor<8x8xf32>) -> tensor<2x7x8xf32>
  %r4 = mm.mean %l4 {dims = array<i64: 1>} : tensor<2x7x8xf32> -> tensor<2x8xf32>
  %a5 = mm.add %x, %x : (tensor<2x7x8xf32>, tensor<2x7x8xf32>) -> tensor<2x7x8xf32>
  %r5 = mm.mean %a5 {dims = array<i64: 1>} : tensor<2x7x8xf32> -> tensor<2x8xf32>
  %l6 = mm.linear %x, %w : (tensor<2x7x8xf32>, tensor<8x8xf32>) -> tensor<2x7x8xf32>
  %r6 = mm.amax %l6 {dims = array<i64: 1>} : tensor<2x7x8xf32> -> tensor<2x8xf32>
  return %r0, %r1, %r2, %r3, %r4, %r5, %r6, %l4
      : tensor<2x8xf32>, tensor<2x8xf32>, tensor<2x7xf32>, tensor<f32>, tensor<2x8xf32>, tensor<2x8xf32>, tensor<2x8xf32>, tensor<2x7x8xf32>
}
