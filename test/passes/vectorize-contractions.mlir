// RUN: mm-opt %s --split-input-file --pass-pipeline="builtin.module(func.func(mm-vectorize-contractions{tile-m=4 tile-n=16}))" | FileCheck %s
// RUN: mm-opt %s --split-input-file --pass-pipeline="builtin.module(func.func(mm-vectorize-contractions{tile-m=8 tile-n=32}))" | FileCheck %s --check-prefix=TILE8

// A matmul becomes tiles of 4 rows x 16 columns: blocks of rows (as many as
// fit 131072 floats of A), in each the column tiles, each first copying its
// 16 columns of B into a contiguous panel [K, 16], then tiles of 4 rows
// with the four accumulator rows carried through the K loop, then tiles of
// 2 rows and single rows; then one masked tile of columns for the rest of
// N, its panel filled with zeros beyond N.
// CHECK-LABEL: func.func @matmul
// CHECK-SAME: (%[[A:.*]]: memref<?x?xf32>, %[[B:.*]]: memref<?x?xf32>, %[[C:.*]]: memref<?x?xf32>)
// CHECK-NOT: linalg.matmul
// CHECK: %[[PANEL:.*]] = memref.alloc(%{{.*}}) {alignment = 64 : i64} : memref<?x16xf32>
// CHECK: %[[PER:.*]] = arith.divui %c131072
// CHECK: scf.for %[[MB:.*]] = %{{.*}} to %{{.*}} step %{{.*}} {
// CHECK: scf.for %[[N0:.*]] = %{{.*}} to %{{.*}} step %c16
// CHECK: scf.for %[[KP:.*]] =
// CHECK: %[[COLS:.*]] = vector.load %[[B]][%[[KP]], %[[N0]]] : memref<?x?xf32>, vector<16xf32>
// CHECK: vector.store %[[COLS]], %[[PANEL]][%[[KP]], %{{.*}}] : memref<?x16xf32>, vector<16xf32>
// CHECK: scf.for %[[M0:.*]] = %[[MB]] to %{{.*}} step %c4
// CHECK: %[[C0:.*]] = vector.load %[[C]][%[[M0]], %[[N0]]] : memref<?x?xf32>, vector<16xf32>
// CHECK-COUNT-3: vector.load %[[C]]
// CHECK: scf.for %[[K:.*]] = %{{.*}} to %{{.*}} step %{{.*}} iter_args(%[[ACC0:.*]] = %[[C0]], %{{.*}} = %{{.*}}, %{{.*}} = %{{.*}}, %{{.*}} = %{{.*}}) -> (vector<16xf32>, vector<16xf32>, vector<16xf32>, vector<16xf32>)
// CHECK: %[[ROW:.*]] = vector.load %[[PANEL]][%[[K]], %{{.*}}] : memref<?x16xf32>, vector<16xf32>
// CHECK: %[[E:.*]] = memref.load %[[A]][%[[M0]], %[[K]]]
// CHECK: %[[BE:.*]] = vector.broadcast %[[E]] : f32 to vector<16xf32>
// CHECK: %[[P:.*]] = arith.mulf %[[BE]], %[[ROW]] : vector<16xf32>
// CHECK: arith.addf %[[ACC0]], %[[P]] : vector<16xf32>
// CHECK-COUNT-3: arith.addf
// CHECK: scf.yield
// CHECK-COUNT-4: vector.store %{{.*}}, %[[C]]
// CHECK: scf.for %{{.*}} = %{{.*}} to %{{.*}} step %c2
// CHECK: scf.for {{.*}} iter_args({{.*}}) -> (vector<16xf32>, vector<16xf32>)
// CHECK: scf.for %{{.*}} = %{{.*}} to %{{.*}} step %c1
// CHECK: scf.for {{.*}} iter_args({{.*}}) -> (vector<16xf32>)
// CHECK: scf.if
// CHECK: %[[MASK:.*]] = vector.create_mask %{{.*}} : vector<16xi1>
// CHECK: vector.maskedload %[[B]][{{.*}}], %{{.*}}, %{{.*}}
// CHECK: vector.store %{{.*}}, %[[PANEL]]
// CHECK: vector.maskedload %[[C]][{{.*}}], %[[MASK]]
// CHECK: vector.load %[[PANEL]]
// CHECK: vector.maskedstore %[[C]][{{.*}}], %[[MASK]]
// CHECK: memref.dealloc %[[PANEL]]
func.func @matmul(%a: memref<?x?xf32>, %b: memref<?x?xf32>, %c: memref<?x?xf32>) {
  linalg.matmul ins(%a, %b : memref<?x?xf32>, memref<?x?xf32>) outs(%c : memref<?x?xf32>)
  return
}

// -----

// x W^T reads W across its rows: each column tile's panel [K, 16] is
// filled from 16 rows of W by squares of 8 x 8 (8 vector loads along K,
// 3 rounds of 8 shuffles, 8 vector stores along N). No copy of all of W.
// CHECK-LABEL: func.func @matmul_transpose_b
// CHECK-SAME: (%[[X:.*]]: memref<?x64xf32>, %[[W:.*]]: memref<32x64xf32>, %[[Y:.*]]: memref<?x32xf32>)
// CHECK: %[[PANEL:.*]] = memref.alloc() {alignment = 64 : i64} : memref<64x16xf32>
// CHECK: scf.for %[[N0:.*]] = %{{.*}} to %{{.*}} step %c16
// CHECK: scf.for %[[K0:.*]] = %{{.*}} to %{{.*}} step %c8
// CHECK: %[[R0:.*]] = vector.load %[[W]][%[[N0]], %[[K0]]] : memref<32x64xf32>, vector<8xf32>
// CHECK-COUNT-7: vector.load %[[W]]
// CHECK: vector.shuffle %[[R0]], %{{.*}} [0, 1, 2, 3, 8, 9, 10, 11] : vector<8xf32>, vector<8xf32>
// CHECK: vector.shuffle %[[R0]], %{{.*}} [4, 5, 6, 7, 12, 13, 14, 15] : vector<8xf32>, vector<8xf32>
// CHECK-COUNT-22: vector.shuffle
// CHECK: vector.store %{{.*}}, %[[PANEL]][%[[K0]], %c0{{.*}}] : memref<64x16xf32>, vector<8xf32>
// CHECK-COUNT-7: vector.store %{{.*}}, %[[PANEL]]
// CHECK: vector.load %[[W]]
// CHECK-COUNT-24: vector.shuffle
// CHECK: vector.store %{{.*}}, %[[PANEL]][%[[K0]], %c8{{.*}}] : memref<64x16xf32>, vector<8xf32>
// CHECK: vector.load %[[PANEL]]
// CHECK: memref.dealloc %[[PANEL]]
// CHECK-NOT: linalg.transpose
// CHECK-NOT: linalg.matmul_transpose_b
func.func @matmul_transpose_b(%x: memref<?x64xf32>, %w: memref<32x64xf32>, %y: memref<?x32xf32>) {
  linalg.matmul_transpose_b ins(%x, %w : memref<?x64xf32>, memref<32x64xf32>) outs(%y : memref<?x32xf32>)
  return
}

// -----

// Sizes that the squares do not fill: the last columns of K of each full
// panel, and the whole last (partial) panel after zeros, are copied one
// scalar at a time.
// CHECK-LABEL: func.func @transpose_b_edges
// CHECK-SAME: (%[[X:.*]]: memref<?x?xf32>, %[[W:.*]]: memref<?x?xf32>, %[[Y:.*]]: memref<?x?xf32>)
// CHECK: %[[PANEL:.*]] = memref.alloc(%{{.*}}) {alignment = 64 : i64} : memref<?x16xf32>
// CHECK: vector.shuffle
// CHECK: scf.for %[[J:.*]] = %{{.*}} to %c16
// CHECK: scf.for %[[K:.*]] =
// CHECK: %[[S:.*]] = memref.load %[[W]]
// CHECK: memref.store %[[S]], %[[PANEL]][%[[K]], %[[J]]]
// CHECK: scf.if
// CHECK: vector.store %{{.*}}, %[[PANEL]]
// CHECK: memref.load %[[W]]
// CHECK: memref.store %{{.*}}, %[[PANEL]]
// CHECK: vector.maskedstore %[[Y]]
func.func @transpose_b_edges(%x: memref<?x?xf32>, %w: memref<?x?xf32>, %y: memref<?x?xf32>) {
  linalg.matmul_transpose_b ins(%x, %w : memref<?x?xf32>, memref<?x?xf32>) outs(%y : memref<?x?xf32>)
  return
}

// -----

// Batched x W^T: the panel is filled per batch from that batch's W.
// CHECK-LABEL: func.func @batch_matmul_transpose_b
// CHECK: memref.alloc() {alignment = 64 : i64} : memref<8x16xf32>
// CHECK: scf.for %[[BATCH:.*]] =
// CHECK: vector.load %{{.*}}[%[[BATCH]], %{{.*}}, %{{.*}}] : memref<?x16x8xf32>, vector<8xf32>
// CHECK: vector.shuffle
// CHECK-NOT: linalg.batch_matmul_transpose_b
func.func @batch_matmul_transpose_b(%a: memref<?x8x8xf32>, %b: memref<?x16x8xf32>, %c: memref<?x8x16xf32>) {
  linalg.batch_matmul_transpose_b ins(%a, %b : memref<?x8x8xf32>, memref<?x16x8xf32>) outs(%c : memref<?x8x16xf32>)
  return
}

// -----

// A zero-filled output: the fill goes, the accumulators start from its
// value instead of a load of C.
// CHECK-LABEL: func.func @fill_init
// CHECK-SAME: (%[[A:.*]]: memref<?x16xf32>, %[[B:.*]]: memref<16x32xf32>)
// CHECK: %[[ZERO:.*]] = arith.constant 0.000000e+00 : f32
// CHECK: %[[C:.*]] = memref.alloc
// CHECK-NOT: linalg.fill
// CHECK: %[[START:.*]] = vector.broadcast %[[ZERO]] : f32 to vector<16xf32>
// CHECK-NOT: vector.load %[[C]]
// CHECK: scf.for {{.*}} iter_args(%{{.*}} = %[[START]], %{{.*}} = %[[START]], %{{.*}} = %[[START]], %{{.*}} = %[[START]])
// CHECK: vector.store %{{.*}}, %[[C]]
func.func @fill_init(%a: memref<?x16xf32>, %b: memref<16x32xf32>) -> memref<?x32xf32> {
  %zero = arith.constant 0.0 : f32
  %c0 = arith.constant 0 : index
  %m = memref.dim %a, %c0 : memref<?x16xf32>
  %c = memref.alloc(%m) : memref<?x32xf32>
  linalg.fill ins(%zero : f32) outs(%c : memref<?x32xf32>)
  linalg.matmul ins(%a, %b : memref<?x16xf32>, memref<16x32xf32>) outs(%c : memref<?x32xf32>)
  return %c : memref<?x32xf32>
}

// -----

// A linear layer's bias broadcast into the output: the accumulators start
// from the bias's columns (masked in the last tile of columns).
#bias = affine_map<(d0, d1) -> (d1)>
#id = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-LABEL: func.func @bias_init
// CHECK-SAME: (%[[X:.*]]: memref<?x16xf32>, %[[W:.*]]: memref<20x16xf32>, %[[BIAS:.*]]: memref<20xf32>)
// CHECK-NOT: linalg.generic
// CHECK: %[[START:.*]] = vector.load %[[BIAS]][%{{.*}}] : memref<20xf32>, vector<16xf32>
// CHECK: scf.for {{.*}} iter_args(%{{.*}} = %[[START]], %{{.*}} = %[[START]], %{{.*}} = %[[START]], %{{.*}} = %[[START]])
// CHECK: scf.if
// CHECK: vector.maskedload %[[BIAS]]
func.func @bias_init(%x: memref<?x16xf32>, %w: memref<20x16xf32>, %bias: memref<20xf32>) -> memref<?x20xf32> {
  %c0 = arith.constant 0 : index
  %m = memref.dim %x, %c0 : memref<?x16xf32>
  %y = memref.alloc(%m) : memref<?x20xf32>
  linalg.generic {indexing_maps = [#bias, #id], iterator_types = ["parallel", "parallel"]}
      ins(%bias : memref<20xf32>) outs(%y : memref<?x20xf32>) {
  ^bb0(%b: f32, %o: f32):
    linalg.yield %b : f32
  }
  linalg.matmul_transpose_b ins(%x, %w : memref<?x16xf32>, memref<20x16xf32>) outs(%y : memref<?x20xf32>)
  return %y : memref<?x20xf32>
}

// -----

// Fills that are not folded: into a buffer the function was given (it may
// alias an input), and with a write in between.
// CHECK-LABEL: func.func @fills_kept
// CHECK: linalg.fill ins(%{{.*}} : f32) outs(%[[ARG:.*]] : memref<8x16xf32>)
// CHECK: vector.load %[[ARG]]
// CHECK: linalg.fill ins(%{{.*}} : f32) outs(%[[OWN:.*]] : memref<8x16xf32>)
// CHECK: memref.store
// CHECK: vector.load %[[OWN]]
func.func @fills_kept(%a: memref<8x8xf32>, %b: memref<8x16xf32>, %c: memref<8x16xf32>) -> memref<8x16xf32> {
  %zero = arith.constant 0.0 : f32
  %i = arith.constant 0 : index
  linalg.fill ins(%zero : f32) outs(%c : memref<8x16xf32>)
  linalg.matmul ins(%a, %b : memref<8x8xf32>, memref<8x16xf32>) outs(%c : memref<8x16xf32>)
  %own = memref.alloc() : memref<8x16xf32>
  linalg.fill ins(%zero : f32) outs(%own : memref<8x16xf32>)
  memref.store %zero, %a[%i, %i] : memref<8x8xf32>
  linalg.matmul ins(%a, %b : memref<8x8xf32>, memref<8x16xf32>) outs(%own : memref<8x16xf32>)
  return %own : memref<8x16xf32>
}

// -----

// At most one tile of rows (a static M): B's rows are read in place, no
// panel.
// CHECK-LABEL: func.func @small_m
// CHECK-SAME: (%[[A:.*]]: memref<3x8xf32>, %[[B:.*]]: memref<8x32xf32>, %[[C:.*]]: memref<3x32xf32>)
// CHECK-NOT: memref.alloc
// CHECK: vector.load %[[B]]
func.func @small_m(%a: memref<3x8xf32>, %b: memref<8x32xf32>, %c: memref<3x32xf32>) {
  linalg.matmul ins(%a, %b : memref<3x8xf32>, memref<8x32xf32>) outs(%c : memref<3x32xf32>)
  return
}

// -----

// The AVX-512 tile (8 x 32, squares of 16) and 15 rows: one tile of 8,
// then 4, 2 and 1, each its own loop.
// TILE8-LABEL: func.func @rows_8x32
// TILE8: memref.alloc() {alignment = 64 : i64} : memref<64x32xf32>
// TILE8: vector.load %{{.*}} : memref<32x64xf32>, vector<16xf32>
// TILE8: scf.for %{{.*}} = %c0{{.*}} to %c8{{.*}} step %c8
// TILE8: iter_args({{.*}}) -> (vector<32xf32>, vector<32xf32>, vector<32xf32>, vector<32xf32>, vector<32xf32>, vector<32xf32>, vector<32xf32>, vector<32xf32>)
// TILE8: scf.for %{{.*}} = %c8{{.*}} to %c12{{.*}} step %c4
// TILE8: scf.for %{{.*}} = %c12{{.*}} to %c14{{.*}} step %c2
// TILE8: scf.for %{{.*}} = %c14{{.*}} to %c15{{.*}} step %c1
func.func @rows_8x32(%x: memref<15x64xf32>, %w: memref<32x64xf32>, %y: memref<15x32xf32>) {
  linalg.matmul_transpose_b ins(%x, %w : memref<15x64xf32>, memref<32x64xf32>) outs(%y : memref<15x32xf32>)
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

// A convolution whose input height is dynamic (the static ones are in
// vectorize-contractions-conv.mlir): im2col into a temporary [N, C, KH,
// KW, OH, OW] (strided reads of the padded input, one loop over the OH*OW
// output pixels), then
// W [F, C*KH*KW] times its [C*KH*KW, OH*OW] view per image, into the
// output's [F, OH*OW] view.
// CHECK-DAG: #[[PATCH:.*]] = affine_map<(d0, d1, d2, d3, d4) -> (d0, d1, (d4 floordiv 4) * 2 + d2, (d4 mod 4) * 2 + d3)>
// CHECK-LABEL: func.func @conv
// CHECK-SAME: (%[[IN:.*]]: memref<?x3x?x9xf32>, %[[W:.*]]: memref<8x3x3x3xf32>, %[[OUT:.*]]: memref<?x8x4x4xf32>)
// CHECK: %[[COL:.*]] = memref.alloc(%{{.*}}) : memref<?x3x3x3x4x4xf32>
// CHECK: %[[PIXELS:.*]] = memref.collapse_shape %[[COL]] {{\[}}[0], [1], [2], [3], [4, 5]]
// CHECK: linalg.generic {indexing_maps = [#[[PATCH]], #{{.*}}], iterator_types = ["parallel", "parallel", "parallel", "parallel", "parallel"]} ins(%[[IN]] : memref<?x3x?x9xf32>) outs(%[[PIXELS]] : memref<?x3x3x3x16xf32>)
// CHECK: %[[COLV:.*]] = memref.collapse_shape %[[COL]] {{\[}}[0], [1, 2, 3], [4, 5]] : memref<?x3x3x3x4x4xf32> into memref<?x27x16xf32>
// CHECK: %[[WV:.*]] = memref.collapse_shape %[[W]] {{\[}}[0], [1, 2, 3]] : memref<8x3x3x3xf32> into memref<8x27xf32>
// CHECK: %[[OUTV:.*]] = memref.collapse_shape %[[OUT]] {{\[}}[0], [1], [2, 3]] : memref<?x8x4x4xf32> into memref<?x8x16xf32>
// CHECK: vector.load %[[COLV]]
// CHECK: memref.load %[[WV]]
// CHECK: memref.dealloc %[[COL]]
// CHECK-NOT: linalg.conv_2d_nchw_fchw
func.func @conv(%in: memref<?x3x?x9xf32>, %w: memref<8x3x3x3xf32>, %out: memref<?x8x4x4xf32>) {
  linalg.conv_2d_nchw_fchw {dilations = dense<1> : tensor<2xi64>, strides = dense<2> : tensor<2xi64>}
      ins(%in, %w : memref<?x3x?x9xf32>, memref<8x3x3x3xf32>) outs(%out : memref<?x8x4x4xf32>)
  return
}

// -----

// The bias broadcast into a [B * S, N] buffer and the contraction writing
// its [B, S, N] shape (a linear on a 3-D input after bufferization): the
// accumulators still start from the bias; so does a fill of another shape.
#bias2 = affine_map<(d0, d1) -> (d1)>
#id2 = affine_map<(d0, d1) -> (d0, d1)>
#x3 = affine_map<(d0, d1, d2, d3) -> (d0, d1, d3)>
#w3 = affine_map<(d0, d1, d2, d3) -> (d2, d3)>
#y3 = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2)>
// CHECK-LABEL: func.func @bias_init_reshaped
// CHECK-SAME: (%[[X:.*]]: memref<?x8x16xf32>, %[[W:.*]]: memref<32x16xf32>, %[[BIAS:.*]]: memref<32xf32>
// CHECK-NOT: linalg.generic
// CHECK-NOT: linalg.fill
// CHECK: vector.load %[[BIAS]][%{{.*}}] : memref<32xf32>, vector<16xf32>
// CHECK: vector.broadcast %{{.*}} : f32 to vector<16xf32>
func.func @bias_init_reshaped(%x: memref<?x8x16xf32>, %w: memref<32x16xf32>, %bias: memref<32xf32>,
                              %rows: index, %b: index) -> (memref<?x8x32xf32>, memref<?x8x32xf32>) {
  %y = memref.alloc(%rows) : memref<?x32xf32>
  linalg.generic {indexing_maps = [#bias2, #id2], iterator_types = ["parallel", "parallel"]}
      ins(%bias : memref<32xf32>) outs(%y : memref<?x32xf32>) {
  ^bb0(%v: f32, %o: f32):
    linalg.yield %v : f32
  }
  %y3 = memref.expand_shape %y [[0, 1], [2]] output_shape [%b, 8, 32] : memref<?x32xf32> into memref<?x8x32xf32>
  linalg.generic {indexing_maps = [#x3, #w3, #y3], iterator_types = ["parallel", "parallel", "parallel", "reduction"]}
      ins(%x, %w : memref<?x8x16xf32>, memref<32x16xf32>) outs(%y3 : memref<?x8x32xf32>) {
  ^bb0(%a: f32, %c: f32, %acc: f32):
    %p = arith.mulf %a, %c : f32
    %s = arith.addf %acc, %p : f32
    linalg.yield %s : f32
  }
  %zero = arith.constant 0.0 : f32
  %z = memref.alloc(%rows) : memref<?x32xf32>
  linalg.fill ins(%zero : f32) outs(%z : memref<?x32xf32>)
  %z3 = memref.expand_shape %z [[0, 1], [2]] output_shape [%b, 8, 32] : memref<?x32xf32> into memref<?x8x32xf32>
  linalg.generic {indexing_maps = [#x3, #w3, #y3], iterator_types = ["parallel", "parallel", "parallel", "reduction"]}
      ins(%x, %w : memref<?x8x16xf32>, memref<32x16xf32>) outs(%z3 : memref<?x8x32xf32>) {
  ^bb0(%a: f32, %c: f32, %acc: f32):
    %p = arith.mulf %a, %c : f32
    %s = arith.addf %acc, %p : f32
    linalg.yield %s : f32
  }
  return %y3, %z3 : memref<?x8x32xf32>, memref<?x8x32xf32>
}

// -----

// Broadcasts that are not folded: into a part of the output's buffer (a
// subview: the contraction would not overwrite the rest), and of a row that
// varies along another dimension than the innermost one of another shape.
#bias4 = affine_map<(d0, d1) -> (d1)>
#col4 = affine_map<(d0, d1) -> (d0)>
#id4 = affine_map<(d0, d1) -> (d0, d1)>
#x4 = affine_map<(d0, d1, d2, d3) -> (d0, d1, d3)>
#w4 = affine_map<(d0, d1, d2, d3) -> (d2, d3)>
#y4 = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2)>
// CHECK-LABEL: func.func @bias_kept
// CHECK: linalg.generic {{.*}} ins(%{{.*}} : memref<32xf32>) outs(%{{.*}} : memref<16x32xf32>)
// CHECK: linalg.generic {{.*}} ins(%{{.*}} : memref<16xf32>) outs(%{{.*}} : memref<16x32xf32>)
func.func @bias_kept(%x: memref<1x8x16xf32>, %w: memref<32x16xf32>, %bias: memref<32xf32>,
                     %column: memref<16xf32>) -> (memref<16x32xf32>, memref<16x32xf32>) {
  %y = memref.alloc() : memref<16x32xf32>
  linalg.generic {indexing_maps = [#bias4, #id4], iterator_types = ["parallel", "parallel"]}
      ins(%bias : memref<32xf32>) outs(%y : memref<16x32xf32>) {
  ^bb0(%v: f32, %o: f32):
    linalg.yield %v : f32
  }
  %part = memref.subview %y[0, 0] [8, 32] [1, 1] : memref<16x32xf32> to memref<8x32xf32, strided<[32, 1]>>
  %p3 = memref.expand_shape %part [[0, 1], [2]] output_shape [1, 8, 32] : memref<8x32xf32, strided<[32, 1]>> into memref<1x8x32xf32, strided<[256, 32, 1]>>
  linalg.generic {indexing_maps = [#x4, #w4, #y4], iterator_types = ["parallel", "parallel", "parallel", "reduction"]}
      ins(%x, %w : memref<1x8x16xf32>, memref<32x16xf32>) outs(%p3 : memref<1x8x32xf32, strided<[256, 32, 1]>>) {
  ^bb0(%a: f32, %c: f32, %acc: f32):
    %p = arith.mulf %a, %c : f32
    %s = arith.addf %acc, %p : f32
    linalg.yield %s : f32
  }
  %z = memref.alloc() : memref<16x32xf32>
  linalg.generic {indexing_maps = [#col4, #id4], iterator_types = ["parallel", "parallel"]}
      ins(%column : memref<16xf32>) outs(%z : memref<16x32xf32>) {
  ^bb0(%v: f32, %o: f32):
    linalg.yield %v : f32
  }
  %z3 = memref.expand_shape %z [[0, 1], [2]] output_shape [2, 8, 32] : memref<16x32xf32> into memref<2x8x32xf32>
  %x2 = memref.alloc() : memref<2x8x16xf32>
  linalg.generic {indexing_maps = [#x4, #w4, #y4], iterator_types = ["parallel", "parallel", "parallel", "reduction"]}
      ins(%x2, %w : memref<2x8x16xf32>, memref<32x16xf32>) outs(%z3 : memref<2x8x32xf32>) {
  ^bb0(%a: f32, %c: f32, %acc: f32):
    %p = arith.mulf %a, %c : f32
    %s = arith.addf %acc, %p : f32
    linalg.yield %s : f32
  }
  return %y, %z : memref<16x32xf32>, memref<16x32xf32>
}

// -----

// Elementwise generics on whole dense buffers become one loop over all
// their elements; a broadcast (not identity maps) or a strided view stays.
#id4 = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
#ch4 = affine_map<(d0, d1, d2, d3) -> (d1)>
#id2 = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-LABEL: func.func @flatten_elementwise
// CHECK-SAME: (%[[X:.*]]: memref<?x8x4x4xf32>, %[[B:.*]]: memref<8xf32>, %[[S:.*]]: memref<4x4xf32, strided<[8, 1]>>)
// CHECK: %[[FLAT:.*]] = memref.collapse_shape %[[X]] {{\[}}[0, 1, 2, 3]] : memref<?x8x4x4xf32> into memref<?xf32>
// CHECK: linalg.generic {{.*}} iterator_types = ["parallel"]} ins(%[[FLAT]] : memref<?xf32>) outs(%{{.*}} : memref<?xf32>)
// CHECK: arith.maximumf
// CHECK: linalg.generic {{.*}} ins(%[[B]] : memref<8xf32>) outs(%[[X]] : memref<?x8x4x4xf32>)
// CHECK: linalg.generic {{.*}} ins(%[[S]] : memref<4x4xf32, strided<[8, 1]>>)
func.func @flatten_elementwise(%x: memref<?x8x4x4xf32>, %b: memref<8xf32>, %s: memref<4x4xf32, strided<[8, 1]>>) {
  %zero = arith.constant 0.0 : f32
  linalg.generic {indexing_maps = [#id4, #id4], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
      ins(%x : memref<?x8x4x4xf32>) outs(%x : memref<?x8x4x4xf32>) {
  ^bb0(%a: f32, %o: f32):
    %r = arith.maximumf %a, %zero : f32
    linalg.yield %r : f32
  }
  linalg.generic {indexing_maps = [#ch4, #id4], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
      ins(%b : memref<8xf32>) outs(%x : memref<?x8x4x4xf32>) {
  ^bb0(%a: f32, %o: f32):
    linalg.yield %a : f32
  }
  linalg.generic {indexing_maps = [#id2, #id2], iterator_types = ["parallel", "parallel"]}
      ins(%s : memref<4x4xf32, strided<[8, 1]>>) outs(%s : memref<4x4xf32, strided<[8, 1]>>) {
  ^bb0(%a: f32, %o: f32):
    %r = arith.maximumf %a, %zero : f32
    linalg.yield %r : f32
  }
  return
}

// -----

// B already in panels of 16 columns (mm-pack-weights): Wp [3, K, 16] for
// N = 40, read in place at panel n0 / 16, no panel of its own; the last
// panel (8 columns, zeros beyond) is read whole and stored masked. With
// tiles of 32 columns the layout is not the tiles': left to the loops.
// CHECK-LABEL: func.func @prepacked
// CHECK-SAME: (%[[X:.*]]: memref<?x?xf32>, %[[WP:.*]]: memref<3x?x16xf32>, %[[C:.*]]: memref<?x40xf32>)
// CHECK-NOT: memref.alloc
// CHECK: scf.for %[[N0:.*]] = %{{.*}} to %{{.*}} step %c16
// CHECK: %[[P:.*]] = arith.divui %[[N0]], %c16
// CHECK: scf.for %[[M0:.*]] = %{{.*}} to %{{.*}} step %c4
// CHECK: scf.for %[[K:.*]] = %{{.*}} to %{{.*}} step %{{.*}} iter_args(
// CHECK: %[[ROW:.*]] = vector.load %[[WP]][%[[P]], %[[K]], %{{c0.*}}] : memref<3x?x16xf32>, vector<16xf32>
// CHECK: memref.load %[[X]][%[[M0]], %[[K]]]
// CHECK: arith.mulf %{{.*}}, %[[ROW]] : vector<16xf32>
// CHECK: scf.if
// CHECK: %[[MASK:.*]] = vector.create_mask %{{.*}} : vector<16xi1>
// CHECK: vector.load %[[WP]][%{{c2.*}}, %{{.*}}, %{{c0.*}}] : memref<3x?x16xf32>, vector<16xf32>
// CHECK: vector.maskedstore %[[C]][{{.*}}], %[[MASK]]
// CHECK-NOT: memref.dealloc
// CHECK-NOT: linalg.generic
// TILE8-LABEL: func.func @prepacked
// TILE8: linalg.generic
func.func @prepacked(%x: memref<?x?xf32>, %wp: memref<3x?x16xf32>, %c: memref<?x40xf32>) {
  linalg.generic {indexing_maps = [affine_map<(d0, d1, d2) -> (d0, d2)>,
                                   affine_map<(d0, d1, d2) -> (d1 floordiv 16, d2, d1 mod 16)>,
                                   affine_map<(d0, d1, d2) -> (d0, d1)>],
                  iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%x, %wp : memref<?x?xf32>, memref<3x?x16xf32>) outs(%c : memref<?x40xf32>) {
  ^bb0(%a: f32, %b: f32, %o: f32):
    %p = arith.mulf %a, %b : f32
    %s = arith.addf %o, %p : f32
    linalg.yield %s : f32
  }
  return
}
