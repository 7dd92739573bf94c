"""The ``clausewise`` command: the desktop app without arguments, the CLI with them.

This module imports neither Qt nor the app at import time, so that every CLI command starts
quickly and works on machines without a display.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence


def main(argv: Sequence[str] | None = None) -> int:
    """Dispatch to the GUI (no arguments) or the command line."""
    args = list(sys.argv[1:] if argv is None else argv)
    # No arguments, or just a scenario file (what installers' file associations pass): the app.
    if not args or (len(args) == 1 and args[0].endswith(".yaml")):
        from gui.app import run_app

        return run_app(args)
    from core.cli.main import main as cli_main

    return cli_main(args)


if __name__ == "__main__":
    sys.exit(main())
