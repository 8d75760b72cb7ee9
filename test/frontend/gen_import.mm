# RUN: mmc --emit=mm %s | FileCheck %s
# A block imported from another file.
import "Inputs/gen_import_lib.mm"

model imported {
  layer head = Head(8, 3)
  fn forward(x: f32[B, 8]) -> f32[B, 3] { return head(x) }
}

# CHECK:      mm.weight_decl @head.fc.weight : tensor<3x8xf32>
# CHECK-NEXT: mm.weight_decl @head.fc.bias : tensor<3xf32>
# CHECK:      mm.linear
# CHECK-NEXT: mm.sigmoid
