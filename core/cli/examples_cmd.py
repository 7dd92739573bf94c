"""``clausewise examples``: the bundled example scenarios, where they are, and copies to start from."""

from __future__ import annotations

import argparse
from pathlib import Path

from core import SCENARIO_SUFFIX as SUFFIX
from core import InputError, example_paths, load_questionnaire, load_scenario, write_atomic
from core.cli.common import write


def register(sub: argparse._SubParsersAction) -> None:
    """Add the ``examples`` subcommand."""
    p = sub.add_parser(
        "examples",
        help="list the bundled example scenarios, print the path of one, or copy one to start from",
        description="List the bundled example scenarios. Copy one (--copy) to start a scenario of your own.",
    )
    action = p.add_mutually_exclusive_group()
    action.add_argument("--path", metavar="NAME", help="print only the path of example NAME (e.g. body-cam-patrol-uk)")
    action.add_argument("--copy", metavar="NAME", help="copy example NAME to start a scenario of your own")
    p.add_argument(
        "--to",
        metavar="DEST",
        help=f"with --copy: a new *{SUFFIX} file or an existing folder (default: NAME{SUFFIX} here); "
        "an existing file is never overwritten",
    )
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """List the examples, print one path, or copy one."""
    paths = {p.name.removesuffix(SUFFIX): p for p in example_paths()}
    name = args.path or args.copy
    if name is not None and name not in paths:
        raise InputError(f"no example {name!r}; examples: {', '.join(paths)}")
    if args.to is not None and not args.copy:
        raise InputError("--to goes with --copy NAME")
    if args.path:
        write(f"{paths[args.path]}\n")
        return 0
    if args.copy:
        dest = _destination(args.to, paths[args.copy])
        write_atomic(dest, paths[args.copy].read_bytes())
        write(f"Copied example {args.copy} to {dest}; edit it, then: clausewise evaluate {dest}\n")
        return 0
    q = load_questionnaire()
    for example, path in paths.items():
        write(f"{example:40} {load_scenario(path, q).title}\n    {path}\n")
    write("Copy one to start your own: clausewise examples --copy NAME [--to DEST]\n")
    return 0


def _destination(raw: str | None, example: Path) -> Path:
    """Where the copy goes: checked so that nothing is overwritten and the name says what it is."""
    to = Path(raw) if raw is not None else None
    if to is None:
        dest = Path(example.name)
    elif to.is_dir():
        dest = to / example.name
    elif str(raw).endswith(("/", "\\")):
        raise InputError("no such folder", file=to)
    elif not to.name.endswith(SUFFIX):
        raise InputError(f"a scenario file's name must end in {SUFFIX}, e.g. {to.name}{SUFFIX}", file=to)
    elif not to.parent.is_dir():
        raise InputError("the folder does not exist", file=to.parent)
    else:
        dest = to
    if dest.exists():
        raise InputError("already exists; choose another destination", file=dest)
    return dest
