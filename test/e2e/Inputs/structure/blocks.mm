# Blocks, repeat, params and weight sharing; checked by ../../structure.test
# against the PyTorch twin structure_blocks in ../structure_ref.py.
import "lib.mm"

# A pre-norm residual MLP: x + gain * down(gelu(up(norm(x)))).
block Residual(d: int, hidden: int, gain: float = 1.0, bias: bool = true) {
  layer norm = layer_norm(d)
  layer up   = linear(d, hidden, bias: bias)
  layer down = linear(hidden, d)

  fn forward(x: f32[B, T, d]) -> f32[B, T, d] {
    return x + down(gelu(up(norm(x)))) * gain
  }
}

model structure_blocks {
  layer narrow = Residual(12, 8)                        # the defaults
  layer wide   = Residual(12, hidden: 40, gain: 0.5, bias: false)
  layer stack  = repeat(3, Residual(12, 16, gain: 0.25))  # stack.0.* ... stack.2.*
  layer proj   = linear(12, 12)                         # applied twice: one weight
  layer head   = Head(12, 5)                            # from lib.mm
  param scale  : f32[12]
  param shift  : f32[]

  fn forward(x: f32[B, T, 12]) -> (f32[B, T, 12], f32[B, 5]) {
    h = proj(stack(narrow(x)))
    h = proj(wide(h)) * scale + shift
    return h, head(mean(h, dim: 1))
  }
}
