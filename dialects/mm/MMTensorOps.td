//===- MMTensorOps.td - tensor functions of the mm dialect --*- tablegen -*-===//
//
// Functions of `torch` / `torch.nn.functional` that reshape, normalize or
// pool tensors. Included by MMOps.td; verifiers in MMTensorOps.cpp.
//
//===----------------------------------------------------------------------===//
#ifndef MM_TENSOR_OPS_TD
#define MM_TENSOR_OPS_TD

#endif // MM_TENSOR_OPS_TD
