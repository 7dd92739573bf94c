"""Command-line entry point and its single error boundary.

Every command returns an exit status. Which errors are the user's and how they read is decided
once, by :func:`core.explain_error` (the app uses the same): user errors become one line on
stderr and status 2; anything unexpected becomes one line and status 70 (``--debug`` shows the
traceback). Nothing else prints a traceback.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from core import EXIT_INPUT, EXIT_INTERRUPTED, Cancelled, ErrorKind, __version__, explain_error

EXIT_OK = 0
EXIT_FAILED = 1

EXIT_CODES = """\
exit status:
  0   success (for 'evaluate': evaluated, whatever the verdict, unless --fail-on says otherwise;
      for 'verify': intact, whole file covered, reproducible, every signer trusted)
  1   'verify': the memo was changed or is broken; 'evaluate --fail-on': the verdict is at
      least as severe as asked; 'packs check': a test case failed; 'batch': a file was bad
  2   bad input: a file, field, option or date that cannot be used (one line on stderr says which)
  3   'verify': the memo is intact but a signer is not trusted (or its certificate was not valid
      for signing when it signed)
  70  internal error (a bug: please report it; --debug shows details)
"""


class _Parser(argparse.ArgumentParser):
    """An argument parser whose errors are one line and exit status 2."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(EXIT_INPUT, f"{self.prog}: error: {message} (see '{self.prog} --help')\n")


def build_parser() -> argparse.ArgumentParser:
    """The full ``clausewise`` parser with every subcommand."""
    from core.cli import (
        batch_cmd,
        countersign_cmd,
        evaluate_cmd,
        examples_cmd,
        identity_cmd,
        memo_cmd,
        packs_cmd,
        verify_cmd,
    )

    parser = _Parser(
        prog="clausewise",
        description=(
            "Clausewise tells you, clause by clause, whether the published policies that govern an AI "
            "deployment prohibit it, leave it open, or allow it under conditions. Run without arguments "
            "to open the desktop app."
        ),
        epilog=EXIT_CODES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"clausewise {__version__}")
    parser.add_argument("--debug", action="store_true", help="show a traceback for internal errors")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for module in (
        evaluate_cmd,
        packs_cmd,
        memo_cmd,
        countersign_cmd,
        verify_cmd,
        identity_cmd,
        batch_cmd,
        examples_cmd,
    ):
        module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "command", None):
        parser.print_help()
        return EXIT_OK
    try:
        return int(args.run(args) or 0)
    except Cancelled:
        return EXIT_INTERRUPTED
    except BrokenPipeError:  # the reader went away (``| head``): not an error
        return EXIT_OK
    except (Exception, KeyboardInterrupt) as exc:  # the one place errors are caught
        report = explain_error(exc)
        if report.kind is ErrorKind.INTERNAL and args.debug:
            raise
        hint = " (run with --debug for details)" if report.kind is ErrorKind.INTERNAL else ""
        print(report.terminal_line() + hint, file=sys.stderr)
        return report.exit_status
