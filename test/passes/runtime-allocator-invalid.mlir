// RUN: mm-opt %s --split-input-file --mm-runtime-allocator -verify-diagnostics

// The runtime's names are taken: renaming would merge two functions.
// expected-error@+1 {{'mm_runtime_alloc' is already a symbol of the module}}
llvm.func @mm_runtime_alloc(i64) -> !llvm.ptr
llvm.func @_mlir_memref_to_llvm_alloc(i64) -> !llvm.ptr

// -----

// A definition is the module's own allocator, not a call into the runtime.
// expected-error@+1 {{'_mlir_memref_to_llvm_free' is defined in the module; only a declaration can be pointed at the runtime}}
llvm.func @_mlir_memref_to_llvm_free(%p: !llvm.ptr) {
  llvm.return
}
