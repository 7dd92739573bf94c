"""``clausewise verify``: check a signed memo."""

from __future__ import annotations

import argparse
from pathlib import Path

from core import verification_report_json, verify_memo
from core.cli.common import add_format_option, write


def register(sub: argparse._SubParsersAction) -> None:
    """Add the ``verify`` subcommand."""
    p = sub.add_parser(
        "verify",
        help="check a signed memo: integrity, changes after signing, signer, reproducibility",
        description="Verify a Clausewise memo: every signature intact, every byte of the file covered by a "
        "signature (later revisions may only add signatures, document timestamps or validation data), the "
        "conclusion reproducible from the attached scenario and packs and equal to the printed verdicts, and "
        "every signer trusted by certificate fingerprint with a certificate valid when it signed.",
        epilog=VERIFY_EXIT_CODES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("memo", type=Path, metavar="MEMO.pdf")
    add_format_option(p)
    p.set_defaults(run=run)


VERIFY_EXIT_CODES = """\
exit status:
  0   verified: intact, whole file covered, reproducible, every signer trusted with a certificate
      valid when it signed
  1   changed or broken: anything appended or altered after signing, a damaged signature or byte
      range, missing, unreadable or contradicting attachments, a conclusion that does not reproduce
  2   bad input: no such file, not a regular file (a folder, pipe or device), larger than
      64 MiB, or not a PDF at all
  3   intact but not trusted: a signer is not on your trusted list (by fingerprint), or its
      certificate was expired, not yet valid or not allowed to sign when it signed
"""


def run(args: argparse.Namespace) -> int:
    """Verify and print; exit status 0 verified, 1 changed or broken, 3 intact but not trusted."""
    report = verify_memo(args.memo)
    try:
        text = verification_report_json(report) if args.format == "json" else "\n".join(report.lines()) + "\n"
    except Exception as exc:  # a report about a crafted file must never become an internal error
        write(f"Memo: {args.memo}\nResult: NOT VERIFIED: the memo cannot be described ({type(exc).__name__}).\n")
        return 1
    write(text)
    return report.exit_status
