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

from tests.core.fuzz_cases import Outcome, run_case
from tests.core.mutations import OPERATORS

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


def _memo_with(name: str, data: bytes, packs) -> bytes:
    """An (unsigned) PDF carrying the body-cam example's memo attachments, ``name`` replaced by ``data``."""
    import datetime as dt
    import io

    from pyhanko.pdf_utils.writer import PdfFileWriter

    from core import evaluate, example_paths, load_scenario
    from core.memo.attachments import Attachment, embed_attachments, memo_attachments

    evaluation = evaluate(load_scenario(example_paths()[0], packs.questionnaire), packs)
    attachments = memo_attachments(evaluation, packs, memo_id="m", created=dt.datetime.now(dt.UTC))
    assert name in {a.name for a in attachments}
    attachments = [Attachment(a.name, data, a.mime, a.description) if a.name == name else a for a in attachments]
    writer = PdfFileWriter()
    embed_attachments(writer, attachments)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("evaluation.json", b"[" * 100_000 + b"]" * 100_000),
        ("evaluation.json", b'{"packs": []}'),
        ("scenario.scenario.yaml", b"clausewise: scenario/1\nanswers: &a {x: *a}\n"),
        (
            "scenario.scenario.yaml",
            b"clausewise: scenario/1\nanswers: {}\ntitle: !!python/object/apply:os.system [id]\n",
        ),
        ("questionnaire.yaml", b"[" * 5000),
        ("countries.yaml", b"clausewise: countries/1\ncountries: !!set {AD}\n"),
        ("pack-microsoft-azure-openai.pack.yaml", b"\xff\xfe\x00"),
    ],
    ids=["deep-json", "json-shape", "recursive-alias", "python-tag", "deep-yaml", "set-tag", "utf16"],
)
def test_hostile_memo_attachments_are_a_verification_error(name, data, packs):
    """A memo whose attachments are hostile (deep JSON, recursive references, tags) is reported as a
    VerificationError by the re-evaluation, never a crash: verify prints it as a problem."""
    import io

    from pyhanko.pdf_utils.reader import PdfFileReader

    from core.errors import VerificationError
    from core.signing.reproduce import reproduce

    reader = PdfFileReader(io.BytesIO(_memo_with(name, data, packs)), strict=False)
    with pytest.raises(VerificationError):
        reproduce(reader)
