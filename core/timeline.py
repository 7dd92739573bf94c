"""How the verdict moved over time: the scenario under every version of every pack.

The scenario is evaluated on the day before the first version of any pack, and on every day a
version starts or the day after one ends. Consecutive days with the same verdict and the same
cited clauses are merged into periods; a change between periods names the clauses that arrived
or left.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass

from core.evaluator import evaluate
from core.packs import PackSet, span_text
from core.results import Applicability
from core.scenario import Scenario
from core.verdicts import Verdict


@dataclass(frozen=True)
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

    @property
    def state(self) -> str:
        """The verdict in words; "no stored version in force" when no version of the policy was in force."""
        return "no stored version in force" if self.not_in_force else self.verdict.label.lower()

    def span(self) -> str:
        """E.g. ``until 2024-04-30``, ``2024-05-01 to 2025-01-28`` or ``from 2025-02-02``."""
        return span_text(self.start, self.end)


@dataclass(frozen=True)
class PackTimeline:
    """One pack's periods and the changes between them."""

    pack_id: str
    title: str
    periods: tuple[Period, ...]

    @property
    def never_applies(self) -> bool:
        """Whether the pack does not apply to the scenario at any time."""
        return all(p.verdict is Verdict.NOT_APPLICABLE for p in self.periods)

    def summary(self) -> str:
        """The verdicts in words, consecutive periods with the same verdict joined, e.g.
        "no stored version in force until 2023-01-15; prohibited from 2023-01-16"."""
        return spans_in_words(self.periods)

    def changes(self) -> list[str]:
        """Each change in words: the date, the verdicts and the clauses that arrived or left."""
        out = []
        for before, after in zip(self.periods, self.periods[1:], strict=False):
            if before.state == after.state:
                text = f"{after.start}: still {after.state}"
            else:
                text = f"{after.start}: {before.state} → {after.state}"
            if before.version != after.version and after.version:
                text += f" (version {after.version})"
            added = [c for c in after.clauses if c not in before.clauses]
            removed = [c for c in before.clauses if c not in after.clauses]
            if added:
                text += "; clauses added: " + ", ".join(added)
            if removed:
                text += "; clauses no longer cited: " + ", ".join(removed)
            out.append(text)
        return out


@dataclass(frozen=True)
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

    def heading(self) -> list[str]:
        """The lines before the packs: the title and the overall verdicts in words."""
        return ["How the verdict moved over time:", "  Overall: " + spans_in_words(self.overall)]

    def lines(self) -> list[str]:
        """The timeline in words, e.g. "no prohibition found until 2024-04-30; prohibited from 2024-05-01"."""
        out = self.heading()
        never = [pt.title for pt in self.packs if pt.never_applies]
        for pt in self.packs:
            if pt.never_applies:
                continue
            out.append(f"  {pt.title}: " + pt.summary())
            out += [f"    - {c}" for c in pt.changes()]
        if never:
            out.append("  Never applicable to this scenario: " + "; ".join(never))
        return out


def spans_in_words(periods: tuple[Period, ...]) -> str:
    """E.g. "not applicable until 2023-01-15; prohibited from 2023-01-16": periods in a row with
    the same verdict (even under different versions) are named once."""
    joined: list[Period] = []
    for p in periods:
        if joined and joined[-1].state == p.state:
            joined[-1] = dataclasses.replace(joined[-1], end=p.end)
        else:
            joined.append(p)
    return "; ".join(f"{p.state} {p.span()}" for p in joined)


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
            (day, ev.overall, None, (), (), all(r.applicability is Applicability.NOT_IN_FORCE for r in ev.packs))
            for day, ev in zip(samples, evaluations, strict=True)
        ]
    )
    pack_lines = []
    for pack in packs:
        states = []
        for day, ev in zip(samples, evaluations, strict=True):
            r = ev.pack(pack.id)
            clauses = tuple(dict.fromkeys(c.id for f in r.findings for c in f.clauses))
            states.append(
                (
                    day,
                    r.verdict,
                    r.version.id if r.version else None,
                    clauses,
                    tuple(f.rule for f in r.findings),
                    r.applicability is Applicability.NOT_IN_FORCE,
                )
            )
        pack_lines.append(PackTimeline(pack.id, pack.title, _merge(states)))
    return Timeline(overall, tuple(pack_lines))


def _merge(states: list[tuple]) -> tuple[Period, ...]:
    periods: list[Period] = []
    for i, (day, verdict, version, clauses, rules, not_in_force) in enumerate(states):
        if verdict is Verdict.NOT_APPLICABLE:
            version = None  # out of scope or not in force: which version does not matter
        key = (verdict, version, clauses, not_in_force)
        if periods and (periods[-1].verdict, periods[-1].version, periods[-1].clauses, periods[-1].not_in_force) == key:
            continue
        if periods:
            periods[-1] = dataclasses.replace(periods[-1], end=day - dt.timedelta(days=1))
        periods.append(Period(None if i == 0 else day, None, verdict, version, clauses, rules, not_in_force))
    return tuple(periods)
