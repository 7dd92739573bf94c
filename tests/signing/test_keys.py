"""Keys handled like a bank would: no empty passphrases, a modern PKCS#12 KDF, private folders and
files whatever the umask, and weak certificates refused (or, with --force, reported as weak forever)."""

from __future__ import annotations

import datetime as dt
import os
import stat
import subprocess
import sys
from pathlib import Path

from asn1crypto import pkcs12 as asn1_pkcs12
from cryptography.hazmat.primitives.serialization import BestAvailableEncryption, pkcs12
from cryptography.x509.oid import NameOID

import core
from core.signing import certificates as certs
from tests.signing.lab import certificate, new_key


def cli(*args: str, env: dict | None = None, umask: int | None = None) -> subprocess.CompletedProcess:
    """Run the real command line (same CLAUSEWISE_HOME as the test), optionally under another umask."""

    def preexec():
        if umask is not None:
            os.umask(umask)

    return subprocess.run(
        [sys.executable, "-m", "core.cli", *args],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, **(env or {})},
        preexec_fn=preexec,
    )


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_an_empty_passphrase_variable_is_refused(isolated_user_dirs):
    """--passphrase-env naming an empty variable: exit 2, one line pointing at --no-passphrase; no key written."""
    r = cli("identity", "create", "--holder", "Kim", "--passphrase-env", "PW", env={"PW": ""})
    assert r.returncode == 2 and "is empty" in r.stderr and "--no-passphrase" in r.stderr
    assert r.stderr.count("\n") == 1
    assert not list((isolated_user_dirs / "data" / "identities").glob("*.p12"))


def test_pkcs12_uses_aes256_and_pbkdf2_sha256_with_many_rounds(isolated_user_dirs):
    """The identity file is PBES2 (PBKDF2-HMAC-SHA256, ≥ 600,000 rounds, AES-256-CBC) with a SHA-256 MAC."""
    identity = core.create_identity("Kim", passphrase="a long passphrase")
    pfx = asn1_pkcs12.Pfx.load(identity.key_file.read_bytes())
    mac = pfx["mac_data"]
    assert mac["mac"]["digest_algorithm"]["algorithm"].native == "sha256"
    encrypted = [ci for ci in pfx.authenticated_safe if ci["content_type"].native == "encrypted_data"] or list(
        pfx.authenticated_safe
    )
    algorithms = []
    for content in encrypted:
        if content["content_type"].native == "encrypted_data":
            algorithms.append(content["content"]["encrypted_content_info"]["content_encryption_algorithm"])
    for bag_safe in pfx.authenticated_safe:
        if bag_safe["content_type"].native == "data":
            for bag in asn1_pkcs12.SafeContents.load(bag_safe["content"].native):
                if bag["bag_id"].native == "pkcs8_shrouded_key_bag":
                    algorithms.append(bag["bag_value"]["encryption_algorithm"])
    assert algorithms, "something in the file is encrypted"
    for algorithm in algorithms:
        assert algorithm["algorithm"].native == "pbes2"
        params = algorithm["parameters"]
        kdf = params["key_derivation_func"]
        assert kdf["algorithm"].native == "pbkdf2"
        assert kdf["parameters"]["iteration_count"].native >= 600_000
        assert kdf["parameters"]["prf"]["algorithm"].native == "sha256"
        assert params["encryption_scheme"]["algorithm"].native == "aes256_cbc"


def test_folders_are_0700_and_files_0600_whatever_the_umask(isolated_user_dirs, tmp_path):
    """Under umask 000 the identities and trusted folders are 0700 and every file in them 0600."""
    r = cli("identity", "create", "--holder", "Kim", "--no-passphrase", umask=0)
    assert r.returncode == 0, r.stderr
    other = tmp_path / "other.pem"
    key = new_key()
    other.write_bytes(certs.to_pem(certificate(_name("Colleague"), key)))
    assert cli("identity", "trust", str(other), umask=0).returncode == 0
    for folder in (isolated_user_dirs / "data" / "identities", isolated_user_dirs / "config" / "trusted"):
        assert _mode(folder) == 0o700, folder
        files = list(folder.iterdir())
        assert files
        for path in files:
            assert _mode(path) == 0o600, path


def _name(cn: str):
    from cryptography import x509

    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, cn)])


def _p12(tmp_path: Path, label: str, **options) -> Path:
    kind = options.pop("kind", "ec")
    if kind == "rsa1024":
        from cryptography.hazmat.primitives.asymmetric import rsa

        key = rsa.generate_private_key(65537, 1024)
    else:
        key = new_key()
    cert = certificate(_name(label), key, **options)
    path = tmp_path / f"{label}.p12"
    path.write_bytes(pkcs12.serialize_key_and_certificates(b"x", key, cert, None, BestAvailableEncryption(b"pw")))
    return path


def test_weak_certificates_are_refused_with_the_reason_unless_forced(isolated_user_dirs, tmp_path):
    """Expired, not yet valid, no digitalSignature, RSA 1024: refused with the reason; --force marks it weak."""
    now = dt.datetime.now(dt.UTC)
    cases = {
        "expired": ({"not_before": now - dt.timedelta(days=90), "not_after": now - dt.timedelta(days=1)}, "expired"),
        "future": ({"not_before": now + dt.timedelta(days=9), "not_after": now + dt.timedelta(days=90)}, "not yet"),
        "nosign": ({"digital_signature": False}, "digitalSignature"),
        "rsa": ({"kind": "rsa1024"}, "1024-bit RSA"),
    }
    for label, (options, reason) in cases.items():
        p12 = _p12(tmp_path, label, **options)
        r = cli("identity", "import", str(p12), "--passphrase-env", "PW", env={"PW": "pw"})
        assert r.returncode == 2 and "refused" in r.stderr and reason in r.stderr, (label, r.stderr)
        forced = cli("identity", "import", str(p12), "--passphrase-env", "PW", "--force", env={"PW": "pw"})
        assert forced.returncode == 0 and "WEAK" in forced.stdout, (label, forced.stderr)
        assert reason in cli("identity", "list").stdout
    pem = tmp_path / "expired.pem"
    expired = certificate(_name("Old"), new_key(), not_before=now - dt.timedelta(days=90), not_after=now)
    pem.write_bytes(certs.to_pem(expired))
    r = cli("identity", "trust", str(pem))
    assert r.returncode == 2 and "expired" in r.stderr
    assert cli("identity", "trust", str(pem), "--force").returncode == 0
    assert "WEAK: its certificate had expired" in cli("identity", "trusted").stdout


def test_a_signer_trusted_with_force_is_reported_weak_and_not_trusted(isolated_user_dirs, tmp_path, packs):
    """A memo by a certificate trusted with --force (RSA 1024) verifies as intact but not trusted: exit 3."""
    from cryptography.hazmat.primitives.asymmetric import rsa

    from tests.signing.lab import in_memory_identity

    key = rsa.generate_private_key(65537, 1024)
    cert = certificate(_name("Weak Key"), key)
    pem = tmp_path / "weak.pem"
    pem.write_bytes(certs.to_pem(cert))
    core.trust_certificate_file(pem, force=True)
    evaluation = core.evaluate(core.load_scenario(core.example_paths()[0], packs.questionnaire), packs)
    out = tmp_path / "weak.pdf"
    core.export_signed_memo(evaluation, packs, out, in_memory_identity(cert, key))
    report = core.verify_memo(out)
    assert report.exit_status == 3
    assert "trusted with --force although weak" in report.headline()
