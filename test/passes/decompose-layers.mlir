// RUN: mm-opt --mm-decompose-layers %s | FileCheck %s
// mm-decompose-layers: transformer_encoder_layer becomes the mm ops of
// nn.TransformerEncoderLayer's forward at eval, with the layer's weights in
// their places (self_attn.*, linear1/2, norm1/2) and its attributes on the
// pieces (nhead, layer_norm_eps, the mask, the activation).

// Pre-norm: x + sa(norm1(x)), then + ff(norm2(.)); gelu is the exact one
// (approximate = "none", the default, not printed; so are eps 1e-5 and
// bias = true).
// CHECK-LABEL: func.func @transformer_encoder_layer$pre_norm_gelu
// CHECK-SAME: %[[X:[a-z0-9]+]]: tensor<?x?x8xf32>, %[[INW:[a-z0-9]+]]: tensor<24x8xf32>, %[[INB:[a-z0-9]+]]: tensor<24xf32>, %[[OUTW:[a-z0-9]+]]: tensor<8x8xf32>, %[[OUTB:[a-z0-9]+]]: tensor<8xf32>, %[[L1W:[a-z0-9]+]]: tensor<16x8xf32>, %[[L1B:[a-z0-9]+]]: tensor<16xf32>, %[[L2W:[a-z0-9]+]]: tensor<8x16xf32>, %[[L2B:[a-z0-9]+]]: tensor<8xf32>, %[[N1W:[a-z0-9]+]]: tensor<8xf32>, %[[N1B:[a-z0-9]+]]: tensor<8xf32>, %[[N2W:[a-z0-9]+]]: tensor<8xf32>, %[[N2B:[a-z0-9]+]]: tensor<8xf32>
// CHECK-NEXT: %[[N1:.*]] = mm.layer_norm %[[X]], %[[N1W]], %[[N1B]] :
// CHECK-NEXT: %[[SA:.*]] = mm.multihead_attention %[[N1]], %[[N1]], %[[N1]], %[[INW]], %[[INB]], %[[OUTW]], %[[OUTB]] {num_heads = 2 : i64} :
// CHECK-SAME: -> tensor<?x?x8xf32>
// CHECK-NEXT: %[[R1:.*]] = mm.add %[[X]], %[[SA]]
// CHECK-NEXT: %[[N2:.*]] = mm.layer_norm %[[R1]], %[[N2W]], %[[N2B]] :
// CHECK-NEXT: %[[H:.*]] = mm.linear %[[N2]], %[[L1W]], %[[L1B]] : {{.*}} -> tensor<?x?x16xf32>
// CHECK-NEXT: %[[A:.*]] = mm.gelu %[[H]] : tensor<?x?x16xf32>
// CHECK-NEXT: %[[FF:.*]] = mm.linear %[[A]], %[[L2W]], %[[L2B]] : {{.*}} -> tensor<?x?x8xf32>
// CHECK-NEXT: %[[Y:.*]] = mm.add %[[R1]], %[[FF]]
// CHECK-NEXT: return %[[Y]]
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

// Post-norm (the default), relu, with a key padding mask and
// layer_norm_eps 1e-3: norm1(x + sa(x)), then norm2(. + ff(.)).
// CHECK-LABEL: func.func @transformer_encoder_layer$post_norm_relu_mask
// CHECK-SAME: %[[X:[a-z0-9]+]]: tensor<?x?x8xf32>, %[[INW:[a-z0-9]+]]: tensor<24x8xf32>, %[[INB:[a-z0-9]+]]: tensor<24xf32>, %[[OUTW:[a-z0-9]+]]: tensor<8x8xf32>, %[[OUTB:[a-z0-9]+]]: tensor<8xf32>, %[[L1W:[a-z0-9]+]]: tensor<16x8xf32>, %[[L1B:[a-z0-9]+]]: tensor<16xf32>, %[[L2W:[a-z0-9]+]]: tensor<8x16xf32>, %[[L2B:[a-z0-9]+]]: tensor<8xf32>, %[[N1W:[a-z0-9]+]]: tensor<8xf32>, %[[N1B:[a-z0-9]+]]: tensor<8xf32>, %[[N2W:[a-z0-9]+]]: tensor<8xf32>, %[[N2B:[a-z0-9]+]]: tensor<8xf32>, %[[M:[a-z0-9]+]]: tensor<?x?xi32>
// CHECK-NEXT: %[[SA:.*]] = mm.multihead_attention %[[X]], %[[X]], %[[X]], %[[INW]], %[[INB]], %[[OUTW]], %[[OUTB]], %[[M]] {has_key_padding_mask = true, num_heads = 2 : i64}
// CHECK-NEXT: %[[R1:.*]] = mm.add %[[X]], %[[SA]]
// CHECK-NEXT: %[[N1:.*]] = mm.layer_norm %[[R1]], %[[N1W]], %[[N1B]] {eps = 1.000000e-03 : f64}
// CHECK-NEXT: %[[H:.*]] = mm.linear %[[N1]], %[[L1W]], %[[L1B]]
// CHECK-NEXT: %[[A:.*]] = mm.relu %[[H]] : tensor<?x?x16xf32>
// CHECK-NEXT: %[[FF:.*]] = mm.linear %[[A]], %[[L2W]], %[[L2B]]
// CHECK-NEXT: %[[R2:.*]] = mm.add %[[N1]], %[[FF]]
// CHECK-NEXT: %[[Y:.*]] = mm.layer_norm %[[R2]], %[[N2W]], %[[N2B]] {eps = 1.000000e-03 : f64}
// CHECK-NEXT: return %[[Y]]
func.func @transformer_encoder_layer$post_norm_relu_mask(%x: tensor<?x?x8xf32>, %w0: tensor<24x8xf32>, %w1: tensor<24xf32>,
    %w2: tensor<8x8xf32>, %w3: tensor<8xf32>, %w4: tensor<16x8xf32>, %w5: tensor<16xf32>, %w6: tensor<8x16xf32>,
    %w7: tensor<8xf32>, %w8: tensor<8xf32>, %w9: tensor<8xf32>, %w10: tensor<8xf32>, %w11: tensor<8xf32>,
    %m: tensor<?x?xi32>) -> tensor<?x?x8xf32> {
  %0 = mm.transformer_encoder_layer %x, %w0, %w1, %w2, %w3, %w4, %w5, %w6, %w7, %w8, %w9, %w10, %w11, %m
      {nhead = 2 : i64, layer_norm_eps = 1.0e-03 : f64, has_key_padding_mask = true}
      : (tensor<?x?x8xf32>, tensor<24x8xf32>, tensor<24xf32>, tensor<8x8xf32>, tensor<8xf32>, tensor<16x8xf32>,
         tensor<16xf32>, tensor<8x16xf32>, tensor<8xf32>, tensor<8xf32>, tensor<8xf32>, tensor<8xf32>, tensor<8xf32>,
         tensor<?x?xi32>) -> tensor<?x?x8xf32>
  return %0 : tensor<?x?x8xf32>
}

// A result more static than src: the last op takes the result's type.
// CHECK-LABEL: func.func @transformer_encoder_layer$static_result
// CHECK: mm.multihead_attention {{.*}} -> tensor<?x?x8xf32>
// CHECK: %[[Y:.*]] = mm.add {{.*}} -> tensor<2x3x8xf32>
// CHECK-NEXT: return %[[Y]] : tensor<2x3x8xf32>
// CHECK-NOT: mm.transformer_encoder_layer
func.func @transformer_encoder_layer$static_result(%x: tensor<?x?x8xf32>, %w0: tensor<24x8xf32>, %w1: tensor<24xf32>,
    %w2: tensor<8x8xf32>, %w3: tensor<8xf32>, %w4: tensor<16x8xf32>, %w5: tensor<16xf32>, %w6: tensor<8x16xf32>,
    %w7: tensor<8xf32>, %w8: tensor<8xf32>, %w9: tensor<8xf32>, %w10: tensor<8xf32>, %w11: tensor<8xf32>) -> tensor<2x3x8xf32> {
  %0 = mm.transformer_encoder_layer %x, %w0, %w1, %w2, %w3, %w4, %w5, %w6, %w7, %w8, %w9, %w10, %w11
      {nhead = 1 : i64, norm_first = true}
      : (tensor<?x?x8xf32>, tensor<24x8xf32>, tensor<24xf32>, tensor<8x8xf32>, tensor<8xf32>, tensor<16x8xf32>,
         tensor<16xf32>, tensor<8x16xf32>, tensor<8xf32>, tensor<8xf32>, tensor<8xf32>, tensor<8xf32>, tensor<8xf32>)
      -> tensor<2x3x8xf32>
  return %0 : tensor<2x3x8xf32>
}
