"""The keys a pack file may use are the model's fields: derived once, checked by the loader."""

from __future__ import annotations

import dataclasses
import re

import pytest
import yaml

import core
from core.model_keys import keys_of
from core.pack_loader import parse_pack
from core.packs import Clause, PackVersion, PolicyPack, Source

PACK = core.resources_dir() / "packs" / "eu-ai-act-article-5.pack.yaml"
Q = core.load_questionnaire()


def _allowed_after_adding(where, key="bogus_key") -> set[str]:
    data = yaml.safe_load(PACK.read_text(encoding="utf-8"))
    where(data)[key] = 1
    with pytest.raises(core.PackError) as info:
        parse_pack(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "edited.pack.yaml", Q)
    match = re.search(r"unknown key.*allowed here: (.*)", str(info.value))
    assert match, str(info.value)
    return set(match.group(1).split(", "))


def _fields(model, *, minus=(), plus=()) -> set[str]:
    return {f.name for f in dataclasses.fields(model)} - set(minus) | set(plus)


@pytest.mark.parametrize(
    ("where", "expected"),
    [
        (lambda d: d, _fields(PolicyPack, minus=("digest", "file", "text"), plus=("clausewise",))),
        (lambda d: d["sources"][0], _fields(Source)),
        (lambda d: d["versions"][0], _fields(PackVersion)),
        (lambda d: d["versions"][0]["clauses"][0], _fields(Clause)),
    ],
)
def test_an_unknown_key_is_refused_and_the_allowed_keys_are_the_models_fields(where, expected):
    """A pack with a key its model lacks is refused, and the message lists exactly the model's fields."""
    assert _allowed_after_adding(where) == expected


def test_required_keys_must_be_fields():
    """Naming a required key the model does not have is a programming error, caught at once."""
    with pytest.raises(ValueError, match="no field 'colour'"):
        keys_of(Source, ("id", "colour"))
    assert keys_of(Source, ("id",)).optional == (
        "publisher",
        "title",
        "url",
        "retrieved",
        "published",
        "obtained_from",
        "note",
    )
