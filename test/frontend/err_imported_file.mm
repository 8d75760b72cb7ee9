# RUN: not mmc --emit=ast %s 2>&1 | FileCheck --strict-whitespace %s
# An error in an imported file says where it was imported from.
import "Inputs/import_bad.mm"
# CHECK:      Included from {{.*}}err_imported_file.mm:3:
# CHECK-NEXT: {{.*}}import_bad.mm:2:25: error: expected 'layer', 'param', 'fn' or '}' in block 'Bad', found ')'
# CHECK-NEXT: {{^}}  layer l = linear(1, 2))
# CHECK-NEXT: {{^}}                        ^
