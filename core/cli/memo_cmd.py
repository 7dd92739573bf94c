"""``clausewise memo``: write a signed compliance memo for a scenario."""

from __future__ import annotations

import argparse
from pathlib import Path

from core import (
    InputError,
    WrongPassphrase,
    evaluate,
    export_signed_memo,
    find_identity,
    render_unsigned_memo,
    write_atomic,
)
from core.cli.common import add_as_of_option, add_packs_option, packs_from, scenario_from, write
from core.cli.secrets_input import from_env, prompt


def register(sub: argparse._SubParsersAction) -> None:
    """Add the ``memo`` subcommand."""
    p = sub.add_parser(
        "memo",
        help="write the compliance memo (PDF, PAdES-signed) for a scenario",
        description="Evaluate a scenario and write the compliance memo as a digitally signed PDF.",
    )
    p.add_argument("scenario", type=Path, metavar="SCENARIO")
    p.add_argument("-o", "--output", type=Path, required=True, metavar="OUT.pdf")
    p.add_argument("--identity", metavar="NAME", help="signing identity (default: the only one there is)")
    p.add_argument("--passphrase-env", metavar="VAR", help="environment variable holding the identity's passphrase")
    p.add_argument("--tsa", metavar="URL", help="RFC 3161 timestamp server, for a PAdES B-T signature")
    p.add_argument(
        "--lta", action="store_true", help="PAdES B-LTA: add validation data and a document timestamp (needs --tsa)"
    )
    p.add_argument("--unsigned", action="store_true", help="write an unsigned draft instead")
    add_as_of_option(p)
    add_packs_option(p)
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Evaluate, render, sign and write."""
    packs = packs_from(args)
    scenario = scenario_from(args.scenario, packs)
    evaluation = evaluate(scenario, packs, args.as_of)
    if args.unsigned:
        write_atomic(args.output, render_unsigned_memo(evaluation, packs))
        write(f"Wrote an unsigned draft memo to {args.output}\n")
        return 0
    if args.tsa and not args.tsa.startswith(("http://", "https://")):
        raise InputError(f"--tsa {args.tsa!r}: a timestamp server address starts with http:// or https://")
    if args.lta and not args.tsa:
        raise InputError("--lta needs a timestamp server: add --tsa URL")
    identity = find_identity(args.identity)
    passphrase = from_env(args.passphrase_env)
    options = {"timestamp_url": args.tsa, "lta": args.lta}
    try:
        result = export_signed_memo(evaluation, packs, args.output, identity, passphrase, **options)
    except WrongPassphrase:
        if args.passphrase_env:
            raise
        passphrase = prompt(f"Passphrase for signing identity {identity.name}")
        result = export_signed_memo(evaluation, packs, args.output, identity, passphrase, **options)
    stamp = " with a timestamp" if result.timestamped else ""
    write(
        f"Wrote {result.path}: memo {result.memo_id}, overall verdict: {evaluation.overall.label.lower()}, "
        f"signed by {result.signer}{stamp}\n"
    )
    return 0
