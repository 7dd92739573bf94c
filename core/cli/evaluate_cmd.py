"""``clausewise evaluate``: evaluate one scenario file."""

from __future__ import annotations

import argparse
from pathlib import Path

from core import evaluate, evaluation_to_json, evaluation_to_text
from core.cli.common import add_as_of_option, add_packs_option, packs_from, scenario_from, write
from core.verdicts import Verdict


def register(sub: argparse._SubParsersAction) -> None:
    """Add the ``evaluate`` subcommand."""
    p = sub.add_parser(
        "evaluate",
        help="evaluate a scenario file against the policy packs",
        description="Evaluate a scenario file: verdict per policy, findings with quoted clauses, open questions.",
    )
    p.add_argument("scenario", type=Path, metavar="SCENARIO", help="a .scenario.yaml file")
    add_as_of_option(p)
    p.add_argument("--format", choices=("text", "json"), default="text", help="output format (default: text)")
    add_packs_option(p)
    p.add_argument("--trace", action="store_true", help="text output: show each finding's condition trace")
    p.add_argument(
        "--fail-on",
        choices=[v.value for v in Verdict],
        metavar="VERDICT",
        help="exit with status 1 when the overall verdict is at least this severe (e.g. prohibited)",
    )
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Evaluate and print."""
    packs = packs_from(args)
    scenario = scenario_from(args.scenario, packs)
    ev = evaluate(scenario, packs, args.as_of)
    if args.format == "json":
        write(evaluation_to_json(ev, packs))
    else:
        write(evaluation_to_text(ev, packs, show_trace=args.trace))
    if args.fail_on and ev.overall.severity >= Verdict(args.fail_on).severity:
        return 1
    return 0
