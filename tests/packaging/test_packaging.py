"""Installers and the CI workflow: valid, complete, and referring only to files that exist.
The slow test builds the Linux bundle and runs it headlessly."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
WORKFLOW = ROOT / ".github" / "workflows" / "build.yml"
ISS = ROOT / "packaging" / "windows" / "clausewise.iss"
SPEC = ROOT / "packaging" / "clausewise.spec"


def _workflow() -> dict:
    return yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))


def test_the_workflow_builds_smoke_tests_and_uploads_on_every_platform():
    """One matrix job per platform: install, test, build, smoke-test, upload."""
    data = _workflow()
    triggers = data.get("on", data.get(True))  # YAML 1.1 reads the key "on" as true
    assert {"push", "pull_request"} <= set(triggers)
    job = data["jobs"]["build"]
    names = {entry["name"] for entry in job["strategy"]["matrix"]["include"]}
    assert names == {"linux-x86_64", "windows-x86_64", "macos-arm64", "macos-x86_64"}
    steps = job["steps"]
    text = "\n".join(str(s.get("run", "")) + str(s.get("uses", "")) for s in steps)
    assert "-m pytest" in text
    assert "PyInstaller packaging/clausewise.spec" in text
    assert 'packaging/smoke-test.sh "${{ matrix.exe }}"' in text
    upload = next(s for s in steps if str(s.get("uses", "")).startswith("actions/upload-artifact"))
    assert upload["with"]["if-no-files-found"] == "error"
    for entry in job["strategy"]["matrix"]["include"]:
        assert entry["exe"].startswith("dist/")


def test_every_script_the_workflow_runs_exists():
    """packaging/… and scripts/… paths in the workflow are real, executable files."""
    text = WORKFLOW.read_text(encoding="utf-8")
    paths = set(re.findall(r"\b((?:packaging|scripts)/[\w./-]+\.(?:sh|ps1|spec|iss)|scripts/setup)\b", text))
    paths |= set(re.findall(r"packaging\\\\windows\\\\[\w.]+", text))
    assert paths
    for path in paths:
        file = ROOT / path.replace("\\\\", "/")
        assert file.exists(), path
        if file.suffix == ".sh" or file.name == "setup":
            assert os.access(file, os.X_OK), f"{path} is not executable"


def test_the_windows_installer_script_refers_only_to_files_that_exist():
    """SetupIconFile, LicenseFile and every [Files] source outside dist/ exist."""
    text = ISS.read_text(encoding="utf-8")
    assert "PrivilegesRequired=lowest" in text, "per-user install without admin rights"
    assert "OutputBaseFilename=Clausewise-{#AppVersion}-setup" in text
    assert "Clausewise.Scenario" in text and '"%1"' in text, "file association for scenario files"
    assert "{uninstallexe}" in text
    for key in ("SetupIconFile", "LicenseFile"):
        value = re.search(rf"^{key}=(.+)$", text, re.M).group(1).strip()
        assert (ISS.parent / value.replace("\\", "/")).resolve().exists(), value
    for source in re.findall(r'Source: "([^"]+)"', text):
        relative = source.replace("\\", "/")
        if "/dist/" in relative:
            continue  # produced by the build
        assert (ISS.parent / relative).exists(), source


def test_the_spec_bundles_resources_and_declares_the_mac_document_type():
    """resources/ goes into the bundle; macOS gets a bundle id, version, document type, minimum OS."""
    text = SPEC.read_text(encoding="utf-8")
    assert '(str(ROOT / "resources"), "resources")' in text
    assert 'copy_metadata("clausewise")' in text
    assert '"LSMinimumSystemVersion": "14.0"' in text
    assert "org.clausewise.scenario" in text and "CFBundleDocumentTypes" in text
    assert 'bundle_identifier="org.clausewise.Clausewise"' in text
    assert "PySide6/Qt/translations" in text, "Qt translations are left out"
    assert "smaller_icu_data(a.binaries" in text, "ICU's data without the services Qt never calls"
    for name in ("clausewise.ico", "clausewise.icns"):
        assert (ROOT / "resources" / "icons" / name).exists()


def test_icons_are_generated_in_every_size_from_one_source():
    """clausewise.svg is the source; .ico, .icns and PNGs were generated from it."""
    from PIL import Image

    icons = ROOT / "resources" / "icons"
    assert (icons / "clausewise.svg").exists()
    ico = Image.open(icons / "clausewise.ico")
    assert {(16, 16), (32, 32), (48, 48), (256, 256)} <= set(ico.info["sizes"])
    assert Image.open(icons / "clausewise.icns").size[0] >= 512
    for size in (16, 32, 64, 128, 256, 512, 1024):
        assert Image.open(icons / "png" / f"clausewise-{size}.png").size == (size, size)


@pytest.mark.slow
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the Linux bundle is built on Linux")
def test_the_linux_bundle_builds_and_runs_headlessly(tmp_path):
    """Build the one-folder bundle, then export and verify a memo with the bundled executable only."""
    dist, work = tmp_path / "dist", tmp_path / "work"
    build = subprocess.run(
        [
            sys.executable,
            "-m",
            "PyInstaller",
            str(SPEC),
            "--noconfirm",
            "--distpath",
            str(dist),
            "--workpath",
            str(work),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert build.returncode == 0, build.stderr[-3000:]
    bundle = dist / "Clausewise"
    size = sum(f.stat().st_size for f in bundle.rglob("*") if f.is_file() and not f.is_symlink())
    print(f"Linux bundle: {size:,} bytes ({size / 2**20:.1f} MiB) unpacked")
    assert size <= 150_000_000, f"the bundle is {size:,} bytes (target: at most 150 MB (SI), 150,000,000 bytes)"
    smoke = subprocess.run(
        ["bash", str(ROOT / "packaging" / "smoke-test.sh"), str(bundle / "Clausewise")],
        capture_output=True,
        text=True,
        check=False,
        cwd=tmp_path,
    )
    assert smoke.returncode == 0, smoke.stdout[-3000:] + smoke.stderr[-3000:]
    assert "Result: VERIFIED:" in smoke.stdout and "smoke test passed" in smoke.stdout
    internal = bundle / "_internal" / "resources"
    for part in (
        "questionnaire.yaml",
        "countries.yaml",
        "packs/index.yaml",
        "fonts/LICENSE-NotoSans.txt",
        "examples/body-cam-patrol-uk.scenario.yaml",
        "icons/clausewise.png",
    ):
        assert (internal / part).exists(), part
    assert not (bundle / "_internal" / "PySide6" / "Qt" / "translations").exists()
    plugins = bundle / "_internal" / "PySide6" / "Qt" / "plugins"
    assert {p.name for p in (plugins / "platforms").iterdir()} == {"libqxcb.so", "libqoffscreen.so"}
    assert (bundle / "_internal" / "LICENSE").exists()
    icu_data = next((bundle / "_internal" / "PySide6" / "Qt" / "lib").glob("libicudata.so.*"))
    assert icu_data.stat().st_size < 20_000_000, "ICU's data without the services Qt never calls"
    assert (internal / "licenses" / "THIRD-PARTY-NOTICES.txt").exists()
    _assert_precompiled_packs_current(bundle)
    shutil.rmtree(work, ignore_errors=True)


def _assert_precompiled_packs_current(bundle: Path) -> None:
    """The bundle ships precompiled packs whose key matches its own packs and the code digest its
    build compiled into its code archive: the bundled app loads them instead of parsing YAML."""
    from PyInstaller.archive.readers import CArchiveReader

    from core import precompiled

    pyz = CArchiveReader(str(bundle / "Clausewise")).open_embedded_archive("PYZ.pyz")
    stamp: dict = {}
    exec(pyz.extract(precompiled.STAMP_MODULE), stamp)  # the module's code object, as the app runs it
    resources = bundle / "_internal" / "resources"
    header, _ = precompiled.split(precompiled.compiled_path(resources).read_bytes())
    assert header is not None, "the bundled precompiled packs are missing or damaged"
    assert precompiled.compute_key(resources, stamp["CODE_DIGEST"])[0] == header["key"]
    assert stamp["CODE_DIGEST"] == precompiled.code_digest(header["code"]), "bundled code is not this checkout's"
