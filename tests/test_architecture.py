"""The core/gui boundary is enforced by tests, not by a promise (STYLE.md, practice 1)."""

from __future__ import annotations

import ast
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FORBIDDEN = ("PySide6", "PyQt5", "PyQt6", "shiboken6", "gui")


def _imports(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            out.append((node.lineno, node.module))
        elif isinstance(node, ast.Call) and getattr(node.func, "attr", getattr(node.func, "id", "")) in (
            "import_module",
            "__import__",
        ):
            out += [
                (node.lineno, a.value) for a in node.args if isinstance(a, ast.Constant) and isinstance(a.value, str)
            ]
    return out


def test_core_never_imports_qt_or_the_gui():
    """No module under core/ imports Qt or gui, not even lazily."""
    offenders = [
        f"{path.relative_to(ROOT)}:{line}: {name}"
        for path in sorted((ROOT / "core").rglob("*.py"))
        for line, name in _imports(path)
        if name.split(".")[0] in FORBIDDEN
    ]
    assert offenders == []


def test_core_and_pack_tests_pass_without_pyside6(tmp_path):
    """Run the core and pack tests in a Python where PySide6 cannot be imported at all."""
    blocker = tmp_path / "sitecustomize.py"
    blocker.write_text(
        "import sys\nfor name in ('PySide6', 'shiboken6'):\n    sys.modules[name] = None  # import now fails\n",
        encoding="utf-8",
    )
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(tmp_path), str(ROOT)]))
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "tests/core",
            "tests/packs",
            "-m",
            "not slow",
            "-q",
            "-p",
            "no:pytest-qt",
            "-p",
            "no:cacheprovider",
            "-W",
            "ignore::pytest.PytestConfigWarning",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    assert " passed" in proc.stdout
    check = subprocess.run(
        [sys.executable, "-c", "import PySide6"], env=env, capture_output=True, text=True, check=False
    )
    assert check.returncode != 0, "the blocker must really block PySide6"


def test_gui_uses_core_only_through_its_public_api():
    """gui/ imports `core` and a few named front-end modules, never core's internals."""
    allowed = {"core", "core.cli.main"}
    offenders = []
    for path in sorted((ROOT / "gui").rglob("*.py")):
        for line, name in _imports(path):
            if name.split(".")[0] == "core" and name not in allowed:
                offenders.append(f"{path.relative_to(ROOT)}:{line}: {name}")
    assert offenders == []


def _tool(name: str) -> str:
    return str(Path(sys.executable).with_name(name))


def _lint_imports(root: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(root))
    return subprocess.run(
        [_tool("lint-imports"), "--no-cache", ".importlinter"],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def test_import_contracts_hold():
    """The layers in .importlinter (engine, front ends, memo/signing, no facade below) are kept."""
    proc = _lint_imports(ROOT)
    assert proc.returncode == 0, proc.stdout[-4000:] + proc.stderr[-2000:]
    assert "0 broken" in proc.stdout


@pytest.mark.parametrize(
    ("module", "line", "contract"),
    [
        ("core/evaluator.py", "import PySide6", "engine"),
        ("core/report_text.py", "import core.cli.main", "engine"),
        ("gui/findings_html.py", "import core.evaluator", "front ends"),
        ("core/cli/verify_cmd.py", "from core.signing.verify import report_json", "front ends"),
        ("core/memo/render.py", "import core.signing.identity", "Signing owns export"),
        ("core/memo/fonts.py", "from core import evaluate", "facade"),
    ],
)
def test_import_contracts_catch_a_violation(tmp_path, module, line, contract):
    """Each contract breaks when a copy of the code gains the import it forbids."""
    for top in ("core", "gui"):
        shutil.copytree(ROOT / top, tmp_path / top, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / ".importlinter", tmp_path / ".importlinter")
    target = tmp_path / module
    target.write_text(target.read_text(encoding="utf-8") + f"\n{line}  # injected\n", encoding="utf-8")
    proc = _lint_imports(tmp_path)
    assert proc.returncode != 0, proc.stdout[-3000:]
    assert contract in proc.stdout.split("Broken contracts")[1], proc.stdout[-3000:]


def test_ruff_lint_and_format_are_clean():
    """STYLE: ruff for format and lint, enforced here so that CI catches what an editor missed."""
    for args in (["check", "."], ["format", "--check", "."]):
        proc = subprocess.run([_tool("ruff"), *args], cwd=ROOT, capture_output=True, text=True, check=False)
        assert proc.returncode == 0, proc.stdout + proc.stderr


def test_core_type_checks():
    """mypy over core/ (configured in pyproject.toml)."""
    proc = subprocess.run(
        [sys.executable, "-m", "mypy", "--cache-dir", os.devnull], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
