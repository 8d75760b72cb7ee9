# RUN: not mmc --emit=ast %s 2>&1 | FileCheck --strict-whitespace %s
# positional arguments come first, as in Python.
# CHECK: {{.*}}err_positional_after_keyword.mm:[[@LINE+4]]:37: error: positional argument after keyword argument 'in_features' (positional arguments come first)
# CHECK-NEXT: {{^}}  layer l = linear(in_features: 64, 64)
# CHECK-NEXT: {{^}}                                    ^
model m {
  layer l = linear(in_features: 64, 64)
}
