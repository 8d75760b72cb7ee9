"""Readers and writers of the weight and input file formats, for the fuzz
tests (standard library only): .npy, .npz (zip), .safetensors, .mmw (the
FlatBuffer of runtime/schema/mmw.fbs) and 16-bit PCM .wav.

The writers take explicit knobs (header text, field values, layout) so that
a mutation can produce exactly the broken file it wants; with the default
knobs they write valid files, which the tests check first.
"""

import ast
import io
import json
import struct
import warnings
import zipfile

# ===--- .npy --------------------------------------------------------------===

NPY_MAGIC = b"\x93NUMPY"
# numpy descr -> (safetensors dtype, mmw dtype enum, element size)
DTYPES = {
    "<f4": ("F32", 0, 4), "<i4": ("I32", 1, 4), "<i8": ("I64", 2, 8),
    "|u1": ("U8", 3, 1), "<f8": ("F64", None, 8), "|b1": ("BOOL", None, 1),
}


class Npy:
    """An array as read from a .npy: its header fields and raw data."""

    def __init__(self, descr, fortran, shape, data):
        self.descr = descr
        self.fortran = fortran
        self.shape = tuple(shape)
        self.data = data


def parse_npy(blob):
    if not blob.startswith(NPY_MAGIC):
        raise ValueError("not a .npy")
    major = blob[6]
    if major == 1:
        (hlen,) = struct.unpack_from("<H", blob, 8)
        start = 10
    else:
        (hlen,) = struct.unpack_from("<I", blob, 8)
        start = 12
    header = ast.literal_eval(blob[start:start + hlen].decode("latin-1"))
    return Npy(header["descr"], header["fortran_order"], header["shape"],
               blob[start + hlen:])


def npy_header_text(descr, fortran, shape):
    if not isinstance(shape, str):
        shape = repr(tuple(shape))
    return "{'descr': %r, 'fortran_order': %s, 'shape': %s, }" % (
        descr, fortran, shape)


def make_npy(header_text, data, version=(1, 0), hlen=None, magic=NPY_MAGIC,
             pad=True):
    """A .npy of the given header text (a dict literal, normally), padded
    with spaces and a newline so that the data starts 64-byte aligned."""
    head = header_text.encode("latin-1", "replace") \
        if isinstance(header_text, str) else header_text
    size_field = 2 if version[0] == 1 else 4
    if pad:
        total = len(magic) + 2 + size_field + len(head) + 1
        head += b" " * (-total % 64) + b"\n"
    if hlen is None:
        hlen = len(head)
    fmt = "<H" if size_field == 2 else "<I"
    hlen &= 0xffff if size_field == 2 else 0xffffffff
    return (magic + bytes(version) + struct.pack(fmt, hlen) + head + data)


def write_npy(array, **knobs):
    return make_npy(npy_header_text(array.descr, array.fortran, array.shape),
                    array.data, **knobs)


# ===--- .npz --------------------------------------------------------------===


def read_npz(path):
    """[(member name, member bytes)] in archive order."""
    with zipfile.ZipFile(path) as z:
        return [(info.filename, z.read(info)) for info in z.infolist()]


def make_zip(entries, deflated=()):
    """entries: [(name, bytes)]; names in `deflated` are compressed. Names
    are written as given (duplicates too)."""
    out = io.BytesIO()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # duplicate names are wanted here
        with zipfile.ZipFile(out, "w") as z:
            for name, data in entries:
                info = zipfile.ZipInfo(name, date_time=(2024, 1, 1, 0, 0, 0))
                info.compress_type = (zipfile.ZIP_DEFLATED
                                      if name in deflated
                                      else zipfile.ZIP_STORED)
                z.writestr(info, data)
    return out.getvalue()


def zip_fields(blob):
    """The structural fields of a zip: [(offset, size, label)], and the data
    regions of its entries [(offset, size)] (best effort, for well-formed
    input)."""
    fields, regions = [], []
    eocd = blob.rfind(b"PK\x05\x06")
    if eocd < 0:
        return fields, regions
    for off, size, label in ((4, 2, "disk"), (6, 2, "cd disk"),
                             (8, 2, "entries on disk"), (10, 2, "entries"),
                             (12, 4, "cd size"), (16, 4, "cd offset"),
                             (20, 2, "comment length")):
        fields.append((eocd + off, size, "eocd " + label))
    (count,) = struct.unpack_from("<H", blob, eocd + 10)
    (cd,) = struct.unpack_from("<I", blob, eocd + 16)
    for _ in range(count):
        if blob[cd:cd + 4] != b"PK\x01\x02":
            break
        for off, size, label in ((0, 4, "signature"), (4, 2, "made by"),
                                 (6, 2, "version"), (8, 2, "flags"),
                                 (10, 2, "method"), (16, 4, "crc"),
                                 (20, 4, "compressed size"),
                                 (24, 4, "size"), (28, 2, "name length"),
                                 (30, 2, "extra length"),
                                 (32, 2, "comment length"),
                                 (34, 2, "disk"), (42, 4, "local offset")):
            fields.append((cd + off, size, "central " + label))
        name_len, extra_len, comment_len = struct.unpack_from("<HHH", blob,
                                                              cd + 28)
        (local,) = struct.unpack_from("<I", blob, cd + 42)
        (csize,) = struct.unpack_from("<I", blob, cd + 20)
        fields.append((cd + 46, name_len, "central name"))
        if blob[local:local + 4] == b"PK\x03\x04":
            for off, size, label in ((0, 4, "signature"), (6, 2, "flags"),
                                     (8, 2, "method"), (14, 4, "crc"),
                                     (18, 4, "compressed size"),
                                     (22, 4, "size"), (26, 2, "name length"),
                                     (28, 2, "extra length")):
                fields.append((local + off, size, "local " + label))
            lname, lextra = struct.unpack_from("<HH", blob, local + 26)
            start = local + 30 + lname + lextra
            # (The .npy inside is mutated before it is archived: bytes
            # changed here would only fail the CRC-32 check.)
            regions.append((start, csize))
        cd += 46 + name_len + extra_len + comment_len
    return fields, regions


# ===--- .safetensors ------------------------------------------------------===


def json_text(value):
    """JSON of value, where a list of pairs wrapped in Obj is written as an
    object in that order (duplicate keys included) and Raw text verbatim."""
    if isinstance(value, Obj):
        return "{" + ",".join(json_text(k) + ":" + json_text(v)
                              for k, v in value.pairs) + "}"
    if isinstance(value, Raw):
        return value.text
    if isinstance(value, list):
        return "[" + ",".join(json_text(v) for v in value) + "]"
    return json.dumps(value)


class Obj:
    def __init__(self, pairs):
        self.pairs = pairs


class Raw:
    def __init__(self, text):
        self.text = text


def safetensors_header(tensors):
    """tensors: [(name, Npy)] -> (header Obj, data bytes)."""
    pairs, data = [], b""
    for name, array in tensors:
        dtype = DTYPES.get(array.descr, ("F32",))[0]
        pairs.append((name, Obj([("dtype", dtype),
                                 ("shape", list(array.shape)),
                                 ("data_offsets",
                                  [len(data), len(data) + len(array.data)])])))
        data += array.data
    pairs.append(("__metadata__", Obj([("format", "pt")])))
    return Obj(pairs), data


def make_safetensors(header, data, header_len=None, pad=b" "):
    text = json_text(header) if not isinstance(header, (bytes, str)) \
        else header
    if isinstance(text, str):
        text = text.encode("utf-8", "surrogateescape")
    if pad:
        text += pad * (-len(text) % 8)
    if header_len is None:
        header_len = len(text)
    return struct.pack("<Q", header_len & (2 ** 64 - 1)) + text + data


# ===--- .mmw (FlatBuffer) -------------------------------------------------===


class MmwTensor:
    def __init__(self, name, dtype, shape, data):
        self.name = name  # bytes
        self.dtype = dtype  # int, None when absent (F32)
        self.shape = shape  # list of ints, None when absent
        self.data = data  # bytes, None when absent


class Mmw:
    def __init__(self, version, model, manifest_hash, tensors):
        self.version = version
        self.model = model  # bytes
        self.manifest_hash = manifest_hash
        self.tensors = tensors


def _table_fields(buf, pos):
    (soff,) = struct.unpack_from("<i", buf, pos)
    vt = pos - soff
    vt_size, _ = struct.unpack_from("<HH", buf, vt)
    n = (vt_size - 4) // 2
    offs = struct.unpack_from("<%dH" % n, buf, vt + 4)
    return vt, vt_size, [pos + o if o else None for o in offs]


def _deref(buf, pos):
    return pos + struct.unpack_from("<I", buf, pos)[0]


def _vector(buf, pos):
    start = _deref(buf, pos)
    (n,) = struct.unpack_from("<I", buf, start)
    return start, n


def read_mmw(buf):
    """(Mmw, [(offset, size, label)] of every structural field)."""
    fields = [(0, 4, "root offset"), (4, 4, "file identifier")]
    root = _deref(buf, 0)
    vt, vt_size, f = _table_fields(buf, root)
    fields += [(root, 4, "root vtable offset"), (vt, 2, "root vtable size"),
               (vt + 2, 2, "root table size")]
    fields += [(vt + 4 + 2 * i, 2, "root vtable entry %d" % i)
               for i in range((vt_size - 4) // 2)]
    get = lambda i: f[i] if i < len(f) else None  # noqa: E731
    version = struct.unpack_from("<I", buf, get(0))[0] if get(0) else 0
    if get(0):
        fields.append((get(0), 4, "version"))
    model = b""
    if get(1):
        start, n = _vector(buf, get(1))
        model = bytes(buf[start + 4:start + 4 + n])
        fields += [(get(1), 4, "model offset"), (start, 4, "model length"),
                   (start + 4, n + 1, "model bytes")]
    manifest_hash = struct.unpack_from("<Q", buf, get(2))[0] if get(2) else 0
    if get(2):
        fields.append((get(2), 8, "manifest hash"))
    tensors = []
    if get(3):
        start, n = _vector(buf, get(3))
        fields += [(get(3), 4, "tensors offset"),
                   (start, 4, "tensor count")]
        for k in range(n):
            slot = start + 4 + 4 * k
            fields.append((slot, 4, "tensor %d offset" % k))
            table = _deref(buf, slot)
            tvt, tvt_size, tf = _table_fields(buf, table)
            fields += [(table, 4, "tensor %d vtable offset" % k),
                       (tvt, 2, "tensor %d vtable size" % k)]
            fields += [(tvt + 4 + 2 * i, 2,
                        "tensor %d vtable entry %d" % (k, i))
                       for i in range((tvt_size - 4) // 2)]
            tget = lambda i: tf[i] if i < len(tf) else None  # noqa: E731
            name = b""
            if tget(0):
                s, ln = _vector(buf, tget(0))
                name = bytes(buf[s + 4:s + 4 + ln])
                fields += [(tget(0), 4, "tensor %d name offset" % k),
                           (s, 4, "tensor %d name length" % k),
                           (s + 4, ln + 1, "tensor %d name bytes" % k)]
            dtype = None
            if tget(1):
                dtype = struct.unpack_from("<b", buf, tget(1))[0]
                fields.append((tget(1), 1, "tensor %d dtype" % k))
            shape = None
            if tget(2):
                s, ln = _vector(buf, tget(2))
                shape = list(struct.unpack_from("<%dq" % ln, buf, s + 4))
                fields += [(tget(2), 4, "tensor %d shape offset" % k),
                           (s, 4, "tensor %d rank" % k)]
                fields += [(s + 4 + 8 * i, 8, "tensor %d dim %d" % (k, i))
                           for i in range(ln)]
            data = None
            if tget(3):
                s, ln = _vector(buf, tget(3))
                data = bytes(buf[s + 4:s + 4 + ln])
                fields += [(tget(3), 4, "tensor %d data offset" % k),
                           (s, 4, "tensor %d data length" % k)]
            tensors.append(MmwTensor(name, dtype, shape, data))
    return Mmw(version, model, manifest_hash, tensors), fields


class _Out:
    def __init__(self):
        self.buf = bytearray()
        self.fixups = []  # (position of a uoffset, key of its target)
        self.where = {}

    def align(self, n, extra=0):
        """Pads so that the next write + extra is n-aligned."""
        while (len(self.buf) + extra) % n:
            self.buf.append(0)

    def here(self, key=None):
        if key is not None:
            self.where[key] = len(self.buf)
        return len(self.buf)

    def put(self, fmt, *values):
        self.buf += struct.pack("<" + fmt, *values)

    def ref(self, key):
        self.fixups.append((len(self.buf), key))
        self.put("I", 0)

    def finish(self):
        for pos, key in self.fixups:
            target = self.where.get(key)
            value = (target - pos) if target is not None else key[1]
            struct.pack_into("<I", self.buf, pos, value & 0xffffffff)
        return bytes(self.buf)


def write_mmw(m, identifier=b"MMW1", data_align=64, data_skew=0,
              omit=(), tensor_count=None, shape_count=None,
              data_length=None):
    """A .mmw laid out front to back (every uoffset points forward, as the
    format requires). Knobs: omit root fields ("version", "model", "hash",
    "tensors"); data_skew moves every data vector off its 64-byte
    alignment; tensor_count, shape_count and data_length: {index: value}
    override the length fields written (a lying file)."""
    out = _Out()
    out.ref(("root", 0))
    out.buf += identifier[:4].ljust(4, b"\0")
    # Root vtable: version, model, manifest_hash, tensors.
    present = [n not in omit for n in ("version", "model", "hash", "tensors")]
    offsets = [4, 16, 8, 20]
    out.align(2)
    vt = out.here()
    out.put("HH", 4 + 2 * 4, 24)
    for p, o in zip(present, offsets):
        out.put("H", o if p else 0)
    out.align(8)
    root = out.here(("root", 0))
    out.put("i", root - vt)
    out.put("I", m.version & 0xffffffff)
    out.put("Q", m.manifest_hash & (2 ** 64 - 1))
    out.ref(("model", 0))
    out.ref(("tensors", 0))
    # Model name.
    out.align(4)
    out.here(("model", 0))
    out.put("I", len(m.model))
    out.buf += m.model + b"\0"
    # Vector of tensor tables.
    out.align(4)
    out.here(("tensors", 0))
    count = (tensor_count or {}).get(0, len(m.tensors))
    out.put("I", count & 0xffffffff)
    for k in range(len(m.tensors)):
        out.ref(("tensor", k))
    for k, t in enumerate(m.tensors):
        out.align(2)
        tvt = out.here()
        fields = [t.name is not None, t.dtype is not None,
                  t.shape is not None, t.data is not None]
        out.put("HH", 4 + 2 * 4, 20)
        for p, o in zip(fields, [4, 16, 8, 12]):
            out.put("H", o if p else 0)
        out.align(4)
        table = out.here(("tensor", k))
        out.put("i", table - tvt)
        out.ref(("name", k))
        out.ref(("shape", k))
        out.ref(("data", k))
        out.put("b", t.dtype if t.dtype is not None else 0)
        out.buf += b"\0\0\0"
        if t.name is not None:
            out.align(4)
            out.here(("name", k))
            out.put("I", len(t.name))
            out.buf += t.name + b"\0"
        if t.shape is not None:
            out.align(8, extra=4)
            out.here(("shape", k))
            out.put("I", (shape_count or {}).get(k, len(t.shape)) & 0xffffffff)
            for d in t.shape:
                out.put("Q", d & (2 ** 64 - 1))
    for k, t in enumerate(m.tensors):
        if t.data is not None:
            out.align(data_align, extra=4 + data_skew)
            out.here(("data", k))
            out.put("I", (data_length or {}).get(k, len(t.data)) & 0xffffffff)
            out.buf += t.data
    out.align(data_align)
    return out.finish()


# ===--- .wav --------------------------------------------------------------===


def make_wav(samples=b"", channels=1, rate=16000, bits=16, fmt_tag=1,
             block_align=None, byte_rate=None, fmt_size=16, riff=b"RIFF",
             wave=b"WAVE", riff_size=None, data_size=None, chunks=None):
    """A PCM .wav; chunks (a list of (id, bytes)) replaces the fmt+data
    chunks when given."""
    if block_align is None:
        block_align = channels * bits // 8
    if byte_rate is None:
        byte_rate = rate * block_align
    fmt = struct.pack("<HHIIHH", fmt_tag & 0xffff, channels & 0xffff,
                      rate & 0xffffffff, byte_rate & 0xffffffff,
                      block_align & 0xffff, bits & 0xffff)
    fmt = fmt.ljust(fmt_size, b"\0")[:max(fmt_size, 0)]
    if chunks is None:
        chunks = [(b"fmt ", fmt), (b"data", samples)]
    body = b""
    for cid, payload in chunks:
        size = len(payload)
        if cid == b"data" and data_size is not None:
            size = data_size
        body += cid + struct.pack("<I", size & 0xffffffff) + payload
        if len(payload) % 2:
            body += b"\0"
    size = len(body) + 4 if riff_size is None else riff_size
    return riff + struct.pack("<I", size & 0xffffffff) + wave + body
