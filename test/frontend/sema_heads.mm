# RUN: not mmc --emit=mm %s 2>&1 | FileCheck --strict-whitespace %s
# attention heads must divide the embedding dimension.
# CHECK: {{.*}}sema_heads.mm:[[@LINE+4]]:41: error: the embedding dimension (256) must be a multiple of the number of heads (3)
# CHECK-NEXT: {{^}}  layer attn = multihead_attention(256, 3)
# CHECK-NEXT: {{^}}                                        ^
model m {
  layer attn = multihead_attention(256, 3)
  fn f(x: f32[B]) -> f32[B] { return x }
}
