"""One bad file per failure mode: each error names the right file, key path and line.

Every file under ``bad/`` starts with ``# expect: key=K line=N contains=TEXT`` (``-`` for
"no key" or "no line"). Adding a failure mode means adding a file, not a test.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

import core
from core import InputError, load_pack, load_scenario

BAD = Path(__file__).parent / "bad"
HEADER = re.compile(r"^# expect: key=(?P<key>\S+) line=(?P<line>\S+) contains=(?P<contains>.*)$")
FILES = sorted(p for p in BAD.rglob("*.yaml"))


def expectation(path: Path) -> tuple[str | None, int | None, str]:
    m = HEADER.match(path.read_text(encoding="utf-8").splitlines()[0])
    assert m, f"{path} has no '# expect:' header"
    key = None if m["key"] == "-" else m["key"]
    line = None if m["line"] == "-" else int(m["line"])
    return key, line, m["contains"].strip()


def load(path: Path, questionnaire) -> None:
    kind = path.parent.name
    if kind == "packs":
        load_pack(path, questionnaire)
    elif kind == "scenarios":
        load_scenario(path, questionnaire)
    else:
        core.load_questionnaire(path)


@pytest.mark.parametrize("path", FILES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_error_names_file_key_and_line(path, questionnaire):
    """Loading the bad file fails with a located, readable message."""
    key, line, contains = expectation(path)
    with pytest.raises(InputError) as err:
        load(path, questionnaire)
    e = err.value
    assert e.file == str(path)
    assert e.key == key, str(e)
    if line is not None:
        assert e.line == line, str(e)
    assert contains in e.message, str(e)
    assert "\n" not in str(e)


def test_there_is_a_bad_file_for_each_failure_mode():
    """The collection covers packs, scenarios and the questionnaire."""
    kinds = {p.parent.name for p in FILES}
    assert kinds == {"packs", "scenarios", "questionnaires"}
    assert len(FILES) >= 40


@pytest.mark.parametrize(
    "path",
    [BAD / "scenarios" / "unknown-option.scenario.yaml", BAD / "scenarios" / "yaml-syntax.scenario.yaml"],
    ids=lambda p: p.name,
)
def test_cli_reports_a_bad_scenario_in_one_line_with_status_2(path):
    """The CLI prints one line naming file and field, exits 2, and never shows a traceback."""
    proc = subprocess.run(
        [sys.executable, "-m", "core.cli", "evaluate", str(path)], capture_output=True, text=True, check=False
    )
    assert proc.returncode == 2
    assert proc.stdout == ""
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    assert str(path) in lines[0]
    assert "Traceback" not in proc.stderr


def test_cli_packs_check_reports_a_bad_pack_in_one_line():
    """`packs check` on a broken pack names file, key and line on one line."""
    path = BAD / "packs" / "unknown-option.pack.yaml"
    key, line, _ = expectation(path)
    proc = subprocess.run(
        [sys.executable, "-m", "core.cli", "packs", "check", str(path)], capture_output=True, text=True, check=False
    )
    assert proc.returncode == 2
    assert proc.stderr.strip() == proc.stderr.strip().splitlines()[0]
    assert f"{path}:{line}: {key}:" in proc.stderr
