# RUN: mmc --emit=ast %s | FileCheck %s
# Postfix chains: calls, fields and indexing in any order.
model m {
  fn f(text: i32[B, T]) -> f32[B, 64] {
    h = lstm(embed(text)).h_n[-1]
    o = lstm(embed(text)).output[:, -1, :]
    return encoder.forward(h)(o).x[0][1]
  }
}

# CHECK:      File "{{.*}}parse_postfix.mm"
# CHECK-NEXT:   Model m <3:7>
# CHECK-NEXT:     Fn f -> f32[B, 64] <4:6>
# CHECK-NEXT:       Arg text: i32[B, T] <4:8>
# CHECK-NEXT:       Assign h <5:7>
# CHECK-NEXT:         Index <5:30>
# CHECK-NEXT:           base: Field h_n <5:27>
# CHECK-NEXT:             Call <5:9>
# CHECK-NEXT:               callee: Name lstm <5:9>
# CHECK-NEXT:               Call <5:14>
# CHECK-NEXT:                 callee: Name embed <5:14>
# CHECK-NEXT:                 Name text <5:20>
# CHECK-NEXT:           Int -1 <5:31>
# CHECK-NEXT:       Assign o <6:7>
# CHECK-NEXT:         Index <6:33>
# CHECK-NEXT:           base: Field output <6:27>
# CHECK-NEXT:             Call <6:9>
# CHECK-NEXT:               callee: Name lstm <6:9>
# CHECK-NEXT:               Call <6:14>
# CHECK-NEXT:                 callee: Name embed <6:14>
# CHECK-NEXT:                 Name text <6:20>
# CHECK-NEXT:           Slice <6:34>
# CHECK-NEXT:           Int -1 <6:37>
# CHECK-NEXT:           Slice <6:41>
# CHECK-NEXT:       Return <7:5>
# CHECK-NEXT:         Index <7:38>
# CHECK-NEXT:           base: Index <7:35>
# CHECK-NEXT:             base: Field x <7:34>
# CHECK-NEXT:               Call <7:20>
# CHECK-NEXT:                 callee: Call <7:20>
# CHECK-NEXT:                   callee: Field forward <7:20>
# CHECK-NEXT:                     Name encoder <7:12>
# CHECK-NEXT:                   Name h <7:28>
# CHECK-NEXT:                 Name o <7:31>
# CHECK-NEXT:             Int 0 <7:36>
# CHECK-NEXT:           Int 1 <7:39>
