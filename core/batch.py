"""Evaluate a portfolio of scenario files at once, and compare two dates.

Bad files are reported one by one and never stop the run. Directories are searched
recursively for ``*.scenario.yaml``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from core.errors import ClausewiseError
from core.evaluator import evaluate
from core.loading import load_scenario
from core.packs import PackSet
from core.scenario import SUFFIX
from core.value_class import value_class
from core.verdicts import Verdict


@value_class
class PackChange:
    """How one pack's result differs between the two dates."""

    pack_id: str
    before: Verdict
    after: Verdict
    clauses_added: tuple[str, ...]
    clauses_removed: tuple[str, ...]

    def text(self) -> str:
        """E.g. ``microsoft-azure-openai: no prohibition found → prohibited (clauses added: …)``."""
        out = f"{self.pack_id}: {self.before.label.lower()} → {self.after.label.lower()}"
        details = []
        if self.clauses_added:
            details.append("clauses added: " + ", ".join(self.clauses_added))
        if self.clauses_removed:
            details.append("no longer cited: " + ", ".join(self.clauses_removed))
        return out + (f" ({'; '.join(details)})" if details else "")


@value_class
class PortfolioEntry:
    """One scenario file's result (or why it could not be read)."""

    path: Path
    title: str = ""
    as_of: dt.date | None = None
    overall: Verdict | None = None
    packs: tuple[tuple[str, Verdict], ...] = ()
    findings: int = 0
    error: str = ""
    compared_to: dt.date | None = None
    overall_then: Verdict | None = None
    changes: tuple[PackChange, ...] = ()

    @property
    def changed(self) -> bool:
        """Whether the verdict (overall or of any pack) differs between the two dates."""
        return bool(self.changes) or (self.overall_then is not None and self.overall_then != self.overall)

    def verdict_of(self, pack_id: str) -> Verdict | None:
        """The verdict of one pack, if evaluated."""
        return dict(self.packs).get(pack_id)


def find_scenarios(paths: Iterable[Path]) -> list[Path]:
    """Scenario files under ``paths`` (files as given; directories searched recursively), sorted."""
    found: list[Path] = []
    for path in paths:
        path = Path(path)
        if path.is_dir():
            found.extend(sorted(path.rglob(f"*{SUFFIX}")))
        else:
            found.append(path)
    return found


def evaluate_file(path: Path, packs: PackSet, as_of: dt.date | None, compare_to: dt.date | None) -> PortfolioEntry:
    """Evaluate one file (at ``as_of``, else its own date, else today), optionally on a second date."""
    try:
        scenario = load_scenario(path, packs.questionnaire)
    except ClausewiseError as exc:
        return PortfolioEntry(path, error=str(exc))
    ev = evaluate(scenario, packs, as_of)
    entry = PortfolioEntry(
        path=path,
        title=scenario.title,
        as_of=ev.as_of,
        overall=ev.overall,
        packs=tuple((p.pack.id, p.verdict) for p in ev.packs),
        findings=len(ev.findings),
    )
    if compare_to is None:
        return entry
    other = evaluate(scenario, packs, compare_to)
    changes = []
    for now, then in zip(ev.packs, other.packs, strict=True):
        cited_now = list(dict.fromkeys(c.id for f in now.findings for c in f.clauses))
        cited_then = list(dict.fromkeys(c.id for f in then.findings for c in f.clauses))
        if now.verdict != then.verdict:
            changes.append(
                PackChange(
                    now.pack.id,
                    now.verdict,
                    then.verdict,
                    tuple(c for c in cited_then if c not in cited_now),
                    tuple(c for c in cited_now if c not in cited_then),
                )
            )
    return PortfolioEntry(
        **{**entry.__dict__, "compared_to": compare_to, "overall_then": other.overall, "changes": tuple(changes)}
    )


def run_batch(
    paths: Iterable[Path],
    packs: PackSet,
    *,
    as_of: dt.date | None = None,
    compare_to: dt.date | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> Iterator[PortfolioEntry]:
    """Evaluate every scenario file under ``paths``, reporting progress as (done, total)."""
    files = find_scenarios(paths)
    for i, path in enumerate(files, start=1):
        yield evaluate_file(path, packs, as_of, compare_to)
        if progress is not None:
            progress(i, len(files))
