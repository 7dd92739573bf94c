"""A PKCS#12 file that cannot be opened is told apart by its structure, not by the library's wording."""

from __future__ import annotations

import datetime as dt

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import BestAvailableEncryption, pkcs12
from cryptography.x509.oid import NameOID

import core


def _p12(passphrase: bytes) -> bytes:
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Jane Doe")])
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(1)
        .not_valid_before(dt.datetime(2024, 1, 1))
        .not_valid_after(dt.datetime(2034, 1, 1))
        .sign(key, hashes.SHA256())
    )
    return pkcs12.serialize_key_and_certificates(b"jane", key, cert, None, BestAvailableEncryption(passphrase))


def test_wrong_and_missing_passphrases_are_wrong_passphrase(tmp_path):
    """A well-formed PKCS#12 that does not open is a passphrase problem, with or without one given."""
    path = tmp_path / "jane.p12"
    path.write_bytes(_p12(b"right"))
    with pytest.raises(core.WrongPassphrase, match="does not open"):
        core.import_identity(path, "wrong", directory=tmp_path / "ids")
    with pytest.raises(core.WrongPassphrase, match="protected by a passphrase"):
        core.import_identity(path, None, directory=tmp_path / "ids")


@pytest.mark.parametrize("damage", [lambda b: b"not a certificate at all", lambda b: b[: len(b) // 2]])
def test_damaged_files_are_identity_errors_not_passphrase_errors(tmp_path, damage):
    """Garbage or a truncated file is 'not a readable PKCS#12 file', whatever passphrase is given."""
    path = tmp_path / "broken.p12"
    path.write_bytes(damage(_p12(b"right")))
    with pytest.raises(core.IdentityError, match="not a readable PKCS#12") as info:
        core.import_identity(path, "right", directory=tmp_path / "ids")
    assert not isinstance(info.value, core.WrongPassphrase)
