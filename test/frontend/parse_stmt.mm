# RUN: mmc --emit=ast %s | FileCheck %s
# Statements: single and multiple targets, several values, multi-value return.
model m {
  fn f(x: f32[B, T]) -> (f32[B, T], f32[B, T]) {
    a = x
    b, c = g(a)
    d, e = a, b
    return d, e
  }
}

# CHECK:      File "{{.*}}parse_stmt.mm"
# CHECK-NEXT:   Model m <3:7>
# CHECK-NEXT:     Fn f -> (f32[B, T], f32[B, T]) <4:6>
# CHECK-NEXT:       Arg x: f32[B, T] <4:8>
# CHECK-NEXT:       Assign a <5:7>
# CHECK-NEXT:         Name x <5:9>
# CHECK-NEXT:       Assign b, c <6:10>
# CHECK-NEXT:         Call <6:12>
# CHECK-NEXT:           callee: Name g <6:12>
# CHECK-NEXT:           Name a <6:14>
# CHECK-NEXT:       Assign d, e <7:10>
# CHECK-NEXT:         Name a <7:12>
# CHECK-NEXT:         Name b <7:15>
# CHECK-NEXT:       Return <8:5>
# CHECK-NEXT:         Name d <8:12>
# CHECK-NEXT:         Name e <8:15>
