""" "What would change the outcome" in words, built from the structured results.

The words name answers and clauses, never parts of a window or options of a command, so the same
sentences serve the window, the text output and the memo.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from core.verdicts import Verdict

if TYPE_CHECKING:
    from core.whatif_model import ChangeSet, FindingRef, WhatIf


def name_findings(refs: tuple[FindingRef, ...] | list[FindingRef], *, with_policy: bool) -> str:
    """“Title”; “Title” — with the policy's title in brackets when ``with_policy``."""
    return "; ".join(f"“{r.title}” ({r.pack_title})" if with_policy else f"“{r.title}”" for r in refs)


def consequence(option: ChangeSet) -> str:
    """What a change set does to the findings: no longer applies, newly applies, still applies."""
    involved = {r.pack_id for r in (*option.removed, *option.added, *option.remaining)}
    several = len(involved) > 1
    parts = []
    if option.removed:
        parts.append("no longer applies: " + name_findings(option.removed, with_policy=several))
    if option.added:
        parts.append("newly applies: " + name_findings(option.added, with_policy=several))
    if option.remaining:
        parts.append("still applies: " + name_findings(option.remaining, with_policy=several))
    return " — ".join(parts)


def verdict_words(verdict: Verdict) -> str:
    """The verdict as words inside a sentence ("allowed only under conditions (restricted)")."""
    return {
        Verdict.PROHIBITED: "prohibited",
        Verdict.UNDETERMINED: "undetermined",
        Verdict.UNCLEAR: "unclear",
        Verdict.RESTRICTED: "allowed only under conditions (restricted)",
        Verdict.NO_PROHIBITION_FOUND: "no prohibition found",
        Verdict.NOT_APPLICABLE: "not applicable",
    }[verdict]


def searched(result: WhatIf) -> str:
    """What the search may change, e.g. "design choices" or "design choices and the purposes"."""
    if not result.unlocked_facts:
        return "design choices"
    return "design choices or " + _join([label.lower() for label in result.unlocked_facts])


def what_remains(result: WhatIf) -> str:
    """When no change makes the verdict less severe: what remains, consistent with the findings."""
    overall = result.overall
    if overall is Verdict.NOT_APPLICABLE:
        return "None of the policies evaluated governs this scenario: nothing stands in the way."
    if overall is Verdict.NO_PROHIBITION_FOUND:
        return "The policies that apply trigger none of their rules: nothing stands in the way."
    if overall is Verdict.UNDETERMINED:
        questions = _join(result.open_questions) if result.open_questions else "the open questions"
        return (
            f"The verdict is undetermined: it depends on questions not yet answered ({questions}). Answer them first."
        )
    out = [
        f"The verdict is {verdict_words(overall)}, and no change to one or two {searched(result)} makes it less severe."
    ]
    standing = [f for f in result.findings if f.verdict is overall]
    with_remedies = [f for f in standing if f.remedies]
    if with_remedies:
        several = len({f.pack_id for f in with_remedies}) > 1
        out.append(
            "What the policies themselves say would change it: "
            + "; ".join(
                f"for “{f.title}”{_policy(f.pack_title, several)}: " + " ".join(f.remedies).rstrip(".")
                for f in with_remedies
            )
        )
    if overall is Verdict.UNCLEAR:
        out.append("The wording leaves this case open: what remains is a legal review of the clauses quoted.")
    if result.requirements:
        out.append(f"What remains is to meet these conditions: {conditions(result)}")
    if result.locked_labels:
        out.append(
            "Facts of the context (who deploys, for whom, where, why and who is affected) were kept as they are."
        )
    return " ".join(_sentence(s) for s in out)


def conditions(result: WhatIf) -> str:
    """The conditions the verdict rests on, in words, as the policy packs state them."""
    several = len({r.finding.pack_id for r in result.requirements}) > 1
    items = [
        f"for “{r.finding.title}”{_policy(r.finding.pack_title, several)}: "
        + (" ".join(r.steps) if r.steps else "meet the conditions of the clause quoted for it").rstrip(".")
        for r in result.requirements
    ]
    return "; ".join(items) + "." if items else ""


def risks_empty(result: WhatIf) -> str:
    """Why no risk is listed."""
    if result.overall is Verdict.PROHIBITED:
        return "The verdict is already prohibited, the most severe."
    drift = f", nor a drift in {_join([d.lower() for d in result.drift_labels])}" if result.drift_labels else ""
    return (
        f"No change to one or two {searched(result)}{drift}, makes the verdict more severe than "
        f"{verdict_words(result.overall)}."
    )


def whatif_lines(result: WhatIf) -> list[str]:
    """The options, what remains, and the risks, as lines of text (unwrapped)."""
    out = ["What would change the outcome:"]
    if result.locked_labels:
        out.append("Kept as they are: " + ", ".join(result.locked_labels) + ".")
    if result.less_severe:
        out.append(f"To make the overall verdict less severe than {verdict_words(result.overall)}:")
        out += [f"  - {o.text} → overall {verdict_words(o.overall)}" for o in result.less_severe]
        if result.requirements:
            out.append(f"Without such a change, the conditions to meet: {conditions(result)}")
    else:
        out.append(result.remains)
    for f in result.findings:
        out.append(f"To remove “{f.title}” ({f.pack_title}), {f.verdict.label.lower()}:")
        if not f.options:
            own = "; what the policy itself says would change it: " + " ".join(f.remedies) if f.remedies else ""
            out.append(f"  - no change to one or two {searched(result)} removes it{own}")
        out += [f"  - {o.text}" for o in f.options]
    out.append("")
    out.append(f"What would make the verdict more severe than {verdict_words(result.overall)}:")
    if not result.more_severe:
        out.append(risks_empty(result))
    out += [f"  - {o.text} → overall {verdict_words(o.overall)}" for o in result.more_severe]
    return out


def _policy(title: str, several: bool) -> str:
    return f" ({title})" if several else ""


def _sentence(text: str) -> str:
    text = text.rstrip()
    return text if text.endswith((".", "!", "?")) else text + "."


def _join(items: tuple[str, ...] | list[str]) -> str:
    items = list(items)
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]
