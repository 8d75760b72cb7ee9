// RUN: mm-opt --convert-mm-to-linalg %s -split-input-file -verify-diagnostics
// What the lowering refuses, with the reason, instead of a "failed to
// legalize": arithmetic it cannot give PyTorch's meaning, and audio ops whose
// constant DFT basis or filter bank would be unreasonably large.

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
