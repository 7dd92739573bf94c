"""Clausewise core: scenarios, questionnaire, policy packs, evaluation, memos, signatures.

This package never imports Qt. Front ends (the GUI and the CLI) use only the names below.
Memo rendering and signing import reportlab and pyHanko lazily, on first use.
"""

from __future__ import annotations

import dataclasses
from functools import cache
from pathlib import Path

from core.atomic import write_atomic
from core.batch import PackChange, PortfolioEntry, find_scenarios, run_batch
from core.citations import Citation, cite
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
from core.questionnaire_loader import load_questionnaire as _load_questionnaire_file
from core.questionnaire_loader import parse_countries
from core.report_json import evaluation_to_dict, evaluation_to_json
from core.report_text import evaluation_to_text
from core.resources import example_paths, packs_dir, resources_dir
from core.results import Applicability, Evaluation, Fact, Finding, PackResult
from core.scenario import Scenario, load_scenario, parse_scenario, save_scenario, scenario_to_yaml
from core.schema import parse_date
from core.timeline import Period, Timeline, timeline
from core.userdirs import config_dir, data_dir
from core.verdicts import Verdict, most_severe
from core.whatif import DEFAULT_LOCKED, Change, ChangeSet, FindingOptions, WhatIf, what_if
from core.yamlsource import read_text


def _version() -> str:
    """The version in pyproject.toml (the one place it is written), via the installed metadata."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("clausewise")
    except PackageNotFoundError:  # a source tree that was never installed
        import tomllib

        pyproject = Path(__file__).resolve().parent.parent / "pyproject.toml"
        try:
            return tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]["version"]
        except (OSError, KeyError, ValueError):
            return "unknown"


__version__ = _version()

__all__ = [
    "DEFAULT_LOCKED",
    "UNKNOWN",
    "Applicability",
    "Cancelled",
    "Change",
    "ChangeSet",
    "Citation",
    "Clause",
    "ClausewiseError",
    "Evaluation",
    "Fact",
    "Field",
    "FieldType",
    "Finding",
    "FindingOptions",
    "IdentityError",
    "InputError",
    "Option",
    "PackChange",
    "PackError",
    "PackResult",
    "PackSet",
    "PackVersion",
    "Period",
    "PolicyPack",
    "PortfolioEntry",
    "Questionnaire",
    "QuestionnaireError",
    "Resolution",
    "Rule",
    "Scenario",
    "ScenarioError",
    "Section",
    "SigningError",
    "Source",
    "Timeline",
    "TraceNode",
    "Verdict",
    "VerificationError",
    "VerificationStatus",
    "WhatIf",
    "WrongPassphrase",
    "__version__",
    "cite",
    "config_dir",
    "create_identity",
    "data_dir",
    "ephemeral_identity",
    "evaluate",
    "evaluation_to_dict",
    "evaluation_to_json",
    "evaluation_to_text",
    "example_paths",
    "export_certificate",
    "export_signed_memo",
    "find_identity",
    "find_scenarios",
    "import_identity",
    "list_identities",
    "load_pack",
    "load_packs",
    "load_questionnaire",
    "load_scenario",
    "most_severe",
    "parse_date",
    "parse_scenario",
    "render_unsigned_memo",
    "resources_dir",
    "run_batch",
    "save_scenario",
    "scenario_to_yaml",
    "timeline",
    "trust_certificate_file",
    "trusted_certificates",
    "untrust_certificate",
    "verify_memo",
    "what_if",
    "write_atomic",
]


@cache
def _bundled_questionnaire() -> Questionnaire:
    return load_questionnaire(resources_dir() / "questionnaire.yaml")


def load_questionnaire(path: Path | None = None) -> Questionnaire:
    """The questionnaire at ``path``, or the bundled one (loaded once and cached)."""
    if path is None:
        return _bundled_questionnaire()
    countries_file = resources_dir() / "countries.yaml"
    countries_text = read_text(countries_file, QuestionnaireError)
    q = _load_questionnaire_file(Path(path), parse_countries(countries_text, countries_file))
    return dataclasses.replace(q, countries_text=countries_text)


def load_packs(directory: Path | None = None, questionnaire: Questionnaire | None = None) -> PackSet:
    """Every pack in ``directory`` (default: the bundled packs), checked against the questionnaire."""
    return load_pack_dir(Path(directory) if directory else packs_dir(), questionnaire or load_questionnaire())


# --- Memos, signing identities and verification -------------------------------------------
# These import reportlab and pyHanko (about a second together), so they are imported on first
# use, never at start-up.


def render_unsigned_memo(evaluation, packs, **kwargs):
    """An unsigned draft memo (PDF bytes, with attachments). See :mod:`core.memo.export`."""
    from core.memo.export import render_unsigned_memo as impl

    return impl(evaluation, packs, **kwargs)


def export_signed_memo(evaluation, packs, output, identity, passphrase=None, *, timestamp_url=None):
    """Render, sign (PAdES B-B, or B-T with ``timestamp_url``) and write the memo; returns a SignedMemo."""
    from core.memo.export import export_signed_memo as impl

    return impl(evaluation, packs, output, identity, passphrase, timestamp_url=timestamp_url)


def verify_memo(path, *, data=None):
    """Verify a signed memo; returns a VerificationReport (``.ok``, ``.lines()``, ``.to_dict()``)."""
    from core.signing.verify import verify_memo as impl

    return impl(path, data=data)


def create_identity(holder, organisation="", email="", passphrase=None, **kwargs):
    """Create a self-issued signing identity in the user's data directory."""
    from core.signing.identity import create_identity as impl

    return impl(holder, organisation, email, passphrase, **kwargs)


def import_identity(path, passphrase=None, **kwargs):
    """Import an organisation-issued PKCS#12 file."""
    from core.signing.identity import import_identity as impl

    return impl(path, passphrase, **kwargs)


def ephemeral_identity(holder, organisation=""):
    """A self-issued identity that lives only in memory (never written, never trusted)."""
    from core.signing.identity import ephemeral_identity as impl

    return impl(holder, organisation)


def list_identities():
    """The signing identities in the user's data directory."""
    from core.signing.identity import list_identities as impl

    return impl()


def find_identity(name=None):
    """The identity called ``name`` (or the only one)."""
    from core.signing.identity import find_identity as impl

    return impl(name)


def export_certificate(identity, path):
    """Write an identity's certificate (never its key) as PEM."""
    from core.signing.identity import export_certificate as impl

    return impl(identity, path)


def trust_certificate_file(path):
    """Add a certificate file to the trusted list."""
    from core.signing.trust import trust_certificate_file as impl

    return impl(path)


def trusted_certificates():
    """The trusted certificates."""
    from core.signing.trust import trusted_certificates as impl

    return impl()


def untrust_certificate(fingerprint):
    """Remove a certificate from the trusted list."""
    from core.signing.trust import untrust as impl

    return impl(fingerprint)
