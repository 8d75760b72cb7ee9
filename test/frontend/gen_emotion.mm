# RUN: mmc --emit=mm %s | FileCheck %s
# The seed's emotion model (W1): weights in state_dict order, the signature
# attributes, and one op per layer or function.
# emotion.mm
model emotion {
  layer embed    = embedding(10000, 128)
  layer lstm     = lstm(128, 64)
  layer mel      = mel_spectrogram(sample_rate: 16000, n_fft: 400, hop_length: 160, n_mels: 64)
  layer audio_fc = linear(64, 64)
  layer head     = linear(128, 1)

  fn forward(text: i32[B, T], audio: f32[B, 16000]) -> f32[B, 1] {
    t = lstm(embed(text)).h_n[-1]                    # f32[B, 64]
    a = mean(log(mel(audio) + 1e-6), dim: 2)         # f32[B, 64]
    a = relu(audio_fc(a))
    return sigmoid(head(cat([t, a], dim: 1)))
  }
}

# CHECK-LABEL: module attributes {mm.model = "emotion"}
# CHECK-NEXT:    mm.weight_decl @embed.weight : tensor<10000x128xf32>
# CHECK-NEXT:    mm.weight_decl @lstm.weight_ih_l0 : tensor<256x128xf32>
# CHECK-NEXT:    mm.weight_decl @lstm.weight_hh_l0 : tensor<256x64xf32>
# CHECK-NEXT:    mm.weight_decl @lstm.bias_ih_l0 : tensor<256xf32>
# CHECK-NEXT:    mm.weight_decl @lstm.bias_hh_l0 : tensor<256xf32>
# CHECK-NEXT:    mm.weight_decl @audio_fc.weight : tensor<64x64xf32>
# CHECK-NEXT:    mm.weight_decl @audio_fc.bias : tensor<64xf32>
# CHECK-NEXT:    mm.weight_decl @head.weight : tensor<1x128xf32>
# CHECK-NEXT:    mm.weight_decl @head.bias : tensor<1xf32>
# CHECK-NEXT:    func.func @forward(
# CHECK-SAME:      [[TEXT:%[a-z0-9]+]]: tensor<?x?xi32> {mm.dims = ["B", "T"], {{.*}}mm.name = "text"}
# CHECK-SAME:      [[AUDIO:%[a-z0-9]+]]: tensor<?x16000xf32> {mm.dims = ["B", 16000], mm.name = "audio"}
# CHECK-SAME:      -> (tensor<?x1xf32> {mm.dims = ["B", 1]})
# CHECK-SAME:      attributes {mm.symbols = ["B", "T"]}
# t = lstm(embed(text)).h_n[-1]: the index of a static dimension is normalized.
# CHECK-NEXT:      [[EW:%.*]] = mm.weight @embed.weight
# CHECK-NEXT:      [[E:%.*]] = mm.embedding [[EW]], [[TEXT]] : (tensor<10000x128xf32>, tensor<?x?xi32>) -> tensor<?x?x128xf32>
# CHECK-NEXT:      [[WIH:%.*]] = mm.weight @lstm.weight_ih_l0
# CHECK-NEXT:      [[WHH:%.*]] = mm.weight @lstm.weight_hh_l0
# CHECK-NEXT:      [[BIH:%.*]] = mm.weight @lstm.bias_ih_l0
# CHECK-NEXT:      [[BHH:%.*]] = mm.weight @lstm.bias_hh_l0
# CHECK-NEXT:      %{{.*}}, [[HN:%.*]], %{{.*}} = mm.lstm [[E]], [[WIH]], [[WHH]], [[BIH]], [[BHH]] {hidden_size = 64 : i64}
# CHECK-SAME:        -> (tensor<?x?x64xf32>, tensor<1x?x64xf32>, tensor<1x?x64xf32>)
# CHECK-NEXT:      [[T:%.*]] = mm.select [[HN]] {dim = 0 : i64, index = 0 : i64} : tensor<1x?x64xf32> -> tensor<?x64xf32>
# a = mean(log(mel(audio) + 1e-6), dim: 2): 101 frames for 1 s of 16 kHz audio.
# CHECK-NEXT:      [[MEL:%.*]] = mm.mel_spectrogram [[AUDIO]] {hop_length = 160 : i64, mm.layer = "mel", n_fft = 400 : i64, n_mels = 64 : i64, sample_rate = 16000 : i64, win_length = 400 : i64} : tensor<?x16000xf32> -> tensor<?x64x101xf32>
# CHECK-NEXT:      [[EPS:%.*]] = mm.constant dense<9.99999997E-7> : tensor<f32>
# CHECK-NEXT:      [[SUM:%.*]] = mm.add [[MEL]], [[EPS]] : (tensor<?x64x101xf32>, tensor<f32>) -> tensor<?x64x101xf32>
# CHECK-NEXT:      [[LOG:%.*]] = mm.log [[SUM]] : tensor<?x64x101xf32>
# CHECK-NEXT:      [[MEAN:%.*]] = mm.mean [[LOG]] {dims = array<i64: 2>} : tensor<?x64x101xf32> -> tensor<?x64xf32>
# a = relu(audio_fc(a))
# CHECK-NEXT:      [[FCW:%.*]] = mm.weight @audio_fc.weight
# CHECK-NEXT:      [[FCB:%.*]] = mm.weight @audio_fc.bias
# CHECK-NEXT:      [[FC:%.*]] = mm.linear [[MEAN]], [[FCW]], [[FCB]] : (tensor<?x64xf32>, tensor<64x64xf32>, tensor<64xf32>) -> tensor<?x64xf32>
# CHECK-NEXT:      [[A:%.*]] = mm.relu [[FC]] : tensor<?x64xf32>
# return sigmoid(head(cat([t, a], dim: 1)))
# CHECK-NEXT:      [[CAT:%.*]] = mm.cat [[T]], [[A]] {dim = 1 : i64} : (tensor<?x64xf32>, tensor<?x64xf32>) -> tensor<?x128xf32>
# CHECK-NEXT:      [[HW:%.*]] = mm.weight @head.weight
# CHECK-NEXT:      [[HB:%.*]] = mm.weight @head.bias
# CHECK-NEXT:      [[H:%.*]] = mm.linear [[CAT]], [[HW]], [[HB]]
# CHECK-NEXT:      [[S:%.*]] = mm.sigmoid [[H]] : tensor<?x1xf32>
# CHECK-NEXT:      return [[S]] : tensor<?x1xf32>
