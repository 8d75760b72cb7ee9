# RUN: not mmc --emit=ast %s 2>&1 | FileCheck --strict-whitespace %s
# an import names a file, not a directory.
# CHECK: {{.*}}err_import_directory.mm:[[@LINE+3]]:8: error: could not open imported file '{{.*}}Inputs': it is a directory
# CHECK-NEXT: {{^}}import "Inputs"
# CHECK-NEXT: {{^}}       ^
import "Inputs"
