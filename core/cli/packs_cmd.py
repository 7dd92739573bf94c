"""``clausewise packs``: list, show, check and compare policy packs."""

from __future__ import annotations

import argparse
import datetime as dt
import json
from collections import Counter
from pathlib import Path
from typing import Any

from core import (
    InputError,
    PackSet,
    PackVersion,
    PolicyPack,
    VerificationStatus,
    check_case,
    clause_to_dict,
    diff_versions,
    failure_report,
    load_pack,
    load_pack_tests,
    load_questionnaire,
    tests_path_for,
)
from core.cli.common import add_actions, add_format_option, add_packs_option, packs_from, write


def register(sub: argparse._SubParsersAction) -> None:
    """Add the ``packs`` subcommand and its actions."""
    p = sub.add_parser("packs", help="list, show, check or compare policy packs")
    actions = add_actions(p)

    ls = actions.add_parser("list", help="list packs with their versions and clause counts")
    add_packs_option(ls)
    add_format_option(ls)
    ls.set_defaults(run=run_list)

    show = actions.add_parser("show", help="show one version of a pack: its clauses and rules")
    show.add_argument("pack", metavar="PACK", help="pack id, e.g. microsoft-azure-openai")
    show.add_argument(
        "--version", dest="pack_version", metavar="V", help="version id (default: the one in force today)"
    )
    add_format_option(show)
    add_packs_option(show)
    show.set_defaults(run=run_show)

    check = actions.add_parser("check", help="validate a pack file (and run its test cases, if any)")
    check.add_argument("file", type=Path, metavar="FILE", help="a .pack.yaml file")
    check.set_defaults(run=run_check)

    diff = actions.add_parser("diff", help="clauses added, removed and changed between two versions")
    diff.add_argument("pack", metavar="PACK")
    diff.add_argument("old", metavar="V1")
    diff.add_argument("new", metavar="V2")
    add_packs_option(diff)
    diff.set_defaults(run=run_diff)


def _pack(packs: PackSet, pack_id: str) -> PolicyPack:
    try:
        return packs.get(pack_id)
    except KeyError:
        raise InputError(f"no pack {pack_id!r}; available: {', '.join(p.id for p in packs)}") from None


def _version(pack: PolicyPack, version_id: str | None) -> PackVersion:
    if version_id is None:
        return pack.version_on(dt.date.today()) or pack.versions[-1]
    try:
        return pack.version(version_id)
    except KeyError:
        raise InputError(
            f"pack {pack.id!r} has no version {version_id!r}; versions: {', '.join(v.id for v in pack.versions)}"
        ) from None


def _status_counts(version: PackVersion) -> dict[str, int]:
    counts = Counter(c.status.value for c in version.clauses.values())
    return {s.value: counts.get(s.value, 0) for s in VerificationStatus}


def run_list(args: argparse.Namespace) -> int:
    """Print every pack with its versions, clause counts and verification statuses."""
    packs = packs_from(args)
    if args.format == "json":
        data = [
            {
                "id": p.id,
                "title": p.title,
                "publisher": p.publisher,
                "digest": p.digest,
                "versions": [
                    {
                        "id": v.id,
                        "effective_from": v.effective_from.isoformat(),
                        "effective_to": v.effective_to.isoformat() if v.effective_to else None,
                        "clauses": len(v.clauses),
                        "statuses": _status_counts(v),
                    }
                    for v in p.versions
                ],
            }
            for p in packs
        ]
        write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")
        return 0
    out = []
    for p in packs:
        out.append(f"{p.id}  {p.title} ({p.publisher})")
        for v in p.versions:
            counts = ", ".join(f"{n} {s}" for s, n in _status_counts(v).items() if n)
            noun = "clause" if len(v.clauses) == 1 else "clauses"
            out.append(f"    {v.id:12} in force {v.period:28} {len(v.clauses):2} {noun} ({counts})")
    write("\n".join(out) + "\n")
    return 0


def version_to_dict(pack: PolicyPack, version: PackVersion) -> dict[str, Any]:
    """A pack version as JSON-ready data: clauses with text, status, source and citation; rules."""
    return {
        "id": pack.id,
        "title": pack.title,
        "publisher": pack.publisher,
        "description": pack.description,
        "digest": pack.digest,
        "version": {
            "id": version.id,
            "title": version.title,
            "effective_from": version.effective_from.isoformat(),
            "effective_to": version.effective_to.isoformat() if version.effective_to else None,
            "url": version.url,
            "note": version.note,
        },
        "clauses": [
            {"id": c.id, **clause_to_dict(pack, version, c), "status_label": c.status.label}
            for c in version.clauses.values()
        ],
        "rules": [
            {
                "id": r.id,
                "title": r.title,
                "verdicts": list(dict.fromkeys(c.verdict.value for c in r.cases)),
                "clauses": list(r.clauses),
            }
            for r in pack.rules_for(version)
        ],
    }


def run_show(args: argparse.Namespace) -> int:
    """Print one version of a pack."""
    packs = packs_from(args)
    pack = _pack(packs, args.pack)
    version = _version(pack, args.pack_version)
    data = version_to_dict(pack, version)
    if args.format == "json":
        write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")
        return 0
    out = [f"{pack.title} ({pack.publisher}) [{pack.id}]", pack.description, ""]
    out.append(f"Version {version.id}: “{version.title}”, in force {version.period}")
    if version.url:
        out.append(version.url)
    if version.note:
        out.append(f"Note: {version.note}")
    out.append("")
    out.append("Clauses:")
    for c in data["clauses"]:
        out.append(f"  [{c['id']}] under “{c['section']}” ({c['status']})")
        out.extend(f"    > {line}" for line in c["text"].splitlines())
        out.append(f"    Source: {c['citation']}")
    out.append("")
    out.append("Rules:")
    for r in data["rules"]:
        out.append(f"  [{r['id']}] {r['title']}: {' / '.join(r['verdicts'])} (clauses: {', '.join(r['clauses'])})")
    write("\n".join(out) + "\n")
    return 0


def run_check(args: argparse.Namespace) -> int:
    """Validate a pack file; run its test cases if a tests file sits next to it."""
    questionnaire = load_questionnaire()
    pack = load_pack(args.file, questionnaire)
    clauses = sum(len(v.clauses) for v in pack.versions)

    def count(n: int, noun: str) -> str:
        return f"{n} {noun}{'' if n == 1 else 's'}"

    write(
        f"{args.file}: OK: pack {pack.id!r}, {count(len(pack.versions), 'version')}, "
        f"{count(len(pack.rules), 'rule')}, {count(clauses, 'clause')}\n"
    )
    tests = tests_path_for(Path(args.file))
    if not tests.exists():
        write(f"no test cases ({tests.name} not found)\n")
        return 0
    packs = PackSet(questionnaire, (pack,))
    cases = load_pack_tests(tests, packs)
    failed = 0
    for case in cases:
        problems, ev = check_case(case, packs)
        if problems:
            failed += 1
            write(failure_report(case, problems, ev) + "\n")
    write(f"{tests}: {len(cases) - failed} of {len(cases)} test cases passed\n")
    return 1 if failed else 0


def run_diff(args: argparse.Namespace) -> int:
    """Print clauses added, removed and changed between two versions, with a word diff."""
    packs = packs_from(args)
    pack = _pack(packs, args.pack)
    old, new = _version(pack, args.old), _version(pack, args.new)
    d = diff_versions(pack, old.id, new.id)
    out = [f"{pack.title}: version {old.id} ({old.period}) → version {new.id} ({new.period})", ""]
    if not (d.added or d.removed or d.changed):
        out.append("No clause was added, removed or changed.")
    for c in d.added:
        out.append(f"+ added   [{c.id}] under “{c.section}” ({c.status.value})")
        out.extend(f"    > {line}" for line in c.text.splitlines())
    for c in d.removed:
        out.append(f"- removed [{c.id}] under “{c.section}” ({c.status.value})")
        out.extend(f"    > {line}" for line in c.text.splitlines())
    for ch in d.changed:
        out.append(f"~ changed [{ch.new.id}]")
        if ch.old.section != ch.new.section:
            out.append(f"    section: “{ch.old.section}” → “{ch.new.section}”")
        if ch.old.status != ch.new.status:
            out.append(f"    status: {ch.old.status.value} → {ch.new.status.value}")
        if ch.word_diff:
            out.extend(f"    {line}" for line in ch.word_diff.splitlines())
    if d.rules_added or d.rules_removed:
        out.append("")
        if d.rules_added:
            out.append("Rules added: " + ", ".join(d.rules_added))
        if d.rules_removed:
            out.append("Rules removed: " + ", ".join(d.rules_removed))
    write("\n".join(out) + "\n")
    return 0
