"""``clausewise identity``: signing identities and the trusted-certificates list."""

from __future__ import annotations

import argparse
from pathlib import Path

from core import (
    InputError,
    create_identity,
    export_certificate,
    find_identity,
    import_identity,
    list_identities,
    trust_certificate_file,
    trusted_certificates,
    untrust_certificate,
)
from core.cli.common import add_actions, write
from core.cli.secrets_input import from_env, prompt, with_passphrase


def register(sub: argparse._SubParsersAction) -> None:
    """Add the ``identity`` subcommand and its actions."""
    p = sub.add_parser("identity", help="create, import, list and export signing identities; manage trust")
    actions = add_actions(p)

    c = actions.add_parser("create", help="create a self-issued signing identity (ECDSA P-256, 3 years)")
    c.add_argument("--holder", required=True, metavar="NAME", help="your name, as it appears on the memo")
    c.add_argument("--organisation", default="", metavar="ORG")
    c.add_argument("--email", default="", metavar="EMAIL")
    c.add_argument("--name", metavar="ID", help="short name to choose the identity by (default: from the holder)")
    group = c.add_mutually_exclusive_group()
    group.add_argument("--passphrase-env", metavar="VAR", help="environment variable holding the new passphrase")
    group.add_argument(
        "--no-passphrase", action="store_true", help="protect the key only by file permissions (not recommended)"
    )
    c.set_defaults(run=run_create)

    i = actions.add_parser("import", help="import an organisation-issued PKCS#12 (.p12/.pfx) file")
    i.add_argument("file", type=Path, metavar="FILE.p12")
    i.add_argument("--passphrase-env", metavar="VAR")
    i.add_argument("--name", metavar="ID")
    i.add_argument(
        "--force",
        action="store_true",
        help="import a certificate that is expired, not yet valid, not for signing or has a weak key (marked weak)",
    )
    i.set_defaults(run=run_import)

    ls = actions.add_parser("list", help="list signing identities")
    ls.set_defaults(run=run_list)

    e = actions.add_parser("export", help="export an identity's certificate (never its key) for colleagues to trust")
    e.add_argument("name", nargs="?", metavar="ID")
    e.add_argument("-o", "--output", type=Path, required=True, metavar="CERT.pem")
    e.set_defaults(run=run_export)

    t = actions.add_parser("trust", help="add a colleague's certificate to your trusted list")
    t.add_argument("certificate", type=Path, metavar="CERT.pem")
    t.add_argument("--force", action="store_true", help="trust a weak certificate anyway (it is reported as weak)")
    t.set_defaults(run=run_trust)

    tl = actions.add_parser("trusted", help="list the trusted certificates")
    tl.set_defaults(run=run_trusted)

    u = actions.add_parser("untrust", help="remove a certificate from the trusted list")
    u.add_argument(
        "fingerprint", metavar="FINGERPRINT", help="SHA-256 fingerprint (or at least its first 8 hex digits)"
    )
    u.set_defaults(run=run_untrust)


def run_create(args: argparse.Namespace) -> int:
    """Create a self-issued identity."""
    if args.no_passphrase:
        passphrase = None
    elif args.passphrase_env:
        passphrase = from_env(args.passphrase_env)
    else:
        passphrase = prompt("New passphrase for the signing key", twice=True)
        if not passphrase:
            raise InputError("an empty passphrase is refused; use --no-passphrase to create a key without one")
    identity = create_identity(args.holder, args.organisation, args.email, passphrase, name=args.name)
    write(f"Created signing identity {identity.describe()}\nFingerprint (SHA-256): {identity.fingerprint}\n")
    if passphrase is None:
        write("Warning: no passphrase; the key is protected only by the file's permissions.\n")
    return 0


def run_import(args: argparse.Namespace) -> int:
    """Import a PKCS#12 file."""
    identity = with_passphrase(
        args.passphrase_env,
        f"Passphrase for {args.file}",
        lambda passphrase: import_identity(args.file, passphrase, name=args.name, force=args.force),
    )
    write(f"Imported signing identity {identity.describe()}\nFingerprint (SHA-256): {identity.fingerprint}\n")
    if identity.weak:
        write(f"Warning: imported with --force although {identity.weak}; it is reported as weak.\n")
    return 0


def run_list(args: argparse.Namespace) -> int:
    """List identities."""
    identities = list_identities()
    if not identities:
        write("No signing identities. Create one with 'clausewise identity create --holder \"Your Name\"'.\n")
    for identity in identities:
        expired = " EXPIRED" if identity.expired else ""
        write(f"{identity.describe()}{expired}\n    fingerprint {identity.fingerprint}\n")
    return 0


def run_export(args: argparse.Namespace) -> int:
    """Export a certificate."""
    identity = find_identity(args.name)
    if args.output.suffix.lower() in (".p12", ".pfx", ".key"):
        raise InputError("export writes the certificate only; name the file .pem or .crt")
    export_certificate(identity, args.output)
    write(f"Wrote the certificate of {identity.name} to {args.output}\nFingerprint (SHA-256): {identity.fingerprint}\n")
    return 0


def run_trust(args: argparse.Namespace) -> int:
    """Trust a certificate."""
    cert = trust_certificate_file(args.certificate, force=args.force)
    write(f"Trusted {cert.holder} ({cert.organisation or 'no organisation'}), fingerprint {cert.fingerprint}\n")
    if cert.weak:
        write(f"Warning: trusted with --force although {cert.weak}; its signatures are reported as not trusted.\n")
    return 0


def run_trusted(args: argparse.Namespace) -> int:
    """List trusted certificates."""
    certificates = trusted_certificates()
    if not certificates:
        write("No trusted certificates. Add a colleague's with 'clausewise identity trust CERT.pem'.\n")
    for cert in certificates:
        weak = f" WEAK: {cert.weak}" if cert.weak else ""
        write(f"{cert.holder} ({cert.organisation or 'no organisation'}){weak}\n    fingerprint {cert.fingerprint}\n")
    return 0


def run_untrust(args: argparse.Namespace) -> int:
    """Stop trusting a certificate."""
    untrust_certificate(args.fingerprint)
    write("Removed from the trusted list.\n")
    return 0
