// RUN: mm-opt %s | mm-opt | FileCheck %s
// Round trip of the layer ops of MMNNOps.td: print, parse again, print the
// same.

// CHECK-LABEL: func.func @layer_norm
func.func @layer_norm(%x: tensor<?x?x16xf32>, %w: tensor<16xf32>, %b: tensor<16xf32>,
                      %y: tensor<2x4x6xf32>, %w2: tensor<4x6xf32>, %b2: tensor<4x6xf32>)
    -> (tensor<?x?x16xf32>, tensor<2x4x6xf32>) {
  // CHECK: mm.layer_norm %{{.*}}, %{{.*}}, %{{.*}} : (tensor<?x?x16xf32>, tensor<16xf32>, tensor<16xf32>) -> tensor<?x?x16xf32>
  %0 = mm.layer_norm %x, %w, %b {eps = 1.0e-05 : f64}
      : (tensor<?x?x16xf32>, tensor<16xf32>, tensor<16xf32>) -> tensor<?x?x16xf32>
  // CHECK: mm.layer_norm %{{.*}}, %{{.*}}, %{{.*}} {eps = 1.000000e-03 : f64} : (tensor<2x4x6xf32>, tensor<4x6xf32>, tensor<4x6xf32>) -> tensor<2x4x6xf32>
  %1 = mm.layer_norm %y, %w2, %b2 {eps = 1.0e-03 : f64}
      : (tensor<2x4x6xf32>, tensor<4x6xf32>, tensor<4x6xf32>) -> tensor<2x4x6xf32>
  return %0, %1 : tensor<?x?x16xf32>, tensor<2x4x6xf32>
}

// CHECK-LABEL: func.func @conv
func.func @conv(%x: tensor<?x3x64x64xf32>, %w: tensor<32x3x3x3xf32>, %b: tensor<32xf32>,
                %s: tensor<?x4x?xf32>, %dw: tensor<4x1x5xf32>)
    -> (tensor<?x32x32x32xf32>, tensor<?x4x?xf32>) {
  // CHECK: mm.conv2d %{{.*}}, %{{.*}}, %{{.*}} {dilation = array<i64: 1, 1>, padding = array<i64: 1, 1>, stride = array<i64: 2, 2>} : (tensor<?x3x64x64xf32>, tensor<32x3x3x3xf32>, tensor<32xf32>) -> tensor<?x32x32x32xf32>
  %0 = mm.conv2d %x, %w, %b {stride = array<i64: 2, 2>, padding = array<i64: 1, 1>, dilation = array<i64: 1, 1>, groups = 1 : i64}
      : (tensor<?x3x64x64xf32>, tensor<32x3x3x3xf32>, tensor<32xf32>) -> tensor<?x32x32x32xf32>
  // CHECK: mm.conv1d %{{.*}}, %{{.*}} {dilation = array<i64: 1>, groups = 4 : i64, padding = array<i64: 2>, stride = array<i64: 1>} : (tensor<?x4x?xf32>, tensor<4x1x5xf32>) -> tensor<?x4x?xf32>
  %1 = mm.conv1d %s, %dw {stride = array<i64: 1>, padding = array<i64: 2>, dilation = array<i64: 1>, groups = 4 : i64}
      : (tensor<?x4x?xf32>, tensor<4x1x5xf32>) -> tensor<?x4x?xf32>
  return %0, %1 : tensor<?x32x32x32xf32>, tensor<?x4x?xf32>
}

// CHECK-LABEL: func.func @batch_norm
func.func @batch_norm(%x: tensor<?x8x?x?xf32>, %w: tensor<8xf32>, %b: tensor<8xf32>,
                      %m: tensor<8xf32>, %v: tensor<8xf32>) -> tensor<?x8x?x?xf32> {
  // CHECK: mm.batch_norm %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}} {eps = 1.000000e-03 : f64} : (tensor<?x8x?x?xf32>, tensor<8xf32>, tensor<8xf32>, tensor<8xf32>, tensor<8xf32>) -> tensor<?x8x?x?xf32>
  %0 = mm.batch_norm %x, %w, %b, %m, %v {eps = 1.0e-03 : f64}
      : (tensor<?x8x?x?xf32>, tensor<8xf32>, tensor<8xf32>, tensor<8xf32>, tensor<8xf32>) -> tensor<?x8x?x?xf32>
  return %0 : tensor<?x8x?x?xf32>
}

// CHECK-LABEL: func.func @multihead_attention
func.func @multihead_attention(%q: tensor<?x?x8xf32>, %kv: tensor<?x?x8xf32>, %w: tensor<24x8xf32>,
    %b: tensor<24xf32>, %ow: tensor<8x8xf32>, %ob: tensor<8xf32>, %m: tensor<?x?xui8>)
    -> (tensor<?x?x8xf32>, tensor<?x?x8xf32>) {
  // CHECK: mm.multihead_attention %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}} {has_key_padding_mask = true, num_heads = 2 : i64} : (tensor<?x?x8xf32>, tensor<?x?x8xf32>, tensor<?x?x8xf32>, tensor<24x8xf32>, tensor<24xf32>, tensor<8x8xf32>, tensor<8xf32>, tensor<?x?xui8>) -> tensor<?x?x8xf32>
  %0 = mm.multihead_attention %q, %kv, %kv, %w, %b, %ow, %ob, %m {num_heads = 2 : i64, has_key_padding_mask = true}
      : (tensor<?x?x8xf32>, tensor<?x?x8xf32>, tensor<?x?x8xf32>, tensor<24x8xf32>, tensor<24xf32>,
         tensor<8x8xf32>, tensor<8xf32>, tensor<?x?xui8>) -> tensor<?x?x8xf32>
  // CHECK: mm.multihead_attention %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}} {bias = false, num_heads = 4 : i64} : (tensor<?x?x8xf32>, tensor<?x?x8xf32>, tensor<?x?x8xf32>, tensor<24x8xf32>, tensor<8x8xf32>) -> tensor<?x?x8xf32>
  %1 = mm.multihead_attention %q, %q, %q, %w, %ow {num_heads = 4 : i64, bias = false}
      : (tensor<?x?x8xf32>, tensor<?x?x8xf32>, tensor<?x?x8xf32>, tensor<24x8xf32>, tensor<8x8xf32>) -> tensor<?x?x8xf32>
  return %0, %1 : tensor<?x?x8xf32>, tensor<?x?x8xf32>
}

// CHECK-LABEL: func.func @transformer_encoder_layer
func.func @transformer_encoder_layer(%x: tensor<?x?x8xf32>, %m: tensor<?x?xui8>, %w0: tensor<24x8xf32>, %w1: tensor<24xf32>, %w2: tensor<8x8xf32>, %w3: tensor<8xf32>, %w4: tensor<16x8xf32>, %w5: tensor<16xf32>, %w6: tensor<8x16xf32>, %w7: tensor<8xf32>, %w8: tensor<8xf32>, %w9: tensor<8xf32>, %w10: tensor<8xf32>, %w11: tensor<8xf32>)
    -> (tensor<?x?x8xf32>, tensor<?x?x8xf32>) {
  // CHECK: mm.transformer_encoder_layer %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}} {activation = "gelu", layer_norm_eps = 1.000000e-03 : f64, nhead = 2 : i64, norm_first = true} : (tensor<?x?x8xf32>, tensor<24x8xf32>, tensor<24xf32>, tensor<8x8xf32>, tensor<8xf32>, tensor<16x8xf32>, tensor<16xf32>, tensor<8x16xf32>, tensor<8xf32>, tensor<8xf32>, tensor<8xf32>, tensor<8xf32>, tensor<8xf32>) -> tensor<?x?x8xf32>
  %0 = mm.transformer_encoder_layer %x, %w0, %w1, %w2, %w3, %w4, %w5, %w6, %w7, %w8, %w9, %w10, %w11
      {nhead = 2 : i64, activation = "gelu", layer_norm_eps = 1.0e-03 : f64, norm_first = true}
      : (tensor<?x?x8xf32>, tensor<24x8xf32>, tensor<24xf32>, tensor<8x8xf32>, tensor<8xf32>, tensor<16x8xf32>, tensor<16xf32>, tensor<8x16xf32>, tensor<8xf32>, tensor<8xf32>, tensor<8xf32>, tensor<8xf32>, tensor<8xf32>) -> tensor<?x?x8xf32>
  // CHECK: mm.transformer_encoder_layer %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}} {has_key_padding_mask = true, nhead = 4 : i64} : (tensor<?x?x8xf32>, tensor<24x8xf32>, tensor<24xf32>, tensor<8x8xf32>, tensor<8xf32>, tensor<16x8xf32>, tensor<16xf32>, tensor<8x16xf32>, tensor<8xf32>, tensor<8xf32>, tensor<8xf32>, tensor<8xf32>, tensor<8xf32>, tensor<?x?xui8>) -> tensor<?x?x8xf32>
  %1 = mm.transformer_encoder_layer %x, %w0, %w1, %w2, %w3, %w4, %w5, %w6, %w7, %w8, %w9, %w10, %w11, %m {nhead = 4 : i64, has_key_padding_mask = true}
      : (tensor<?x?x8xf32>, tensor<24x8xf32>, tensor<24xf32>, tensor<8x8xf32>, tensor<8xf32>, tensor<16x8xf32>, tensor<16xf32>, tensor<8x16xf32>, tensor<8xf32>, tensor<8xf32>, tensor<8xf32>, tensor<8xf32>, tensor<8xf32>, tensor<?x?xui8>) -> tensor<?x?x8xf32>
  return %0, %1 : tensor<?x?x8xf32>, tensor<?x?x8xf32>
}

// CHECK-LABEL: func.func @gru
func.func @gru(%x: tensor<?x?x16xf32>, %wih: tensor<24x16xf32>, %whh: tensor<24x8xf32>, %b: tensor<24xf32>)
    -> (tensor<?x?x16xf32>, tensor<2x?x8xf32>) {
  // CHECK: mm.gru %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}} {bidirectional = true, hidden_size = 8 : i64} : (tensor<?x?x16xf32>, tensor<24x16xf32>, tensor<24x8xf32>, tensor<24xf32>, tensor<24xf32>, tensor<24x16xf32>, tensor<24x8xf32>, tensor<24xf32>, tensor<24xf32>) -> (tensor<?x?x16xf32>, tensor<2x?x8xf32>)
  %out, %h = mm.gru %x, %wih, %whh, %b, %b, %wih, %whh, %b, %b {hidden_size = 8 : i64, bidirectional = true}
      : (tensor<?x?x16xf32>, tensor<24x16xf32>, tensor<24x8xf32>, tensor<24xf32>, tensor<24xf32>,
         tensor<24x16xf32>, tensor<24x8xf32>, tensor<24xf32>, tensor<24xf32>)
      -> (tensor<?x?x16xf32>, tensor<2x?x8xf32>)
  return %out, %h : tensor<?x?x16xf32>, tensor<2x?x8xf32>
}

// CHECK-LABEL: func.func @amplitude_to_db
func.func @amplitude_to_db(%x: tensor<?x1x64x?xf32>) -> (tensor<?x1x64x?xf32>, tensor<?x1x64x?xf32>) {
  // CHECK: mm.amplitude_to_db %{{.*}} {top_db = 8.000000e+01 : f64} : tensor<?x1x64x?xf32> -> tensor<?x1x64x?xf32>
  %0 = mm.amplitude_to_db %x {stype = "power", top_db = 80.0 : f64} : tensor<?x1x64x?xf32> -> tensor<?x1x64x?xf32>
  // CHECK: mm.amplitude_to_db %{{.*}} {stype = "magnitude"} : tensor<?x1x64x?xf32> -> tensor<?x1x64x?xf32>
  %1 = mm.amplitude_to_db %x {stype = "magnitude"} : tensor<?x1x64x?xf32> -> tensor<?x1x64x?xf32>
  return %0, %1 : tensor<?x1x64x?xf32>, tensor<?x1x64x?xf32>
}
