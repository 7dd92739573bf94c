"""The Linux bundle's smaller ICU data (packaging/icu_data.py): the same package format, every item Qt
reads kept, and Qt computing exactly the same collation, time-zone names, encodings and case mapping."""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
QT_LIB = Path(importlib.util.find_spec("PySide6").origin).parent / "Qt" / "lib"
ICU_DATA = next(QT_LIB.glob("libicudata.so.*"), None) if QT_LIB.is_dir() else None

pytestmark = pytest.mark.skipif(ICU_DATA is None, reason="PySide6 ships ICU only in its Linux wheels")


def _module():
    spec = importlib.util.spec_from_file_location("icu_data", ROOT / "packaging" / "icu_data.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def icu():
    return _module()


@pytest.fixture(scope="module")
def package(icu):
    return icu.common_data(ICU_DATA.read_bytes())


def test_reading_and_writing_the_package_gives_back_the_same_bytes(icu, package):
    """The reader and writer follow icupkg's layout exactly (table of contents, names, 0xAA padding)."""
    symbol, data = package
    assert symbol.startswith("icudt") and symbol.endswith("_dat")
    header_size = int.from_bytes(data[:2], "little")
    items = icu.read_items(data)
    assert len(items) > 1000
    assert icu.write_package(data[:header_size], items) == data


def test_the_subset_keeps_what_qt_reads_and_drops_only_the_listed_services(icu, package):
    """Collation, converters, zones and locale data stay byte for byte; break iterators, units,
    currencies, display names, transliterators and number spell-out rules go."""
    _, data = package
    full = dict(icu.read_items(data))
    kept = dict(icu.read_items(icu.subset(data)))
    assert set(kept) < set(full)
    assert all(kept[name] == full[name] for name in kept)
    dropped = {name.split("/", 1)[1] for name in set(full) - set(kept)}
    assert {name.split("/", 1)[0] for name in dropped if "/" in name} == set(icu.DROPPED_TREES)
    for name in set(full) - set(kept):
        assert icu._dropped(name.split("/", 1)[1])
    tails = {name.split("/", 1)[1] for name in kept}
    for needed in ("coll/de.res", "coll/ucadata.icu", "zone/fr.res", "zoneinfo64.res", "metaZones.res"):
        assert needed in tails, needed
    assert "cnvalias.icu" in tails and any(name.endswith(".cnv") for name in tails)
    assert "en.res" in tails and "root.res" in tails and "supplementalData.res" in tails
    assert len(kept) < len(full) * 0.6


def test_qt_calls_no_icu_function_outside_the_families_the_subset_serves(icu, package):
    """If a new Qt called, say, ubrk_* (break iteration), the subset would lack its data."""
    symbol, _ = package
    version = symbol[len("icudt") : -len("_dat")]
    for library in QT_LIB.glob("libQt6*.so.6"):
        calls = icu.icu_calls(library.read_bytes(), version)
        assert {call for call in calls if not call.startswith(icu.QT_ICU_FAMILIES)} == set(), library.name
    calls = icu.icu_calls((QT_LIB / "libQt6Core.so.6").read_bytes(), version)
    assert any(call.startswith("ucol_") for call in calls), "the check reads Qt Core's ICU imports"


PROBE = r"""
import functools
from PySide6.QtCore import QCollator, QDate, QDateTime, QLocale, QMimeData, QTime, QTimeZone, Qt

print([line.split()[-1] for line in open("/proc/self/maps") if "libicudata" in line][:1])
words = ["Äpfel", "apfel", "Zebra", "öl", "Ol", "file10", "file9", "ångström", "中文", "日本", "ch", "cz", "ß", "łódź"]
for name in ["en_US", "de_DE", "sv_SE", "cs_CZ", "es_ES", "ja_JP", "zh_CN", "pl_PL"]:
    collator = QCollator(QLocale(name))
    collator.setNumericMode(True)
    collator.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    print(name, sorted(words, key=functools.cmp_to_key(collator.compare)))
when = QDateTime(QDate(2026, 7, 15), QTime(12, 0))
for zone in [b"Europe/London", b"Europe/Berlin", b"America/New_York", b"Asia/Kolkata", b"Asia/Calcutta"]:
    tz = QTimeZone(zone)
    for name in ["en_US", "de_DE", "ja_JP", "ar_EG"]:
        print(zone, name, tz.displayName(when, QTimeZone.NameType.LongName, QLocale(name)),
              tz.displayName(QTimeZone.TimeType.StandardTime, QTimeZone.NameType.ShortName, QLocale(name)))
text = "Grüße — ¥€ 日本語 中文 Привет ΑΒΓ"
for charset, codec in [("windows-1252", "cp1252"), ("Shift_JIS", "shift_jis"), ("GB18030", "gb18030"),
                       ("Big5", "big5"), ("KOI8-R", "koi8_r"), ("ISO-8859-7", "iso8859_7")]:
    mime = QMimeData()
    mime.setData("text/html", f'<meta charset="{charset}">'.encode() + text.encode(codec, errors="replace"))
    print(charset, mime.html())
for name in ["en_US", "tr_TR", "lt_LT", "el_GR"]:
    print(name, QLocale(name).toUpper("istanbul ıi ΌΣΟΣ όσος straße"), QLocale(name).toLower("IİI ΌΣΟΣ"))
"""


def _probe(preload: Path | None) -> list[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    env.pop("LD_PRELOAD", None)
    if preload is not None:
        env["LD_PRELOAD"] = str(preload)
    done = subprocess.run([sys.executable, "-c", PROBE], env=env, capture_output=True, text=True, check=True)
    return done.stdout.splitlines()


@pytest.mark.skipif(shutil.which("cc") is None, reason="building the library needs a C compiler")
def test_qt_computes_the_same_with_the_smaller_library(icu, package, tmp_path):
    """Collation, time-zone names, legacy encodings and case mapping are the same with the subset."""
    symbol, data = package
    library = icu.build_library(icu.subset(data), symbol, ICU_DATA.name, tmp_path)
    assert library.stat().st_size < ICU_DATA.stat().st_size * 0.6
    full, small = _probe(None), _probe(library)
    assert full[0] == repr([str(ICU_DATA.resolve())])
    assert small[0] == repr([str(library)]), "the probe ran with the smaller library"
    assert len(full) == 1 + 8 + 5 * 4 + 6 + 4
    assert small[1:] == full[1:]
    assert "'apfel', 'Äpfel', 'ch', 'cz', 'file9', 'file10'" in small[2], "German collation, numbers by value"
    assert "Mitteleuropäische Sommerzeit" in "\n".join(small)
    assert any(line.startswith("Shift_JIS") and "日本語" in line for line in small)


def test_the_bundle_swaps_in_the_subset_and_keeps_other_binaries(icu, package, tmp_path):
    """smaller_icu_data replaces only libicudata's source; the destination stays where Qt looks."""
    binaries = [
        ("PySide6/Qt/lib/libQt6Core.so.6", str(QT_LIB / "libQt6Core.so.6"), "BINARY"),
        (f"PySide6/Qt/lib/{ICU_DATA.name}", str(ICU_DATA), "BINARY"),
    ]
    if shutil.which("cc") is None:
        assert icu.smaller_icu_data(binaries, tmp_path) == binaries
        return
    result = icu.smaller_icu_data(binaries, tmp_path)
    assert result[0] == binaries[0]
    dest, src, kind = result[1]
    assert (dest, kind) == binaries[1][::2] and Path(src).parent == tmp_path
    _, data = icu.common_data(Path(src).read_bytes())
    assert data == icu.subset(package[1])
