"""Attacks on the file structure of a signed memo, written byte by byte (no PDF library cleans them up):
duplicate /Root, /Pages and /Info, duplicate dictionary keys, lying or broken startxref, /Prev loops
and skips, updates in object streams and cross-reference streams, a second trailer, a copy of the
signature in a later revision, an xref-only revision that points a signed object at an older
version of itself, and a countersigner's annotation painted over page 1.

Classes from "1 Trillion Dollar Refund" / "PDF Insecurity" (Mladenov et al., 2019: incremental
saving, signature wrapping) and "Shadow Attacks" (Mainka et al., 2021: hide, replace,
hide-and-replace). Part of the generator in :mod:`tests.signing.attacks`.
"""

from __future__ import annotations

import io
import re
import zlib
from collections.abc import Iterator

from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.reader import PdfFileReader

from tests.signing.byte_attacks import CHANGED, VERDICT_TEXT, Attack
from tests.signing.lab import Lab


def serialise(obj) -> bytes:
    """A PDF object written as in a file (references as ``N G R``)."""
    out = io.BytesIO()
    obj.write_to_stream(out, None)
    return out.getvalue()


def _stream(data: bytes, extra: bytes = b"") -> bytes:
    return b"<< /Length %d %s>>\nstream\n" % (len(data), extra) + data + b"\nendstream"


class Memo:
    """What a raw update needs to know about the signed memo's last revision."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        self.reader = PdfFileReader(io.BytesIO(data), strict=False)
        trailer = self.reader.trailer
        self.size = int(trailer["/Size"])
        self.root = trailer.raw_get("/Root").reference
        self.info = trailer.raw_get("/Info").reference
        self.ident = serialise(trailer.raw_get("/ID"))
        self.startxref = int(re.findall(rb"startxref\s+(\d+)", data)[-1])
        page = self.reader.root["/Pages"]["/Kids"].raw_get(0)
        self.page_ref = page.reference
        self.page = page.get_object()
        contents = self.page.raw_get("/Contents")
        first = contents.raw_get(0) if isinstance(contents, generic.ArrayObject) else contents
        self.content_ref = first.reference
        font = next(iter(self.page["/Resources"]["/Font"]))
        self.verdict = VERDICT_TEXT.replace(b"/F1 ", font.encode() + b" ")
        """Page content that paints NO PROHIBITION FOUND with a font of page 1 (so viewers show it)."""

    def ref(self, n: int) -> bytes:
        """``n 0 R`` for a new object number ``size + n``."""
        return b"%d 0 R" % (self.size + n)

    def page_with(self, **changes: bytes) -> bytes:
        """Page 1's dictionary with entries replaced (raw values), written out."""
        entries = {str(k): serialise(v) for k, v in self.page.items() if str(k) not in {f"/{c}" for c in changes}}
        entries |= {f"/{k}": v for k, v in changes.items()}
        return b"<< " + b" ".join(k.encode() + b" " + v for k, v in entries.items()) + b" >>"


def raw_update(
    data: bytes,
    objects: dict[int, bytes],
    *,
    trailer: bytes,
    startxref: int | None = None,
    xref_extra: bytes = b"",
) -> bytes:
    """Append one revision: ``objects`` (number → body), a classic xref table listing them and
    ``trailer`` (the dictionary's inside, written by the caller); ``startxref`` may lie."""
    out = bytearray(data)
    offsets = {}
    for number, body in sorted(objects.items()):
        offsets[number] = len(out)
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref_at = len(out)
    out += b"xref\n0 1\n0000000000 65535 f \n"
    for number, offset in sorted(offsets.items()):
        out += b"%d 1\n%010d 00000 n \n" % (number, offset)
    out += xref_extra
    out += b"trailer\n<< " + trailer + b" >>\nstartxref\n%d\n%%%%EOF\n" % (xref_at if startxref is None else startxref)
    return bytes(out)


def _trailer(memo: Memo, *, root: bytes | None = None, info: bytes | None = None, size: int = 10, prev=None) -> bytes:
    root = root or b"%d 0 R" % memo.root.idnum
    info = info or b"%d 0 R" % memo.info.idnum
    prev = memo.startxref if prev is None else prev
    return b"/Size %d /Root %s /Info %s /ID %s /Prev %d" % (memo.size + size, root, info, memo.ident, prev)


def _new_tree(memo: Memo) -> dict[int, bytes]:
    """A new catalog (+0), page tree (+1), page (+2) and content (+3) that show the attacker's verdict."""
    catalog = {str(k): serialise(v) for k, v in memo.reader.root.items() if str(k) != "/Pages"}
    catalog["/Pages"] = memo.ref(1)
    return {
        memo.size: b"<< " + b" ".join(k.encode() + b" " + v for k, v in catalog.items()) + b" >>",
        memo.size + 1: b"<< /Type /Pages /Kids [" + memo.ref(2) + b"] /Count 1 >>",
        memo.size + 2: memo.page_with(Parent=memo.ref(1), Contents=memo.ref(3)),
        memo.size + 3: _stream(memo.verdict),
    }


def roots_and_trailers(lab: Lab) -> Iterator[Attack]:
    """Duplicate /Root, /Pages and /Info; duplicate keys; a second trailer."""
    memo = Memo(lab.memo)
    tree = _new_tree(memo)
    old_root = b"%d 0 R" % memo.root.idnum
    yield Attack(
        "structure",
        "new /Root with its own /Pages",
        raw_update(lab.memo, tree, trailer=_trailer(memo, root=memo.ref(0))),
        CHANGED,
    )
    for order, roots in (("new first", (memo.ref(0), old_root)), ("old first", (old_root, memo.ref(0)))):
        inner = _trailer(memo) + b" /Root " + roots[0] + b" /Root " + roots[1]
        yield Attack(
            "structure",
            f"duplicate /Root keys in the trailer ({order})",
            raw_update(lab.memo, tree, trailer=inner),
            CHANGED,
        )
    catalog = {str(k): serialise(v) for k, v in memo.reader.root.items()}
    catalog["/Pages"] = memo.ref(1)
    pages = {memo.root.idnum: b"<< " + b" ".join(k.encode() + b" " + v for k, v in catalog.items()) + b" >>"}
    pages |= {n: body for n, body in tree.items() if n != memo.size}
    yield Attack("structure", "catalog with a new /Pages", raw_update(lab.memo, pages, trailer=_trailer(memo)), CHANGED)
    info = {str(k): serialise(v) for k, v in memo.reader.trailer["/Info"].items()}
    info["/Title"] = b"(Compliance memo: no prohibition found)"
    new_info = {memo.size: b"<< " + b" ".join(k.encode() + b" " + v for k, v in info.items()) + b" >>"}
    yield Attack(
        "structure", "new /Info", raw_update(lab.memo, new_info, trailer=_trailer(memo, info=memo.ref(0))), CHANGED
    )
    twice = _trailer(memo) + b" /Info " + memo.ref(0)
    yield Attack(
        "structure", "duplicate /Info keys in the trailer", raw_update(lab.memo, new_info, trailer=twice), CHANGED
    )
    for order in ("attacker first", "attacker last"):
        ours, theirs = memo.ref(0), serialise(memo.page.raw_get("/Contents"))
        first, last = (ours, theirs) if order == "attacker first" else (theirs, ours)
        body = memo.page_with(Contents=first)[:-3] + b" /Contents " + last + b" >>"
        objects = {memo.page_ref.idnum: body, memo.size: _stream(memo.verdict)}
        yield Attack(
            "structure",
            f"page with duplicate /Contents keys ({order})",
            raw_update(lab.memo, objects, trailer=_trailer(memo)),
            CHANGED,
        )
    benign = raw_update(lab.memo, {}, trailer=_trailer(memo))
    sig_ref = memo.reader.embedded_signatures[0].sig_field.raw_get("/V").reference
    certified = dict(catalog, **{"/Pages": serialise(memo.reader.root.raw_get("/Pages"))})
    certified["/Perms"] = b"<< /DocMDP %d 0 R >>" % sig_ref.idnum
    perms = {memo.root.idnum: b"<< " + b" ".join(k.encode() + b" " + v for k, v in certified.items()) + b" >>"}
    yield Attack(
        "structure", "/Perms /DocMDP added after signing", raw_update(lab.memo, perms, trailer=_trailer(memo)), CHANGED
    )
    tail = benign[len(lab.memo) :]
    tail = tail.replace(b"trailer\n<< ", b"trailer\n<< " + _trailer(memo, root=memo.ref(0)) + b" >>\ntrailer\n<< ", 1)
    forged = lab.memo + tail
    yield Attack("structure", "second trailer in one revision", _with_objects(forged, lab.memo, tree), CHANGED)


def _with_objects(update: bytes, memo: bytes, objects: dict[int, bytes]) -> bytes:
    """Insert ``objects`` before the revision appended to ``memo`` (unlisted in its xref), fixing startxref."""
    body = b"".join(b"%d 0 obj\n" % n + b + b"\nendobj\n" for n, b in sorted(objects.items()))
    tail = update[len(memo) :]
    xref_at = len(memo) + len(body)
    tail = re.sub(rb"startxref\n\d+", b"startxref\n%d" % xref_at, tail)
    return memo + body + tail


def xref_chains(lab: Lab) -> Iterator[Attack]:
    """Lying, broken and looping startxref and /Prev; unlisted objects; an xref-only revert."""
    memo = Memo(lab.memo)
    page = {memo.page_ref.idnum: memo.page_with(Contents=memo.ref(0)), memo.size: _stream(memo.verdict)}
    honest = raw_update(lab.memo, page, trailer=_trailer(memo))
    lying = re.sub(rb"startxref\n\d+\n%%EOF\n$", b"startxref\n%d\n%%%%EOF\n" % memo.startxref, honest)
    yield Attack("structure", "startxref points back at the signed revision", lying, CHANGED)
    off_by = re.sub(rb"startxref\n(\d+)\n%%EOF\n$", lambda m: b"startxref\n%d\n%%EOF\n" % (int(m[1]) + 3), honest)
    yield Attack("structure", "startxref off by three bytes", off_by, CHANGED)
    yield Attack(
        "structure", "startxref beyond the file", re.sub(rb"startxref\n\d+", b"startxref\n99999999", honest), CHANGED
    )
    xref_at = len(lab.memo) + honest[len(lab.memo) :].find(b"xref\n0 1")
    looped = raw_update(lab.memo, page, trailer=_trailer(memo, prev=xref_at))
    yield Attack("structure", "/Prev pointing at its own xref (loop)", looped, CHANGED)
    first_xref = memo.reader.xrefs.get_startxref_for_revision(0)
    skipping = raw_update(lab.memo, page, trailer=_trailer(memo, prev=first_xref))
    yield Attack("structure", "/Prev skipping the signed revision", skipping, CHANGED)
    unlisted = _with_objects(raw_update(lab.memo, {}, trailer=_trailer(memo)), lab.memo, page)
    yield Attack("structure", "objects outside any xref before a benign xref (hide)", unlisted, CHANGED)
    older = _older_version(memo)
    if older is not None:
        number, offset = older
        entry = b"%d 1\n%010d 00000 n \n" % (number, offset)
        revert = raw_update(lab.memo, {}, trailer=_trailer(memo), xref_extra=entry)
        yield Attack("structure", "xref-only revision reverting a signed object (replace)", revert, CHANGED)


def _older_version(memo: Memo) -> tuple[int, int] | None:
    """An object the signed revision rewrote, and the offset of its first version (still in the file)."""
    xrefs = memo.reader.xrefs
    last = xrefs.total_revisions - 1
    for ref in sorted(xrefs.explicit_refs_in_revision(last), key=lambda r: r.idnum):
        for revision in range(last):
            where = xrefs.get_xref_data(revision)
            try:
                offset = where.try_resolve(ref)
            except KeyError:
                continue
            if isinstance(offset, int):
                return ref.idnum, offset
    return None


def _xref_stream_update(data: bytes, memo: Memo, objects: dict[int, bytes], in_objstm: dict[int, bytes]) -> bytes:
    """Append a revision with a cross-reference stream; ``in_objstm`` goes into one object stream."""
    out = bytearray(data)
    rows: dict[int, bytes] = {}
    for number, body in sorted(objects.items()):
        rows[number] = b"\x01" + len(out).to_bytes(4, "big") + b"\x00"
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    stm_number = memo.size + 8
    if in_objstm:
        header, payload = b"", b""
        for number, body in sorted(in_objstm.items()):
            header += b"%d %d " % (number, len(payload))
            payload += body + b"\n"
        raw = zlib.compress(header + payload)
        extra = b"/Type /ObjStm /N %d /First %d /Filter /FlateDecode " % (len(in_objstm), len(header))
        rows[stm_number] = b"\x01" + len(out).to_bytes(4, "big") + b"\x00"
        out += b"%d 0 obj\n" % stm_number + _stream(raw, extra) + b"\nendobj\n"
        for ix, number in enumerate(sorted(in_objstm)):
            rows[number] = b"\x02" + stm_number.to_bytes(4, "big") + bytes([ix])
    xref_number = memo.size + 9
    xref_at = len(out)
    rows[xref_number] = b"\x01" + xref_at.to_bytes(4, "big") + b"\x00"
    numbers = sorted(rows)
    index = b" ".join(b"%d 1" % n for n in numbers)
    table = zlib.compress(b"".join(rows[n] for n in numbers))
    extra = b"/Type /XRef /W [1 4 1] /Index [%s] /Filter /FlateDecode %s " % (index, _trailer(memo))
    out += b"%d 0 obj\n" % xref_number + _stream(table, extra) + b"\nendobj\n"
    out += b"startxref\n%d\n%%%%EOF\n" % xref_at
    return bytes(out)


def object_streams(lab: Lab) -> Iterator[Attack]:
    """Updates hidden in object streams and cross-reference streams (shadow attacks' object-stream variants)."""
    memo = Memo(lab.memo)
    content = _stream(memo.verdict)
    page = memo.page_with(Contents=memo.ref(0))
    yield Attack(
        "structure",
        "xref stream rewriting the signed page content",
        _xref_stream_update(lab.memo, memo, {memo.content_ref.idnum: content}, {}),
        CHANGED,
    )
    yield Attack(
        "structure",
        "page rewritten inside an object stream",
        _xref_stream_update(lab.memo, memo, {memo.size: content}, {memo.page_ref.idnum: page}),
        CHANGED,
    )
    tree = _new_tree(memo)
    streamable = {n: b for n, b in tree.items() if n != memo.size + 3}
    catalog_only = _xref_stream_update(lab.memo, memo, {memo.size + 3: content}, streamable)
    yield Attack("structure", "new catalog in an object stream, trailer unchanged", catalog_only, CHANGED)


def signature_copies(lab: Lab) -> Iterator[Attack]:
    """The memo's own signature dictionary copied into a later revision next to new content."""
    memo = Memo(lab.memo)
    sig = memo.reader.embedded_signatures[0]
    sig_ref = sig.sig_field.raw_get("/V").reference
    start = lab.memo.rfind(b"\n%d 0 obj" % sig_ref.idnum) + 1
    end = lab.memo.find(b"endobj", start)
    body = lab.memo[start:end].split(b"obj", 1)[1].strip()
    objects = {
        sig_ref.idnum: body,
        memo.page_ref.idnum: memo.page_with(Contents=memo.ref(0)),
        memo.size: _stream(memo.verdict),
    }
    yield Attack(
        "structure",
        "signature dictionary repeated in a later revision that shows new content",
        raw_update(lab.memo, objects, trailer=_trailer(memo)),
        CHANGED,
    )


def structure(lab: Lab) -> Iterator[Attack]:
    """Every structural attack on the memo's bytes."""
    yield from roots_and_trailers(lab)
    yield from xref_chains(lab)
    yield from object_streams(lab)
    yield from signature_copies(lab)
