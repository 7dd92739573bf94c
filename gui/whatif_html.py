"""The "What would change" tab as HTML, built without Qt. Each change set has an Apply link."""

from __future__ import annotations

from html import escape

import core
from gui.findings_html import badge


def _option(option: core.ChangeSet, index: int) -> str:
    changes = "<br>".join(escape(c.text) for c in option.changes)
    return (
        f'<tr><td valign="top">{badge(option.overall)}</td><td>{changes}'
        f'<br><span style="color:#555555;">{escape(_consequence(option.text))}</span></td>'
        f'<td valign="top">&nbsp;<a href="apply:{index}">Apply</a>'
        f'<br>&nbsp;<a href="copy:{index}">Apply to a copy</a></td></tr>'
    )


def _consequence(text: str) -> str:
    parts = text.split(" — ", 1)
    return parts[1] if len(parts) == 2 else ""


def whatif_html(result: core.WhatIf, q: core.Questionnaire) -> tuple[str, list[core.ChangeSet]]:
    """HTML for the tab, and the change sets in the order of their ``apply:N`` links."""
    order: list[core.ChangeSet] = []
    locked = ", ".join(escape(q.fields[f].label) for f in q.fields if f in result.locked) or "nothing"
    parts = [
        "<h2>What would change the outcome</h2>",
        f"<p>The smallest changes to the answers (one, then two) that remove a finding or make the overall "
        f"verdict less severe. Nothing is suggested that brings in a new prohibition. "
        f"<i>Not changed (locked):</i> {locked}.</p>",
    ]
    if result.less_severe:
        parts.append(f"<h3>To make the overall verdict less severe than {escape(result.overall.label.lower())}</h3>")
        rows = []
        for option in result.less_severe:
            rows.append(_option(option, len(order)))
            order.append(option)
        parts.append(f'<table cellspacing="4">{"".join(rows)}</table>')
    elif result.overall.severity > core.Verdict.NO_PROHIBITION_FOUND.severity:
        parts.append("<p>No change of one or two unlocked answers makes the overall verdict less severe.</p>")
    for finding in result.findings:
        parts.append(
            f"<h3>{badge(finding.verdict)} {escape(finding.title)} "
            f'<span style="color:#666666;">[{escape(finding.pack_id)}/{escape(finding.rule)}]</span></h3>'
        )
        if not finding.options:
            parts.append("<p>No change of one or two unlocked answers removes this finding.</p>")
            continue
        rows = []
        for option in finding.options:
            rows.append(_option(option, len(order)))
            order.append(option)
        parts.append(f'<table cellspacing="4">{"".join(rows)}</table>')
    if not result.findings and not result.less_severe:
        parts.append("<p>Nothing is prohibited, unclear or undetermined: there is nothing to change.</p>")
    return "".join(parts), order
