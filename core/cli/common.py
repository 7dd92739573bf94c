"""Helpers shared by the CLI commands: loading packs and scenarios, writing output."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from core import SCENARIO_SUFFIX, PackSet, Scenario, load_packs, load_scenario, parse_date


def add_scenario_argument(parser: argparse.ArgumentParser) -> None:
    """The positional ``SCENARIO`` file."""
    parser.add_argument("scenario", type=Path, metavar="SCENARIO", help=f"a {SCENARIO_SUFFIX} file")


def add_actions(parser: argparse.ArgumentParser) -> argparse._SubParsersAction:
    """The ``ACTION`` sub-commands of a command (``packs list``, ``identity create``…), one required."""
    return parser.add_subparsers(dest="action", metavar="ACTION", required=True, parser_class=type(parser))


def add_format_option(parser: argparse.ArgumentParser, *formats: str) -> None:
    """``--format``: text (the default) or one of ``formats`` (default: json)."""
    choices = ("text", *(formats or ("json",)))
    parser.add_argument("--format", choices=choices, default="text", help="output format (default: text)")


def add_packs_option(parser: argparse.ArgumentParser) -> None:
    """``--packs DIR``: evaluate against the packs in DIR instead of the bundled ones."""
    parser.add_argument(
        "--packs", metavar="DIR", type=Path, help="directory of policy packs (default: the bundled packs)"
    )


def add_as_of_option(parser: argparse.ArgumentParser) -> None:
    """``--as-of YYYY-MM-DD``."""
    parser.add_argument(
        "--as-of", metavar="YYYY-MM-DD", type=_date, help="evaluation date (default: the file's as_of, else today)"
    )


def parse_date_argument(text: str) -> dt.date:
    """argparse type for YYYY-MM-DD dates."""
    return _date(text)


def _date(text: str) -> dt.date:
    try:
        return parse_date(text)
    except Exception as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def packs_from(args: argparse.Namespace) -> PackSet:
    """The pack set chosen on the command line."""
    return load_packs(getattr(args, "packs", None))


def scenario_from(path: Path, packs: PackSet) -> Scenario:
    """Load a scenario file against the packs' questionnaire."""
    return load_scenario(Path(path), packs.questionnaire)


def write(text: str) -> None:
    """Write to stdout, tolerating a closed pipe (``| head``)."""
    sys.stdout.write(text)
    sys.stdout.flush()
