"""PyTorch twins of the Halide kernel test models test/e2e/kernels/*.mm.

Loaded by op_ref.py (which see), with its helpers in scope. Each model is
compiled twice by its test (Halide kernels by default, and --no-halide) and
both libraries are checked against the twin.
"""


@twin
def k_lstm_deep():
    m = layers(rnn=nn.LSTM(5, 6, 2, bidirectional=True, batch_first=True))

    def inputs(rng, B, T):
        return {"x": normal(rng, B, T, 5)}

    def forward(m, x):
        output, (h_n, c_n) = m.rnn(x)
        return output, h_n, c_n

    return m, inputs, forward


@twin
def k_audio():
    m = layers(
        mel=torchaudio.transforms.MelSpectrogram(
            sample_rate=16000, n_fft=400, hop_length=160, n_mels=64),
        spec=torchaudio.transforms.Spectrogram(n_fft=512, hop_length=100, power=1.0),
        db=torchaudio.transforms.AmplitudeToDB(top_db=80.0),
        padded=torchaudio.transforms.Spectrogram(n_fft=400, hop_length=200, pad=8))

    def inputs(rng, B):
        return {"audio": audio(rng, B, 3001)}

    def forward(m, audio):
        return (torch.log(m.mel(audio) + 1e-6), m.db(m.spec(audio)), m.padded(audio))

    return m, inputs, forward


@twin
def k_attention():
    m = layers(cross=nn.MultiheadAttention(16, 4, batch_first=True),
               self_attn=nn.MultiheadAttention(12, 3, bias=False, batch_first=True))

    def inputs(rng, B, T, S):
        mask = np.zeros((B, S), dtype=np.int32)
        for b in range(B):
            # every row keeps at least one key
            mask[b, rng.integers(1, S + 1):] = 1 if S > 1 else 0
        return {"q": normal(rng, B, T, 16), "kv": normal(rng, B, S, 16),
                "mask": mask, "x": normal(rng, B, T, 12)}

    def forward(m, q, kv, mask, x):
        return (m.cross(q, kv, kv, key_padding_mask=mask.bool(), need_weights=False)[0],
                m.cross(q, kv, kv, need_weights=False)[0],
                m.self_attn(x, x, x, need_weights=False)[0])

    return m, inputs, forward
