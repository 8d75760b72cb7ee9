# RUN: mmc --emit=ast %s | FileCheck %s
# Layers: positional and keyword arguments, block instances, repeat().
model m {
  layer fc = linear(64, 32, bias: false)
  layer enc = TextEncoder(10000, dim: 128)
  layer stack = repeat(4, transformer_encoder_layer(128, 4, dim_feedforward: 512, activation: "gelu"))
}

# CHECK:      File "{{.*}}parse_layer.mm"
# CHECK-NEXT:   Model m <3:7>
# CHECK-NEXT:     Layer fc <4:9>
# CHECK-NEXT:       Call <4:14>
# CHECK-NEXT:         callee: Name linear <4:14>
# CHECK-NEXT:         Int 64 <4:21>
# CHECK-NEXT:         Int 32 <4:25>
# CHECK-NEXT:         Keyword bias <4:29>
# CHECK-NEXT:           Bool false <4:35>
# CHECK-NEXT:     Layer enc <5:9>
# CHECK-NEXT:       Call <5:15>
# CHECK-NEXT:         callee: Name TextEncoder <5:15>
# CHECK-NEXT:         Int 10000 <5:27>
# CHECK-NEXT:         Keyword dim <5:34>
# CHECK-NEXT:           Int 128 <5:39>
# CHECK-NEXT:     Layer stack <6:9>
# CHECK-NEXT:       Call <6:17>
# CHECK-NEXT:         callee: Name repeat <6:17>
# CHECK-NEXT:         Int 4 <6:24>
# CHECK-NEXT:         Call <6:27>
# CHECK-NEXT:           callee: Name transformer_encoder_layer <6:27>
# CHECK-NEXT:           Int 128 <6:53>
# CHECK-NEXT:           Int 4 <6:58>
# CHECK-NEXT:           Keyword dim_feedforward <6:61>
# CHECK-NEXT:             Int 512 <6:78>
# CHECK-NEXT:           Keyword activation <6:83>
# CHECK-NEXT:             String "gelu" <6:95>
