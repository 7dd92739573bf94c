"""``clausewise countersign``: add a further signature (an approver's) to a signed memo."""

from __future__ import annotations

import argparse
from pathlib import Path

from core import InputError, countersign_memo
from core.cli.common import write
from core.cli.signing_options import add_signing_options, check_timestamp_options, sign_as_chosen


def register(sub: argparse._SubParsersAction) -> None:
    """Add the ``countersign`` subcommand."""
    p = sub.add_parser(
        "countersign",
        help="add your signature (e.g. as approver) to a signed memo, incrementally",
        description="Add a further PAdES signature to an intact signed memo, with its own visible stamp in the "
        "memo's 'Approved by' box (or next to the preparer's signature). The memo's own signature stays valid; "
        "'clausewise verify' lists every signature in order.",
    )
    p.add_argument("memo", type=Path, metavar="MEMO.pdf")
    add_signing_options(p)
    p.add_argument("--role", default="Approver", help="your role, shown on the stamp and in verify (default: Approver)")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Countersign and write."""
    check_timestamp_options(args)
    if Path(args.output).resolve() == Path(args.memo).resolve():
        raise InputError("write the countersigned memo to a new file (-o), not over the original")
    result = sign_as_chosen(
        args,
        lambda identity, passphrase: countersign_memo(
            args.memo, args.output, identity, passphrase, role=args.role, timestamp_url=args.tsa, lta=args.lta
        ),
    )
    write(
        f"Wrote {result.path}: memo {result.memo_id} countersigned by {result.signer} as {result.role} "
        f"(field {result.field}; {result.signatures} signatures)\n"
    )
    return 0
