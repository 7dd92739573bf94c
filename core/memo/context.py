"""What every memo section needs: the evaluation, the packs, the message catalogue and the header."""

from __future__ import annotations

import datetime as dt
from dataclasses import field

from core.conditions import UNKNOWN
from core.messages import Catalogue, catalogue
from core.packs import PackSet
from core.results import Evaluation
from core.value_class import value_class

STALE_AFTER_DAYS = 180
"""A memo dated this long after its evaluation date says so (policies change)."""


@value_class
class Author:
    """Who prepared (and signs) the memo."""

    name: str
    organisation: str = ""
    email: str = ""

    def line(self) -> str:
        """Name, organisation and email on one line."""
        return ", ".join(x for x in (self.name, self.organisation, self.email) if x)


@value_class
class MemoHeader:
    """The memorandum's header fields that the evaluation does not give (all optional)."""

    to: str = ""
    """The addressee, e.g. "Head of Procurement, Example Police"."""
    role: str = ""
    """The preparer's role, shown after their name."""
    reference: str = ""
    """A procurement or vendor reference."""


@value_class
class MemoContext:
    """Inputs shared by the section builders."""

    ev: Evaluation
    packs: PackSet
    memo_id: str
    created: dt.datetime
    author: Author | None
    header: MemoHeader = field(default_factory=MemoHeader)
    t: Catalogue = field(default_factory=catalogue)

    def answer(self, field_id: str, *, in_sentence: bool = True) -> str | None:
        """The answer to a question in words ("not stated" if unanswered), or None if not asked."""
        q = self.packs.questionnaire
        res = q.resolve(self.ev.scenario.answers)
        if field_id not in q.fields or res.asked.get(field_id) is not True:
            return None
        value = res.values[field_id]
        if value is UNKNOWN:
            return self.t("memo.not_stated")
        f = q.fields[field_id]
        return f.describe_in_sentence(value) if in_sentence else f.describe_answer(value)

    def age(self) -> str:
        """How long before the memo's date the evaluation date is, in words ("" when recent)."""
        days = (self.created.date() - self.ev.as_of).days
        if days < STALE_AFTER_DAYS:
            return ""
        t = self.t
        years, rest = divmod(days, 365)
        months = rest // 30

        def unit(key: str, n: int) -> str:
            return t(f"memo.age.{key}", n=n, s="" if n == 1 else "s")

        if years and months:
            return t("memo.age.join", a=unit("years", years), b=unit("months", months))
        if years:
            return unit("years", years)
        return unit("months", months)
