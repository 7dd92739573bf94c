"""Loading the questionnaire and the policy packs, bundled or from a directory the user names."""

from __future__ import annotations

import dataclasses
from functools import cache
from pathlib import Path

from core.errors import QuestionnaireError
from core.pack_loader import load_pack_dir
from core.packs import PackSet
from core.questionnaire import Questionnaire
from core.questionnaire_loader import load_questionnaire as _load_questionnaire_file
from core.questionnaire_loader import parse_countries
from core.resources import packs_dir, resources_dir
from core.yamlsource import read_text


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
