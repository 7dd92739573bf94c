"""``clausewise batch``: a portfolio of scenario files at once."""

from __future__ import annotations

import argparse
import csv
import io
import json
import sys
from pathlib import Path
from typing import Any

from core import PortfolioEntry, Verdict, run_batch
from core.cli.common import add_format_option, add_packs_option, packs_from, parse_date_argument, write


def register(sub: argparse._SubParsersAction) -> None:
    """Add the ``batch`` subcommand."""
    p = sub.add_parser(
        "batch",
        help="evaluate many scenario files (directories are searched recursively)",
        description="Evaluate a portfolio of scenario files. With --compare-to, list only the scenarios whose "
        "verdict differs between the two dates, and why. Bad files are reported one line each and do not "
        "stop the run (exit status 1 at the end).",
    )
    p.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    p.add_argument(
        "--as-of",
        type=parse_date_argument,
        metavar="YYYY-MM-DD",
        help="evaluation date (default: each file's, else today)",
    )
    p.add_argument("--compare-to", type=parse_date_argument, metavar="YYYY-MM-DD", help="a second date to compare with")
    add_format_option(p, "csv", "json")
    add_packs_option(p)
    p.set_defaults(run=run)


class _Progress:
    """A progress bar on stderr, only when stderr is a terminal."""

    def __init__(self) -> None:
        self.enabled = sys.stderr.isatty()

    def __call__(self, done: int, total: int) -> None:
        if not self.enabled or (done % 25 and done != total):
            return
        width = 30
        filled = width * done // max(total, 1)
        sys.stderr.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total} files")
        if done == total:
            sys.stderr.write("\n")
        sys.stderr.flush()


def run(args: argparse.Namespace) -> int:
    """Evaluate, print, and exit 1 if any file was bad."""
    packs = packs_from(args)
    pack_ids = [p.id for p in packs]
    entries = []
    bad = 0
    for entry in run_batch(args.paths, packs, as_of=args.as_of, compare_to=args.compare_to, progress=_Progress()):
        if entry.error:
            bad += 1
            print(f"clausewise: skipped {entry.error}", file=sys.stderr)
            continue
        entries.append(entry)
    shown = [e for e in entries if e.changed] if args.compare_to else entries
    if args.format == "json":
        write(json.dumps([_json(e) for e in shown], indent=2, ensure_ascii=False) + "\n")
    elif args.format == "csv":
        write(_csv(shown, pack_ids, compare=bool(args.compare_to)))
    else:
        write(_text(shown, entries, args))
    return 1 if bad else 0


def _label(verdict: Verdict | None) -> str:
    return verdict.label.lower() if verdict else "?"


def _json(e: PortfolioEntry) -> dict:
    out: dict[str, Any] = {
        "file": str(e.path),
        "title": e.title,
        "as_of": e.as_of.isoformat() if e.as_of else None,
        "overall": e.overall.value if e.overall else None,
        "packs": {pid: v.value for pid, v in e.packs},
        "findings": e.findings,
    }
    if e.compared_to:
        out["compared_to"] = e.compared_to.isoformat()
        out["overall_then"] = e.overall_then.value if e.overall_then else None
        out["changes"] = [
            {
                "pack": c.pack_id,
                "before": c.before.value,
                "after": c.after.value,
                "clauses_added": list(c.clauses_added),
                "clauses_removed": list(c.clauses_removed),
            }
            for c in e.changes
        ]
    return out


def _csv(entries: list[PortfolioEntry], pack_ids: list[str], *, compare: bool) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    header = ["file", "title", "as_of", "overall", *pack_ids]
    if compare:
        header += ["compared_to", "overall_then", "why"]
    writer.writerow(header)
    for e in entries:
        row = [str(e.path), e.title, e.as_of, e.overall.value if e.overall else ""]
        verdicts = dict(e.packs)
        row += [verdicts[pid].value if pid in verdicts else "" for pid in pack_ids]
        if compare:
            row += [
                e.compared_to,
                e.overall_then.value if e.overall_then else "",
                "; ".join(c.text() for c in e.changes),
            ]
        writer.writerow(row)
    return buffer.getvalue()


def _text(shown: list[PortfolioEntry], entries: list[PortfolioEntry], args: argparse.Namespace) -> str:
    lines = []
    if args.compare_to:
        first = entries[0].as_of if entries else args.as_of
        lines.append(
            f"{len(shown)} of {len(entries)} scenarios have a different verdict on {args.compare_to} "
            f"than on {args.as_of or first}:"
        )
        for e in shown:
            lines.append(
                f"{e.path}: {_label(e.overall)} ({e.as_of}) → {_label(e.overall_then)} ({e.compared_to})  {e.title}"
            )
            lines += [f"    {c.text()}" for c in e.changes]
    else:
        width = max((len(str(e.path)) for e in shown), default=10)
        for e in shown:
            lines.append(f"{_label(e.overall).capitalize():22} {e.path!s:{width}}  {e.title}")
        counts: dict[str, int] = {}
        for e in shown:
            counts[_label(e.overall)] = counts.get(_label(e.overall), 0) + 1
        lines.append(f"{len(shown)} scenarios: " + ", ".join(f"{n} {label.lower()}" for label, n in counts.items()))
    return "\n".join(lines) + "\n"
