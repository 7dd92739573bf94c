"""Fixtures for memo and signing tests: identities and signed memos of the bundled examples."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

import core
from core.resources import examples_dir

BODY_CAM = examples_dir() / "body-cam-patrol-uk.scenario.yaml"
PASSPHRASE = "correct horse battery staple"

needs_poppler = pytest.mark.skipif(shutil.which("pdfsig") is None, reason="poppler-utils is not installed")


def poppler(*args: str) -> str:
    """Run a poppler tool and return its output (stdout and stderr together)."""
    proc = subprocess.run(list(args), capture_output=True, text=True, check=False)
    return proc.stdout + proc.stderr


@pytest.fixture
def identity():
    """A fresh passphrase-protected self-issued identity in this test's user directory."""
    return core.create_identity("Jane Doe", "Example Police Procurement", "jane@example.org", PASSPHRASE)


@pytest.fixture
def body_cam_evaluation(packs) -> core.Evaluation:
    """The body-cam example evaluated on its own date."""
    return core.evaluate(core.load_scenario(BODY_CAM, packs.questionnaire), packs)


@pytest.fixture
def signed_memo(tmp_path, packs, identity, body_cam_evaluation) -> Path:
    """A signed memo of the body-cam example."""
    out = tmp_path / "body-cam.pdf"
    core.export_signed_memo(body_cam_evaluation, packs, out, identity, PASSPHRASE)
    return out
