"""Clausewise core: scenarios, questionnaire, policy packs, evaluation, memos, signatures.

This is the public API: the front ends (``gui`` and ``core.cli``) use only the names below, and
nothing inside ``core`` imports this module (import-linter contracts in ``.importlinter``, checked
by tests/test_architecture.py). Names are imported on first use (PEP 562), so ``import core`` is
cheap and never loads reportlab, pyHanko or cryptography; type checkers see the real definitions
through the ``TYPE_CHECKING`` imports. This package never imports Qt.
"""

from __future__ import annotations

import importlib
import sys
import types
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from core.atomic import write_atomic
    from core.batch import PackChange, PortfolioEntry, run_batch
    from core.citations import Citation, cite, later_version_text
    from core.conditions import UNKNOWN, TraceNode
    from core.errors import (
        EXIT_INPUT,
        EXIT_INTERNAL,
        EXIT_INTERRUPTED,
        Cancelled,
        ClausewiseError,
        ErrorKind,
        ErrorReport,
        IdentityError,
        InputError,
        PackError,
        QuestionnaireError,
        ScenarioError,
        SigningError,
        VerificationError,
        WrongPassphrase,
        explain_error,
    )
    from core.evaluator import evaluate
    from core.evidence import (
        badge_colour,
        badge_text,
        evidence_phrase,
        finding_evidence,
        overall_evidence,
        overall_publisher,
        pack_evidence,
    )
    from core.loading import load_packs, load_questionnaire, load_scenario
    from core.memo.context import MemoHeader
    from core.pack_diff import ClauseChange, PackDiff, diff_versions
    from core.pack_loader import load_pack
    from core.pack_tests import PackTestCase, check_case, failure_report, load_pack_tests, tests_path_for
    from core.packs import Clause, PackSet, PackVersion, PolicyPack, Rule, Source, VerificationStatus
    from core.questionnaire import (
        Field,
        FieldKind,
        FieldType,
        Option,
        Questionnaire,
        Resolution,
        Section,
        default_locked,
    )
    from core.report_json import clause_to_dict, evaluation_to_dict, evaluation_to_json
    from core.report_text import evaluation_to_text
    from core.report_text import wrap as wrap_text
    from core.resources import example_paths, resources_dir
    from core.results import Applicability, Evaluation, Fact, Finding, LaterVersion, PackResult
    from core.scenario import SUFFIX as SCENARIO_SUFFIX
    from core.scenario import Scenario
    from core.scenario_file import parse_scenario, save_scenario, scenario_to_yaml
    from core.schema import parse_date
    from core.signing.countersign import countersign_memo
    from core.signing.export import SignedMemo, export_signed_memo, render_unsigned_memo
    from core.signing.identity import (
        SigningIdentity,
        create_identity,
        ephemeral_identity,
        export_certificate,
        find_identity,
        import_identity,
        list_identities,
    )
    from core.signing.trust import (
        TrustedCertificate,
        trust_certificate_file,
        trusted_certificates,
    )
    from core.signing.trust import (
        untrust as untrust_certificate,
    )
    from core.signing.verify import VerificationReport, verify_memo
    from core.signing.verify import report_json as verification_report_json
    from core.timeline import Period, Timeline, timeline
    from core.userdirs import config_dir, data_dir, log_dir
    from core.value_class import value_class
    from core.verdicts import Verdict, most_severe
    from core.version import __version__
    from core.whatif import (
        Change,
        ChangeSet,
        FindingOptions,
        FindingRef,
        Requirement,
        WhatIf,
        what_if,
    )

# Public name -> "module" (same name there) or "module:name".
_EXPORTS: dict[str, str] = {
    "FieldKind": "core.questionnaire",
    "FindingRef": "core.whatif",
    "Requirement": "core.whatif",
    "default_locked": "core.questionnaire",
    "MemoHeader": "core.memo.context",
    "countersign_memo": "core.signing.countersign",
    "badge_colour": "core.evidence",
    "badge_text": "core.evidence",
    "evidence_phrase": "core.evidence",
    "finding_evidence": "core.evidence",
    "overall_evidence": "core.evidence",
    "overall_publisher": "core.evidence",
    "pack_evidence": "core.evidence",
    "write_atomic": "core.atomic",
    "value_class": "core.value_class",
    "PackChange": "core.batch",
    "PortfolioEntry": "core.batch",
    "run_batch": "core.batch",
    "Citation": "core.citations",
    "cite": "core.citations",
    "later_version_text": "core.citations",
    "UNKNOWN": "core.conditions",
    "TraceNode": "core.conditions",
    "EXIT_INPUT": "core.errors",
    "EXIT_INTERNAL": "core.errors",
    "EXIT_INTERRUPTED": "core.errors",
    "ErrorKind": "core.errors",
    "ErrorReport": "core.errors",
    "explain_error": "core.errors",
    "Cancelled": "core.errors",
    "ClausewiseError": "core.errors",
    "IdentityError": "core.errors",
    "InputError": "core.errors",
    "PackError": "core.errors",
    "QuestionnaireError": "core.errors",
    "ScenarioError": "core.errors",
    "SigningError": "core.errors",
    "VerificationError": "core.errors",
    "WrongPassphrase": "core.errors",
    "evaluate": "core.evaluator",
    "load_packs": "core.loading",
    "load_questionnaire": "core.loading",
    "ClauseChange": "core.pack_diff",
    "PackDiff": "core.pack_diff",
    "diff_versions": "core.pack_diff",
    "load_pack": "core.pack_loader",
    "PackTestCase": "core.pack_tests",
    "check_case": "core.pack_tests",
    "failure_report": "core.pack_tests",
    "load_pack_tests": "core.pack_tests",
    "tests_path_for": "core.pack_tests",
    "Clause": "core.packs",
    "PackSet": "core.packs",
    "PackVersion": "core.packs",
    "PolicyPack": "core.packs",
    "Rule": "core.packs",
    "Source": "core.packs",
    "VerificationStatus": "core.packs",
    "Field": "core.questionnaire",
    "FieldType": "core.questionnaire",
    "Option": "core.questionnaire",
    "Questionnaire": "core.questionnaire",
    "Resolution": "core.questionnaire",
    "Section": "core.questionnaire",
    "clause_to_dict": "core.report_json",
    "evaluation_to_dict": "core.report_json",
    "evaluation_to_json": "core.report_json",
    "evaluation_to_text": "core.report_text",
    "wrap_text": "core.report_text:wrap",
    "example_paths": "core.resources",
    "resources_dir": "core.resources",
    "Applicability": "core.results",
    "Evaluation": "core.results",
    "Fact": "core.results",
    "Finding": "core.results",
    "LaterVersion": "core.results",
    "PackResult": "core.results",
    "SCENARIO_SUFFIX": "core.scenario:SUFFIX",
    "Scenario": "core.scenario",
    "load_scenario": "core.loading",
    "parse_scenario": "core.scenario_file",
    "save_scenario": "core.scenario_file",
    "scenario_to_yaml": "core.scenario_file",
    "parse_date": "core.schema",
    "Period": "core.timeline",
    "Timeline": "core.timeline",
    "timeline": "core.timeline",
    "config_dir": "core.userdirs",
    "data_dir": "core.userdirs",
    "log_dir": "core.userdirs",
    "Verdict": "core.verdicts",
    "most_severe": "core.verdicts",
    "__version__": "core.version",
    "Change": "core.whatif",
    "ChangeSet": "core.whatif",
    "FindingOptions": "core.whatif",
    "WhatIf": "core.whatif",
    "what_if": "core.whatif",
    "SignedMemo": "core.signing.export",
    "export_signed_memo": "core.signing.export",
    "render_unsigned_memo": "core.signing.export",
    "SigningIdentity": "core.signing.identity",
    "create_identity": "core.signing.identity",
    "ephemeral_identity": "core.signing.identity",
    "export_certificate": "core.signing.identity",
    "find_identity": "core.signing.identity",
    "import_identity": "core.signing.identity",
    "list_identities": "core.signing.identity",
    "TrustedCertificate": "core.signing.trust",
    "trust_certificate_file": "core.signing.trust",
    "trusted_certificates": "core.signing.trust",
    "untrust_certificate": "core.signing.trust:untrust",
    "VerificationReport": "core.signing.verify",
    "verify_memo": "core.signing.verify",
    "verification_report_json": "core.signing.verify:report_json",
}

__all__ = [
    "EXIT_INPUT",
    "EXIT_INTERNAL",
    "EXIT_INTERRUPTED",
    "SCENARIO_SUFFIX",
    "UNKNOWN",
    "Applicability",
    "Cancelled",
    "Change",
    "ChangeSet",
    "Citation",
    "Clause",
    "ClauseChange",
    "ClausewiseError",
    "ErrorKind",
    "ErrorReport",
    "Evaluation",
    "Fact",
    "Field",
    "FieldKind",
    "FieldType",
    "Finding",
    "FindingOptions",
    "FindingRef",
    "IdentityError",
    "InputError",
    "LaterVersion",
    "MemoHeader",
    "Option",
    "PackChange",
    "PackDiff",
    "PackError",
    "PackResult",
    "PackSet",
    "PackTestCase",
    "PackVersion",
    "Period",
    "PolicyPack",
    "PortfolioEntry",
    "Questionnaire",
    "QuestionnaireError",
    "Requirement",
    "Resolution",
    "Rule",
    "Scenario",
    "ScenarioError",
    "Section",
    "SignedMemo",
    "SigningError",
    "SigningIdentity",
    "Source",
    "Timeline",
    "TraceNode",
    "TrustedCertificate",
    "Verdict",
    "VerificationError",
    "VerificationReport",
    "VerificationStatus",
    "WhatIf",
    "WrongPassphrase",
    "__version__",
    "badge_colour",
    "badge_text",
    "check_case",
    "cite",
    "clause_to_dict",
    "config_dir",
    "countersign_memo",
    "create_identity",
    "data_dir",
    "default_locked",
    "diff_versions",
    "ephemeral_identity",
    "evaluate",
    "evaluation_to_dict",
    "evaluation_to_json",
    "evaluation_to_text",
    "evidence_phrase",
    "example_paths",
    "explain_error",
    "export_certificate",
    "export_signed_memo",
    "failure_report",
    "find_identity",
    "finding_evidence",
    "import_identity",
    "later_version_text",
    "list_identities",
    "load_pack",
    "load_pack_tests",
    "load_packs",
    "load_questionnaire",
    "load_scenario",
    "log_dir",
    "most_severe",
    "overall_evidence",
    "overall_publisher",
    "pack_evidence",
    "parse_date",
    "parse_scenario",
    "render_unsigned_memo",
    "resources_dir",
    "run_batch",
    "save_scenario",
    "scenario_to_yaml",
    "tests_path_for",
    "timeline",
    "trust_certificate_file",
    "trusted_certificates",
    "untrust_certificate",
    "value_class",
    "verification_report_json",
    "verify_memo",
    "what_if",
    "wrap_text",
    "write_atomic",
]


def __getattr__(name: str) -> Any:
    """Import an exported name on first use and keep it (PEP 562)."""
    try:
        target = _EXPORTS[name]
    except KeyError:
        raise AttributeError(f"module 'core' has no attribute {name!r}") from None
    module, _, attribute = target.partition(":")
    try:
        loaded = importlib.import_module(module)
    except AttributeError as exc:  # else `from core import name` would hide it as "cannot import name"
        raise ImportError(f"core.{name}: importing {module} failed: {exc!r}") from exc
    value = getattr(loaded, attribute or name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    """The public names, for ``dir(core)`` and completion."""
    return sorted({*globals(), *__all__})


class _Facade(types.ModuleType):
    """The ``core`` module, except that a submodule never shadows the public name it shares.

    Importing ``core.timeline`` (the module) would otherwise replace ``core.timeline`` (the
    function) on the package; the submodule stays reachable through ``sys.modules``.
    """

    def __setattr__(self, name: str, value: Any) -> None:
        if name in _EXPORTS and isinstance(value, types.ModuleType):
            return
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Facade
