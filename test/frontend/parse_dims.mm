# RUN: mmc --emit=ast %s | FileCheck %s
# Dimensions are integers, names, or + - * / of those with parentheses.
model m {
  fn f(audio: f32[B, S], x: f32[B, 2 * T, (S - 400) / 160 + 1, T*dim]) -> f32[B, S / 160 + 1, 64] {
    return audio
  }
}

# CHECK:      File "{{.*}}parse_dims.mm"
# CHECK-NEXT:   Model m <3:7>
# CHECK-NEXT:     Fn f -> f32[B, (S / 160) + 1, 64] <4:6>
# CHECK-NEXT:       Arg audio: f32[B, S] <4:8>
# CHECK-NEXT:       Arg x: f32[B, 2 * T, ((S - 400) / 160) + 1, T * dim] <4:26>
# CHECK-NEXT:       Return <5:5>
# CHECK-NEXT:         Name audio <5:12>
