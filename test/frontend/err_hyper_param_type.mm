# RUN: not mmc --emit=ast %s 2>&1 | FileCheck --strict-whitespace %s
# hyper-parameter types are int, float, string, bool.
# CHECK: {{.*}}err_hyper_param_type.mm:[[@LINE+3]]:18: error: expected a hyper-parameter type ('int', 'float', 'string' or 'bool') after ':', found 'f32'
# CHECK-NEXT: {{^}}block Enc(vocab: f32) {
# CHECK-NEXT: {{^}}                 ^
block Enc(vocab: f32) {
}
