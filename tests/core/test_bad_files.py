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
from core.pack_tests import load_pack_tests
from core.questionnaire_loader import parse_countries
from core.reading import read_text
from core.resources import resources_dir
from core.yaml_errors import enclosing_key
from core.yamlsource import format_key, parse_yaml

BAD = Path(__file__).parent / "bad"
HEADER = re.compile(r"^# expect: key=(?P<key>\S+) line=(?P<line>\S+) contains=(?P<contains>.*)$")
FILES = sorted(p for p in BAD.rglob("*.yaml"))


def expectation(path: Path) -> tuple[str | None, int | None, str]:
    m = HEADER.match(path.read_bytes().split(b"\n")[0].decode("utf-8"))  # the rest may not be UTF-8
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
    elif kind == "pack-tests":
        load_pack_tests(path, core.load_packs())
    elif kind == "countries":
        parse_countries(read_text(path, core.QuestionnaireError), path)
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
    """The collection covers every loader: packs, pack tests, scenarios, questionnaire, countries."""
    kinds = {p.parent.name for p in FILES}
    assert kinds == {"packs", "pack-tests", "scenarios", "questionnaires", "countries"}
    assert len(FILES) >= 70


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


def test_the_key_named_at_a_syntax_error_agrees_with_the_parser_on_every_bundled_file():
    """enclosing_key reads key paths from indentation alone; on valid files it must give the
    path the real parser records for each block-style key line (flow lines are not claimed)."""
    files = [*resources_dir().rglob("*.yaml"), *(BAD.parent / "data").rglob("*.yaml")]
    checked = 0
    for path in files:
        text = path.read_text(encoding="utf-8")
        _, smap = parse_yaml(text, path)
        deepest: dict[int, tuple] = {}
        for key_path, line in smap.lines.items():
            if key_path and isinstance(key_path[-1], str) and len(key_path) > len(deepest.get(line, ())):
                deepest[line] = key_path
        for line, key_path in deepest.items():
            source = text.splitlines()[line - 1]
            if "{" in source or "[" in source.partition(":")[0] or source.strip().startswith("<<"):
                continue
            assert enclosing_key(text, line, own=True) == format_key(key_path), f"{path}:{line}: {source!r}"
            checked += 1
    assert checked > 3000
