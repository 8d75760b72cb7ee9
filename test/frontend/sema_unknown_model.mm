# RUN: not mmc --emit=mm --model other %s 2>&1 | FileCheck %s
# --model names one of the file's models.
# CHECK: {{.*}}sema_unknown_model.mm:1:1: error: no model named 'other'; the models are a, b
model a {
  fn f(x: f32[B]) -> f32[B] { return x }
}
model b {
  fn f(x: f32[B]) -> f32[B] { return x }
}
