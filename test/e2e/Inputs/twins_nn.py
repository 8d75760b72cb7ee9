"""PyTorch twins of the layer test models test/e2e/ops/nn_*.mm.

Loaded by op_ref.py (which see), with its helpers in scope: `twin`,
`layers`, `normal`, `nn`, `F`, `torch`, `np`. op_ref.py redraws every
parameter (weights ~ normal(0, 0.3), biases ~ normal(0.1, 0.5)); buffers
such as batch norm's running statistics are drawn here, from the torch
seed op_ref.py sets, so that they are far from their (0, 1) defaults.
"""


def offset_normal(rng, *shape, mean=0.0, scale=1.0):
    """Normal values around MEAN: rows whose mean is far from zero."""
    return (mean + scale * rng.normal(size=shape)).astype(np.float32)


# ===--- layer_norm --------------------------------------------------------===


@twin
def op_nn_layer_norm():
    m = layers(ln=nn.LayerNorm(13), ln2=nn.LayerNorm([4, 6], eps=1e-3))

    def inputs(rng, B, T):
        return {"x": offset_normal(rng, B, T, 13, mean=1.5, scale=2.0),
                "y": offset_normal(rng, B, 4, 6, mean=-3.0, scale=0.5)}

    def forward(m, x, y):
        return m.ln(x), m.ln2(y)

    return m, inputs, forward


# ===--- conv1d, conv2d ----------------------------------------------------===


@twin
def op_nn_conv2d():
    m = layers(c1=nn.Conv2d(3, 8, 3, padding=1),
               c2=nn.Conv2d(8, 8, (3, 5), padding=(1, 2), groups=2, bias=False),
               dw=nn.Conv2d(8, 16, 3, padding=2, dilation=2, groups=8))

    def inputs(rng, B, H, W):
        return {"x": normal(rng, B, 3, H, W)}

    def forward(m, x):
        y = m.c1(x)
        return y, m.dw(torch.relu(m.c2(y)))

    return m, inputs, forward


@twin
def op_nn_conv2d_strided():
    m = layers(c1=nn.Conv2d(3, 8, 3, stride=2, padding=1),
               c2=nn.Conv2d(8, 6, (3, 2), stride=(2, 1), dilation=(1, 2), groups=2,
                            bias=False))

    def inputs(rng, B):
        return {"x": normal(rng, B, 3, 17, 12)}

    def forward(m, x):
        y = torch.relu(m.c1(x))
        return y, m.c2(y)

    return m, inputs, forward


@twin
def op_nn_conv1d():
    m = layers(c1=nn.Conv1d(4, 6, 3, padding=1),
               dw=nn.Conv1d(6, 6, 5, padding=4, dilation=2, groups=6),
               c2=nn.Conv1d(4, 8, 4, stride=3, groups=2, bias=False))

    def inputs(rng, B, L):
        return {"x": normal(rng, B, 4, L), "s": normal(rng, B, 4, 20)}

    def forward(m, x, s):
        return m.dw(m.c1(x)), m.c2(s)

    return m, inputs, forward


@twin
def op_nn_conv2d_im2col():
    m = layers(a=nn.Conv2d(3, 5, 3, padding=1),
               b=nn.Conv2d(5, 6, 3, stride=2, padding=2, dilation=2),
               c=nn.Conv2d(5, 4, (2, 3), stride=(1, 3), bias=False),
               e=nn.Conv2d(4, 3, 3, stride=2, padding=1),
               g=nn.Conv2d(6, 4, 3, padding=1, groups=2),
               d=nn.Conv1d(3, 4, 5, stride=2, padding=2))

    def inputs(rng, B):
        return {"x": normal(rng, B, 3, 11, 37), "s": normal(rng, B, 3, 29)}

    def forward(m, x, s):
        y = torch.relu(m.a(x))
        z = torch.relu(m.b(y))
        return z, m.e(torch.relu(m.c(y))), m.g(z), m.d(s)

    return m, inputs, forward


# ===--- batch_norm --------------------------------------------------------===


def running_stats(*norms):
    """Running statistics far from their (0, 1) defaults, from the torch
    seed op_ref.py set; num_batches_tracked too (eval mode ignores it)."""
    with torch.no_grad():
        for bn in norms:
            bn.running_mean.copy_(1.5 * torch.randn(bn.num_features))
            bn.running_var.copy_(0.05 + 3.0 * torch.rand(bn.num_features))
            bn.num_batches_tracked.fill_(1000)


@twin
def op_nn_batch_norm():
    m = layers(bn1=nn.BatchNorm1d(5), bn1l=nn.BatchNorm1d(6, eps=1e-3),
               bn2=nn.BatchNorm2d(4))
    running_stats(m.bn1, m.bn1l, m.bn2)

    def inputs(rng, B, L, H, W):
        return {"a": offset_normal(rng, B, 5, mean=1.0, scale=2.0),
                "s": offset_normal(rng, B, 6, L, mean=-0.5),
                "x": offset_normal(rng, B, 4, H, W, scale=1.5)}

    def forward(m, a, s, x):
        return m.bn1(a), m.bn1l(s), m.bn2(x)

    return m, inputs, forward


@twin
def op_nn_batch_norm_state_dict():
    m = layers(bn=nn.BatchNorm2d(3))
    running_stats(m.bn)

    def inputs(rng, B, H, W):
        return {"x": offset_normal(rng, B, 3, H, W, mean=0.5, scale=2.0)}

    def forward(m, x):
        return m.bn(x)

    return m, inputs, forward


# ===--- multihead_attention -----------------------------------------------===


def padding_mask(rng, B, S):
    """[B, S] int32, 1 = padding: each row keeps a random prefix of at
    least one key (a query with every key hidden gives NaN in PyTorch)."""
    lengths = rng.integers(1, S + 1, size=B)
    lengths[0] = max(1, S - 2) if S > 1 else 1  # row 0 hides up to two keys
    return (np.arange(S)[None, :] >= lengths[:, None]).astype(np.int32)


@twin
def op_nn_attention():
    m = layers(attn=nn.MultiheadAttention(16, 4, batch_first=True),
               self_attn=nn.MultiheadAttention(12, 3, bias=False, batch_first=True))

    def inputs(rng, B, T, S):
        return {"q": normal(rng, B, T, 16), "kv": normal(rng, B, S, 16),
                "mask": padding_mask(rng, B, S), "x": normal(rng, B, T, 12)}

    def forward(m, q, kv, mask, x):
        return (m.attn(q, kv, kv, need_weights=False)[0],
                m.attn(q, kv, kv, key_padding_mask=mask.bool(), need_weights=False)[0],
                m.self_attn(x, x, x, need_weights=False)[0])

    return m, inputs, forward


@twin
def op_nn_attention_u8():
    m = layers(attn=nn.MultiheadAttention(8, 2, batch_first=True))

    def inputs(rng, B, T, S):
        return {"q": normal(rng, B, T, 8), "k": normal(rng, B, S, 8),
                "v": normal(rng, B, S, 8), "mask": padding_mask(rng, B, S)}

    def forward(m, q, k, v, mask):
        return m.attn(q, k, v, key_padding_mask=mask.bool(), need_weights=False)[0]

    return m, inputs, forward


# ===--- transformer_encoder_layer -----------------------------------------===


@twin
def op_nn_encoder_layer():
    m = layers(post=nn.TransformerEncoderLayer(16, 4, 24, batch_first=True),
               pre=nn.TransformerEncoderLayer(16, 2, dim_feedforward=32, activation="gelu",
                                              layer_norm_eps=1e-6, norm_first=True,
                                              batch_first=True),
               one=nn.TransformerEncoderLayer(6, 1, 10, batch_first=True))

    def inputs(rng, B, S):
        return {"x": normal(rng, B, S, 16), "mask": padding_mask(rng, B, S),
                "y": normal(rng, B, S, 6)}

    def forward(m, x, mask, y):
        return (m.post(x), m.post(x, src_key_padding_mask=mask.bool()),
                m.pre(x, src_key_padding_mask=mask.bool()), m.one(y))

    return m, inputs, forward


# ===--- gru ---------------------------------------------------------------===


@twin
def op_nn_gru():
    m = layers(rnn=nn.GRU(7, 13, batch_first=True),
               deep=nn.GRU(5, 6, 2, bidirectional=True, batch_first=True))

    def inputs(rng, B, T):
        return {"x": normal(rng, B, T, 7), "y": normal(rng, B, T, 5)}

    def forward(m, x, y):
        output, h_n = m.rnn(x)
        deep_output, deep_h_n = m.deep(y)
        return output, h_n, deep_output, deep_h_n, deep_h_n[-1]

    return m, inputs, forward


# ===--- amplitude_to_db ---------------------------------------------------===


@twin
def op_nn_amplitude_to_db():
    m = layers(mel=torchaudio.transforms.MelSpectrogram(
                   sample_rate=16000, n_fft=400, hop_length=160, n_mels=40),
               db=torchaudio.transforms.AmplitudeToDB(top_db=80.0),
               mag=torchaudio.transforms.AmplitudeToDB("magnitude"))

    def inputs(rng, B, F, T):
        s = (10.0 ** rng.uniform(-12.0, 2.0, size=(B, 2, F, T))).astype(np.float32)
        s.flat[::5] = 0.0  # clamped to amin
        return {"audio": audio(rng, B, 4000), "s": s}

    def forward(m, audio, s):
        return m.db(m.mel(audio)), m.db(s), m.mag(s)

    return m, inputs, forward
