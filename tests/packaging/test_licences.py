"""The project's licence and the third-party notices: complete, shipped in every bundle, shown by the installers."""

from __future__ import annotations

import re
from importlib import metadata
from pathlib import Path

from packaging.requirements import Requirement

ROOT = Path(__file__).resolve().parents[2]
NOTICES = ROOT / "resources" / "licenses" / "THIRD-PARTY-NOTICES.txt"


def _canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _bundled_distributions() -> dict[str, str]:
    """Every installed runtime dependency of clausewise (its requirement tree, no test/dev/package extras)."""
    out: dict[str, str] = {}
    stack = [("clausewise", ())]
    while stack:
        name, extras = stack.pop()
        dist = metadata.distribution(name)
        for line in dist.requires or []:
            req = Requirement(line)
            if req.marker and not any(req.marker.evaluate({"extra": e}) for e in ("", *extras)):
                continue
            key = _canonical(req.name)
            if key not in out or req.extras:
                out[key] = metadata.version(req.name)
                stack.append((req.name, tuple(req.extras)))
    return out


def _listed() -> dict[str, str]:
    text = NOTICES.read_text(encoding="utf-8")
    contents = text.split("Contents:\n", 1)[1].split("\n\n", 1)[0]
    listed = {}
    for line in contents.splitlines():
        name_version = line.removeprefix("  - ").split(":", 1)[0]
        name, _, version = name_version.rpartition(" ")
        listed[_canonical(name)] = version
    return listed


def test_every_bundled_distribution_is_listed_with_its_version():
    """Each runtime dependency (PySide6, reportlab, pyHanko, cryptography… and theirs) is in the notices."""
    bundled = _bundled_distributions()
    assert {"pyside6-essentials", "shiboken6", "reportlab", "pyhanko", "cryptography"} <= set(bundled)
    listed = _listed()
    missing = {name: version for name, version in bundled.items() if listed.get(name) != version}
    assert missing == {}, "run scripts/generate_notices.py"


def test_every_entry_carries_a_licence_text():
    """No entry is a bare name: each has at least one licence text; Qt's LGPL and the fonts' licences are there."""
    text = NOTICES.read_text(encoding="utf-8")
    sections = text.split("=" * 78)[1:]
    headers, bodies = sections[0::2], sections[1::2]
    assert len(headers) == len(_listed())
    for header, body in zip(headers, bodies, strict=True):
        assert "\n--- " in body and len(body) > 200, header.strip()
    for needle in ("GNU LESSER GENERAL PUBLIC LICENSE", "SIL OPEN FONT LICENSE", "Bitstream Vera", "Apache License"):
        assert needle.lower() in text.lower(), needle
    assert text.index("MIT License") < text.index("Contents:"), "the project's own licence comes first"


def test_the_project_licence_is_mit():
    """LICENSE is the MIT licence."""
    text = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert text.startswith("MIT License") and "WITHOUT WARRANTY OF ANY KIND" in text


def test_every_installer_shows_the_licence_and_ships_the_notices():
    """Windows: licence page and notices page; macOS disk image and every bundle: both files."""
    iss = (ROOT / "packaging" / "windows" / "clausewise.iss").read_text(encoding="utf-8")
    assert re.search(r"^LicenseFile=\.\.\\\.\.\\LICENSE$", iss, re.M)
    assert re.search(r"^InfoBeforeFile=\.\.\\\.\.\\resources\\licenses\\THIRD-PARTY-NOTICES\.txt$", iss, re.M)
    dmg = (ROOT / "packaging" / "macos" / "build-dmg.sh").read_text(encoding="utf-8")
    assert "cp LICENSE" in dmg and "THIRD-PARTY-NOTICES.txt" in dmg
    spec = (ROOT / "packaging" / "clausewise.spec").read_text(encoding="utf-8")
    assert '(str(ROOT / "LICENSE"), ".")' in spec and '(str(ROOT / "resources"), "resources")' in spec
    workflow = (ROOT / ".github" / "workflows" / "build.yml").read_text(encoding="utf-8")
    assert workflow.index("scripts/generate_notices.py") < workflow.index("-m pytest")
