// RUN: mm-opt --convert-mm-to-linalg %s | FileCheck %s
// transformer_encoder_layer is composed from the layer_norm and
// multihead_attention lowerings: pre-norm runs norm1, self-attention, the
// residual add, norm2, linear1, the activation, linear2 and the residual
// add; post-norm adds first and normalizes the sums.

// CHECK-LABEL: func.func @transformer_encoder_layer$pre_norm_gelu
// CHECK-SAME: %[[X:[a-z0-9]+]]: tensor<?x?x8xf32>, %[[INW:[a-z0-9]+]]: tensor<24x8xf32>, %[[INB:[a-z0-9]+]]: tensor<24xf32>, %[[OUTW:[a-z0-9]+]]: tensor<8x8xf32>, %[[OUTB:[a-z0-9]+]]: tensor<8xf32>, %[[L1W:[a-z0-9]+]]: tensor<16x8xf32>, %[[L1B:[a-z0-9]+]]: tensor<16xf32>, %[[L2W:[a-z0-9]+]]: tensor<8x16xf32>, %[[L2B:[a-z0-9]+]]: tensor<8xf32>, %[[N1W:[a-z0-9]+]]: tensor<8xf32>, %[[N1B:[a-z0-9]+]]: tensor<8xf32>, %[[N2W:[a-z0-9]+]]: tensor<8xf32>, %[[N2B:[a-z0-9]+]]: tensor<8xf32>
// norm1(x)
// CHECK: %[[N1:.*]] = linalg.generic {{.*}} ins(%[[X]], %{{.*}}, %{{.*}}, %[[N1W]], %[[N1B]] :
// CHECK:   math.sqrt
// self-attention on norm1(x): q, k and v all project it
// CHECK: %[[ROWS:.*]] = tensor.collapse_shape %[[N1]]
// CHECK: linalg.matmul_transpose_b ins(%[[ROWS]], %{{.*}} : tensor<?x8xf32>, tensor<8x8xf32>)
// CHECK: tensor.collapse_shape %[[N1]]
// CHECK: tensor.collapse_shape %[[N1]]
// CHECK: arith.maximumf
// CHECK: math.exp
// CHECK: math.exp
// CHECK: %[[SA:.*]] = linalg.matmul_transpose_b ins(%{{.*}}, %[[OUTW]] : tensor<?x8xf32>, tensor<8x8xf32>)
// CHECK: %[[SA3:.*]] = tensor.reshape %[[SA]]
// x + sa
// CHECK: %[[R1:.*]] = linalg.generic {{.*}} ins(%[[X]], %[[SA3]] : tensor<?x?x8xf32>, tensor<?x?x8xf32>)
// CHECK:   arith.addf
// norm2(x + sa)
// CHECK: %[[N2:.*]] = linalg.generic {{.*}} ins(%[[R1]], %{{.*}}, %{{.*}}, %[[N2W]], %[[N2B]] :
// feed-forward
// CHECK: %[[H:.*]] = linalg.matmul_transpose_b ins(%{{.*}}, %[[L1W]] : tensor<?x8xf32>, tensor<16x8xf32>)
// CHECK: %[[H3:.*]] = tensor.reshape %[[H]]
// CHECK: %[[ACT:.*]] = linalg.generic {{.*}} ins(%[[H3]] : tensor<?x?x16xf32>)
// CHECK:   math.erf
// CHECK: %[[FF:.*]] = linalg.matmul_transpose_b ins(%{{.*}}, %[[L2W]] : tensor<?x16xf32>, tensor<8x16xf32>)
// CHECK: %[[FF3:.*]] = tensor.reshape %[[FF]]
// CHECK: %[[Y:.*]] = linalg.generic {{.*}} ins(%[[R1]], %[[FF3]] : tensor<?x?x8xf32>, tensor<?x?x8xf32>)
// CHECK:   arith.addf
// CHECK: return %[[Y]]
func.func @transformer_encoder_layer$pre_norm_gelu(%x: tensor<?x?x8xf32>, %w0: tensor<24x8xf32>, %w1: tensor<24xf32>,
    %w2: tensor<8x8xf32>, %w3: tensor<8xf32>, %w4: tensor<16x8xf32>, %w5: tensor<16xf32>, %w6: tensor<8x16xf32>,
    %w7: tensor<8xf32>, %w8: tensor<8xf32>, %w9: tensor<8xf32>, %w10: tensor<8xf32>, %w11: tensor<8xf32>) -> tensor<?x?x8xf32> {
  %0 = mm.transformer_encoder_layer %x, %w0, %w1, %w2, %w3, %w4, %w5, %w6, %w7, %w8, %w9, %w10, %w11
      {nhead = 2 : i64, activation = "gelu", norm_first = true}
      : (tensor<?x?x8xf32>, tensor<24x8xf32>, tensor<24xf32>, tensor<8x8xf32>, tensor<8xf32>, tensor<16x8xf32>,
         tensor<16xf32>, tensor<8x16xf32>, tensor<8xf32>, tensor<8xf32>, tensor<8xf32>, tensor<8xf32>, tensor<8xf32>)
      -> tensor<?x?x8xf32>
  return %0 : tensor<?x?x8xf32>
}

// Post-norm, relu, with a key padding mask and layer_norm_eps 1e-3.
// CHECK-LABEL: func.func @transformer_encoder_layer$post_norm_relu_mask
// CHECK-SAME: %[[X:[a-z0-9]+]]: tensor<?x?x8xf32>
// CHECK-SAME: %[[N1W:[a-z0-9]+]]: tensor<8xf32>, %[[N1B:[a-z0-9]+]]: tensor<8xf32>, %[[N2W:[a-z0-9]+]]: tensor<8xf32>, %[[N2B:[a-z0-9]+]]: tensor<8xf32>, %[[M:[a-z0-9]+]]: tensor<?x?xui8>
// CHECK: tensor.collapse_shape %[[X]]
// CHECK: ins(%[[M]] : tensor<?x?xui8>)
// CHECK: %[[SA:.*]] = tensor.reshape
// CHECK: %[[R1:.*]] = linalg.generic {{.*}} ins(%[[X]], %[[SA]] :
// CHECK:   arith.addf
// CHECK: arith.constant 1.000000e-03 : f32
// CHECK: %[[N1:.*]] = linalg.generic {{.*}} ins(%[[R1]], %{{.*}}, %{{.*}}, %[[N1W]], %[[N1B]] :
// CHECK: tensor.collapse_shape %[[N1]]
// CHECK: linalg.generic
// CHECK:   arith.maximumf
// CHECK: %[[FF:.*]] = tensor.reshape
// CHECK: %[[R2:.*]] = linalg.generic {{.*}} ins(%[[N1]], %[[FF]] :
// CHECK: %[[Y:.*]] = linalg.generic {{.*}} ins(%[[R2]], %{{.*}}, %{{.*}}, %[[N2W]], %[[N2B]] :
// CHECK: return %[[Y]]
func.func @transformer_encoder_layer$post_norm_relu_mask(%x: tensor<?x?x8xf32>, %w0: tensor<24x8xf32>, %w1: tensor<24xf32>,
    %w2: tensor<8x8xf32>, %w3: tensor<8xf32>, %w4: tensor<16x8xf32>, %w5: tensor<16xf32>, %w6: tensor<8x16xf32>,
    %w7: tensor<8xf32>, %w8: tensor<8xf32>, %w9: tensor<8xf32>, %w10: tensor<8xf32>, %w11: tensor<8xf32>,
    %m: tensor<?x?xui8>) -> tensor<?x?x8xf32> {
  %0 = mm.transformer_encoder_layer %x, %w0, %w1, %w2, %w3, %w4, %w5, %w6, %w7, %w8, %w9, %w10, %w11, %m
      {nhead = 2 : i64, layer_norm_eps = 1.0e-03 : f64, has_key_padding_mask = true}
      : (tensor<?x?x8xf32>, tensor<24x8xf32>, tensor<24xf32>, tensor<8x8xf32>, tensor<8xf32>, tensor<16x8xf32>,
         tensor<16xf32>, tensor<8x16xf32>, tensor<8xf32>, tensor<8xf32>, tensor<8xf32>, tensor<8xf32>, tensor<8xf32>,
         tensor<?x?xui8>) -> tensor<?x?x8xf32>
  return %0 : tensor<?x?x8xf32>
}
