"""Properties over random answer sets (hypothesis)."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import core
from core import Scenario, Verdict, evaluate, evaluation_to_dict
from tests.core.strategies import answer_sets, dates, value_for

PACKS = core.load_packs()
Q = PACKS.questionnaire


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(answers=answer_sets(), day=dates)
def test_evaluation_never_crashes_and_is_deterministic(answers, day):
    """Any valid scenario evaluates, twice to the same result, with consistent verdicts."""
    sc = Scenario(title="random", answers=answers)
    first = evaluate(sc, PACKS, day)
    second = evaluate(sc, PACKS, day)
    assert evaluation_to_dict(first, PACKS) == evaluation_to_dict(second, PACKS)
    assert first.overall is core.most_severe(p.verdict for p in first.packs)
    for p in first.packs:
        if p.applicability in (core.Applicability.NOT_APPLICABLE, core.Applicability.NOT_IN_FORCE):
            assert p.verdict is Verdict.NOT_APPLICABLE and not p.findings
        else:
            expected = core.most_severe((f.verdict for f in p.findings), default=Verdict.NO_PROHIBITION_FOUND)
            assert p.verdict is expected
        for f in p.findings:
            assert (f.verdict is Verdict.UNDETERMINED) == bool(f.questions)
    if first.overall is Verdict.UNDETERMINED:
        assert first.questions


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(answers=answer_sets(), day=dates, data=st.data())
def test_answering_a_question_never_weakens_a_prohibition(answers, day, data):
    """If a pack says prohibited, answering any unanswered field keeps it prohibited."""
    unanswered = [f for f in Q.fields if f not in answers]
    if not unanswered:
        return
    field_id = data.draw(st.sampled_from(unanswered))
    value = data.draw(value_for(Q.fields[field_id]))
    before = evaluate(Scenario(answers=answers), PACKS, day)
    after = evaluate(Scenario(answers={**answers, field_id: value}), PACKS, day)
    for b, a in zip(before.packs, after.packs, strict=True):
        if b.verdict is Verdict.PROHIBITED:
            assert a.verdict is Verdict.PROHIBITED, f"{b.pack.id}: answering {field_id}={value!r} gave {a.verdict}"


@settings(max_examples=200, deadline=None)
@given(answers=answer_sets())
def test_save_and_load_round_trips_any_scenario(answers, tmp_path_factory):
    """Whatever the answers, the file written loads back to an equal scenario."""
    path = tmp_path_factory.mktemp("rt") / "x.scenario.yaml"
    sc = Scenario(title="t", answers=answers)
    core.save_scenario(sc, path, Q)
    assert core.load_scenario(path, Q) == Scenario(title="t", answers=core.scenario.normalise_answers(Q, answers))


@settings(max_examples=300, deadline=None)
@given(
    title=st.text(st.characters(exclude_categories=("Cs", "Cc")), min_size=1).filter(str.strip),
    notes=st.text(st.characters(exclude_categories=("Cs",)), max_size=400),
)
def test_any_title_and_notes_survive_a_round_trip(title, notes, tmp_path_factory):
    """Free text the user typed comes back exactly (less surrounding whitespace), whatever its
    length, script or line breaks."""
    path = tmp_path_factory.mktemp("text") / "x.scenario.yaml"
    core.save_scenario(Scenario(title=title, notes=notes), path, Q)
    assert core.load_scenario(path, Q) == Scenario(title=title.strip(), notes=notes.strip())


EXAMPLE_TEXTS = [p.read_text(encoding="utf-8") for p in core.example_paths()]


@settings(max_examples=400, deadline=None)
@given(
    text=st.sampled_from(EXAMPLE_TEXTS),
    edits=st.lists(
        st.tuples(
            st.floats(0, 1), st.sampled_from(["", "\t", ":", " ", "\n", "[", "{", '"', "'", "-", "#", "*", "\\"])
        ),
        min_size=1,
        max_size=4,
    ),
)
def test_a_damaged_scenario_file_is_always_an_input_error_never_a_crash(text, edits, tmp_path_factory):
    """Whatever a slip of the keyboard does to a scenario file, loading it either works or raises
    one InputError naming the file (the CLI's one line, the GUI's dialog) — never anything else."""
    for where, insert in edits:
        i = int(where * len(text))
        text = text[:i] + insert + text[i + (0 if insert else 1) :]
    path = tmp_path_factory.mktemp("damaged") / "x.scenario.yaml"
    path.write_text(text, encoding="utf-8")
    try:
        core.load_scenario(path, Q)
    except core.InputError as exc:
        assert exc.file == str(path) and str(exc).startswith(str(path))
