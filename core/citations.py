"""Citations for quoted clauses: one place that says where a quote comes from."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from core.messages import Catalogue, catalogue
from core.packs import Clause, PackVersion, PolicyPack
from core.value_class import value_class

if TYPE_CHECKING:
    from core.results import LaterVersion


@value_class
class Citation:
    """Everything a reader needs to find and weigh a quoted clause."""

    publisher: str
    document: str
    """The policy's title as published for this version."""
    version: str
    """Version id and period in force."""
    section: str
    url: str
    """The publisher's address for the policy."""
    quoted_from: str
    """Where the words were read: the source's publisher, title, date and address."""
    retrieved: str
    status: str
    """Verification status id (primary, archive, cross_checked, secondary)."""
    status_label: str

    def text(self, t: Catalogue | None = None) -> str:
        """One paragraph: publisher, document, version, section, URL, source, retrieved, status
        (in the words of the message catalogue ``t``; English by default)."""
        t = t or catalogue()
        parts = [
            t("citation.document", publisher=self.publisher, document=self.document, version=self.version),
            t("citation.section", section=self.section),
        ]
        if self.url:
            parts.append(self.url)
        parts.append(t("citation.wording_from", source=self.quoted_from))
        parts.append(t("citation.retrieved", date=self.retrieved))
        label = t(f"status.{self.status}") if t.has(f"status.{self.status}") else self.status_label
        status = t(f"status_word.{self.status}") if t.has(f"status_word.{self.status}") else self.status
        parts.append(t("citation.status", status=status, label=label))
        return t("citation.end", text=t("citation.join").join(parts))


def opening_words(text: str, words: int = 8) -> str:
    """The first ``words`` words of a clause, verbatim, with an ellipsis if there are more."""
    split = text.split()
    return " ".join(split[:words]) + ("…" if len(split) > words else "")


def clause_name(section: str, opening: str, t: Catalogue | None = None) -> str:
    """A clause named for people: its opening words and its section in the policy (a trailing
    colon dropped), e.g. “be used for any real-time facial recognition technology…” (Integrations
    with Azure OpenAI Service must not). Never its id in the pack."""
    t = t or catalogue()
    section = section.rstrip(" :")
    if not opening:
        return t("clause.section_only", section=section)
    return t("clause.name", section=section, opening=opening) if section else t("clause.opening_only", opening=opening)


def name_of(clause: Clause, t: Catalogue | None = None) -> str:
    """``clause`` named for people (see :func:`clause_name`)."""
    return clause_name(clause.section, opening_words(clause.text), t)


_UNRECORDED = re.compile(r"\s*\((?:headline|title) not recorded\)", re.IGNORECASE)


def cite(pack: PolicyPack, version: PackVersion, clause: Clause) -> Citation:
    """The citation of ``clause`` as it stands in ``version`` of ``pack``.

    A source whose headline was not recorded is described, not quoted as if it were a title
    (no "(headline not recorded)" placeholder in a citation).
    """
    src = clause.source
    described = _UNRECORDED.sub("", src.title)
    quoted = f"{src.publisher}, “{src.title}”" if described == src.title else f"{src.publisher}, {described}"
    if src.published:
        quoted += f" ({src.published})"
    if src.url and src.url != version.url:
        quoted += f", {src.url}"
    if src.obtained_from:
        quoted += f", {src.obtained_from}"
    return Citation(
        publisher=pack.publisher,
        document=version.title,
        version=version.id,
        section=clause.section,
        url=version.url,
        quoted_from=quoted,
        retrieved=src.retrieved,
        status=clause.status.value,
        status_label=clause.status.label,
    )


def later_version_text(lv: LaterVersion, t: Catalogue | None = None) -> str:
    """A version not yet in force on the evaluation date, in words: the clauses it adds or
    rewords (named, not by id) and what this scenario would also be found under it."""
    t = t or catalogue()
    clauses = lv.version.clauses
    parts = []
    if lv.added_clauses:
        parts.append(
            t("memo.later.adds", clauses=t("memo.later.list").join(name_of(clauses[x], t) for x in lv.added_clauses))
        )
    if lv.changed_clauses:
        parts.append(
            t(
                "memo.later.rewords",
                clauses=t("memo.later.list").join(name_of(clauses[x], t) for x in lv.changed_clauses),
            )
        )
    text = t("memo.later", version=lv.version.id, start=lv.version.effective_from)
    if parts:
        text += t("memo.later.what", what=t("memo.later.and").join(parts))
    if lv.new_findings:
        titles = dict(lv.titles)
        found = [
            t("memo.later.finding", verdict=t(f"verdict.{v.value}").lower(), title=titles.get(rule, rule))
            for rule, v in lv.new_findings
        ]
        text += t("memo.later.findings", findings=t("memo.later.findings_join").join(found))
    return t("memo.later.end", text=text)
