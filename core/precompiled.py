"""The precompiled form of the bundled questionnaire and policy packs, read at start-up.

Parsing the bundled YAML (about 200 KB: the questionnaire, the country table and the packs) and
checking it takes tens of milliseconds and needs PyYAML; loading this file takes a few. It holds
the objects :mod:`core.loading` builds from those files, pickled, under a key that names
everything the result depends on. :mod:`core.precompile` writes it.

**Written at build or set-up time only** (``python -m core.precompile``, run by
``scripts/setup`` and by the PyInstaller spec), next to the bundled resources
(``resources/bundled-packs.compiled``, git-ignored). The running app never writes it: a cache
the user's account can write could be replaced by one that builds packs other than the bundled
ones, which would then be evaluated and cited in memos as if they were. Trust: the file is
exactly as trusted as the install directory that holds it (whoever can change it can change the
packs and the code next to it anyway). Packs loaded from any other directory (``--packs DIR``,
user packs) never involve it.

**Used only when it is current.** Its key is a SHA-256 over this format's name, the Python
version, a digest of the code, and the name and bytes of every input file the loaders read (the
questionnaire, the countries, each ``packs/*.pack.yaml`` and ``packs/index.yaml``). The code
digest covers the source of every core module the loaders and the writer import (listed in the
file: if that set changes, one of the listed modules changed) and PyYAML's ``__init__.py`` (which carries its
version). A frozen app has no sources: its build compiles the digest of the sources it bundles
into the app's own code archive (module ``_clausewise_code_digest``), so that code and digest
cannot come from different builds. A file that is missing, unreadable, truncated, corrupt (its
payload has its own SHA-256) or stale is ignored without a word and the YAML is parsed as before:
a fresh clone without it works, just more slowly.

**Format: pickle** (zlib-compressed, a quarter of the size for about 0.5 ms), measured against
JSON of the parsed trees and line maps on the bundled files: unpickling the finished objects takes
about 3 ms; JSON still needs the checks and the object construction, 20-25 ms, plus importing the
loaders and PyYAML. :class:`_Unpickler` reads only a payload whose digest matched and refers only
to the model classes (and one helper) in ``_ALLOWED``; that bounds what a damaged file can name,
but it is no sandbox: pickle's state-setting step could still set attributes on those classes, so
the file is trusted exactly as much as the code beside it (see above), never more. Conditions and the
questionnaire are pickled as their constructor arguments, so their compiled evaluators are built
again exactly as when parsing. Input files' paths and texts are not stored but referred to, and
put back from the files read for the key; the packs refer to the questionnaire's own definitions
and fields, as parsed packs do. Each :meth:`Precompiled.packs` call returns new pack objects, as
each parse does.
"""

from __future__ import annotations

import builtins
import datetime as dt
import hashlib
import importlib
import io
import pickle
import sys
import zlib
from collections.abc import Callable, Iterable
from importlib.util import find_spec
from pathlib import Path
from typing import Any

import core.conditions as conditions
import core.packs as packs
import core.questionnaire as questionnaire
import core.verdicts as verdicts
from core.packs import PolicyPack
from core.questionnaire import Field, Questionnaire
from core.resources import COUNTRIES_FILE, INDEX_FILE, PACK_SUFFIX, QUESTIONNAIRE_FILE

FILE_NAME = "bundled-packs.compiled"
"""The precompiled file, in the resources directory."""
MAGIC = b"clausewise-precompiled-packs/1\n"
STAMP_MODULE = "_clausewise_code_digest"
"""In a frozen app: the module (in its code archive) whose ``CODE_DIGEST`` is the bundled code's digest."""
CODE_ROOT = Path(__file__).resolve().parent.parent
"""The directory that holds the ``core`` package."""

_ALLOWED: dict[str, set[str]] = {
    "core.packs": {
        *("Source", "Clause", "PackVersion", "Remark", "Case", "Rule"),
        *("ScopeTest", "Notice", "PolicyPack", "VerificationStatus"),
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
    names = [QUESTIONNAIRE_FILE, COUNTRIES_FILE]
    pack_dir = Path(resources) / "packs"
    names += [f"packs/{p.name}" for p in sorted(pack_dir.glob(f"*{PACK_SUFFIX}"))]
    if (pack_dir / INDEX_FILE).exists():
        names.append(f"packs/{INDEX_FILE}")
    return names


def _record(h: Any, name: str, data: bytes) -> None:
    h.update(b"%d:%s\0%d\0" % (len(name), name.encode("utf-8"), len(data)))
    h.update(data)


def yaml_init() -> Path:
    """PyYAML's ``__init__.py`` (found without importing PyYAML)."""
    spec = find_spec("yaml")
    if spec is None or spec.origin is None:
        raise OSError("PyYAML is not installed")
    return Path(spec.origin)


def code_digest(code_files: Iterable[str], *, code_root: Path = CODE_ROOT, yaml: Path | None = None) -> str:
    """The digest of the sources ``code_files`` (relative to ``code_root``) and of PyYAML's
    ``__init__.py`` (default: this process's). Raises OSError if one cannot be read."""
    h = hashlib.sha256()
    for rel in code_files:
        _record(h, rel, code_root.joinpath(*rel.split("/")).read_bytes())
    _record(h, "yaml", (yaml or yaml_init()).read_bytes())
    return h.hexdigest()


def running_code_digest(code_files: Iterable[str]) -> str:
    """The digest of the code this process runs: from its sources, or in a frozen app from the
    digest its build compiled in (ImportError if it has none)."""
    if getattr(sys, "frozen", False):
        return str(importlib.import_module(STAMP_MODULE).CODE_DIGEST)
    return code_digest(code_files)


def compute_key(resources: Path, code: str) -> tuple[str, dict[str, bytes]]:
    """The key (hex SHA-256) of the objects built from ``resources`` by the code whose digest is
    ``code``, and the bytes of each input file (by name relative to ``resources``).

    Raises OSError when a file cannot be read.
    """
    h = hashlib.sha256(MAGIC)
    _record(h, "python", sys.version.encode("utf-8"))
    _record(h, "code", code.encode("ascii"))
    inputs = {rel: Path(resources).joinpath(*rel.split("/")).read_bytes() for rel in input_files(resources)}
    for rel, data in inputs.items():
        _record(h, "resources/" + rel, data)
    return h.hexdigest(), inputs


def _decode(raw: bytes) -> str:
    """A file's text as the loaders read it; used only where the writer checked it gives their text."""
    return raw.decode("utf-8").replace("\r\n", "\n").replace("\r", "\n")


def file_refs(resources: Path, inputs: dict[str, bytes]) -> dict[tuple[str, str], str]:
    """The strings a payload refers to rather than holds: each input file's path and text."""
    refs = {("path", rel): str(Path(resources).joinpath(*rel.split("/"))) for rel in inputs}
    for rel, raw in inputs.items():
        try:
            refs[("text", rel)] = _decode(raw)
        except UnicodeDecodeError:
            continue  # never referred to: the loaders refuse such a file
    return refs


def shared(q: Questionnaire) -> dict[tuple[str, str], Any]:
    """The questionnaire's objects packs refer to: its definitions and (for answer texts) its fields."""
    out: dict[tuple[str, str], Any] = {("def", k): v for k, v in q.definitions.items()}
    out |= {("field", k): v for k, v in q.fields.items()}
    return out


class Precompiled:
    """The bundled questionnaire, and the bundled packs on demand."""

    def __init__(self, q: Questionnaire, first: tuple[PolicyPack, ...], payload: bytes, refs: dict[Any, Any]) -> None:
        self.questionnaire = q
        self._unused = [first]  # the packs load() checked, handed out once (list.pop is atomic)
        self._payload = payload
        self._refs = refs

    def packs(self) -> tuple[PolicyPack, ...]:
        """The bundled packs, checked against :attr:`questionnaire`: new objects on every call."""
        try:
            return self._unused.pop()
        except IndexError:
            return _Unpickler(self._payload, self._refs).load()


def load(resources: Path) -> Precompiled | None:
    """The precompiled bundled packs of ``resources``, or None if the file is missing, unreadable,
    corrupt or stale (the caller then parses the YAML). Never raises, never writes."""
    try:
        header, q_part, packs_part = split(compiled_path(resources).read_bytes())
        if header is None:
            return None
        key, inputs = compute_key(resources, running_code_digest(header["code"]))
        if key != header["key"]:
            return None
        refs: dict[Any, Any] = file_refs(resources, inputs)
        q = _Unpickler(q_part, refs).load()
        if not isinstance(q, Questionnaire):
            return None
        refs |= shared(q)
        first = _Unpickler(packs_part, refs).load()
        if not (isinstance(first, tuple) and all(isinstance(p, PolicyPack) for p in first)):
            return None
        return Precompiled(q, first, packs_part, refs)
    except Exception:  # whatever is wrong with the file, the YAML is still there to parse
        return None


def split(raw: bytes) -> tuple[dict[str, Any] | None, bytes, bytes]:
    """Header, questionnaire payload and packs payload; a None header if the file is not intact.

    The layout: :data:`MAGIC`, then one line each for the key, the SHA-256 of the compressed
    payload, the size of the questionnaire's part and the code files; then the payload.
    """
    if not raw.startswith(MAGIC):
        return None, b"", b""
    lines = raw[len(MAGIC) :].split(b"\n", 4)
    if len(lines) != 5:
        return None, b"", b""
    key, digest, q_size, code, body = lines
    if hashlib.sha256(body).hexdigest().encode() != digest:
        return None, b"", b""
    payload, n = zlib.decompress(body), int(q_size)
    header = {"key": key.decode("ascii"), "code": code.decode("utf-8").split()}
    return header, payload[:n], payload[n:]


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
