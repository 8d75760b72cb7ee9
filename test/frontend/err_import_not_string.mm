# RUN: not mmc --emit=ast %s 2>&1 | FileCheck --strict-whitespace %s
# an import names a file in quotes.
# CHECK: {{.*}}err_import_not_string.mm:[[@LINE+3]]:8: error: expected a file name in quotes after 'import', found 'common'
# CHECK-NEXT: {{^}}import common
# CHECK-NEXT: {{^}}       ^
import common
