"""The "What would change" tab as HTML, built without Qt, from the structured what-if results.

Each remedy has an Apply link; risks (changes that would make the verdict more severe) have none.
"""

from __future__ import annotations

import core
from gui.findings_html import badge
from gui.markup import escape

_GREY = "#555555"


def _names(refs: tuple[core.FindingRef, ...], with_policy: bool) -> str:
    return "; ".join(f"“{escape(r.title)}”" + (f" ({escape(r.pack_title)})" if with_policy else "") for r in refs)


def _consequence(option: core.ChangeSet) -> str:
    """No longer applies / newly applies / still applies, one line each, from the fields."""
    several = len({r.pack_id for r in (*option.removed, *option.added, *option.remaining)}) > 1
    lines = [
        f"{head}: {_names(refs, several)}"
        for head, refs in (
            ("No longer applies", option.removed),
            ("Newly applies", option.added),
            ("Still applies", option.remaining),
        )
        if refs
    ]
    return f'<br><span style="color:{_GREY};">{"<br>".join(lines)}</span>' if lines else ""


def _changes(option: core.ChangeSet) -> str:
    return "<br>".join(
        f"<b>{escape(c.label)}</b>: {escape(c.new_words)} instead of {escape(c.old_words)}" for c in option.changes
    )


def _row(option: core.ChangeSet, index: int | None) -> str:
    link = (
        f'&nbsp;<a href="apply:{index}">Apply</a><br>&nbsp;<a href="copy:{index}">Apply to a copy</a>'
        if index is not None
        else ""
    )
    return (
        f'<tr><td valign="top">{badge(option.overall)}</td>'
        f"<td>{_changes(option)}{_consequence(option)}</td>"
        f'<td valign="top">{link}</td></tr>'
    )


def _table(options: tuple[core.ChangeSet, ...], order: list[core.ChangeSet] | None) -> str:
    rows = []
    for option in options:
        index = None
        if order is not None:
            index = len(order)
            order.append(option)
        rows.append(_row(option, index))
    return f'<table cellspacing="4">{"".join(rows)}</table>'


def _risks(result: core.WhatIf) -> str:
    head = f"<h3>What would make the verdict more severe than {escape(result.overall.label.lower())}</h3>"
    if not result.more_severe:
        return head + f"<p>{escape(result.no_risk)}</p>"
    intro = (
        f"<p>The smallest changes to {escape(result.searched)}, or a foreseeable drift in the facts "
        f"({escape(', '.join(result.drift_labels).lower())}), that would make the verdict more severe:</p>"
    )
    return head + intro + _table(result.more_severe, None)


def whatif_html(result: core.WhatIf, q: core.Questionnaire) -> tuple[str, list[core.ChangeSet]]:
    """HTML for the tab, and the change sets in the order of their ``apply:N`` links."""
    order: list[core.ChangeSet] = []
    kept = escape(", ".join(result.locked_labels)) or "nothing"
    parts = [
        "<h2>What would change the outcome</h2>",
        f"<p>The smallest changes to {escape(result.searched)} (one, then two) that remove a finding or make the "
        f"overall verdict less severe. Nothing is suggested that brings in a new prohibition. "
        f"<i>Kept as they are:</i> {kept}.</p>",
    ]
    if result.less_severe:
        parts.append(f"<h3>To make the overall verdict less severe than {escape(result.overall.label.lower())}</h3>")
        parts.append(_table(result.less_severe, order))
        if result.conditions:
            parts.append(f"<p>Without such a change, the conditions to meet: {escape(result.conditions)}</p>")
    else:
        parts.append(f"<p>{escape(result.remains)}</p>")
    for finding in result.findings:
        policy = f' <span style="color:{_GREY};">({escape(finding.pack_title)})</span>' if finding.pack_title else ""
        parts.append(f"<h3>{badge(finding.verdict)} To remove “{escape(finding.title)}”{policy}</h3>")
        if not finding.options:
            own = (
                " What the policy itself says would change it: " + " ".join(finding.remedies)
                if finding.remedies
                else ""
            )
            parts.append(f"<p>No change to one or two {escape(result.searched)} removes this finding.{escape(own)}</p>")
            continue
        parts.append(_table(finding.options, order))
    parts.append(_risks(result))
    return "".join(parts), order
