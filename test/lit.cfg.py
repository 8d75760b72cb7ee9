# -*- Python -*-
# lit configuration of the mmc test suite. Tests live by component:
# frontend/, dialect/, passes/, lowering/, e2e/; helper files in Inputs/.
import os

import lit.formats
from lit.llvm import llvm_config

config.name = "MM"
config.test_format = lit.formats.ShTest(not llvm_config.use_lit_shell)
config.suffixes = [".mlir", ".mm", ".test"]
config.excludes = ["Inputs", "CMakeLists.txt", "lit.cfg.py", "lit.site.cfg.py", "unit"]
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(config.mm_obj_root, "test")

llvm_config.with_system_environment(["HOME", "TMPDIR"])
llvm_config.use_default_substitutions()

# Our tools first, then LLVM's (FileCheck, not, mlir-cpu-runner).
llvm_config.with_environment("PATH", config.llvm_tools_dir, append_path=True)
llvm_config.with_environment("PATH", config.mm_tools_dir, append_path=True)

# Before lit's own %python (the interpreter running lit): the oracle is
# Debian's python3 with torch, whatever runs lit.
config.substitutions.insert(0, ("%python", "/usr/bin/python3"))
config.substitutions.append(("%cc", "cc"))
config.substitutions.append(("%mm_src_root", config.mm_src_root))
config.substitutions.append(
    ("%mlir_runner_utils", os.path.join(config.mlir_lib_dir, "libmlir_runner_utils.so")))
config.substitutions.append(
    ("%mlir_c_runner_utils", os.path.join(config.mlir_lib_dir, "libmlir_c_runner_utils.so")))

# mmc's Halide kernel objects are cached in the build tree, not in ~/.cache.
config.environment["MMC_CACHE_DIR"] = os.path.join(config.mm_obj_root, "test", "mmc-cache")

# PyTorch reference runs: one thread, so that numbers are deterministic.
config.environment["OMP_NUM_THREADS"] = "1"
