"""Attack generator: builds every published attack class on PDF signatures from a fresh memo.

Classes (PDF Insecurity 2019: incremental saving, signature wrapping, universal signature
forgery; shadow attacks 2021; plus Clausewise's own: attachments and trust):

- ``incremental``: updates appended after signing (content, annotations, metadata, overlays,
  shadow hide/replace, garbage after %%EOF, updates without cross-reference);
- ``wrapping``: the signature value moved, re-encoded or followed by other bytes;
- ``broken``: malformed ``/ByteRange`` and ``/Contents`` (universal signature forgery);
- ``attachment``: attachments replaced, added or removed after signing;
- ``contradiction``: memos signed with attachments that contradict their own conclusion;
- ``lookalike``: signers copying a trusted signer's name, serial and key id;
- ``certificate``: trusted certificates that could not sign (expired, not yet valid, no
  digitalSignature key usage).

Each case says which exit statuses of ``clausewise verify`` count as rejected. Run
``.venv/bin/python -m tests.signing.attacks`` to print tried/rejected counts per class.
"""

from __future__ import annotations

import io
import json
import random
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from cryptography import x509
from cryptography.x509.oid import NameOID
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader

import core
from core.memo.attachments import EVALUATION, SCENARIO, Attachment, embed_attachments
from tests.signing.lab import Lab, certificate, in_memory_identity, new_key, user_home


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
    nonzero = memo[: c - 3] + b"41" + memo[c - 1 :]
    yield Attack("wrapping", "data in the signature padding", nonzero, CHANGED, "other data")


def _replace_in_sig(data: bytes, pattern: bytes, replacement: bytes) -> bytes:
    """Replace ``pattern`` (regex) once in the signature dictionary, keeping the file length."""
    _, a, _, _ = _gap(data)
    start = data.rfind(b"/ByteRange", 0, a + 20000)
    window_start = max(0, min(start, a) - 400)
    window = data[window_start : a + 20000]
    match = re.search(pattern, window)
    assert match, pattern
    new = (
        replacement.ljust(len(match.group(0)))[: len(match.group(0))]
        if len(replacement) <= len(match.group(0))
        else replacement
    )
    assert len(new) == len(match.group(0)), (pattern, replacement)
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


def _attachment_update(files: list[Attachment]) -> Callable:
    return lambda writer: embed_attachments(writer, files)


def _drop_attachments(writer) -> None:
    del writer.root["/Names"]
    writer.update_root()


def attachments(lab: Lab) -> Iterator[Attack]:
    """Attachments replaced, added or removed after signing."""
    memo = lab.memo
    evaluation = json.dumps({"overall": "no_prohibition_found", "packs": {}}).encode()
    scenario = b"clausewise: scenario/1\ntitle: Other\nanswers: {}\n"
    pack = b"id: azure-openai-code-of-conduct\n"
    cases = {
        "evaluation replaced": [Attachment(EVALUATION, evaluation, "application/json", "x")],
        "scenario replaced": [Attachment(SCENARIO, scenario, "application/yaml", "x")],
        "pack replaced": [Attachment("pack-azure-openai-code-of-conduct.pack.yaml", pack, "application/yaml", "x")],
        "extra attachment": [Attachment("readme.txt", b"approved", "text/plain", "x")],
    }
    for name, files in cases.items():
        yield Attack("attachment", name, update(memo, _attachment_update(files)), CHANGED, "Changed after signing")
    yield Attack("attachment", "attachments removed", update(memo, _drop_attachments), CHANGED, "Changed after signing")


def contradictions(lab: Lab) -> Iterator[Attack]:
    """Memos signed (by the trusted signer) with attachments that contradict their conclusion."""

    def edit_evaluation(edit: Callable[[dict], None]) -> Callable:
        def change(files: list[Attachment]) -> None:
            for i, f in enumerate(files):
                if f.name == EVALUATION:
                    doc = json.loads(f.data)
                    edit(doc)
                    files[i] = Attachment(f.name, json.dumps(doc).encode(), f.mime, f.description)

        return change

    def set_overall(doc: dict) -> None:
        doc["overall"] = "no_prohibition_found"

    def drop_printed(doc: dict) -> None:
        doc["memo"].pop("printed")

    def drop_pack(files: list[Attachment]) -> None:
        files[:] = [f for f in files if not f.name.startswith("pack-")][:4] + [
            f for f in files if f.name.startswith("pack-")
        ][1:]

    def other_scenario(files: list[Attachment]) -> None:
        for i, f in enumerate(files):
            if f.name == SCENARIO:
                text = f.data.decode().replace("law_enforcement", "private_company", 1)
                files[i] = Attachment(f.name, text.encode(), f.mime, f.description)

    def nested(files: list[Attachment]) -> None:
        for i, f in enumerate(files):
            if f.name == EVALUATION:
                files[i] = Attachment(f.name, b"[" * 100000 + b"]" * 100000, f.mime, f.description)

    def not_utf8(files: list[Attachment]) -> None:
        for i, f in enumerate(files):
            if f.name == SCENARIO:
                files[i] = Attachment(f.name, b"\xff\xfe" + f.data, f.mime, f.description)

    cases: dict[str, dict] = {
        "evaluation says no prohibition": {"change": edit_evaluation(set_overall)},
        "printed verdicts not recorded": {"change": edit_evaluation(drop_printed)},
        "a pack missing": {"change": drop_pack},
        "scenario answers differ": {"change": other_scenario},
        "metadata verdicts missing": {"record_verdicts": False},
        "evaluation nested 100000 deep": {"change": nested},
        "scenario not UTF-8": {"change": not_utf8},
    }
    for name, options in cases.items():
        yield Attack("contradiction", name, lab.signed_memo(**options), CHANGED, "")


def _copy_of(cert: x509.Certificate, key, **extra) -> x509.Certificate:
    ski = cert.extensions.get_extension_for_class(x509.SubjectKeyIdentifier).value.digest
    return certificate(cert.subject, key, serial=cert.serial_number, ski=ski, **extra)


def lookalikes(lab: Lab) -> Iterator[Attack]:
    """Untrusted keys copying the trusted signer's name, serial number and key identifier."""
    jane = lab.jane_certificate()
    key = new_key()
    copy = in_memory_identity(_copy_of(jane, key), key)
    yield Attack(
        "lookalike", "same name, serial and key id", lab.signed_memo(copy), UNTRUSTED, "not on your trusted list"
    )
    rsa_key = new_key("rsa")
    copy_rsa = in_memory_identity(_copy_of(jane, rsa_key), rsa_key)
    yield Attack(
        "lookalike", "same name, serial, key id; RSA key", lab.signed_memo(copy_rsa), UNTRUSTED, "trusted list"
    )
    ca_key = new_key()
    issued = certificate(jane.subject, key, serial=jane.serial_number, issuer=(jane.subject, ca_key))
    yield Attack(
        "lookalike", "issued in the trusted signer's name", lab.signed_memo(in_memory_identity(issued, key)), UNTRUSTED
    )
    path = lab.home / "lookalike-countersign.pdf"
    source = lab.home / "genuine.pdf"
    source.write_bytes(lab.memo)
    core.countersign_memo(source, path, copy, None, role="Approver")
    yield Attack("lookalike", "look-alike countersignature", path.read_bytes(), UNTRUSTED, "trusted list")


def bad_certificates(lab: Lab) -> Iterator[Attack]:
    """Trusted certificates that could not sign at signing time."""
    import datetime as dt

    from core.signing import certificates as certs
    from core.signing.trust import trust_certificate_pem

    now = dt.datetime.now(dt.UTC)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Old Colleague")])
    variants = {
        "expired": {"not_before": now - dt.timedelta(days=400), "not_after": now - dt.timedelta(days=30)},
        "not yet valid": {"not_before": now + dt.timedelta(days=30), "not_after": now + dt.timedelta(days=400)},
        "no digitalSignature": {"digital_signature": False},
    }
    for label, options in variants.items():
        key = new_key()
        cert = certificate(name, key, **options)
        trust_certificate_pem(certs.to_pem(cert), note=label)
        yield Attack("certificate", label, lab.signed_memo(in_memory_identity(cert, key)), UNTRUSTED, "certificate")


def flips(lab: Lab, count: int, seed: int = 10) -> Iterator[Attack]:
    """``count`` single-byte flips at random positions of the memo."""
    rng = random.Random(seed)
    for _ in range(count):
        position = rng.randrange(len(lab.memo))
        data = bytearray(lab.memo)
        data[position] ^= 1 << rng.randrange(8)
        yield Attack("flip", f"byte {position}", bytes(data), DAMAGED)


def truncations(lab: Lab, count: int = 20, seed: int = 11) -> Iterator[Attack]:
    """``count`` truncations of the memo at random lengths."""
    rng = random.Random(seed)
    for _ in range(count):
        length = rng.randrange(len(lab.memo) - 1)
        yield Attack("truncation", f"first {length} bytes", lab.memo[:length], DAMAGED)


GENERATORS = {
    "incremental": incremental,
    "wrapping": wrapping,
    "broken": broken,
    "attachment": attachments,
    "contradiction": contradictions,
    "lookalike": lookalikes,
    "certificate": bad_certificates,
}


def exit_status(path) -> int:
    """What ``clausewise verify PATH`` exits with (the real CLI entry point, in-process)."""
    import contextlib

    from core.cli.main import main

    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        return main(["verify", str(path)])


def tally(lab: Lab, attacks: list[Attack]) -> tuple[int, int, list[str]]:
    """(tried, rejected, failures) for ``attacks`` verified in ``lab``."""
    failures = []
    rejected = 0
    for n, attack in enumerate(attacks):
        path = lab.home / f"attack-{attack.kind}-{n}.pdf"
        path.write_bytes(attack.data)
        status = exit_status(path)
        if status in attack.expected:
            rejected += 1
        else:
            failures.append(f"{attack.kind}: {attack.name}: exit {status}")
    return len(attacks), rejected, failures


def main() -> None:
    """Print tried/rejected counts per attack class (the full set: 500 flips, 20 truncations)."""
    import tempfile
    from pathlib import Path

    with tempfile.TemporaryDirectory() as tmp, user_home(Path(tmp)):
        lab = Lab.create(Path(tmp))
        classes = {name: list(gen(lab)) for name, gen in GENERATORS.items()}
        classes["flip"] = list(flips(lab, 500))
        classes["truncation"] = list(truncations(lab, 20))
        print(f"{'class':<14}{'tried':>7}{'rejected':>10}")
        for name, attacks in classes.items():
            tried, rejected, failures = tally(lab, attacks)
            print(f"{name:<14}{tried:>7}{rejected:>10}")
            for failure in failures:
                print(f"    NOT REJECTED {failure}")


if __name__ == "__main__":
    main()
