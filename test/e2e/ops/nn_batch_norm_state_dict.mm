# A BatchNorm's state_dict holds num_batches_tracked (an i64 scalar) beside
# its weights; eval mode ignores it, so mmc pack must accept and skip it, and
# the packed model must still compute what PyTorch computes.
# Checked against the PyTorch twin in ../Inputs/twins_nn.py (float64 oracle),
# max|ours-ref| <= 1e-4 * max|ref|.
#
# RUN: rm -rf %t && mkdir -p %t
# RUN: mmc compile %s -o %t/lib
# RUN: %python %S/../Inputs/op_ref.py %s --seed 16 --weights-out %t/w.npz
# RUN: %python -c "import numpy as np, sys; f = np.load(sys.argv[1]); assert f['bn.num_batches_tracked'].shape == () and f['bn.num_batches_tracked'].dtype == np.int64" %t/w.npz
# RUN: mmc pack %s --from %t/w.npz -o %t/w.mmw
#
# A num_batches_tracked that is not an integer scalar is reported by name.
# RUN: %python -c "import numpy as np, sys; f = dict(np.load(sys.argv[1])); f['bn.num_batches_tracked'] = np.zeros(2, np.float32); np.savez(sys.argv[2], **f)" %t/w.npz %t/bad.npz
# RUN: not mmc pack %s --from %t/bad.npz -o %t/bad.mmw 2>&1 | FileCheck %s --check-prefix=BAD
# BAD: tensor 'bn.num_batches_tracked' has dtype f32 and shape [2], expected an integer scalar
#
# RUN: %python %S/../Inputs/op_ref.py %s --seed 16 --dims B=2,H=3,W=5 --inputs-out %t/b2
# RUN: mm-run %t/lib/libop_nn_batch_norm_state_dict.so --weights %t/w.mmw --input x=%t/b2/x.npy --output-dir %t/b2
# RUN: %python %S/../Inputs/compare.py --all %t/b2 --rtol 1e-4
#
# mmc init draws running_var in [0.5, 1.5): the model's output is finite.
# RUN: mmc init %s -o %t/init.mmw --seed 3
# RUN: mm-run %t/lib/libop_nn_batch_norm_state_dict.so --weights %t/init.mmw --input x=%t/b2/x.npy --output-dir %t/init
# RUN: %python -c "import numpy as np, sys, glob; a = [np.load(f) for f in glob.glob(sys.argv[1] + '/*.npy')]; assert a and all(np.isfinite(x).all() for x in a)" %t/init

model op_nn_batch_norm_state_dict {
  layer bn = batch_norm2d(3)

  fn forward(x: f32[B, 3, H, W]) -> f32[B, 3, H, W] {
    return bn(x)
  }
}
