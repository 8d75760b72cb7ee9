# RUN: mmc --emit=ast %s | FileCheck %s
# Fns: typed arguments, one result or a parenthesized tuple of results.
model m {
  fn none() -> f32[] { return zero }
  fn one(text: i32[B, T], audio: f32[B, 16000],) -> f32[B, 1] { return text }
  fn two(x: u8[B, 3, H, W]) -> (f32[B, 128], i64[B]) { return x, x }
  fn single_tuple(x: f32[B]) -> (f32[B],) { return x }
}

# CHECK:      File "{{.*}}parse_fn.mm"
# CHECK-NEXT:   Model m <3:7>
# CHECK-NEXT:     Fn none -> f32[] <4:6>
# CHECK-NEXT:       Return <4:24>
# CHECK-NEXT:         Name zero <4:31>
# CHECK-NEXT:     Fn one -> f32[B, 1] <5:6>
# CHECK-NEXT:       Arg text: i32[B, T] <5:10>
# CHECK-NEXT:       Arg audio: f32[B, 16000] <5:27>
# CHECK-NEXT:       Return <5:65>
# CHECK-NEXT:         Name text <5:72>
# CHECK-NEXT:     Fn two -> (f32[B, 128], i64[B]) <6:6>
# CHECK-NEXT:       Arg x: u8[B, 3, H, W] <6:10>
# CHECK-NEXT:       Return <6:56>
# CHECK-NEXT:         Name x <6:63>
# CHECK-NEXT:         Name x <6:66>
# CHECK-NEXT:     Fn single_tuple -> (f32[B]) <7:6>
# CHECK-NEXT:       Arg x: f32[B] <7:19>
# CHECK-NEXT:       Return <7:45>
# CHECK-NEXT:         Name x <7:52>
