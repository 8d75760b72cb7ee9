# PyTorch twins of the tensor-function tests test/e2e/ops/fn_*.mm. Loaded by
# op_ref.py with its helpers (twin, layers, normal, ...) in scope; each twin
# mirrors its .mm fn line by line.

# ===--- views: transpose, permute, flatten, reshape, stack ----------------===


@twin
def op_fn_views():
    m = layers()

    def inputs(rng, B, T):
        return {"x": normal(rng, B, 6, 4, 5), "y": normal(rng, B, T, 12)}

    def forward(m, x, y):
        B, T = y.shape[0], y.shape[1]
        return (torch.transpose(x, 1, 3), torch.transpose(y, 0, 1),
                torch.transpose(y, -1, -2), x.permute(0, 2, 3, 1),
                y.permute(2, 0, 1), torch.flatten(x, start_dim=1),
                torch.flatten(x, start_dim=1, end_dim=2),
                y.reshape(B, T, 3, 4), y.reshape(T, B, -1),
                x.reshape(B, -1), x.reshape(-1, 4, 30),
                torch.sum(y.reshape(-1, 6), dim=0),
                torch.transpose(torch.flatten(x, start_dim=2), 1, 2))

    return m, inputs, forward


@twin
def op_fn_stack():
    m = layers()

    def inputs(rng, B, T):
        return {"a": normal(rng, B, T), "b": normal(rng, B, T),
                "c": normal(rng, B, T)}

    def forward(m, a, b, c):
        return (torch.stack([a, b, c]), torch.stack([a, b], dim=1),
                torch.stack([c, a, b, a], dim=-1), torch.stack([a]))

    return m, inputs, forward


# ===--- softmax, log_softmax, normalize -----------------------------------===


@twin
def op_fn_softmax():
    m = layers()

    def inputs(rng, B, T):
        x = normal(rng, B, T, 9, scale=3.0)
        x[0, 0] += 80.0  # exp(80) overflows float32 without the max shift
        return {"x": x}

    def forward(m, x):
        return (torch.softmax(x, dim=-1), torch.softmax(x, dim=1),
                torch.log_softmax(x, dim=2), torch.log_softmax(x, dim=0))

    return m, inputs, forward


@twin
def op_fn_normalize():
    m = layers()

    def inputs(rng, B, T):
        x = normal(rng, B, T, 8)
        x[0, 0] = 0.0  # a zero vector: the norm is clamped to eps
        return {"x": x}

    def forward(m, x):
        return (F.normalize(x), F.normalize(x, dim=-1),
                F.normalize(x, p=1.0, dim=2), F.normalize(x, 3.0, 0),
                F.normalize(x, dim=2, eps=0.5))

    return m, inputs, forward


# ===--- zeros_like, ones_like, to -----------------------------------------===


@twin
def op_fn_like_to():
    m = layers()

    def inputs(rng, B, T):
        x = rng.uniform(-6.0, 6.0, size=(B, T)).astype(np.float32)
        x.flat[0] = -2.75  # truncation toward zero, not floor
        ids = rng.integers(-1000, 1000, size=(B, T)).astype(np.int32)
        return {"x": x, "ids": ids}

    def forward(m, x, ids):
        # x and ids arrive as float64 / int64 (op_ref.py's oracle); the
        # conversions below are exact for their values either way.
        return (torch.zeros_like(x), torch.ones_like(x),
                x.to(torch.int32).to(torch.float32),
                x.to(torch.int64).to(torch.float32), ids.to(torch.float32),
                torch.ones_like(ids).to(torch.float32) + x)

    return m, inputs, forward


# ===--- pooling and interpolation -----------------------------------------===


@twin
def op_fn_pool():
    m = layers()

    def inputs(rng, B, H, W):
        return {"x": normal(rng, B, 3, 9, 11), "y": normal(rng, 4, H, W)}

    def forward(m, x, y):
        return (F.max_pool2d(x, 2),
                F.max_pool2d(x, (3, 2), stride=(2, 1), padding=(1, 0),
                             dilation=(1, 2)),
                F.max_pool2d(x, 3, 3, 1, 1, True),
                F.avg_pool2d(x, 3, stride=2, padding=1, ceil_mode=True),
                F.avg_pool2d(x, 3, stride=2, padding=1,
                             count_include_pad=False),
                F.adaptive_avg_pool2d(x, 1), F.adaptive_avg_pool2d(x, (4, 3)),
                F.adaptive_avg_pool2d(y, (2, 3)),
                torch.sum(F.max_pool2d(y, 2, ceil_mode=True), dim=(1, 2)),
                torch.sum(F.avg_pool2d(y, 3, 2, 1), dim=(1, 2)))

    return m, inputs, forward


@twin
def op_fn_interpolate():
    m = layers()

    def inputs(rng, B, T):
        return {"x": normal(rng, B, 3, 5, 7), "s": normal(rng, B, 2, T)}

    def forward(m, x, s):
        bilinear = dict(mode="bilinear", align_corners=False)
        return (F.interpolate(x, size=(8, 9), **bilinear),
                F.interpolate(x, scale_factor=2.0, **bilinear),
                F.interpolate(x, size=(3, 4), **bilinear),
                F.interpolate(x, scale_factor=1.5, mode="nearest"),
                F.interpolate(x, size=4, mode="nearest"),
                F.interpolate(s, size=11, mode="linear", align_corners=False),
                F.interpolate(s, size=6, mode="nearest"),
                F.interpolate(x, size=(8, 9), mode="bicubic",
                              align_corners=False),
                F.interpolate(x, scale_factor=0.6, mode="bicubic",
                              align_corners=False))

    return m, inputs, forward


@twin
def op_fn_to_u8():
    # op_ref.py writes i32 inputs only: fn_to_u8.mm converts `img` to u8
    # itself and names this twin (which skips the signature check).
    m = layers()

    def inputs(rng, B):
        img = rng.integers(0, 256, size=(B, 3, 4, 5)).astype(np.int32)
        img.flat[:3] = [0, 128, 255]
        return {"img": img}

    def forward(m, img):
        img = img.to(torch.uint8)
        return (img.to(torch.float32) / 255.0,
                (img.to(torch.int32) - 128).to(torch.uint8).to(torch.float32))

    return m, inputs, forward
