// RUN: mm-opt --mm-lowering-pipeline %s -o %t
// RUN: FileCheck %s < %t
// RUN: FileCheck %s --check-prefix=LIBM < %t
// RUN: FileCheck %s --check-prefix=INLINE < %t
// The seed's emotion model (LANGUAGE.md, W1) written in the mm dialect: the
// whole lowering pipeline leaves nothing but the LLVM dialect.

// No op of any other dialect before, inside or after the function.
// CHECK-NOT: {{^ *(%[^ ]+ = )?"?(mm|linalg|tensor|memref|bufferization|arith|math|scf|cf|func|affine|index|vector)\.}}
// CHECK: llvm.func @forward(
// CHECK-NOT: {{^ *(%[^ ]+ = )?"?(mm|linalg|tensor|memref|bufferization|arith|math|scf|cf|func|affine|index|vector)\.}}
// CHECK: llvm.func @_mlir_ciface_forward(
// CHECK-NOT: {{^ *(%[^ ]+ = )?"?(mm|linalg|tensor|memref|bufferization|arith|math|scf|cf|func|affine|index|vector)\.}}

// The math ops became LLVM intrinsics where there is one (log; LLVM calls
// libm's logf for it) and calls of libm otherwise (tanh), except exp: an
// inline polynomial (mm-approximate-math), so that its loops vectorize.
// LIBM-DAG: llvm.intr.log
// LIBM-DAG: llvm.call @tanhf
// INLINE-NOT: @expf

module attributes {mm.model = "emotion"} {
  mm.weight_decl @"embed.weight" : tensor<10000x128xf32>
  mm.weight_decl @"lstm.weight_ih_l0" : tensor<256x128xf32>
  mm.weight_decl @"lstm.weight_hh_l0" : tensor<256x64xf32>
  mm.weight_decl @"lstm.bias_ih_l0" : tensor<256xf32>
  mm.weight_decl @"lstm.bias_hh_l0" : tensor<256xf32>
  mm.weight_decl @"audio_fc.weight" : tensor<64x64xf32>
  mm.weight_decl @"audio_fc.bias" : tensor<64xf32>
  mm.weight_decl @"head.weight" : tensor<1x128xf32>
  mm.weight_decl @"head.bias" : tensor<1xf32>

  func.func @forward(%text: tensor<?x?xi32>, %audio: tensor<?x16000xf32>) -> tensor<?x1xf32> {
    // t = lstm(embed(text)).h_n[-1]
    %we = mm.weight @"embed.weight" : tensor<10000x128xf32>
    %e = mm.embedding %we, %text : (tensor<10000x128xf32>, tensor<?x?xi32>) -> tensor<?x?x128xf32>
    %wih = mm.weight @"lstm.weight_ih_l0" : tensor<256x128xf32>
    %whh = mm.weight @"lstm.weight_hh_l0" : tensor<256x64xf32>
    %bih = mm.weight @"lstm.bias_ih_l0" : tensor<256xf32>
    %bhh = mm.weight @"lstm.bias_hh_l0" : tensor<256xf32>
    %out, %hn, %cn = mm.lstm %e, %wih, %whh, %bih, %bhh {hidden_size = 64 : i64}
        : (tensor<?x?x128xf32>, tensor<256x128xf32>, tensor<256x64xf32>, tensor<256xf32>, tensor<256xf32>)
        -> (tensor<?x?x64xf32>, tensor<1x?x64xf32>, tensor<1x?x64xf32>)
    %t = mm.select %hn {dim = 0 : i64, index = -1 : i64} : tensor<1x?x64xf32> -> tensor<?x64xf32>
    // a = mean(log(mel(audio) + 1e-6), dim: 2)
    %mel = mm.mel_spectrogram %audio {sample_rate = 16000 : i64, n_fft = 400 : i64,
                                      win_length = 400 : i64, hop_length = 160 : i64, n_mels = 64 : i64}
        : tensor<?x16000xf32> -> tensor<?x64x101xf32>
    %eps = mm.constant dense<1.0e-6> : tensor<f32>
    %shifted = mm.add %mel, %eps : (tensor<?x64x101xf32>, tensor<f32>) -> tensor<?x64x101xf32>
    %log = mm.log %shifted : tensor<?x64x101xf32>
    %a0 = mm.mean %log {dims = array<i64: 2>} : tensor<?x64x101xf32> -> tensor<?x64xf32>
    // a = relu(audio_fc(a))
    %wa = mm.weight @"audio_fc.weight" : tensor<64x64xf32>
    %ba = mm.weight @"audio_fc.bias" : tensor<64xf32>
    %a1 = mm.linear %a0, %wa, %ba : (tensor<?x64xf32>, tensor<64x64xf32>, tensor<64xf32>) -> tensor<?x64xf32>
    %a = mm.relu %a1 : tensor<?x64xf32>
    // sigmoid(head(cat([t, a], dim: 1)))
    %ta = mm.cat %t, %a {dim = 1 : i64} : (tensor<?x64xf32>, tensor<?x64xf32>) -> tensor<?x128xf32>
    %wh = mm.weight @"head.weight" : tensor<1x128xf32>
    %bh = mm.weight @"head.bias" : tensor<1xf32>
    %logit = mm.linear %ta, %wh, %bh : (tensor<?x128xf32>, tensor<1x128xf32>, tensor<1xf32>) -> tensor<?x1xf32>
    %y = mm.sigmoid %logit : tensor<?x1xf32>
    return %y : tensor<?x1xf32>
  }
}
