"""``clausewise evaluate``: evaluate one scenario file."""

from __future__ import annotations

import argparse
import json

from core import (
    InputError,
    Verdict,
    default_locked,
    evaluate,
    evaluation_to_dict,
    evaluation_to_text,
    timeline,
    what_if,
    wrap_text,
)
from core.cli.common import (
    add_as_of_option,
    add_format_option,
    add_packs_option,
    add_scenario_argument,
    packs_from,
    scenario_from,
    write,
)


def register(sub: argparse._SubParsersAction) -> None:
    """Add the ``evaluate`` subcommand."""
    p = sub.add_parser(
        "evaluate",
        help="evaluate a scenario file against the policy packs",
        description="Evaluate a scenario file: verdict per policy, findings with quoted clauses, open questions.",
    )
    add_scenario_argument(p)
    add_as_of_option(p)
    add_format_option(p)
    add_packs_option(p)
    p.add_argument("--trace", action="store_true", help="text output: show each finding's condition trace")
    p.add_argument(
        "--what-if", action="store_true", help="also show the smallest answer changes that would change the outcome"
    )
    p.add_argument("--lock", action="append", default=[], metavar="FIELD", help="with --what-if: do not change FIELD")
    p.add_argument(
        "--unlock",
        action="append",
        default=[],
        metavar="FIELD",
        help="with --what-if: allow changing FIELD (locked by default: the facts of the context, kind: fact in the "
        "questionnaire — who deploys, for whom, where, why and who is affected)",
    )
    p.add_argument("--timeline", action="store_true", help="also show how the verdict moved over time")
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
    extra_json: dict = {}
    extra_text: list[str] = []
    if args.what_if:
        for fid in (*args.lock, *args.unlock):
            if fid not in packs.questionnaire.fields:
                raise InputError(f"--lock/--unlock: no field {fid!r} in the questionnaire")
        locked = (default_locked(packs.questionnaire) | set(args.lock)) - set(args.unlock)
        result = what_if(ev, packs, locked=locked)
        extra_json["what_if"] = result.to_dict()
        extra_text += ["", *result.lines()]
    if args.timeline:
        line = timeline(scenario, packs)
        extra_json["timeline"] = line.to_dict()
        extra_text += ["", *line.lines()]
    if args.format == "json":
        data = evaluation_to_dict(ev, packs)
        data.update(extra_json)
        write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")
    else:
        extra = [wrapped for line in extra_text for wrapped in _wrap(line)]
        write(evaluation_to_text(ev, packs, show_trace=args.trace) + "".join(line + "\n" for line in extra))
    if args.fail_on and ev.overall.severity >= Verdict(args.fail_on).severity:
        return 1
    return 0


def _wrap(line: str) -> list[str]:
    """A line of the what-if or timeline text, wrapped under its own indentation or bullet."""
    body = line.lstrip(" ")
    lead = line[: len(line) - len(body)]
    return wrap_text(body, lead, lead + ("  " if body.startswith("- ") else ""))
