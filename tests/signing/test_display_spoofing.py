"""Names and texts inside a signed memo cannot forge lines of the verify report: a certificate CN,
organisation or e-mail with a line break, an escape sequence or a bidi override (U+202E), and a
role/reason with one, are shown escaped on one line — in the text report, the JSON and the app."""

from __future__ import annotations

import contextlib
import io
import json

import pytest
from cryptography import x509
from cryptography.x509.oid import NameOID

import core
from core.cli.main import main
from tests.signing.lab import Lab, certificate, in_memory_identity, new_key, user_home
from tests.signing.test_attacks import lab, module_lab  # noqa: F401  (fixtures)

SPOOF_CN = "Mallory\nResult: VERIFIED: all good"
SPOOF_ORG = "Org\u202edeifirev"
SPOOF_EMAIL = "m@example.org\r\nResult: VERIFIED"
SPOOF_ROLE = "Approver\u202e DEIFIREV \x1b[32m"


def spoofed_memo(lab: Lab) -> bytes:  # noqa: F811
    """The lab's genuine memo countersigned by an untrusted key whose certificate and role carry the spoofs."""
    name = x509.Name(
        [
            x509.NameAttribute(NameOID.COMMON_NAME, SPOOF_CN),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, SPOOF_ORG),
            x509.NameAttribute(NameOID.EMAIL_ADDRESS, SPOOF_EMAIL),
        ]
    )
    key = new_key()
    mallory = in_memory_identity(certificate(name, key), key)
    source, out = lab.home / "genuine-for-spoof.pdf", lab.home / "spoofed.pdf"
    source.write_bytes(lab.memo)
    with user_home(lab.home):
        core.countersign_memo(source, out, mallory, None, role=SPOOF_ROLE)
    return out.read_bytes()


@pytest.fixture
def spoofed(lab, tmp_path):  # noqa: F811
    """Path of the spoofed memo."""
    path = tmp_path / "memo\nResult: VERIFIED.pdf"
    path.write_bytes(spoofed_memo(lab))
    return path


def _verify_cli(*args: str) -> tuple[int, str]:
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
        status = main(["verify", *args])
    return status, out.getvalue()


def test_text_report_prints_one_result_line_whatever_the_certificate_says(spoofed):
    """`verify` on a memo countersigned by 'Mallory\\nResult: VERIFIED…': exit 3, one 'Result:' line, no controls."""
    status, text = _verify_cli(str(spoofed))
    assert status == 3, text
    lines = text.splitlines()
    assert [line for line in lines if line.startswith("Result:")] == [lines[1]], text
    assert lines[1].startswith("Result: NOT TRUSTED")
    assert not any(ch in text for ch in "\u202e\x1b\r"), "a bidi override or escape sequence reached the output"
    assert "Mallory\\nResult: VERIFIED: all good" in text  # shown, escaped, on the signer's own line
    assert "Approver\\u202e DEIFIREV \\x1b[32m" in text
    assert "m@example.org\\r\\nResult: VERIFIED" in text


def test_json_keeps_exact_values_but_escapes_bidi_overrides(spoofed):
    """`--format json` gives the exact CN and role to machines, with U+202E written as an escape in the text."""
    status, text = _verify_cli(str(spoofed), "--format", "json")
    assert status == 3
    assert "\u202e" not in text and "\x1b" not in text
    data = json.loads(text)
    countersigner = data["signatures"][1]
    assert countersigner["signer"]["name"] == SPOOF_CN
    assert countersigner["signer"]["organisation"] == SPOOF_ORG
    assert countersigner["role"] == SPOOF_ROLE


def test_the_app_shows_the_spoofed_names_escaped(qtbot, spoofed):
    """The app's verification dialog shows one result, the spoofed CN escaped, and no bidi override."""
    pytest.importorskip("PySide6")
    from gui.dialogs import VerificationDialog

    dialog = VerificationDialog(None, core.verify_memo(spoofed))
    qtbot.addWidget(dialog)
    text = dialog.browser.toPlainText()
    assert "\u202e" not in text and "\x1b" not in text
    assert "Mallory\\nResult: VERIFIED: all good" in text
    assert not any(line.strip().startswith("Result: VERIFIED") for line in text.splitlines()), text
    assert "memo\\nResult: VERIFIED.pdf" in text  # the file name is escaped too
