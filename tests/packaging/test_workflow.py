"""The CI workflow is valid against GitHub's published workflow schema and uses runners that exist."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import yaml

ROOT = Path(__file__).resolve().parents[2]
WORKFLOW = ROOT / ".github" / "workflows" / "build.yml"
SCHEMA = Path(__file__).with_name("schemas") / "github-workflow.json"
# Runner images GitHub has retired (a job asking for one waits for a machine forever).
RETIRED = {"macos-11", "macos-12", "macos-13", "macos-14", "ubuntu-18.04", "ubuntu-20.04", "windows-2019"}


def _workflow() -> dict:
    # GitHub reads workflows as YAML 1.2, where `on` is a string; PyYAML (YAML 1.1) reads it as true.
    data = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    if True in data:
        data["on"] = data.pop(True)
    return data


def _errors(data: dict) -> list[str]:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    validator = jsonschema.Draft7Validator(schema)
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(data)]


def test_the_workflow_is_valid_against_the_published_schema():
    """.github/workflows/build.yml validates against SchemaStore's github-workflow.json."""
    assert _errors(_workflow()) == []


def test_the_schema_check_catches_a_broken_workflow():
    """A job without runs-on, or a step with an unknown key, is refused by the same check."""
    data = _workflow()
    del data["jobs"]["build"]["runs-on"]
    assert _errors(data)
    data = _workflow()
    data["jobs"]["build"]["steps"][0]["usez"] = "actions/checkout@v4"
    assert _errors(data)


def test_every_runner_image_is_current_and_macos_builds_for_both_architectures():
    """No retired image; Apple silicon and Intel macOS builds each get a machine; the minimum is macOS 14."""
    job = _workflow()["jobs"]["build"]
    oses = {entry["name"]: entry["os"] for entry in job["strategy"]["matrix"]["include"]}
    assert not set(oses.values()) & RETIRED, oses
    assert oses["macos-arm64"] in {"macos-15", "macos-26", "macos-latest"}
    assert oses["macos-x86_64"].endswith("-intel") or oses["macos-x86_64"].endswith("-large")
    assert job["env"]["MACOSX_DEPLOYMENT_TARGET"] == "14.0"
    spec = (ROOT / "packaging" / "clausewise.spec").read_text(encoding="utf-8")
    assert '"LSMinimumSystemVersion": "14.0"' in spec
    assert "macOS** (14 Sonoma or later" in (ROOT / "README.md").read_text(encoding="utf-8")
