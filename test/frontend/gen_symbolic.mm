# RUN: mmc --emit=mm %s | FileCheck %s
# Symbolic shapes: the frame count of a spectrogram of S samples is the
# derived dimension S/160 + 1, kept canonical, so that the declared result
# type (written differently) checks; it is `?` in MLIR and spelled out in
# mm.dims. LSTM results have PyTorch's shapes. A spectrogram without center
# padding needs S >= n_fft samples (mm.symbol_min, checked before a call).
model symbolic {
  layer mel = mel_spectrogram(n_fft: 400, hop_length: 160, n_mels: 40)
  layer spec = spectrogram(n_fft: 256, hop_length: 100, center: false)
  layer rnn = lstm(40, 32, num_layers: 2)

  fn forward(audio: f32[N, S], feats: f32[N, T, 40]) -> (f32[N, 40, (S + 160) / 160], f32[N, 129, (S - 256) / 100 + 1], f32[2, N, 32], f32[N, T, 32]) {
    r = rnn(feats)
    return mel(audio), spec(audio), r.c_n, r.output
  }
}

# CHECK-LABEL: func.func @forward(
# CHECK-SAME:      [[AUDIO:%[a-z0-9]+]]: tensor<?x?xf32> {mm.dims = ["N", "S"], mm.name = "audio"}
# CHECK-SAME:      [[FEATS:%[a-z0-9]+]]: tensor<?x?x40xf32> {mm.dims = ["N", "T", 40], mm.name = "feats"}
# CHECK-SAME:      -> (tensor<?x40x?xf32> {mm.dims = ["N", 40, "S/160 + 1"]},
# CHECK-SAME:          tensor<?x129x?xf32> {mm.dims = ["N", 129, "(S + 44)/100 - 2"]},
# CHECK-SAME:          tensor<2x?x32xf32> {mm.dims = [2, "N", 32]},
# CHECK-SAME:          tensor<?x?x32xf32> {mm.dims = ["N", "T", 32]})
# CHECK-SAME:      attributes {mm.symbol_min = {S = 256 : i64}, mm.symbols = ["N", "S", "T"]}
# CHECK:           %{{.*}}, %{{.*}}, [[CN:%.*]] = mm.lstm [[FEATS]], {{.*}} {hidden_size = 32 : i64, num_layers = 2 : i64}
# CHECK-SAME:        -> (tensor<?x?x32xf32>, tensor<2x?x32xf32>, tensor<2x?x32xf32>)
# CHECK-NEXT:      [[MEL:%.*]] = mm.mel_spectrogram [[AUDIO]] {{.*}} : tensor<?x?xf32> -> tensor<?x40x?xf32>
# CHECK-NEXT:      [[SPEC:%.*]] = mm.spectrogram [[AUDIO]] {center = false, hop_length = 100 : i64, mm.layer = "spec", n_fft = 256 : i64, win_length = 256 : i64} : tensor<?x?xf32> -> tensor<?x129x?xf32>
# CHECK-NEXT:      return [[MEL]], [[SPEC]], [[CN]]
