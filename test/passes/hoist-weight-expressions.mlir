// RUN: mm-opt %s --split-input-file --mm-hoist-weight-expressions | FileCheck %s

// A product of two weights, read by the rest of the function: computed by an
// outlined function of those weights, read through the cached declaration.
// CHECK-LABEL: func.func @composed(
// CHECK-SAME: %[[W1:.*]]: tensor<8x4xf32> {mm.weight = "w1"}, %[[W2:.*]]: tensor<6x8xf32> {mm.weight = "w2"}, %[[X:.*]]: tensor<?x4xf32>
// CHECK: %[[M1:.*]] = bufferization.to_memref %[[W1]] read_only : memref<8x4xf32, strided<[?, ?], offset: ?>>
// CHECK: %[[C1:.*]] = memref.cast %[[M1]] : memref<8x4xf32, strided<[?, ?], offset: ?>> to memref<?x?xf32, strided<[?, ?], offset: ?>>
// CHECK: %[[M2:.*]] = bufferization.to_memref %[[W2]] read_only
// CHECK: %[[C2:.*]] = memref.cast %[[M2]]
// CHECK: %[[OUT:.*]] = memref.alloc() : memref<6x4xf32>
// CHECK: call @composed_weights0_cached(%[[C1]], %[[C2]], %[[OUT]])
// CHECK: %[[V:.*]] = bufferization.to_tensor %[[OUT]] restrict writable : memref<6x4xf32>
// CHECK: linalg.matmul_transpose_b ins(%[[X]], %[[V]] : tensor<?x4xf32>, tensor<6x4xf32>)
// CHECK: func.func @composed_weights0(%[[A0:.*]]: tensor<8x4xf32>, %[[A1:.*]]: tensor<6x8xf32>) -> tensor<6x4xf32>
// CHECK-SAME: attributes {llvm.emit_c_interface, mm.weight_expression_of = @composed}
// CHECK: %[[P:.*]] = linalg.matmul ins(%[[A1]], %[[A0]] : tensor<6x8xf32>, tensor<8x4xf32>)
// CHECK: return %[[P]] : tensor<6x4xf32>
// CHECK: func.func private @composed_weights0_cached(memref<?x?xf32, strided<[?, ?], offset: ?>>, memref<?x?xf32, strided<[?, ?], offset: ?>>, memref<6x4xf32>)
// CHECK-SAME: attributes {llvm.emit_c_interface, mm.weight_expression = @composed_weights0}
func.func @composed(%w1: tensor<8x4xf32> {mm.weight = "w1"}, %w2: tensor<6x8xf32> {mm.weight = "w2"},
                    %x: tensor<?x4xf32>) -> tensor<?x6xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<6x4xf32>
  %f = linalg.fill ins(%zero : f32) outs(%e : tensor<6x4xf32>) -> tensor<6x4xf32>
  %w = linalg.matmul ins(%w2, %w1 : tensor<6x8xf32>, tensor<8x4xf32>) outs(%f : tensor<6x4xf32>) -> tensor<6x4xf32>
  %c0 = arith.constant 0 : index
  %n = tensor.dim %x, %c0 : tensor<?x4xf32>
  %e2 = tensor.empty(%n) : tensor<?x6xf32>
  %f2 = linalg.fill ins(%zero : f32) outs(%e2 : tensor<?x6xf32>) -> tensor<?x6xf32>
  %y = linalg.matmul_transpose_b ins(%x, %w : tensor<?x4xf32>, tensor<6x4xf32>) outs(%f2 : tensor<?x6xf32>) -> tensor<?x6xf32>
  return %y : tensor<?x6xf32>
}

// -----

// Left alone: a transpose of a weight (recomputing it costs what copying
// it would), a value larger than the weights it reads (an outer product),
// a value that also depends on an input, a value of non-f32 elements, and
// anything of a function that is not public.
// CHECK-LABEL: func.func @cheap_or_not_weights_only(
// CHECK-NOT: _cached
// CHECK: linalg.transpose
// CHECK: linalg.matmul ins(%{{.*}}, %{{.*}} : tensor<64x8xf32>, tensor<8x64xf32>)
// CHECK: linalg.matmul ins(%{{.*}}, %{{.*}} : tensor<4x8xf32>, tensor<8x4xf32>)
// CHECK: arith.sitofp
// CHECK-NOT: _cached
// CHECK-LABEL: func.func private @private_fn(
// CHECK-NOT: _cached
// CHECK: return
func.func @cheap_or_not_weights_only(%w: tensor<8x4xf32> {mm.weight = "w"}, %i: tensor<8x8xi32> {mm.weight = "i"},
                                     %u: tensor<64x8xf32> {mm.weight = "u"}, %v: tensor<8x64xf32> {mm.weight = "v"},
                                     %x: tensor<4x8xf32>) -> (tensor<4x8xf32>, tensor<64x64xf32>, tensor<4x4xf32>, tensor<8x8xf32>) {
  %e = tensor.empty() : tensor<4x8xf32>
  %t = linalg.transpose ins(%w : tensor<8x4xf32>) outs(%e : tensor<4x8xf32>) permutation = [1, 0]
  %zero = arith.constant 0.0 : f32
  %e1 = tensor.empty() : tensor<64x64xf32>
  %f1 = linalg.fill ins(%zero : f32) outs(%e1 : tensor<64x64xf32>) -> tensor<64x64xf32>
  %uv = linalg.matmul ins(%u, %v : tensor<64x8xf32>, tensor<8x64xf32>) outs(%f1 : tensor<64x64xf32>) -> tensor<64x64xf32>
  %e2 = tensor.empty() : tensor<4x4xf32>
  %f2 = linalg.fill ins(%zero : f32) outs(%e2 : tensor<4x4xf32>) -> tensor<4x4xf32>
  %p = linalg.matmul ins(%x, %w : tensor<4x8xf32>, tensor<8x4xf32>) outs(%f2 : tensor<4x4xf32>) -> tensor<4x4xf32>
  %e3 = tensor.empty() : tensor<8x8xf32>
  %s = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>],
                       iterator_types = ["parallel", "parallel"]}
      ins(%i : tensor<8x8xi32>) outs(%e3 : tensor<8x8xf32>) {
  ^bb0(%a: i32, %o: f32):
    %c = arith.sitofp %a : i32 to f32
    linalg.yield %c : f32
  } -> tensor<8x8xf32>
  return %t, %uv, %p, %s : tensor<4x8xf32>, tensor<64x64xf32>, tensor<4x4xf32>, tensor<8x8xf32>
}
func.func private @private_fn(%w1: tensor<8x4xf32> {mm.weight = "w1"}, %w2: tensor<6x8xf32> {mm.weight = "w2"}) -> tensor<6x4xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<6x4xf32>
  %f = linalg.fill ins(%zero : f32) outs(%e : tensor<6x4xf32>) -> tensor<6x4xf32>
  %w = linalg.matmul ins(%w2, %w1 : tensor<6x8xf32>, tensor<8x4xf32>) outs(%f : tensor<6x4xf32>) -> tensor<6x4xf32>
  return %w : tensor<6x4xf32>
}

// -----

// A weights-only value read both outside and by a second hoisted value: the
// second outlined function recomputes it from the weights, and each is
// kept once (two declarations, numbered in program order).
// CHECK-LABEL: func.func @shared(
// CHECK: call @shared_weights0_cached(
// CHECK: call @shared_weights1_cached(
// CHECK: func.func @shared_weights0(
// CHECK: linalg.matmul
// CHECK: func.func private @shared_weights0_cached(
// CHECK: func.func @shared_weights1(
// CHECK: linalg.matmul
// CHECK: linalg.matmul
// CHECK: func.func private @shared_weights1_cached(
func.func @shared(%w1: tensor<8x8xf32> {mm.weight = "w1"}, %w2: tensor<8x8xf32> {mm.weight = "w2"},
                  %x: tensor<8x8xf32>) -> (tensor<8x8xf32>, tensor<8x8xf32>) {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<8x8xf32>
  %f = linalg.fill ins(%zero : f32) outs(%e : tensor<8x8xf32>) -> tensor<8x8xf32>
  %a = linalg.matmul ins(%w1, %w2 : tensor<8x8xf32>, tensor<8x8xf32>) outs(%f : tensor<8x8xf32>) -> tensor<8x8xf32>
  %b = linalg.matmul ins(%a, %w2 : tensor<8x8xf32>, tensor<8x8xf32>) outs(%f : tensor<8x8xf32>) -> tensor<8x8xf32>
  %y = linalg.add ins(%x, %a : tensor<8x8xf32>, tensor<8x8xf32>) outs(%e : tensor<8x8xf32>) -> tensor<8x8xf32>
  %z = linalg.add ins(%x, %b : tensor<8x8xf32>, tensor<8x8xf32>) outs(%e : tensor<8x8xf32>) -> tensor<8x8xf32>
  return %y, %z : tensor<8x8xf32>, tensor<8x8xf32>
}

// -----

// A packed weight (mm-pack-weights): a layout change, one step per element,
// kept because it is marked so, although its padded panel makes it larger
// than its weight; read in place (never written: the tensor is not
// writable). An unmarked transpose of the same kind is left alone.
// CHECK-LABEL: func.func @packed(
// CHECK: %[[OUT:.*]] = memref.alloc() : memref<2x3x4xf32>
// CHECK: call @packed_weights0_cached(%{{.*}}, %[[OUT]])
// CHECK: %[[WP:.*]] = bufferization.to_tensor %[[OUT]] restrict : memref<2x3x4xf32>
// CHECK: linalg.generic {{.*}} ins(%{{.*}}, %[[WP]] : tensor<5x3xf32>, tensor<2x3x4xf32>)
// CHECK: linalg.transpose
// CHECK-NOT: _cached
// CHECK: func.func @packed_weights0(%{{.*}}: tensor<6x3xf32>) -> tensor<2x3x4xf32>
// CHECK: tensor.pad
// CHECK: linalg.transpose {{.*}} {mm.packed_weight}
// CHECK: func.func private @packed_weights0_cached(memref<?x?xf32, strided<[?, ?], offset: ?>>, memref<2x3x4xf32>)
// CHECK-SAME: attributes {llvm.emit_c_interface, mm.read_in_place, mm.weight_expression = @packed_weights0}
func.func @packed(%w: tensor<6x3xf32> {mm.weight = "w"}, %x: tensor<5x3xf32>,
                  %init: tensor<5x6xf32>) -> (tensor<5x6xf32>, tensor<2x3x4xf32>) {
  %zero = arith.constant 0.0 : f32
  %pad = tensor.pad %w low[0, 0] high[2, 0] {
  ^bb0(%i: index, %j: index):
    tensor.yield %zero : f32
  } : tensor<6x3xf32> to tensor<8x3xf32>
  %rows = tensor.expand_shape %pad [[0, 1], [2]] output_shape [2, 4, 3] : tensor<8x3xf32> into tensor<2x4x3xf32>
  %e = tensor.empty() : tensor<2x3x4xf32>
  %wp = linalg.transpose ins(%rows : tensor<2x4x3xf32>) outs(%e : tensor<2x3x4xf32>) permutation = [0, 2, 1] {mm.packed_weight}
  %y = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2) -> (d0, d2)>,
                                        affine_map<(d0, d1, d2) -> (d1 floordiv 4, d2, d1 mod 4)>,
                                        affine_map<(d0, d1, d2) -> (d0, d1)>],
                       iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%x, %wp : tensor<5x3xf32>, tensor<2x3x4xf32>) outs(%init : tensor<5x6xf32>) {
  ^bb0(%a: f32, %b: f32, %o: f32):
    %p = arith.mulf %a, %b : f32
    %s = arith.addf %o, %p : f32
    linalg.yield %s : f32
  } -> tensor<5x6xf32>
  %e2 = tensor.empty() : tensor<2x3x4xf32>
  %plain = linalg.transpose ins(%rows : tensor<2x4x3xf32>) outs(%e2 : tensor<2x3x4xf32>) permutation = [0, 2, 1]
  return %y, %plain : tensor<5x6xf32>, tensor<2x3x4xf32>
}
