// RUN: mm-opt %s --split-input-file --pass-pipeline="builtin.module(func.func(mm-vectorize-contractions{tile-m=4 tile-n=16}))" | FileCheck %s

// A matmul becomes tiles of 4 rows x 16 columns: N tiles, then M tiles,
// each with the four accumulator rows carried through the K loop; then
// single rows, then one masked tile of columns for the rest of N.
// CHECK-LABEL: func.func @matmul
// CHECK-SAME: (%[[A:.*]]: memref<?x?xf32>, %[[B:.*]]: memref<?x?xf32>, %[[C:.*]]: memref<?x?xf32>)
// CHECK-NOT: linalg.matmul
// CHECK: scf.for %[[N0:.*]] = %{{.*}} to %{{.*}} step %c16
// CHECK: scf.for %[[M0:.*]] = %{{.*}} to %{{.*}} step %c4
// CHECK: %[[C0:.*]] = vector.load %[[C]][%[[M0]], %[[N0]]] : memref<?x?xf32>, vector<16xf32>
// CHECK-COUNT-3: vector.load %[[C]]
// CHECK: scf.for %[[K:.*]] = %{{.*}} to %{{.*}} step %{{.*}} iter_args(%[[ACC0:.*]] = %[[C0]], %{{.*}} = %{{.*}}, %{{.*}} = %{{.*}}, %{{.*}} = %{{.*}}) -> (vector<16xf32>, vector<16xf32>, vector<16xf32>, vector<16xf32>)
// CHECK: %[[ROW:.*]] = vector.load %[[B]][%[[K]], %[[N0]]] : memref<?x?xf32>, vector<16xf32>
// CHECK: %[[E:.*]] = memref.load %[[A]][%[[M0]], %[[K]]]
// CHECK: %[[BE:.*]] = vector.broadcast %[[E]] : f32 to vector<16xf32>
// CHECK: %[[P:.*]] = arith.mulf %[[BE]], %[[ROW]] : vector<16xf32>
// CHECK: arith.addf %[[ACC0]], %[[P]] : vector<16xf32>
// CHECK-COUNT-3: arith.addf
// CHECK: scf.yield
// CHECK-COUNT-4: vector.store %{{.*}}, %[[C]]
// CHECK: scf.for %{{.*}} = %{{.*}} to %{{.*}} step %{{.*}} {
// CHECK: scf.for {{.*}} iter_args({{.*}}) -> (vector<16xf32>)
// CHECK: scf.if
// CHECK: %[[MASK:.*]] = vector.create_mask %{{.*}} : vector<16xi1>
// CHECK: vector.maskedload %[[C]][{{.*}}], %[[MASK]]
// CHECK: vector.maskedload %[[B]][{{.*}}], %[[MASK]]
// CHECK: vector.maskedstore %[[C]][{{.*}}], %[[MASK]]
func.func @matmul(%a: memref<?x?xf32>, %b: memref<?x?xf32>, %c: memref<?x?xf32>) {
  linalg.matmul ins(%a, %b : memref<?x?xf32>, memref<?x?xf32>) outs(%c : memref<?x?xf32>)
  return
}

// -----

// x W^T reads W across its rows: W is copied transposed first, once, and
// the copy is freed after the loops.
// CHECK-LABEL: func.func @matmul_transpose_b
// CHECK-SAME: (%[[X:.*]]: memref<?x64xf32>, %[[W:.*]]: memref<32x64xf32>, %[[Y:.*]]: memref<?x32xf32>)
// CHECK: %[[WT:.*]] = memref.alloc() : memref<64x32xf32>
// CHECK: linalg.transpose ins(%[[W]] : memref<32x64xf32>) outs(%[[WT]] : memref<64x32xf32>) permutation = [1, 0]
// CHECK: vector.load %[[WT]]
// CHECK: memref.dealloc %[[WT]]
// CHECK-NOT: linalg.matmul_transpose_b
func.func @matmul_transpose_b(%x: memref<?x64xf32>, %w: memref<32x64xf32>, %y: memref<?x32xf32>) {
  linalg.matmul_transpose_b ins(%x, %w : memref<?x64xf32>, memref<32x64xf32>) outs(%y : memref<?x32xf32>)
  return
}

// -----

// Batch loops (here one per matrix) are plain loops around the tiles.
// CHECK-LABEL: func.func @batch_matmul
// CHECK: scf.for %[[BATCH:.*]] =
// CHECK: vector.load %{{.*}}[%[[BATCH]], %{{.*}}, %{{.*}}] : memref<?x8x32xf32>, vector<16xf32>
// CHECK-NOT: linalg.batch_matmul
func.func @batch_matmul(%a: memref<?x8x4xf32>, %b: memref<?x4x32xf32>, %c: memref<?x8x32xf32>) {
  linalg.batch_matmul ins(%a, %b : memref<?x8x4xf32>, memref<?x4x32xf32>) outs(%c : memref<?x8x32xf32>)
  return
}

// -----

// A generic contraction with a broadcast batch loop (one matrix of A for
// every image, as in a convolution by im2col): the batch loop is iterated,
// A has no index for it.
#lhs = affine_map<(d0, d1, d2, d3) -> (d1, d3)>
#rhs = affine_map<(d0, d1, d2, d3) -> (d0, d3, d2)>
#out = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2)>
// CHECK-LABEL: func.func @broadcast_lhs
// CHECK: scf.for %[[IMG:.*]] =
// CHECK: vector.load %{{.*}}[%[[IMG]], %{{.*}}, %{{.*}}] : memref<?x27x64xf32>
// CHECK: memref.load %{{.*}}[%{{.*}}, %{{.*}}] : memref<8x27xf32>
// CHECK-NOT: linalg.generic
func.func @broadcast_lhs(%w: memref<8x27xf32>, %col: memref<?x27x64xf32>, %out: memref<?x8x64xf32>) {
  linalg.generic {indexing_maps = [#lhs, #rhs, #out],
                  iterator_types = ["parallel", "parallel", "parallel", "reduction"]}
      ins(%w, %col : memref<8x27xf32>, memref<?x27x64xf32>) outs(%out : memref<?x8x64xf32>) {
  ^bb0(%a: f32, %b: f32, %acc: f32):
    %p = arith.mulf %a, %b : f32
    %s = arith.addf %acc, %p : f32
    linalg.yield %s : f32
  }
  return
}

// -----

// Not a sum of products (a max-plus product): left to the scalar loops.
#map_a = affine_map<(d0, d1, d2) -> (d0, d2)>
#map_b = affine_map<(d0, d1, d2) -> (d2, d1)>
#map_c = affine_map<(d0, d1, d2) -> (d0, d1)>
// CHECK-LABEL: func.func @max_plus
// CHECK: linalg.generic
// CHECK-NOT: vector.
func.func @max_plus(%a: memref<4x4xf32>, %b: memref<4x16xf32>, %c: memref<4x16xf32>) {
  linalg.generic {indexing_maps = [#map_a, #map_b, #map_c],
                  iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%a, %b : memref<4x4xf32>, memref<4x16xf32>) outs(%c : memref<4x16xf32>) {
  ^bb0(%x: f32, %y: f32, %acc: f32):
    %s = arith.addf %x, %y : f32
    %m = arith.maximumf %acc, %s : f32
    linalg.yield %m : f32
  }
  return
}

// -----

// Other element types and tensors are left alone.
// CHECK-LABEL: func.func @f64_and_tensors
// CHECK: linalg.matmul ins(%{{.*}} : memref<4x4xf64>, memref<4x4xf64>)
// CHECK: linalg.matmul ins(%{{.*}} : tensor<4x4xf32>, tensor<4x4xf32>)
func.func @f64_and_tensors(%a: memref<4x4xf64>, %c: memref<4x4xf64>, %t: tensor<4x4xf32>) -> tensor<4x4xf32> {
  linalg.matmul ins(%a, %a : memref<4x4xf64>, memref<4x4xf64>) outs(%c : memref<4x4xf64>)
  %r = linalg.matmul ins(%t, %t : tensor<4x4xf32>, tensor<4x4xf32>) outs(%t : tensor<4x4xf32>) -> tensor<4x4xf32>
  return %r : tensor<4x4xf32>
}

// -----

// A convolution: im2col into a temporary [N, C, KH, KW, OH, OW] (strided
// reads of the padded input), then W [F, C*KH*KW] times its [C*KH*KW,
// OH*OW] view per image, into the output's [F, OH*OW] view.
// CHECK-LABEL: func.func @conv
// CHECK-SAME: (%[[IN:.*]]: memref<?x3x9x9xf32>, %[[W:.*]]: memref<8x3x3x3xf32>, %[[OUT:.*]]: memref<?x8x4x4xf32>)
// CHECK: %[[COL:.*]] = memref.alloc(%{{.*}}) : memref<?x3x3x3x4x4xf32>
// CHECK: linalg.generic {indexing_maps = [#{{.*}}, #{{.*}}], iterator_types = ["parallel", "parallel", "parallel", "parallel", "parallel", "parallel"]} ins(%[[IN]] : memref<?x3x9x9xf32>) outs(%[[COL]] : memref<?x3x3x3x4x4xf32>)
// CHECK: %[[COLV:.*]] = memref.collapse_shape %[[COL]] {{\[}}[0], [1, 2, 3], [4, 5]] : memref<?x3x3x3x4x4xf32> into memref<?x27x16xf32>
// CHECK: %[[WV:.*]] = memref.collapse_shape %[[W]] {{\[}}[0], [1, 2, 3]] : memref<8x3x3x3xf32> into memref<8x27xf32>
// CHECK: %[[OUTV:.*]] = memref.collapse_shape %[[OUT]] {{\[}}[0], [1], [2, 3]] : memref<?x8x4x4xf32> into memref<?x8x16xf32>
// CHECK: vector.load %[[COLV]]
// CHECK: memref.load %[[WV]]
// CHECK: memref.dealloc %[[COL]]
// CHECK-NOT: linalg.conv_2d_nchw_fchw
func.func @conv(%in: memref<?x3x9x9xf32>, %w: memref<8x3x3x3xf32>, %out: memref<?x8x4x4xf32>) {
  linalg.conv_2d_nchw_fchw {dilations = dense<1> : tensor<2xi64>, strides = dense<2> : tensor<2xi64>}
      ins(%in, %w : memref<?x3x9x9xf32>, memref<8x3x3x3xf32>) outs(%out : memref<?x8x4x4xf32>)
  return
}
