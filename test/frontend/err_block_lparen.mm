# RUN: not mmc --emit=ast %s 2>&1 | FileCheck --strict-whitespace %s
# a block always has a hyper-parameter list.
# CHECK: {{.*}}err_block_lparen.mm:[[@LINE+3]]:11: error: expected '(' after the block name (a block has hyper-parameters, possibly none: 'block Enc()'), found '{'
# CHECK-NEXT: {{^}}block Enc {
# CHECK-NEXT: {{^}}          ^
block Enc {
}
