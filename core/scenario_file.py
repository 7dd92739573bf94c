"""Scenario files (``clausewise: scenario/1``): strict loading and stable saving.

Loading names the file, the field and the line of every problem. Saving writes keys in a fixed
order (answers in questionnaire order, list values in option order) so that files diff cleanly;
load → save → load gives an equal scenario.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from core.atomic import write_atomic
from core.condition_parser import field_value
from core.errors import ScenarioError
from core.model_keys import keys_of
from core.questionnaire import Questionnaire
from core.reading import read_text
from core.scenario import FORMAT, Scenario, normalise_answers
from core.schema import Reader, did_you_mean
from core.yamlsource import KeyPath, parse_yaml


def parse_scenario(text: str, file: str | Path, questionnaire: Questionnaire) -> Scenario:
    """Parse and validate scenario YAML; errors name the file, the field and the line."""
    data, smap = parse_yaml(text, file, ScenarioError)
    r = Reader(smap, ScenarioError)
    if data is None:
        r.fail((), "the file is empty; a scenario starts with 'clausewise: scenario/1'")
    r.mapping(data, (), *keys_of(Scenario, ("clausewise", "answers"), extra=("clausewise",)))
    if data["clausewise"] != FORMAT:
        r.fail(("clausewise",), f"expected {FORMAT!r}, found {data['clausewise']!r} (not a scenario file?)")
    title = r.text(data["title"], ("title",), allow_empty=True) if data.get("title") is not None else ""
    notes = r.text(data["notes"], ("notes",), allow_empty=True) if data.get("notes") is not None else ""
    as_of = r.date(data["as_of"], ("as_of",)) if data.get("as_of") is not None else None
    raw = data["answers"] if data["answers"] is not None else {}
    r.expect(raw, dict, ("answers",))
    answers = {fid: read_answer(r, questionnaire, fid, value, ("answers", fid)) for fid, value in raw.items()}
    return Scenario(title=title, answers=normalise_answers(questionnaire, answers), as_of=as_of, notes=notes)


def read_answer(r: Reader, questionnaire: Questionnaire, fid: str, value: Any, path: KeyPath) -> Any:
    """Validate one answer read from a document at ``path``; None means unanswered."""
    if fid not in questionnaire.fields:
        hint = did_you_mean(fid, questionnaire.fields) or "; see the questionnaire for the field ids"
        r.fail(path, f"unknown field{hint}")
    if value is None:
        return None
    f = questionnaire.fields[fid]
    if f.type.is_list:
        if not isinstance(value, list):
            example = ", ".join(f.sort_values(f.option_labels)[:2])
            r.fail(path, f"{fid} takes a list, e.g. [{example}]")
        return [field_value(r, f, v, (*path, i), questionnaire.countries) for i, v in enumerate(value)]
    if isinstance(value, list):
        r.fail(path, f"{fid} takes a single value, not a list")
    return field_value(r, f, value, path, questionnaire.countries)


def load_scenario(path: Path, questionnaire: Questionnaire) -> Scenario:
    """Read and validate a scenario file."""
    path = Path(path)
    return parse_scenario(read_text(path, ScenarioError), path, questionnaire)


class _Dumper(yaml.SafeDumper):
    """Block style for mappings, flow style for lists of ids, ``|`` for multi-line text and ``>``
    for long single-line text (so a paragraph of notes reads as a paragraph)."""


_UNSAFE_IN_BLOCKS = frozenset("\r\x85\u2028\u2029")  # line breaks YAML would fold into "\n" or " "


def _str_representer(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    if _UNSAFE_IN_BLOCKS.intersection(value):
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style='"')  # escaped: comes back exactly
    style = "|" if "\n" in value else ">" if len(value) > 80 else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


def _list_representer(dumper: yaml.SafeDumper, value: list[Any]) -> yaml.SequenceNode:
    return dumper.represent_sequence("tag:yaml.org,2002:seq", value, flow_style=True)


_Dumper.add_representer(str, _str_representer)
_Dumper.add_representer(list, _list_representer)


def scenario_to_yaml(scenario: Scenario, questionnaire: Questionnaire) -> str:
    """The scenario as YAML text in the stable, diff-friendly layout."""
    doc: dict[str, Any] = {"clausewise": FORMAT}
    if scenario.title:
        doc["title"] = scenario.title
    if scenario.as_of is not None:
        doc["as_of"] = scenario.as_of
    answers = normalise_answers(questionnaire, scenario.answers)
    doc["answers"] = {k: list(v) if isinstance(v, tuple) else v for k, v in answers.items()}
    if scenario.notes:
        doc["notes"] = scenario.notes
    return yaml.dump(doc, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)


def save_scenario(scenario: Scenario, path: Path, questionnaire: Questionnaire) -> None:
    """Write the scenario atomically (temporary file, then rename)."""
    write_atomic(Path(path), scenario_to_yaml(scenario, questionnaire).encode("utf-8"))
