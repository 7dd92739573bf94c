"""The command line on damaged and hostile files: an exit status, one line, never a traceback.

Mutated copies of the bundled files (``tests/core/mutations.py``) go through every command that
reads a file — evaluate, batch, packs check, memo, verify, examples --copy. Each run must end
with status 0, 1, 2 or 3 (never 70, the internal-error status), and a status 2 must come with
exactly one line on stderr.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from core.cli.main import main
from core.resources import example_paths, packs_dir
from tests.core.fuzz_cases import file_name, original
from tests.core.mutations import OPERATORS, mutate

ALLOWED = {0, 1, 2, 3}
SAMPLE = range(len(OPERATORS) * 3)  # every operator on three different seeds


def run_cli(argv: list[str], capsys) -> tuple[int, str]:
    """Run ``clausewise ARGV`` in this process; the exit status and stderr."""
    try:
        code = main(argv)
    except SystemExit as exc:  # argparse's own exits
        code = int(exc.code or 0)
    return code, capsys.readouterr().err


def assert_clean(argv: list[str], code: int, err: str) -> None:
    assert code in ALLOWED, f"{argv}: exit {code}: {err}"
    assert "Traceback" not in err and "internal error" not in err, f"{argv}: {err}"
    if code == 2:
        assert len(err.strip().splitlines()) == 1, f"{argv}: {err}"
        assert err.startswith("clausewise: error: ")


def write_mutation(kind: str, seed: int, folder: Path) -> Path:
    source = original(kind, seed)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / file_name(kind, source)
    path.write_bytes(mutate(source.read_bytes(), seed)[0])
    return path


@pytest.mark.parametrize("seed", SAMPLE)
def test_evaluate_a_mutated_scenario_never_crashes(seed, tmp_path, capsys):
    """evaluate (text and JSON) on a mutated example: a verdict or one line of error."""
    path = write_mutation("scenario", seed, tmp_path)
    for extra in ([], ["--format", "json"]):
        argv = ["evaluate", str(path), *extra]
        assert_clean(argv, *run_cli(argv, capsys))


@pytest.mark.parametrize("seed", SAMPLE)
def test_packs_check_and_evaluate_with_a_mutated_pack_never_crash(seed, tmp_path, capsys):
    """packs check on a mutated pack (its tests next to it), and evaluate with it in --packs."""
    pack = write_mutation("pack", seed, tmp_path / "packs")
    for other in packs_dir().glob("*.pack.yaml"):
        if other.name != pack.name:
            shutil.copy(other, tmp_path / "packs" / other.name)
    tests = original("pack", seed).with_name(pack.name.replace(".pack.yaml", ".tests.yaml"))
    shutil.copy(tests, tmp_path / "packs" / tests.name)
    for argv in (
        ["packs", "check", str(pack)],
        ["evaluate", str(example_paths()[seed % len(example_paths())]), "--packs", str(tmp_path / "packs")],
    ):
        assert_clean(argv, *run_cli(argv, capsys))


@pytest.mark.parametrize("seed", SAMPLE)
def test_packs_check_with_mutated_test_cases_never_crashes(seed, tmp_path, capsys):
    """packs check on a bundled pack whose tests file is mutated."""
    tests = write_mutation("pack_tests", seed, tmp_path)
    pack = original("pack_tests", seed).with_name(tests.name.replace(".tests.yaml", ".pack.yaml"))
    shutil.copy(pack, tmp_path / pack.name)
    argv = ["packs", "check", str(tmp_path / pack.name)]
    assert_clean(argv, *run_cli(argv, capsys))


def test_batch_over_a_folder_of_mutated_scenarios_reports_and_skips_the_bad_ones(tmp_path, capsys):
    """batch, in this process and as a real command: bad files listed, exit 1, no traceback."""
    for seed in SAMPLE:
        write_mutation("scenario", seed, tmp_path / f"s{seed}")
    argv = ["batch", str(tmp_path)]
    code, err = run_cli(argv, capsys)
    assert_clean(argv, code, err)
    assert code == 1  # some files are bad
    proc = subprocess.run(
        [sys.executable, "-m", "core.cli", "batch", str(tmp_path), "--format", "json"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert_clean(argv, proc.returncode, proc.stderr)


@pytest.mark.parametrize("seed", [9, 11, 12, 13, 15])  # deep nesting, aliases, tags, NUL, huge strings
def test_evaluate_as_a_real_command_on_hostile_files(seed, tmp_path):
    """The installed entry point (a subprocess) on the nastiest mutations: status 2, one line."""
    path = write_mutation("scenario", seed, tmp_path)
    proc = subprocess.run(
        [sys.executable, "-m", "core.cli", "evaluate", str(path)], capture_output=True, text=True, check=False
    )
    assert_clean(["evaluate", str(path)], proc.returncode, proc.stderr)


@pytest.mark.parametrize("seed", range(0, len(OPERATORS) * 3, 5))
def test_memo_and_verify_on_mutated_files_never_crash(seed, tmp_path, capsys):
    """memo --unsigned on a mutated scenario, and verify given that file (not a PDF) as a memo."""
    path = write_mutation("scenario", seed, tmp_path)
    for argv in (
        ["memo", str(path), "-o", str(tmp_path / "memo.pdf"), "--unsigned"],
        ["verify", str(path)],
        ["verify", str(tmp_path / "memo.pdf")] if (tmp_path / "memo.pdf").exists() else ["verify", str(tmp_path)],
    ):
        assert_clean(argv, *run_cli(argv, capsys))


def test_examples_copy_to_places_that_cannot_be_written_is_one_line(tmp_path, capsys):
    """examples --copy to a file's child, a read-only folder or an existing file: status 2, one line."""
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    name = example_paths()[0].name.removesuffix(".scenario.yaml")
    try:
        for dest in (blocker / "x.scenario.yaml", locked, example_paths()[0]):
            argv = ["examples", "--copy", name, "--to", str(dest)]
            code, err = run_cli(argv, capsys)
            assert_clean(argv, code, err)
            assert code == 2 or (code == 0 and dest == locked)  # root may write anywhere
    finally:
        locked.chmod(0o700)
