# RUN: not mmc --emit=ast %s 2>&1 | FileCheck --strict-whitespace %s
# a hyper-parameter is a name.
# CHECK: {{.*}}err_hyper_param_name.mm:[[@LINE+3]]:11: error: expected a name for a hyper-parameter, found '1'
# CHECK-NEXT: {{^}}block Enc(1) {
# CHECK-NEXT: {{^}}          ^
block Enc(1) {
}
