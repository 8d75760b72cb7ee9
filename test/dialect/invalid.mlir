// RUN: mm-opt %s -split-input-file -verify-diagnostics
// Every verifier message of the mm dialect, one case per split.

func.func @weight$undeclared() -> tensor<4xf32> {
  // expected-error@+1 {{refers to @missing, which is not a declared weight}}
  %w = mm.weight @missing : tensor<4xf32>
  return %w : tensor<4xf32>
}

// -----

mm.weight_decl @w : tensor<4xf32>
func.func @weight$wrong_type() -> tensor<5xf32> {
  // expected-error@+1 {{type 'tensor<5xf32>' differs from the type 'tensor<4xf32>' declared for @w}}
  %w = mm.weight @w : tensor<5xf32>
  return %w : tensor<5xf32>
}

// -----

func.func @add$no_broadcast(%a: tensor<3x4xf32>, %b: tensor<5xf32>) -> tensor<3x4xf32> {
  // expected-error@+1 {{shapes [3, 4] and [5] do not broadcast}}
  %0 = mm.add %a, %b : (tensor<3x4xf32>, tensor<5xf32>) -> tensor<3x4xf32>
  return %0 : tensor<3x4xf32>
}

// -----

func.func @add$wrong_result(%a: tensor<3x4xf32>, %b: tensor<4xf32>) -> tensor<3x5xf32> {
  // expected-error@+1 {{result shape [3, 5] does not match the inferred shape [3, 4]}}
  %0 = mm.add %a, %b : (tensor<3x4xf32>, tensor<4xf32>) -> tensor<3x5xf32>
  return %0 : tensor<3x5xf32>
}

// -----

func.func @add$mixed_types(%a: tensor<4xf32>, %b: tensor<4xi32>) -> tensor<4xf32> {
  // expected-error@+1 {{element types differ}}
  %0 = mm.add %a, %b : (tensor<4xf32>, tensor<4xi32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

func.func @gelu$bad_approximate(%a: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error@+1 {{approximate must be "none" or "tanh", got "fast"}}
  %0 = mm.gelu %a {approximate = "fast"} : tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

func.func @matmul$contraction(%a: tensor<3x4xf32>, %b: tensor<5x6xf32>) -> tensor<3x6xf32> {
  // expected-error@+1 {{contraction dimensions differ: [3, 4] @ [5, 6]}}
  %0 = mm.matmul %a, %b : (tensor<3x4xf32>, tensor<5x6xf32>) -> tensor<3x6xf32>
  return %0 : tensor<3x6xf32>
}

// -----

func.func @linear$in_features(%x: tensor<?x7xf32>, %w: tensor<3x8xf32>) -> tensor<?x3xf32> {
  // expected-error@+1 {{input [?, 7] does not end in in_features = 8}}
  %0 = mm.linear %x, %w : (tensor<?x7xf32>, tensor<3x8xf32>) -> tensor<?x3xf32>
  return %0 : tensor<?x3xf32>
}

// -----

func.func @linear$bias(%x: tensor<?x8xf32>, %w: tensor<3x8xf32>, %b: tensor<4xf32>) -> tensor<?x3xf32> {
  // expected-error@+1 {{bias must be [3], got [4]}}
  %0 = mm.linear %x, %w, %b : (tensor<?x8xf32>, tensor<3x8xf32>, tensor<4xf32>) -> tensor<?x3xf32>
  return %0 : tensor<?x3xf32>
}

// -----

func.func @embedding$result(%w: tensor<10x4xf32>, %i: tensor<?x?xi32>) -> tensor<?x?x5xf32> {
  // expected-error@+1 {{result shape [?, ?, 5] does not match the inferred shape [?, ?, 4]}}
  %0 = mm.embedding %w, %i : (tensor<10x4xf32>, tensor<?x?xi32>) -> tensor<?x?x5xf32>
  return %0 : tensor<?x?x5xf32>
}

// -----

func.func @lstm$weight_count(%x: tensor<?x?x8xf32>, %w: tensor<16x8xf32>) -> tensor<?x?x4xf32> {
  // expected-error@+1 {{expects 4 weight operands (weight_ih, weight_hh, bias_ih, bias_hh per layer and direction), got 1}}
  %o, %h, %c = mm.lstm %x, %w {hidden_size = 4 : i64}
      : (tensor<?x?x8xf32>, tensor<16x8xf32>) -> (tensor<?x?x4xf32>, tensor<1x?x4xf32>, tensor<1x?x4xf32>)
  return %o : tensor<?x?x4xf32>
}

// -----

func.func @lstm$weight_shape(%x: tensor<?x?x8xf32>, %wih: tensor<16x9xf32>, %whh: tensor<16x4xf32>, %b: tensor<16xf32>) -> tensor<?x?x4xf32> {
  // expected-error@+1 {{weight 0 (layer 0, direction 0) has shape [16, 9], expected [16, 8]}}
  %o, %h, %c = mm.lstm %x, %wih, %whh, %b, %b {hidden_size = 4 : i64}
      : (tensor<?x?x8xf32>, tensor<16x9xf32>, tensor<16x4xf32>, tensor<16xf32>, tensor<16xf32>) -> (tensor<?x?x4xf32>, tensor<1x?x4xf32>, tensor<1x?x4xf32>)
  return %o : tensor<?x?x4xf32>
}

// -----

func.func @lstm$h_n(%x: tensor<?x?x8xf32>, %wih: tensor<16x8xf32>, %whh: tensor<16x4xf32>, %b: tensor<16xf32>) -> tensor<?x?x4xf32> {
  // expected-error@+1 {{h_n shape [2, ?, 4] does not match the inferred shape [1, ?, 4]}}
  %o, %h, %c = mm.lstm %x, %wih, %whh, %b, %b {hidden_size = 4 : i64}
      : (tensor<?x?x8xf32>, tensor<16x8xf32>, tensor<16x4xf32>, tensor<16xf32>, tensor<16xf32>) -> (tensor<?x?x4xf32>, tensor<2x?x4xf32>, tensor<1x?x4xf32>)
  return %o : tensor<?x?x4xf32>
}

// -----

func.func @spectrogram$win_length(%x: tensor<?x1000xf32>) -> tensor<?x201x6xf32> {
  // expected-error@+1 {{needs 0 < win_length <= n_fft and hop_length > 0, got n_fft = 400, win_length = 500, hop_length = 200}}
  %0 = mm.spectrogram %x {n_fft = 400 : i64, win_length = 500 : i64, hop_length = 200 : i64} : tensor<?x1000xf32> -> tensor<?x201x6xf32>
  return %0 : tensor<?x201x6xf32>
}

// -----

func.func @spectrogram$frames(%x: tensor<?x1000xf32>) -> tensor<?x201x7xf32> {
  // expected-error@+1 {{result shape [?, 201, 7] does not match the inferred shape [?, 201, 6]}}
  %0 = mm.spectrogram %x {n_fft = 400 : i64, win_length = 400 : i64, hop_length = 200 : i64} : tensor<?x1000xf32> -> tensor<?x201x7xf32>
  return %0 : tensor<?x201x7xf32>
}

// -----

func.func @spectrogram$short_reflect(%x: tensor<?x100xf32>) -> tensor<?x201x1xf32> {
  // expected-error@+1 {{reflect padding of 200 needs more than that many samples, got 100}}
  %0 = mm.spectrogram %x {n_fft = 400 : i64, win_length = 400 : i64, hop_length = 200 : i64} : tensor<?x100xf32> -> tensor<?x201x1xf32>
  return %0 : tensor<?x201x1xf32>
}

// -----

func.func @spectrogram$pad_mode(%x: tensor<?x1000xf32>) -> tensor<?x201x6xf32> {
  // expected-error@+1 {{pad_mode must be "reflect", "constant" or "replicate", got "circular"}}
  %0 = mm.spectrogram %x {n_fft = 400 : i64, win_length = 400 : i64, hop_length = 200 : i64, pad_mode = "circular"} : tensor<?x1000xf32> -> tensor<?x201x6xf32>
  return %0 : tensor<?x201x6xf32>
}

// -----

func.func @mel$mel_scale(%x: tensor<?x16000xf32>) -> tensor<?x64x101xf32> {
  // expected-error@+1 {{mel_scale must be "htk" or "slaney", got "bark"}}
  %0 = mm.mel_spectrogram %x {sample_rate = 16000 : i64, n_fft = 400 : i64, win_length = 400 : i64, hop_length = 160 : i64, n_mels = 64 : i64, mel_scale = "bark"} : tensor<?x16000xf32> -> tensor<?x64x101xf32>
  return %0 : tensor<?x64x101xf32>
}

// -----

func.func @mel$f_max(%x: tensor<?x16000xf32>) -> tensor<?x64x101xf32> {
  // expected-error@+1 {{needs 0 <= f_min < f_max <= sample_rate / 2, got f_min = 0, f_max = 9000}}
  %0 = mm.mel_spectrogram %x {sample_rate = 16000 : i64, n_fft = 400 : i64, win_length = 400 : i64, hop_length = 160 : i64, n_mels = 64 : i64, f_max = 9000.0 : f64} : tensor<?x16000xf32> -> tensor<?x64x101xf32>
  return %0 : tensor<?x64x101xf32>
}

// -----

func.func @mean$dim_range(%x: tensor<?x64xf32>) -> tensor<?xf32> {
  // expected-error@+1 {{dimension 2 is out of range for rank 2}}
  %0 = mm.mean %x {dims = array<i64: 2>} : tensor<?x64xf32> -> tensor<?xf32>
  return %0 : tensor<?xf32>
}

// -----

func.func @mean$keepdim(%x: tensor<?x64xf32>) -> tensor<?xf32> {
  // expected-error@+1 {{result shape [?] does not match the inferred shape [?, 1]}}
  %0 = mm.mean %x {dims = array<i64: 1>, keepdim = true} : tensor<?x64xf32> -> tensor<?xf32>
  return %0 : tensor<?xf32>
}

// -----

func.func @cat$mismatch(%a: tensor<?x64xf32>, %b: tensor<?x32x2xf32>) -> tensor<?x96xf32> {
  // expected-error@+1 {{inputs must have the same rank and element type}}
  %0 = mm.cat %a, %b {dim = 1 : i64} : (tensor<?x64xf32>, tensor<?x32x2xf32>) -> tensor<?x96xf32>
  return %0 : tensor<?x96xf32>
}

// -----

func.func @cat$other_dim(%a: tensor<3x64xf32>, %b: tensor<4x32xf32>) -> tensor<3x96xf32> {
  // expected-error@+1 {{shapes [3, 64] and [4, 32] differ outside dimension 1}}
  %0 = mm.cat %a, %b {dim = 1 : i64} : (tensor<3x64xf32>, tensor<4x32xf32>) -> tensor<3x96xf32>
  return %0 : tensor<3x96xf32>
}

// -----

func.func @select$index(%x: tensor<2x?x64xf32>) -> tensor<?x64xf32> {
  // expected-error@+1 {{index -3 is out of range for dimension 0 of size 2}}
  %0 = mm.select %x {dim = 0 : i64, index = -3 : i64} : tensor<2x?x64xf32> -> tensor<?x64xf32>
  return %0 : tensor<?x64xf32>
}

// -----

func.func @slice$step(%x: tensor<?x8xf32>) -> tensor<?x8xf32> {
  // expected-error@+1 {{step must be positive, got 0}}
  %0 = mm.slice %x {dim = 1 : i64, step = 0 : i64} : tensor<?x8xf32> -> tensor<?x8xf32>
  return %0 : tensor<?x8xf32>
}

// -----

func.func @slice$length(%x: tensor<?x8xf32>) -> tensor<?x3xf32> {
  // expected-error@+1 {{result shape [?, 3] does not match the inferred shape [?, 2]}}
  %0 = mm.slice %x {dim = 1 : i64, start = -2 : i64} : tensor<?x8xf32> -> tensor<?x3xf32>
  return %0 : tensor<?x3xf32>
}
