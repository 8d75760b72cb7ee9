# RUN: not mmc --emit=ast %s 2>&1 | FileCheck --strict-whitespace %s
# a model holds layers, params and fns only.
# CHECK: {{.*}}err_model_member.mm:[[@LINE+4]]:3: error: expected 'layer', 'param', 'fn' or '}' in model 'm', found 'x'
# CHECK-NEXT: {{^}}  x = linear(1, 2)
# CHECK-NEXT: {{^}}  ^
model m {
  x = linear(1, 2)
}
