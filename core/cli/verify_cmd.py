"""``clausewise verify``: check a signed memo."""

from __future__ import annotations

import argparse
from pathlib import Path

from core import verification_report_json, verify_memo
from core.cli.common import write


def register(sub: argparse._SubParsersAction) -> None:
    """Add the ``verify`` subcommand."""
    p = sub.add_parser(
        "verify",
        help="check a signed memo: integrity, changes after signing, signer, reproducibility",
        description="Verify a Clausewise memo. Exit status 0 only when the signature is intact and the "
        "document unmodified since signing.",
    )
    p.add_argument("memo", type=Path, metavar="MEMO.pdf")
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Verify and print; 0 if intact and unmodified, else 1."""
    report = verify_memo(args.memo)
    if args.format == "json":
        write(verification_report_json(report))
    else:
        write("\n".join(report.lines()) + "\n")
    return 0 if report.ok else 1
