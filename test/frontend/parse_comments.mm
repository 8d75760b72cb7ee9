# RUN: mmc --emit=ast %s | FileCheck %s
# Comments run to the end of the line; newlines are not significant, so a
# statement may span lines and a line may hold several statements.
model m {  # a comment after a brace
  # a comment line
  layer l = linear(  # inside an argument list
    64,
    64)
  fn f(x: f32[B, 64]) -> f32[B, 64] { y = l(x) z = y
    return z  # the end
  }
}#no space needed

# CHECK:      File "{{.*}}parse_comments.mm"
# CHECK-NEXT:   Model m <4:7>
# CHECK-NEXT:     Layer l <6:9>
# CHECK-NEXT:       Call <6:13>
# CHECK-NEXT:         callee: Name linear <6:13>
# CHECK-NEXT:         Int 64 <7:5>
# CHECK-NEXT:         Int 64 <8:5>
# CHECK-NEXT:     Fn f -> f32[B, 64] <9:6>
# CHECK-NEXT:       Arg x: f32[B, 64] <9:8>
# CHECK-NEXT:       Assign y <9:41>
# CHECK-NEXT:         Call <9:43>
# CHECK-NEXT:           callee: Name l <9:43>
# CHECK-NEXT:           Name x <9:45>
# CHECK-NEXT:       Assign z <9:50>
# CHECK-NEXT:         Name y <9:52>
# CHECK-NEXT:       Return <10:5>
# CHECK-NEXT:         Name z <10:12>
