"""The command line, as a user runs it: output, exit statuses and one-line errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import core
from core.cli.main import main
from core.resources import examples_dir, packs_dir

BODY_CAM = examples_dir() / "body-cam-patrol-uk.scenario.yaml"
MOBILE_CLAUSE = (
    "be used for any real-time facial recognition technology on mobile cameras used by any law enforcement "
    "globally to attempt to identify individual in uncontrolled, “in the wild” environments"
)


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_evaluate_body_cam_quotes_the_mobile_camera_clause_with_citation_and_status(capsys):
    """Issue acceptance: prohibited, the clause quoted, its citation and verification status."""
    code, out, _ = run(capsys, "evaluate", str(BODY_CAM))
    assert code == 0
    assert "Overall: [X] PROHIBITED" in out
    assert MOBILE_CLAUSE in out, "quotes are printed on one line, never re-wrapped"
    flat = " ".join(out.split())
    assert (
        "WebProNews (Matt Milano), “Microsoft Bans Police From Using Azure OpenAI Service for Facial Recognition”"
        in flat
    )
    assert (
        "https://www.webpronews.com/microsoft-ban-police-from-using-azure-openai-service-for-facial-recognition/" in out
    )
    assert "status: secondary (as quoted by the press" in flat
    assert "Version used: 2024-05-01" in out


def test_evaluate_as_of_march_2024_shows_the_earlier_version_and_what_was_not_yet_in_force(capsys):
    """With --as-of 2024-03-01 the output names version 2023-01-16 and the clauses added later, by
    their words and section, not by id."""
    code, out, _ = run(capsys, "evaluate", str(BODY_CAM), "--as-of", "2024-03-01")
    assert code == 0
    assert "Evaluated as of 2024-03-01" in out
    assert "Version used: 2023-01-16" in out
    flat = " ".join(out.split())
    assert "Not yet in force on the evaluation date: version 2024-05-01 (from 2024-05-01) adds “" in flat
    assert "“be used for any real-time facial recognition technology…” (Integrations with Azure OpenAI" in flat
    assert "law-enforcement-mobile-real-time" not in flat
    assert "would also be found prohibited: “Real-time facial recognition on mobile cameras by law enforcement”" in flat
    assert MOBILE_CLAUSE not in out


def test_evaluate_json_has_the_documented_shape(capsys):
    """overall; packs keyed by id with verdict, version and findings (rule, verdict, clause ids); questions."""
    code, out, _ = run(capsys, "evaluate", str(BODY_CAM), "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert data["overall"] == "prohibited"
    assert data["questions"] == []
    azure = data["packs"]["microsoft-azure-openai"]
    assert azure["verdict"] == "prohibited"
    assert azure["version"]["id"] == "2024-05-01"
    finding = next(f for f in azure["findings"] if f["rule"] == "law-enforcement-mobile-real-time")
    assert finding["verdict"] == "prohibited"
    assert finding["clauses"] == ["law-enforcement-mobile-real-time"]
    assert azure["clauses"]["law-enforcement-mobile-real-time"]["status"] == "secondary"
    assert finding["trace"]["value"] is True
    assert data["packs"]["eu-ai-act-article-5"]["verdict"] == "not_applicable"


def test_evaluate_lists_open_questions(capsys, tmp_path):
    """A missing answer gives undetermined and names the question, in text and JSON."""
    path = tmp_path / "open.scenario.yaml"
    text = BODY_CAM.read_text(encoding="utf-8").replace("  processing.timing: real_time\n", "")
    path.write_text(text)
    code, out, _ = run(capsys, "evaluate", str(path), "--format", "json")
    assert code == 0
    assert json.loads(out)["questions"] == ["processing.timing"]
    _, out, _ = run(capsys, "evaluate", str(path))
    assert "When are images or video processed? [processing.timing]" in out


def test_fail_on_sets_the_exit_status(capsys):
    """--fail-on prohibited exits 1 for a prohibited scenario and 0 for an allowed one."""
    assert run(capsys, "evaluate", str(BODY_CAM), "--fail-on", "prohibited")[0] == 1
    allowed = examples_dir() / "report-drafting-body-cam-audio.scenario.yaml"
    assert run(capsys, "evaluate", str(allowed), "--fail-on", "prohibited")[0] == 0


def test_help_documents_exit_codes(capsys):
    """`clausewise --help` explains the exit statuses."""
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    assert "exit status:" in out and "70  internal error" in out


def test_packs_list_shows_versions_clause_counts_and_statuses(capsys):
    """packs list: id, title, versions with dates, clause counts per verification status."""
    code, out, _ = run(capsys, "packs", "list")
    assert code == 0
    assert "microsoft-azure-openai  Microsoft code of conduct for Azure OpenAI Service" in out
    assert "2025-04-16   in force from 2025-04-16" in out
    assert "9 clauses (1 primary, 8 secondary)" in out
    assert "13 clauses (10 cross_checked, 3 secondary)" in out


def test_packs_show_json_lists_clauses_with_id_text_status_source(capsys):
    """packs show --format json: clauses carry at least id, text, status and source."""
    code, out, _ = run(capsys, "packs", "show", "microsoft-azure-openai", "--version", "2024-05-01", "--format", "json")
    assert code == 0
    data = json.loads(out)
    clause = next(c for c in data["clauses"] if c["id"] == "us-police-facial-recognition")
    assert (
        clause["text"]
        == "be used for facial recognition purposes by or for a police department in the United States; or"
    )
    assert clause["status"] == "secondary"
    assert clause["source"]["publisher"].startswith("WebProNews")
    assert {r["id"] for r in data["rules"]} >= {"us-police-facial-recognition", "identify-or-verify"}


def test_packs_show_text_defaults_to_the_version_in_force_today(capsys):
    """Without --version the current version is shown."""
    code, out, _ = run(capsys, "packs", "show", "openai-usage-policies")
    assert code == 0 and "Version 2025-10-29" in out


def test_packs_check_validates_and_runs_the_test_cases(capsys):
    """packs check FILE validates the pack and runs the tests file next to it."""
    code, out, _ = run(capsys, "packs", "check", str(packs_dir() / "eu-ai-act-article-5.pack.yaml"))
    assert code == 0
    assert "OK: pack 'eu-ai-act-article-5'" in out
    assert "40 of 40 test cases passed" in out


def test_packs_check_reports_failing_test_cases(capsys, tmp_path):
    """A pack edited so that one of its cases fails: exit 1 and the case named."""
    pack = (packs_dir() / "eu-ai-act-article-5.pack.yaml").read_text(encoding="utf-8")
    (tmp_path / "eu-ai-act-article-5.pack.yaml").write_text(pack.replace("equals: web_scraped", "equals: none"))
    tests = (packs_dir() / "eu-ai-act-article-5.tests.yaml").read_text(encoding="utf-8")
    (tmp_path / "eu-ai-act-article-5.tests.yaml").write_text(tests)
    code, out, _ = run(capsys, "packs", "check", str(tmp_path / "eu-ai-act-article-5.pack.yaml"))
    assert code == 1
    assert "case 'building a face database by untargeted scraping'" in out
    assert "rule art-5-1-e: expected prohibited, got not_triggered" in out


def test_packs_diff_shows_added_removed_and_word_level_changes(capsys):
    """packs diff PACK V1 V2 on the OpenAI policies of January and October 2025."""
    code, out, _ = run(capsys, "packs", "diff", "openai-usage-policies", "2025-01-29", "2025-10-29")
    assert code == 0
    assert "+ added   [evaluation-or-classification]" in out
    assert "- removed [biometric-identification]" in out
    assert "real-time remote biometric identification in public spaces [-for law enforcement purposes-]" in out


def test_packs_diff_microsoft_may_2024(capsys):
    """The quiet change of May 2024: four clauses added, none removed."""
    code, out, _ = run(capsys, "packs", "diff", "microsoft-azure-openai", "2023-01-16", "2024-05-01")
    assert code == 0
    assert out.count("+ added") == 4 and "- removed" not in out


@pytest.mark.parametrize(
    ("argv", "fragment"),
    [
        (["packs", "show", "no-such-pack"], "no pack 'no-such-pack'"),
        (["packs", "show", "microsoft-azure-openai", "--version", "1999"], "has no version '1999'"),
        (["evaluate", "missing.scenario.yaml"], "missing.scenario.yaml: no such file"),
        (["evaluate", str(BODY_CAM), "--packs", "/nonexistent"], "not a directory of policy packs"),
    ],
)
def test_bad_input_is_one_line_and_status_2(capsys, argv, fragment):
    """Unknown pack, version, file or directory: exit 2, one line on stderr."""
    code, out, err = run(capsys, *argv)
    assert code == 2 and out == ""
    assert fragment in err and len(err.strip().splitlines()) == 1


def test_a_bad_date_is_one_line_and_status_2():
    """argparse errors are one line too (run as a real process)."""
    proc = subprocess.run(
        [sys.executable, "-m", "core.cli", "evaluate", str(BODY_CAM), "--as-of", "2024-13-01"],
        capture_output=True,
        text=True,
        check=False,
        cwd=Path(__file__).resolve().parents[2],
    )
    assert proc.returncode == 2
    assert proc.stderr.count("\n") == 1 and "'2024-13-01' is not a real date (month must be in 1..12)" in proc.stderr


def test_examples_lists_them_and_copies_one_to_start_from_without_overwriting(capsys, tmp_path, monkeypatch):
    """`examples` lists every example; `--copy NAME [--to DEST]` writes an identical copy, never over a file."""
    code, out, _ = run(capsys, "examples")
    assert code == 0 and all(p.name.removesuffix(".scenario.yaml") in out for p in core.example_paths())
    monkeypatch.chdir(tmp_path)
    code, out, _ = run(capsys, "examples", "--copy", "body-cam-patrol-uk")
    copy = tmp_path / "body-cam-patrol-uk.scenario.yaml"
    assert code == 0 and copy.read_bytes() == BODY_CAM.read_bytes()
    assert "clausewise evaluate body-cam-patrol-uk.scenario.yaml" in out
    copy.write_text("my edits", encoding="utf-8")
    code, _, err = run(capsys, "examples", "--copy", "body-cam-patrol-uk")
    assert code == 2 and "already exists" in err and copy.read_text(encoding="utf-8") == "my edits"
    (tmp_path / "mine").mkdir()
    assert run(capsys, "examples", "--copy", "us-city-police-fixed-cctv", "--to", "mine")[0] == 0
    assert (tmp_path / "mine" / "us-city-police-fixed-cctv.scenario.yaml").exists()
    assert run(capsys, "examples", "--copy", "us-city-police-fixed-cctv", "--to", "pilot.scenario.yaml")[0] == 0
    assert (tmp_path / "pilot.scenario.yaml").read_bytes().startswith(b"clausewise: scenario/1")
    for dest, message in (
        ("newdir/", "no such folder"),
        ("pilot.yaml", "must end in .scenario.yaml"),
        ("nowhere/pilot.scenario.yaml", "the folder does not exist"),
    ):
        code, _, err = run(capsys, "examples", "--copy", "body-cam-patrol-uk", "--to", dest)
        assert code == 2 and message in err and err.count("\n") == 1, err
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "body-cam-patrol-uk.scenario.yaml",
        "mine",
        "pilot.scenario.yaml",
    ]
    code, _, err = run(capsys, "examples", "--copy", "no-such-example")
    assert code == 2 and "no example 'no-such-example'" in err and err.count("\n") == 1
