"""Attacks on the bytes of a signed memo: incremental updates (incremental saving, shadow
hide/replace), signature wrapping, and broken /ByteRange and /Contents (universal signature forgery).
Part of the generator in :mod:`tests.signing.attacks`."""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader

from tests.signing.lab import Lab


@dataclass(frozen=True)
class Attack:
    """One forged file and what verify must answer."""

    kind: str
    name: str
    data: bytes
    expected: frozenset[int]
    """Exit statuses that count as rejected."""
    headline: str = ""
    """A phrase the headline must contain (plain words saying why)."""


CHANGED = frozenset({1})
UNTRUSTED = frozenset({3})
DAMAGED = frozenset({1, 2})  # 2 only when the PDF header itself is destroyed ("not a PDF file")


def update(data: bytes, change: Callable[[IncrementalPdfFileWriter], None]) -> bytes:
    """Append an incremental update made by ``change``."""
    writer = IncrementalPdfFileWriter(io.BytesIO(data), strict=False)
    change(writer)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _page(writer, n: int = 0):
    return writer.root["/Pages"]["/Kids"][n].get_object()


def _add_content(writer, ops: bytes) -> None:
    page = _page(writer)
    ref = writer.add_object(generic.StreamObject(stream_data=ops))
    contents = page["/Contents"]
    page["/Contents"] = generic.ArrayObject(
        [*contents, ref] if isinstance(contents, generic.ArrayObject) else [page.raw_get("/Contents"), ref]
    )
    writer.update_container(page)


VERDICT_TEXT = b"q 1 1 1 rg 40 700 520 60 re f Q BT /F1 28 Tf 1 0 0 1 60 720 Tm (NO PROHIBITION FOUND) Tj ET"


def _annotation(writer) -> None:
    page = _page(writer)
    annot = generic.DictionaryObject(
        {
            generic.NameObject("/Type"): generic.NameObject("/Annot"),
            generic.NameObject("/Subtype"): generic.NameObject("/FreeText"),
            generic.NameObject("/Rect"): generic.ArrayObject([generic.NumberObject(x) for x in (40, 700, 560, 760)]),
            generic.NameObject("/Contents"): generic.TextStringObject("NO PROHIBITION FOUND"),
            generic.NameObject("/DA"): generic.TextStringObject("/Helv 28 Tf 0 g"),
        }
    )
    annots = page.get("/Annots", generic.ArrayObject())
    page["/Annots"] = generic.ArrayObject([*annots, writer.add_object(annot)])
    writer.update_container(page)


def _info(key: str, value: str) -> Callable:
    def change(writer) -> None:
        info = writer.trailer["/Info"]
        info[generic.NameObject(key)] = generic.TextStringObject(value)
        writer.update_container(info)

    return change


def _overlay_xobject(writer) -> None:
    page = _page(writer)
    form = generic.StreamObject(
        {
            generic.NameObject("/Type"): generic.NameObject("/XObject"),
            generic.NameObject("/Subtype"): generic.NameObject("/Form"),
            generic.NameObject("/BBox"): generic.ArrayObject([generic.NumberObject(x) for x in (0, 0, 600, 850)]),
        },
        stream_data=VERDICT_TEXT,
    )
    resources = page["/Resources"]
    xobjects = resources.get("/XObject", generic.DictionaryObject())
    xobjects[generic.NameObject("/Overlay")] = writer.add_object(form)
    resources[generic.NameObject("/XObject")] = xobjects
    writer.update_container(page)
    if isinstance(page.raw_get("/Resources"), generic.IndirectObject):
        writer.update_container(resources)
    _add_content(writer, b"/Overlay Do")


def _content_ref(writer):
    contents = _page(writer).raw_get("/Contents")
    if isinstance(contents, generic.ArrayObject):
        contents = contents[0]
    return contents.reference if hasattr(contents, "reference") else contents


def _shadow_replace(writer) -> None:
    """Replace the signed page content object itself (same object number, new bytes)."""
    ref = _content_ref(writer)
    writer.objects[(ref.generation, ref.idnum)] = generic.StreamObject(stream_data=VERDICT_TEXT)


def _shadow_hide(writer) -> None:
    """Hide signed content: page 1 now shows only the attacker's text (old objects stay in the file)."""
    page = _page(writer)
    page["/Contents"] = writer.add_object(generic.StreamObject(stream_data=VERDICT_TEXT))
    writer.update_container(page)


def _empty_field_overlay(writer) -> None:
    from pyhanko.sign import fields

    fields.append_signature_field(writer, fields.SigFieldSpec("Overlay", on_page=0, box=(40, 600, 560, 800)))


def _document_meta(writer) -> None:
    """Retitle through pyHanko's metadata API (document information and XMP together)."""
    writer.document_meta.title = "Compliance memo: no prohibition found"
    writer.update_root()  # pyHanko writes nothing for a metadata change alone


def incremental(lab: Lab) -> Iterator[Attack]:
    """Incremental-saving and shadow attacks on a signed memo."""
    memo = lab.memo
    cases = {
        "new page content": lambda w: _add_content(w, VERDICT_TEXT),
        "new annotation": _annotation,
        "changed /Info title": _info("/Title", "Compliance memo: no prohibition found"),
        "changed printed verdicts in /Info": _info("/ClausewiseVerdicts", '{"overall": "no_prohibition_found"}'),
        "overlay XObject": _overlay_xobject,
        "shadow replace (signed object rewritten)": _shadow_replace,
        "shadow hide (page content swapped)": _shadow_hide,
        "empty field with overlay appearance": _empty_field_overlay,
        "title changed in /Info and XMP": _document_meta,
    }
    for name, change in cases.items():
        yield Attack("incremental", name, update(memo, change), CHANGED, "Changed after signing")
    yield Attack("incremental", "garbage after %%EOF", memo + b"\n% appended\n", CHANGED, "bytes follow the end")
    fake = re.sub(rb"startxref\s+\d+\s+%%EOF\s*$", b"", update(memo, lambda w: _add_content(w, VERDICT_TEXT)))
    yield Attack("incremental", "update without startxref", fake, CHANGED, "")
    body_only = memo + b"999 0 obj\n<< /Type /Annot /Subtype /FreeText /Contents (X) >>\nendobj\n%%EOF\n"
    yield Attack("incremental", "objects appended without cross-reference", body_only, CHANGED, "")


def _gap(data: bytes) -> tuple[int, int, int, int]:
    sig = PdfFileReader(io.BytesIO(data), strict=False).embedded_signatures[0]
    a, b, c, d = (int(x) for x in sig.sig_object["/ByteRange"])
    return a, b, c, d


def _literal(data: bytes, a: int, c: int) -> bytes:
    hex_digits = data[a:c]
    raw = bytes.fromhex(hex_digits.decode("ascii")[1:-1]).rstrip(b"\0")
    escaped = raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)").replace(b"\r", b"\\r")
    body = b"(" + escaped + b")"
    assert len(body) <= c - a, "the literal string must fit into the space of the hex string"
    return data[:a] + body + b" " * (c - a - len(body)) + data[c:]


def wrapping(lab: Lab) -> Iterator[Attack]:
    """Signature-wrapping variants: the signature value moved, re-encoded or followed by other bytes."""
    memo = lab.memo
    _, a, c, _ = _gap(memo)
    literal = _literal(memo, a, c)
    yield Attack("wrapping", "literal-string /Contents", literal, CHANGED, "signature wrapping")
    yield Attack(
        "wrapping",
        "literal-string /Contents + new content",
        update(literal, lambda w: _add_content(w, VERDICT_TEXT)),
        CHANGED,
        "signature wrapping",
    )
    obj = b"> 9999 0 obj (NO PROHIBITION FOUND) endobj "
    tail = memo[: c - len(obj) - 2] + b"00" + obj + memo[c:]
    yield Attack("wrapping", "object hidden after the hex value inside the gap", tail, CHANGED, "")
    short = memo[:a] + b"<" + memo[a + 1 : c - 40] + b">" + b" " * 39 + memo[c:]
    yield Attack("wrapping", "shortened hex value padded with spaces", short, CHANGED, "")
    letter = next(i for i in range(a + 1, c - 1) if memo[i : i + 1].isalpha())
    case = memo[:letter] + memo[letter : letter + 1].swapcase() + memo[letter + 1 :]
    yield Attack("wrapping", "one letter of the hex value in the other case", case, CHANGED, "one case")
    nonzero = memo[: c - 3] + b"41" + memo[c - 1 :]
    yield Attack("wrapping", "data in the signature padding", nonzero, CHANGED, "other data")
    # Raising only the outer length leaves the signature valid for lenient parsers (it verified until
    # the exact-encoding check); raising every length down to the signature value breaks the
    # signature itself, which verify reports first.
    for depth, name, headline in ((1, "the outer length", "exact encoding"), (6, "every length", "")):
        raised = memo[: a + 1] + _raise_lengths(memo[a + 1 : c - 1], depth).hex().encode() + memo[c - 1 :]
        yield Attack("wrapping", f"{name} raised into the zero padding", raised, CHANGED, headline)


def _raise_lengths(hex_value: bytes, depth: int, extra: int = 2) -> bytes:
    """The signature value with the lengths of its last ``depth`` nested objects (outermost first,
    each the last element of the one before) raised by ``extra`` bytes, taken from the zero padding:
    the same signature, parsed leniently, in another encoding (a single flipped bit can do it)."""
    der = bytearray(bytes.fromhex(hex_value.decode("ascii")))
    position = 0
    for _ in range(depth):
        size = der[position + 1]
        n = size & 0x7F if size & 0x80 else 0
        start = position + 2
        if n:
            length = int.from_bytes(der[start : start + n], "big")
            der[start : start + n] = (length + extra).to_bytes(n, "big")
        else:
            length = size
            assert length + extra < 0x80, "the raised length still fits in the short form"
            der[position + 1] = length + extra
        if not der[position] & 0x20:  # primitive: the innermost object
            break
        child, end = start + n, start + n + length
        while True:  # the last element of this object
            child_size = der[child + 1]
            k = child_size & 0x7F if child_size & 0x80 else 0
            child_length = int.from_bytes(der[child + 2 : child + 2 + k], "big") if k else child_size
            if child + 2 + k + child_length >= end:
                break
            child += 2 + k + child_length
        position = child
    return bytes(der)


def _replace_in_sig(data: bytes, pattern: bytes, replacement: bytes) -> bytes:
    """Replace ``pattern`` (regex) once in the signature dictionary, keeping the file length."""
    _, a, _, _ = _gap(data)
    window_start = max(0, a - 400)  # the signature dictionary starts shortly before /Contents
    window = data[window_start : a + 20000]
    match = re.search(pattern, window)
    assert match, pattern
    assert len(replacement) <= len(match.group(0)), (pattern, replacement)
    new = replacement.ljust(len(match.group(0)))
    s, e = window_start + match.start(), window_start + match.end()
    return data[:s] + new + data[e:]


BYTE_RANGE = rb"/ByteRange\s*\[[^\]]*\] *"


def broken(lab: Lab) -> Iterator[Attack]:
    """Malformed /ByteRange and /Contents (universal signature forgery); never an internal error."""
    memo = lab.memo
    _, a, c, d = _gap(memo)
    ranges = {
        "/ByteRange null": b"/ByteRange null",
        "/ByteRange empty": b"/ByteRange []",
        "/ByteRange two entries": f"/ByteRange [0 {a}]".encode(),
        "/ByteRange strings": f"/ByteRange [(0) ({a}) ({c}) ({d})]".encode(),
        "/ByteRange negative": f"/ByteRange [0 -{a} {c} {d}]".encode(),
        "/ByteRange beyond the end": f"/ByteRange [0 {a} {c} {d + 99999}]".encode(),
        "/ByteRange not from 0": f"/ByteRange [1 {a - 1} {c} {d}]".encode(),
        "/ByteRange overlapping": f"/ByteRange [0 {c} {a} {d}]".encode(),
        "/ByteRange reals": f"/ByteRange [0.0 {a}.0 {c} {d}]".encode(),
        "/ByteRange five entries": f"/ByteRange [0 {a} {c} {d} 0]".encode(),
        "/ByteRange nested": f"/ByteRange [[0] {a} {c} {d}]".encode(),
        "/ByteRange to a missing object": b"/ByteRange 99999 0 R",
        "/ByteRange renamed": b"/ByteRangX",
        "/ByteRange covering the gap": f"/ByteRange [0 {c + d} 0 0]".encode(),
    }
    for name, replacement in ranges.items():
        pattern = rb"/ByteRange" if name.endswith("renamed") else BYTE_RANGE
        yield Attack("broken", name, _replace_in_sig(memo, pattern, replacement), CHANGED, "")
    contents = {
        "/Contents empty": memo[:a] + b"<>" + b" " * (c - a - 2) + memo[c:],
        "/Contents not hex": memo[: a + 10] + b"GG" + memo[a + 12 :],
        "/Contents truncated DER": memo[: a + 1] + b"0000" + memo[a + 5 :],
        "/Contents renamed": _replace_in_sig(memo, rb"/Contents", b"/Contentz"),
        "/Contents a name": memo[:a] + b"/Name" + b" " * (c - a - 5) + memo[c:],
    }
    for name, data in contents.items():
        yield Attack("broken", name, data, CHANGED, "")
