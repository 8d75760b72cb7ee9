//===- mm-fe.cpp - test driver for the .mm frontend -----------------------===//
//
// Parses a .mm file and prints a stage, like `mmc --emit=ast|mm` does, so
// that the frontend can be tested without the rest of the compiler.
//
//===----------------------------------------------------------------------===//

#include "frontend/AST.h"
#include "frontend/Frontend.h"
#include "frontend/Sema.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/IR/OwningOpRef.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/raw_ostream.h"

namespace cl = llvm::cl;

static cl::opt<std::string> inputFile(cl::Positional, cl::Required,
                                      cl::desc("<input .mm file>"));
static cl::opt<std::string> emit("emit", cl::desc("stage to print: ast, sema, mm"),
                                 cl::init("ast"));
static cl::opt<std::string> model("model",
                                  cl::desc("the model to generate"),
                                  cl::init(""));

int main(int argc, char **argv) {
  llvm::InitLLVM y(argc, argv);
  cl::ParseCommandLineOptions(argc, argv, "mm frontend test driver\n");
  llvm::SourceMgr sm;
  std::unique_ptr<mm::ast::File> file = mm::parseFile(sm, inputFile);
  if (!file)
    return 1;
  if (emit == "ast") {
    mm::dumpAST(*file, llvm::outs());
    return 0;
  }
  if (emit == "sema") {
    /// Prints Sema errors like the SourceMgr prints parse errors.
    struct Printer : mm::sema::DiagnosticEmitter {
      llvm::SourceMgr &sm;
      explicit Printer(llvm::SourceMgr &sm) : sm(sm) {}
      void emit(const mm::sema::Diagnostic &d) override {
        sm.PrintMessage(d.loc, llvm::SourceMgr::DK_Error, d.message);
        for (const auto &[loc, note] : d.notes)
          sm.PrintMessage(loc, llvm::SourceMgr::DK_Note, note);
      }
    } printer(sm);
    mm::sema::Program program;
    if (!mm::sema::analyze(*file, model, printer, program))
      return 1;
    mm::sema::dumpProgram(program, llvm::outs());
    return 0;
  }
  if (emit == "mm") {
    mlir::MLIRContext context;
    context.printOpOnDiagnostic(false);
    mlir::SourceMgrDiagnosticHandler handler(sm, &context);
    mlir::OwningOpRef<mlir::ModuleOp> module =
        mm::genModule(context, sm, *file, model);
    if (!module)
      return 1;
    module->print(llvm::outs());
    llvm::outs() << "\n";
    return 0;
  }
  llvm::errs() << "mm-fe: error: unknown --emit stage '" << emit << "'\n";
  return 1;
}
