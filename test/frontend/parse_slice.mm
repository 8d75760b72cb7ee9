# RUN: mmc --emit=ast %s | FileCheck %s
# Slices: every part optional, negative bounds, steps, any expression.
model m {
  fn f(x: f32[B, T, C]) -> f32[B, T, C] {
    return x[:, 1:3, ::2, 1:, :-1, ::, 0:n - 1:k, -1]
  }
}

# CHECK:      File "{{.*}}parse_slice.mm"
# CHECK-NEXT:   Model m <3:7>
# CHECK-NEXT:     Fn f -> f32[B, T, C] <4:6>
# CHECK-NEXT:       Arg x: f32[B, T, C] <4:8>
# CHECK-NEXT:       Return <5:5>
# CHECK-NEXT:         Index <5:13>
# CHECK-NEXT:           base: Name x <5:12>
# CHECK-NEXT:           Slice <5:14>
# CHECK-NEXT:           Slice <5:18>
# CHECK-NEXT:             start: Int 1 <5:17>
# CHECK-NEXT:             stop: Int 3 <5:19>
# CHECK-NEXT:           Slice <5:22>
# CHECK-NEXT:             step: Int 2 <5:24>
# CHECK-NEXT:           Slice <5:28>
# CHECK-NEXT:             start: Int 1 <5:27>
# CHECK-NEXT:           Slice <5:31>
# CHECK-NEXT:             stop: Int -1 <5:32>
# CHECK-NEXT:           Slice <5:36>
# CHECK-NEXT:           Slice <5:41>
# CHECK-NEXT:             start: Int 0 <5:40>
# CHECK-NEXT:             stop: Binary '-' <5:44>
# CHECK-NEXT:               Name n <5:42>
# CHECK-NEXT:               Int 1 <5:46>
# CHECK-NEXT:             step: Name k <5:48>
# CHECK-NEXT:           Int -1 <5:51>
