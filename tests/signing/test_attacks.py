"""Every attack class, built from a fresh memo, is rejected by `clausewise verify` (exit 1 or 3,
never 0 or 70) with a headline that says why; pdfsig and pyHanko's own validator as second opinions.

Counts per class: ``.venv/bin/python -m tests.signing.attacks`` (or the last test here, with -s).
"""

from __future__ import annotations

import io
import shutil
import subprocess

import pytest
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko_certvalidator import ValidationContext

import core
from tests.signing import attacks, byte_attacks
from tests.signing.lab import Lab, user_home

COUNTS: dict[str, tuple[int, int]] = {}
MINIMUM = {
    "incremental": 7,
    "wrapping": 4,
    "broken": 13,
    "attachment": 5,
    "contradiction": 4,
    "lookalike": 3,
    "certificate": 3,
    "structure": 20,
}
needs_poppler = pytest.mark.skipif(shutil.which("pdfsig") is None, reason="poppler-utils is not installed")


@pytest.fixture(scope="module")
def module_lab(tmp_path_factory) -> Lab:
    """A user directory with a trusted signer and a freshly signed memo (shared by this module)."""
    home = tmp_path_factory.mktemp("lab")
    with user_home(home):
        return Lab.create(home)


@pytest.fixture
def lab(module_lab: Lab, monkeypatch) -> Lab:
    """The shared lab, with CLAUSEWISE_HOME pointing at it (so its trusted list applies)."""
    monkeypatch.setenv("CLAUSEWISE_HOME", str(module_lab.home))
    return module_lab


def _check(lab: Lab, kind: str, cases: list[attacks.Attack]) -> None:
    tried, rejected, failures = attacks.tally(lab, cases)
    COUNTS[kind] = (tried, rejected)
    assert not failures, "\n".join(failures)
    for attack in cases:
        report = core.verify_memo(attack.name, data=attack.data)
        headline = report.headline()
        assert headline.startswith(("NOT VERIFIED", "NOT TRUSTED")), (attack.name, headline)
        assert attack.headline.lower() in headline.lower(), (attack.name, headline)
        assert report.exit_status in attack.expected, (attack.name, headline)


def test_the_genuine_memo_verifies(lab):
    """The memo every attack starts from verifies with exit 0 (so rejections are due to the attack)."""
    path = lab.home / "genuine.pdf"
    path.write_bytes(lab.memo)
    assert attacks.exit_status(path) == 0


@pytest.mark.parametrize("kind", list(attacks.GENERATORS))
def test_every_attack_of_the_class_is_rejected(lab, kind):
    """Each generated variant of the class gets the expected exit status and a headline saying why."""
    cases = list(attacks.GENERATORS[kind](lab))
    assert len(cases) >= MINIMUM[kind]
    _check(lab, kind, cases)


@needs_poppler
def test_pdfsig_agrees_that_incremental_updates_are_not_the_signed_document(lab):
    """Second opinion: pdfsig calls every incremental attack 'not total document signed'."""
    for attack in attacks.incremental(lab):
        path = lab.home / "pdfsig.pdf"
        path.write_bytes(attack.data)
        out = subprocess.run(["pdfsig", str(path)], capture_output=True, text=True, check=False).stdout
        assert "- Total document signed" not in out, attack.name


@needs_poppler
def test_pdfsig_on_structural_attacks_sees_valid_signatures_but_not_the_whole_file(lab):
    """Second opinion on the structure class: pdfsig still calls the memo's signature valid (so it alone
    would not notice a duplicate /Root or a stamp) but never "Total document signed" for it."""
    valid = 0
    for attack in attacks.GENERATORS["structure"](lab):
        path = lab.home / "pdfsig-structure.pdf"
        path.write_bytes(attack.data)
        out = subprocess.run(["pdfsig", str(path)], capture_output=True, text=True, check=False).stdout
        memo_signature = out.split("ClausewiseSignature", 1)[-1].split("Signature #", 1)[0]
        assert "- Total document signed" not in memo_signature, attack.name
        valid += "Signature is Valid" in memo_signature
    assert valid >= 15, "most structural forgeries keep a signature pdfsig calls valid"


def _pyhanko_intact(data: bytes) -> bool | None:
    try:
        sig = PdfFileReader(io.BytesIO(data), strict=False).embedded_signatures[0]
        status = validate_pdf_signature(sig, ValidationContext(trust_roots=[], allow_fetching=False), skip_diff=True)
    except Exception:
        return None
    return bool(status.intact and status.valid)


def _flip_cases(lab: Lab, count: int) -> None:
    cases = list(attacks.flips(lab, count))
    _check(lab, "flip", cases)
    a, b, c, d = byte_attacks._gap(lab.memo)
    signed = set(range(a, a + b)) | set(range(c, c + d))
    for attack in cases[:20]:
        position = int(attack.name.split()[1])
        if position in signed:
            assert _pyhanko_intact(attack.data) is not True, f"pyHanko says intact after {attack.name}"


def test_random_byte_flips_are_rejected(lab):
    """60 random single-byte flips: none verifies; pyHanko agrees for flips in the signed ranges."""
    _flip_cases(lab, 60)


@pytest.mark.slow
def test_500_random_byte_flips_are_rejected(lab):
    """The full 500 random single-byte flips: none verifies."""
    _flip_cases(lab, 500)


def test_truncations_are_rejected(lab):
    """20 truncations at random lengths: exit 1 (or 2 when not even the header is left), never 0 or 70."""
    _check(lab, "truncation", list(attacks.truncations(lab, 20)))


def test_print_counts(lab, capsys):
    """Prints tried/rejected per class for the closing note (every class run above is complete)."""
    with capsys.disabled():
        print("\nattack class   tried  rejected")
        for kind, (tried, rejected) in COUNTS.items():
            print(f"{kind:<14}{tried:>6}{rejected:>10}")
    assert all(tried == rejected for tried, rejected in COUNTS.values())
