"""What changed between two versions of a pack: clauses added, removed and reworded."""

from __future__ import annotations

import difflib
import re

from core.packs import Clause, PolicyPack
from core.value_class import value_class

# A word with the whitespace after it: replaced runs of words come out as one block.
_TOKEN = re.compile(r"^\s+|\S+\s*")


@value_class
class ClauseChange:
    """A clause present in both versions with different wording (or section/status)."""

    old: Clause
    new: Clause
    word_diff: str
    """The wording with ``[-removed-]`` and ``{+added+}`` marks; empty if only metadata changed."""


@value_class
class PackDiff:
    """The differences between version ``old`` and version ``new`` of a pack."""

    pack_id: str
    old: str
    new: str
    added: tuple[Clause, ...]
    removed: tuple[Clause, ...]
    changed: tuple[ClauseChange, ...]
    rules_added: tuple[str, ...]
    rules_removed: tuple[str, ...]


def word_diff(old: str, new: str) -> str:
    """Word-level diff of two texts: ``[-gone-]{+new+}``, whitespace kept."""
    a, b = _TOKEN.findall(old), _TOKEN.findall(new)
    # Compare words without their trailing whitespace, so "spaces" and "spaces " match.
    matcher = difflib.SequenceMatcher(a=[t.strip() for t in a], b=[t.strip() for t in b], autojunk=False)
    out: list[str] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            text = "".join(b[j1:j2])
            last_a = a[i2 - 1]
            if not text[-1:].isspace() and last_a[-1:].isspace():
                text += last_a[len(last_a.rstrip()) :]
            out.append(text)
            continue
        if op in ("replace", "delete"):
            out.append("[-" + "".join(a[i1:i2]) + "-]")
        if op in ("replace", "insert"):
            out.append("{+" + "".join(b[j1:j2]) + "+}")
    return "".join(out)


def diff_versions(pack: PolicyPack, old_id: str, new_id: str) -> PackDiff:
    """Compare two versions of ``pack`` (KeyError if either is unknown)."""
    old, new = pack.version(old_id), pack.version(new_id)
    added = tuple(c for cid, c in new.clauses.items() if cid not in old.clauses)
    removed = tuple(c for cid, c in old.clauses.items() if cid not in new.clauses)
    changed = []
    for cid, c_new in new.clauses.items():
        c_old = old.clauses.get(cid)
        if c_old is None:
            continue
        if (c_old.text, c_old.section, c_old.status) != (c_new.text, c_new.section, c_new.status):
            diff = word_diff(c_old.text, c_new.text) if c_old.text != c_new.text else ""
            changed.append(ClauseChange(c_old, c_new, diff))
    old_rules = {r.id for r in pack.rules_for(old)}
    new_rules = {r.id for r in pack.rules_for(new)}
    return PackDiff(
        pack.id,
        old.id,
        new.id,
        added,
        removed,
        tuple(changed),
        tuple(r.id for r in pack.rules if r.id in new_rules - old_rules and new.id in r.versions),
        tuple(r.id for r in pack.rules if r.id in old_rules - new_rules and old.id in r.versions),
    )
