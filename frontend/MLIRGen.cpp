//===- MLIRGen.cpp - from the checked model to the mm dialect -------------===//
//
// Sema has already checked the model and flattened each fn into a list of
// typed operations; this file only translates that Program into a module:
// one `mm.weight_decl` per weight, one public func.func per fn with the
// signature attributes the dialect defines (mm.name, mm.dims, mm.symbols),
// and one operation per Sema operation, built by name. An operation that
// the dialect does not register (yet) is reported at its source location as
// "... is not supported yet". Symbolic dimensions become `?`; the module is
// verified before it is returned.
//
// This is the only file of the frontend that includes MLIR headers.
//
//===----------------------------------------------------------------------===//

#include "frontend/AST.h"
#include "frontend/Frontend.h"
#include "frontend/Sema.h"

#include "dialects/mm/MMDialect.h"
#include "dialects/mm/MMOps.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/Location.h"
#include "mlir/IR/OwningOpRef.h"
#include "mlir/IR/Verifier.h"
#include "llvm/Support/SourceMgr.h"

using namespace mm;
using llvm::SMLoc;

namespace {

class MLIRGen : public sema::DiagnosticEmitter {
public:
  MLIRGen(mlir::MLIRContext &ctx, llvm::SourceMgr &sm)
      : ctx(ctx), sm(sm), builder(&ctx) {}

  /// Reports a Sema error as an MLIR diagnostic at its source location.
  void emit(const sema::Diagnostic &d) override {
    mlir::InFlightDiagnostic diag = mlir::emitError(loc(d.loc)) << d.message;
    for (const auto &[noteLoc, note] : d.notes)
      diag.attachNote(loc(noteLoc)) << note;
  }

  mlir::OwningOpRef<mlir::ModuleOp> generate(const sema::Program &program);

private:
  mlir::Location loc(SMLoc l);
  mlir::Type elementType(sema::ElementType type);
  mlir::RankedTensorType tensorType(const sema::TensorType &type);
  mlir::ArrayAttr dimsAttr(const Shape &shape);
  mlir::Attribute attribute(const sema::Attribute &attr,
                            mlir::Type resultType);
  mlir::LogicalResult genFunction(const sema::Function &fn);

  mlir::MLIRContext &ctx;
  llvm::SourceMgr &sm;
  mlir::OpBuilder builder;
};

} // namespace

mlir::Location MLIRGen::loc(SMLoc l) {
  unsigned buffer = l.isValid() ? sm.FindBufferContainingLoc(l) : 0;
  if (!buffer)
    return mlir::UnknownLoc::get(&ctx);
  auto [line, col] = sm.getLineAndColumn(l, buffer);
  return mlir::FileLineColLoc::get(
      &ctx, sm.getMemoryBuffer(buffer)->getBufferIdentifier(), line, col);
}

mlir::Type MLIRGen::elementType(sema::ElementType type) {
  switch (type) {
  case sema::ElementType::F32:
    return builder.getF32Type();
  case sema::ElementType::F16:
    return builder.getF16Type();
  case sema::ElementType::BF16:
    return builder.getBF16Type();
  case sema::ElementType::I8:
    return builder.getIntegerType(8);
  case sema::ElementType::I32:
    return builder.getIntegerType(32);
  case sema::ElementType::I64:
    return builder.getIntegerType(64);
  case sema::ElementType::U8:
    return builder.getIntegerType(8, /*isSigned=*/false);
  }
  return builder.getF32Type();
}

mlir::RankedTensorType MLIRGen::tensorType(const sema::TensorType &type) {
  llvm::SmallVector<int64_t> shape;
  for (const Dim &d : type.shape)
    shape.push_back(d.isConstant() ? d.getConstant()
                                   : mlir::ShapedType::kDynamic);
  return mlir::RankedTensorType::get(shape, elementType(type.element));
}

/// Each dimension as the dialect's mm.dims wants it: an i64 constant, or a
/// string naming a symbol (or, for a derived result size, its expression).
mlir::ArrayAttr MLIRGen::dimsAttr(const Shape &shape) {
  llvm::SmallVector<mlir::Attribute> dims;
  for (const Dim &d : shape) {
    if (d.isConstant())
      dims.push_back(builder.getI64IntegerAttr(d.getConstant()));
    else
      dims.push_back(builder.getStringAttr(d.str()));
  }
  return builder.getArrayAttr(dims);
}

mlir::Attribute MLIRGen::attribute(const sema::Attribute &attr,
                                   mlir::Type resultType) {
  switch (attr.kind) {
  case sema::Attribute::Int:
    return builder.getI64IntegerAttr(attr.intValue);
  case sema::Attribute::Float:
    return builder.getF64FloatAttr(attr.floatValue);
  case sema::Attribute::Bool:
    return builder.getBoolAttr(attr.boolValue);
  case sema::Attribute::String:
    return builder.getStringAttr(attr.stringValue);
  case sema::Attribute::IntArray:
    return builder.getDenseI64ArrayAttr(attr.ints);
  case sema::Attribute::SymbolRef:
    return mlir::FlatSymbolRefAttr::get(&ctx, attr.stringValue);
  case sema::Attribute::Scalar: {
    auto type = mlir::cast<mlir::ShapedType>(resultType);
    mlir::Type element = type.getElementType();
    mlir::Attribute value;
    if (mlir::isa<mlir::FloatType>(element))
      value = builder.getFloatAttr(element, attr.floatValue);
    else
      value = builder.getIntegerAttr(element, attr.intValue);
    return mlir::DenseElementsAttr::get(type, value);
  }
  }
  return {};
}

mlir::LogicalResult MLIRGen::genFunction(const sema::Function &fn) {
  llvm::SmallVector<mlir::Type> argTypes, resultTypes;
  for (const sema::Argument &arg : fn.args)
    argTypes.push_back(tensorType(arg.type));
  for (const sema::TensorType &type : fn.resultTypes)
    resultTypes.push_back(tensorType(type));

  auto func = builder.create<mlir::func::FuncOp>(
      loc(fn.loc), fn.name, builder.getFunctionType(argTypes, resultTypes));
  func.setPublic();
  llvm::SmallVector<mlir::Attribute> symbols;
  for (const std::string &s : fn.symbols)
    symbols.push_back(builder.getStringAttr(s));
  func->setAttr(MMDialect::kSymbolsAttr, builder.getArrayAttr(symbols));
  if (!fn.symbolMin.empty()) {
    llvm::SmallVector<mlir::NamedAttribute> bounds;
    for (const auto &[name, bound] : fn.symbolMin)
      bounds.push_back(builder.getNamedAttr(name, builder.getI64IntegerAttr(bound)));
    func->setAttr(MMDialect::kSymbolMinAttr, builder.getDictionaryAttr(bounds));
  }
  for (unsigned i = 0; i < fn.args.size(); ++i) {
    func.setArgAttr(i, MMDialect::kNameAttr,
                    builder.getStringAttr(fn.args[i].name));
    func.setArgAttr(i, MMDialect::kDimsAttr, dimsAttr(fn.args[i].type.shape));
  }
  for (unsigned i = 0; i < fn.resultTypes.size(); ++i)
    func.setResultAttr(i, MMDialect::kDimsAttr,
                       dimsAttr(fn.resultTypes[i].shape));

  mlir::Block *entry = func.addEntryBlock();
  for (unsigned i = 0; i < fn.args.size(); ++i)
    entry->getArgument(i).setLoc(loc(fn.args[i].loc));
  mlir::OpBuilder::InsertionGuard guard(builder);
  builder.setInsertionPointToStart(entry);

  std::vector<mlir::Value> values(fn.values.size());
  for (unsigned i = 0; i < fn.args.size(); ++i)
    values[i] = entry->getArgument(i);
  for (const sema::Operation &op : fn.ops) {
    mlir::Location opLoc = loc(op.loc);
    mlir::OperationName name(op.name, &ctx);
    if (!name.isRegistered())
      return mlir::emitError(opLoc)
             << op.what << " is not supported yet (the mm dialect has no '"
             << op.name << "' operation)";
    mlir::OperationState state(opLoc, name);
    for (unsigned operand : op.operands)
      state.addOperands(values[operand]);
    for (unsigned result : op.results)
      state.addTypes(tensorType(fn.values[result]));
    mlir::Type firstResult =
        op.results.empty() ? mlir::Type()
                           : tensorType(fn.values[op.results.front()]);
    for (const sema::Attribute &attr : op.attrs)
      state.addAttribute(attr.name, attribute(attr, firstResult));
    mlir::Operation *created = builder.create(state);
    for (unsigned i = 0; i < op.results.size(); ++i)
      values[op.results[i]] = created->getResult(i);
  }

  llvm::SmallVector<mlir::Value> results;
  for (unsigned id : fn.results)
    results.push_back(values[id]);
  builder.create<mlir::func::ReturnOp>(loc(fn.loc), results);
  return mlir::success();
}

mlir::OwningOpRef<mlir::ModuleOp>
MLIRGen::generate(const sema::Program &program) {
  mlir::OwningOpRef<mlir::ModuleOp> module =
      mlir::ModuleOp::create(loc(program.modelLoc));
  (*module)->setAttr(MMDialect::kModelAttr,
                     builder.getStringAttr(program.modelName));
  builder.setInsertionPointToEnd(module->getBody());
  for (const sema::WeightDecl &w : program.weights)
    builder.create<WeightDeclOp>(loc(w.loc), builder.getStringAttr(w.name),
                                 mlir::TypeAttr::get(tensorType(w.type)));
  for (const sema::Function &fn : program.functions)
    if (mlir::failed(genFunction(fn)))
      return nullptr;
  if (mlir::failed(mlir::verify(*module)))
    return nullptr;
  return module;
}

mlir::OwningOpRef<mlir::ModuleOp> mm::genModule(mlir::MLIRContext &ctx,
                                                llvm::SourceMgr &sm,
                                                const ast::File &file,
                                                llvm::StringRef modelName) {
  ctx.loadDialect<MMDialect, mlir::func::FuncDialect>();
  MLIRGen gen(ctx, sm);
  sema::Program program;
  if (!sema::analyze(file, modelName, gen, program))
    return nullptr;
  return gen.generate(program);
}
