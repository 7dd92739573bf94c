"""Every byte of every revision added after the memo's signature is accounted for, and read the
same way by every PDF reader.

pyHanko's difference analysis (:mod:`core.signing.coverage`) compares the objects that *pyHanko*
reads in each revision. Viewers read some malformed files differently, and the published attacks
use exactly that ("PDF Insecurity", 2019; "Shadow Attacks", 2021):

- a dictionary with a key twice (``/Root 1 0 R /Root 99 0 R`` in a trailer): pyHanko keeps the
  first, poppler the last, so a viewer shows another catalog, page tree or title than was checked;
- objects in a revision that its cross-reference section does not list (shadow "hide"), a second
  trailer, junk between objects: ignored by a parser that follows the cross-reference table, used
  by one that rebuilds it;
- a cross-reference table that lists an object twice, or points outside its own revision (back at
  an older, signed version of an object: shadow "replace");
- a trailer whose ``/Root`` or ``/Info`` is another object than the signed memo's;
- cross-reference and object streams after a memo that has neither (objects hidden inside
  compressed streams).

So each later revision must be, byte for byte: objects listed by its cross-reference table, each
read in pyHanko's strict mode (duplicate keys refused), with only white space and comments between
them; then one cross-reference table without duplicates, one trailer (strict) with the memo's own
``/Root`` and ``/Info``, ``startxref`` giving that table's offset, and ``%%EOF``.
"""

from __future__ import annotations

import io
import re

from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.pdf_utils.xref import XRefSectionType

from core.signing.coverage import CoverageError

_BLANK = re.compile(rb"(?:[\x00\t\n\x0c\r ]+|%[^\r\n]*)*")
_OBJ = re.compile(rb"(\d+)[\x00\t\n\x0c\r ]+(\d+)[\x00\t\n\x0c\r ]+obj")
_XREF = re.compile(rb"xref[ \t]*(?:\r\n|\r|\n)")
_SUBSECTION = re.compile(rb"(\d+) (\d+)[ \t]*(?:\r\n|\r|\n)")
_ENTRY = re.compile(rb"(\d{10}) (\d{5}) ([nf])(?: \r| \n|\r\n)")
_TAIL = re.compile(rb"startxref[\x00\t\n\x0c\r ]+(\d+)[\x00\t\n\x0c\r ]+%%EOF(?:\r\n|\r|\n)?")


class _Strict:
    """pyHanko's reader, but strict while parsing: a key twice in a dictionary is an error."""

    strict = True

    def __init__(self, reader: PdfFileReader) -> None:
        self._reader = reader

    def __getattr__(self, name: str):
        return getattr(self._reader, name)


def check_later_revisions(data: bytes, reader: PdfFileReader, first_signed: int, ends: list[int]) -> None:
    """Check every revision after ``first_signed`` (see the module docstring); raise
    :class:`CoverageError` saying what is not accounted for."""
    xrefs = reader.xrefs
    signed_trailer = reader.get_historical_resolver(first_signed).trailer_view
    anchors = {key: _ref(signed_trailer, key) for key in ("/Root", "/Info")}
    for revision in range(first_signed + 1, xrefs.total_revisions):
        label = f"revision {revision + 1} (after signing)"
        if xrefs.get_xref_container_info(revision).xref_section_type != XRefSectionType.STANDARD:
            raise CoverageError(f"{label} uses a cross-reference stream, which the signed memo does not")
        _check_revision(data, reader, revision, ends[revision - 1], ends[revision], label)
        trailer = reader.get_historical_resolver(revision).trailer_view
        for key, anchor in anchors.items():
            if _ref(trailer, key) != anchor:
                raise CoverageError(f"{label} points the document at another {key.lstrip('/')} than the signed memo's")


def _ref(trailer, key: str):
    if key not in trailer:
        return None
    value = trailer.raw_get(key)
    return (value.idnum, value.generation) if isinstance(value, generic.IndirectObject) else repr(value)


def _check_revision(data: bytes, reader: PdfFileReader, revision: int, start: int, end: int, label: str) -> None:
    section = reader.xrefs.get_xref_data(revision)
    if section.xrefs_in_objstm or section.obj_streams_used:
        raise CoverageError(f"{label} puts objects in an object stream, which the signed memo does not")
    listed = {offset: (idnum, gen) for idnum, (gen, offset) in section.standard_xrefs.items()}
    outside = [o for o in listed if not start <= o < end]
    if outside:
        raise CoverageError(f"{label} points an object at bytes outside that revision (an older, hidden version)")
    handler = _Strict(reader)
    table_at = reader.xrefs.get_startxref_for_revision(revision)
    pos = _skip_blank(data, start)
    while pos != table_at:
        if pos not in listed:
            raise CoverageError(f"{label} holds bytes at offset {pos} that its cross-reference table does not list")
        pos = _skip_blank(data, _read_indirect(data, pos, listed.pop(pos), handler, label))
    if listed:
        raise CoverageError(f"{label} lists objects at offsets where none begins")
    pos = _skip_blank(data, _read_table(data, pos, label))
    pos = _skip_blank(data, _read_trailer(data, pos, handler, label))
    tail = _TAIL.match(data, pos)
    if tail is None or int(tail[1]) != table_at or tail.end() != end:
        raise CoverageError(f"{label} does not end with one startxref pointing at its own table and %%EOF")


def _skip_blank(data: bytes, pos: int) -> int:
    match = _BLANK.match(data, pos)
    return match.end() if match else pos


def _read_indirect(data: bytes, pos: int, expected: tuple[int, int], handler: _Strict, label: str) -> int:
    """Read ``N G obj … endobj`` at ``pos`` strictly; return where it ends."""
    header = _OBJ.match(data, pos)
    if header is None or (int(header[1]), int(header[2])) != expected:
        raise CoverageError(f"{label}: the object at offset {pos} is not the one its cross-reference table names")
    stream = io.BytesIO(data)
    stream.seek(_skip_blank(data, header.end()))
    try:
        generic.read_object(stream, generic.Reference(expected[0], expected[1], handler))
    except Exception as exc:
        raise CoverageError(
            f"{label}: object {expected[0]} cannot be read unambiguously ({_first_line(exc)})"
        ) from None
    after = _skip_blank(data, stream.tell())
    if not data.startswith(b"endobj", after):
        raise CoverageError(f"{label}: object {expected[0]} is followed by more than its end marker")
    return after + len(b"endobj")


def _read_table(data: bytes, pos: int, label: str) -> int:
    """Read one classic cross-reference table ending in ``trailer``; refuse an object listed twice."""
    head = _XREF.match(data, pos)
    if head is None:
        raise CoverageError(f"{label} has bytes where its cross-reference table should begin")
    pos, seen = head.end(), set()
    while (sub := _SUBSECTION.match(data, pos)) is not None:
        pos = sub.end()
        first, count = int(sub[1]), int(sub[2])
        for n in range(first, first + count):
            entry = _ENTRY.match(data, pos)
            if entry is None:
                raise CoverageError(f"{label} has a malformed cross-reference table")
            if n in seen:
                raise CoverageError(f"{label} lists object {n} twice in its cross-reference table")
            seen.add(n)
            pos = entry.end()
    if not data.startswith(b"trailer", pos):
        raise CoverageError(f"{label} has a malformed cross-reference table")
    return pos + len(b"trailer")


def _read_trailer(data: bytes, pos: int, handler: _Strict, label: str) -> int:
    stream = io.BytesIO(data)
    stream.seek(pos)
    try:
        trailer = generic.DictionaryObject.read_from_stream(stream, generic.TrailerReference(handler))
    except Exception as exc:
        raise CoverageError(f"{label} has a trailer that cannot be read unambiguously ({_first_line(exc)})") from None
    if not isinstance(trailer, generic.DictionaryObject):
        raise CoverageError(f"{label} has a malformed trailer")
    return stream.tell()


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return (text.splitlines()[0] if text else type(exc).__name__)[:120]
