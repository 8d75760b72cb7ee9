// RUN: mm-opt %s -split-input-file -verify-diagnostics
// Every verifier message of the tensor functions (MMTensorOps.td), one case
// per split.

func.func @transpose$dim_out_of_range(%x: tensor<2x3xf32>) -> tensor<3x2xf32> {
  // expected-error@+1 {{dim1 2 is out of range for rank 2}}
  %0 = mm.transpose %x {dim0 = 0 : i64, dim1 = 2 : i64} : tensor<2x3xf32> -> tensor<3x2xf32>
  return %0 : tensor<3x2xf32>
}

// -----

func.func @transpose$negative_dim(%x: tensor<2x3xf32>) -> tensor<3x2xf32> {
  // expected-error@+1 {{dim0 -1 is out of range for rank 2}}
  %0 = mm.transpose %x {dim0 = -1 : i64, dim1 = 0 : i64} : tensor<2x3xf32> -> tensor<3x2xf32>
  return %0 : tensor<3x2xf32>
}

// -----

func.func @transpose$wrong_result(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  // expected-error@+1 {{result shape [2, 3] does not match the inferred shape [3, 2]}}
  %0 = mm.transpose %x {dim0 = 0 : i64, dim1 = 1 : i64} : tensor<2x3xf32> -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

func.func @transpose$element_type(%x: tensor<2x3xf32>) -> tensor<3x2xi32> {
  // expected-error@+1 {{element types of input and result differ}}
  %0 = mm.transpose %x {dim0 = 0 : i64, dim1 = 1 : i64} : tensor<2x3xf32> -> tensor<3x2xi32>
  return %0 : tensor<3x2xi32>
}

// -----

func.func @permute$length(%x: tensor<2x3x4xf32>) -> tensor<3x2x4xf32> {
  // expected-error@+1 {{dims has 2 entries for rank 3}}
  %0 = mm.permute %x {dims = array<i64: 1, 0>} : tensor<2x3x4xf32> -> tensor<3x2x4xf32>
  return %0 : tensor<3x2x4xf32>
}

// -----

func.func @permute$repeated(%x: tensor<2x3x4xf32>) -> tensor<3x3x4xf32> {
  // expected-error@+1 {{dimension 1 appears twice in dims}}
  %0 = mm.permute %x {dims = array<i64: 1, 1, 2>} : tensor<2x3x4xf32> -> tensor<3x3x4xf32>
  return %0 : tensor<3x3x4xf32>
}

// -----

func.func @permute$out_of_range(%x: tensor<2x3xf32>) -> tensor<3x2xf32> {
  // expected-error@+1 {{dim 2 is out of range for rank 2}}
  %0 = mm.permute %x {dims = array<i64: 2, 0>} : tensor<2x3xf32> -> tensor<3x2xf32>
  return %0 : tensor<3x2xf32>
}

// -----

func.func @permute$wrong_result(%x: tensor<2x3x4xf32>) -> tensor<4x2x3xf32> {
  // expected-error@+1 {{result shape [4, 2, 3] does not match the inferred shape [3, 4, 2]}}
  %0 = mm.permute %x {dims = array<i64: 1, 2, 0>} : tensor<2x3x4xf32> -> tensor<4x2x3xf32>
  return %0 : tensor<4x2x3xf32>
}

// -----

func.func @flatten$order(%x: tensor<2x3x4xf32>) -> tensor<2x12xf32> {
  // expected-error@+1 {{start_dim 2 is after end_dim 1}}
  %0 = mm.flatten %x {start_dim = 2 : i64, end_dim = 1 : i64} : tensor<2x3x4xf32> -> tensor<2x12xf32>
  return %0 : tensor<2x12xf32>
}

// -----

func.func @flatten$out_of_range(%x: tensor<2x3x4xf32>) -> tensor<2x12xf32> {
  // expected-error@+1 {{end_dim 3 is out of range for rank 3}}
  %0 = mm.flatten %x {start_dim = 1 : i64, end_dim = 3 : i64} : tensor<2x3x4xf32> -> tensor<2x12xf32>
  return %0 : tensor<2x12xf32>
}

// -----

func.func @flatten$wrong_result(%x: tensor<?x3x4xf32>) -> tensor<?x7xf32> {
  // expected-error@+1 {{result shape [?, 7] does not match the inferred shape [?, 12]}}
  %0 = mm.flatten %x {start_dim = 1 : i64, end_dim = 2 : i64} : tensor<?x3x4xf32> -> tensor<?x7xf32>
  return %0 : tensor<?x7xf32>
}

// -----

func.func @reshape$count(%x: tensor<2x3x4xf32>) -> tensor<5x5xf32> {
  // expected-error@+1 {{can not reshape [2, 3, 4] (24 elements) into [5, 5]}}
  %0 = mm.reshape %x {shape = array<i64: 5, 5>} : tensor<2x3x4xf32> -> tensor<5x5xf32>
  return %0 : tensor<5x5xf32>
}

// -----

func.func @reshape$not_divisible(%x: tensor<2x3x4xf32>) -> tensor<?x5xf32> {
  // expected-error@+1 {{can not reshape [2, 3, 4] (24 elements) into [?, 5]}}
  %0 = mm.reshape %x {shape = array<i64: -1, 5>} : tensor<2x3x4xf32> -> tensor<?x5xf32>
  return %0 : tensor<?x5xf32>
}

// -----

func.func @reshape$shape_vs_type(%x: tensor<2x3x4xf32>) -> tensor<4x6xf32> {
  // expected-error@+1 {{shape [6, 4] differs from the result type [4, 6]}}
  %0 = mm.reshape %x {shape = array<i64: 6, 4>} : tensor<2x3x4xf32> -> tensor<4x6xf32>
  return %0 : tensor<4x6xf32>
}

// -----

func.func @reshape$shape_rank(%x: tensor<2x3x4xf32>) -> tensor<4x6xf32> {
  // expected-error@+1 {{shape has 3 entries for a result of rank 2}}
  %0 = mm.reshape %x {shape = array<i64: 4, 6, 1>} : tensor<2x3x4xf32> -> tensor<4x6xf32>
  return %0 : tensor<4x6xf32>
}

// -----

func.func @reshape$bad_entry(%x: tensor<2x3x4xf32>) -> tensor<?x6xf32> {
  // expected-error@+1 {{shape entry -2 is neither a size nor -1}}
  %0 = mm.reshape %x {shape = array<i64: -2, 6>} : tensor<2x3x4xf32> -> tensor<?x6xf32>
  return %0 : tensor<?x6xf32>
}

// -----

func.func @reshape$two_unsourced(%x: tensor<?x?xf32>) -> tensor<?x?xf32> {
  // expected-error@+1 {{result [?, ?] has 2 dynamic dimensions without a source dimension; at most one can follow from the element count}}
  %0 = mm.reshape %x {shape = array<i64: -1, -1>} : tensor<?x?xf32> -> tensor<?x?xf32>
  return %0 : tensor<?x?xf32>
}

// -----

func.func @reshape$source_length(%x: tensor<?x?xf32>) -> tensor<?x?xf32> {
  // expected-error@+1 {{source_dims has 1 entries for a result of rank 2}}
  %0 = mm.reshape %x {shape = array<i64: -1, -1>, source_dims = array<i64: 0>} : tensor<?x?xf32> -> tensor<?x?xf32>
  return %0 : tensor<?x?xf32>
}

// -----

func.func @reshape$source_out_of_range(%x: tensor<?x?xf32>) -> tensor<?x?xf32> {
  // expected-error@+1 {{source dimension 2 is out of range for rank 2}}
  %0 = mm.reshape %x {shape = array<i64: -1, -1>, source_dims = array<i64: 2, -1>} : tensor<?x?xf32> -> tensor<?x?xf32>
  return %0 : tensor<?x?xf32>
}

// -----

func.func @reshape$source_size(%x: tensor<?x3xf32>) -> tensor<?x4xf32> {
  // expected-error@+1 {{result dimension 1 of size 4 can not equal input dimension 1 of size 3}}
  %0 = mm.reshape %x {shape = array<i64: -1, 4>, source_dims = array<i64: -1, 1>} : tensor<?x3xf32> -> tensor<?x4xf32>
  return %0 : tensor<?x4xf32>
}

// -----

func.func @stack$empty() -> tensor<0xf32> {
  // expected-error@+1 {{needs at least one input}}
  %0 = mm.stack {dim = 0 : i64} : () -> tensor<0xf32>
  return %0 : tensor<0xf32>
}

// -----

func.func @stack$dim(%a: tensor<2x3xf32>) -> tensor<2x3x1xf32> {
  // expected-error@+1 {{dim 3 is out of range for stacking rank 2 tensors}}
  %0 = mm.stack %a {dim = 3 : i64} : (tensor<2x3xf32>) -> tensor<2x3x1xf32>
  return %0 : tensor<2x3x1xf32>
}

// -----

func.func @stack$shapes(%a: tensor<2x3xf32>, %b: tensor<2x4xf32>) -> tensor<2x2x3xf32> {
  // expected-error@+1 {{shapes [2, 3] and [2, 4] differ}}
  %0 = mm.stack %a, %b {dim = 0 : i64} : (tensor<2x3xf32>, tensor<2x4xf32>) -> tensor<2x2x3xf32>
  return %0 : tensor<2x2x3xf32>
}

// -----

func.func @stack$element_types(%a: tensor<2x3xf32>, %b: tensor<2x3xi32>) -> tensor<2x2x3xf32> {
  // expected-error@+1 {{inputs must have the same rank and element type}}
  %0 = mm.stack %a, %b {dim = 0 : i64} : (tensor<2x3xf32>, tensor<2x3xi32>) -> tensor<2x2x3xf32>
  return %0 : tensor<2x2x3xf32>
}

// -----

func.func @stack$wrong_result(%a: tensor<?x3xf32>, %b: tensor<?x3xf32>) -> tensor<?x3x3xf32> {
  // expected-error@+1 {{result shape [?, 3, 3] does not match the inferred shape [?, 3, 2]}}
  %0 = mm.stack %a, %b {dim = 2 : i64} : (tensor<?x3xf32>, tensor<?x3xf32>) -> tensor<?x3x3xf32>
  return %0 : tensor<?x3x3xf32>
}

// -----

func.func @softmax$dim(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  // expected-error@+1 {{dim 2 is out of range for rank 2}}
  %0 = mm.softmax %x {dim = 2 : i64} : tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

func.func @log_softmax$dim(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  // expected-error@+1 {{dim -1 is out of range for rank 2}}
  %0 = mm.log_softmax %x {dim = -1 : i64} : tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

func.func @softmax$integer(%x: tensor<2x3xi32>) -> tensor<2x3xi32> {
  // expected-error@+1 {{operand #0 must be ranked tensor of 32-bit float values}}
  %0 = mm.softmax %x {dim = 1 : i64} : tensor<2x3xi32>
  return %0 : tensor<2x3xi32>
}

// -----

func.func @normalize$dim(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  // expected-error@+1 {{dim 5 is out of range for rank 2}}
  %0 = mm.normalize %x {dim = 5 : i64} : tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

func.func @normalize$nan_p(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  // expected-error@+1 {{p must be a number}}
  %0 = mm.normalize %x {p = 0x7FF8000000000000 : f64, dim = 1 : i64} : tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

func.func @zeros_like$type(%x: tensor<2x3xf32>) -> tensor<2x3xi32> {
  // expected-error@+1 {{requires the same type for all operands and results}}
  %0 = "mm.zeros_like"(%x) : (tensor<2x3xf32>) -> tensor<2x3xi32>
  return %0 : tensor<2x3xi32>
}

// -----

func.func @to$shape(%x: tensor<2x3xf32>) -> tensor<3x2xi32> {
  // expected-error@+1 {{result shape [3, 2] does not match the inferred shape [2, 3]}}
  %0 = mm.to %x : tensor<2x3xf32> -> tensor<3x2xi32>
  return %0 : tensor<3x2xi32>
}

// -----

func.func @max_pool2d$rank(%x: tensor<16x16xf32>) -> tensor<8x8xf32> {
  // expected-error@+1 {{expects [N, C, H, W] or [C, H, W], got [16, 16]}}
  %0 = mm.max_pool2d %x {kernel_size = array<i64: 2, 2>, stride = array<i64: 2, 2>,
      padding = array<i64: 0, 0>, dilation = array<i64: 1, 1>} : tensor<16x16xf32> -> tensor<8x8xf32>
  return %0 : tensor<8x8xf32>
}

// -----

func.func @max_pool2d$kernel_values(%x: tensor<1x1x8x8xf32>) -> tensor<1x1x4x4xf32> {
  // expected-error@+1 {{kernel_size needs 2 values (H, W), got 1}}
  %0 = mm.max_pool2d %x {kernel_size = array<i64: 2>, stride = array<i64: 2, 2>,
      padding = array<i64: 0, 0>, dilation = array<i64: 1, 1>} : tensor<1x1x8x8xf32> -> tensor<1x1x4x4xf32>
  return %0 : tensor<1x1x4x4xf32>
}

// -----

func.func @max_pool2d$zero_stride(%x: tensor<1x1x8x8xf32>) -> tensor<1x1x4x4xf32> {
  // expected-error@+1 {{stride must be positive, got 0}}
  %0 = mm.max_pool2d %x {kernel_size = array<i64: 2, 2>, stride = array<i64: 2, 0>,
      padding = array<i64: 0, 0>, dilation = array<i64: 1, 1>} : tensor<1x1x8x8xf32> -> tensor<1x1x4x4xf32>
  return %0 : tensor<1x1x4x4xf32>
}

// -----

func.func @max_pool2d$negative_padding(%x: tensor<1x1x8x8xf32>) -> tensor<1x1x4x4xf32> {
  // expected-error@+1 {{padding must be non-negative, got -1}}
  %0 = mm.max_pool2d %x {kernel_size = array<i64: 2, 2>, stride = array<i64: 2, 2>,
      padding = array<i64: -1, 0>, dilation = array<i64: 1, 1>} : tensor<1x1x8x8xf32> -> tensor<1x1x4x4xf32>
  return %0 : tensor<1x1x4x4xf32>
}

// -----

func.func @max_pool2d$padding_too_large(%x: tensor<1x1x8x8xf32>) -> tensor<1x1x6x5xf32> {
  // expected-error@+1 {{padding 2 is more than half the kernel size 3}}
  %0 = mm.max_pool2d %x {kernel_size = array<i64: 3, 3>, stride = array<i64: 2, 2>,
      padding = array<i64: 2, 1>, dilation = array<i64: 1, 1>} : tensor<1x1x8x8xf32> -> tensor<1x1x6x5xf32>
  return %0 : tensor<1x1x6x5xf32>
}

// -----

func.func @max_pool2d$too_small(%x: tensor<1x1x2x8xf32>) -> tensor<1x1x0x4xf32> {
  // expected-error@+1 {{window of 3 (dilation 1, padding 0) does not fit the input size 2}}
  %0 = mm.max_pool2d %x {kernel_size = array<i64: 3, 2>, stride = array<i64: 1, 2>,
      padding = array<i64: 0, 0>, dilation = array<i64: 1, 1>} : tensor<1x1x2x8xf32> -> tensor<1x1x0x4xf32>
  return %0 : tensor<1x1x0x4xf32>
}

// -----

func.func @max_pool2d$ceil_drops_last(%x: tensor<1x1x5x5xf32>) -> tensor<1x1x3x3xf32> {
  // The last ceil_mode window would start in the right padding.
  // expected-error@+1 {{result shape [1, 1, 3, 3] does not match the inferred shape [1, 1, 2, 2]}}
  %0 = mm.max_pool2d %x {kernel_size = array<i64: 3, 3>, stride = array<i64: 3, 3>,
      padding = array<i64: 1, 1>, dilation = array<i64: 1, 1>, ceil_mode = true}
      : tensor<1x1x5x5xf32> -> tensor<1x1x3x3xf32>
  return %0 : tensor<1x1x3x3xf32>
}

// -----

func.func @avg_pool2d$wrong_result(%x: tensor<2x3x7x9xf32>) -> tensor<2x3x4x4xf32> {
  // expected-error@+1 {{result shape [2, 3, 4, 4] does not match the inferred shape [2, 3, 4, 5]}}
  %0 = mm.avg_pool2d %x {kernel_size = array<i64: 3, 3>, stride = array<i64: 2, 2>,
      padding = array<i64: 1, 1>} : tensor<2x3x7x9xf32> -> tensor<2x3x4x4xf32>
  return %0 : tensor<2x3x4x4xf32>
}

// -----

func.func @adaptive_avg_pool2d$size(%x: tensor<2x3x7x9xf32>) -> tensor<2x3x0x1xf32> {
  // expected-error@+1 {{output_size must be positive, got 0}}
  %0 = mm.adaptive_avg_pool2d %x {output_size = array<i64: 0, 1>} : tensor<2x3x7x9xf32> -> tensor<2x3x0x1xf32>
  return %0 : tensor<2x3x0x1xf32>
}

// -----

func.func @adaptive_avg_pool2d$wrong_result(%x: tensor<?x3x7x9xf32>) -> tensor<?x3x2x2xf32> {
  // expected-error@+1 {{result shape [?, 3, 2, 2] does not match the inferred shape [?, 3, 2, 3]}}
  %0 = mm.adaptive_avg_pool2d %x {output_size = array<i64: 2, 3>} : tensor<?x3x7x9xf32> -> tensor<?x3x2x2xf32>
  return %0 : tensor<?x3x2x2xf32>
}

// -----

func.func @interpolate$mode(%x: tensor<1x3x4x4xf32>) -> tensor<1x3x8x8xf32> {
  // expected-error@+1 {{mode must be "nearest", "linear", "bilinear", "bicubic" or "trilinear", got "area"}}
  %0 = mm.interpolate %x {mode = "area", size = array<i64: 8, 8>} : tensor<1x3x4x4xf32> -> tensor<1x3x8x8xf32>
  return %0 : tensor<1x3x8x8xf32>
}

// -----

func.func @interpolate$bilinear_rank(%x: tensor<1x3x4xf32>) -> tensor<1x3x8xf32> {
  // expected-error@+1 {{mode "bilinear" needs an input of rank 4, got [1, 3, 4]}}
  %0 = mm.interpolate %x {mode = "bilinear", size = array<i64: 8>} : tensor<1x3x4xf32> -> tensor<1x3x8xf32>
  return %0 : tensor<1x3x8xf32>
}

// -----

func.func @interpolate$bicubic_rank(%x: tensor<1x3x4x4x4xf32>) -> tensor<1x3x8x8x8xf32> {
  // expected-error@+1 {{mode "bicubic" needs an input of rank 4, got [1, 3, 4, 4, 4]}}
  %0 = mm.interpolate %x {mode = "bicubic", size = array<i64: 8, 8, 8>} : tensor<1x3x4x4x4xf32> -> tensor<1x3x8x8x8xf32>
  return %0 : tensor<1x3x8x8x8xf32>
}

// -----

func.func @interpolate$nearest_rank(%x: tensor<4x4xf32>) -> tensor<4x4xf32> {
  // expected-error@+1 {{mode "nearest" needs an input of rank 3 to 5, got [4, 4]}}
  %0 = mm.interpolate %x {mode = "nearest", scale_factor = 1.0 : f64} : tensor<4x4xf32> -> tensor<4x4xf32>
  return %0 : tensor<4x4xf32>
}

// -----

func.func @interpolate$both(%x: tensor<1x3x4x4xf32>) -> tensor<1x3x8x8xf32> {
  // expected-error@+1 {{needs exactly one of size and scale_factor}}
  %0 = mm.interpolate %x {mode = "nearest", size = array<i64: 8, 8>, scale_factor = 2.0 : f64}
      : tensor<1x3x4x4xf32> -> tensor<1x3x8x8xf32>
  return %0 : tensor<1x3x8x8xf32>
}

// -----

func.func @interpolate$neither(%x: tensor<1x3x4x4xf32>) -> tensor<1x3x4x4xf32> {
  // expected-error@+1 {{needs exactly one of size and scale_factor}}
  %0 = mm.interpolate %x {mode = "nearest"} : tensor<1x3x4x4xf32> -> tensor<1x3x4x4xf32>
  return %0 : tensor<1x3x4x4xf32>
}

// -----

func.func @interpolate$size_count(%x: tensor<1x3x4x4xf32>) -> tensor<1x3x8x8xf32> {
  // expected-error@+1 {{size needs 2 values, got 1}}
  %0 = mm.interpolate %x {mode = "nearest", size = array<i64: 8>} : tensor<1x3x4x4xf32> -> tensor<1x3x8x8xf32>
  return %0 : tensor<1x3x8x8xf32>
}

// -----

func.func @interpolate$scale(%x: tensor<1x3x4x4xf32>) -> tensor<1x3x4x4xf32> {
  // expected-error@+1 {{scale_factor must be positive, got -2}}
  %0 = mm.interpolate %x {mode = "nearest", scale_factor = -2.0 : f64} : tensor<1x3x4x4xf32> -> tensor<1x3x4x4xf32>
  return %0 : tensor<1x3x4x4xf32>
}

// -----

func.func @interpolate$empty(%x: tensor<1x3x4x4xf32>) -> tensor<1x3x0x0xf32> {
  // expected-error@+1 {{scale_factor 0.2 gives an empty output for [1, 3, 4, 4]}}
  %0 = mm.interpolate %x {mode = "nearest", scale_factor = 0.2 : f64} : tensor<1x3x4x4xf32> -> tensor<1x3x0x0xf32>
  return %0 : tensor<1x3x0x0xf32>
}

// -----

func.func @interpolate$wrong_result(%x: tensor<1x3x5x7xf32>) -> tensor<1x3x7x11xf32> {
  // expected-error@+1 {{result shape [1, 3, 7, 11] does not match the inferred shape [1, 3, 7, 10]}}
  %0 = mm.interpolate %x {mode = "nearest", scale_factor = 1.5 : f64} : tensor<1x3x5x7xf32> -> tensor<1x3x7x11xf32>
  return %0 : tensor<1x3x7x11xf32>
}

// -----

func.func @interpolate$huge(%x: tensor<1x3x4x4xf32>) -> tensor<1x3x?x?xf32> {
  // expected-error@+1 {{scale_factor 1e+300 gives a too large output for [1, 3, 4, 4]}}
  %0 = mm.interpolate %x {mode = "nearest", scale_factor = 1.0e300 : f64} : tensor<1x3x4x4xf32> -> tensor<1x3x?x?xf32>
  return %0 : tensor<1x3x?x?xf32>
}
