# RUN: mmc --emit=ast %s | FileCheck %s
# Imports are parsed once each, dependencies first, then this file.
import "Inputs/import_lib.mm"
import "Inputs/import_common.mm"

model m {
  layer text = Encoder(10000, dim: 64)
  fn forward(x: i32[B, T]) -> f32[B, T, 64] { return text(x) }
}

# CHECK:      File "{{.*}}Inputs{{/|\\}}import_common.mm"
# CHECK-NEXT:   Block Scale <2:7>
# CHECK-NEXT:     HyperParam n: int <2:13>
# CHECK:      File "{{.*}}Inputs{{/|\\}}import_lib.mm"
# CHECK-NEXT:   Import "import_common.mm" <2:8>
# CHECK-NEXT:   Block Encoder <3:7>
# CHECK-NEXT:     HyperParam vocab: int <3:15>
# CHECK-NEXT:     HyperParam dim: int <3:27>
# CHECK-NEXT:       default: Int 128 <3:38>
# CHECK:      File "{{.*}}parse_import.mm"
# CHECK-NEXT:   Import "Inputs/import_lib.mm" <3:8>
# CHECK-NEXT:   Import "Inputs/import_common.mm" <4:8>
# CHECK-NEXT:   Model m <6:7>
# CHECK-NOT:  File
