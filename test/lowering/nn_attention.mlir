// RUN: mm-opt --convert-mm-to-linalg %s | FileCheck %s
// multihead_attention: q, k and v projected with rows [0, E), [E, 2E) and
// [2E, 3E) of in_proj_weight/bias, q divided by sqrt(head_dim), views
// [B, L, heads, head_dim], scores [B, heads, L, S] accumulated into the
// mask's -inf/0 (or zeros), a softmax over S (max, sum of exp, divide), the
// probabilities times v, the heads concatenated and the output projection.

// CHECK-DAG: #[[MASK:.*]] = affine_map<(d0, d1, d2, d3) -> (d0, d3)>
// CHECK-DAG: #[[Q5:.*]] = affine_map<(d0, d1, d2, d3, d4) -> (d0, d2, d1, d4)>
// CHECK-DAG: #[[K5:.*]] = affine_map<(d0, d1, d2, d3, d4) -> (d0, d3, d1, d4)>
// CHECK-DAG: #[[S5:.*]] = affine_map<(d0, d1, d2, d3, d4) -> (d0, d1, d2, d3)>
// CHECK-DAG: #[[V5:.*]] = affine_map<(d0, d1, d2, d3, d4) -> (d0, d4, d2, d3)>
// CHECK-DAG: #[[ID4:.*]] = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
// CHECK-DAG: #[[ROW4:.*]] = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2)>

// CHECK-LABEL: func.func @multihead_attention$cross_mask
// CHECK-SAME: %[[Q:[a-z0-9]+]]: tensor<?x?x8xf32>, %[[KV:[a-z0-9]+]]: tensor<?x?x8xf32>, %[[W:[a-z0-9]+]]: tensor<24x8xf32>, %[[B:[a-z0-9]+]]: tensor<24xf32>, %[[OW:[a-z0-9]+]]: tensor<8x8xf32>, %[[OB:[a-z0-9]+]]: tensor<8xf32>, %[[M:[a-z0-9]+]]: tensor<?x?xui8>
// CHECK: %[[BQ:.*]] = tensor.extract_slice %[[B]][0] [8] [1] : tensor<24xf32> to tensor<8xf32>
// CHECK: %[[WQ:.*]] = tensor.extract_slice %[[W]][0, 0] [8, 8] [1, 1] : tensor<24x8xf32> to tensor<8x8xf32>
// CHECK: %[[QROWS:.*]] = tensor.collapse_shape %[[Q]] {{\[\[}}0, 1], [2]]
// CHECK: linalg.matmul_transpose_b ins(%[[QROWS]], %[[WQ]] : tensor<?x8xf32>, tensor<8x8xf32>)
// CHECK: %[[QP:.*]] = tensor.reshape
// CHECK: tensor.extract_slice %[[B]][8] [8] [1]
// CHECK: %[[WK:.*]] = tensor.extract_slice %[[W]][8, 0] [8, 8] [1, 1]
// CHECK: %[[KROWS:.*]] = tensor.collapse_shape %[[KV]] {{\[\[}}0, 1], [2]]
// CHECK: linalg.matmul_transpose_b ins(%[[KROWS]], %[[WK]] : tensor<?x8xf32>, tensor<8x8xf32>)
// CHECK: %[[KP:.*]] = tensor.reshape
// CHECK: tensor.extract_slice %[[B]][16] [8] [1]
// CHECK: %[[WV:.*]] = tensor.extract_slice %[[W]][16, 0] [8, 8] [1, 1]
// CHECK: %[[VP:.*]] = tensor.reshape
// CHECK: %[[SQRT:.*]] = arith.constant 2.000000e+00 : f32
// CHECK: %[[QS:.*]] = linalg.generic {{.*}} ins(%[[QP]] : tensor<?x?x8xf32>)
// CHECK:   arith.divf %{{.*}}, %[[SQRT]]
// CHECK: %[[Q4:.*]] = tensor.expand_shape %[[QS]] {{\[\[}}0], [1], [2, 3]] output_shape [%{{.*}}, %{{.*}}, 2, 4] : tensor<?x?x8xf32> into tensor<?x?x2x4xf32>
// CHECK: %[[K4:.*]] = tensor.expand_shape %[[KP]] {{\[\[}}0], [1], [2, 3]]
// CHECK: %[[V4:.*]] = tensor.expand_shape %[[VP]] {{\[\[}}0], [1], [2, 3]]
// CHECK: %[[INIT:.*]] = linalg.generic {indexing_maps = [#[[MASK]], #[[ID4]]], {{.*}} ins(%[[M]] : tensor<?x?xui8>) outs(%{{.*}} : tensor<?x2x?x?xf32>)
// CHECK:   %[[MI8:.*]] = builtin.unrealized_conversion_cast %{{.*}} : ui8 to i8
// CHECK:   %[[HIDDEN:.*]] = arith.cmpi ne, %[[MI8]], %{{.*}} : i8
// CHECK:   arith.select %[[HIDDEN]], %{{.*}}, %{{.*}} : f32
// CHECK: %[[SCORES:.*]] = linalg.generic {indexing_maps = [#[[Q5]], #[[K5]], #[[S5]]], iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction"]} ins(%[[Q4]], %[[K4]] : tensor<?x?x2x4xf32>, tensor<?x?x2x4xf32>) outs(%[[INIT]] : tensor<?x2x?x?xf32>)
// CHECK: %[[MAX:.*]] = linalg.generic {indexing_maps = [#[[ID4]], #[[ROW4]]], iterator_types = ["parallel", "parallel", "parallel", "reduction"]} ins(%[[SCORES]] : tensor<?x2x?x?xf32>)
// CHECK:   arith.maximumf
// CHECK: %[[SUM:.*]] = linalg.generic {indexing_maps = [#[[ID4]], #[[ROW4]], #[[ROW4]]], iterator_types = ["parallel", "parallel", "parallel", "reduction"]} ins(%[[SCORES]], %[[MAX]] : tensor<?x2x?x?xf32>, tensor<?x2x?xf32>)
// CHECK:   arith.subf
// CHECK:   math.exp
// CHECK:   arith.addf
// CHECK: %[[P:.*]] = linalg.generic {indexing_maps = [#[[ID4]], #[[ROW4]], #[[ROW4]], #[[ID4]]], {{.*}} ins(%[[SCORES]], %[[MAX]], %[[SUM]] : tensor<?x2x?x?xf32>, tensor<?x2x?xf32>, tensor<?x2x?xf32>)
// CHECK:   arith.subf
// CHECK:   math.exp
// CHECK:   arith.divf
// CHECK: %[[O4:.*]] = linalg.generic {indexing_maps = [#[[Q5]], #[[V5]], #[[S5]]], iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction"]} ins(%[[P]], %[[V4]] : tensor<?x2x?x?xf32>, tensor<?x?x2x4xf32>)
// CHECK: %[[O3:.*]] = tensor.collapse_shape %[[O4]] {{\[\[}}0], [1], [2, 3]] : tensor<?x?x2x4xf32> into tensor<?x?x8xf32>
// CHECK: %[[OROWS:.*]] = tensor.collapse_shape %[[O3]] {{\[\[}}0, 1], [2]]
// CHECK: linalg.generic {{.*}} ins(%[[OB]] : tensor<8xf32>)
// CHECK: linalg.matmul_transpose_b ins(%[[OROWS]], %[[OW]] : tensor<?x8xf32>, tensor<8x8xf32>)
func.func @multihead_attention$cross_mask(%q: tensor<?x?x8xf32>, %kv: tensor<?x?x8xf32>, %w: tensor<24x8xf32>, %b: tensor<24xf32>,
    %ow: tensor<8x8xf32>, %ob: tensor<8xf32>, %mask: tensor<?x?xui8>) -> tensor<?x?x8xf32> {
  %0 = mm.multihead_attention %q, %kv, %kv, %w, %b, %ow, %ob, %mask {num_heads = 2 : i64, has_key_padding_mask = true}
      : (tensor<?x?x8xf32>, tensor<?x?x8xf32>, tensor<?x?x8xf32>, tensor<24x8xf32>, tensor<24xf32>,
         tensor<8x8xf32>, tensor<8xf32>, tensor<?x?xui8>) -> tensor<?x?x8xf32>
  return %0 : tensor<?x?x8xf32>
}

// Without biases and mask: the projections start from zeros and so do the
// scores; a signless i32 mask needs no cast, a float one is the initial
// value itself.
// CHECK-LABEL: func.func @multihead_attention$no_bias
// CHECK-NOT: tensor.extract_slice %{{.*}}[0] [6] [1]
// CHECK: linalg.fill
// CHECK: linalg.matmul_transpose_b ins(%{{.*}}, %{{.*}} : tensor<4x6xf32>, tensor<6x6xf32>)
// CHECK: %[[ZEROS:.*]] = linalg.fill ins(%{{.*}} : f32) outs(%{{.*}} : tensor<1x3x4x5xf32>)
// CHECK: linalg.generic {{.*}} outs(%[[ZEROS]] : tensor<1x3x4x5xf32>)
func.func @multihead_attention$no_bias(%q: tensor<1x4x6xf32>, %kv: tensor<1x5x6xf32>, %w: tensor<18x6xf32>,
    %ow: tensor<6x6xf32>) -> tensor<1x4x6xf32> {
  %0 = mm.multihead_attention %q, %kv, %kv, %w, %ow {num_heads = 3 : i64, bias = false}
      : (tensor<1x4x6xf32>, tensor<1x5x6xf32>, tensor<1x5x6xf32>, tensor<18x6xf32>, tensor<6x6xf32>) -> tensor<1x4x6xf32>
  return %0 : tensor<1x4x6xf32>
}

// CHECK-LABEL: func.func @multihead_attention$i32_mask
// CHECK: ins(%{{.*}} : tensor<1x5xi32>)
// CHECK-NOT: unrealized_conversion_cast
// CHECK:   arith.cmpi ne, %{{.*}}, %{{.*}} : i32
func.func @multihead_attention$i32_mask(%q: tensor<1x4x6xf32>, %kv: tensor<1x5x6xf32>, %w: tensor<18x6xf32>,
    %ow: tensor<6x6xf32>, %m: tensor<1x5xi32>) -> tensor<1x4x6xf32> {
  %0 = mm.multihead_attention %q, %kv, %kv, %w, %ow, %m {num_heads = 3 : i64, bias = false, has_key_padding_mask = true}
      : (tensor<1x4x6xf32>, tensor<1x5x6xf32>, tensor<1x5x6xf32>, tensor<18x6xf32>, tensor<6x6xf32>, tensor<1x5xi32>) -> tensor<1x4x6xf32>
  return %0 : tensor<1x4x6xf32>
}

// CHECK-LABEL: func.func @multihead_attention$float_mask
// CHECK: %[[INIT:.*]] = linalg.generic {{.*}} ins(%{{.*}} : tensor<1x5xf32>)
// CHECK-NEXT: ^bb0(%[[IN:.*]]: f32, %{{.*}}: f32):
// CHECK-NEXT:   linalg.yield %[[IN]] : f32
func.func @multihead_attention$float_mask(%q: tensor<1x4x6xf32>, %kv: tensor<1x5x6xf32>, %w: tensor<18x6xf32>,
    %ow: tensor<6x6xf32>, %m: tensor<1x5xf32>) -> tensor<1x4x6xf32> {
  %0 = mm.multihead_attention %q, %kv, %kv, %w, %ow, %m {num_heads = 3 : i64, bias = false, has_key_padding_mask = true}
      : (tensor<1x4x6xf32>, tensor<1x5x6xf32>, tensor<1x5x6xf32>, tensor<18x6xf32>, tensor<6x6xf32>, tensor<1x5xf32>) -> tensor<1x4x6xf32>
  return %0 : tensor<1x4x6xf32>
}
