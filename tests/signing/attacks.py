"""Attack generator: builds every published attack class on PDF signatures from a fresh memo.

Classes (PDF Insecurity 2019: incremental saving, signature wrapping, universal signature
forgery; shadow attacks 2021; plus Clausewise's own: attachments and trust):

- ``incremental``: updates appended after signing (content, annotations, metadata, overlays,
  shadow hide/replace, garbage after %%EOF, updates without cross-reference);
- ``wrapping``: the signature value moved, re-encoded or followed by other bytes;
- ``broken``: malformed ``/ByteRange`` and ``/Contents`` (universal signature forgery);
- ``attachment``: attachments replaced, added or removed after signing;
- ``contradiction``: memos signed with attachments that contradict their own conclusion;
- ``lookalike``: signers copying a trusted signer's name, serial and key id;
- ``certificate``: trusted certificates that could not sign (expired, not yet valid, no
  digitalSignature key usage).

Each case says which exit statuses of ``clausewise verify`` count as rejected. Run
``.venv/bin/python -m tests.signing.attacks`` to print tried/rejected counts per class.
"""

from __future__ import annotations

import io
import json
import random
from collections.abc import Callable, Iterator
from pathlib import Path

from cryptography import x509
from cryptography.x509.oid import NameOID

import core
from core.memo.attachments import EVALUATION, SCENARIO, Attachment, embed_attachments
from tests.signing.byte_attacks import CHANGED, DAMAGED, UNTRUSTED, Attack, broken, incremental, update, wrapping
from tests.signing.lab import Lab, certificate, in_memory_identity, new_key, user_home
from tests.signing.structure_attacks import structure


def _attachment_update(files: list[Attachment]) -> Callable:
    return lambda writer: embed_attachments(writer, files)


def _drop_attachments(writer) -> None:
    del writer.root["/Names"]
    writer.update_root()


def attachments(lab: Lab) -> Iterator[Attack]:
    """Attachments replaced, added or removed after signing."""
    memo = lab.memo
    evaluation = json.dumps({"overall": "no_prohibition_found", "packs": {}}).encode()
    scenario = b"clausewise: scenario/1\ntitle: Other\nanswers: {}\n"
    pack = b"id: azure-openai-code-of-conduct\n"
    cases = {
        "evaluation replaced": [Attachment(EVALUATION, evaluation, "application/json", "x")],
        "scenario replaced": [Attachment(SCENARIO, scenario, "application/yaml", "x")],
        "pack replaced": [Attachment("pack-azure-openai-code-of-conduct.pack.yaml", pack, "application/yaml", "x")],
        "extra attachment": [Attachment("readme.txt", b"approved", "text/plain", "x")],
    }
    for name, files in cases.items():
        yield Attack("attachment", name, update(memo, _attachment_update(files)), CHANGED, "Changed after signing")
    yield Attack("attachment", "attachments removed", update(memo, _drop_attachments), CHANGED, "Changed after signing")


def contradictions(lab: Lab) -> Iterator[Attack]:
    """Memos signed (by the trusted signer) with attachments that contradict their conclusion."""

    def edit_evaluation(edit: Callable[[dict], None]) -> Callable:
        def change(files: list[Attachment]) -> None:
            for i, f in enumerate(files):
                if f.name == EVALUATION:
                    doc = json.loads(f.data)
                    edit(doc)
                    files[i] = Attachment(f.name, json.dumps(doc).encode(), f.mime, f.description)

        return change

    def set_overall(doc: dict) -> None:
        doc["overall"] = "no_prohibition_found"

    def drop_printed(doc: dict) -> None:
        doc["memo"].pop("printed")

    def drop_pack(files: list[Attachment]) -> None:
        files[:] = [f for f in files if not f.name.startswith("pack-")][:4] + [
            f for f in files if f.name.startswith("pack-")
        ][1:]

    def other_scenario(files: list[Attachment]) -> None:
        for i, f in enumerate(files):
            if f.name == SCENARIO:
                text = f.data.decode().replace("law_enforcement", "private_company", 1)
                files[i] = Attachment(f.name, text.encode(), f.mime, f.description)

    def nested(files: list[Attachment]) -> None:
        for i, f in enumerate(files):
            if f.name == EVALUATION:
                files[i] = Attachment(f.name, b"[" * 100000 + b"]" * 100000, f.mime, f.description)

    def not_utf8(files: list[Attachment]) -> None:
        for i, f in enumerate(files):
            if f.name == SCENARIO:
                files[i] = Attachment(f.name, b"\xff\xfe" + f.data, f.mime, f.description)

    cases: dict[str, dict] = {
        "evaluation says no prohibition": {"change": edit_evaluation(set_overall)},
        "printed verdicts not recorded": {"change": edit_evaluation(drop_printed)},
        "a pack missing": {"change": drop_pack},
        "scenario answers differ": {"change": other_scenario},
        "metadata verdicts missing": {"record_verdicts": False},
        "evaluation nested 100000 deep": {"change": nested},
        "scenario not UTF-8": {"change": not_utf8},
    }
    for name, options in cases.items():
        yield Attack("contradiction", name, lab.signed_memo(**options), CHANGED, "")


def _copy_of(cert: x509.Certificate, key, **extra) -> x509.Certificate:
    ski = cert.extensions.get_extension_for_class(x509.SubjectKeyIdentifier).value.digest
    return certificate(cert.subject, key, serial=cert.serial_number, ski=ski, **extra)


def lookalikes(lab: Lab) -> Iterator[Attack]:
    """Untrusted keys copying the trusted signer's name, serial number and key identifier."""
    jane = lab.jane_certificate()
    key = new_key()
    copy = in_memory_identity(_copy_of(jane, key), key)
    yield Attack(
        "lookalike", "same name, serial and key id", lab.signed_memo(copy), UNTRUSTED, "not on your trusted list"
    )
    rsa_key = new_key("rsa")
    copy_rsa = in_memory_identity(_copy_of(jane, rsa_key), rsa_key)
    yield Attack(
        "lookalike", "same name, serial, key id; RSA key", lab.signed_memo(copy_rsa), UNTRUSTED, "trusted list"
    )
    ca_key = new_key()
    issued = certificate(jane.subject, key, serial=jane.serial_number, issuer=(jane.subject, ca_key))
    yield Attack(
        "lookalike", "issued in the trusted signer's name", lab.signed_memo(in_memory_identity(issued, key)), UNTRUSTED
    )
    path = lab.home / "lookalike-countersign.pdf"
    source = lab.home / "genuine.pdf"
    source.write_bytes(lab.memo)
    core.countersign_memo(source, path, copy, None, role="Approver")
    yield Attack("lookalike", "look-alike countersignature", path.read_bytes(), UNTRUSTED, "trusted list")


def bad_certificates(lab: Lab) -> Iterator[Attack]:
    """Trusted certificates that could not sign at signing time."""
    import datetime as dt

    from core.signing import certificates as certs
    from core.signing.trust import trust_certificate_pem

    now = dt.datetime.now(dt.UTC)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Old Colleague")])
    variants = {
        "expired": {"not_before": now - dt.timedelta(days=400), "not_after": now - dt.timedelta(days=30)},
        "not yet valid": {"not_before": now + dt.timedelta(days=30), "not_after": now + dt.timedelta(days=400)},
        "no digitalSignature": {"digital_signature": False},
    }
    for label, options in variants.items():
        key = new_key()
        cert = certificate(name, key, **options)
        trust_certificate_pem(certs.to_pem(cert), note=label)
        yield Attack("certificate", label, lab.signed_memo(in_memory_identity(cert, key)), UNTRUSTED, "certificate")


def flips(lab: Lab, count: int, seed: int = 10) -> Iterator[Attack]:
    """``count`` single-byte flips at random positions of the memo."""
    rng = random.Random(seed)
    for _ in range(count):
        position = rng.randrange(len(lab.memo))
        data = bytearray(lab.memo)
        data[position] ^= 1 << rng.randrange(8)
        yield Attack("flip", f"byte {position}", bytes(data), DAMAGED)


def truncations(lab: Lab, count: int = 20, seed: int = 11) -> Iterator[Attack]:
    """``count`` truncations of the memo at random lengths."""
    rng = random.Random(seed)
    for _ in range(count):
        length = rng.randrange(len(lab.memo) - 1)
        yield Attack("truncation", f"first {length} bytes", lab.memo[:length], DAMAGED)


GENERATORS = {
    "incremental": incremental,
    "wrapping": wrapping,
    "broken": broken,
    "attachment": attachments,
    "contradiction": contradictions,
    "lookalike": lookalikes,
    "certificate": bad_certificates,
    "structure": structure,
}


def exit_status(path) -> int:
    """What ``clausewise verify PATH`` exits with (the real CLI entry point, in-process)."""
    import contextlib

    from core.cli.main import main

    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        return main(["verify", str(path)])


def tally(lab: Lab, attacks: list[Attack]) -> tuple[int, int, list[str]]:
    """(tried, rejected, failures) for ``attacks`` verified in ``lab``."""
    failures = []
    rejected = 0
    for n, attack in enumerate(attacks):
        path = lab.home / f"attack-{attack.kind}-{n}.pdf"
        path.write_bytes(attack.data)
        status = exit_status(path)
        if status in attack.expected:
            rejected += 1
        else:
            failures.append(f"{attack.kind}: {attack.name}: exit {status}")
    return len(attacks), rejected, failures


def second_opinions(path) -> tuple[bool, bool]:
    """(pdfsig accepts, pyHanko accepts): pdfsig says valid and total document signed; pyHanko's
    validator (default difference policy, no trust required) finds every signature intact and the
    changes after signing permitted."""
    import shutil
    import subprocess

    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext

    pdfsig = False
    if shutil.which("pdfsig"):
        out = subprocess.run(["pdfsig", str(path)], capture_output=True, text=True, check=False).stdout
        pdfsig = "Signature is Valid" in out and "Digest Mismatch" not in out and "- Not total" not in out
    try:
        sigs = PdfFileReader(io.BytesIO(Path(path).read_bytes()), strict=False).embedded_signatures
        context = ValidationContext(trust_roots=[], allow_fetching=False)
        statuses = [validate_pdf_signature(sig, context) for sig in sigs]
        pyhanko = bool(statuses) and all(st.intact and st.valid and st.docmdp_ok for st in statuses)
    except Exception:
        pyhanko = False
    return pdfsig, pyhanko


def main() -> None:
    """Print tried/rejected counts per attack class (the full set: 500 flips, 20 truncations), and how
    many of the same files pdfsig and pyHanko's validator would have accepted (second opinions)."""
    import tempfile

    with tempfile.TemporaryDirectory() as tmp, user_home(Path(tmp)):
        lab = Lab.create(Path(tmp))
        classes = {name: list(gen(lab)) for name, gen in GENERATORS.items()}
        classes["flip"] = list(flips(lab, 500))
        classes["truncation"] = list(truncations(lab, 20))
        print(f"{'class':<14}{'tried':>7}{'rejected':>10}{'pdfsig accepts':>16}{'pyHanko accepts':>17}")
        for name, attacks in classes.items():
            tried, rejected, failures = tally(lab, attacks)
            opinions = [second_opinions(_write(lab, a, n)) for n, a in enumerate(attacks)]
            pdfsig = sum(1 for p, _ in opinions if p)
            pyhanko = sum(1 for _, h in opinions if h)
            print(f"{name:<14}{tried:>7}{rejected:>10}{pdfsig:>16}{pyhanko:>17}")
            for failure in failures:
                print(f"    NOT REJECTED {failure}")


def _write(lab: Lab, attack: Attack, n: int) -> Path:
    path = lab.home / f"opinion-{attack.kind}-{n}.pdf"
    path.write_bytes(attack.data)
    return path


if __name__ == "__main__":
    main()
