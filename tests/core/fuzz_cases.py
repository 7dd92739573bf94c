"""Loading mutated copies of the bundled files, as the CLI and the app load them.

``run_case(kind, seed, ...)`` mutates a bundled file of ``kind`` (see ``tests/core/mutations.py``),
writes it, loads it and reports what happened: the loader fuzz test, the CLI fuzz test and
``tests/benchmarks/fuzz_loaders.py`` share it.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

import core
from core.resources import examples_dir, packs_dir, resources_dir
from tests.core.mutations import OPERATORS, mutate


@dataclass
class Corpus:
    """The bundled files a mutation starts from, by kind."""

    scenarios: list[Path] = field(default_factory=lambda: sorted(examples_dir().glob("*.scenario.yaml")))
    packs: list[Path] = field(default_factory=lambda: sorted(packs_dir().glob("*.pack.yaml")))
    pack_tests: list[Path] = field(default_factory=lambda: sorted(packs_dir().glob("*.tests.yaml")))
    questionnaire: Path = field(default_factory=lambda: resources_dir() / "questionnaire.yaml")
    countries: Path = field(default_factory=lambda: resources_dir() / "countries.yaml")

    def files(self, kind: str) -> list[Path]:
        """The bundled files of ``kind``."""
        return {
            "scenario": self.scenarios,
            "pack": self.packs,
            "pack_tests": self.pack_tests,
            "questionnaire": [self.questionnaire],
            "countries": [self.countries],
        }[kind]


def original(kind: str, seed: int, corpus: Corpus | None = None) -> Path:
    """The bundled file that mutation ``seed`` of ``kind`` starts from."""
    choices = (corpus or Corpus()).files(kind)
    return choices[(seed // len(OPERATORS)) % len(choices)]


def load(kind: str, path: Path, packs: core.PackSet) -> object:
    """Load ``path`` with the loader for ``kind`` (as the CLI and the app do)."""
    from core.pack_tests import load_pack_tests
    from core.questionnaire_loader import parse_countries
    from core.reading import read_text

    if kind == "scenario":
        return core.load_scenario(path, packs.questionnaire)
    if kind == "pack":
        return core.load_pack(path, packs.questionnaire)
    if kind == "pack_tests":
        return load_pack_tests(path, packs)
    if kind == "questionnaire":
        return core.load_questionnaire(path)
    return parse_countries(read_text(path, core.QuestionnaireError), path)


def file_name(kind: str, source: Path) -> str:
    """The name a mutated copy is written under (a pack's name must match its id)."""
    return source.name if kind != "questionnaire" else "questionnaire.yaml"


@dataclass
class Outcome:
    """What loading one mutated file did."""

    kind: str
    seed: int
    operators: str
    result: str
    """"accepted", "rejected" (a project error) or "crash" (anything else)."""
    seconds: float
    """CPU time to load (and, when accepted, to evaluate) the file."""
    error: str = ""


def run_case(kind: str, seed: int, workdir: Path, packs: core.PackSet, corpus: Corpus | None = None) -> Outcome:
    """Mutate a bundled file of ``kind`` with ``seed``, write it under ``workdir`` and load it.

    An accepted scenario is also evaluated, and an accepted pack evaluated against the bundled
    examples in place of the original, so a file that loads but breaks the engine counts too.
    CPU time (``time.process_time``) is measured so that other work on the machine does not count.
    """
    source = original(kind, seed, corpus)
    data, operators = mutate(source.read_bytes(), seed)
    path = workdir / file_name(kind, source)
    path.write_bytes(data)
    start = time.process_time()
    try:
        loaded = load(kind, path, packs)
        _exercise(loaded, packs)
        result, error = "accepted", ""
    except core.InputError as exc:
        result, error = "rejected", str(exc)
    except Exception as exc:  # what the test is looking for
        result, error = "crash", f"{type(exc).__name__}: {exc}"[:500]
    return Outcome(kind, seed, operators, result, time.process_time() - start, error)


def _exercise(loaded: object, packs: core.PackSet) -> None:
    """Evaluate what was loaded, when it is a scenario or a pack."""
    if isinstance(loaded, core.Scenario):
        core.evaluate(loaded, packs)
    elif isinstance(loaded, core.PolicyPack):
        others = tuple(p for p in packs.packs if p.id != loaded.id)
        mixed = core.PackSet(packs.questionnaire, (*others, loaded))
        for example in core.example_paths():
            core.evaluate(core.load_scenario(example, packs.questionnaire), mixed)
