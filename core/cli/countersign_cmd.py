"""``clausewise countersign``: add a further signature (an approver's) to a signed memo."""

from __future__ import annotations

import argparse
from pathlib import Path

from core import InputError, WrongPassphrase, countersign_memo, find_identity
from core.cli.common import write
from core.cli.secrets_input import from_env, prompt


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
    p.add_argument("-o", "--output", type=Path, required=True, metavar="OUT.pdf")
    p.add_argument("--identity", metavar="ID", help="signing identity (default: the only one there is)")
    p.add_argument("--passphrase-env", metavar="VAR", help="environment variable holding the identity's passphrase")
    p.add_argument("--role", default="Approver", help="your role, shown on the stamp and in verify (default: Approver)")
    p.add_argument("--tsa", metavar="URL", help="RFC 3161 timestamp server, for a PAdES B-T signature")
    p.add_argument("--lta", action="store_true", help="add validation data and a document timestamp (needs --tsa)")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Countersign and write."""
    if args.tsa and not args.tsa.startswith(("http://", "https://")):
        raise InputError(f"--tsa {args.tsa!r}: a timestamp server address starts with http:// or https://")
    if args.lta and not args.tsa:
        raise InputError("--lta needs a timestamp server: add --tsa URL")
    if Path(args.output).resolve() == Path(args.memo).resolve():
        raise InputError("write the countersigned memo to a new file (-o), not over the original")
    identity = find_identity(args.identity)
    passphrase = from_env(args.passphrase_env)
    options = {"role": args.role, "timestamp_url": args.tsa, "lta": args.lta}
    try:
        result = countersign_memo(args.memo, args.output, identity, passphrase, **options)
    except WrongPassphrase:
        if args.passphrase_env:
            raise
        passphrase = prompt(f"Passphrase for signing identity {identity.name}")
        result = countersign_memo(args.memo, args.output, identity, passphrase, **options)
    write(
        f"Wrote {result.path}: memo {result.memo_id} countersigned by {result.signer} as {result.role} "
        f"(field {result.field}; {result.signatures} signatures)\n"
    )
    return 0
