# RUN: not mmc --emit=ast %s 2>&1 | FileCheck --strict-whitespace %s
# an import path can not be empty.
# CHECK: {{.*}}err_import_empty.mm:[[@LINE+3]]:8: error: expected a file name after 'import', found an empty string
# CHECK-NEXT: {{^}}import ""
# CHECK-NEXT: {{^}}       ^
import ""
