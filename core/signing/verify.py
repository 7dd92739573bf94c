"""Verify a signed compliance memo (DESIGN §6) and say what was found in plain words.

Checks, in order:

1. the file reads as a PDF and carries at least one signature;
2. every signature's ``/ByteRange`` and hexadecimal ``/Contents`` account exactly for its bytes
   (:mod:`core.signing.coverage`), every signature covers its whole revision, and nothing follows
   the last revision;
3. every revision after the memo's own (first) signature is written unambiguously, every byte of
   it listed in its cross-reference table (:mod:`core.signing.structure`), and only adds a further
   signature, a document timestamp or validation data (pyHanko's difference analysis, strict
   rules), with no stamp or annotation over signed page content (:mod:`core.signing.overlay`);
4. every signature is intact, and every signer is trusted by certificate fingerprint with a
   certificate valid for signing when it signed (:mod:`core.signing.signatures`);
5. the attached scenario, re-evaluated with the attached packs on the memo's date, gives the
   attached conclusion, which equals the verdicts the memo prints (:mod:`core.signing.reproduce`).

Certification (DocMDP): the memo's own signature is an approval signature, not a certification
signature, on purpose. ``verify`` applies its own policy (above) to every later revision whatever
``/Perms`` says, and that policy is stricter than DocMDP level 2 (no annotations, no form fields
other than signatures, no metadata changes, no stamp over signed content); level 1 would forbid the
countersignatures the memo is made for. A ``/Perms`` entry added after signing is a change to the
document catalog and is refused like any other.

Input: only a regular file of at most :data:`MAX_MEMO_BYTES` is read (:func:`read_memo`).

The exit status (0 verified, 1 changed or broken, 3 intact but not trusted) is explained in
:mod:`core.signing.verify_report`. Nothing in a file, however malformed, makes this raise
anything but :class:`VerificationError` for input that is not a PDF at all.
"""

from __future__ import annotations

import io
import logging
import os
import stat
from pathlib import Path

from pyhanko.pdf_utils.reader import PdfFileReader

from core.errors import ClausewiseError, VerificationError
from core.signing.coverage import (
    CoverageError,
    byte_layout,
    check_invisible_timestamp,
    check_whole_file,
    review_revisions,
    revision_ends,
)
from core.signing.overlay import check_later_annotations
from core.signing.reproduce import reproduce
from core.signing.signatures import SignatureInfo, examine
from core.signing.structure import check_later_revisions
from core.signing.trust import trusted_x509, weak_reasons
from core.signing.verify_report import VerificationReport, report_json

for _name in ("pyhanko", "pyhanko_certvalidator", "pyhanko.sign.validation", "fontTools"):
    logging.getLogger(_name).setLevel(logging.CRITICAL)

__all__ = ["MAX_MEMO_BYTES", "VerificationReport", "read_memo", "report_json", "verify_memo"]


MAX_MEMO_BYTES = 64 * 1024 * 1024
"""The largest file ``verify`` reads (a signed memo is well under 2 MiB, even with validation data)."""


def read_memo(path: Path) -> bytes:
    """The bytes of the memo file at ``path``, read without blocking and without limit problems.

    Refuses (:class:`VerificationError`) what is not a regular file — a folder, a pipe or FIFO
    (which would wait for a writer), a device such as ``/dev/zero`` (endless) — and any file larger
    than :data:`MAX_MEMO_BYTES`, even one that grows while it is read.
    """
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except FileNotFoundError:
        raise VerificationError("no such file", file=path) from None
    except IsADirectoryError:
        raise VerificationError("this is a folder, not a memo", file=path) from None
    except OSError as exc:
        raise VerificationError(f"cannot read: {exc.strerror}", file=path) from None
    except ValueError as exc:  # e.g. a NUL character in the path
        raise VerificationError(f"cannot read: {exc}", file=path) from None
    mode = os.fstat(fd).st_mode
    if not stat.S_ISREG(mode):
        os.close(fd)
        if stat.S_ISDIR(mode):
            raise VerificationError("this is a folder, not a memo", file=path)
        raise VerificationError("not a regular file (a pipe, device or socket), so not a memo", file=path)
    with os.fdopen(fd, "rb") as file:
        try:
            data = file.read(MAX_MEMO_BYTES + 1)
        except OSError as exc:
            raise VerificationError(f"cannot read: {exc.strerror}", file=path) from None
    if len(data) > MAX_MEMO_BYTES:
        raise VerificationError(f"larger than {MAX_MEMO_BYTES // 2**20} MiB, so not a Clausewise memo", file=path)
    return data


def verify_memo(path: Path, *, data: bytes | None = None) -> VerificationReport:
    """Verify the memo at ``path`` (or ``data``, reported as ``path``); files that are not regular
    or larger than :data:`MAX_MEMO_BYTES` are refused as bad input (see :func:`read_memo`)."""
    name = str(path)
    if data is None:
        data = read_memo(Path(path))
    elif len(data) > MAX_MEMO_BYTES:
        raise VerificationError(f"larger than {MAX_MEMO_BYTES // 2**20} MiB, so not a Clausewise memo", file=path)
    if b"%PDF-" not in data[:1024]:  # the PDF header may follow up to 1 KB of other bytes
        raise VerificationError("not a PDF file", file=path)
    try:
        return _verify(name, data)
    except RecursionError:
        return _broken(name, "the file is nested too deeply to be read: it is damaged or crafted")
    except Exception as exc:  # a malformed file must give "broken", never an internal error
        return _broken(name, f"the file is damaged and cannot be checked ({_short(exc)})")


def _broken(name: str, why: str, *, signed: bool = True) -> VerificationReport:
    return VerificationReport(name, True, signed, problems=(why[0].upper() + why[1:] + ".",))


def _verify(name: str, data: bytes) -> VerificationReport:
    try:
        reader = PdfFileReader(io.BytesIO(data), strict=False)
        embedded = list(reader.embedded_signatures)
    except Exception as exc:
        return VerificationReport(name, False, False, problems=(f"The file cannot be read as a PDF ({_short(exc)}).",))
    if not embedded:
        return VerificationReport(name, True, False, problems=("The PDF carries no digital signature.",))
    spans = []
    try:
        for sig in embedded:
            spans.append(byte_layout(data, sig.sig_object, sig.pkcs7_content))
    except CoverageError as exc:
        return _broken(name, str(exc))
    order = sorted(range(len(embedded)), key=lambda i: spans[i].end)
    embedded = [embedded[i] for i in order]
    spans = [spans[i] for i in order]
    ends = revision_ends(data, reader)
    problems: list[str] = []
    coverage_problem = _coverage(data, reader, embedded, spans, ends)
    if coverage_problem:
        problems.append(f"Changed after signing: {coverage_problem}.")
    trusted, weak = trusted_x509(), weak_reasons()
    infos: list[SignatureInfo] = []
    for n, (sig, span) in enumerate(zip(embedded, spans, strict=True)):
        revision = ends.index(span.end) + 1 if span.end in ends else None
        covers = (
            f"bytes 0–{span.end} of {len(data)}: revisions 1–{revision} of {len(ends)}"
            if revision
            else f"bytes 0–{span.end} of {len(data)}"
        )
        try:
            info = examine(sig, covers, trusted, weak)
        except Exception as exc:
            problems.append(f"Signature {n + 1} is damaged and cannot be checked ({_short(exc)}).")
            continue
        if not info.intact:
            problems.append(
                f"Signature {n + 1} ({info.signer}) is broken: the signed bytes were altered or the signature "
                "value does not match."
            )
        infos.append(info)
    if infos and all(i.kind == "document timestamp" for i in infos):
        problems.append("Nobody signed the memo: it carries only a document timestamp, which vouches for no one.")
    reproduction, memo_id = _meaning(data[: spans[0].end], problems) if not problems else (None, "")
    return VerificationReport(
        file=name,
        readable=True,
        signed=True,
        signatures=tuple(infos),
        covered=not coverage_problem,
        coverage_problem=coverage_problem,
        memo_id=memo_id,
        reproduction=reproduction,
        problems=tuple(problems),
    )


def _meaning(signed: bytes, problems: list[str]):
    """Re-evaluate the first signed revision's attachments; append what is wrong to ``problems``."""
    try:
        reproduction = reproduce(PdfFileReader(io.BytesIO(signed), strict=False))
    except ClausewiseError as exc:
        problems.append(f"The memo's attachments do not support its conclusion: {exc.message}.")
        return None, ""
    if not reproduction.reproducible:
        problems.append("The memo's conclusion does not follow from its attachments: re-evaluation differs.")
    if reproduction.contradictions:
        problems.append(
            "The verdicts printed in the memo contradict its evaluation attachment: "
            + reproduction.contradictions[0]
            + "."
        )
    return reproduction, reproduction.memo_id


def _coverage(data: bytes, reader: PdfFileReader, embedded: list, spans: list, ends: list[int]) -> str:
    """'' when every byte is accounted for, else what is not, in words."""
    try:
        if reader.xrefs.hybrid_xrefs_present:
            raise CoverageError(
                "the file has hybrid cross-reference sections, which different viewers can read differently"
            )
        for sig, span in zip(embedded, spans, strict=True):
            if sig.signed_revision >= len(ends) or ends[sig.signed_revision] != span.end:
                raise CoverageError("a signature does not cover the whole revision it belongs to")
        check_whole_file(data, ends)
        for sig in embedded:
            if str(sig.sig_object.get("/Type", "/Sig")) == "/DocTimeStamp":
                check_invisible_timestamp(sig.sig_field)
        check_later_revisions(data, reader, embedded[0].signed_revision, ends)
        signed_by = {sig.signed_revision: str(sig.field_name) for sig in embedded[1:]}
        review_revisions(reader, embedded[0].signed_revision, signed_by)
        check_later_annotations(data[: spans[0].end], data)
    except CoverageError as exc:
        return str(exc)
    return ""


def _short(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return text[:160]
