"""Deterministic mutations of the bundled files, for the loader fuzz tests and the fuzz script.

``mutate(data, seed)`` returns the bytes of a damaged or hostile copy of ``data`` and the name
of what was done. The same seed always gives the same mutation; seed ``i`` uses operator
``i % len(OPERATORS)`` so that every operator runs in any range of consecutive seeds.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable

_VALUE = re.compile(rb"^(?P<head>[ \t]*(?:- )?[^\s:#'\"][^:#\n]*:[ \t]+)(?P<value>\S.*)$", re.M)
_KEY_LINE = re.compile(rb"^[ \t]*(?:- )?[^\s:#'\"][^:#\n]*:[ \t]*$", re.M)

TAGS = [
    b"!!bool",
    b"!!int",
    b"!!float",
    b"!!timestamp",
    b"!!str",
    b"!!null",
    b"!!binary",
    b"!!set",
    b"!!omap",
    b"!!pairs",
    b"!!seq",
    b"!!map",
    b"!!merge",
    b"!!python/object:os.system",
    b"!!python/object/apply:os.system",
    b"!!python/name:os.system",
    b"!!python/tuple",
    b"!foo",
    b"!",
    b"!<tag:example.com,2024:x>",
    b"!!",
]
ODD_VALUES = [
    b"maybe",
    b"true",
    b"NO",
    b"null",
    b"~",
    b"2024-02-30",
    b"2024-06-01 25:61:00",
    b"2024-06-01T10:00:00+99:00",
    b"1e999",
    b".nan",
    b"-.inf",
    b"0x1F",
    b"0o17",
    b"1_000",
    b"9" * 5000,
    b"[]",
    b"{}",
    b"[a, [b, {c: d}]]",
    b"{a: b, a: c}",
    b"'unclosed",
    b'"\\xZZ"',
    b"*undefined",
    b"&anchor",
    b"? complex",
    b"- item",
    b"|",
    b">-",
    b"%YAML 1.1",
    b"---",
    b"...",
    b"@at",
    b"`tick",
    b"\xc3\xa9t\xc3\xa9",
    b"\xe9",
    b"\xef\xbb\xbfbom",
    b"\x00",
    b"\t",
    b"\x85",
    b"\xe2\x80\xa8",
]


def _rand_offset(rng: random.Random, data: bytes) -> int:
    return rng.randrange(len(data) + 1)


def _lines(data: bytes) -> list[bytes]:
    return data.split(b"\n")


def _value_spans(data: bytes) -> list[re.Match[bytes]]:
    return list(_VALUE.finditer(data))


def _at_value(rng: random.Random, data: bytes, make: Callable[[bytes], bytes]) -> bytes:
    """Replace one ``key: value`` line's value by ``make(value)``."""
    spans = _value_spans(data)
    if not spans:
        return data + make(b"x")
    m = rng.choice(spans)
    return data[: m.start("value")] + make(m["value"]) + data[m.end("value") :]


def byte_flips(rng: random.Random, data: bytes) -> bytes:
    out = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        if out:
            i = rng.randrange(len(out))
            out[i] ^= 1 << rng.randrange(8)
    return bytes(out)


def random_bytes(rng: random.Random, data: bytes) -> bytes:
    i = _rand_offset(rng, data)
    return data[:i] + bytes(rng.randrange(256) for _ in range(rng.randint(1, 16))) + data[i:]


def delete_lines(rng: random.Random, data: bytes) -> bytes:
    lines = _lines(data)
    i = rng.randrange(len(lines))
    del lines[i : i + rng.randint(1, 3)]
    return b"\n".join(lines)


def duplicate_lines(rng: random.Random, data: bytes) -> bytes:
    lines = _lines(data)
    i = rng.randrange(len(lines))
    n = rng.randint(1, 4)
    lines[i:i] = lines[i : i + n] * rng.randint(1, 3)
    return b"\n".join(lines)


def swap_lines(rng: random.Random, data: bytes) -> bytes:
    lines = _lines(data)
    i, j = rng.randrange(len(lines)), rng.randrange(len(lines))
    lines[i], lines[j] = lines[j], lines[i]
    return b"\n".join(lines)


def reindent(rng: random.Random, data: bytes) -> bytes:
    lines = _lines(data)
    i = rng.randrange(len(lines))
    lines[i] = (
        rng.choice([b"", b" ", b"  ", b"\t", b"   "]) + lines[i].lstrip(b" ") if rng.random() < 0.5 else b" " + lines[i]
    )
    return b"\n".join(lines)


def truncate(rng: random.Random, data: bytes) -> bytes:
    return data[: _rand_offset(rng, data)]


def special_characters(rng: random.Random, data: bytes) -> bytes:
    i = _rand_offset(rng, data)
    chars = [
        b":",
        b": ",
        b"- ",
        b"{",
        b"}",
        b"[",
        b"]",
        b"'",
        b'"',
        b"|",
        b">",
        b"#",
        b"&",
        b"*",
        b"!",
        b"%",
        b"?",
        b",",
    ]
    return data[:i] + b"".join(rng.choice(chars) for _ in range(rng.randint(1, 3))) + data[i:]


def odd_value(rng: random.Random, data: bytes) -> bytes:
    return _at_value(rng, data, lambda _: rng.choice(ODD_VALUES))


def deep_nesting(rng: random.Random, data: bytes) -> bytes:
    depth = rng.choice([40, 99, 100, 101, 150, 490, 1000, 5000, 100_000])
    style = rng.randrange(4)
    if style == 0:
        nested = b"[" * depth + b"x" + b"]" * depth
    elif style == 1:
        nested = b"{a: " * depth + b"x" + b"}" * depth
    elif style == 2:
        nested = b"[" * depth  # never closed
    else:
        depth = min(depth, 3000)  # block style: the file grows with the square of the depth
        nested = b"\n" + b"".join(b"  " * (k + 1) + b"k:\n" for k in range(depth)) + b"  " * (depth + 1) + b"x"
    return _at_value(rng, data, lambda _: nested)


def block_sequences(rng: random.Random, data: bytes) -> bytes:
    depth = rng.choice([50, 101, 500, 2000])
    return _at_value(rng, data, lambda _: b"- " * depth + b"x")


def anchors_and_aliases(rng: random.Random, data: bytes) -> bytes:
    kind = rng.randrange(7)
    if kind == 0:  # recursive reference
        return _at_value(
            rng, data, lambda _: rng.choice([b"&a [*a]", b"&a {k: *a}", b"&a {<<: *a}", b"&a [x, [y, *a]]"])
        )
    if kind == 1:  # billion laughs
        bomb = b'&l0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
        for k in range(1, rng.randint(3, 9)):
            bomb += b"x%d: &l%d [" % (k, k) + b",".join(b"*l%d" % (k - 1) for _ in range(9)) + b"]\n"
        return bomb.join([b"x0: ", b""]) + data if rng.random() < 0.5 else data + b"\nx0: " + bomb
    if kind == 2:  # undefined alias
        return _at_value(rng, data, lambda _: b"*nowhere")
    if kind == 3:  # anchor a value, refer to it elsewhere
        spans = _value_spans(data)
        if len(spans) < 2:
            return data
        a, b = sorted(rng.sample(spans, 2), key=lambda m: m.start())
        out = data[: b.start("value")] + b"*v" + data[b.end("value") :]
        return out[: a.start("value")] + b"&v " + out[a.start("value") :]
    if kind == 4:  # merge keys, including chains
        n = rng.choice([2, 50, 150, 1000])
        chain = b"m0: &m0 {k: v}\n" + b"".join(b"m%d: &m%d {<<: *m%d}\n" % (k, k, k - 1) for k in range(1, n))
        return chain + data
    if kind == 5:  # the same anchor twice
        return _at_value(rng, _at_value(rng, data, lambda v: b"&d " + v), lambda v: b"&d " + v)
    aliases = b"[" + b", ".join([b"*v"] * rng.choice([10, 1000, 100_000])) + b"]"
    return b"v0: &v x\n" + _at_value(rng, data, lambda _: aliases)


def tagged(rng: random.Random, data: bytes) -> bytes:
    tag = rng.choice(TAGS)
    if rng.random() < 0.3:
        lines = _lines(data)
        i = rng.randrange(len(lines))
        lines[i] = tag + b" " + lines[i]
        return b"\n".join(lines)
    return _at_value(rng, data, lambda v: tag + b" " + (v if rng.random() < 0.6 else rng.choice(ODD_VALUES)))


def nul_bytes(rng: random.Random, data: bytes) -> bytes:
    i = _rand_offset(rng, data)
    return data[:i] + b"\x00" * rng.randint(1, 3) + data[i:]


def line_endings(rng: random.Random, data: bytes) -> bytes:
    kind = rng.randrange(4)
    if kind == 0:
        return data.replace(b"\n", b"\r\n")
    if kind == 1:
        return data.replace(b"\n", b"\r")
    if kind == 2:
        lines = _lines(data)
        return b"".join(line + rng.choice([b"\n", b"\r\n", b"\r"]) for line in lines)
    i = _rand_offset(rng, data)
    return data[:i] + rng.choice([b"\r", b"\x85", b"\xe2\x80\xa8", b"\x0b", b"\x0c"]) + data[i:]


def huge_strings(rng: random.Random, data: bytes) -> bytes:
    size = rng.choice([10_000, 100_000, 1_000_000, 3_000_000, 5_000_000])
    kind = rng.randrange(5)
    if kind == 0:
        return _at_value(rng, data, lambda _: b"x" * size)
    if kind == 1:
        return _at_value(rng, data, lambda _: b'"' + b"\\u00e9" * (size // 6) + b'"')
    if kind == 2:  # a huge key
        return data + b"\n" + b"k" * size + b": v\n"
    if kind == 3:  # very many lines
        return data + b"\nnotes: |\n" + b"  line\n" * (size // 7)
    return data + b"\n? " + b"q" * size + b"\n: v\n"


def byte_order_marks(rng: random.Random, data: bytes) -> bytes:
    kind = rng.randrange(4)
    if kind == 0:
        return b"\xef\xbb\xbf" + data
    if kind == 1:
        return b"\xef\xbb\xbf\xef\xbb\xbf" + data
    if kind == 2:
        i = _rand_offset(rng, data)
        return data[:i] + b"\xef\xbb\xbf" + data[i:]
    return data.decode("utf-8", "replace").encode(rng.choice(["utf-16", "utf-16-be", "utf-32"]))


def documents(rng: random.Random, data: bytes) -> bytes:
    return rng.choice([b"---\n" + data, data + b"\n---\n" + data, data + b"\n...\n", b"%YAML 1.1\n---\n" + data, b""])


OPERATORS: list[Callable[[random.Random, bytes], bytes]] = [
    byte_flips,
    random_bytes,
    delete_lines,
    duplicate_lines,
    swap_lines,
    reindent,
    truncate,
    special_characters,
    odd_value,
    deep_nesting,
    block_sequences,
    anchors_and_aliases,
    tagged,
    nul_bytes,
    line_endings,
    huge_strings,
    byte_order_marks,
    documents,
]


def mutate(data: bytes, seed: int) -> tuple[bytes, str]:
    """A mutation of ``data``: operator ``seed % len(OPERATORS)``, plus up to two more for one
    seed in four. Returns the bytes and the operators' names."""
    rng = random.Random(seed)
    ops = [OPERATORS[seed % len(OPERATORS)]]
    if rng.random() < 0.25:
        ops += rng.sample(OPERATORS, rng.randint(1, 2))
    for op in ops:
        data = op(rng, data)
    return data, "+".join(op.__name__ for op in ops)
