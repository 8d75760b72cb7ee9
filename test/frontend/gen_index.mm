# RUN: mmc --emit=mm %s | FileCheck %s
# Indexing: an integer selects (and drops the dimension), a slice keeps it;
# negative indices of static dimensions are normalized, those of symbolic
# ones are left to run time; slice lengths are computed symbolically.
model index {
  fn forward(x: f32[B, T, 6]) -> (f32[B, 6], f32[B, T - 1, 3], f32[B], f32[B, T, 6]) {
    return x[:, -1], x[:, 1:, ::2], x[0:, 0, -2], x[:, :, :]
  }
}

# CHECK-LABEL: func.func @forward(
# CHECK-SAME:      [[X:%[a-z0-9]+]]: tensor<?x?x6xf32>
# CHECK-SAME:      -> (tensor<?x6xf32> {mm.dims = ["B", 6]}, tensor<?x?x3xf32> {mm.dims = ["B", "T - 1", 3]}, tensor<?xf32> {mm.dims = ["B"]}, tensor<?x?x6xf32> {mm.dims = ["B", "T", 6]})
# CHECK-NEXT:      [[LAST:%.*]] = mm.select [[X]] {dim = 1 : i64, index = -1 : i64} : tensor<?x?x6xf32> -> tensor<?x6xf32>
# CHECK-NEXT:      [[S1:%.*]] = mm.slice [[X]] {dim = 1 : i64, start = 1 : i64} : tensor<?x?x6xf32> -> tensor<?x?x6xf32>
# CHECK-NEXT:      [[S2:%.*]] = mm.slice [[S1]] {dim = 2 : i64, step = 2 : i64} : tensor<?x?x6xf32> -> tensor<?x?x3xf32>
# CHECK-NEXT:      [[T0:%.*]] = mm.select [[X]] {dim = 1 : i64, index = 0 : i64} : tensor<?x?x6xf32> -> tensor<?x6xf32>
# CHECK-NEXT:      [[C4:%.*]] = mm.select [[T0]] {dim = 1 : i64, index = 4 : i64} : tensor<?x6xf32> -> tensor<?xf32>
# A whole-dimension slice is no operation at all.
# CHECK-NEXT:      return [[LAST]], [[S2]], [[C4]], [[X]]
