# RUN: not mmc --emit=ast %s 2>&1 | FileCheck --strict-whitespace %s
# keywords are not names.
# CHECK: {{.*}}err_keyword_as_name.mm:[[@LINE+4]]:9: error: expected a name after 'layer', found keyword 'fn'
# CHECK-NEXT: {{^}}  layer fn = linear(1, 2)
# CHECK-NEXT: {{^}}        ^
model m {
  layer fn = linear(1, 2)
}
