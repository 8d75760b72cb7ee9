# RUN: not mmc --emit=mm %s 2>&1 | FileCheck --strict-whitespace %s
# bidirectional is keyword-only (PyTorch's 4th positional argument of nn.LSTM is bias).
# CHECK: {{.*}}sema_keyword_only.mm:[[@LINE+4]]:29: error: lstm takes at most 3 positional arguments, got 4: lstm(input_size, hidden_size, num_layers: 1, bidirectional: false)
# CHECK-NEXT: {{^}}  layer l = lstm(64, 32, 1, true)
# CHECK-NEXT: {{^}}                            ^
model m {
  layer l = lstm(64, 32, 1, true)
  fn f(x: f32[B]) -> f32[B] { return x }
}
