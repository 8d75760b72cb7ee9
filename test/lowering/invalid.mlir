// RUN: mm-opt --convert-mm-to-linalg %s -split-input-file -verify-diagnostics
// What the lowering refuses, with the reason, instead of a "failed to
// legalize": arithmetic it cannot give PyTorch's meaning, audio ops whose
// constant DFT basis or filter bank would be unreasonably large, and a layer
// that an earlier pass takes apart.

func.func @div$integer(%a: tensor<4xi32>, %b: tensor<4xi32>) -> tensor<4xi32> {
  // expected-error@+1 {{'mm.div' op on integers is not supported: PyTorch's `/` of 'i32' tensors gives a float tensor}}
  %0 = mm.div %a, %b : (tensor<4xi32>, tensor<4xi32>) -> tensor<4xi32>
  return %0 : tensor<4xi32>
}

// -----

func.func @add$unsigned(%a: tensor<4xui8>, %b: tensor<4xui8>) -> tensor<4xui8> {
  // expected-error@+1 {{'mm.add' op on 'ui8' is not supported}}
  %0 = mm.add %a, %b : (tensor<4xui8>, tensor<4xui8>) -> tensor<4xui8>
  return %0 : tensor<4xui8>
}

// -----

func.func @spectrogram$huge_n_fft(%x: tensor<?x?xf32>) -> tensor<?x8193x?xf32> {
  // expected-error@+1 {{'mm.spectrogram' op needs a DFT basis of 16384 x 16386 constants, more than the lowering's limit of 16777216}}
  %s = mm.spectrogram %x {n_fft = 16384 : i64, win_length = 16384 : i64, hop_length = 160 : i64}
      : tensor<?x?xf32> -> tensor<?x8193x?xf32>
  return %s : tensor<?x8193x?xf32>
}

// -----

func.func @mel_spectrogram$huge_filter_bank(%x: tensor<?x?xf32>) -> tensor<?x100000x?xf32> {
  // expected-error@+1 {{'mm.mel_spectrogram' op needs a mel filter bank of 201 x 100000 constants, more than the lowering's limit of 16777216}}
  %m = mm.mel_spectrogram %x {sample_rate = 16000 : i64, n_fft = 400 : i64, win_length = 400 : i64,
                              hop_length = 160 : i64, n_mels = 100000 : i64}
      : tensor<?x?xf32> -> tensor<?x100000x?xf32>
  return %m : tensor<?x100000x?xf32>
}

// -----

// The encoder layer is taken apart by mm-decompose-layers (which mmc runs
// first); on its own, the lowering says so.
func.func @transformer_encoder_layer$not_decomposed(%x: tensor<?x?x8xf32>, %w0: tensor<24x8xf32>, %w1: tensor<24xf32>,
    %w2: tensor<8x8xf32>, %w3: tensor<8xf32>, %w4: tensor<16x8xf32>, %w5: tensor<16xf32>, %w6: tensor<8x16xf32>,
    %w7: tensor<8xf32>, %w8: tensor<8xf32>, %w9: tensor<8xf32>, %w10: tensor<8xf32>, %w11: tensor<8xf32>) -> tensor<?x?x8xf32> {
  // expected-error@+1 {{'mm.transformer_encoder_layer' op is not lowered directly: run mm-decompose-layers first}}
  %0 = mm.transformer_encoder_layer %x, %w0, %w1, %w2, %w3, %w4, %w5, %w6, %w7, %w8, %w9, %w10, %w11 {nhead = 2 : i64}
      : (tensor<?x?x8xf32>, tensor<24x8xf32>, tensor<24xf32>, tensor<8x8xf32>, tensor<8xf32>, tensor<16x8xf32>,
         tensor<16xf32>, tensor<8x16xf32>, tensor<8xf32>, tensor<8xf32>, tensor<8xf32>, tensor<8xf32>, tensor<8xf32>)
      -> tensor<?x?x8xf32>
  return %0 : tensor<?x?x8xf32>
}
