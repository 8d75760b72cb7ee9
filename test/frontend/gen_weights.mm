# RUN: mmc --emit=mm %s | FileCheck %s
# The weight manifest is PyTorch's state_dict: a component's params first,
# then its layers in order, each under its prefix; blocks nest prefixes and
# repeat() numbers its copies. Spectrograms have no weights.
block Enc(vocab: int, dim: int = 16) {
  layer fc = linear(dim, dim, bias: false)
  param scale: f32[dim]
  layer embed = embedding(vocab, dim)
  fn forward(x: i32[B, T]) -> f32[B, T, dim] { return fc(embed(x)) * scale }
}

model weights {
  layer text = Enc(100)
  layer rnn = lstm(16, 8, 2, bidirectional: true)
  layer spec = spectrogram(n_fft: 64)
  layer stack = repeat(2, linear(8, 8))
  param pos: f32[1, 4, 16]

  fn forward(x: i32[B, 4]) -> f32[B, 4, 16] { return text(x) + pos }
}

# CHECK-LABEL: module attributes {mm.model = "weights"}
# CHECK-NEXT:    mm.weight_decl @pos : tensor<1x4x16xf32>
# CHECK-NEXT:    mm.weight_decl @text.scale : tensor<16xf32>
# CHECK-NEXT:    mm.weight_decl @text.fc.weight : tensor<16x16xf32>
# CHECK-NEXT:    mm.weight_decl @text.embed.weight : tensor<100x16xf32>
# CHECK-NEXT:    mm.weight_decl @rnn.weight_ih_l0 : tensor<32x16xf32>
# CHECK-NEXT:    mm.weight_decl @rnn.weight_hh_l0 : tensor<32x8xf32>
# CHECK-NEXT:    mm.weight_decl @rnn.bias_ih_l0 : tensor<32xf32>
# CHECK-NEXT:    mm.weight_decl @rnn.bias_hh_l0 : tensor<32xf32>
# CHECK-NEXT:    mm.weight_decl @rnn.weight_ih_l0_reverse : tensor<32x16xf32>
# CHECK-NEXT:    mm.weight_decl @rnn.weight_hh_l0_reverse : tensor<32x8xf32>
# CHECK-NEXT:    mm.weight_decl @rnn.bias_ih_l0_reverse : tensor<32xf32>
# CHECK-NEXT:    mm.weight_decl @rnn.bias_hh_l0_reverse : tensor<32xf32>
# CHECK-NEXT:    mm.weight_decl @rnn.weight_ih_l1 : tensor<32x16xf32>
# CHECK-NEXT:    mm.weight_decl @rnn.weight_hh_l1 : tensor<32x8xf32>
# CHECK-NEXT:    mm.weight_decl @rnn.bias_ih_l1 : tensor<32xf32>
# CHECK-NEXT:    mm.weight_decl @rnn.bias_hh_l1 : tensor<32xf32>
# CHECK-NEXT:    mm.weight_decl @rnn.weight_ih_l1_reverse : tensor<32x16xf32>
# CHECK-NEXT:    mm.weight_decl @rnn.weight_hh_l1_reverse : tensor<32x8xf32>
# CHECK-NEXT:    mm.weight_decl @rnn.bias_ih_l1_reverse : tensor<32xf32>
# CHECK-NEXT:    mm.weight_decl @rnn.bias_hh_l1_reverse : tensor<32xf32>
# CHECK-NEXT:    mm.weight_decl @stack.0.weight : tensor<8x8xf32>
# CHECK-NEXT:    mm.weight_decl @stack.0.bias : tensor<8xf32>
# CHECK-NEXT:    mm.weight_decl @stack.1.weight : tensor<8x8xf32>
# CHECK-NEXT:    mm.weight_decl @stack.1.bias : tensor<8xf32>
# CHECK-NEXT:    func.func @forward
# Unused layers keep their weights; used ones are read where they are used.
# CHECK-DAG:       mm.weight @text.fc.weight : tensor<16x16xf32>
# CHECK-DAG:       mm.weight @text.scale : tensor<16xf32>
# CHECK-DAG:       mm.weight @pos : tensor<1x4x16xf32>
# CHECK-NOT:       mm.weight @rnn
