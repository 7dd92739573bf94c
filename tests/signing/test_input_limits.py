"""`clausewise verify` (and countersign) read only regular files up to a documented size: a device,
a FIFO, a folder or a huge file is bad input (one line, exit 2), never a hang, a memory blow-up or 70."""

from __future__ import annotations

import contextlib
import io
import os

import pytest

from core.cli.main import main
from core.signing.verify import MAX_MEMO_BYTES
from tests.signing.test_attacks import lab, module_lab  # noqa: F401  (fixtures)


def _cli(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            status = main(list(args))
        except SystemExit as exc:  # argparse, after printing --help
            status = int(exc.code or 0)
    return status, out.getvalue(), err.getvalue()


def _one_line_refusal(path, why: str, command: str = "verify") -> None:
    args = (command, str(path)) if command == "verify" else (command, str(path), "-o", os.devnull)
    status, out, err = _cli(*args)
    assert status == 2, (status, out, err)
    assert out == ""
    assert err.count("\n") == 1 and str(path) in err and why in err, err


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="no /dev/zero on this system")
def test_dev_zero_is_refused_without_reading_it():
    """`verify /dev/zero` once read until memory ran out (exit 70); now one line, exit 2."""
    _one_line_refusal("/dev/zero", "not a regular file")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_a_fifo_is_refused_without_waiting_for_a_writer(tmp_path):
    """A FIFO named memo.pdf once blocked verify forever; now one line, exit 2 (nobody ever writes to it)."""
    fifo = tmp_path / "memo.pdf"
    os.mkfifo(fifo)
    _one_line_refusal(fifo, "not a regular file")


def test_a_folder_is_refused(tmp_path):
    """A folder given as the memo: one line, exit 2."""
    folder = tmp_path / "memo.pdf"
    folder.mkdir()
    _one_line_refusal(folder, "folder")


def test_a_signed_memo_padded_past_the_limit_is_refused(lab, tmp_path):  # noqa: F811
    """A genuine signed memo grown past the documented limit (sparse, so cheap) is refused unread: exit 2."""
    path = tmp_path / "huge.pdf"
    path.write_bytes(lab.memo)
    os.truncate(path, MAX_MEMO_BYTES + 1)
    _one_line_refusal(path, f"larger than {MAX_MEMO_BYTES // 2**20} MiB")


def test_the_limit_is_documented_in_help():
    """`verify --help` names the size limit and the file types refused under exit status 2."""
    status, out, _ = _cli("verify", "--help")
    assert status == 0
    assert "64 MiB" in out and "pipe" in out and MAX_MEMO_BYTES == 64 * 2**20


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="no /dev/zero on this system")
def test_countersign_refuses_dev_zero_too(lab):  # noqa: F811
    """`countersign /dev/zero` reads through the same bounded reader: one line, exit 2."""
    _one_line_refusal("/dev/zero", "not a regular file", command="countersign")
