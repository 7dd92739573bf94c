"""The options and the passphrase retry shared by the commands that sign (``memo``, ``countersign``)."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from core import InputError, SigningIdentity, find_identity
from core.cli.secrets_input import with_passphrase

T = TypeVar("T")


def add_signing_options(parser: argparse.ArgumentParser) -> None:
    """``-o OUT.pdf``, ``--identity``, ``--passphrase-env``, ``--tsa`` and ``--lta``."""
    parser.add_argument("-o", "--output", type=Path, required=True, metavar="OUT.pdf")
    parser.add_argument("--identity", metavar="NAME", help="signing identity (default: the only one there is)")
    parser.add_argument(
        "--passphrase-env", metavar="VAR", help="environment variable holding the identity's passphrase"
    )
    parser.add_argument("--tsa", metavar="URL", help="RFC 3161 timestamp server, for a PAdES B-T signature")
    parser.add_argument(
        "--lta", action="store_true", help="PAdES B-LTA: add validation data and a document timestamp (needs --tsa)"
    )


def check_timestamp_options(args: argparse.Namespace) -> None:
    """``--tsa`` must be an http(s) address, and ``--lta`` needs it."""
    if args.tsa and not args.tsa.startswith(("http://", "https://")):
        raise InputError(f"--tsa {args.tsa!r}: a timestamp server address starts with http:// or https://")
    if args.lta and not args.tsa:
        raise InputError("--lta needs a timestamp server: add --tsa URL")


def sign_as_chosen(args: argparse.Namespace, sign: Callable[[SigningIdentity, str | None], T]) -> T:
    """Run ``sign(identity, passphrase)`` with the identity and passphrase chosen on the command line.

    Without ``--passphrase-env``, a wrong (or missing) passphrase is asked for once on the terminal.
    """
    identity = find_identity(args.identity)
    label = f"Passphrase for signing identity {identity.name}"
    return with_passphrase(args.passphrase_env, label, lambda passphrase: sign(identity, passphrase))
