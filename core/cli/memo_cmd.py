"""``clausewise memo``: write a signed compliance memo for a scenario."""

from __future__ import annotations

import argparse

from core import evaluate, export_signed_memo, render_unsigned_memo, write_atomic
from core.cli.common import add_as_of_option, add_packs_option, add_scenario_argument, packs_from, scenario_from, write
from core.cli.signing_options import add_signing_options, check_timestamp_options, sign_as_chosen


def register(sub: argparse._SubParsersAction) -> None:
    """Add the ``memo`` subcommand."""
    p = sub.add_parser(
        "memo",
        help="write the compliance memo (PDF, PAdES-signed) for a scenario",
        description="Evaluate a scenario and write the compliance memo as a digitally signed PDF.",
    )
    add_scenario_argument(p)
    add_signing_options(p)
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
    check_timestamp_options(args)
    result = sign_as_chosen(
        args,
        lambda identity, passphrase: export_signed_memo(
            evaluation, packs, args.output, identity, passphrase, timestamp_url=args.tsa, lta=args.lta
        ),
    )
    stamp = " with a timestamp" if result.timestamped else ""
    write(
        f"Wrote {result.path}: memo {result.memo_id}, overall verdict: {evaluation.overall.label.lower()}, "
        f"signed by {result.signer}{stamp}\n"
    )
    return 0
