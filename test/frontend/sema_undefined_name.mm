# RUN: not mmc --emit=mm %s 2>&1 | FileCheck --strict-whitespace %s
# a name that is not defined, with a hint.
# CHECK: {{.*}}sema_undefined_name.mm:[[@LINE+5]]:17: error: undefined name 'audoi'; did you mean 'audio'?
# CHECK-NEXT: {{^}}    return relu(audoi)
# CHECK-NEXT: {{^}}                ^
model m {
  fn f(audio: f32[B, 64]) -> f32[B, 64] {
    return relu(audoi)
  }
}
