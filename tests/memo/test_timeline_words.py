"""The timeline names clauses by their words and sections, never by their ids in the packs:
in the command line's text and JSON output and in the memo (issue 14, "internal clause ids")."""

from __future__ import annotations

import datetime as dt
import json
import re
import subprocess
import sys

import core
from core.citations import clause_name
from core.memo.render import render
from core.messages import catalogue
from core.timeline import timeline
from tests.memo.conftest import BODY_CAM, needs_poppler, poppler

MOBILE = "“be used for any real-time facial recognition technology…” (Integrations with Azure OpenAI Service must not)"


def cli(*args: str) -> subprocess.CompletedProcess:
    """Run the real command line in a subprocess."""
    return subprocess.run([sys.executable, "-m", "core.cli", *args], capture_output=True, text=True, check=False)


def clause_ids(packs) -> set[str]:
    """Every clause id of every version of every bundled pack."""
    return {cid for pack in packs for version in pack.versions for cid in version.clauses}


def mentions(text: str, ids: set[str]) -> list[str]:
    """The clause ids that occur in ``text`` as whole tokens."""
    return sorted(i for i in ids if re.search(rf"(?<![\w-]){re.escape(i)}(?![\w-])", text))


def test_cli_timeline_names_clauses_by_their_words_not_their_ids(packs):
    """`clausewise evaluate --timeline`: the 2024-05-01 change names the mobile-camera clause in words; no id."""
    r = cli("evaluate", str(BODY_CAM), "--timeline")
    assert r.returncode == 0, r.stderr
    part = " ".join(r.stdout.split("How the verdict moved over time:")[1].split())
    assert "2024-05-01: still prohibited (version 2024-05-01); now cited:" in part
    assert MOBILE in part
    assert mentions(part, clause_ids(packs)) == []


def test_cli_json_timeline_changes_are_in_words_too(packs):
    """The JSON output's timeline changes name clauses in words (the periods keep the ids for programs)."""
    r = cli("evaluate", str(BODY_CAM), "--timeline", "--format", "json")
    data = json.loads(r.stdout)["timeline"]["packs"]["microsoft-azure-openai"]
    changes = " ".join(data["changes"])
    assert MOBILE in changes and mentions(changes, clause_ids(packs)) == []
    assert "law-enforcement-mobile-real-time" in [c for p in data["periods"] for c in p["clauses"]]


def test_a_clause_without_a_known_name_is_still_named(packs):
    """The fallback: a section alone, or the id only when nothing else is known (a hand-built period)."""
    t = catalogue()
    assert clause_name("Article 5(1)(h)", "", t) == "“Article 5(1)(h)”"
    line = timeline(core.load_scenario(BODY_CAM, packs.questionnaire), packs).pack("microsoft-azure-openai")
    period = line.periods[-1]
    assert period.clause_name("law-enforcement-mobile-real-time", t) == MOBILE
    assert period.clause_name("not-cited-here", t) == "“not-cited-here”"


@needs_poppler
def test_the_memo_timeline_names_clauses_in_words(packs, tmp_path):
    """The memo's "How the verdict moved over time" section has the clause words and no clause id."""
    ev = core.evaluate(core.load_scenario(BODY_CAM, packs.questionnaire), packs)
    path = tmp_path / "memo.pdf"
    path.write_bytes(render(ev, packs, memo_id="CW-TEST", created=dt.datetime.now(dt.UTC), author=None).pdf)
    text = " ".join(poppler("pdftotext", "-enc", "UTF-8", str(path), "-").split())
    section = text.split("How the verdict moved over time")[1].split("Policy versions and pack digests")[0]
    assert "now cited" in section and MOBILE in section
    assert mentions(section, clause_ids(packs)) == []
