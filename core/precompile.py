"""Writing the precompiled bundled packs (:mod:`core.precompiled`): build and set-up time only.

``python -m core.precompile [--check] [--stamp DIR] [RESOURCES]`` parses the bundled YAML and
writes ``resources/bundled-packs.compiled``; ``scripts/setup`` and the PyInstaller spec run it.
The running app never imports this module (see :mod:`core.precompiled` for why, and for the
format).
"""

from __future__ import annotations

import io
import pickle
import sys
import types
import zlib
from dataclasses import fields
from pathlib import Path
from typing import Any

import core.conditions as conditions
from core.messages import read_catalogue_file
from core.packs import PackSet, PolicyPack
from core.precompiled import (
    MAGIC,
    PARTS,
    STAMP_MODULE,
    code_digest,
    compiled_path,
    compute_key,
    describe_answer_of,
    digest,
    example_files,
    file_refs,
    load,
    shared,
)
from core.questionnaire import Field, Questionnaire
from core.resources import MESSAGES_FILE
from core.scenario import Scenario

LOADERS = (
    *("core/loading.py", "core/pack_loader.py", "core/questionnaire_loader.py", "core/scenario_file.py"),
    *("core/precompiled.py", "core/precompile.py", "core/messages.py"),
)
"""Where the import graph of the code that builds (and pickles) the objects starts."""
CONDITIONS = ("Constant", "AllOf", "AnyOf", "Not", "Ref", "FieldTest")
_PROTOCOL = 5


def _by_constructor(obj: Any) -> tuple[Any, tuple[Any, ...]]:
    """Pickle a dataclass as a call of its class with its public fields (derived state is rebuilt)."""
    return type(obj), tuple(getattr(obj, f.name) for f in fields(obj) if f.init and not f.name.startswith("_"))


def _scenario(obj: Scenario) -> tuple[Any, tuple[Any, ...]]:
    """A scenario as a call of its class (its answers are a read-only view, which pickle cannot store)."""
    return Scenario, (obj.title, dict(obj.answers), obj.as_of, obj.notes)


def _method(obj: types.MethodType) -> tuple[Any, tuple[Any, ...]]:
    if isinstance(obj.__self__, Field) and obj.__func__ is Field.describe_answer:
        return describe_answer_of, (obj.__self__,)
    raise pickle.PicklingError(f"cannot precompile the method {obj!r}")


class _Pickler(pickle.Pickler):
    def __init__(self, stream: io.BytesIO, strings: dict[str, tuple[str, str]], objects: dict[int, Any]) -> None:
        super().__init__(stream, protocol=_PROTOCOL)
        self.strings = strings
        self.objects = objects
        table: dict[Any, Any] = {types.MethodType: _method, Questionnaire: _by_constructor, Scenario: _scenario}
        table |= {getattr(conditions, name): _by_constructor for name in CONDITIONS}
        self.dispatch_table = table

    def persistent_id(self, obj: Any) -> Any:
        if type(obj) is str:
            return self.strings.get(obj)
        return self.objects.get(id(obj))


def encode(
    resources: Path,
    q: Questionnaire,
    pack_list: tuple[PolicyPack, ...],
    examples: tuple[Scenario, ...],
    messages: dict[str, str],
) -> bytes:
    """The precompiled file for ``q``, ``pack_list``, the bundled ``examples`` (in the order of
    :func:`example_files`) and the English ``messages``, as loaded from ``resources``."""
    code = code_files()
    key, inputs = compute_key(resources, code_digest(code))
    strings = {value: pid for pid, value in file_refs(resources, inputs).items()}
    streams = [io.BytesIO() for _ in range(PARTS)]
    _Pickler(streams[0], strings, {}).dump(q)
    _Pickler(streams[1], strings, {id(v): k for k, v in shared(q).items()}).dump(pack_list)
    _Pickler(streams[2], strings, {}).dump(tuple(examples))
    _Pickler(streams[3], {}, {}).dump(dict(messages))
    parts = [stream.getvalue() for stream in streams]
    body = zlib.compress(b"".join(parts), 9)
    sizes = " ".join(str(len(part)) for part in parts[:-1])
    header = [key, digest([body]), sizes, " ".join(code)]
    return MAGIC + "\n".join(header).encode("utf-8") + b"\n" + body


def code_files(root: Path | None = None) -> list[str]:
    """The core modules (relative to ``root``, the source root) that the loaders import, directly or not."""
    import ast

    root = root or Path(__file__).resolve().parent.parent
    todo, seen = list(LOADERS), set()
    while todo:
        rel = todo.pop()
        if rel in seen:
            continue
        seen.add(rel)
        for node in ast.walk(ast.parse(root.joinpath(*rel.split("/")).read_text(encoding="utf-8"))):
            names: list[str] = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
            todo += [f for name in names if name.split(".")[0] == "core" for f in _module_file(root, name)]
    return sorted(seen)


def _module_file(root: Path, name: str) -> list[str]:
    parts = name.split(".")
    for rel in ("/".join(parts) + ".py", "/".join(parts) + "/__init__.py"):
        if root.joinpath(*rel.split("/")).is_file():
            return [rel]
    return []


def write(resources: Path) -> Path:
    """Parse the packs bundled in ``resources`` and write their precompiled form.

    An old file is removed first, so that a failed parse (the error is raised) leaves none behind.
    The file written is read back and must give objects equal to the parsed ones.
    """
    from core.atomic import write_atomic
    from core.loading import parse_bundled

    path = compiled_path(resources)
    path.unlink(missing_ok=True)
    parsed = parse_bundled(resources)
    examples = parse_examples(resources, parsed.questionnaire)
    messages = read_catalogue_file(Path(resources).joinpath(*MESSAGES_FILE.split("/")))
    scenarios = tuple(e for _, e in examples)
    write_atomic(path, encode(resources, parsed.questionnaire, parsed.packs, scenarios, messages))
    loaded = load(resources)
    if (
        loaded is None
        or PackSet(loaded.questionnaire, loaded.packs()) != parsed
        or any(loaded.example(raw) != scenario for raw, scenario in examples)
        or loaded.messages != messages
    ):
        path.unlink(missing_ok=True)
        raise RuntimeError(f"{path} does not load back as the packs, examples and messages it was written from")
    return path


def parse_examples(resources: Path, q: Questionnaire) -> list[tuple[bytes, Scenario]]:
    """The bytes of each bundled example's file and its scenario, parsed with ``q``."""
    from core.reading import decode_text
    from core.scenario_file import parse_scenario

    out = []
    for rel in example_files(resources):
        path = Path(resources).joinpath(*rel.split("/"))
        raw = path.read_bytes()
        out.append((raw, parse_scenario(decode_text(raw, path), path, q)))
    return out


def write_stamp(directory: Path) -> Path:
    """Write the module a frozen app's build compiles in: the digest of the code it bundles."""
    path = Path(directory) / f"{STAMP_MODULE}.py"
    path.parent.mkdir(parents=True, exist_ok=True)
    text = f'"""Written by core.precompile at build time."""\n\nCODE_DIGEST = "{code_digest(code_files())}"\n'
    path.write_text(text, encoding="utf-8")
    return path


def main(argv: list[str] | None = None) -> int:
    """Write (or, with --check, check) the precompiled bundled packs; --stamp also writes the frozen
    app's code digest module into DIR."""
    import argparse

    from core.resources import resources_dir

    parser = argparse.ArgumentParser(prog="python -m core.precompile", description=main.__doc__)
    parser.add_argument("--check", action="store_true", help="only say whether the file is present and current")
    parser.add_argument("--stamp", type=Path, metavar="DIR", help="also write the code digest module into DIR")
    parser.add_argument("resources", nargs="?", type=Path, help="the resources directory (default: the bundled one)")
    args = parser.parse_args(argv)
    resources = args.resources or resources_dir()
    if args.check:
        current = load(resources) is not None
        print(f"{compiled_path(resources)}: {'current' if current else 'missing or stale'}")
        return 0 if current else 1
    print(f"wrote {write(resources)}")
    if args.stamp:
        print(f"wrote {write_stamp(args.stamp)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
