# RUN: mmc --emit=ast %s | FileCheck %s
# Blocks: hyper-parameters untyped or typed, with or without defaults.
block Empty() {
}
block Encoder(vocab, dim: int, eps: float = 1e-5, act: string = "relu", norm_first: bool = false, heads = 4) {
  layer embed = embedding(vocab, dim)
  param pos: f32[1, 32, dim]
  fn forward(x: i32[B, T]) -> f32[B, T, dim] { return embed(x) + pos }
}

# CHECK:      File "{{.*}}parse_block.mm"
# CHECK-NEXT:   Block Empty <3:7>
# CHECK-NEXT:   Block Encoder <5:7>
# CHECK-NEXT:     HyperParam vocab <5:15>
# CHECK-NEXT:     HyperParam dim: int <5:22>
# CHECK-NEXT:     HyperParam eps: float <5:32>
# CHECK-NEXT:       default: Float 1e-05 <5:45>
# CHECK-NEXT:     HyperParam act: string <5:51>
# CHECK-NEXT:       default: String "relu" <5:65>
# CHECK-NEXT:     HyperParam norm_first: bool <5:73>
# CHECK-NEXT:       default: Bool false <5:92>
# CHECK-NEXT:     HyperParam heads <5:99>
# CHECK-NEXT:       default: Int 4 <5:107>
# CHECK-NEXT:     Layer embed <6:9>
# CHECK-NEXT:       Call <6:17>
# CHECK-NEXT:         callee: Name embedding <6:17>
# CHECK-NEXT:         Name vocab <6:27>
# CHECK-NEXT:         Name dim <6:34>
# CHECK-NEXT:     Param pos: f32[1, 32, dim] <7:9>
# CHECK-NEXT:     Fn forward -> f32[B, T, dim] <8:6>
# CHECK-NEXT:       Arg x: i32[B, T] <8:14>
# CHECK-NEXT:       Return <8:48>
# CHECK-NEXT:         Binary '+' <8:64>
# CHECK-NEXT:           Call <8:55>
# CHECK-NEXT:             callee: Name embed <8:55>
# CHECK-NEXT:             Name x <8:61>
# CHECK-NEXT:           Name pos <8:66>
