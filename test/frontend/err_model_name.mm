# RUN: not mmc --emit=ast %s 2>&1 | FileCheck --strict-whitespace %s
# a model needs a name.
# CHECK: {{.*}}err_model_name.mm:[[@LINE+3]]:7: error: expected a name after 'model', found '{'
# CHECK-NEXT: {{^}}model {
# CHECK-NEXT: {{^}}      ^
model {
}
