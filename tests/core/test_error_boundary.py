"""The one error boundary: which errors are the user's, how they read in one line, and how the CLI uses it."""

from __future__ import annotations

import pytest

import core
from core.cli import evaluate_cmd
from core.cli.main import main
from core.resources import examples_dir

BODY_CAM = examples_dir() / "body-cam-patrol-uk.scenario.yaml"


def _raised(fn) -> BaseException:
    try:
        fn()
    except BaseException as exc:  # the exception itself is what the test looks at
        return exc
    raise AssertionError("nothing was raised")


def test_a_clausewise_error_is_the_users_and_reads_as_its_own_one_line(tmp_path):
    """A scenario error keeps its file:line: key: message, with line breaks escaped, and exit status 2."""
    exc = core.ScenarioError(
        "expected a mapping\nfound a list", file=tmp_path / "a.scenario.yaml", key="answers", line=3
    )
    report = core.explain_error(exc)
    assert report.kind is core.ErrorKind.USER and report.exit_status == core.EXIT_INPUT == 2
    assert report.message == f"{tmp_path / 'a.scenario.yaml'}:3: answers: expected a mapping\\nfound a list"
    assert report.terminal_line() == f"clausewise: error: {report.message}"


def test_a_file_the_system_refuses_is_the_users_and_names_the_file(tmp_path):
    """A real OSError (opening a folder as a file) is a user error naming the path, not a bug."""
    exc = _raised(lambda: tmp_path.read_text(encoding="utf-8"))
    report = core.explain_error(exc)
    assert report.kind is core.ErrorKind.USER
    assert report.message == f"{tmp_path}: Is a directory"


def test_anything_else_is_internal_one_line_and_status_70():
    """A bug reads as its type and message on one line; a huge message is clipped."""
    report = core.explain_error(KeyError("x" * 5000 + "\nsecond line"))
    assert report.kind is core.ErrorKind.INTERNAL and report.exit_status == core.EXIT_INTERNAL == 70
    assert report.message.startswith("KeyError: ") and "\n" not in report.message and len(report.message) < 1300
    assert report.terminal_line().startswith("clausewise: internal error: KeyError: ")


def test_an_interruption_is_neither_a_user_error_nor_a_bug():
    """Ctrl+C and a cancelled prompt give status 130."""
    for exc in (KeyboardInterrupt(), core.Cancelled()):
        report = core.explain_error(exc)
        assert report.kind is core.ErrorKind.INTERRUPTED and report.exit_status == core.EXIT_INTERRUPTED == 130


def test_the_cli_prints_a_bug_as_one_line_with_status_70_and_no_traceback(capsys, monkeypatch):
    """A command with a bug: one 'internal error' line on stderr, pointing to --debug; --debug re-raises."""

    def buggy(args):
        raise ZeroDivisionError("boom\nin a command")

    monkeypatch.setattr(evaluate_cmd, "run", buggy)  # a command with a bug; the boundary is real
    code = main(["evaluate", str(BODY_CAM)])
    out, err = capsys.readouterr()
    assert code == 70 and out == ""
    assert err == "clausewise: internal error: ZeroDivisionError: boom\\nin a command (run with --debug for details)\n"
    with pytest.raises(ZeroDivisionError):
        main(["--debug", "evaluate", str(BODY_CAM)])


def test_the_cli_prints_a_refused_file_as_the_shared_line_with_status_2(capsys, monkeypatch, tmp_path):
    """An OSError escaping a command reads exactly as explain_error says, status 2."""
    exc = _raised(lambda: tmp_path.read_text(encoding="utf-8"))

    def refused(args):
        raise exc

    monkeypatch.setattr(evaluate_cmd, "run", refused)
    code = main(["evaluate", str(BODY_CAM)])
    _, err = capsys.readouterr()
    assert code == 2 and err == core.explain_error(exc).terminal_line() + "\n"
    assert err == f"clausewise: error: {tmp_path}: Is a directory\n"


def test_a_bidi_override_in_a_user_error_is_shown_escaped():
    """A file name carrying U+202E (right-to-left override) or a line break cannot reorder or split
    the CLI's one-line error: both are written as visible escapes."""
    report = core.explain_error(core.InputError("cannot read", file="evil\u202eFDP.scenario.yaml\nok"))
    assert "\u202e" not in report.message and "\n" not in report.message
    assert "evil\\u202eFDP.scenario.yaml\\nok" in report.message
