"""The public API, core/__init__.py: lazy, typed, complete, and nothing else."""

from __future__ import annotations

import ast
import importlib
import pkgutil
import subprocess
import sys
import types
from pathlib import Path

import core

ROOT = Path(__file__).resolve().parents[2]


def test_import_core_loads_no_pdf_or_crypto_library():
    """`import core` (and evaluating a scenario) never loads reportlab, pyHanko or cryptography."""
    code = (
        "import sys, core\n"
        "packs = core.load_packs()\n"
        "core.evaluate(core.load_scenario(core.example_paths()[0], packs.questionnaire), packs)\n"
        "loaded = {name.split('.')[0] for name, module in sys.modules.items() if module is not None}\n"
        "print(sorted(loaded & {'reportlab', 'pyhanko', 'cryptography', 'PySide6'}))\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "[]"


def test_import_core_alone_loads_no_engine_module():
    """The facade itself imports nothing of the engine until a name is used (PEP 562)."""
    code = "import sys, core\nprint(sorted(m for m in sys.modules if m.startswith('core.')))\n"
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "[]"


def test_every_public_name_resolves_and_no_submodule_shadows_it():
    """Every name in __all__ resolves to its definition, even after every core submodule is imported."""
    for info in pkgutil.walk_packages(core.__path__, "core."):
        if not info.name.endswith("__main__"):
            importlib.import_module(info.name)
    for name in core.__all__:
        value = getattr(core, name)
        assert not isinstance(value, types.ModuleType), name
    assert callable(core.timeline) and core.timeline.__module__ == "core.timeline"
    assert core.untrust_certificate.__name__ == "untrust"


def test_unknown_names_are_attribute_errors():
    """A name the facade does not export is an AttributeError naming it, as for any module."""
    try:
        core.find_scenarios  # noqa: B018 - a batch helper, deliberately not public
    except AttributeError as exc:
        assert "find_scenarios" in str(exc)
    else:
        raise AssertionError("find_scenarios should not be public")


def test_type_checking_imports_match_the_lazy_table():
    """The TYPE_CHECKING imports (what mypy sees) and the lazy table (what runs) name the same things."""
    tree = ast.parse((ROOT / "core" / "__init__.py").read_text(encoding="utf-8"))
    block = next(n for n in tree.body if isinstance(n, ast.If) and ast.unparse(n.test) == "TYPE_CHECKING")
    seen = {}
    for node in block.body:
        assert isinstance(node, ast.ImportFrom)
        for alias in node.names:
            public = alias.asname or alias.name
            seen[public] = node.module if alias.asname is None else f"{node.module}:{alias.name}"
    assert seen == core._EXPORTS
    assert sorted(core.__all__) == sorted(seen)
