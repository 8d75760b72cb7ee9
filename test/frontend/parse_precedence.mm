# RUN: mmc --emit=ast %s | FileCheck %s
# '@' '*' '/' bind tighter than '+' '-'; all are left-associative; unary '-'
# binds tighter than all of them; parentheses group.
model m {
  fn f(a: f32[N, N], b: f32[N, N]) -> f32[N, N] {
    r = a + b * a - b / a @ b
    s = a - b - a
    t = -a @ b
    u = (a + b) * -(a)
    return r
  }
}

# CHECK:      File "{{.*}}parse_precedence.mm"
# CHECK-NEXT:   Model m <4:7>
# CHECK-NEXT:     Fn f -> f32[N, N] <5:6>
# CHECK-NEXT:       Arg a: f32[N, N] <5:8>
# CHECK-NEXT:       Arg b: f32[N, N] <5:22>
# CHECK-NEXT:       Assign r <6:7>
# CHECK-NEXT:         Binary '-' <6:19>
# CHECK-NEXT:           Binary '+' <6:11>
# CHECK-NEXT:             Name a <6:9>
# CHECK-NEXT:             Binary '*' <6:15>
# CHECK-NEXT:               Name b <6:13>
# CHECK-NEXT:               Name a <6:17>
# CHECK-NEXT:           Binary '@' <6:27>
# CHECK-NEXT:             Binary '/' <6:23>
# CHECK-NEXT:               Name b <6:21>
# CHECK-NEXT:               Name a <6:25>
# CHECK-NEXT:             Name b <6:29>
# CHECK-NEXT:       Assign s <7:7>
# CHECK-NEXT:         Binary '-' <7:15>
# CHECK-NEXT:           Binary '-' <7:11>
# CHECK-NEXT:             Name a <7:9>
# CHECK-NEXT:             Name b <7:13>
# CHECK-NEXT:           Name a <7:17>
# CHECK-NEXT:       Assign t <8:7>
# CHECK-NEXT:         Binary '@' <8:12>
# CHECK-NEXT:           Neg <8:9>
# CHECK-NEXT:             Name a <8:10>
# CHECK-NEXT:           Name b <8:14>
# CHECK-NEXT:       Assign u <9:7>
# CHECK-NEXT:         Binary '*' <9:17>
# CHECK-NEXT:           Binary '+' <9:12>
# CHECK-NEXT:             Name a <9:10>
# CHECK-NEXT:             Name b <9:14>
# CHECK-NEXT:           Neg <9:19>
# CHECK-NEXT:             Name a <9:21>
# CHECK-NEXT:       Return <10:5>
# CHECK-NEXT:         Name r <10:12>
