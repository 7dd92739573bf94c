"""A smaller ICU data library for the Linux bundle: ICU's data without the parts Qt never reads.

PySide6's Linux wheels ship ICU for Qt Core. Its data library, libicudata, is one ICU "common data"
package (an archive of ~3,900 named items: icudt73l/coll/de.res, icudt73l/zone/fr.res, ...) linked
in as the symbol ``icudt73_dat``; ICU looks each item up by name when an API first needs it.

Qt Core calls only four families of ICU functions (checked at build time, see ``icu_calls``):

- ``ucol_*``: QCollator (QFileDialog sorts its file list with it) reads ``coll/``;
- ``ucnv_*``: QStringConverter's legacy encodings read the converter tables ``*.cnv`` and ``cnvalias.icu``;
- ``ucal_*``: QTimeZone's canonical ids and display names read ``zoneinfo64``, ``metaZones``,
  ``timezoneTypes``, ``zone/`` and the locales' calendar data (the top-level ``*.res``);
- ``u_strToUpper``/``u_strToLower``: QLocale's case mapping, whose data is compiled into libicuuc.

Every item those read is kept. The trees and files below belong to ICU services no Qt call reaches
(break iteration, measure units, currencies, display names of languages and regions,
transliteration, spelled-out numbers, character names, IDNA, StringPrep, spoof checks), so they are
left out. If a new Qt calls anything else of ICU, ``icu_calls`` finds it and the full data is kept.
"""

from __future__ import annotations

import re
import shutil
import struct
import subprocess
from pathlib import Path

# The ICU functions Qt may call for the subset to be complete (prefixes of their exported names).
QT_ICU_FAMILIES = ("ucol_", "ucnv_", "UCNV_", "ucal_", "u_strToUpper_", "u_strToLower_")

# Item trees (and the ICU service that reads them) that none of those functions reads.
DROPPED_TREES = {
    "brkitr": "break iterators and their dictionaries (ubrk_*; Qt finds text boundaries with its own tables)",
    "unit": "measure unit names (MeasureFormat)",
    "curr": "currency names and symbols (number and currency formatting)",
    "lang": "language display names (uloc_getDisplayLanguage, LocaleDisplayNames)",
    "region": "region display names (uloc_getDisplayCountry, LocaleDisplayNames)",
    "translit": "transliterators (Transliterator)",
    "rbnf": "spelled-out and ordinal number rules (RuleBasedNumberFormat)",
}
# Top-level items of ICU services none of those functions uses.
DROPPED_ITEMS = {
    "unames.icu": "Unicode character names (u_charName)",
    "uts46.nrm": "IDNA mapping (uidna_*; Qt's QUrl has its own)",
    "confusables.cfu": "spoof checking (uspoof_*)",
    "ulayout.icu": "layout properties (u_getIntPropertyValue of UCHAR_INDIC_*)",
    "uemoji.icu": "emoji properties (u_hasBinaryProperty of emoji properties)",
}
DROPPED_SUFFIXES = {".spp": "StringPrep profiles (usprep_*)"}

_SYMBOL = re.compile(rb"icudt(\d+)_dat")


def _sections(elf: bytes) -> list[tuple[int, int, int, int, int, int]]:
    """Section headers of a 64-bit little-endian ELF file: (type, addr, offset, size, link, entsize)."""
    if elf[:4] != b"\x7fELF" or elf[4] != 2 or elf[5] != 1:
        raise ValueError("not a 64-bit little-endian ELF file")
    (shoff,) = struct.unpack_from("<Q", elf, 0x28)
    shentsize, shnum = struct.unpack_from("<HH", elf, 0x3A)
    headers = []
    for i in range(shnum):
        _, kind, _, addr, offset, size, link, _, _, entsize = struct.unpack_from(
            "<IIQQQQIIQQ", elf, shoff + i * shentsize
        )
        headers.append((kind, addr, offset, size, link, entsize))
    return headers


def dynamic_symbols(elf: bytes) -> list[tuple[bytes, int, int, bool]]:
    """The dynamic symbols of an ELF shared object: (name, address, size, defined here)."""
    sections = _sections(elf)
    symbols = []
    for kind, _, offset, size, link, entsize in sections:
        if kind != 11:  # SHT_DYNSYM
            continue
        strtab = sections[link][2]
        for start in range(offset + entsize, offset + size, entsize):
            name_at, _, _, shndx, value, length = struct.unpack_from("<IBBHQQ", elf, start)
            name = elf[strtab + name_at : elf.index(b"\0", strtab + name_at)]
            symbols.append((name, value, length, shndx != 0))
    return symbols


def common_data(library: bytes) -> tuple[str, bytes]:
    """The ICU common data package linked into a libicudata: (its symbol's name, its bytes)."""
    for name, address, size, defined in dynamic_symbols(library):
        if defined and _SYMBOL.fullmatch(name):
            for kind, addr, offset, length, _, _ in _sections(library):
                if kind != 8 and addr <= address < addr + length:  # not SHT_NOBITS
                    start = offset + address - addr
                    return name.decode(), library[start : start + size]
    raise ValueError("no icudt*_dat symbol with data in this library")


def icu_calls(binary: bytes, version: str) -> set[str]:
    """The ICU functions (of this ICU version) a binary imports."""
    suffix = f"_{version}".encode()
    return {name.decode() for name, _, _, defined in dynamic_symbols(binary) if not defined and name.endswith(suffix)}


def _dropped(name: str) -> bool:
    """Whether a package item (without the package prefix) belongs to a service Qt never uses."""
    tree = name.split("/", 1)[0] if "/" in name else None
    return tree in DROPPED_TREES or name in DROPPED_ITEMS or name.endswith(tuple(DROPPED_SUFFIXES))


def read_items(package: bytes) -> list[tuple[str, bytes]]:
    """The named items of an ICU common data package ("CmnD"), in table-of-contents order."""
    header_size, magic1, magic2 = struct.unpack_from("<HBB", package, 0)
    if (magic1, magic2) != (0xDA, 0x27) or package[12:16] != b"CmnD":
        raise ValueError("not an ICU common data package")
    if package[8] != 0:
        raise ValueError("only little-endian ICU data is handled")
    (count,) = struct.unpack_from("<I", package, header_size)
    entries = [struct.unpack_from("<II", package, header_size + 4 + 8 * i) for i in range(count)]
    ends = [offset for _, offset in entries[1:]] + [len(package) - header_size]
    items = []
    for (name_at, offset), end in zip(entries, ends, strict=True):
        name = package[header_size + name_at : package.index(b"\0", header_size + name_at)]
        items.append((name.decode("ascii"), package[header_size + offset : header_size + end]))
    return items


def write_package(header: bytes, items: list[tuple[str, bytes]]) -> bytes:
    """An ICU common data package: ``header``, table of contents, names, then the items (icupkg's layout).

    Offsets count from the table of contents; the names and every item are padded to 16 bytes with
    0xAA, as icupkg pads, so reading a package and writing its items back gives the same bytes.
    """
    names = b"".join(name.encode("ascii") + b"\0" for name, _ in items)
    table = 4 + 8 * len(items)
    offset = -(-(table + len(names)) // 16) * 16
    toc, data, name_at = [struct.pack("<I", len(items))], [], table
    for name, item in items:
        toc.append(struct.pack("<II", name_at, offset))
        name_at += len(name) + 1
        padded = item + b"\xaa" * (-len(item) % 16)
        data.append(padded)
        offset += len(padded)
    body = b"".join(toc) + names
    return header + body + b"\xaa" * (-len(body) % 16) + b"".join(data)


def subset(package: bytes) -> bytes:
    """The package without the items of the ICU services Qt never calls (see DROPPED_*)."""
    (header_size,) = struct.unpack_from("<H", package, 0)
    kept = [(name, item) for name, item in read_items(package) if not _dropped(name.split("/", 1)[1])]
    return write_package(package[:header_size], kept)


def build_library(package: bytes, symbol: str, soname: str, folder: Path) -> Path:
    """A shared library exporting ``package`` as ``symbol`` (how libicudata is made), built with cc."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "icudata.dat").write_bytes(package)
    (folder / "icudata.S").write_text(
        "\n".join(
            [
                '.section .note.GNU-stack,"",@progbits',
                ".section .rodata",
                f".globl {symbol}",
                f".type {symbol}, @object",
                ".balign 16",
                f"{symbol}:",
                '.incbin "icudata.dat"',
                f".size {symbol}, . - {symbol}",
                "",
            ]
        ),
        encoding="ascii",
    )
    output = folder / soname
    command = ["cc", "-shared", "-nostdlib", f"-Wl,-soname,{soname}", "-o", soname, "icudata.S"]
    subprocess.run(command, cwd=folder, check=True, capture_output=True)
    return output


def smaller_icu_data(binaries: list, folder: Path) -> list:
    """PyInstaller's binaries with libicudata replaced by the subset, when every ICU call allows it.

    Keeps the full library (and says why) when there is no C compiler, or some bundled binary
    calls an ICU function outside QT_ICU_FAMILIES.
    """
    found = [(i, entry) for i, entry in enumerate(binaries) if Path(entry[0]).name.startswith("libicudata.so.")]
    if not found:
        return binaries
    ((index, (dest, src, kind)),) = found
    if shutil.which("cc") is None:
        print("icu_data: no C compiler; the full ICU data is bundled")
        return binaries
    symbol, package = common_data(Path(src).read_bytes())
    version = _SYMBOL.fullmatch(symbol.encode()).group(1).decode()
    for other_dest, other_src, _ in binaries:
        if Path(other_dest).name.startswith("libicu") or not _is_elf(other_src):
            continue
        unexpected = {c for c in icu_calls(Path(other_src).read_bytes(), version) if not c.startswith(QT_ICU_FAMILIES)}
        if unexpected:
            print(f"icu_data: {other_dest} calls {sorted(unexpected)}; the full ICU data is bundled")
            return binaries
    library = build_library(subset(package), symbol, Path(dest).name, folder)
    print(f"icu_data: {len(package)} bytes of ICU data cut to {library.stat().st_size}")
    return [*binaries[:index], (dest, str(library), kind), *binaries[index + 1 :]]


def _is_elf(path: str) -> bool:
    with open(path, "rb") as file:
        return file.read(4) == b"\x7fELF"
