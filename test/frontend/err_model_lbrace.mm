# RUN: not mmc --emit=ast %s 2>&1 | FileCheck --strict-whitespace %s
# a model body is in braces.
# CHECK: {{.*}}err_model_lbrace.mm:[[@LINE+3]]:9: error: expected '{' after the name of model 'm', found '('
# CHECK-NEXT: {{^}}model m (
# CHECK-NEXT: {{^}}        ^
model m (
)
