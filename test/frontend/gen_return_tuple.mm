# RUN: mmc --emit=mm %s | FileCheck %s
# `return f(x)` passes on every result of a fn that returns several, as in
# Python; so does returning a block fn's results through its layer.
block Pair(d: int) {
  layer fc = linear(d, d)
  fn split(x: f32[B, d]) -> (f32[B, d], f32[B, d]) { return fc(x), relu(x) }
}

model return_tuple {
  layer p = Pair(4)
  fn halves(x: f32[B, 8]) -> (f32[B, 4], f32[B, 4]) { return x[:, :4], x[:, 4:] }
  fn again(x: f32[B, 8]) -> (f32[B, 4], f32[B, 4]) { return halves(x) }
  fn inner(x: f32[B, 4]) -> (f32[B, 4], f32[B, 4]) { return p.split(x) }
}

# CHECK-LABEL: func.func @again(
# CHECK-SAME:      [[X:%[a-z0-9]+]]: tensor<?x8xf32>
# CHECK-NEXT:      [[LO:%.*]] = mm.slice [[X]] {dim = 1 : i64, end = 4 : i64}
# CHECK-NEXT:      [[HI:%.*]] = mm.slice [[X]] {dim = 1 : i64, start = 4 : i64}
# CHECK-NEXT:      return [[LO]], [[HI]] : tensor<?x4xf32>, tensor<?x4xf32>

# CHECK-LABEL: func.func @inner(
# CHECK-SAME:      [[X:%[a-z0-9]+]]: tensor<?x4xf32>
# CHECK:           [[L:%.*]] = mm.linear [[X]],
# CHECK-NEXT:      [[R:%.*]] = mm.relu [[X]]
# CHECK-NEXT:      return [[L]], [[R]] : tensor<?x4xf32>, tensor<?x4xf32>
