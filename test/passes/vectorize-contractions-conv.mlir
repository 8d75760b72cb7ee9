// RUN: mm-opt %s --split-input-file --pass-pipeline="builtin.module(func.func(mm-vectorize-contractions{tile-m=4 tile-n=16}))" | FileCheck %s

// The convolutions of mm-vectorize-contractions whose sizes are static but
// for the batch: one image at a time, the bias copied into the image's
// output rows, the im2col read straight from the unpadded input (the
// zero-padded copy that bufferization made of a tensor.pad is gone), each
// row of the patches one masked vector load and a shuffle per kw (stride 2:
// every other element; lanes in the padding take zeros), rows outside the
// input zeros; then the contraction's tiles.
// CHECK-LABEL: func.func @conv_padded
// CHECK-SAME: (%[[SRC:.*]]: memref<?x3x8x8xf32>, %[[W:.*]]: memref<4x3x3x3xf32>, %[[B:.*]]: memref<4xf32>, %[[OUT:.*]]: memref<?x4x4x4xf32>)
// CHECK-NOT: linalg.map
// CHECK-NOT: memref.copy
// CHECK: %[[COL:.*]] = memref.alloc() : memref<3x3x3x4x4xf32>
// CHECK: %[[COLV:.*]] = memref.collapse_shape %[[COL]] {{\[}}[0, 1, 2], [3, 4]] : memref<3x3x3x4x4xf32> into memref<27x16xf32>
// CHECK: %[[ROWS:.*]] = memref.collapse_shape %[[OUT]] {{\[}}[0], [1], [2, 3]] : memref<?x4x4x4xf32> into memref<?x4x16xf32>
// CHECK: scf.for %[[N:.*]] = %{{.*}} to %{{.*}} step
// CHECK: %[[IMAGE:.*]] = memref.subview %[[ROWS]][%[[N]], 0, 0] [1, 4, 16] [1, 1, 1]
// CHECK: linalg.generic {{.*}} ins(%[[B]] : memref<4xf32>) outs(%[[IMAGE]]
// CHECK: scf.if
// CHECK: vector.maskedload %[[SRC]][%[[N]], {{.*}} : memref<?x3x8x8xf32>, vector<8xi1>, vector<8xf32> into vector<8xf32>
// CHECK: vector.shuffle %{{.*}}, %{{.*}} [8, 0, 2, 4] : vector<8xf32>, vector<8xf32>
// CHECK: vector.store %{{.*}}, %[[COL]]
// CHECK: vector.shuffle %{{.*}}, %{{.*}} [0, 2, 4, 6] : vector<8xf32>, vector<8xf32>
// CHECK: } else {
// CHECK: vector.store %{{.*}}, %[[COL]]
// CHECK: scf.for
// CHECK: vector.load %[[IMAGE]]
// CHECK: vector.load %[[COLV]]
// CHECK: memref.dealloc %[[COL]]
// CHECK-NOT: linalg.conv_2d_nchw_fchw
// CHECK-NOT: memref.dealloc
// CHECK: return
#bias = affine_map<(d0, d1, d2, d3) -> (d1)>
#id = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
func.func @conv_padded(%src: memref<?x3x8x8xf32>, %w: memref<4x3x3x3xf32>, %b: memref<4xf32>,
                       %out: memref<?x4x4x4xf32>) {
  %c0 = arith.constant 0 : index
  %zero = arith.constant 0.0 : f32
  %n = memref.dim %src, %c0 : memref<?x3x8x8xf32>
  %padded = memref.alloc(%n) : memref<?x3x10x10xf32>
  linalg.map outs(%padded : memref<?x3x10x10xf32>)
    () {
      linalg.yield %zero : f32
    }
  %inner = memref.subview %padded[0, 0, 1, 1] [%n, 3, 8, 8] [1, 1, 1, 1]
      : memref<?x3x10x10xf32> to memref<?x3x8x8xf32, strided<[300, 100, 10, 1], offset: 11>>
  memref.copy %src, %inner : memref<?x3x8x8xf32> to memref<?x3x8x8xf32, strided<[300, 100, 10, 1], offset: 11>>
  linalg.generic {indexing_maps = [#bias, #id], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
      ins(%b : memref<4xf32>) outs(%out : memref<?x4x4x4xf32>) {
  ^bb0(%v: f32, %o: f32):
    linalg.yield %v : f32
  }
  linalg.conv_2d_nchw_fchw {dilations = dense<1> : tensor<2xi64>, strides = dense<2> : tensor<2xi64>}
      ins(%padded, %w : memref<?x3x10x10xf32>, memref<4x3x3x3xf32>) outs(%out : memref<?x4x4x4xf32>)
  memref.dealloc %padded : memref<?x3x10x10xf32>
  return
}

// -----

// A padded buffer that something else reads too stays; the im2col reads it
// (no rows in the padding, so no scf.if).
// CHECK-LABEL: func.func @conv_padded_read_twice
// CHECK: %[[PADDED:.*]] = memref.alloc() : memref<1x1x6x6xf32>
// CHECK: linalg.fill
// CHECK: memref.copy
// CHECK-NOT: scf.if
// CHECK: vector.load %[[PADDED]]
// CHECK: memref.copy %[[PADDED]]
func.func @conv_padded_read_twice(%src: memref<1x1x4x4xf32>, %w: memref<2x1x3x3xf32>,
                                  %out: memref<1x2x4x4xf32>, %copy: memref<1x1x6x6xf32>) {
  %zero = arith.constant 0.0 : f32
  %padded = memref.alloc() : memref<1x1x6x6xf32>
  linalg.fill ins(%zero : f32) outs(%padded : memref<1x1x6x6xf32>)
  %inner = memref.subview %padded[0, 0, 1, 1] [1, 1, 4, 4] [1, 1, 1, 1]
      : memref<1x1x6x6xf32> to memref<1x1x4x4xf32, strided<[36, 36, 6, 1], offset: 7>>
  memref.copy %src, %inner : memref<1x1x4x4xf32> to memref<1x1x4x4xf32, strided<[36, 36, 6, 1], offset: 7>>
  linalg.conv_2d_nchw_fchw {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
      ins(%padded, %w : memref<1x1x6x6xf32>, memref<2x1x3x3xf32>) outs(%out : memref<1x2x4x4xf32>)
  memref.copy %padded, %copy : memref<1x1x6x6xf32> to memref<1x1x6x6xf32>
  memref.dealloc %padded : memref<1x1x6x6xf32>
  return
}

// -----

// So does one whose source is written between the copy and the conv.
// CHECK-LABEL: func.func @conv_source_written
// CHECK: %[[PADDED:.*]] = memref.alloc() : memref<1x1x6x6xf32>
// CHECK: memref.copy
// CHECK: vector.load %[[PADDED]]
func.func @conv_source_written(%src: memref<1x1x4x4xf32>, %w: memref<2x1x3x3xf32>,
                               %out: memref<1x2x4x4xf32>) {
  %zero = arith.constant 0.0 : f32
  %padded = memref.alloc() : memref<1x1x6x6xf32>
  linalg.fill ins(%zero : f32) outs(%padded : memref<1x1x6x6xf32>)
  %inner = memref.subview %padded[0, 0, 1, 1] [1, 1, 4, 4] [1, 1, 1, 1]
      : memref<1x1x6x6xf32> to memref<1x1x4x4xf32, strided<[36, 36, 6, 1], offset: 7>>
  memref.copy %src, %inner : memref<1x1x4x4xf32> to memref<1x1x4x4xf32, strided<[36, 36, 6, 1], offset: 7>>
  linalg.fill ins(%zero : f32) outs(%src : memref<1x1x4x4xf32>)
  linalg.conv_2d_nchw_fchw {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
      ins(%padded, %w : memref<1x1x6x6xf32>, memref<2x1x3x3xf32>) outs(%out : memref<1x2x4x4xf32>)
  memref.dealloc %padded : memref<1x1x6x6xf32>
  return
}

// -----

// Rows of 20 outputs: a vector of 16 and one of 4 per kw, plain loads (no
// padding, stride 1: no mask, no shuffle).
// CHECK-LABEL: func.func @conv_wide
// CHECK-SAME: (%[[IN:.*]]: memref<2x1x3x22xf32>
// CHECK-NOT: scf.if
// CHECK-NOT: vector.shuffle
// CHECK: vector.load %[[IN]][{{.*}}] : memref<2x1x3x22xf32>, vector<16xf32>
// CHECK: vector.load %[[IN]][{{.*}}] : memref<2x1x3x22xf32>, vector<4xf32>
// CHECK: vector.load %[[IN]][{{.*}}] : memref<2x1x3x22xf32>, vector<16xf32>
func.func @conv_wide(%in: memref<2x1x3x22xf32>, %w: memref<2x1x1x3xf32>, %out: memref<2x2x3x20xf32>) {
  linalg.conv_2d_nchw_fchw {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
      ins(%in, %w : memref<2x1x3x22xf32>, memref<2x1x1x3xf32>) outs(%out : memref<2x2x3x20xf32>)
  return
}

// -----

// An in-place relu whose buffer only the conv reads (and then frees) is
// taken in the im2col, a maximum with zero of each loaded vector; one whose
// buffer is read again after the conv stays.
#id4 = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
// CHECK-LABEL: func.func @conv_relu
// CHECK-SAME: (%[[W:.*]]: memref<2x3x3x3xf32>, %[[OUT:.*]]: memref<1x2x2x2xf32>, %[[SRC:.*]]: memref<1x3x4x4xf32>)
// CHECK: %[[Y:.*]] = memref.alloc() : memref<1x3x4x4xf32>
// CHECK: memref.copy %[[SRC]], %[[Y]]
// CHECK-NOT: linalg.generic
// CHECK: %[[ROW:.*]] = vector.load %[[Y]]{{.*}} : memref<1x3x4x4xf32>, vector<2xf32>
// CHECK: arith.maximumf %[[ROW]], %{{.*}} : vector<2xf32>
// CHECK: memref.dealloc %[[Y]]
func.func @conv_relu(%w: memref<2x3x3x3xf32>, %out: memref<1x2x2x2xf32>, %src: memref<1x3x4x4xf32>) {
  %zero = arith.constant 0.0 : f32
  %y = memref.alloc() : memref<1x3x4x4xf32>
  memref.copy %src, %y : memref<1x3x4x4xf32> to memref<1x3x4x4xf32>
  linalg.generic {indexing_maps = [#id4, #id4], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
      ins(%y : memref<1x3x4x4xf32>) outs(%y : memref<1x3x4x4xf32>) {
  ^bb0(%in: f32, %o: f32):
    %m = arith.maximumf %in, %zero : f32
    linalg.yield %m : f32
  }
  linalg.conv_2d_nchw_fchw {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
      ins(%y, %w : memref<1x3x4x4xf32>, memref<2x3x3x3xf32>) outs(%out : memref<1x2x2x2xf32>)
  memref.dealloc %y : memref<1x3x4x4xf32>
  return
}

// CHECK-LABEL: func.func @conv_relu_read_after
// CHECK: arith.maximumf %{{.*}}, %{{.*}} : f32
// CHECK-NOT: arith.maximumf
// CHECK: memref.copy
func.func @conv_relu_read_after(%w: memref<2x3x3x3xf32>, %out: memref<1x2x2x2xf32>,
                                %src: memref<1x3x4x4xf32>, %also: memref<1x3x4x4xf32>) {
  %zero = arith.constant 0.0 : f32
  %y = memref.alloc() : memref<1x3x4x4xf32>
  memref.copy %src, %y : memref<1x3x4x4xf32> to memref<1x3x4x4xf32>
  linalg.generic {indexing_maps = [#id4, #id4], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
      ins(%y : memref<1x3x4x4xf32>) outs(%y : memref<1x3x4x4xf32>) {
  ^bb0(%in: f32, %o: f32):
    %m = arith.maximumf %in, %zero : f32
    linalg.yield %m : f32
  }
  linalg.conv_2d_nchw_fchw {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
      ins(%y, %w : memref<1x3x4x4xf32>, memref<2x3x3x3xf32>) outs(%out : memref<1x2x2x2xf32>)
  memref.copy %y, %also : memref<1x3x4x4xf32> to memref<1x3x4x4xf32>
  memref.dealloc %y : memref<1x3x4x4xf32>
  return
}

// -----

// The source freed right after its padded copy (its last reader until
// now) is freed after the convolution instead.
// CHECK-LABEL: func.func @conv_source_freed
// CHECK: %[[Y:.*]] = memref.alloc() : memref<1x1x4x4xf32>
// CHECK: memref.copy %{{.*}}, %[[Y]]
// CHECK-NOT: memref.dealloc %[[Y]] :
// CHECK: vector.maskedload %[[Y]][
// CHECK: memref.dealloc %[[Y]] :
// CHECK-NEXT: return
func.func @conv_source_freed(%src: memref<1x1x4x4xf32>, %w: memref<2x1x3x3xf32>,
                             %out: memref<1x2x4x4xf32>) {
  %zero = arith.constant 0.0 : f32
  %y = memref.alloc() : memref<1x1x4x4xf32>
  memref.copy %src, %y : memref<1x1x4x4xf32> to memref<1x1x4x4xf32>
  %padded = memref.alloc() : memref<1x1x6x6xf32>
  linalg.fill ins(%zero : f32) outs(%padded : memref<1x1x6x6xf32>)
  %inner = memref.subview %padded[0, 0, 1, 1] [1, 1, 4, 4] [1, 1, 1, 1]
      : memref<1x1x6x6xf32> to memref<1x1x4x4xf32, strided<[36, 36, 6, 1], offset: 7>>
  memref.copy %y, %inner : memref<1x1x4x4xf32> to memref<1x1x4x4xf32, strided<[36, 36, 6, 1], offset: 7>>
  memref.dealloc %y : memref<1x1x4x4xf32>
  linalg.conv_2d_nchw_fchw {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
      ins(%padded, %w : memref<1x1x6x6xf32>, memref<2x1x3x3xf32>) outs(%out : memref<1x2x4x4xf32>)
  memref.dealloc %padded : memref<1x1x6x6xf32>
  return
}
