# RUN: mmc --emit=mm %s | FileCheck %s
# Fns, blocks and repeat() are inlined into each exported fn; a block's
# other fns are called through its layer; tuple results unpack.
block MLP(d: int, hidden: int = 32) {
  layer up = linear(d, hidden)
  layer down = linear(hidden, d)
  fn act(h: f32[N, hidden]) -> f32[N, hidden] { return relu(h) }
  fn forward(x: f32[N, d]) -> f32[N, d] { return down(act(up(x))) }
}

model inline {
  layer mlp = MLP(8, hidden: 16)
  layer blocks = repeat(2, MLP(8))

  fn halves(x: f32[B, 8]) -> (f32[B, 4], f32[B, 4]) {
    return x[:, :4], x[:, 4:]
  }
  fn forward(x: f32[B, 8]) -> (f32[B, 8], f32[B, 4]) {
    lo, hi = halves(blocks(x))
    return mlp(x), lo - hi
  }
}

# Every fn of the model is exported, callees too.
# CHECK-LABEL: func.func @halves(
# CHECK-SAME:      [[X:%[a-z0-9]+]]: tensor<?x8xf32>
# CHECK-SAME:      -> (tensor<?x4xf32> {mm.dims = ["B", 4]}, tensor<?x4xf32> {mm.dims = ["B", 4]})
# CHECK-NEXT:      [[LO:%.*]] = mm.slice [[X]] {dim = 1 : i64, end = 4 : i64} : tensor<?x8xf32> -> tensor<?x4xf32>
# CHECK-NEXT:      [[HI:%.*]] = mm.slice [[X]] {dim = 1 : i64, start = 4 : i64} : tensor<?x8xf32> -> tensor<?x4xf32>
# CHECK-NEXT:      return [[LO]], [[HI]]

# CHECK-LABEL: func.func @forward(
# CHECK-SAME:      [[X:%[a-z0-9]+]]: tensor<?x8xf32>
# The two copies of repeat(), in order, each with its own weights.
# CHECK:           mm.weight @blocks.0.up.weight : tensor<32x8xf32>
# CHECK:           mm.linear [[X]],
# CHECK:           mm.relu
# CHECK:           mm.weight @blocks.0.down.weight : tensor<8x32xf32>
# CHECK:           [[B0:%.*]] = mm.linear
# CHECK:           mm.weight @blocks.1.up.weight
# CHECK:           mm.linear [[B0]],
# CHECK:           mm.weight @blocks.1.down.weight
# CHECK:           [[B1:%.*]] = mm.linear
# halves(), inlined.
# CHECK-NEXT:      [[LO:%.*]] = mm.slice [[B1]] {dim = 1 : i64, end = 4 : i64}
# CHECK-NEXT:      [[HI:%.*]] = mm.slice [[B1]] {dim = 1 : i64, start = 4 : i64}
# mlp(x) with its hyper-parameter hidden = 16.
# CHECK:           mm.weight @mlp.up.weight : tensor<16x8xf32>
# CHECK:           mm.linear [[X]],
# CHECK:           mm.weight @mlp.down.weight : tensor<8x16xf32>
# CHECK:           [[M:%.*]] = mm.linear
# CHECK-NEXT:      [[D:%.*]] = mm.sub [[LO]], [[HI]] : (tensor<?x4xf32>, tensor<?x4xf32>) -> tensor<?x4xf32>
# CHECK-NEXT:      return [[M]], [[D]] : tensor<?x8xf32>, tensor<?x4xf32>
