"""A precompiled form of the bundled questionnaire and policy packs, for a fast start-up.

Parsing the bundled YAML (about 200 KB: the questionnaire, the country table and the packs) and
checking it takes tens of milliseconds and needs PyYAML; loading this file takes a few. It holds
the objects :mod:`core.loading` would build from those files, pickled, under a key that names
everything the result depends on.

**Written at build or set-up time only** (``python -m core.precompiled``, run by
``scripts/setup`` and by the PyInstaller spec), next to the bundled resources
(``resources/bundled-packs.compiled``, git-ignored). The running app never writes it: a cache
the user's account can write could be replaced by one that builds packs other than the bundled
ones, which would then be evaluated and cited in memos as if they were. Trust: the file is
exactly as trusted as the install directory that holds it (whoever can change it can change the
packs and the code next to it anyway). Packs loaded from any other directory (``--packs DIR``,
user packs) never involve it.

**Used only when it is current.** Its key is a SHA-256 over: this format's name, the Python
version, the source of every core module the loaders import (listed in the file; if that set
changes, one of the listed modules changed), PyYAML's ``__init__.py`` (which carries its
version), and the name and bytes of every input file the loaders read (the questionnaire, the
countries, each ``packs/*.pack.yaml`` and ``packs/index.yaml``). A file that is missing,
unreadable, truncated, corrupt (its payload has its own SHA-256) or stale is ignored without a
word, and the YAML is parsed as before; so a fresh clone without it works, just more slowly.

**Format: pickle**, measured against JSON of the parsed trees and line maps on the bundled
files: unpickling the finished objects takes about 3 ms; JSON still needs the checks and the
object construction, about 20-25 ms plus importing the loaders and PyYAML. Unpickling runs no
code but constructors: :class:`_Unpickler` accepts only the model classes listed in
``_ALLOWED``, and a payload is unpickled only after its digest matched. Conditions and the
questionnaire are pickled as their constructor arguments, so their compiled evaluators are
built again exactly as when parsing. Paths are stored relative to ``resources/`` and put back
under the directory the file is read from; the packs refer to the questionnaire's own
definitions and fields, as parsed packs do. Each :meth:`Precompiled.packs` call returns new
pack objects, as each parse does.
"""

from __future__ import annotations

import builtins
import datetime as dt
import hashlib
import io
import pickle
import sys
import types
from collections.abc import Callable, Iterable
from dataclasses import fields
from importlib.util import find_spec
from pathlib import Path
from typing import Any

import core.conditions as conditions
import core.packs as packs
import core.questionnaire as questionnaire
import core.verdicts as verdicts
from core.packs import PackSet, PolicyPack
from core.questionnaire import Field, Questionnaire

FILE_NAME = "bundled-packs.compiled"
"""The precompiled file, in the resources directory."""
MAGIC = b"clausewise-precompiled-packs/1\n"
PACK_GLOB = "*.pack.yaml"
LOADERS = ("core/loading.py", "core/pack_loader.py", "core/questionnaire_loader.py", "core/precompiled.py")
"""Where the import graph of the code that builds the objects starts."""
_CODE_ROOT = Path(__file__).resolve().parent.parent
_PROTOCOL = 5

_ALLOWED: dict[str, set[str]] = {
    "core.packs": {
        "Source",
        "Clause",
        "PackVersion",
        "Remark",
        "Case",
        "Rule",
        "ScopeTest",
        "Notice",
        "PolicyPack",
        "VerificationStatus",
    },
    "core.questionnaire": {"Questionnaire", "Field", "Option", "Section", "FieldType", "FieldKind"},
    "core.conditions": {"Constant", "AllOf", "AnyOf", "Not", "Ref", "FieldTest"},
    "core.verdicts": {"Verdict"},
    "core.precompiled": {"describe_answer_of"},
    "datetime": {"date"},
    "builtins": {"frozenset"},
}
"""The only globals a payload may name: model classes, dates, and the one helper below."""
_MODULES: dict[str, Any] = {
    "core.packs": packs,
    "core.questionnaire": questionnaire,
    "core.conditions": conditions,
    "core.verdicts": verdicts,
    "datetime": dt,
    "builtins": builtins,
}


def describe_answer_of(f: Field) -> Callable[..., str]:
    """``f.describe_answer``: how a field test's ``answer_text`` is pickled."""
    return f.describe_answer


def compiled_path(resources: Path) -> Path:
    """Where the precompiled form of the packs bundled in ``resources`` lives."""
    return Path(resources) / FILE_NAME


def input_files(resources: Path) -> list[str]:
    """The files (relative to ``resources``, with "/") that loading the bundled packs reads."""
    names = ["questionnaire.yaml", "countries.yaml"]
    pack_dir = Path(resources) / "packs"
    names += [f"packs/{p.name}" for p in sorted(pack_dir.glob(PACK_GLOB))]
    if (pack_dir / "index.yaml").exists():
        names.append("packs/index.yaml")
    return names


def _yaml_init() -> Path:
    spec = find_spec("yaml")
    if spec is None or spec.origin is None:
        raise OSError("PyYAML is not installed")
    return Path(spec.origin)


def compute_key(
    resources: Path, code_files: Iterable[str], *, code_root: Path = _CODE_ROOT, yaml_init: Path | None = None
) -> tuple[str, dict[str, bytes]]:
    """The key (hex SHA-256) of the objects built from ``resources`` by the code in ``code_files``
    (relative to ``code_root``), and the bytes of each input file (by its name relative to
    ``resources``). ``code_root`` and ``yaml_init`` (PyYAML's ``__init__.py``) default to this
    process's own; a test gives a bundle's.

    Raises OSError when a file cannot be read.
    """
    h = hashlib.sha256(MAGIC)

    def add(name: str, data: bytes) -> None:
        h.update(b"%d:%s\0%d\0" % (len(name), name.encode("utf-8"), len(data)))
        h.update(data)

    add("python", sys.version.encode("utf-8"))
    for rel in code_files:
        add(rel, code_root.joinpath(*rel.split("/")).read_bytes())
    add("yaml", (yaml_init or _yaml_init()).read_bytes())
    inputs = {rel: Path(resources).joinpath(*rel.split("/")).read_bytes() for rel in input_files(resources)}
    for rel, data in inputs.items():
        add("resources/" + rel, data)
    return h.hexdigest(), inputs


def _decode(raw: bytes) -> str:
    """A file's text as the loaders read it; used only where the writer checked it gives their text."""
    return raw.decode("utf-8").replace("\r\n", "\n").replace("\r", "\n")


def _file_refs(resources: Path, inputs: dict[str, bytes]) -> dict[tuple[str, str], str]:
    """The strings a payload refers to rather than holds: each input file's path and text."""
    refs = {("path", rel): str(Path(resources).joinpath(*rel.split("/"))) for rel in inputs}
    for rel, raw in inputs.items():
        try:
            refs[("text", rel)] = _decode(raw)
        except UnicodeDecodeError:
            continue  # never referred to: the loaders refuse such a file
    return refs


def _shared(q: Questionnaire) -> dict[tuple[str, str], Any]:
    """The questionnaire's objects packs refer to: its definitions and (for answer texts) its fields."""
    out: dict[tuple[str, str], Any] = {("def", k): v for k, v in q.definitions.items()}
    out |= {("field", k): v for k, v in q.fields.items()}
    return out


class Precompiled:
    """The bundled questionnaire, and the bundled packs on demand."""

    def __init__(self, q: Questionnaire, first: tuple[PolicyPack, ...], payload: bytes, refs: dict[Any, Any]) -> None:
        self.questionnaire = q
        self._first: tuple[PolicyPack, ...] | None = first
        self._payload = payload
        self._refs = refs

    def packs(self) -> tuple[PolicyPack, ...]:
        """The bundled packs, checked against :attr:`questionnaire`: new objects on every call."""
        first, self._first = self._first, None
        return first if first is not None else _Unpickler(self._payload, self._refs).load()


def load(resources: Path) -> Precompiled | None:
    """The precompiled bundled packs of ``resources``, or None if the file is missing, unreadable,
    corrupt or stale (the caller then parses the YAML). Never raises, never writes."""
    try:
        header, q_part, packs_part = _split(compiled_path(resources).read_bytes())
        if header is None:
            return None
        key, inputs = compute_key(resources, header["code"])
        if key != header["key"]:
            return None
        refs: dict[Any, Any] = _file_refs(resources, inputs)
        q = _Unpickler(q_part, refs).load()
        if not isinstance(q, Questionnaire):
            return None
        refs |= _shared(q)
        first = _Unpickler(packs_part, refs).load()
        if not (isinstance(first, tuple) and all(isinstance(p, PolicyPack) for p in first)):
            return None
        return Precompiled(q, first, packs_part, refs)
    except Exception:  # whatever is wrong with the file, the YAML is still there to parse
        return None


def _split(raw: bytes) -> tuple[dict[str, Any] | None, bytes, bytes]:
    """Header, questionnaire payload and packs payload; a None header if the file is not intact."""
    if not raw.startswith(MAGIC):
        return None, b"", b""
    lines = raw[len(MAGIC) :].split(b"\n", 4)
    if len(lines) != 5:
        return None, b"", b""
    key, digest, q_size, code, body = lines
    if hashlib.sha256(body).hexdigest().encode() != digest:
        return None, b"", b""
    n = int(q_size)
    header = {"key": key.decode("ascii"), "code": code.decode("utf-8").split()}
    return header, body[:n], body[n:]


class _Unpickler(pickle.Unpickler):
    def __init__(self, data: bytes, refs: dict[Any, Any]) -> None:
        super().__init__(io.BytesIO(data))
        self.refs = refs

    def find_class(self, module: str, name: str) -> Any:
        if name not in _ALLOWED.get(module, ()):
            raise pickle.UnpicklingError(f"{module}.{name} is not part of a pack")
        if module == "core.precompiled":
            return describe_answer_of
        return getattr(_MODULES[module], name)

    def persistent_load(self, pid: Any) -> Any:
        return self.refs[tuple(pid)]


# Writing (build and set-up time only) ---------------------------------------------------------


def _by_constructor(obj: Any) -> tuple[Any, tuple[Any, ...]]:
    """Pickle a dataclass as a call of its class with its public fields (derived state is rebuilt)."""
    return type(obj), tuple(getattr(obj, f.name) for f in fields(obj) if f.init and not f.name.startswith("_"))


def _method(obj: types.MethodType) -> tuple[Any, tuple[Any, ...]]:
    if isinstance(obj.__self__, Field) and obj.__func__ is Field.describe_answer:
        return describe_answer_of, (obj.__self__,)
    raise pickle.PicklingError(f"cannot precompile the method {obj!r}")


class _Pickler(pickle.Pickler):
    def __init__(self, stream: io.BytesIO, strings: dict[str, tuple[str, str]], shared: dict[int, Any]) -> None:
        super().__init__(stream, protocol=_PROTOCOL)
        self.strings = strings
        self.shared = shared
        table: dict[Any, Any] = {types.MethodType: _method, Questionnaire: _by_constructor}
        table |= {cls: _by_constructor for cls in _condition_classes()}
        self.dispatch_table = table

    def persistent_id(self, obj: Any) -> Any:
        if type(obj) is str:
            return self.strings.get(obj)
        return self.shared.get(id(obj))


def _condition_classes() -> list[type]:
    return [getattr(conditions, name) for name in sorted(_ALLOWED["core.conditions"])]


def encode(resources: Path, q: Questionnaire, pack_list: tuple[PolicyPack, ...]) -> bytes:
    """The precompiled file for ``q`` and ``pack_list``, as loaded from ``resources``."""
    code = code_files()
    key, inputs = compute_key(resources, code)
    strings = {value: pid for pid, value in _file_refs(resources, inputs).items()}
    q_stream, packs_stream = io.BytesIO(), io.BytesIO()
    _Pickler(q_stream, strings, {}).dump(q)
    _Pickler(packs_stream, strings, {id(v): k for k, v in _shared(q).items()}).dump(pack_list)
    body = q_stream.getvalue() + packs_stream.getvalue()
    header = [key, hashlib.sha256(body).hexdigest(), str(len(q_stream.getvalue()))]
    return MAGIC + "\n".join([*header, " ".join(code)]).encode("utf-8") + b"\n" + body


def code_files() -> list[str]:
    """The core modules (relative to the source root) that the loaders import, directly or not."""
    import ast

    todo, seen = list(LOADERS), set()
    while todo:
        rel = todo.pop()
        if rel in seen:
            continue
        seen.add(rel)
        tree = ast.parse(_CODE_ROOT.joinpath(*rel.split("/")).read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names: list[str] = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
            todo += [f for name in names if name.split(".")[0] == "core" for f in _module_file(name)]
    return sorted(seen)


def _module_file(name: str) -> list[str]:
    parts = name.split(".")
    for rel in ("/".join(parts) + ".py", "/".join(parts) + "/__init__.py"):
        if _CODE_ROOT.joinpath(*rel.split("/")).is_file():
            return [rel]
    return []


def write(resources: Path) -> Path:
    """Parse the packs bundled in ``resources`` and write their precompiled form; build and set-up
    time only (``python -m core.precompiled``), never by the running app.

    An old file is removed first, so that a failed parse (the error is raised) leaves none behind.
    The file written is read back and must give objects equal to the parsed ones.
    """
    from core.atomic import write_atomic
    from core.loading import parse_bundled

    path = compiled_path(resources)
    path.unlink(missing_ok=True)
    parsed = parse_bundled(resources)
    write_atomic(path, encode(resources, parsed.questionnaire, parsed.packs))
    loaded = load(resources)
    if loaded is None or PackSet(loaded.questionnaire, loaded.packs()) != parsed:
        path.unlink(missing_ok=True)
        raise RuntimeError(f"{path} does not load back as the packs it was written from")
    return path


def main(argv: list[str] | None = None) -> int:
    """``python -m core.precompiled [--check] [RESOURCES]``: write (or check) the precompiled packs."""
    import argparse

    from core.resources import resources_dir

    parser = argparse.ArgumentParser(prog="python -m core.precompiled", description=main.__doc__)
    parser.add_argument("--check", action="store_true", help="only say whether the file is present and current")
    parser.add_argument("resources", nargs="?", type=Path, help="the resources directory (default: the bundled one)")
    args = parser.parse_args(argv)
    resources = args.resources or resources_dir()
    if args.check:
        current = load(resources) is not None
        print(f"{compiled_path(resources)}: {'current' if current else 'missing or stale'}")
        return 0 if current else 1
    print(f"wrote {write(resources)}")
    return 0


if __name__ == "__main__":  # run as core.precompiled, not as __main__, so that pickles name that module
    from core.precompiled import main as _main

    sys.exit(_main())
