"""``clausewise examples``: the bundled example scenarios, where they are, and copies to start from."""

from __future__ import annotations

import argparse
from pathlib import Path

from core import example_paths, load_questionnaire, load_scenario
from core.atomic import write_atomic
from core.cli.common import write
from core.errors import InputError


def register(sub: argparse._SubParsersAction) -> None:
    """Add the ``examples`` subcommand."""
    p = sub.add_parser(
        "examples",
        help="list the bundled example scenarios, print the path of one, or copy one to start from",
        description="List the bundled example scenarios. Copy one (--copy) to start a scenario of your own.",
    )
    action = p.add_mutually_exclusive_group()
    action.add_argument("--path", metavar="NAME", help="print only the path of example NAME (e.g. body-cam-patrol-uk)")
    action.add_argument(
        "--copy",
        nargs="+",
        metavar=("NAME", "DEST"),
        help="copy example NAME to DEST (default: NAME.scenario.yaml here); never overwrites a file",
    )
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """List the examples, print one path, or copy one."""
    paths = {p.name.removesuffix(".scenario.yaml"): p for p in example_paths()}
    name = args.path or (args.copy[0] if args.copy else None)
    if name is not None and name not in paths:
        raise InputError(f"no example {name!r}; examples: {', '.join(paths)}")
    if args.path:
        write(f"{paths[args.path]}\n")
        return 0
    if args.copy:
        name = str(args.copy[0])
        if len(args.copy) > 2:
            raise InputError("--copy takes an example name and at most one destination")
        dest = Path(args.copy[1]) if len(args.copy) == 2 else Path(f"{name}.scenario.yaml")
        if dest.is_dir():
            dest = dest / paths[name].name
        if dest.exists():
            raise InputError("already exists; choose another destination", file=dest)
        write_atomic(dest, paths[name].read_bytes())
        write(f"Copied example {name} to {dest}; edit it, then: clausewise evaluate {dest}\n")
        return 0
    q = load_questionnaire()
    for example, path in paths.items():
        write(f"{example:40} {load_scenario(path, q).title}\n    {path}\n")
    write("Copy one to start your own: clausewise examples --copy NAME [DEST]\n")
    return 0
