// RUN: mm-opt %s -split-input-file -verify-diagnostics
// Every verifier message of the layer ops of MMNNOps.td, one case per split.

func.func @layer_norm$scalar_weight(%x: tensor<2x4xf32>, %w: tensor<f32>, %b: tensor<f32>) -> tensor<2x4xf32> {
  // expected-error@+1 {{weight must have the static normalized shape (rank >= 1), got []}}
  %0 = mm.layer_norm %x, %w, %b : (tensor<2x4xf32>, tensor<f32>, tensor<f32>) -> tensor<2x4xf32>
  return %0 : tensor<2x4xf32>
}

// -----

func.func @layer_norm$dynamic_weight(%x: tensor<2x4xf32>, %w: tensor<?xf32>, %b: tensor<?xf32>) -> tensor<2x4xf32> {
  // expected-error@+1 {{weight must have the static normalized shape (rank >= 1), got [?]}}
  %0 = mm.layer_norm %x, %w, %b : (tensor<2x4xf32>, tensor<?xf32>, tensor<?xf32>) -> tensor<2x4xf32>
  return %0 : tensor<2x4xf32>
}

// -----

func.func @layer_norm$bias_shape(%x: tensor<2x4xf32>, %w: tensor<4xf32>, %b: tensor<5xf32>) -> tensor<2x4xf32> {
  // expected-error@+1 {{bias must be [4], got [5]}}
  %0 = mm.layer_norm %x, %w, %b : (tensor<2x4xf32>, tensor<4xf32>, tensor<5xf32>) -> tensor<2x4xf32>
  return %0 : tensor<2x4xf32>
}

// -----

func.func @layer_norm$wrong_trailing(%x: tensor<?x3x4xf32>, %w: tensor<4x3xf32>, %b: tensor<4x3xf32>) -> tensor<?x3x4xf32> {
  // expected-error@+1 {{input [?, 3, 4] does not end in the normalized shape [4, 3]}}
  %0 = mm.layer_norm %x, %w, %b : (tensor<?x3x4xf32>, tensor<4x3xf32>, tensor<4x3xf32>) -> tensor<?x3x4xf32>
  return %0 : tensor<?x3x4xf32>
}

// -----

func.func @layer_norm$rank_too_small(%x: tensor<4xf32>, %w: tensor<3x4xf32>, %b: tensor<3x4xf32>) -> tensor<4xf32> {
  // expected-error@+1 {{input [4] does not end in the normalized shape [3, 4]}}
  %0 = mm.layer_norm %x, %w, %b : (tensor<4xf32>, tensor<3x4xf32>, tensor<3x4xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

func.func @layer_norm$negative_eps(%x: tensor<2x4xf32>, %w: tensor<4xf32>, %b: tensor<4xf32>) -> tensor<2x4xf32> {
  // expected-error@+1 {{eps must be finite and non-negative, got -1}}
  %0 = mm.layer_norm %x, %w, %b {eps = -1.0 : f64} : (tensor<2x4xf32>, tensor<4xf32>, tensor<4xf32>) -> tensor<2x4xf32>
  return %0 : tensor<2x4xf32>
}

// -----

func.func @layer_norm$wrong_result(%x: tensor<2x4xf32>, %w: tensor<4xf32>, %b: tensor<4xf32>) -> tensor<3x4xf32> {
  // expected-error@+1 {{result shape [3, 4] does not match the inferred shape [2, 4]}}
  %0 = mm.layer_norm %x, %w, %b : (tensor<2x4xf32>, tensor<4xf32>, tensor<4xf32>) -> tensor<3x4xf32>
  return %0 : tensor<3x4xf32>
}

// -----

func.func @conv2d$input_rank(%x: tensor<2x3x8xf32>, %w: tensor<4x3x3x3xf32>) -> tensor<2x4x6x6xf32> {
  // expected-error@+1 {{input must have rank 4 ([N, C, H, W]), got [2, 3, 8]}}
  %0 = mm.conv2d %x, %w {stride = array<i64: 1, 1>, padding = array<i64: 0, 0>, dilation = array<i64: 1, 1>} : (tensor<2x3x8xf32>, tensor<4x3x3x3xf32>) -> tensor<2x4x6x6xf32>
  return %0 : tensor<2x4x6x6xf32>
}

// -----

func.func @conv1d$weight_rank(%x: tensor<2x3x8xf32>, %w: tensor<4x3xf32>) -> tensor<2x4x6xf32> {
  // expected-error@+1 {{weight must have rank 3 ([out_channels, in_channels / groups, kernel...]), got [4, 3]}}
  %0 = mm.conv1d %x, %w {stride = array<i64: 1>, padding = array<i64: 0>, dilation = array<i64: 1>} : (tensor<2x3x8xf32>, tensor<4x3xf32>) -> tensor<2x4x6xf32>
  return %0 : tensor<2x4x6xf32>
}

// -----

func.func @conv2d$stride_count(%x: tensor<2x3x8x8xf32>, %w: tensor<4x3x3x3xf32>) -> tensor<2x4x6x6xf32> {
  // expected-error@+1 {{stride, padding and dilation must have 2 values each}}
  %0 = mm.conv2d %x, %w {stride = array<i64: 1>, padding = array<i64: 0, 0>, dilation = array<i64: 1, 1>} : (tensor<2x3x8x8xf32>, tensor<4x3x3x3xf32>) -> tensor<2x4x6x6xf32>
  return %0 : tensor<2x4x6x6xf32>
}

// -----

func.func @conv2d$zero_stride(%x: tensor<2x3x8x8xf32>, %w: tensor<4x3x3x3xf32>) -> tensor<2x4x6x6xf32> {
  // expected-error@+1 {{stride and dilation must be positive and padding non-negative}}
  %0 = mm.conv2d %x, %w {stride = array<i64: 0, 1>, padding = array<i64: 0, 0>, dilation = array<i64: 1, 1>} : (tensor<2x3x8x8xf32>, tensor<4x3x3x3xf32>) -> tensor<2x4x6x6xf32>
  return %0 : tensor<2x4x6x6xf32>
}

// -----

func.func @conv2d$negative_padding(%x: tensor<2x3x8x8xf32>, %w: tensor<4x3x3x3xf32>) -> tensor<2x4x6x6xf32> {
  // expected-error@+1 {{stride and dilation must be positive and padding non-negative}}
  %0 = mm.conv2d %x, %w {stride = array<i64: 1, 1>, padding = array<i64: 0, -1>, dilation = array<i64: 1, 1>} : (tensor<2x3x8x8xf32>, tensor<4x3x3x3xf32>) -> tensor<2x4x6x6xf32>
  return %0 : tensor<2x4x6x6xf32>
}

// -----

func.func @conv2d$zero_groups(%x: tensor<2x3x8x8xf32>, %w: tensor<4x3x3x3xf32>) -> tensor<2x4x6x6xf32> {
  // expected-error@+1 {{groups must be positive, got 0}}
  %0 = mm.conv2d %x, %w {stride = array<i64: 1, 1>, padding = array<i64: 0, 0>, dilation = array<i64: 1, 1>, groups = 0 : i64} : (tensor<2x3x8x8xf32>, tensor<4x3x3x3xf32>) -> tensor<2x4x6x6xf32>
  return %0 : tensor<2x4x6x6xf32>
}

// -----

func.func @conv2d$dynamic_weight(%x: tensor<2x3x8x8xf32>, %w: tensor<?x3x3x3xf32>) -> tensor<2x4x6x6xf32> {
  // expected-error@+1 {{weight must have a static, non-empty shape, got [?, 3, 3, 3]}}
  %0 = mm.conv2d %x, %w {stride = array<i64: 1, 1>, padding = array<i64: 0, 0>, dilation = array<i64: 1, 1>} : (tensor<2x3x8x8xf32>, tensor<?x3x3x3xf32>) -> tensor<2x4x6x6xf32>
  return %0 : tensor<2x4x6x6xf32>
}

// -----

func.func @conv2d$dynamic_channels(%x: tensor<2x?x8x8xf32>, %w: tensor<4x3x3x3xf32>) -> tensor<2x4x6x6xf32> {
  // expected-error@+1 {{input channels (dimension 1) must be static, got [2, ?, 8, 8]}}
  %0 = mm.conv2d %x, %w {stride = array<i64: 1, 1>, padding = array<i64: 0, 0>, dilation = array<i64: 1, 1>} : (tensor<2x?x8x8xf32>, tensor<4x3x3x3xf32>) -> tensor<2x4x6x6xf32>
  return %0 : tensor<2x4x6x6xf32>
}

// -----

func.func @conv2d$groups_out_channels(%x: tensor<2x4x8x8xf32>, %w: tensor<3x2x3x3xf32>) -> tensor<2x3x6x6xf32> {
  // expected-error@+1 {{out_channels (3) must be a multiple of groups (2)}}
  %0 = mm.conv2d %x, %w {stride = array<i64: 1, 1>, padding = array<i64: 0, 0>, dilation = array<i64: 1, 1>, groups = 2 : i64} : (tensor<2x4x8x8xf32>, tensor<3x2x3x3xf32>) -> tensor<2x3x6x6xf32>
  return %0 : tensor<2x3x6x6xf32>
}

// -----

func.func @conv2d$channels(%x: tensor<2x3x8x8xf32>, %w: tensor<4x2x3x3xf32>) -> tensor<2x4x6x6xf32> {
  // expected-error@+1 {{input has 3 channels, the weight [4, 2, 3, 3] with groups = 2 expects 4}}
  %0 = mm.conv2d %x, %w {stride = array<i64: 1, 1>, padding = array<i64: 0, 0>, dilation = array<i64: 1, 1>, groups = 2 : i64} : (tensor<2x3x8x8xf32>, tensor<4x2x3x3xf32>) -> tensor<2x4x6x6xf32>
  return %0 : tensor<2x4x6x6xf32>
}

// -----

func.func @conv2d$bias_shape(%x: tensor<2x3x8x8xf32>, %w: tensor<4x3x3x3xf32>, %b: tensor<3xf32>) -> tensor<2x4x6x6xf32> {
  // expected-error@+1 {{bias must be [4], got [3]}}
  %0 = mm.conv2d %x, %w, %b {stride = array<i64: 1, 1>, padding = array<i64: 0, 0>, dilation = array<i64: 1, 1>} : (tensor<2x3x8x8xf32>, tensor<4x3x3x3xf32>, tensor<3xf32>) -> tensor<2x4x6x6xf32>
  return %0 : tensor<2x4x6x6xf32>
}

// -----

func.func @conv1d$kernel_too_large(%x: tensor<2x3x4xf32>, %w: tensor<4x3x3xf32>) -> tensor<2x4x1xf32> {
  // expected-error@+1 {{input [2, 3, 4] is smaller than the dilated kernel [3]}}
  %0 = mm.conv1d %x, %w {stride = array<i64: 1>, padding = array<i64: 0>, dilation = array<i64: 2>} : (tensor<2x3x4xf32>, tensor<4x3x3xf32>) -> tensor<2x4x1xf32>
  return %0 : tensor<2x4x1xf32>
}

// -----

func.func @conv2d$wrong_result(%x: tensor<?x3x9x8xf32>, %w: tensor<4x3x3x3xf32>) -> tensor<?x4x4x4xf32> {
  // expected-error@+1 {{result shape [?, 4, 4, 4] does not match the inferred shape [?, 4, 5, 4]}}
  %0 = mm.conv2d %x, %w {stride = array<i64: 2, 2>, padding = array<i64: 1, 1>, dilation = array<i64: 1, 1>} : (tensor<?x3x9x8xf32>, tensor<4x3x3x3xf32>) -> tensor<?x4x4x4xf32>
  return %0 : tensor<?x4x4x4xf32>
}

// -----

func.func @batch_norm$rank1(%x: tensor<5xf32>, %w: tensor<5xf32>, %b: tensor<5xf32>, %m: tensor<5xf32>, %v: tensor<5xf32>) -> tensor<5xf32> {
  // expected-error@+1 {{input must be [N, C, ...], got [5]}}
  %0 = mm.batch_norm %x, %w, %b, %m, %v : (tensor<5xf32>, tensor<5xf32>, tensor<5xf32>, tensor<5xf32>, tensor<5xf32>) -> tensor<5xf32>
  return %0 : tensor<5xf32>
}

// -----

func.func @batch_norm$weight_rank(%x: tensor<2x5xf32>, %w: tensor<1x5xf32>, %b: tensor<5xf32>, %m: tensor<5xf32>, %v: tensor<5xf32>) -> tensor<2x5xf32> {
  // expected-error@+1 {{weight must be [num_features], got [1, 5]}}
  %0 = mm.batch_norm %x, %w, %b, %m, %v : (tensor<2x5xf32>, tensor<1x5xf32>, tensor<5xf32>, tensor<5xf32>, tensor<5xf32>) -> tensor<2x5xf32>
  return %0 : tensor<2x5xf32>
}

// -----

func.func @batch_norm$running_var(%x: tensor<2x5xf32>, %w: tensor<5xf32>, %b: tensor<5xf32>, %m: tensor<5xf32>, %v: tensor<4xf32>) -> tensor<2x5xf32> {
  // expected-error@+1 {{running_var must be [5], got [4]}}
  %0 = mm.batch_norm %x, %w, %b, %m, %v : (tensor<2x5xf32>, tensor<5xf32>, tensor<5xf32>, tensor<5xf32>, tensor<4xf32>) -> tensor<2x5xf32>
  return %0 : tensor<2x5xf32>
}

// -----

func.func @batch_norm$channels(%x: tensor<2x4x3xf32>, %w: tensor<5xf32>, %b: tensor<5xf32>, %m: tensor<5xf32>, %v: tensor<5xf32>) -> tensor<2x4x3xf32> {
  // expected-error@+1 {{input [2, 4, 3] has 4 channels (dimension 1), the weights 5}}
  %0 = mm.batch_norm %x, %w, %b, %m, %v : (tensor<2x4x3xf32>, tensor<5xf32>, tensor<5xf32>, tensor<5xf32>, tensor<5xf32>) -> tensor<2x4x3xf32>
  return %0 : tensor<2x4x3xf32>
}

// -----

func.func @batch_norm$eps(%x: tensor<2x5xf32>, %w: tensor<5xf32>, %b: tensor<5xf32>, %m: tensor<5xf32>, %v: tensor<5xf32>) -> tensor<2x5xf32> {
  // expected-error@+1 {{eps must be finite and non-negative, got inf}}
  %0 = mm.batch_norm %x, %w, %b, %m, %v {eps = 0x7FF0000000000000 : f64} : (tensor<2x5xf32>, tensor<5xf32>, tensor<5xf32>, tensor<5xf32>, tensor<5xf32>) -> tensor<2x5xf32>
  return %0 : tensor<2x5xf32>
}

// -----

func.func @batch_norm$wrong_result(%x: tensor<2x5xf32>, %w: tensor<5xf32>, %b: tensor<5xf32>, %m: tensor<5xf32>, %v: tensor<5xf32>) -> tensor<2x6xf32> {
  // expected-error@+1 {{result shape [2, 6] does not match the inferred shape [2, 5]}}
  %0 = mm.batch_norm %x, %w, %b, %m, %v : (tensor<2x5xf32>, tensor<5xf32>, tensor<5xf32>, tensor<5xf32>, tensor<5xf32>) -> tensor<2x6xf32>
  return %0 : tensor<2x6xf32>
}

// -----

func.func @multihead_attention$rank(%q: tensor<3x8xf32>, %k: tensor<2x5x8xf32>, %v: tensor<2x5x8xf32>, %w: tensor<24x8xf32>, %ow: tensor<8x8xf32>) -> tensor<3x8xf32> {
  // expected-error@+1 {{query, key and value must be batch-first [B, L, E], got [3, 8], [2, 5, 8], [2, 5, 8]}}
  %0 = mm.multihead_attention %q, %k, %v, %w, %ow {num_heads = 2 : i64, bias = false} : (tensor<3x8xf32>, tensor<2x5x8xf32>, tensor<2x5x8xf32>, tensor<24x8xf32>, tensor<8x8xf32>) -> tensor<3x8xf32>
  return %0 : tensor<3x8xf32>
}

// -----

func.func @multihead_attention$heads(%q: tensor<2x3x8xf32>, %k: tensor<2x5x8xf32>, %v: tensor<2x5x8xf32>, %w: tensor<24x8xf32>, %ow: tensor<8x8xf32>) -> tensor<2x3x8xf32> {
  // expected-error@+1 {{the embedding dimension (8) must be a multiple of num_heads (3)}}
  %0 = mm.multihead_attention %q, %k, %v, %w, %ow {num_heads = 3 : i64, bias = false} : (tensor<2x3x8xf32>, tensor<2x5x8xf32>, tensor<2x5x8xf32>, tensor<24x8xf32>, tensor<8x8xf32>) -> tensor<2x3x8xf32>
  return %0 : tensor<2x3x8xf32>
}

// -----

func.func @multihead_attention$key_value(%q: tensor<2x3x8xf32>, %k: tensor<2x5x8xf32>, %v: tensor<2x4x8xf32>, %w: tensor<24x8xf32>, %ow: tensor<8x8xf32>) -> tensor<2x3x8xf32> {
  // expected-error@+1 {{expects key and value [B, S, E] for the query [B, L, E], got query [2, 3, 8], key [2, 5, 8], value [2, 4, 8]}}
  %0 = mm.multihead_attention %q, %k, %v, %w, %ow {num_heads = 2 : i64, bias = false} : (tensor<2x3x8xf32>, tensor<2x5x8xf32>, tensor<2x4x8xf32>, tensor<24x8xf32>, tensor<8x8xf32>) -> tensor<2x3x8xf32>
  return %0 : tensor<2x3x8xf32>
}

// -----

func.func @multihead_attention$operand_count(%q: tensor<2x3x8xf32>, %k: tensor<2x5x8xf32>, %v: tensor<2x5x8xf32>, %w: tensor<24x8xf32>, %ow: tensor<8x8xf32>) -> tensor<2x3x8xf32> {
  // expected-error@+1 {{expects 4 operands after query, key and value (in_proj_weight, in_proj_bias, out_proj.weight, out_proj.bias), got 2}}
  %0 = mm.multihead_attention %q, %k, %v, %w, %ow {num_heads = 2 : i64} : (tensor<2x3x8xf32>, tensor<2x5x8xf32>, tensor<2x5x8xf32>, tensor<24x8xf32>, tensor<8x8xf32>) -> tensor<2x3x8xf32>
  return %0 : tensor<2x3x8xf32>
}

// -----

func.func @multihead_attention$in_proj_weight(%q: tensor<2x3x8xf32>, %k: tensor<2x5x8xf32>, %v: tensor<2x5x8xf32>, %w: tensor<8x24xf32>, %ow: tensor<8x8xf32>) -> tensor<2x3x8xf32> {
  // expected-error@+1 {{in_proj_weight must be [24, 8], got [8, 24]}}
  %0 = mm.multihead_attention %q, %k, %v, %w, %ow {num_heads = 2 : i64, bias = false} : (tensor<2x3x8xf32>, tensor<2x5x8xf32>, tensor<2x5x8xf32>, tensor<8x24xf32>, tensor<8x8xf32>) -> tensor<2x3x8xf32>
  return %0 : tensor<2x3x8xf32>
}

// -----

func.func @multihead_attention$out_proj_bias(%q: tensor<2x3x8xf32>, %k: tensor<2x5x8xf32>, %v: tensor<2x5x8xf32>, %w: tensor<24x8xf32>, %b: tensor<24xf32>, %ow: tensor<8x8xf32>, %ob: tensor<24xf32>) -> tensor<2x3x8xf32> {
  // expected-error@+1 {{out_proj.bias must be [8], got [24]}}
  %0 = mm.multihead_attention %q, %k, %v, %w, %b, %ow, %ob {num_heads = 2 : i64} : (tensor<2x3x8xf32>, tensor<2x5x8xf32>, tensor<2x5x8xf32>, tensor<24x8xf32>, tensor<24xf32>, tensor<8x8xf32>, tensor<24xf32>) -> tensor<2x3x8xf32>
  return %0 : tensor<2x3x8xf32>
}

// -----

func.func @multihead_attention$mask_shape(%q: tensor<2x3x8xf32>, %k: tensor<2x5x8xf32>, %v: tensor<2x5x8xf32>, %w: tensor<24x8xf32>, %ow: tensor<8x8xf32>, %m: tensor<2x3xui8>) -> tensor<2x3x8xf32> {
  // expected-error@+1 {{key_padding_mask must be [2, 5], got [2, 3]}}
  %0 = mm.multihead_attention %q, %k, %v, %w, %ow, %m {num_heads = 2 : i64, bias = false, has_key_padding_mask = true} : (tensor<2x3x8xf32>, tensor<2x5x8xf32>, tensor<2x5x8xf32>, tensor<24x8xf32>, tensor<8x8xf32>, tensor<2x3xui8>) -> tensor<2x3x8xf32>
  return %0 : tensor<2x3x8xf32>
}

// -----

func.func @multihead_attention$integer_weight(%q: tensor<2x3x8xf32>, %k: tensor<2x5x8xf32>, %v: tensor<2x5x8xf32>, %w: tensor<24x8xi32>, %ow: tensor<8x8xf32>) -> tensor<2x3x8xf32> {
  // expected-error@+1 {{weights must be float tensors}}
  %0 = mm.multihead_attention %q, %k, %v, %w, %ow {num_heads = 2 : i64, bias = false} : (tensor<2x3x8xf32>, tensor<2x5x8xf32>, tensor<2x5x8xf32>, tensor<24x8xi32>, tensor<8x8xf32>) -> tensor<2x3x8xf32>
  return %0 : tensor<2x3x8xf32>
}

// -----

func.func @multihead_attention$wrong_result(%q: tensor<2x3x8xf32>, %k: tensor<2x5x8xf32>, %v: tensor<2x5x8xf32>, %w: tensor<24x8xf32>, %ow: tensor<8x8xf32>) -> tensor<2x5x8xf32> {
  // expected-error@+1 {{result shape [2, 5, 8] does not match the inferred shape [2, 3, 8]}}
  %0 = mm.multihead_attention %q, %k, %v, %w, %ow {num_heads = 2 : i64, bias = false} : (tensor<2x3x8xf32>, tensor<2x5x8xf32>, tensor<2x5x8xf32>, tensor<24x8xf32>, tensor<8x8xf32>) -> tensor<2x5x8xf32>
  return %0 : tensor<2x5x8xf32>
}

// -----

func.func @transformer_encoder_layer$rank(%x: tensor<5x8xf32>, %w0: tensor<24x8xf32>, %w1: tensor<24xf32>, %w2: tensor<8x8xf32>, %w3: tensor<8xf32>, %w4: tensor<16x8xf32>, %w5: tensor<16xf32>, %w6: tensor<8x16xf32>, %w7: tensor<8xf32>, %w8: tensor<8xf32>, %w9: tensor<8xf32>, %w10: tensor<8xf32>, %w11: tensor<8xf32>) -> tensor<5x8xf32> {
  // expected-error@+1 {{src must be batch-first [B, S, d_model], got [5, 8]}}
  %0 = mm.transformer_encoder_layer %x, %w0, %w1, %w2, %w3, %w4, %w5, %w6, %w7, %w8, %w9, %w10, %w11 {nhead = 2 : i64} : (tensor<5x8xf32>, tensor<24x8xf32>, tensor<24xf32>, tensor<8x8xf32>, tensor<8xf32>, tensor<16x8xf32>, tensor<16xf32>, tensor<8x16xf32>, tensor<8xf32>, tensor<8xf32>, tensor<8xf32>, tensor<8xf32>, tensor<8xf32>) -> tensor<5x8xf32>
  return %0 : tensor<5x8xf32>
}

// -----

func.func @transformer_encoder_layer$nhead(%x: tensor<2x5x8xf32>, %w0: tensor<24x8xf32>, %w1: tensor<24xf32>, %w2: tensor<8x8xf32>, %w3: tensor<8xf32>, %w4: tensor<16x8xf32>, %w5: tensor<16xf32>, %w6: tensor<8x16xf32>, %w7: tensor<8xf32>, %w8: tensor<8xf32>, %w9: tensor<8xf32>, %w10: tensor<8xf32>, %w11: tensor<8xf32>) -> tensor<2x5x8xf32> {
  // expected-error@+1 {{the embedding dimension (8) must be a multiple of nhead (3)}}
  %0 = mm.transformer_encoder_layer %x, %w0, %w1, %w2, %w3, %w4, %w5, %w6, %w7, %w8, %w9, %w10, %w11 {nhead = 3 : i64} : (tensor<2x5x8xf32>, tensor<24x8xf32>, tensor<24xf32>, tensor<8x8xf32>, tensor<8xf32>, tensor<16x8xf32>, tensor<16xf32>, tensor<8x16xf32>, tensor<8xf32>, tensor<8xf32>, tensor<8xf32>, tensor<8xf32>, tensor<8xf32>) -> tensor<2x5x8xf32>
  return %0 : tensor<2x5x8xf32>
}

// -----

func.func @transformer_encoder_layer$count(%x: tensor<2x5x8xf32>, %w0: tensor<24x8xf32>, %w1: tensor<24xf32>, %w2: tensor<8x8xf32>, %w3: tensor<8xf32>, %w4: tensor<16x8xf32>, %w5: tensor<16xf32>, %w6: tensor<8x16xf32>, %w7: tensor<8xf32>, %w8: tensor<8xf32>, %w9: tensor<8xf32>, %w10: tensor<8xf32>) -> tensor<2x5x8xf32> {
  // expected-error@+1 {{expects 12 operands after src (12 weights), got 11}}
  %0 = mm.transformer_encoder_layer %x, %w0, %w1, %w2, %w3, %w4, %w5, %w6, %w7, %w8, %w9, %w10 {nhead = 2 : i64} : (tensor<2x5x8xf32>, tensor<24x8xf32>, tensor<24xf32>, tensor<8x8xf32>, tensor<8xf32>, tensor<16x8xf32>, tensor<16xf32>, tensor<8x16xf32>, tensor<8xf32>, tensor<8xf32>, tensor<8xf32>, tensor<8xf32>) -> tensor<2x5x8xf32>
  return %0 : tensor<2x5x8xf32>
}

// -----

func.func @transformer_encoder_layer$mask_missing(%x: tensor<2x5x8xf32>, %w0: tensor<24x8xf32>, %w1: tensor<24xf32>, %w2: tensor<8x8xf32>, %w3: tensor<8xf32>, %w4: tensor<16x8xf32>, %w5: tensor<16xf32>, %w6: tensor<8x16xf32>, %w7: tensor<8xf32>, %w8: tensor<8xf32>, %w9: tensor<8xf32>, %w10: tensor<8xf32>, %w11: tensor<8xf32>) -> tensor<2x5x8xf32> {
  // expected-error@+1 {{expects 13 operands after src (12 weights and the key padding mask), got 12}}
  %0 = mm.transformer_encoder_layer %x, %w0, %w1, %w2, %w3, %w4, %w5, %w6, %w7, %w8, %w9, %w10, %w11 {nhead = 2 : i64, has_key_padding_mask = true} : (tensor<2x5x8xf32>, tensor<24x8xf32>, tensor<24xf32>, tensor<8x8xf32>, tensor<8xf32>, tensor<16x8xf32>, tensor<16xf32>, tensor<8x16xf32>, tensor<8xf32>, tensor<8xf32>, tensor<8xf32>, tensor<8xf32>, tensor<8xf32>) -> tensor<2x5x8xf32>
  return %0 : tensor<2x5x8xf32>
}

// -----

func.func @transformer_encoder_layer$activation(%x: tensor<2x5x8xf32>, %w0: tensor<24x8xf32>, %w1: tensor<24xf32>, %w2: tensor<8x8xf32>, %w3: tensor<8xf32>, %w4: tensor<16x8xf32>, %w5: tensor<16xf32>, %w6: tensor<8x16xf32>, %w7: tensor<8xf32>, %w8: tensor<8xf32>, %w9: tensor<8xf32>, %w10: tensor<8xf32>, %w11: tensor<8xf32>) -> tensor<2x5x8xf32> {
  // expected-error@+1 {{activation must be "relu" or "gelu", got "tanh"}}
  %0 = mm.transformer_encoder_layer %x, %w0, %w1, %w2, %w3, %w4, %w5, %w6, %w7, %w8, %w9, %w10, %w11 {nhead = 2 : i64, activation = "tanh"} : (tensor<2x5x8xf32>, tensor<24x8xf32>, tensor<24xf32>, tensor<8x8xf32>, tensor<8xf32>, tensor<16x8xf32>, tensor<16xf32>, tensor<8x16xf32>, tensor<8xf32>, tensor<8xf32>, tensor<8xf32>, tensor<8xf32>, tensor<8xf32>) -> tensor<2x5x8xf32>
  return %0 : tensor<2x5x8xf32>
}

// -----

func.func @transformer_encoder_layer$eps(%x: tensor<2x5x8xf32>, %w0: tensor<24x8xf32>, %w1: tensor<24xf32>, %w2: tensor<8x8xf32>, %w3: tensor<8xf32>, %w4: tensor<16x8xf32>, %w5: tensor<16xf32>, %w6: tensor<8x16xf32>, %w7: tensor<8xf32>, %w8: tensor<8xf32>, %w9: tensor<8xf32>, %w10: tensor<8xf32>, %w11: tensor<8xf32>) -> tensor<2x5x8xf32> {
  // expected-error@+1 {{layer_norm_eps must be finite and non-negative, got -1}}
  %0 = mm.transformer_encoder_layer %x, %w0, %w1, %w2, %w3, %w4, %w5, %w6, %w7, %w8, %w9, %w10, %w11 {nhead = 2 : i64, layer_norm_eps = -1.0 : f64} : (tensor<2x5x8xf32>, tensor<24x8xf32>, tensor<24xf32>, tensor<8x8xf32>, tensor<8xf32>, tensor<16x8xf32>, tensor<16xf32>, tensor<8x16xf32>, tensor<8xf32>, tensor<8xf32>, tensor<8xf32>, tensor<8xf32>, tensor<8xf32>) -> tensor<2x5x8xf32>
  return %0 : tensor<2x5x8xf32>
}

// -----

func.func @transformer_encoder_layer$in_proj_bias(%x: tensor<2x5x8xf32>, %w0: tensor<24x8xf32>, %w1: tensor<8xf32>, %w2: tensor<8x8xf32>, %w3: tensor<8xf32>, %w4: tensor<16x8xf32>, %w5: tensor<16xf32>, %w6: tensor<8x16xf32>, %w7: tensor<8xf32>, %w8: tensor<8xf32>, %w9: tensor<8xf32>, %w10: tensor<8xf32>, %w11: tensor<8xf32>) -> tensor<2x5x8xf32> {
  // expected-error@+1 {{self_attn.in_proj_bias must be [24], got [8]}}
  %0 = mm.transformer_encoder_layer %x, %w0, %w1, %w2, %w3, %w4, %w5, %w6, %w7, %w8, %w9, %w10, %w11 {nhead = 2 : i64} : (tensor<2x5x8xf32>, tensor<24x8xf32>, tensor<8xf32>, tensor<8x8xf32>, tensor<8xf32>, tensor<16x8xf32>, tensor<16xf32>, tensor<8x16xf32>, tensor<8xf32>, tensor<8xf32>, tensor<8xf32>, tensor<8xf32>, tensor<8xf32>) -> tensor<2x5x8xf32>
  return %0 : tensor<2x5x8xf32>
}

// -----

func.func @transformer_encoder_layer$linear1(%x: tensor<2x5x8xf32>, %w0: tensor<24x8xf32>, %w1: tensor<24xf32>, %w2: tensor<8x8xf32>, %w3: tensor<8xf32>, %w4: tensor<16xf32>, %w5: tensor<16xf32>, %w6: tensor<8x16xf32>, %w7: tensor<8xf32>, %w8: tensor<8xf32>, %w9: tensor<8xf32>, %w10: tensor<8xf32>, %w11: tensor<8xf32>) -> tensor<2x5x8xf32> {
  // expected-error@+1 {{linear1.weight must be [dim_feedforward, 8], got [16]}}
  %0 = mm.transformer_encoder_layer %x, %w0, %w1, %w2, %w3, %w4, %w5, %w6, %w7, %w8, %w9, %w10, %w11 {nhead = 2 : i64} : (tensor<2x5x8xf32>, tensor<24x8xf32>, tensor<24xf32>, tensor<8x8xf32>, tensor<8xf32>, tensor<16xf32>, tensor<16xf32>, tensor<8x16xf32>, tensor<8xf32>, tensor<8xf32>, tensor<8xf32>, tensor<8xf32>, tensor<8xf32>) -> tensor<2x5x8xf32>
  return %0 : tensor<2x5x8xf32>
}

// -----

func.func @transformer_encoder_layer$linear2(%x: tensor<2x5x8xf32>, %w0: tensor<24x8xf32>, %w1: tensor<24xf32>, %w2: tensor<8x8xf32>, %w3: tensor<8xf32>, %w4: tensor<16x8xf32>, %w5: tensor<16xf32>, %w6: tensor<8x12xf32>, %w7: tensor<8xf32>, %w8: tensor<8xf32>, %w9: tensor<8xf32>, %w10: tensor<8xf32>, %w11: tensor<8xf32>) -> tensor<2x5x8xf32> {
  // expected-error@+1 {{linear2.weight must be [8, 16], got [8, 12]}}
  %0 = mm.transformer_encoder_layer %x, %w0, %w1, %w2, %w3, %w4, %w5, %w6, %w7, %w8, %w9, %w10, %w11 {nhead = 2 : i64} : (tensor<2x5x8xf32>, tensor<24x8xf32>, tensor<24xf32>, tensor<8x8xf32>, tensor<8xf32>, tensor<16x8xf32>, tensor<16xf32>, tensor<8x12xf32>, tensor<8xf32>, tensor<8xf32>, tensor<8xf32>, tensor<8xf32>, tensor<8xf32>) -> tensor<2x5x8xf32>
  return %0 : tensor<2x5x8xf32>
}

// -----

func.func @transformer_encoder_layer$norm2_bias(%x: tensor<2x5x8xf32>, %w0: tensor<24x8xf32>, %w1: tensor<24xf32>, %w2: tensor<8x8xf32>, %w3: tensor<8xf32>, %w4: tensor<16x8xf32>, %w5: tensor<16xf32>, %w6: tensor<8x16xf32>, %w7: tensor<8xf32>, %w8: tensor<8xf32>, %w9: tensor<8xf32>, %w10: tensor<8xf32>, %w11: tensor<6xf32>) -> tensor<2x5x8xf32> {
  // expected-error@+1 {{norm2.bias must be [8], got [6]}}
  %0 = mm.transformer_encoder_layer %x, %w0, %w1, %w2, %w3, %w4, %w5, %w6, %w7, %w8, %w9, %w10, %w11 {nhead = 2 : i64} : (tensor<2x5x8xf32>, tensor<24x8xf32>, tensor<24xf32>, tensor<8x8xf32>, tensor<8xf32>, tensor<16x8xf32>, tensor<16xf32>, tensor<8x16xf32>, tensor<8xf32>, tensor<8xf32>, tensor<8xf32>, tensor<8xf32>, tensor<6xf32>) -> tensor<2x5x8xf32>
  return %0 : tensor<2x5x8xf32>
}

// -----

func.func @transformer_encoder_layer$mask_shape(%x: tensor<2x5x8xf32>, %w0: tensor<24x8xf32>, %w1: tensor<24xf32>, %w2: tensor<8x8xf32>, %w3: tensor<8xf32>, %w4: tensor<16x8xf32>, %w5: tensor<16xf32>, %w6: tensor<8x16xf32>, %w7: tensor<8xf32>, %w8: tensor<8xf32>, %w9: tensor<8xf32>, %w10: tensor<8xf32>, %w11: tensor<8xf32>, %m: tensor<5x2xui8>) -> tensor<2x5x8xf32> {
  // expected-error@+1 {{key_padding_mask must be [2, 5], got [5, 2]}}
  %0 = mm.transformer_encoder_layer %x, %w0, %w1, %w2, %w3, %w4, %w5, %w6, %w7, %w8, %w9, %w10, %w11, %m {nhead = 2 : i64, has_key_padding_mask = true} : (tensor<2x5x8xf32>, tensor<24x8xf32>, tensor<24xf32>, tensor<8x8xf32>, tensor<8xf32>, tensor<16x8xf32>, tensor<16xf32>, tensor<8x16xf32>, tensor<8xf32>, tensor<8xf32>, tensor<8xf32>, tensor<8xf32>, tensor<8xf32>, tensor<5x2xui8>) -> tensor<2x5x8xf32>
  return %0 : tensor<2x5x8xf32>
}

// -----

func.func @transformer_encoder_layer$wrong_result(%x: tensor<2x5x8xf32>, %w0: tensor<24x8xf32>, %w1: tensor<24xf32>, %w2: tensor<8x8xf32>, %w3: tensor<8xf32>, %w4: tensor<16x8xf32>, %w5: tensor<16xf32>, %w6: tensor<8x16xf32>, %w7: tensor<8xf32>, %w8: tensor<8xf32>, %w9: tensor<8xf32>, %w10: tensor<8xf32>, %w11: tensor<8xf32>) -> tensor<2x5x6xf32> {
  // expected-error@+1 {{result shape [2, 5, 6] does not match the inferred shape [2, 5, 8]}}
  %0 = mm.transformer_encoder_layer %x, %w0, %w1, %w2, %w3, %w4, %w5, %w6, %w7, %w8, %w9, %w10, %w11 {nhead = 2 : i64} : (tensor<2x5x8xf32>, tensor<24x8xf32>, tensor<24xf32>, tensor<8x8xf32>, tensor<8xf32>, tensor<16x8xf32>, tensor<16xf32>, tensor<8x16xf32>, tensor<8xf32>, tensor<8xf32>, tensor<8xf32>, tensor<8xf32>, tensor<8xf32>) -> tensor<2x5x6xf32>
  return %0 : tensor<2x5x6xf32>
}

// -----

func.func @gru$hidden(%x: tensor<2x5x4xf32>, %w0: tensor<9x4xf32>, %w1: tensor<9x3xf32>, %w2: tensor<9xf32>, %w3: tensor<9xf32>) -> (tensor<2x5x3xf32>, tensor<1x2x3xf32>) {
  // expected-error@+1 {{hidden_size and num_layers must be positive}}
  %out, %h = mm.gru %x, %w0, %w1, %w2, %w3 {hidden_size = 0 : i64} : (tensor<2x5x4xf32>, tensor<9x4xf32>, tensor<9x3xf32>, tensor<9xf32>, tensor<9xf32>) -> (tensor<2x5x3xf32>, tensor<1x2x3xf32>)
  return %out, %h : tensor<2x5x3xf32>, tensor<1x2x3xf32>
}

// -----

func.func @gru$weight_count(%x: tensor<2x5x4xf32>, %w0: tensor<9x4xf32>, %w1: tensor<9x3xf32>, %w2: tensor<9xf32>) -> (tensor<2x5x3xf32>, tensor<1x2x3xf32>) {
  // expected-error@+1 {{expects 4 weight operands (weight_ih, weight_hh, bias_ih, bias_hh per layer and direction), got 3}}
  %out, %h = mm.gru %x, %w0, %w1, %w2 {hidden_size = 3 : i64} : (tensor<2x5x4xf32>, tensor<9x4xf32>, tensor<9x3xf32>, tensor<9xf32>) -> (tensor<2x5x3xf32>, tensor<1x2x3xf32>)
  return %out, %h : tensor<2x5x3xf32>, tensor<1x2x3xf32>
}

// -----

func.func @gru$input_rank(%x: tensor<5x4xf32>, %w0: tensor<9x4xf32>, %w1: tensor<9x3xf32>, %w2: tensor<9xf32>, %w3: tensor<9xf32>) -> (tensor<2x5x3xf32>, tensor<1x2x3xf32>) {
  // expected-error@+1 {{input must be [B, T, input_size], got [5, 4]}}
  %out, %h = mm.gru %x, %w0, %w1, %w2, %w3 {hidden_size = 3 : i64} : (tensor<5x4xf32>, tensor<9x4xf32>, tensor<9x3xf32>, tensor<9xf32>, tensor<9xf32>) -> (tensor<2x5x3xf32>, tensor<1x2x3xf32>)
  return %out, %h : tensor<2x5x3xf32>, tensor<1x2x3xf32>
}

// -----

func.func @gru$lstm_weights(%x: tensor<2x5x4xf32>, %w0: tensor<12x4xf32>, %w1: tensor<12x3xf32>, %w2: tensor<12xf32>, %w3: tensor<12xf32>) -> (tensor<2x5x3xf32>, tensor<1x2x3xf32>) {
  // expected-error@+1 {{weight_ih_l0 must be [9, 4], got [12, 4]}}
  %out, %h = mm.gru %x, %w0, %w1, %w2, %w3 {hidden_size = 3 : i64} : (tensor<2x5x4xf32>, tensor<12x4xf32>, tensor<12x3xf32>, tensor<12xf32>, tensor<12xf32>) -> (tensor<2x5x3xf32>, tensor<1x2x3xf32>)
  return %out, %h : tensor<2x5x3xf32>, tensor<1x2x3xf32>
}

// -----

func.func @gru$reverse_bias(%x: tensor<2x5x4xf32>, %w0: tensor<9x4xf32>, %w1: tensor<9x3xf32>, %w2: tensor<9xf32>, %w3: tensor<9xf32>, %w4: tensor<9x4xf32>, %w5: tensor<9x3xf32>, %w6: tensor<9xf32>, %w7: tensor<8xf32>) -> (tensor<2x5x6xf32>, tensor<2x2x3xf32>) {
  // expected-error@+1 {{bias_hh_l0_reverse must be [9], got [8]}}
  %out, %h = mm.gru %x, %w0, %w1, %w2, %w3, %w4, %w5, %w6, %w7 {hidden_size = 3 : i64, bidirectional = true} : (tensor<2x5x4xf32>, tensor<9x4xf32>, tensor<9x3xf32>, tensor<9xf32>, tensor<9xf32>, tensor<9x4xf32>, tensor<9x3xf32>, tensor<9xf32>, tensor<8xf32>) -> (tensor<2x5x6xf32>, tensor<2x2x3xf32>)
  return %out, %h : tensor<2x5x6xf32>, tensor<2x2x3xf32>
}

// -----

func.func @gru$output(%x: tensor<2x5x4xf32>, %w0: tensor<9x4xf32>, %w1: tensor<9x3xf32>, %w2: tensor<9xf32>, %w3: tensor<9xf32>) -> (tensor<2x5x4xf32>, tensor<1x2x3xf32>) {
  // expected-error@+1 {{output shape [2, 5, 4] does not match the inferred shape [2, 5, 3]}}
  %out, %h = mm.gru %x, %w0, %w1, %w2, %w3 {hidden_size = 3 : i64} : (tensor<2x5x4xf32>, tensor<9x4xf32>, tensor<9x3xf32>, tensor<9xf32>, tensor<9xf32>) -> (tensor<2x5x4xf32>, tensor<1x2x3xf32>)
  return %out, %h : tensor<2x5x4xf32>, tensor<1x2x3xf32>
}

// -----

func.func @gru$h_n(%x: tensor<2x5x4xf32>, %w0: tensor<9x4xf32>, %w1: tensor<9x3xf32>, %w2: tensor<9xf32>, %w3: tensor<9xf32>) -> (tensor<2x5x3xf32>, tensor<2x2x3xf32>) {
  // expected-error@+1 {{h_n shape [2, 2, 3] does not match the inferred shape [1, 2, 3]}}
  %out, %h = mm.gru %x, %w0, %w1, %w2, %w3 {hidden_size = 3 : i64} : (tensor<2x5x4xf32>, tensor<9x4xf32>, tensor<9x3xf32>, tensor<9xf32>, tensor<9xf32>) -> (tensor<2x5x3xf32>, tensor<2x2x3xf32>)
  return %out, %h : tensor<2x5x3xf32>, tensor<2x2x3xf32>
}

// -----

func.func @amplitude_to_db$stype(%x: tensor<4x5xf32>) -> tensor<4x5xf32> {
  // expected-error@+1 {{stype must be "power" or "magnitude", got "energy"}}
  %0 = mm.amplitude_to_db %x {stype = "energy"} : tensor<4x5xf32> -> tensor<4x5xf32>
  return %0 : tensor<4x5xf32>
}

// -----

func.func @amplitude_to_db$negative_top_db(%x: tensor<4x5xf32>) -> tensor<4x5xf32> {
  // expected-error@+1 {{top_db must be finite and non-negative, got -1}}
  %0 = mm.amplitude_to_db %x {top_db = -1.0 : f64} : tensor<4x5xf32> -> tensor<4x5xf32>
  return %0 : tensor<4x5xf32>
}

// -----

func.func @amplitude_to_db$top_db_rank1(%x: tensor<5xf32>) -> tensor<5xf32> {
  // expected-error@+1 {{top_db needs an input of rank >= 2 ([..., freq, time]), got [5]}}
  %0 = mm.amplitude_to_db %x {top_db = 80.0 : f64} : tensor<5xf32> -> tensor<5xf32>
  return %0 : tensor<5xf32>
}

// -----

func.func @amplitude_to_db$wrong_result(%x: tensor<4x5xf32>) -> tensor<5x4xf32> {
  // expected-error@+1 {{result shape [5, 4] does not match the inferred shape [4, 5]}}
  %0 = mm.amplitude_to_db %x {stype = "power"} : tensor<4x5xf32> -> tensor<5x4xf32>
  return %0 : tensor<5x4xf32>
}
