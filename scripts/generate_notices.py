"""Write THIRD-PARTY-NOTICES.txt: every distribution Clausewise runs on, with version, licence and licence texts.

The list is the requirement tree of the installed ``clausewise`` distribution (runtime requirements
and the extras it asks for; never its test, dev or package extras), read with importlib.metadata,
plus the fonts in resources/fonts. Run it after changing dependencies (CI runs it before building,
so each platform's bundle lists exactly what it installed):

    .venv/bin/python scripts/generate_notices.py [OUTPUT]   # default: resources/licenses/THIRD-PARTY-NOTICES.txt
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from packaging.requirements import Requirement

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUTPUT = ROOT / "resources" / "licenses" / "THIRD-PARTY-NOTICES.txt"
LICENCE_FILE = re.compile(r"(^|/)(LICEN[CS]E|COPYING|NOTICE)[^/]*$", re.IGNORECASE)
# Distributions that ship no licence file of their own: the texts their licence names.
LICENCE_TEXTS = {
    "pyside6-essentials": ("LGPL-3.0.txt", "GPL-3.0.txt"),
    "shiboken6": ("LGPL-3.0.txt", "GPL-3.0.txt"),
}
FONT_LICENCES = {
    "DejaVu": "Bitstream Vera Fonts licence, DejaVu changes in the public domain",
    "DroidSansFallback": "Apache-2.0",
    "NotoSans": "OFL-1.1 (SIL Open Font License 1.1)",
}
QT_NOTE = (
    "Qt and Qt for Python (PySide6, shiboken6) are used under the GNU Lesser General Public License\n"
    "v3 (LGPL-3.0, which incorporates the GPL-3.0; both texts follow). They are dynamically linked,\n"
    "unmodified libraries in the bundle's folder: you may replace them with versions of your own.\n"
    "Source code: https://download.qt.io/official_releases/ and https://code.qt.io/cgit/pyside/pyside-setup.git/"
)


@dataclass(frozen=True)
class Notice:
    """One distribution (or font family) and its licence texts."""

    name: str
    version: str
    licence: str
    texts: tuple[tuple[str, str], ...]
    """(file name, text) pairs."""


def canonical(name: str) -> str:
    """The normalised distribution name (PEP 503)."""
    return re.sub(r"[-_.]+", "-", name).lower()


def runtime_distributions(root: str = "clausewise") -> dict[str, metadata.Distribution]:
    """The installed requirement tree of ``root``: canonical name -> distribution (``root`` excluded)."""
    found: dict[str, metadata.Distribution] = {}
    todo: list[tuple[str, frozenset[str]]] = [(root, frozenset())]
    expanded: set[tuple[str, frozenset[str]]] = set()
    while todo:
        name, extras = todo.pop()
        if (canonical(name), extras) in expanded:
            continue
        expanded.add((canonical(name), extras))
        dist = metadata.distribution(name)
        if canonical(name) != canonical(root):
            found[canonical(name)] = dist
        for line in dist.requires or []:
            req = Requirement(line)
            if req.marker is not None and not any(req.marker.evaluate({"extra": e}) for e in ("", *extras)):
                continue
            todo.append((req.name, frozenset(req.extras)))
    return found


def _licence(dist: metadata.Distribution) -> str:
    meta = dist.metadata
    expression = meta.get("License-Expression")
    if expression:
        return expression
    text = (meta.get("License") or "").strip()
    if text and "\n" not in text and len(text) < 80:
        return text
    classifiers = [c.split(" :: ")[-1] for c in meta.get_all("Classifier") or [] if c.startswith("License ::")]
    return "; ".join(classifiers) or "see the licence text below"


def _texts(key: str, dist: metadata.Distribution) -> tuple[tuple[str, str], ...]:
    texts: dict[str, tuple[str, str]] = {}
    for file in sorted(dist.files or [], key=str):
        if LICENCE_FILE.search(str(file)):
            text = file.locate().read_text(encoding="utf-8", errors="replace").strip()
            texts.setdefault(text, (str(file), text))
    for name in LICENCE_TEXTS.get(key, ()):
        text = (ROOT / "resources" / "licenses" / name).read_text(encoding="utf-8").strip()
        texts.setdefault(text, (name, text))
    return tuple(texts.values())


def font_notices() -> list[Notice]:
    """The fonts embedded in memos, one notice per licence file in resources/fonts."""
    fonts = ROOT / "resources" / "fonts"
    out = []
    for licence in sorted(fonts.glob("LICENSE-*.txt")):
        family = licence.stem.removeprefix("LICENSE-")
        files = sorted(p.name for p in fonts.glob("*.ttf") if p.name.startswith(family.split("Fallback")[0]))
        text = licence.read_text(encoding="utf-8").strip()
        name = f"{family} fonts ({', '.join(files)})"
        out.append(Notice(name, "", FONT_LICENCES.get(family, licence.name), ((licence.name, text),)))
    return out


def python_notice() -> Notice:
    """The Python runtime, which the bundles include."""
    version = ".".join(map(str, sys.version_info[:3]))
    licence = Path(sys.base_prefix) / "lib" / f"python{sys.version_info[0]}.{sys.version_info[1]}" / "LICENSE.txt"
    if not licence.exists():  # Windows keeps it next to the interpreter
        licence = Path(sys.base_prefix) / "LICENSE.txt"
    texts = ((licence.name, licence.read_text(encoding="utf-8").strip()),) if licence.exists() else ()
    return Notice("Python", version, "PSF-2.0", texts)


def notices() -> list[Notice]:
    """Every third-party notice: the Python runtime, the distributions (by name), then the fonts."""
    dists = runtime_distributions()
    packages = [
        Notice(dist.metadata["Name"], dist.version, _licence(dist), _texts(key, dist))
        for key, dist in sorted(dists.items())
    ]
    return [python_notice(), *packages, *font_notices()]


def render(items: list[Notice]) -> str:
    """The notices file's text."""
    version = metadata.version("clausewise")
    lines = [
        f"Clausewise {version}: third-party notices",
        "",
        "Clausewise itself is distributed under the MIT License (the file LICENSE, reproduced here).",
        "It includes the following third-party software and fonts, under their own licences.",
        "Generated by scripts/generate_notices.py from the installed distributions; do not edit by hand.",
        "",
        (ROOT / "LICENSE").read_text(encoding="utf-8").strip(),
        "",
        QT_NOTE,
        "",
        "Contents:",
        *(f"  - {n.name} {n.version}".rstrip() + f": {n.licence}" for n in items),
    ]
    for n in items:
        lines += ["", "", "=" * 78, f"{n.name} {n.version}".rstrip(), f"Licence: {n.licence}", "=" * 78]
        for file, text in n.texts:
            lines += ["", f"--- {file} ---", "", text]
    return "\n".join(lines) + "\n"


def main(argv: list[str]) -> int:
    """Write the notices file; prints its path and how many entries it has."""
    output = Path(argv[0]) if argv else DEFAULT_OUTPUT
    items = notices()
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(render(items), encoding="utf-8", newline="\n")
    print(f"{output}: {len(items)} entries")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
