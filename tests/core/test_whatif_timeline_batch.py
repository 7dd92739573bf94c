"""What would change the outcome, how the verdict moved over time, and portfolios."""

from __future__ import annotations

import datetime as dt
import json

from hypothesis import HealthCheck, given, settings

import core
from core.batch import run_batch
from core.cli.main import main
from core.resources import examples_dir
from core.timeline import timeline
from core.whatif import default_locked, what_if
from tests.core.strategies import answer_sets, dates

PACKS = core.load_packs()
BODY_CAM = examples_dir() / "body-cam-patrol-uk.scenario.yaml"
EU_RETAILER = examples_dir() / "eu-retailer-live-face-matching.scenario.yaml"
MOBILE = ("microsoft-azure-openai", "law-enforcement-mobile-real-time")
GENERAL = ("microsoft-azure-openai", "identify-or-verify")
DEFAULT_LOCKED = default_locked(PACKS.questionnaire)


def _evaluate(path, day=None):
    return core.evaluate(core.load_scenario(path, PACKS.questionnaire), PACKS, day)


def test_body_cam_what_if_offers_post_event_and_fixed_cameras_and_keeps_the_general_clause():
    """Issue acceptance: post-event and fixed cameras remove the mobile-camera clause; the general clause stays."""
    result = what_if(_evaluate(BODY_CAM), PACKS)
    mobile = next(f for f in result.findings if (f.pack_id, f.rule) == MOBILE)
    by_change = {(c.field, c.new) for o in mobile.options for c in o.changes if len(o.changes) == 1}
    assert ("processing.timing", "post_event") in by_change
    assert ("camera.platforms", ("fixed_cctv",)) in by_change
    for option in mobile.options:
        if option.changes[0].field in ("processing.timing", "camera.platforms"):
            assert MOBILE in [r.key for r in option.removed]
            general = next(r for r in option.remaining if r.key == GENERAL)
            assert general.before is general.after is core.Verdict.PROHIBITED, "the general clause still prohibits"
            assert "still applies: “Identifying or verifying people from their faces”" in option.text
    post_event = next(o for o in mobile.options if o.changes[0].new == "post_event")
    assert post_event.text.startswith("Timing of processing: after the event instead of real time (live)")
    change = post_event.changes[0]
    assert (change.label, change.old_words, change.new_words) == (
        "Timing of processing",
        "real time (live)",
        "after the event",
    )


def test_locked_fields_are_never_changed_and_can_be_unlocked():
    """By default the facts of the context are locked; unlocking one lets it change."""
    ev = _evaluate(BODY_CAM)
    default = what_if(ev, PACKS)
    changed = {c.field for f in default.findings for o in f.options for c in o.changes}
    assert not changed & DEFAULT_LOCKED
    everything_locked = what_if(ev, PACKS, locked=set(PACKS.questionnaire.fields))
    assert all(not f.options for f in everything_locked.findings) and not everything_locked.less_severe
    retailer = _evaluate(EU_RETAILER)
    assert not any(
        c.field == "deployer.for_law_enforcement" for o in what_if(retailer, PACKS).less_severe for c in o.changes
    )
    unlocked = what_if(retailer, PACKS, locked=DEFAULT_LOCKED - {"deployer.for_law_enforcement"})
    sharing = [o for o in unlocked.less_severe if o.changes[0].field == "deployer.for_law_enforcement"]
    assert sharing and sharing[0].changes[0].new is False, "not sharing matches with the police lowers the verdict"


def test_the_overall_verdict_can_be_lowered_by_face_detection_only():
    """For the body-cam example the smallest change to a less severe verdict is not identifying anyone."""
    result = what_if(_evaluate(BODY_CAM), PACKS)
    best = result.less_severe[0]
    assert [(c.field, c.new) for c in best.changes] == [("capabilities", ("face_detection",))]
    assert best.overall is core.Verdict.NO_PROHIBITION_FOUND


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(answers=answer_sets(), day=dates)
def test_every_suggested_change_set_really_gives_what_it_promises(answers, day):
    """Property: an applied option gives its verdict, removes its finding and prohibits nothing new."""
    scenario = core.Scenario(answers=answers)
    ev = core.evaluate(scenario, PACKS, day)
    result = what_if(ev, PACKS)
    before = {(p.pack.id, f.rule) for p in ev.packs for f in p.findings if f.verdict is core.Verdict.PROHIBITED}
    for finding in result.findings:
        for option in finding.options:
            after = core.evaluate(option.apply(scenario), PACKS, day)
            keys = {(p.pack.id, f.rule): f.verdict for p in after.packs for f in p.findings}
            assert (finding.pack_id, finding.rule) not in keys, option.text
            assert after.overall is option.overall
            assert {k for k, v in keys.items() if v is core.Verdict.PROHIBITED} <= before
            assert not {c.field for c in option.changes} & result.locked
    for option in result.less_severe:
        after = core.evaluate(option.apply(scenario), PACKS, day)
        assert after.overall is option.overall
        assert after.overall.severity < ev.overall.severity


def test_body_cam_timeline_shows_the_change_on_2024_05_01():
    """The mobile-camera clause arrives on 2024-05-01."""
    line = timeline(core.load_scenario(BODY_CAM, PACKS.questionnaire), PACKS).pack("microsoft-azure-openai")
    starts = {p.start: p for p in line.periods}
    assert dt.date(2024, 5, 1) in starts
    assert "law-enforcement-mobile-real-time" in starts[dt.date(2024, 5, 1)].clauses
    assert "law-enforcement-mobile-real-time" not in starts[dt.date(2023, 1, 16)].clauses
    assert any(
        c.startswith("2024-05-01: still prohibited (version 2024-05-01)")
        and "“be used for any real-time facial recognition technology…”" in c
        for c in line.changes()
    )
    # In words, the same verdict under two versions is one stretch; before 2023-01-16 no version existed.
    assert line.summary() == "no stored version in force until 2023-01-15; prohibited from 2023-01-16"
    assert line.changes()[0].startswith("2023-01-16: no stored version in force → prohibited")


def test_eu_timeline_shows_the_ai_act_coming_into_force_on_2025_02_02():
    """Not applicable until 2025-02-01, prohibited from 2025-02-02."""
    line = timeline(core.load_scenario(EU_RETAILER, PACKS.questionnaire), PACKS)
    eu = line.pack("eu-ai-act-article-5")
    assert [(p.start, p.end, p.verdict.value) for p in eu.periods] == [
        (None, dt.date(2025, 2, 1), "not_applicable"),
        (dt.date(2025, 2, 2), dt.date(2026, 12, 1), "prohibited"),
        (dt.date(2026, 12, 2), None, "prohibited"),  # Article 5 as amended by Regulation (EU) 2026/1744
    ]
    assert line.overall[-1].verdict.value == "prohibited"  # (GDPR Article 9 prohibits it since 2018 as well)


def test_batch_compare_lists_exactly_the_scenarios_whose_verdict_changed(capsys):
    """Issue acceptance: bundled examples, 2024-04-01 vs 2024-06-01."""
    changed = [
        e
        for e in run_batch([examples_dir()], PACKS, as_of=dt.date(2024, 4, 1), compare_to=dt.date(2024, 6, 1))
        if e.changed
    ]
    expected = set()
    for path in core.example_paths():
        sc = core.load_scenario(path, PACKS.questionnaire)
        a, b = core.evaluate(sc, PACKS, dt.date(2024, 4, 1)), core.evaluate(sc, PACKS, dt.date(2024, 6, 1))
        if [p.verdict for p in a.packs] != [p.verdict for p in b.packs] or a.overall != b.overall:
            expected.add(path)
    assert {e.path for e in changed} == expected == {examples_dir() / "gender-race-inference-images.scenario.yaml"}
    code = main(["batch", str(examples_dir()), "--as-of", "2024-04-01", "--compare-to", "2024-06-01"])
    out = capsys.readouterr().out
    assert code == 0
    assert out.startswith("1 of 9 scenarios have a different verdict on 2024-06-01 than on 2024-04-01:")
    assert "microsoft-azure-openai: no prohibition found → prohibited (clauses added: sensitive-attributes)" in out


def test_batch_reports_bad_files_one_line_each_and_goes_on(capsys, tmp_path):
    """A bad file does not stop the run; it is one line on stderr; exit status 1."""
    (tmp_path / "bad.scenario.yaml").write_text("clausewise: scenario/1\nanswers: {service: azure}\n")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "good.scenario.yaml").write_bytes(BODY_CAM.read_bytes())
    code = main(["batch", str(tmp_path), "--format", "json"])
    out, err = capsys.readouterr()
    assert code == 1
    assert err.count("\n") == 1 and "bad.scenario.yaml:2: answers.service: service takes a list" in err
    data = json.loads(out)
    assert [d["overall"] for d in data] == ["prohibited"]


def test_batch_csv_has_a_column_per_pack(capsys):
    """CSV output: file, title, date, overall, then one verdict column per pack."""
    main(["batch", str(examples_dir()), "--format", "csv"])
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == (
        "file,title,as_of,overall,microsoft-azure-openai,microsoft-azure-ai-face,eu-ai-act-article-5,"
        "eu-ai-act-high-risk-biometrics,openai-usage-policies,anthropic-usage-policy,aws-rekognition-responsible-ai,"
        "illinois-bipa,gdpr-article-9"
    )
    assert len(lines) == 10


def test_evaluate_what_if_and_timeline_on_the_command_line(capsys):
    """`clausewise evaluate --what-if --timeline`, text and JSON."""
    assert main(["evaluate", str(BODY_CAM), "--what-if", "--timeline"]) == 0
    out = capsys.readouterr().out
    assert "What would change the outcome" in out and "How the verdict moved over time" in out
    assert "Timing of processing: after the event instead of real time (live)" in " ".join(out.split())
    extra = out[out.index("What would change the outcome") :]
    for line in extra.splitlines():  # wrapped like the rest of the text output, never inside a word
        assert len(line) <= 100 or " " not in line.strip(), line
    assert (
        main(["evaluate", str(BODY_CAM), "--what-if", "--timeline", "--format", "json", "--unlock", "deployer.kind"])
        == 0
    )
    data = json.loads(capsys.readouterr().out)
    assert "deployer.kind" not in data["what_if"]["locked"]
    assert data["timeline"]["packs"]["microsoft-azure-openai"]["periods"][-2]["from"] == "2024-05-01"
    assert main(["evaluate", str(BODY_CAM), "--what-if", "--lock", "no.such.field"]) == 2


PARTIAL = core.Scenario(
    answers={"service": ("azure_openai", "azure_ai_face"), "capabilities": ("face_identification",)}
)
APPREHENDED = ("microsoft-azure-ai-face", "law-enforcement-approved-use")


def test_what_if_never_offers_to_remove_a_finding_that_could_at_most_allow_under_conditions():
    """An undetermined rule that can only allow under conditions is not an obstacle: no "options"
    to remove it (they were the most restricted uses, e.g. live identification on patrol)."""
    ev = core.evaluate(PARTIAL, PACKS, dt.date(2025, 6, 1))
    apprehended = next(f for p in ev.packs for f in p.findings if (p.pack.id, f.rule) == APPREHENDED)
    assert apprehended.verdict is core.Verdict.UNDETERMINED
    assert apprehended.could_be == (core.Verdict.RESTRICTED,)
    assert not apprehended.stands_in_the_way
    result = what_if(ev, PACKS)
    offered = {(f.pack_id, f.rule) for f in result.findings}
    assert APPREHENDED not in offered
    assert offered == {(p.pack.id, f.rule) for p in ev.packs for f in p.findings if f.stands_in_the_way}
    for option in (o for f in result.findings for o in f.options):
        assert APPREHENDED not in [r.key for r in option.remaining]


def test_evidence_caveat_when_the_verdict_rests_on_press_or_cross_checked_quotes():
    """Body-cam rests on press quotes; the EU retailer on cross-checked Article 5 (caveated too)."""
    body_cam = _evaluate(BODY_CAM)
    deciding = [f for f in body_cam.findings if f.verdict is body_cam.overall]
    assert all(c.status is core.VerificationStatus.SECONDARY for f in deciding for c in f.clauses)
    assert f"All {len(deciding)} findings" in body_cam.evidence_caveat and "secondary" in body_cam.evidence_caveat
    assert "Evidence: " + body_cam.evidence_caveat.split(" (")[0] in " ".join(
        core.evaluation_to_text(body_cam, PACKS).split()
    )
    assert json.loads(core.evaluation_to_json(body_cam, PACKS))["evidence_caveat"] == body_cam.evidence_caveat
    eu = _evaluate(EU_RETAILER)
    assert any(c.status is core.VerificationStatus.PRIMARY for f in eu.findings for c in f.clauses)
    assert "cross-checked" in eu.evidence_caveat, "Article 5(1)(h) is quoted from cross-checked copies"


def test_an_undetermined_verdict_from_a_conditional_rule_can_still_be_made_less_severe():
    """Emotion recognition in education for a medical reason: the rule could at most allow under
    conditions, so it is not offered as an obstacle, but the overall search still finds the way out
    once the setting (a fact) is unlocked."""
    scenario = core.Scenario(
        answers={
            "service": ("azure_ai_vision",),
            "capabilities": ("emotion_recognition",),
            "purpose": ("medical_or_safety",),
            "context.sector_setting": "education",
        }
    )
    ev = core.evaluate(scenario, PACKS, dt.date(2025, 6, 1))
    assert ev.overall is core.Verdict.UNDETERMINED
    assert not any(f.stands_in_the_way for f in ev.findings)
    result = what_if(ev, PACKS)
    assert not result.findings
    assert not any(c.field == "context.sector_setting" for o in result.less_severe for c in o.changes), (
        "a school is a school: the setting is a fact of the context"
    )
    unlocked = what_if(ev, PACKS, locked=DEFAULT_LOCKED - {"context.sector_setting"})
    assert any(
        o.overall is core.Verdict.NO_PROHIBITION_FOUND
        and [(c.field, c.new) for c in o.changes] == [("context.sector_setting", "neither")]
        for o in unlocked.less_severe
    )


def test_no_evidence_caveat_on_an_undetermined_verdict():
    """An undetermined verdict rests on unanswered questions, not on the wording quoted."""
    scenario = core.Scenario(
        answers={
            "service": ("azure_openai",),
            "deployer.country": "US",
            "deployment.countries": (),
            "deployment.us_states": (),
            "decisions.consequential": False,
        }
    )
    ev = core.evaluate(scenario, PACKS, dt.date(2025, 4, 1))  # before the primary Transparency Note version
    assert ev.overall is core.Verdict.UNDETERMINED
    assert ev.findings and all(c.status is core.VerificationStatus.SECONDARY for f in ev.findings for c in f.clauses)
    assert ev.evidence_caveat == ""
