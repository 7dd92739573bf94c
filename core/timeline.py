"""How the verdict moved over time: the scenario under every version of every pack.

The scenario is evaluated on the day before the first version of any pack, and on every day a
version starts or the day after one ends. Consecutive days with the same verdict and the same
cited clauses are merged into periods; a change between periods names the clauses that arrived
or left.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from core.citations import clause_name, opening_words
from core.evaluator import evaluate
from core.messages import Catalogue, catalogue
from core.packs import PackSet, span_text
from core.results import Applicability
from core.scenario import Scenario
from core.value_class import value_class
from core.verdicts import Verdict


@value_class
class Period:
    """A stretch of time with one verdict for one pack (or overall)."""

    start: dt.date | None
    """None: from the beginning of time."""
    end: dt.date | None
    """None: still so today (last day inclusive otherwise)."""
    verdict: Verdict
    version: str | None
    clauses: tuple[str, ...]
    """Clause ids cited by the findings in this period."""
    rules: tuple[str, ...]
    not_in_force: bool = False
    """No stored version of the policy was in force (before the first one, or after one ended)."""
    clause_names: tuple[tuple[str, str], ...] = ()
    """For each of ``clauses``: its section as the policy labels it (e.g. "Article 5(1)(h)") and the
    opening words of its text, so that clauses under one section can be told apart."""

    @property
    def state(self) -> str:
        """The verdict in words; "no stored version in force" when no version of the policy was in force."""
        return self.state_in(catalogue())

    def state_in(self, t: Catalogue) -> str:
        """The verdict in words, in the language of ``t``."""
        return t("timeline.no_version") if self.not_in_force else t(f"verdict.{self.verdict.value}").lower()

    def span(self, t: Catalogue | None = None) -> str:
        """E.g. ``until 2024-04-30``, ``2024-05-01 to 2025-01-28`` or ``from 2025-02-02``."""
        return span_text(self.start, self.end, t)

    def clause_name(self, clause_id: str, t: Catalogue) -> str:
        """A cited clause named by its section in the policy and its opening words (its id only if
        neither is known)."""
        section, opening = dict(zip(self.clauses, self.clause_names, strict=False)).get(clause_id, (clause_id, ""))
        return clause_name(section, opening, t)


@value_class
class PackTimeline:
    """One pack's periods and the changes between them."""

    pack_id: str
    title: str
    periods: tuple[Period, ...]

    @property
    def never_applies(self) -> bool:
        """Whether the pack does not apply to the scenario at any time."""
        return all(p.verdict is Verdict.NOT_APPLICABLE for p in self.periods)

    def summary(self, t: Catalogue | None = None) -> str:
        """The verdicts in words, consecutive periods with the same verdict joined, e.g.
        "no stored version in force until 2023-01-15; prohibited from 2023-01-16"."""
        return spans_in_words(self.periods, t)

    def changes(self, t: Catalogue | None = None) -> list[str]:
        """Each change in words: the date, the verdicts and the clauses (by their sections in the
        policy, not their ids in the pack) that came to be cited or are no longer cited."""
        t = t or catalogue()
        out = []
        for before, after in zip(self.periods, self.periods[1:], strict=False):
            was, now = before.state_in(t), after.state_in(t)
            text = (
                t("timeline.still", day=after.start, state=now)
                if was == now
                else (t("timeline.moved", day=after.start, before=was, after=now))
            )
            if before.version != after.version and after.version:
                text += t("timeline.version", version=after.version)
            added = list(dict.fromkeys(after.clause_name(c, t) for c in after.clauses if c not in before.clauses))
            removed = list(dict.fromkeys(before.clause_name(c, t) for c in before.clauses if c not in after.clauses))
            if added:
                text += t("timeline.added", clauses=t("timeline.list_join").join(added))
            if removed:
                text += t("timeline.removed", clauses=t("timeline.list_join").join(removed))
            out.append(text)
        return out


@value_class
class Timeline:
    """The scenario's verdicts through time, per pack and overall."""

    overall: tuple[Period, ...]
    packs: tuple[PackTimeline, ...]

    def pack(self, pack_id: str) -> PackTimeline:
        """One pack's timeline (KeyError if unknown)."""
        for p in self.packs:
            if p.pack_id == pack_id:
                return p
        raise KeyError(pack_id)

    def to_dict(self) -> dict:
        """JSON-ready form."""

        def period(p: Period) -> dict:
            return {
                "from": p.start.isoformat() if p.start else None,
                "to": p.end.isoformat() if p.end else None,
                "verdict": p.verdict.value,
                "version": p.version,
                "clauses": list(p.clauses),
                "no_version_in_force": p.not_in_force,
            }

        return {
            "overall": [period(p) for p in self.overall],
            "packs": {
                pt.pack_id: {"periods": [period(p) for p in pt.periods], "changes": pt.changes()} for pt in self.packs
            },
        }

    def heading(self, t: Catalogue | None = None) -> list[str]:
        """The lines before the packs: the title and the overall verdicts in words."""
        t = t or catalogue()
        return [t("timeline.heading"), "  " + t("timeline.overall", summary=spans_in_words(self.overall, t))]

    def lines(self, t: Catalogue | None = None) -> list[str]:
        """The timeline in words, e.g. "no prohibition found until 2024-04-30; prohibited from 2024-05-01",
        with clauses named by their sections in the policy."""
        t = t or catalogue()
        out = self.heading(t)
        never = [pt.title for pt in self.packs if pt.never_applies]
        for pt in self.packs:
            if pt.never_applies:
                continue
            out.append("  " + t("timeline.pack", title=pt.title, summary=pt.summary(t)))
            out += [f"    - {c}" for c in pt.changes(t)]
        if never:
            out.append("  " + t("timeline.never", titles=t("timeline.span_join").join(never)))
        return out


def spans_in_words(periods: tuple[Period, ...], t: Catalogue | None = None) -> str:
    """E.g. "not applicable until 2023-01-15; prohibited from 2023-01-16": periods in a row with
    the same verdict (even under different versions) are named once."""
    t = t or catalogue()
    joined: list[Period] = []
    for p in periods:
        if joined and joined[-1].state_in(t) == p.state_in(t):
            joined[-1] = dataclasses.replace(joined[-1], end=p.end)
        else:
            joined.append(p)
    spans = [t("timeline.state_span", state=p.state_in(t), span=p.span(t)) for p in joined]
    return t("timeline.span_join").join(spans)


def change_days(packs: PackSet) -> list[dt.date]:
    """Every day on which some pack's version starts, or the day after one ends."""
    days: set[dt.date] = set()
    for pack in packs:
        for version in pack.versions:
            days.add(version.effective_from)
            if version.effective_to is not None:
                days.add(version.effective_to + dt.timedelta(days=1))
    return sorted(days)


def timeline(scenario: Scenario, packs: PackSet) -> Timeline:
    """Evaluate ``scenario`` at each change day and merge equal stretches into periods."""
    days = change_days(packs)
    samples = [days[0] - dt.timedelta(days=1), *days]
    evaluations = [evaluate(scenario, packs, day) for day in samples]
    overall = _merge(
        [
            (day, ev.overall, None, (), (), all(r.applicability is Applicability.NOT_IN_FORCE for r in ev.packs), ())
            for day, ev in zip(samples, evaluations, strict=True)
        ]
    )
    pack_lines = []
    for pack in packs:
        states = []
        for day, ev in zip(samples, evaluations, strict=True):
            r = ev.pack(pack.id)
            cited = {c.id: (c.section, opening_words(c.text)) for f in r.findings for c in f.clauses}
            states.append(
                (
                    day,
                    r.verdict,
                    r.version.id if r.version else None,
                    tuple(cited),
                    tuple(f.rule for f in r.findings),
                    r.applicability is Applicability.NOT_IN_FORCE,
                    tuple(cited.values()),
                )
            )
        pack_lines.append(PackTimeline(pack.id, pack.title, _merge(states)))
    return Timeline(overall, tuple(pack_lines))


def _merge(states: list[tuple]) -> tuple[Period, ...]:
    periods: list[Period] = []
    for i, (day, verdict, version, clauses, rules, not_in_force, titles) in enumerate(states):
        if verdict is Verdict.NOT_APPLICABLE:
            version = None  # out of scope or not in force: which version does not matter
        key = (verdict, version, clauses, not_in_force)
        if periods and (periods[-1].verdict, periods[-1].version, periods[-1].clauses, periods[-1].not_in_force) == key:
            continue
        if periods:
            periods[-1] = dataclasses.replace(periods[-1], end=day - dt.timedelta(days=1))
        periods.append(Period(None if i == 0 else day, None, verdict, version, clauses, rules, not_in_force, titles))
    return tuple(periods)
