# RUN: not mmc --emit=ast %s 2>&1 | FileCheck --strict-whitespace %s
# hyper-parameters are separated by commas.
# CHECK: {{.*}}err_hyper_param_separator.mm:[[@LINE+3]]:17: error: expected ',' or ')' after a hyper-parameter, found 'dim'
# CHECK-NEXT: {{^}}block Enc(vocab dim) {
# CHECK-NEXT: {{^}}                ^
block Enc(vocab dim) {
}
