"""The policy-pack model: sources, dated versions, verbatim clauses, rules and notices.

A pack is data (``resources/packs/<id>.pack.yaml``, loaded by :mod:`core.pack_loader`); this
module holds its frozen model. Rules live at pack level and name the versions they belong to;
clauses live in each version, because their wording is dated.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from dataclasses import field
from enum import StrEnum

from core.conditions import Condition, Ref
from core.messages import Catalogue, catalogue
from core.questionnaire import Questionnaire
from core.value_class import value_class
from core.verdicts import Verdict


class VerificationStatus(StrEnum):
    """How far a quoted clause has been checked (DESIGN §3)."""

    PRIMARY = "primary"
    ARCHIVE = "archive"
    CROSS_CHECKED = "cross_checked"
    SECONDARY = "secondary"

    @property
    def label(self) -> str:
        """What the status means, in words for the memo."""
        return {
            VerificationStatus.PRIMARY: "verified against the publisher's own text",
            VerificationStatus.ARCHIVE: "verified against a dated archive copy",
            VerificationStatus.CROSS_CHECKED: (
                "matches three or more independent copies; not checked against the publisher"
            ),
            VerificationStatus.SECONDARY: (
                "as quoted by the press or a third party; not checked against the publisher"
            ),
        }[self]


def pack_digest(text: str) -> str:
    """The ``sha256:`` digest of a pack file's text, as recorded in evaluations and memos."""
    import hashlib  # here: OpenSSL loads in ≈5 ms, and the app starts on precompiled packs that carry their digests

    return "sha256:" + hashlib.sha256(text.encode("utf-8")).hexdigest()


def span_text(start: dt.date | None, end: dt.date | None, t: Catalogue | None = None) -> str:
    """A span of days, both ends included: ``2023-01-16 to 2024-04-30``, ``from 2024-05-01``,
    ``until 2024-04-30`` or ``always`` (None: open at that end), in the language of ``t``."""
    t = t or catalogue()
    if start is None:
        return t("timeline.always") if end is None else t("timeline.until", end=end.isoformat())
    if end is None:
        return t("timeline.from", start=start.isoformat())
    return t("timeline.between", start=start.isoformat(), end=end.isoformat())


@value_class
class Source:
    """Where a clause's wording was obtained."""

    id: str
    publisher: str
    """Who published the document quoted (or, for press quotes, the outlet)."""
    title: str
    """Title as published."""
    url: str
    retrieved: str
    """When and from which copy the text was taken."""
    published: str = ""
    """Publication or "last updated" date as stated by the source, if known."""
    obtained_from: str = ""
    """The copy the text was read from (repository and commit, archive, news outlet)."""
    note: str = ""


@value_class
class Clause:
    """One verbatim quote from a policy, with its provenance."""

    id: str
    section: str
    """Section label or lead-in under which the words appear."""
    text: str
    """The words, character for character. Never paraphrased."""
    status: VerificationStatus
    source: Source
    note: str = ""


@value_class
class PackVersion:
    """A dated version of the policy and the clauses it contains."""

    id: str
    title: str
    """The policy's title as published for this version."""
    effective_from: dt.date
    effective_to: dt.date | None
    """Last day in force (inclusive); None while current."""
    clauses: Mapping[str, Clause]
    url: str = ""
    note: str = ""

    def in_force(self, day: dt.date) -> bool:
        """Whether this version is in force on ``day`` (both ends included)."""
        return self.effective_from <= day and (self.effective_to is None or day <= self.effective_to)

    @property
    def period(self) -> str:
        """E.g. ``2023-01-16 to 2024-04-30`` or ``from 2024-05-01``."""
        return span_text(self.effective_from, self.effective_to)


@value_class
class Remark:
    """An interpretation note or remedy hint, optionally shown only when a condition holds."""

    text: str
    """Template; ``{field.id}`` is replaced by the answer in words."""
    when: Condition | None = None


@value_class
class Case:
    """One outcome of a rule. Cases are tried in order; the first that holds decides."""

    verdict: Verdict
    explanation: str
    """Template; ``{field.id}`` is replaced by the answer in words."""
    when: Condition | None = None
    """Extra condition on top of the rule's; None means "otherwise"."""
    label: str = ""
    """Short name shown in traces, e.g. "exception: listed objectives"."""
    notes: tuple[Remark, ...] = ()
    """Interpretation notes: where the wording is open and how it was read."""
    remedies: tuple[Remark, ...] = ()
    """What would change the outcome, in words."""
    clauses: tuple[str, ...] = ()
    """Extra clause ids cited by this case, besides the rule's."""


@value_class
class Rule:
    """A reading of one or more clauses: a condition and the verdict(s) it produces."""

    id: str
    title: str
    versions: frozenset[str]
    """Ids of the pack versions this rule belongs to."""
    clauses: tuple[str, ...]
    """Clause ids the rule rests on (present in every version it belongs to)."""
    when: Condition | None
    """Common condition of all cases; None means always."""
    cases: tuple[Case, ...]


@value_class
class ScopeTest:
    """One condition for the pack to apply, with the reason given when it fails."""

    when: Condition
    otherwise: str


@value_class
class Notice:
    """A note the evaluation shows when its condition holds (e.g. "outside Article 5")."""

    id: str
    when: Condition
    text: str


@value_class
class PolicyPack:
    """One published policy, machine-readable and versioned."""

    id: str
    title: str
    publisher: str
    description: str
    scope: tuple[ScopeTest, ...]
    versions: tuple[PackVersion, ...]
    """In order of ``effective_from``."""
    rules: tuple[Rule, ...]
    notices: tuple[Notice, ...] = ()
    definitions: Mapping[str, Ref] = field(default_factory=dict)
    sources: Mapping[str, Source] = field(default_factory=dict)
    digest: str = ""
    """``sha256:`` digest of the pack file as loaded."""
    file: str = ""
    text: str = field(default="", repr=False, compare=False)
    """The pack file's text as loaded (attached to memos, so they carry exactly what was used)."""

    def version_on(self, day: dt.date) -> PackVersion | None:
        """The version in force on ``day``, or None."""
        for version in self.versions:
            if version.in_force(day):
                return version
        return None

    def version(self, version_id: str) -> PackVersion:
        """The version with this id (KeyError if none)."""
        for version in self.versions:
            if version.id == version_id:
                return version
        raise KeyError(version_id)

    def rules_for(self, version: PackVersion) -> tuple[Rule, ...]:
        """The rules that belong to ``version``, in pack order."""
        return tuple(r for r in self.rules if version.id in r.versions)


@value_class
class PackSet:
    """The packs evaluated together, and the questionnaire they were checked against."""

    questionnaire: Questionnaire
    packs: tuple[PolicyPack, ...]

    def __iter__(self) -> Iterator[PolicyPack]:
        return iter(self.packs)

    def __len__(self) -> int:
        return len(self.packs)

    def get(self, pack_id: str) -> PolicyPack:
        """The pack with this id (KeyError if none)."""
        for pack in self.packs:
            if pack.id == pack_id:
                return pack
        raise KeyError(pack_id)

    @property
    def digests(self) -> dict[str, str]:
        """Pack id → digest, for memos and reproducibility checks."""
        return {p.id: p.digest for p in self.packs}
