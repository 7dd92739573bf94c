"""Clausewise core: scenarios, questionnaire, policy packs, evaluation, memos, signatures.

This package never imports Qt. Front ends (the GUI and the CLI) use only the names below.
Memo rendering and signing import reportlab and pyHanko lazily, on first use.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from core.conditions import UNKNOWN, TraceNode
from core.errors import (
    Cancelled,
    ClausewiseError,
    IdentityError,
    InputError,
    PackError,
    QuestionnaireError,
    ScenarioError,
    SigningError,
    VerificationError,
    WrongPassphrase,
)
from core.evaluator import evaluate
from core.pack_loader import load_pack, load_pack_dir
from core.packs import Clause, PackSet, PackVersion, PolicyPack, Rule, Source, VerificationStatus
from core.questionnaire import Field, FieldType, Option, Questionnaire, Resolution, Section
from core.questionnaire_loader import load_countries
from core.questionnaire_loader import load_questionnaire as _load_questionnaire_file
from core.report_json import evaluation_to_dict, evaluation_to_json
from core.report_text import evaluation_to_text
from core.resources import example_paths, packs_dir, resources_dir
from core.results import Applicability, Evaluation, Fact, Finding, PackResult
from core.scenario import Scenario, load_scenario, parse_scenario, save_scenario, scenario_to_yaml
from core.schema import parse_date
from core.verdicts import Verdict, most_severe

__version__ = "0.1.0"

__all__ = [
    "UNKNOWN",
    "Applicability",
    "Cancelled",
    "Clause",
    "ClausewiseError",
    "Evaluation",
    "Fact",
    "Field",
    "FieldType",
    "Finding",
    "IdentityError",
    "InputError",
    "Option",
    "PackError",
    "PackResult",
    "PackSet",
    "PackVersion",
    "PolicyPack",
    "Questionnaire",
    "QuestionnaireError",
    "Resolution",
    "Rule",
    "Scenario",
    "ScenarioError",
    "Section",
    "SigningError",
    "Source",
    "TraceNode",
    "Verdict",
    "VerificationError",
    "VerificationStatus",
    "WrongPassphrase",
    "__version__",
    "evaluate",
    "evaluation_to_dict",
    "evaluation_to_json",
    "evaluation_to_text",
    "example_paths",
    "load_pack",
    "load_packs",
    "load_questionnaire",
    "load_scenario",
    "most_severe",
    "parse_date",
    "parse_scenario",
    "save_scenario",
    "scenario_to_yaml",
]


@cache
def _bundled_questionnaire() -> Questionnaire:
    res = resources_dir()
    return _load_questionnaire_file(res / "questionnaire.yaml", load_countries(res / "countries.yaml"))


def load_questionnaire(path: Path | None = None) -> Questionnaire:
    """The questionnaire at ``path``, or the bundled one (loaded once and cached)."""
    if path is None:
        return _bundled_questionnaire()
    return _load_questionnaire_file(Path(path), load_countries(resources_dir() / "countries.yaml"))


def load_packs(directory: Path | None = None, questionnaire: Questionnaire | None = None) -> PackSet:
    """Every pack in ``directory`` (default: the bundled packs), checked against the questionnaire."""
    return load_pack_dir(Path(directory) if directory else packs_dir(), questionnaire or load_questionnaire())
