"""The precompiled form of the bundled questionnaire, policy packs, examples and English messages.

Parsing the bundled YAML (about 200 KB: the questionnaire, the country table and the packs) and
checking it takes tens of milliseconds and needs PyYAML; loading this file takes a few. It holds
the objects :mod:`core.loading` builds from those files, pickled, under a key that names
everything the result depends on. :mod:`core.precompile` writes it. It also holds the scenario of
each bundled example (under the bytes of its file: a file with exactly those bytes, read with the
bundled questionnaire, is that scenario) and the English message catalogue, so that the app opens
the example at start-up without importing a YAML parser at all.

**Written at build or set-up time only** (``python -m core.precompile``, run by
``scripts/setup`` and by the PyInstaller spec), next to the bundled resources
(``resources/bundled-packs.compiled``, git-ignored). The running app never writes it: a cache
the user's account can write could be replaced by one that builds packs other than the bundled
ones, which would then be evaluated and cited in memos as if they were. Trust: the file is
exactly as trusted as the install directory that holds it (whoever can change it can change the
packs and the code next to it anyway). Packs loaded from any other directory (``--packs DIR``,
user packs) never involve it.

**Used only when it is current.** Its key is a digest (:func:`digest`) of this format's name, the Python
version, a digest of the code, and the name and bytes of every input file the loaders read (the
questionnaire, the countries, each ``packs/*.pack.yaml`` and ``packs/index.yaml``, the messages and
each ``examples/*.scenario.yaml``). The code
digest covers the source of every core module the loaders and the writer import (listed in the
file: if that set changes, one of the listed modules changed) and PyYAML's ``__init__.py`` (which carries its
version). A frozen app has no sources: its build compiles the digest of the sources it bundles
into the app's own code archive (module ``_clausewise_code_digest``), so that code and digest
cannot come from different builds. A file that is missing, unreadable, truncated, corrupt (its
payload has its own digest) or stale is ignored without a word and the YAML is parsed as before:
a fresh clone without it works, just more slowly.

**Digests** are the 64-bit SipHash that Python's own checked byte-code cache uses to tell a stale
``.pyc`` (PEP 552, ``importlib.util.source_hash``), not SHA-256: they detect a changed, added or
damaged file, which is their whole job, and loading OpenSSL for SHA-256 cost about 5 ms at every
start. They are no defence against someone who can write the install directory, and need not
be: such a person can change the packs and the code themselves (see Trust above).

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
import importlib
import io
import pickle
import sys
import zlib
from collections.abc import Callable, Iterable, Iterator
from functools import cache
from importlib.util import find_spec, source_hash
from itertools import pairwise
from pathlib import Path
from typing import Any

import core.conditions as conditions
import core.packs as packs
import core.questionnaire as questionnaire
import core.scenario as scenario
import core.verdicts as verdicts
from core.packs import PolicyPack
from core.questionnaire import Field, Questionnaire
from core.resources import COUNTRIES_FILE, INDEX_FILE, MESSAGES_FILE, PACK_SUFFIX, QUESTIONNAIRE_FILE, resources_dir
from core.scenario import SUFFIX as SCENARIO_SUFFIX
from core.scenario import Scenario

FILE_NAME = "bundled-packs.compiled"
"""The precompiled file, in the resources directory."""
MAGIC = b"clausewise-precompiled-packs/3\n"
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
    "core.scenario": {"Scenario"},
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
    "core.scenario": scenario,
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
    """The files (relative to ``resources``, with "/") that loading the bundled packs reads, then
    the bundled examples (:func:`example_files`)."""
    names = [QUESTIONNAIRE_FILE, COUNTRIES_FILE]
    pack_dir = Path(resources) / "packs"
    names += [f"packs/{p.name}" for p in sorted(pack_dir.glob(f"*{PACK_SUFFIX}"))]
    if (pack_dir / INDEX_FILE).exists():
        names.append(f"packs/{INDEX_FILE}")
    return [*names, MESSAGES_FILE, *example_files(resources)]


def example_files(resources: Path) -> list[str]:
    """The bundled example scenarios (relative to ``resources``), in the order they are stored."""
    return [f"examples/{p.name}" for p in sorted((Path(resources) / "examples").glob(f"*{SCENARIO_SUFFIX}"))]


def digest(chunks: Iterable[bytes]) -> str:
    """The digest (hex) of the byte strings ``chunks`` in this order (see Digests above)."""
    return source_hash(b"".join(source_hash(chunk) for chunk in chunks)).hex()


def _records(files: Iterable[tuple[str, bytes]]) -> Iterator[bytes]:
    """Each file's name and size, then its bytes: what a digest of several files covers."""
    for name, data in files:
        yield b"%d:%s\0%d\0" % (len(name), name.encode("utf-8"), len(data))
        yield data


def yaml_init() -> Path:
    """PyYAML's ``__init__.py`` (found without importing PyYAML)."""
    spec = find_spec("yaml")
    if spec is None or spec.origin is None:
        raise OSError("PyYAML is not installed")
    return Path(spec.origin)


def code_digest(code_files: Iterable[str], *, code_root: Path = CODE_ROOT, yaml: Path | None = None) -> str:
    """The digest of the sources ``code_files`` (relative to ``code_root``) and of PyYAML's
    ``__init__.py`` (default: this process's). Raises OSError if one cannot be read."""
    files = [(rel, code_root.joinpath(*rel.split("/")).read_bytes()) for rel in code_files]
    files.append(("yaml", (yaml or yaml_init()).read_bytes()))
    return digest(_records(files))


def running_code_digest(code_files: Iterable[str]) -> str:
    """The digest of the code this process runs: from its sources, or in a frozen app from the
    digest its build compiled in (ImportError if it has none)."""
    if getattr(sys, "frozen", False):
        return str(importlib.import_module(STAMP_MODULE).CODE_DIGEST)
    return code_digest(code_files)


def compute_key(resources: Path, code: str) -> tuple[str, dict[str, bytes]]:
    """The key (hex digest) of the objects built from ``resources`` by the code whose digest is
    ``code``, and the bytes of each input file (by name relative to ``resources``).

    Raises OSError when a file cannot be read.
    """
    inputs = {rel: Path(resources).joinpath(*rel.split("/")).read_bytes() for rel in input_files(resources)}
    files = [("python", sys.version.encode("utf-8")), ("code", code.encode("ascii"))]
    files += [("resources/" + rel, data) for rel, data in inputs.items()]
    return digest([MAGIC, *_records(files)]), inputs


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
    """The bundled questionnaire, and the bundled packs and examples on demand."""

    def __init__(self, q: Questionnaire, first: tuple[PolicyPack, ...], payload: bytes, refs: dict[Any, Any]) -> None:
        self.questionnaire = q
        self._unused = [first]  # the packs load() checked, handed out once (list.pop is atomic)
        self._payload = payload
        self._refs = refs
        self._examples: dict[bytes, Scenario] = {}
        self.messages: dict[str, str] = {}
        """The English message catalogue (:data:`core.resources.MESSAGES_FILE`)."""

    def add_examples(self, files: list[bytes], scenarios: tuple[Scenario, ...]) -> None:
        """Remember each example's scenario under the bytes of its file."""
        self._examples = dict(zip(files, scenarios, strict=True))

    def example(self, raw: bytes) -> Scenario | None:
        """The scenario of a file whose bytes are exactly those of a bundled example (parsing them
        with the bundled questionnaire gives an equal one: a scenario depends on the text alone)."""
        return self._examples.get(raw)

    def packs(self) -> tuple[PolicyPack, ...]:
        """The bundled packs, checked against :attr:`questionnaire`: new objects on every call."""
        try:
            return self._unused.pop()
        except IndexError:
            return _Unpickler(self._payload, self._refs).load()


@cache
def bundled() -> Precompiled | None:
    """The precompiled form of the bundled resources (read once), or None (then parse the YAML)."""
    return load(resources_dir())


def load(resources: Path) -> Precompiled | None:
    """The precompiled bundled packs of ``resources``, or None if the file is missing, unreadable,
    corrupt or stale (the caller then parses the YAML). Never raises, never writes."""
    try:
        header, (q_part, packs_part, examples_part, messages_part) = split(compiled_path(resources).read_bytes())
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
        examples = _Unpickler(examples_part, refs).load()
        files = [inputs[rel] for rel in example_files(resources)]
        if not (isinstance(examples, tuple) and len(examples) == len(files)):
            return None
        if not all(isinstance(e, Scenario) for e in examples):
            return None
        messages = _Unpickler(messages_part, refs).load()
        if not (isinstance(messages, dict) and all(type(k) is type(v) is str for k, v in messages.items())):
            return None
        pre = Precompiled(q, first, packs_part, refs)
        pre.add_examples(files, examples)
        pre.messages = messages
        return pre
    except Exception:  # whatever is wrong with the file, the YAML is still there to parse
        return None


PARTS = 4
"""The payload's parts: the questionnaire, the packs, the examples and the English messages."""


def split(raw: bytes) -> tuple[dict[str, Any] | None, tuple[bytes, ...]]:
    """Header and the :data:`PARTS` payloads; a None header if the file is not intact.

    The layout: :data:`MAGIC`, then one line each for the key, the digest of the compressed
    payload, the sizes of each part but the last, and the code files; then the payload.
    """
    nothing = None, (b"",) * PARTS
    if not raw.startswith(MAGIC):
        return nothing
    lines = raw[len(MAGIC) :].split(b"\n", 4)
    if len(lines) != 5:
        return nothing
    key, body_digest, sizes, code, body = lines
    if digest([body]).encode() != body_digest:
        return nothing
    payload = zlib.decompress(body)
    ends = [0]
    for size in sizes.split():
        ends.append(ends[-1] + int(size))
    if len(ends) != PARTS or ends[-1] > len(payload):
        return nothing
    ends.append(len(payload))
    header = {"key": key.decode("ascii"), "code": code.decode("utf-8").split()}
    return header, tuple(payload[a:b] for a, b in pairwise(ends))


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
