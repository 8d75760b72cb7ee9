# RUN: not mmc --emit=mm %s 2>&1 | FileCheck --strict-whitespace %s
# embedding indices are integers.
# CHECK: {{.*}}sema_embedding_indices.mm:[[@LINE+6]]:18: error: layer 'embed' (embedding) expects indices of type i32 or i64, found f32[B, T]
# CHECK-NEXT: {{^}}    return embed(x)
# CHECK-NEXT: {{^}}                 ^
model m {
  layer embed = embedding(100, 8)
  fn f(x: f32[B, T]) -> f32[B, T, 8] {
    return embed(x)
  }
}
