# RUN: not mmc --emit=mm %s 2>&1 | FileCheck --strict-whitespace %s
# An error inside an imported block points into the imported file.
import "Inputs/sema_import_lib.mm"
model m {
  layer p = Proj(4)
  fn forward(x: f32[B, 8]) -> f32[B, 4] { return p(x) }
}
# CHECK:      {{.*}}Inputs{{/|\\}}sema_import_lib.mm:3:53: error: layer 'fc' (linear) expects the last dimension of its input to be in_features = 4, found f32[B, 8]
# CHECK-NEXT: {{^}}  fn forward(x: f32[B, 8]) -> f32[B, d] { return fc(x) }
# CHECK-NEXT: {{^}}                                                    ^
# CHECK-NEXT: {{.*}}sema_error_in_import.mm:6:50: note: in fn 'forward', called here
