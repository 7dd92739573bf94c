"""``clausewise examples``: the bundled example scenarios and where they are."""

from __future__ import annotations

import argparse

from core import example_paths, load_questionnaire, load_scenario
from core.cli.common import write
from core.errors import InputError


def register(sub: argparse._SubParsersAction) -> None:
    """Add the ``examples`` subcommand."""
    p = sub.add_parser("examples", help="list the bundled example scenarios (or print the path of one)")
    p.add_argument("--path", metavar="NAME", help="print only the path of example NAME (e.g. body-cam-patrol-uk)")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """List the examples, or print one path."""
    paths = {p.name.removesuffix(".scenario.yaml"): p for p in example_paths()}
    if args.path:
        if args.path not in paths:
            raise InputError(f"no example {args.path!r}; examples: {', '.join(paths)}")
        write(f"{paths[args.path]}\n")
        return 0
    q = load_questionnaire()
    for name, path in paths.items():
        write(f"{name:40} {load_scenario(path, q).title}\n    {path}\n")
    return 0
