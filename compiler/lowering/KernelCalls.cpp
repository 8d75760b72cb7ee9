//===- KernelCalls.cpp - mm ops to calls of the Halide kernels ------------===//
//
// `mm-kernel-calls` replaces the ops that have a Halide kernel
// (compiler/halide/README.md) by a `func.call` of an external function per
// kernel instance, before `convert-mm-to-linalg` lowers everything else.
//
// The call is on memrefs, not tensors, so that bufferization never has to
// guess what an external function does with its arguments: inputs come from
// `bufferization.to_memref {read_only}`, outputs are `memref.alloc`s handed to
// the kernel (destination style) and read back with
// `bufferization.to_tensor restrict writable`. Every argument has a fully
// dynamic shape and strided layout, so that any buffer one-shot-bufferize
// picks for an input converts to it with a `memref.cast`, and the declaration
// only depends on the ranks. The declaration carries `llvm.emit_c_interface`:
// the code calls `_mlir_ciface_<name>(descriptors...)`, which the library's
// C glue defines (compiler/codegen/Kernels.cpp) to build the
// halide_buffer_t's and call the Halide AOT function.
//
// The declaration also records what mmc needs to build the kernel:
// `mm.kernel.generator` (the generator of mm-halide-gen),
// `mm.kernel.params` (its GeneratorParams, "name=value") and
// `mm.kernel.heads` (per argument: split the last dimension in that many
// heads for the attention kernel, else 0). The name is
// `mm_k_<family>_<hash of all three>`.
//
// Configurations a kernel does not support keep the linalg lowering.
//
//===----------------------------------------------------------------------===//
#include "compiler/passes/Passes.h"
#include "dialects/mm/MMOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Bufferization/IR/Bufferization.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/Matchers.h"
#include "mlir/IR/SymbolTable.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/xxhash.h"

#include <cmath>
#include <cstdio>

namespace mm {
#define GEN_PASS_DEF_KERNELCALLS
#include "compiler/passes/Passes.h.inc"
} // namespace mm

using namespace mlir;

namespace {

/// One argument of a kernel: a tensor read (input) and, for the attention
/// kernel, how many heads its last dimension holds.
struct KernelInput {
  Value tensor;
  int64_t heads = 0;
};

/// One result of a kernel: its tensor type and its dynamic sizes, in order.
struct KernelOutput {
  RankedTensorType type;
  SmallVector<Value> dynamicSizes;
  int64_t heads = 0;
};

std::string formatDouble(double value) {
  char buffer[64];
  std::snprintf(buffer, sizeof(buffer), "%.9g", value);
  return buffer;
}

/// Fully dynamic memref of RANK: what every kernel argument is declared as.
MemRefType dynamicMemRef(MLIRContext *ctx, int64_t rank, Type elementType) {
  SmallVector<int64_t> shape(rank, ShapedType::kDynamic);
  SmallVector<int64_t> strides(rank, ShapedType::kDynamic);
  return MemRefType::get(shape, elementType,
                         StridedLayoutAttr::get(ctx, ShapedType::kDynamic, strides));
}

/// Replaces nothing: builds the call of kernel FAMILY/GENERATOR with PARAMS
/// at B's insertion point and returns the result tensors.
SmallVector<Value> buildKernelCall(OpBuilder &b, Location loc, ModuleOp module,
                                   StringRef family, StringRef generator,
                                   ArrayRef<std::string> params,
                                   ArrayRef<KernelInput> inputs,
                                   ArrayRef<KernelOutput> outputs) {
  MLIRContext *ctx = b.getContext();
  SmallVector<Value> operands;
  SmallVector<Type> argTypes;
  SmallVector<int64_t> heads;
  std::string signature;
  auto addOperand = [&](Value memref, int64_t h) {
    auto type = cast<MemRefType>(memref.getType());
    MemRefType declared = dynamicMemRef(ctx, type.getRank(), type.getElementType());
    if (type != declared)
      memref = b.create<memref::CastOp>(loc, declared, memref);
    operands.push_back(memref);
    argTypes.push_back(declared);
    heads.push_back(h);
    llvm::raw_string_ostream os(signature);
    os << declared << ";" << h << ";";
  };
  for (const KernelInput &in : inputs) {
    auto tensorType = cast<RankedTensorType>(in.tensor.getType());
    SmallVector<int64_t> strides(tensorType.getRank(), ShapedType::kDynamic);
    auto type = MemRefType::get(tensorType.getShape(), tensorType.getElementType(),
                                StridedLayoutAttr::get(ctx, ShapedType::kDynamic, strides));
    Value memref = b.create<bufferization::ToMemrefOp>(loc, type, in.tensor, /*read_only=*/true);
    addOperand(memref, in.heads);
  }
  SmallVector<Value> allocs;
  for (const KernelOutput &out : outputs) {
    auto type = MemRefType::get(out.type.getShape(), out.type.getElementType());
    Value alloc = b.create<memref::AllocOp>(loc, type, out.dynamicSizes);
    allocs.push_back(alloc);
    addOperand(alloc, out.heads);
  }

  std::string key = generator.str() + "|" + llvm::join(params, " ") + "|" + signature;
  std::string name = "mm_k_" + family.str() + "_" + llvm::utohexstr(llvm::xxh3_64bits(key),
                                                                    /*LowerCase=*/true);
  auto funcType = FunctionType::get(ctx, argTypes, {});
  if (!module.lookupSymbol<func::FuncOp>(name)) {
    OpBuilder mb = OpBuilder::atBlockEnd(module.getBody());
    auto decl = mb.create<func::FuncOp>(loc, name, funcType);
    decl.setPrivate();
    decl->setAttr("llvm.emit_c_interface", UnitAttr::get(ctx));
    decl->setAttr("mm.kernel.generator", b.getStringAttr(generator));
    SmallVector<Attribute> paramAttrs;
    for (const std::string &p : params)
      paramAttrs.push_back(b.getStringAttr(p));
    decl->setAttr("mm.kernel.params", b.getArrayAttr(paramAttrs));
    decl->setAttr("mm.kernel.heads", b.getI64ArrayAttr(heads));
    decl->setAttr("mm.kernel.num_outputs", b.getI64IntegerAttr(outputs.size()));
  }
  b.create<func::CallOp>(loc, name, TypeRange{}, operands);
  SmallVector<Value> results;
  for (Value alloc : allocs)
    results.push_back(b.create<bufferization::ToTensorOp>(loc, alloc, /*restrict=*/true,
                                                          /*writable=*/true));
  return results;
}

/// VALUE's dimension DIM as an index value.
Value dimValue(OpBuilder &b, Location loc, Value value, int64_t dim) {
  return b.create<tensor::DimOp>(loc, value, dim);
}

/// The dynamic sizes of TYPE, given a function computing dimension I.
SmallVector<Value> dynamicSizes(RankedTensorType type, llvm::function_ref<Value(int64_t)> size) {
  SmallVector<Value> sizes;
  for (int64_t i = 0; i < type.getRank(); ++i)
    if (type.isDynamicDim(i))
      sizes.push_back(size(i));
  return sizes;
}

bool isF32Tensor(Value v, int64_t rank = -1) {
  auto type = dyn_cast<RankedTensorType>(v.getType());
  return type && type.getElementType().isF32() && (rank < 0 || type.getRank() == rank);
}

/// The result tensor of a kernel, cast back to what the op produced.
Value castResult(OpBuilder &b, Location loc, Value result, Type type) {
  if (result.getType() == type)
    return result;
  return b.create<tensor::CastOp>(loc, type, result);
}

//===----------------------------------------------------------------------===//
// lstm, gru
//===----------------------------------------------------------------------===//

template <typename OpTy>
LogicalResult lowerRecurrent(OpTy op, ModuleOp module, StringRef generator) {
  Value input = op.getInput();
  if (!isF32Tensor(input, 3))
    return failure();
  auto inputType = cast<RankedTensorType>(input.getType());
  int64_t inputSize = inputType.getDimSize(2);
  int64_t hidden = op.getHiddenSize(), layers = op.getNumLayers();
  int64_t dirs = op.getNumDirections();
  if (ShapedType::isDynamic(inputSize) ||
      static_cast<int64_t>(op.getWeights().size()) != 4 * layers * dirs)
    return failure();
  for (Value w : op.getWeights())
    if (!isF32Tensor(w))
      return failure();
  for (Value r : op->getResults())
    if (!isF32Tensor(r, 3))
      return failure();

  OpBuilder b(op);
  Location loc = op.getLoc();
  SmallVector<KernelInput> inputs = {{input}};
  for (Value w : op.getWeights())
    inputs.push_back({w});
  SmallVector<KernelOutput> outputs;
  for (Value r : op->getResults()) {
    auto type = cast<RankedTensorType>(r.getType());
    bool isOutput = r == op->getResult(0);
    // output [B, T, D*H]; h_n, c_n [L*D, B, H].
    outputs.push_back({type, dynamicSizes(type, [&](int64_t i) -> Value {
                         if (isOutput)
                           return dimValue(b, loc, input, i);
                         return dimValue(b, loc, input, 0);
                       })});
  }
  std::vector<std::string> params = {
      "input_size=" + std::to_string(inputSize), "hidden_size=" + std::to_string(hidden),
      "num_layers=" + std::to_string(layers),
      std::string("bidirectional=") + (dirs == 2 ? "true" : "false"), "bias=true"};
  StringRef family = generator.drop_front(3); // "mm_lstm" -> "lstm"
  SmallVector<Value> results =
      buildKernelCall(b, loc, module, family, generator, params, inputs, outputs);
  for (auto [r, v] : llvm::zip(op->getResults(), results))
    r.replaceAllUsesWith(castResult(b, loc, v, r.getType()));
  op->erase();
  return success();
}

//===----------------------------------------------------------------------===//
// spectrogram, mel_spectrogram (+ log(x + eps), amplitude_to_db)
//===----------------------------------------------------------------------===//

/// n/2 = 2^a 3^b 5^c: the FFT radices the kernel has.
bool hasKernelFftSize(int64_t nFft) {
  if (nFft < 2 || nFft % 2)
    return false;
  int64_t half = nFft / 2;
  for (int64_t p : {2, 3, 5})
    while (half % p == 0)
      half /= p;
  return half == 1;
}

/// The scalar float constant V holds, if it is one.
std::optional<double> scalarConstant(Value v) {
  auto constant = v.getDefiningOp<mm::ConstantOp>();
  if (!constant)
    return std::nullopt;
  auto elements = dyn_cast<DenseFPElementsAttr>(constant.getValue());
  if (!elements || !elements.isSplat() || elements.getNumElements() != 1)
    return std::nullopt;
  return elements.getSplatValue<APFloat>().convertToDouble();
}

/// Folds what follows the spectrogram SPEC into the kernel's `post` when the
/// kernel computes exactly that: `log(spec + eps)` or `amplitude_to_db`, each
/// the only user of the previous value. Returns the ops folded, in order.
SmallVector<Operation *> matchPost(Operation *spec, std::vector<std::string> &params) {
  Value x = spec->getResult(0);
  if (!x.hasOneUse())
    return {};
  Operation *user = *x.getUsers().begin();
  if (auto db = dyn_cast<mm::AmplitudeToDBOp>(user)) {
    if (db.getType() != x.getType())
      return {};
    params.push_back("post=db");
    params.push_back("db_stype=" + db.getStype().str());
    if (db.getTopDb())
      params.push_back("top_db=" + formatDouble(db.getTopDb()->convertToDouble()));
    return {db};
  }
  auto add = dyn_cast<mm::AddOp>(user);
  if (!add || add.getType() != x.getType() || !add.getResult().hasOneUse())
    return {};
  Value other = add.getLhs() == x ? add.getRhs() : add.getLhs();
  std::optional<double> eps = scalarConstant(other);
  auto log = dyn_cast<mm::LogOp>(*add.getResult().getUsers().begin());
  if (!eps || !log)
    return {};
  params.push_back("post=log");
  params.push_back("log_eps=" + formatDouble(*eps));
  return {add, log};
}

template <typename OpTy>
LogicalResult lowerSpectrogram(OpTy op, ModuleOp module, std::vector<std::string> params) {
  Value audio = op.getInput();
  if (!isF32Tensor(audio, 2) || !isF32Tensor(op.getResult(), 3) || !op.getCenter() ||
      op.getPad() != 0 || op.getPadMode() != "reflect" || !hasKernelFftSize(op.getNFft()) ||
      op.getHopLength() < 1 || op.getWinLength() < 1 || op.getWinLength() > op.getNFft())
    return failure();
  double power = op.getPower().convertToDouble();
  if (power != 1.0 && power != 2.0)
    return failure();
  params.insert(params.begin(),
                {"n_fft=" + std::to_string(op.getNFft()),
                 "win_length=" + std::to_string(op.getWinLength()),
                 "hop_length=" + std::to_string(op.getHopLength()),
                 "power=" + std::to_string(static_cast<int>(power)),
                 std::string("normalized=") + (op.getNormalized() ? "true" : "false")});
  SmallVector<Operation *> folded = matchPost(op, params);
  Operation *last = folded.empty() ? op.getOperation() : folded.back();

  OpBuilder b(last);
  Location loc = op.getLoc();
  auto type = cast<RankedTensorType>(op.getType());
  int64_t hop = op.getHopLength();
  KernelOutput out{type, dynamicSizes(type, [&](int64_t i) -> Value {
                     if (i == 0)
                       return dimValue(b, loc, audio, 0);
                     // frames = 1 + L / hop (center, n_fft/2 on both sides)
                     Value length = dimValue(b, loc, audio, 1);
                     Value q = b.create<arith::DivUIOp>(
                         loc, length, b.create<arith::ConstantIndexOp>(loc, hop));
                     return b.create<arith::AddIOp>(loc, q,
                                                    b.create<arith::ConstantIndexOp>(loc, 1));
                   })};
  SmallVector<Value> results = buildKernelCall(b, loc, module, "spectrogram", "mm_spectrogram",
                                               params, {{audio}}, {out});
  Value replacement = castResult(b, loc, results[0], last->getResult(0).getType());
  last->getResult(0).replaceAllUsesWith(replacement);
  for (Operation *o : llvm::reverse(folded))
    o->erase();
  op->erase();
  return success();
}

LogicalResult lowerSpectrogramOp(mm::SpectrogramOp op, ModuleOp module) {
  return lowerSpectrogram(op, module, {});
}

LogicalResult lowerMelOp(mm::MelSpectrogramOp op, ModuleOp module) {
  StringRef norm = op.getNorm(), scale = op.getMelScale();
  if ((norm != "" && norm != "slaney") || (scale != "htk" && scale != "slaney") ||
      op.getNMels() < 1)
    return failure();
  return lowerSpectrogram(
      op, module,
      {"n_mels=" + std::to_string(op.getNMels()),
       "sample_rate=" + std::to_string(op.getSampleRate()),
       "f_min=" + formatDouble(op.getFMin().convertToDouble()),
       "f_max=" + formatDouble(op.getFMaxOrDefault()), "mel_scale=" + scale.str(),
       "norm=" + (norm.empty() ? std::string("none") : norm.str())});
}

//===----------------------------------------------------------------------===//
// multihead_attention: projections as mm.linear, the core as a kernel
//===----------------------------------------------------------------------===//

/// Rows [first*E, (first + count)*E) of attention's packed in_proj weight
/// or bias W (q, k and v are its parts 0, 1 and 2).
Value inProjRows(OpBuilder &b, Location loc, Value w, int64_t e, int64_t first, int64_t count) {
  auto type = cast<RankedTensorType>(w.getType());
  if (first == 0 && count == 3)
    return w;
  SmallVector<int64_t> shape(type.getShape());
  shape[0] = count * e;
  SmallVector<OpFoldResult> offsets(type.getRank(), b.getIndexAttr(0)), sizes,
      strides(type.getRank(), b.getIndexAttr(1));
  offsets[0] = b.getIndexAttr(first * e);
  for (int64_t size : shape)
    sizes.push_back(b.getIndexAttr(size));
  return b.create<tensor::ExtractSliceOp>(
      loc, RankedTensorType::get(shape, type.getElementType()), w, offsets, sizes, strides);
}

/// When the memory of a cross-attention OP (its key and value) is
/// `linear(m, w1, b1)` used by nothing else, the joint k/v projection
/// `linear(linear(m, w1, b1), wkv, bkv)` is
/// `linear(m, wkv @ w1, wkv @ b1 + bkv)`: the composed weights cost one
/// [2E, E] x [E, in] product per call instead of a [T, E] x [E, 2E] one per
/// batch item (W2: in 80, E 256, T 301 -> half the multiplies at B 1, a
/// quarter at B 16). Exact in real arithmetic; in floats it rounds in
/// another order, within the tolerance of the tests (1e-4 of max |ref|).
/// Done only when it saves multiplies at batch 1 with the memory's static
/// length (m narrower than the memory, or the memory long enough).
/// Returns the [B, T, 2E] projection, or null (nothing changed).
Value foldMemoryProjection(OpBuilder &b, Location loc, mm::MultiheadAttentionOp op, int64_t e) {
  auto inner = op.getKey().getDefiningOp<mm::LinearOp>();
  if (!inner || llvm::any_of(inner->getUsers(), [&](Operation *u) { return u != op; }))
    return {};
  Value m = inner.getInput(), w1 = inner.getWeight(), b1 = inner.getBias();
  auto mType = dyn_cast<RankedTensorType>(m.getType());
  auto keyType = cast<RankedTensorType>(op.getKey().getType());
  if (!mType || mType.getRank() != 3 || !isF32Tensor(m) || !isF32Tensor(w1) ||
      (b1 && !isF32Tensor(b1)))
    return {};
  int64_t in = mType.getDimSize(2), length = keyType.getDimSize(1);
  if (ShapedType::isDynamic(in) || ShapedType::isDynamic(length))
    return {};
  // Multiplies of one batch item, as they are and folded.
  int64_t now = length * (in * e + e * 2 * e);
  int64_t folded = length * in * 2 * e + 2 * e * e * in;
  if (folded >= now)
    return {};

  Type f32 = b.getF32Type();
  Value wkv = inProjRows(b, loc, op.getInProjWeight(), e, 1, 2);
  Value weight =
      b.create<mm::MatmulOp>(loc, RankedTensorType::get({2 * e, in}, f32), wkv, w1);
  Value bias = op.getInProjBias() ? inProjRows(b, loc, op.getInProjBias(), e, 1, 2) : Value();
  if (b1) {
    auto biasType = RankedTensorType::get({2 * e}, f32);
    Value moved = b.create<mm::MatmulOp>(loc, biasType, wkv, b1);
    bias = bias ? b.create<mm::AddOp>(loc, biasType, moved, bias).getResult() : moved;
  }
  auto type = RankedTensorType::get({mType.getDimSize(0), length, 2 * e}, f32);
  return b.create<mm::LinearOp>(loc, type, m, weight, bias);
}

/// The input projections that share an input are one mm.linear on the
/// rows of in_proj they need (q, k and v of self-attention; k and v of
/// attention over one memory), and the kernel reads each part of it
/// through a strided view.
LogicalResult lowerAttention(mm::MultiheadAttentionOp op, ModuleOp module) {
  Value query = op.getQuery(), key = op.getKey(), value = op.getValue();
  if (!isF32Tensor(query, 3) || !isF32Tensor(key, 3) || !isF32Tensor(value, 3) ||
      !isF32Tensor(op.getResult(), 3))
    return failure();
  Value mask = op.getKeyPaddingMask();
  if (mask) {
    auto maskType = dyn_cast<RankedTensorType>(mask.getType());
    if (!maskType || maskType.getRank() != 2 || !maskType.getElementType().isInteger(8))
      return failure(); // a float or wider mask keeps the linalg path
  }
  auto queryType = cast<RankedTensorType>(query.getType());
  int64_t e = queryType.getDimSize(2), heads = op.getNumHeads();
  if (ShapedType::isDynamic(e) || heads < 1 || e % heads)
    return failure();
  for (Value p : op.getParams())
    if (p != mask && !isF32Tensor(p))
      return failure();

  OpBuilder b(op);
  Location loc = op.getLoc();
  Type f32 = b.getF32Type();
  // X projected on COUNT consecutive parts of in_proj (q, k, v) at once: one
  // matmul reads X once for all of them.
  auto project = [&](Value x, int64_t first, int64_t count) -> Value {
    auto xType = cast<RankedTensorType>(x.getType());
    auto type =
        RankedTensorType::get({xType.getDimSize(0), xType.getDimSize(1), count * e}, f32);
    Value weight = inProjRows(b, loc, op.getInProjWeight(), e, first, count);
    Value bias =
        op.getInProjBias() ? inProjRows(b, loc, op.getInProjBias(), e, first, count) : Value();
    return b.create<mm::LinearOp>(loc, type, x, weight, bias);
  };
  // Features [index*E, index*E + E) of a joint projection P: a strided view
  // for the kernel, no copy.
  auto part = [&](Value p, int64_t index) -> Value {
    auto type = cast<RankedTensorType>(p.getType());
    if (type.getDimSize(2) == e)
      return p;
    SmallVector<OpFoldResult> offsets(3, b.getIndexAttr(0)), sizes, strides(3, b.getIndexAttr(1));
    offsets[2] = b.getIndexAttr(index * e);
    for (int64_t i = 0; i < 2; ++i)
      sizes.push_back(type.isDynamicDim(i) ? OpFoldResult(dimValue(b, loc, p, i))
                                           : OpFoldResult(b.getIndexAttr(type.getDimSize(i))));
    sizes.push_back(b.getIndexAttr(e));
    auto sliceType = RankedTensorType::get({type.getDimSize(0), type.getDimSize(1), e}, f32);
    return b.create<tensor::ExtractSliceOp>(loc, sliceType, p, offsets, sizes, strides);
  };
  Value q, k, v;
  if (query == key && key == value) { // self-attention
    Value qkv = project(query, 0, 3);
    q = part(qkv, 0);
    k = part(qkv, 1);
    v = part(qkv, 2);
  } else if (key == value) { // cross-attention on one memory
    q = project(query, 0, 1);
    Value kv = foldMemoryProjection(b, loc, op, e);
    if (!kv)
      kv = project(key, 1, 2);
    k = part(kv, 0);
    v = part(kv, 1);
  } else {
    q = project(query, 0, 1);
    k = project(key, 1, 1);
    v = project(value, 2, 1);
  }
  SmallVector<KernelInput> inputs = {{q, heads}, {k, heads}, {v, heads}};
  if (mask)
    inputs.push_back({mask});
  auto coreType = RankedTensorType::get({queryType.getDimSize(0), queryType.getDimSize(1), e}, f32);
  KernelOutput out{coreType,
                   dynamicSizes(coreType, [&](int64_t i) { return dimValue(b, loc, q, i); }),
                   heads};
  std::vector<std::string> params = {"head_dim=" + std::to_string(e / heads),
                                     std::string("has_mask=") + (mask ? "true" : "false")};
  SmallVector<Value> core =
      buildKernelCall(b, loc, module, "attention", "mm_attention", params, inputs, {out});
  Value result = b.create<mm::LinearOp>(loc, op.getType(), core[0], op.getOutProjWeight(),
                                        op.getOutProjBias());
  Operation *memory = key.getDefiningOp();
  op.getResult().replaceAllUsesWith(result);
  op->erase();
  // A memory projection folded into the k/v projection is dead now.
  if (memory && isa<mm::LinearOp>(memory) && memory->use_empty())
    memory->erase();
  return success();
}

struct KernelCallsPass : public mm::impl::KernelCallsBase<KernelCallsPass> {
  void runOnOperation() override {
    ModuleOp module = getOperation();
    SmallVector<Operation *> candidates;
    module.walk([&](Operation *op) {
      if (isa<mm::LSTMOp, mm::GRUOp, mm::SpectrogramOp, mm::MelSpectrogramOp,
              mm::MultiheadAttentionOp>(op))
        candidates.push_back(op);
    });
    // A failure only means "no kernel for this configuration": the op stays
    // for convert-mm-to-linalg.
    for (Operation *op : candidates) {
      if (auto lstm = dyn_cast<mm::LSTMOp>(op))
        (void)lowerRecurrent(lstm, module, "mm_lstm");
      else if (auto gru = dyn_cast<mm::GRUOp>(op))
        (void)lowerRecurrent(gru, module, "mm_gru");
      else if (auto spec = dyn_cast<mm::SpectrogramOp>(op))
        (void)lowerSpectrogramOp(spec, module);
      else if (auto mel = dyn_cast<mm::MelSpectrogramOp>(op))
        (void)lowerMelOp(mel, module);
      else if (auto attention = dyn_cast<mm::MultiheadAttentionOp>(op))
        (void)lowerAttention(attention, module);
    }
  }
};

} // namespace
