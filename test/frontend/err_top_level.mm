# RUN: not mmc --emit=ast %s 2>&1 | FileCheck --strict-whitespace %s
# layers live inside a model or block.
# CHECK: {{.*}}err_top_level.mm:[[@LINE+3]]:1: error: expected 'import', 'block' or 'model' at the top level, found 'layer'
# CHECK-NEXT: {{^}}layer l = linear(1, 2)
# CHECK-NEXT: {{^}}^
layer l = linear(1, 2)
