"""Whole-file coverage: every byte of a signed memo is signed, or is a later revision that only
adds a further signature, a document timestamp or validation data (DSS).

The classic attacks on PDF signatures ("PDF Insecurity", 2019; shadow attacks, 2021) hide
content in bytes that no signature covers: an incremental update after signing, a
``/Contents`` re-encoded as a literal string (signature wrapping), a ``/ByteRange`` that skips
part of the file, or bytes after the last ``%%EOF``. This module checks the byte layout itself —
independently of what pyHanko's validator concludes — and reviews every revision after the
memo's signature with pyHanko's difference analysis under a strict policy:

- a revision signed by a later signature or document timestamp may only create or fill that
  signature's field (pyHanko level ``FORM_FILLING`` at most, changing no other field);
- any other revision may only add validation data (``/DSS``) — no document information
  dictionary, no XMP metadata, no annotations, no new fields, no content.
"""

from __future__ import annotations

import re

from asn1crypto import cms
from asn1crypto import parser as asn1_parser
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.diff_analysis import (
    CatalogModificationRule,
    DocInfoRule,
    DSSCompareRule,
    FormUpdatingRule,
    MetadataUpdateRule,
    ModificationLevel,
    ObjectStreamRule,
    SigFieldCreationRule,
    SigFieldModificationRule,
    StandardDiffPolicy,
    SuspiciousModification,
    XrefStreamRule,
)

from core.value_class import value_class

_HEX = re.compile(rb"[0-9A-F]*|[0-9a-f]*")
"""A signature value as signing tools write it: hexadecimal digits in one case, nothing else (so
that no byte of the gap can change without verification noticing, not even a letter's case)."""
_EOL = (b"\r\n", b"\n", b"\r")

STRICT_POLICY = StandardDiffPolicy(
    global_rules=[
        CatalogModificationRule(),
        DocInfoRule().as_qualified(ModificationLevel.LTA_UPDATES),
        MetadataUpdateRule().as_qualified(ModificationLevel.LTA_UPDATES),
        XrefStreamRule().as_qualified(ModificationLevel.LTA_UPDATES),
        ObjectStreamRule().as_qualified(ModificationLevel.LTA_UPDATES),
        DSSCompareRule().as_qualified(ModificationLevel.LTA_UPDATES),
    ],
    form_rule=FormUpdatingRule(field_rules=[SigFieldCreationRule(), SigFieldModificationRule()]),
)
"""pyHanko's standard rules without changes to fields other than signature fields.

Document information and XMP metadata may be rewritten (every signing tool updates the
modification date), but :func:`info_changes` then requires every other entry to stay the same.
"""
INFO_MAY_CHANGE = frozenset({"/ModDate", "/Producer"})


class CoverageError(Exception):
    """Part of the file is not accounted for; the message says which, in plain words."""


@value_class
class SignedSpan:
    """One signature's byte layout, checked: ``[0, a, b, c]`` with a hex ``/Contents`` in between."""

    start_gap: int
    end_gap: int
    end: int
    """Where the signed bytes end (``b + c``)."""


def byte_layout(data: bytes, sig_object: generic.DictionaryObject, contents: bytes) -> SignedSpan:
    """Check ``/ByteRange`` and ``/Contents`` of one signature against the file's bytes.

    ``contents`` is the signature value as the PDF parser read it; it must be exactly the hex
    string that fills the gap of the byte range, so that no other bytes can be passed off as the
    signature (signature wrapping) and no bytes fall outside the signed ranges.
    """
    raw = sig_object.raw_get("/ByteRange") if "/ByteRange" in sig_object else None
    if not isinstance(raw, generic.ArrayObject) or len(raw) != 4:
        raise CoverageError("the signature's byte range is missing or malformed")
    if not all(isinstance(x, generic.NumberObject) for x in raw):
        raise CoverageError("the signature's byte range is not made of whole numbers")
    first, a, b, c = (int(x) for x in raw)
    if first != 0 or a <= 0 or b <= a + 1 or c < 0 or b + c > len(data):
        raise CoverageError("the signature's byte range does not describe this file")
    gap = data[a:b]
    if gap[:1] != b"<" or gap[-1:] != b">" or not _HEX.fullmatch(gap[1:-1]):
        raise CoverageError(
            "the signature value is not where the byte range says, as one hexadecimal string in one case "
            "(signature wrapping): the unsigned bytes could hold anything"
        )
    try:
        decoded = bytes.fromhex(gap[1:-1].decode("ascii"))
    except ValueError:
        raise CoverageError("the signature value between the signed byte ranges is not valid hexadecimal") from None
    if decoded != contents:
        raise CoverageError(
            "the signature value the PDF reader sees is not the one between the signed byte ranges (signature wrapping)"
        )
    _check_padding(decoded)
    return SignedSpan(a, b, b + c)


def _check_padding(contents: bytes) -> None:
    """The signature value must be one object in its one exact (DER) encoding, then zero bytes only.

    Checking only that zeros follow the outer object is not enough: a length field raised to take
    in some of the zero padding (one flipped bit does it) leaves the signature valid for lenient
    parsers, so the same signature would have many encodings. Re-encoding the parsed object must
    give back exactly its bytes.
    """
    try:
        _, _, _, header, body, _ = asn1_parser.parse(contents)
    except ValueError:
        raise CoverageError("the signature value is not a valid signature object") from None
    value = contents[: len(header) + len(body)]
    if contents[len(value) :].strip(b"\0"):
        raise CoverageError("the space reserved for the signature value holds other data after the signature")
    try:
        canonical = cms.ContentInfo.load(value).dump(force=True)
    except Exception:  # asn1crypto parses lazily and raises many kinds of error on damaged input
        raise CoverageError("the signature value is not a valid signature object") from None
    if canonical != value:
        raise CoverageError(
            "the signature value is not in its one exact encoding (a length or tag was changed after signing)"
        )


def revision_ends(data: bytes, reader: PdfFileReader) -> list[int]:
    """Where each revision of the file ends (just after its ``%%EOF`` and line ending)."""
    ends = []
    for revision in range(reader.xrefs.total_revisions):
        after = reader.xrefs.get_xref_container_info(revision).end_location
        eof = data.find(b"%%EOF", after)
        if eof < 0:
            raise CoverageError(f"revision {revision + 1} of the file has no end marker")
        end = eof + 5
        for eol in _EOL:
            if data.startswith(eol, end):
                end += len(eol)
                break
        ends.append(end)
    return ends


def check_whole_file(data: bytes, ends: list[int]) -> None:
    """Fail if bytes follow the end of the last revision (appended after ``%%EOF``)."""
    if not ends or ends[-1] != len(data):
        tail = len(data) - (ends[-1] if ends else 0)
        raise CoverageError(f"{tail} bytes follow the end of the document's last revision; no signature covers them")


def review_revisions(reader: PdfFileReader, first_signed: int, signed_by: dict[int, str]) -> None:
    """Review every revision after ``first_signed`` (see the module docstring).

    ``signed_by`` maps a revision number to the name of the signature field whose signature
    that revision carries. Raises :class:`CoverageError` with what was changed.
    """
    for revision in range(first_signed + 1, reader.xrefs.total_revisions):
        old = reader.get_historical_resolver(revision - 1)
        new = reader.get_historical_resolver(revision)
        try:
            result = STRICT_POLICY.apply(old, new)
        except SuspiciousModification:
            raise CoverageError(_what_changed(revision, signed_by)) from None
        changed = info_changes(old, new)
        if changed:
            raise CoverageError(
                f"revision {revision + 1} changes the document information ({', '.join(changed)}) after signing"
            )
        field = signed_by.get(revision)
        level = result.modification_level
        if field is None and level > ModificationLevel.LTA_UPDATES:
            raise CoverageError(f"revision {revision + 1} changes form fields without signing: {_fields(result)}")
        if field is not None:
            others = {f for f in result.changed_form_fields if f != field}
            if level > ModificationLevel.FORM_FILLING or others:
                raise CoverageError(
                    f"revision {revision + 1} adds a signature but also changes {_fields(result, field)}"
                )


def check_invisible_timestamp(sig_field: generic.DictionaryObject) -> None:
    """A document timestamp vouches for no content: its field must show nothing on any page.

    Anyone can run a timestamp authority, so a visible widget would let an attacker paint over
    the signed memo (e.g. "NO PROHIBITION FOUND") in a revision that verification accepts.
    """
    kids = sig_field.get("/Kids")
    widgets = [k.get_object() for k in kids] if isinstance(kids, generic.ArrayObject) else [sig_field]
    for widget in widgets:
        rect = widget.get("/Rect")
        if rect is None:
            continue
        try:
            x1, y1, x2, y2 = (float(v) for v in rect)
        except (TypeError, ValueError):
            raise CoverageError("a document timestamp's field has a malformed rectangle") from None
        if abs(x2 - x1) * abs(y2 - y1) > 0:
            raise CoverageError("a document timestamp's field is visible on a page: it could show anything")


def info_changes(old, new) -> list[str]:
    """Document information entries that differ between two revisions, other than dates and producer."""
    before, after = _info(old), _info(new)
    keys = (set(before) | set(after)) - INFO_MAY_CHANGE
    return sorted(k.lstrip("/") for k in keys if before.get(k) != after.get(k))


def _info(resolver) -> dict[str, str]:
    """The document information of one revision, resolved in that revision; XMP metadata as one entry."""
    out: dict[str, str] = {}
    info = _resolve(resolver, resolver.trailer_view, "/Info")
    if isinstance(info, generic.DictionaryObject):
        out = {str(k): repr(_resolve(resolver, info, k)) for k in info}
    elif info is not None:
        out = {"(not a dictionary)": repr(info)[:80]}
    xmp = _resolve(resolver, resolver.root, "/Metadata")
    if isinstance(xmp, generic.StreamObject):
        out["XMP metadata"] = xmp_meaning(xmp.data)
    return out


_XMP_VOLATILE = {
    "{http://ns.adobe.com/xap/1.0/}ModifyDate",
    "{http://ns.adobe.com/xap/1.0/}MetadataDate",
    "{http://ns.adobe.com/pdf/1.3/}Producer",
}
_RDF_ABOUT = "{http://www.w3.org/1999/02/22-rdf-syntax-ns#}about"


def xmp_meaning(data: bytes) -> str:
    """What an XMP packet says, independent of how it is written: every property of every
    rdf:Description (as attribute or as element, with nested values and their language tags),
    sorted, without the dates and producer that every signing tool updates. Two packets that say
    the same thing give the same string; an unreadable packet gives its bytes (so any change counts)."""
    from xml.etree import ElementTree

    try:
        root = ElementTree.fromstring(data.strip().strip(b"\x00"))
    except (ElementTree.ParseError, ValueError):
        return data.decode("utf-8", "replace")
    facts: list[str] = []
    for description in root.iter("{http://www.w3.org/1999/02/22-rdf-syntax-ns#}Description"):
        facts += [f"{k}={v}" for k, v in description.attrib.items() if k not in _XMP_VOLATILE | {_RDF_ABOUT}]
        for prop in description:
            if prop.tag not in _XMP_VOLATILE:
                facts.append(f"{prop.tag}={_xml_value(prop)}")
    return "\n".join(sorted(facts))


def _xml_value(element) -> str:
    """An element's text, attributes and children, in document order, as one string."""
    parts = [(element.text or "").strip(), *(f"@{k}={v}" for k, v in sorted(element.attrib.items()))]
    parts += [f"<{child.tag}>{_xml_value(child)}" for child in element]
    return "|".join(parts)


def _resolve(resolver, container, key: str):
    """``container[key]`` with indirect references resolved in ``resolver``'s revision (None if absent)."""
    if key not in container:
        return None
    value = container.raw_get(key)
    seen = 0
    while isinstance(value, generic.IndirectObject) and seen < 8:
        value = resolver(value.reference)
        seen += 1
    return value


def _fields(result, own: str | None = None) -> str:
    names = sorted(f for f in result.changed_form_fields if f != own)
    return ", ".join(names) if names else "more than the signature"


def _what_changed(revision: int, signed_by: dict[int, str]) -> str:
    if revision in signed_by:
        return (
            f"revision {revision + 1} adds the signature {signed_by[revision]!r} but also changes "
            "the content, attachments or metadata of the memo"
        )
    return f"revision {revision + 1} was added after signing and changes the content, attachments or metadata"
