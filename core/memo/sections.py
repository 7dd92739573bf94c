"""Memo sections beyond the findings: options to reach compliance, and the verdict over time."""

from __future__ import annotations

from core.memo.flowables import WIDTH
from core.memo.styles import BODY, H1, SMALL, para
from core.packs import PackSet
from core.results import Evaluation


def options_section(ev: Evaluation, packs: PackSet) -> list:
    """Options to reach compliance: the smallest answer changes (core.whatif), one paragraph each."""
    from core.whatif import what_if

    result = what_if(ev, packs)
    if not result.less_severe and not any(f.options for f in result.findings):
        return []
    locked = ", ".join(packs.questionnaire.fields[f].label.lower() for f in sorted(result.locked))
    intro = para(
        f"Smallest answer changes, never adding a prohibition; not changed: {locked}. At most two options per "
        "finding; the window's “What would change” tab and clausewise evaluate --what-if list them all.",
        SMALL,
        width=WIDTH,
    )
    out = [para("Options to reach compliance", H1), intro]
    overall_changes = set()
    if result.less_severe:
        texts = []
        for o in result.less_severe[:2]:
            overall_changes.add(o.changes)
            texts.append("; ".join(c.text for c in o.changes) + f" → {o.overall.label.lower()}")
        out.append(
            para(
                f"To make the verdict less severe than {ev.overall.label.lower()}: " + "; or ".join(texts) + ".",
                BODY,
                width=WIDTH,
            )
        )
    titles = [f.title for f in result.findings]
    pack_titles = {p.id: p.title for p in packs}
    for f in result.findings:
        chosen, fields = [], set()
        for o in f.options:  # one option per field, so that different remedies show
            key = tuple(sorted(c.field for c in o.changes))
            if o.changes in overall_changes or key in fields:
                continue
            fields.add(key)
            chosen.append("; ".join(c.text for c in o.changes))
        if chosen:
            which = f"“{f.title}” ({pack_titles[f.pack_id]})" if titles.count(f.title) > 1 else f"“{f.title}”"
            out.append(para(f"To remove {which}: " + "; or ".join(chosen[:2]) + ".", BODY, width=WIDTH))
    return out


def timeline_section(ev: Evaluation, packs: PackSet) -> list:
    """How the verdict moved over time (core.timeline), for the packs that ever apply."""
    from core.timeline import timeline

    line = timeline(ev.scenario, packs)
    shown = [pt for pt in line.packs if not pt.never_applies]
    if not shown:
        return []
    out = [para("How the verdict moved over time", H1)]
    for pt in shown:
        out.append(para(f"{pt.title}: {pt.summary()}.", BODY, width=WIDTH))
        out += [para("• " + change, SMALL, width=WIDTH) for change in pt.changes()]
    return out
