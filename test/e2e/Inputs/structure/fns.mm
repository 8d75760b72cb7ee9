# Several exported fns, fns calling fns, tuple results, a block's other fn
# called through its layer, repeat with a hyper-parameter count; checked by
# ../../structure.test against the PyTorch twin structure_fns in
# ../structure_ref.py.
import "lib.mm"

model structure_fns {
  layer embed = embedding(50, 12)
  layer text  = Mix(12, 2)                 # text.layers.0.* text.layers.1.*
  layer audio = Mix(12, 3)
  layer head  = Head(12, 4)
  param temperature: f32[]

  # The halves of the features: a tuple result, exported like any fn.
  fn halves(x: f32[B, 12]) -> (f32[B, 6], f32[B, 6]) {
    return x[:, :6], x[:, 6:]
  }

  # The two results of a block's fn, passed on whole.
  fn scores(x: f32[B, 12]) -> (f32[B, 4], f32[B, 4]) {
    return head.both(x)
  }

  fn encode_text(ids: i32[B, T]) -> f32[B, 12] {
    return mean(text(embed(ids)), dim: 1)
  }

  fn encode_audio(feats: f32[B, S, 12]) -> f32[B, 12] {
    return amax(audio(feats), dim: 1)
  }

  fn forward(ids: i32[B, T], feats: f32[B, S, 12]) -> (f32[B, 4], f32[B, 4], f32[B, 6]) {
    t = encode_text(ids)
    a = encode_audio(feats)
    lo, hi = halves(t * a)
    return head(t - a), head.logits(a) * exp(temperature), lo - hi
  }
}
