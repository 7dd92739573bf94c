"""Loading the questionnaire, the policy packs and scenarios: bundled, or from files the user names.

The bundled questionnaire, packs and example scenarios come from their precompiled form when it
is current (:mod:`core.precompiled`: same objects, a few milliseconds instead of tens, and PyYAML
is not needed); otherwise, and for every other file, the YAML is parsed and checked.
"""

from __future__ import annotations

import dataclasses
from functools import cache
from pathlib import Path

from core.packs import PackSet
from core.precompiled import Precompiled, bundled
from core.questionnaire import Questionnaire
from core.reading import MAX_BYTES, decode_text, read_bytes
from core.resources import COUNTRIES_FILE, QUESTIONNAIRE_FILE, packs_dir, resources_dir
from core.scenario import Scenario


def _precompiled() -> Precompiled | None:
    return bundled()


@cache
def _bundled_questionnaire() -> Questionnaire:
    pre = _precompiled()
    if pre is not None:
        return pre.questionnaire
    return _parse_questionnaire(resources_dir() / QUESTIONNAIRE_FILE, resources_dir())


def load_questionnaire(path: Path | None = None) -> Questionnaire:
    """The questionnaire at ``path``, or the bundled one (loaded once and cached)."""
    if path is None:
        return _bundled_questionnaire()
    return _parse_questionnaire(Path(path), resources_dir())


def _parse_questionnaire(path: Path, resources: Path) -> Questionnaire:
    from core.errors import QuestionnaireError
    from core.questionnaire_loader import load_questionnaire as load_file
    from core.questionnaire_loader import parse_countries
    from core.reading import read_text

    countries_file = resources / COUNTRIES_FILE
    countries_text = read_text(countries_file, QuestionnaireError)
    q = load_file(path, parse_countries(countries_text, countries_file))
    return dataclasses.replace(q, countries_text=countries_text)


def load_packs(directory: Path | None = None, questionnaire: Questionnaire | None = None) -> PackSet:
    """Every pack in ``directory`` (default: the bundled packs), checked against the questionnaire."""
    if directory is None:
        pre = _precompiled()
        if pre is not None and (questionnaire is None or questionnaire is pre.questionnaire):
            return PackSet(pre.questionnaire, pre.packs())
    from core.pack_loader import load_pack_dir

    return load_pack_dir(Path(directory) if directory else packs_dir(), questionnaire or load_questionnaire())


def parse_bundled(resources: Path) -> PackSet:
    """The questionnaire and packs bundled in ``resources``, always parsed from the YAML (never
    from the precompiled form: this is what :mod:`core.precompile` writes)."""
    from core.pack_loader import load_pack_dir

    return load_pack_dir(resources / "packs", _parse_questionnaire(resources / QUESTIONNAIRE_FILE, resources))


def load_scenario(path: Path, questionnaire: Questionnaire) -> Scenario:
    """Read and validate a scenario file (errors name the file, the field and the line).

    A file holding exactly the bytes of a bundled example, read with the bundled questionnaire,
    is not parsed again: its scenario comes from the precompiled form (equal to what parsing gives,
    as a scenario depends on its text alone), so opening the example at start-up needs no YAML
    parser. Any other file, or any other questionnaire, is parsed (:mod:`core.scenario_file`).
    """
    from core.errors import ScenarioError

    path = Path(path)
    pre = _precompiled()
    if pre is None or questionnaire is not pre.questionnaire:
        from core.scenario_file import load_scenario as parse_file

        return parse_file(path, questionnaire)
    raw = read_bytes(path, ScenarioError, limit=MAX_BYTES)
    scenario = pre.example(raw)
    if scenario is not None:
        return scenario
    from core.scenario_file import parse_scenario

    return parse_scenario(decode_text(raw, path, ScenarioError), path, questionnaire)
