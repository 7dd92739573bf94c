"""Policy knowledge tested as data: the test cases that sit next to each pack.

A tests file (``<pack-id>.tests.yaml``, format ``clausewise: pack-tests/1``) lists cases: a
scenario's answers and date, and the expected verdict of the pack, the version used, the
verdict of every rule that fires (rules not listed must not fire), the clauses that must be
cited and, optionally, the open questions. ``bases`` name answer sets that cases extend, so
a case can say "the body-cam base, with post-event timing" in one line; in a case, ``null``
removes an answer of its base.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from core.errors import PackError
from core.evaluator import evaluate
from core.pack_loader import PACK_SUFFIX, TESTS_SUFFIX, version_id
from core.packs import PackSet, PolicyPack
from core.reading import read_text
from core.results import Evaluation
from core.scenario import Scenario, normalise_answers
from core.scenario_file import read_answer
from core.schema import Reader
from core.value_class import value_class
from core.verdicts import Verdict
from core.yamlsource import parse_yaml

FORMAT = "pack-tests/1"
NOT_TRIGGERED = "not_triggered"


@value_class
class PackTestCase:
    """One expected outcome for one scenario and date."""

    file: str
    line: int
    name: str
    pack_id: str
    scenario: Scenario
    as_of: dt.date
    verdict: Verdict
    version: str | None
    rules: dict[str, Verdict]
    cites: tuple[str, ...]
    questions: tuple[str, ...] | None

    @property
    def where(self) -> str:
        """``file:line`` of the case."""
        return f"{self.file}:{self.line}"


def tests_path_for(pack_path: Path) -> Path:
    """The tests file that belongs next to a pack file."""
    return pack_path.with_name(pack_path.name.removesuffix(PACK_SUFFIX) + TESTS_SUFFIX)


def load_pack_tests(path: Path, packs: PackSet) -> list[PackTestCase]:
    """Read and validate a tests file against the packs it tests."""
    path = Path(path)
    text = read_text(path, PackError)
    data, smap = parse_yaml(text, path, PackError)
    r = Reader(smap, PackError)
    r.mapping(data, (), required=("clausewise", "pack", "cases"), optional=("bases",))
    r.choice(data["clausewise"], ("clausewise",), [FORMAT])
    pack_id = r.text(data["pack"], ("pack",))
    try:
        pack = packs.get(pack_id)
    except KeyError:
        r.fail(("pack",), f"no pack {pack_id!r} is loaded")
    q = packs.questionnaire
    bases: dict[str, dict[str, Any]] = {}
    for name, raw in r.expect(data.get("bases", {}), dict, ("bases",)).items():
        r.expect(raw, dict, ("bases", name))
        bases[name] = {fid: read_answer(r, q, fid, v, ("bases", name, fid)) for fid, v in raw.items()}
    rule_ids = {rule.id for rule in pack.rules}
    cases = []
    names: set[str] = set()
    for i, c in enumerate(r.items(data["cases"], ("cases",))):
        path_ = ("cases", i)
        r.mapping(c, path_, required=("name", "as_of", "expect"), optional=("base", "answers"))
        name = r.text(c["name"], (*path_, "name"))
        if name in names:
            r.fail((*path_, "name"), f"two cases are named {name!r}")
        names.add(name)
        answers: dict[str, Any] = {}
        if "base" in c:
            base = r.text(c["base"], (*path_, "base"))
            if base not in bases:
                r.fail((*path_, "base"), f"no base named {base!r} under 'bases'")
            answers.update(bases[base])
        own = r.expect(c.get("answers") or {}, dict, (*path_, "answers"))
        answers.update({fid: read_answer(r, q, fid, v, (*path_, "answers", fid)) for fid, v in own.items()})
        scenario = Scenario(title=name, answers=normalise_answers(q, answers))
        cases.append(_expectation(r, c, path_, name, pack, scenario, rule_ids, smap.line(path_) or 0))
    return cases


def _expectation(
    r: Reader,
    c: dict[str, Any],
    path: tuple[Any, ...],
    name: str,
    pack: PolicyPack,
    scenario: Scenario,
    rule_ids: set[str],
    line: int,
) -> PackTestCase:
    epath = (*path, "expect")
    e = r.mapping(c["expect"], epath, required=("verdict",), optional=("version", "rules", "cites", "questions"))
    verdict = Verdict(r.choice(e["verdict"], (*epath, "verdict"), [v.value for v in Verdict]))
    version = None
    if e.get("version") is not None:
        version = version_id(r, e["version"], (*epath, "version"))
        if version not in {v.id for v in pack.versions}:
            r.fail((*epath, "version"), f"no version {version!r} in pack {pack.id!r}")
    rules: dict[str, Verdict] = {}
    for rid, rv in r.expect(e.get("rules") or {}, dict, (*epath, "rules")).items():
        if rid not in rule_ids:
            r.fail((*epath, "rules", rid), f"no rule {rid!r} in pack {pack.id!r}")
        allowed = [v.value for v in Verdict] + [NOT_TRIGGERED]
        value = r.choice(rv, (*epath, "rules", rid), allowed)
        if value != NOT_TRIGGERED:
            rules[rid] = Verdict(value)
    cites = tuple(
        r.text(x, (*epath, "cites", j))
        for j, x in enumerate(r.items(e.get("cites") or [], (*epath, "cites"), allow_empty=True))
    )
    questions = None
    if "questions" in e:
        questions = tuple(
            r.text(x, (*epath, "questions", j))
            for j, x in enumerate(r.items(e["questions"] or [], (*epath, "questions"), allow_empty=True))
        )
    return PackTestCase(
        file=r.file,
        line=line,
        name=name,
        pack_id=pack.id,
        scenario=scenario,
        as_of=r.date(c["as_of"], (*path, "as_of")),
        verdict=verdict,
        version=version,
        rules=rules,
        cites=cites,
        questions=questions,
    )


def check_case(case: PackTestCase, packs: PackSet) -> tuple[list[str], Evaluation]:
    """Evaluate a case; return what differed from the expectation (empty when it passes)."""
    ev = evaluate(case.scenario, packs, case.as_of)
    result = ev.pack(case.pack_id)
    problems: list[str] = []
    if result.verdict is not case.verdict:
        problems.append(f"pack verdict: expected {case.verdict.value}, got {result.verdict.value}")
    got_version = result.version.id if result.version else None
    if case.version is not None and got_version != case.version:
        problems.append(f"version: expected {case.version}, got {got_version}")
    fired = {f.rule: f.verdict for f in result.findings}
    for rid in sorted(set(fired) | set(case.rules)):
        want = case.rules.get(rid)
        got = fired.get(rid)
        if want is not got:
            expected = want.value if want else NOT_TRIGGERED
            problems.append(f"rule {rid}: expected {expected}, got {got.value if got else NOT_TRIGGERED}")
    cited = {c.id for f in result.findings for c in f.clauses}
    for cid in case.cites:
        if cid not in cited:
            problems.append(f"clause {cid} is not cited (cited: {', '.join(sorted(cited)) or 'none'})")
    if case.questions is not None and tuple(result.questions) != case.questions:
        problems.append(f"questions: expected {list(case.questions)}, got {list(result.questions)}")
    return problems, ev


def failure_report(case: PackTestCase, problems: list[str], evaluation: Evaluation) -> str:
    """A readable failure: file / case name / what differed, then the traces."""
    lines = [f"{case.where}: case {case.name!r}:"]
    lines += [f"  - {p}" for p in problems]
    result = evaluation.pack(case.pack_id)
    if result.scope_trace is not None:
        lines.append("  scope:")
        lines += ["    " + x for x in result.scope_trace.lines()]
    for f in result.findings:
        lines.append(f"  finding {f.rule} ({f.verdict.value}):")
        lines += ["    " + x for x in f.trace.lines()]
    return "\n".join(lines)
