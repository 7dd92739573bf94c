"""Signing identities and the memo/verify commands, as a user runs them."""

from __future__ import annotations

import datetime as dt
import os
import stat
import subprocess
import sys
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID

from tests.memo.conftest import BODY_CAM

ROOT = Path(__file__).resolve().parents[2]


def cli(*args: str, home: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    """Run `clausewise` with its user directory at ``home``."""
    full_env = dict(os.environ, CLAUSEWISE_HOME=str(home), **(env or {}))
    return subprocess.run(
        [sys.executable, "-m", "core.cli", *args],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
        env=full_env,
        stdin=subprocess.DEVNULL,
    )


def test_create_list_and_protect_an_identity(tmp_path):
    """The key file is readable by the user only, encrypted with the passphrase; nothing else is written."""
    r = cli(
        "identity",
        "create",
        "--holder",
        "Jane Doe",
        "--organisation",
        "Police Procurement",
        "--email",
        "jane@example.org",
        "--passphrase-env",
        "PW",
        home=tmp_path,
        env={"PW": "s3cret phrase"},
    )
    assert r.returncode == 0, r.stderr
    assert "Created signing identity jane-doe" in r.stdout
    folder = tmp_path / "data" / "identities"
    assert sorted(p.name for p in folder.iterdir()) == ["jane-doe.cert.pem", "jane-doe.p12"]
    key_file = folder / "jane-doe.p12"
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    data = key_file.read_bytes()
    try:
        pkcs12.load_key_and_certificates(data, None)
        opened_without_passphrase = True
    except ValueError:
        opened_without_passphrase = False
    assert not opened_without_passphrase, "the PKCS#12 file must be encrypted"
    key, cert, _ = pkcs12.load_key_and_certificates(data, b"s3cret phrase")
    assert isinstance(key, ec.EllipticCurvePrivateKey) and key.curve.name == "secp256r1"
    usage = cert.extensions.get_extension_for_class(x509.KeyUsage).value
    assert usage.digital_signature and usage.content_commitment
    years = (cert.not_valid_after_utc - cert.not_valid_before_utc).days / 365
    assert 2.9 < years < 3.1
    assert b"PRIVATE KEY" not in (folder / "jane-doe.cert.pem").read_bytes()
    listed = cli("identity", "list", home=tmp_path)
    assert "jane-doe: Jane Doe, Police Procurement, jane@example.org (self-issued" in listed.stdout


def test_no_passphrase_must_be_explicit_and_warns(tmp_path):
    """Without a terminal, creating an identity needs --passphrase-env or --no-passphrase."""
    r = cli("identity", "create", "--holder", "Kim", home=tmp_path)
    assert r.returncode == 2 and "passphrase" in r.stderr
    r = cli("identity", "create", "--holder", "Kim", "--no-passphrase", home=tmp_path)
    assert r.returncode == 0 and "Warning: no passphrase" in r.stdout


def test_memo_then_verify_and_a_wrong_passphrase(tmp_path):
    """memo writes a signed PDF that verify accepts; a wrong passphrase writes nothing and says why."""
    cli("identity", "create", "--holder", "Jane Doe", "--passphrase-env", "PW", home=tmp_path, env={"PW": "pw1"})
    out = tmp_path / "memo.pdf"
    r = cli("memo", str(BODY_CAM), "-o", str(out), "--passphrase-env", "PW", home=tmp_path, env={"PW": "pw1"})
    assert r.returncode == 0, r.stderr
    assert "overall verdict: prohibited, signed by Jane Doe" in r.stdout
    v = cli("verify", str(out), home=tmp_path)
    assert v.returncode == 0 and "Result: VERIFIED:" in v.stdout
    bad = tmp_path / "bad.pdf"
    r = cli("memo", str(BODY_CAM), "-o", str(bad), "--passphrase-env", "PW", home=tmp_path, env={"PW": "nope"})
    assert r.returncode == 2
    assert r.stderr.count("\n") == 1 and "the passphrase does not open this signing identity" in r.stderr
    assert not bad.exists()


def test_memo_without_an_identity_says_how_to_create_one(tmp_path):
    """A clear message instead of a traceback."""
    r = cli("memo", str(BODY_CAM), "-o", str(tmp_path / "m.pdf"), home=tmp_path)
    assert r.returncode == 2 and "clausewise identity create" in r.stderr


def test_a_colleagues_memo_is_untrusted_until_their_certificate_is_trusted(tmp_path):
    """Export the certificate, trust it on another machine: the report changes from untrusted to trusted."""
    alice, bob = tmp_path / "alice", tmp_path / "bob"
    cli("identity", "create", "--holder", "Alice", "--no-passphrase", home=alice)
    memo = tmp_path / "alice.pdf"
    assert cli("memo", str(BODY_CAM), "-o", str(memo), home=alice).returncode == 0
    cert = tmp_path / "alice.pem"
    r = cli("identity", "export", "-o", str(cert), home=alice)
    assert r.returncode == 0 and b"BEGIN CERTIFICATE" in cert.read_bytes() and b"PRIVATE" not in cert.read_bytes()
    untrusted = cli("verify", str(memo), home=bob)
    assert untrusted.returncode == 3, "intact but untrusted: exit 3"
    assert "Trusted: NO — its certificate is not on your trusted list" in untrusted.stdout
    assert (
        "Result: NOT TRUSTED: every signature is intact and the whole file is signed, but a signer is not trusted"
        in untrusted.stdout
    )
    assert cli("identity", "trust", str(cert), home=bob).returncode == 0
    trusted = cli("verify", str(memo), home=bob).stdout
    assert "Trusted: yes" in trusted and "every signer is trusted: Alice (Preparer)" in trusted
    fingerprint = cli("identity", "trusted", home=bob).stdout.split("fingerprint ")[1].strip()
    assert cli("identity", "untrust", fingerprint, home=bob).returncode == 0
    assert "Trusted: NO" in cli("verify", str(memo), home=bob).stdout


def _org_p12(passphrase: bytes) -> bytes:
    now = dt.datetime.now(dt.UTC)
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Example Org CA")])
    key = ec.generate_private_key(ec.SECP256R1())
    cert = (
        x509.CertificateBuilder()
        .subject_name(
            x509.Name(
                [
                    x509.NameAttribute(NameOID.COMMON_NAME, "Ola Nordmann"),
                    x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Example Org"),
                ]
            )
        )
        .issuer_name(ca_name)
        .public_key(key.public_key())
        .serial_number(7)
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=365))
        .add_extension(x509.KeyUsage(True, True, False, False, False, False, False, False, False), critical=True)
        .sign(ca_key, hashes.SHA256())
    )
    return pkcs12.serialize_key_and_certificates(
        b"ola", key, cert, None, serialization.BestAvailableEncryption(passphrase)
    )


def test_import_an_organisation_issued_identity_and_sign_with_it(tmp_path):
    """An imported PKCS#12 is kept as it is (still encrypted) and signs memos."""
    p12 = tmp_path / "ola.p12"
    p12.write_bytes(_org_p12(b"org-pass"))
    wrong = cli("identity", "import", str(p12), "--passphrase-env", "PW", home=tmp_path, env={"PW": "nope"})
    assert wrong.returncode == 2 and "passphrase does not open" in wrong.stderr
    r = cli("identity", "import", str(p12), "--passphrase-env", "PW", home=tmp_path, env={"PW": "org-pass"})
    assert r.returncode == 0, r.stderr
    assert "issued by CN=Example Org CA" in r.stdout
    stored = tmp_path / "data" / "identities" / "ola-nordmann.p12"
    assert stored.read_bytes() == p12.read_bytes()
    out = tmp_path / "m.pdf"
    r = cli("memo", str(BODY_CAM), "-o", str(out), "--passphrase-env", "PW", home=tmp_path, env={"PW": "org-pass"})
    assert r.returncode == 0, r.stderr
    v = cli("verify", str(out), home=tmp_path)
    assert v.returncode == 3, "the organisation's CA is not on the trusted list yet"
    assert "Signed by Ola Nordmann, Example Org as Preparer" in v.stdout
