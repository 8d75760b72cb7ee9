# RUN: not mmc --emit=mm %s 2>&1 | FileCheck --strict-whitespace %s
# an lstm takes batch-first sequences.
# CHECK: {{.*}}sema_lstm_rank.mm:[[@LINE+6]]:14: error: layer 'l' (lstm) expects a batch-first [B, T, input_size] input, found f32[B, 8]
# CHECK-NEXT: {{^}}    return l(x).output
# CHECK-NEXT: {{^}}             ^
model m {
  layer l = lstm(8, 8)
  fn f(x: f32[B, 8]) -> f32[B, 8] {
    return l(x).output
  }
}
