# RUN: not mmc --emit=ast %s 2>&1 | FileCheck --strict-whitespace %s
# a block holds layers, params and fns only.
# CHECK: {{.*}}err_block_member.mm:[[@LINE+4]]:3: error: expected 'layer', 'param', 'fn' or '}' in block 'Enc', found 'return'
# CHECK-NEXT: {{^}}  return 1
# CHECK-NEXT: {{^}}  ^
block Enc() {
  return 1
}
