"""Hostile and damaged copies of the bundled files never crash a loader.

Each case mutates a bundled scenario, pack, pack tests file, questionnaire or country table
(byte flips, deleted and duplicated lines, deep nesting, anchors and aliases, tags, NUL, CRLF,
huge strings, BOMs... see ``tests/core/mutations.py``) with a fixed seed and loads it as the CLI
and the app do. It must load or raise the project's own :class:`core.InputError` — nothing
else — and take under 2 s of CPU time: a generous robustness bound against pathological input
(alias bombs, quadratic error messages), not a performance benchmark.

The fast set runs a few hundred mutations; the ``slow`` set 20,000 scenarios and 2,000 packs.
``python tests/benchmarks/fuzz_loaders.py`` runs the big corpus and prints the figures.
"""

from __future__ import annotations

import pytest

from tests.core.mutations import OPERATORS, Outcome, run_case

LIMIT_SECONDS = 2.0
FAST = {"scenario": 360, "pack": 72, "pack_tests": 36, "questionnaire": 36, "countries": 36}
SLOW = {"scenario": 20_000, "pack": 2_000, "pack_tests": 500, "questionnaire": 300, "countries": 300}
SLOW_FIRST_SEED = 1_000_000  # different mutations from the fast set


def _problems(outcomes: list[Outcome]) -> list[str]:
    return [
        f"{o.kind} seed {o.seed} ({o.operators}): {o.error if o.result == 'crash' else f'took {o.seconds:.2f} s'}"
        for o in outcomes
        if o.result == "crash" or o.seconds > LIMIT_SECONDS
    ]


def _run(kind: str, seeds: range, tmp_path, packs) -> list[Outcome]:
    return [run_case(kind, seed, tmp_path, packs) for seed in seeds]


@pytest.mark.parametrize("kind", sorted(FAST))
def test_mutated_bundled_files_load_or_raise_a_project_error_quickly(kind, tmp_path, packs):
    """A few hundred deterministic mutations: only InputError, none over 2 s, and the corpus
    really exercises both outcomes (some files still load, most are refused)."""
    outcomes = _run(kind, range(FAST[kind]), tmp_path, packs)
    assert _problems(outcomes) == []
    results = {o.result for o in outcomes}
    assert results == {"accepted", "rejected"}, results
    assert {o.operators.split("+")[0] for o in outcomes} == {op.__name__ for op in OPERATORS}


@pytest.mark.slow
@pytest.mark.parametrize("kind", sorted(SLOW))
def test_the_big_mutation_corpus_raises_only_project_errors(kind, tmp_path, packs):
    """20,000 scenario and 2,000 pack mutations (and more of the other files): only InputError,
    none over 2 s."""
    outcomes = _run(kind, range(SLOW_FIRST_SEED, SLOW_FIRST_SEED + SLOW[kind]), tmp_path, packs)
    assert _problems(outcomes) == []
