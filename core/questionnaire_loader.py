"""Strict loading of ``questionnaire.yaml`` (format ``clausewise: questionnaire/1``)."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path
from typing import Any

from core.condition_parser import ConditionParser
from core.conditions import Condition, Ref
from core.errors import QuestionnaireError
from core.model_keys import keys_of
from core.questionnaire import Field, FieldKind, FieldType, Option, Questionnaire, Section
from core.reading import read_text
from core.schema import Reader
from core.yamlsource import parse_yaml

FORMAT = "questionnaire/1"
_FIELD_ID = re.compile(r"^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*$")
_OPTION_ID = re.compile(r"^[a-z0-9][a-z0-9_]*$")


def parse_countries(text: str, file: str | Path) -> dict[str, str]:
    """Parse the ISO 3166-1 table from text."""
    data, smap = parse_yaml(text, file, QuestionnaireError)
    r = Reader(smap, QuestionnaireError)
    r.mapping(data, (), required=("clausewise", "countries"))
    r.choice(data["clausewise"], ("clausewise",), ["countries/1"])
    table = r.expect(data["countries"], dict, ("countries",))
    out: dict[str, str] = {}
    for code, name in table.items():
        if not re.fullmatch(r"[A-Z]{2}", code):
            r.fail(("countries", code), "country codes are two upper-case letters")
        out[code] = r.text(name, ("countries", code))
    return out


def load_questionnaire(path: Path, countries: dict[str, str]) -> Questionnaire:
    """Load and validate a questionnaire file; errors name the file, key path and line."""
    return parse_questionnaire(read_text(Path(path), QuestionnaireError), path, countries)


def parse_questionnaire(text: str, path: str | Path, countries: dict[str, str]) -> Questionnaire:
    """Parse and validate questionnaire YAML text."""
    data, smap = parse_yaml(text, path, QuestionnaireError)
    r = Reader(smap, QuestionnaireError)
    r.mapping(data, (), required=("clausewise", "sections"), optional=("definitions",))
    r.choice(data["clausewise"], ("clausewise",), [FORMAT])

    sections: list[Section] = []
    fields: dict[str, Field] = {}
    field_paths: dict[str, tuple[Any, ...]] = {}
    for si, sdata in enumerate(r.items(data["sections"], ("sections",))):
        spath = ("sections", si)
        r.mapping(sdata, spath, *keys_of(Section, ("id", "title", "fields")))
        sid = r.identifier(sdata["id"], (*spath, "id"))
        if any(s.id == sid for s in sections):
            r.fail((*spath, "id"), f"section {sid!r} is defined twice")
        ids = []
        for fi, fdata in enumerate(r.items(sdata["fields"], (*spath, "fields"))):
            f = _read_field(r, fdata, (*spath, "fields", fi), sid, countries)
            if f.id in fields:
                r.fail((*spath, "fields", fi, "id"), f"field {f.id!r} is defined twice")
            fields[f.id] = f
            field_paths[f.id] = (*spath, "fields", fi)
            ids.append(f.id)
        sections.append(Section(sid, r.text(sdata["title"], (*spath, "title")), _help(r, sdata, spath), tuple(ids)))

    definitions: dict[str, Ref] = {}
    parser = ConditionParser(r, fields, definitions, countries)
    for di, ddata in enumerate(r.items(data.get("definitions", []), ("definitions",), allow_empty=True)):
        dpath = ("definitions", di)
        ref = read_definition(r, parser, ddata, dpath)
        if ref.name in definitions:
            r.fail((*dpath, "name"), f"definition {ref.name!r} is defined twice")
        definitions[ref.name] = ref

    asked: dict[str, Condition] = {}
    for fid, fpath in field_paths.items():
        fdata = _lookup(data, fpath)
        if "asked_when" in fdata:
            asked[fid] = parser.parse(fdata["asked_when"], (*fpath, "asked_when"))
    _check_cycles(r, fields, asked, field_paths)
    final = {fid: dataclasses.replace(f, asked_when=asked.get(fid)) for fid, f in fields.items()}
    return Questionnaire(final, tuple(sections), definitions, countries, source=str(path), text=text)


def read_definition(r: Reader, parser: ConditionParser, ddata: Any, dpath: tuple[Any, ...]) -> Ref:
    """Read one named condition ``{name, description, when}``."""
    r.mapping(ddata, dpath, required=("name", "description", "when"))
    name = r.identifier(ddata["name"], (*dpath, "name"))
    description = r.text(ddata["description"], (*dpath, "description"))
    target = parser.parse(ddata["when"], (*dpath, "when"))
    return Ref(name, description, target)


def _lookup(data: Any, path: tuple[Any, ...]) -> Any:
    for part in path:
        data = data[part]
    return data


def _help(r: Reader, data: dict[str, Any], path: tuple[Any, ...]) -> str:
    return r.text(data["help"], (*path, "help")) if "help" in data else ""


def _read_field(r: Reader, fdata: Any, fpath: tuple[Any, ...], section: str, countries: dict[str, str]) -> Field:
    r.mapping(
        fdata,
        fpath,
        required=("id", "type", "label", "question", "help"),
        optional=("options", "asked_when", "never_empty", "kind", "drift"),
    )
    fid = r.text(fdata["id"], (*fpath, "id"))
    if not _FIELD_ID.match(fid):
        r.fail((*fpath, "id"), f"{fid!r} is not a valid field id (lower-case words joined by '.')")
    ftype = FieldType(r.choice(fdata["type"], (*fpath, "type"), [t.value for t in FieldType]))
    options: list[Option] = []
    if ftype in (FieldType.CHOICE, FieldType.MULTICHOICE):
        if "options" not in fdata:
            r.fail(fpath, f"missing key 'options' (a {ftype.value} field needs options)")
        for oi, odata in enumerate(r.items(fdata["options"], (*fpath, "options"))):
            opath = (*fpath, "options", oi)
            r.mapping(odata, opath, *keys_of(Option, ("value", "label")))
            value = r.text(odata["value"], (*opath, "value"))
            if not _OPTION_ID.match(value):
                r.fail((*opath, "value"), f"{value!r} is not a valid option id")
            if any(o.value == value for o in options):
                r.fail((*opath, "value"), f"option {value!r} is listed twice")
            phrase = r.text(odata["phrase"], (*opath, "phrase")) if "phrase" in odata else ""
            alternatives = None
            if "alternatives" in odata:
                items = r.items(odata["alternatives"], (*opath, "alternatives"), allow_empty=True)
                alternatives = tuple(r.text(x, (*opath, "alternatives", j)) for j, x in enumerate(items))
            offered = r.boolean(odata["offered"], (*opath, "offered")) if "offered" in odata else True
            label = r.text(odata["label"], (*opath, "label"))
            options.append(Option(value, label, _help(r, odata, opath), phrase, alternatives, offered))
    elif "options" in fdata:
        r.fail((*fpath, "options"), f"a {ftype.value} field takes no options")
    values = {o.value for o in options}
    for oi, option in enumerate(options):
        for j, alt in enumerate(option.alternatives or ()):
            if alt not in values:
                r.fail((*fpath, "options", oi, "alternatives", j), f"{alt!r} is not an option of this field")
    if ftype in (FieldType.COUNTRY, FieldType.COUNTRIES):
        labels: dict[str, str] = dict(countries)
    else:
        labels = {o.value: o.label for o in options}
    kind, drift = _read_kind(r, fdata, fpath)
    return Field(
        id=fid,
        type=ftype,
        label=r.text(fdata["label"], (*fpath, "label")),
        question=r.text(fdata["question"], (*fpath, "question")),
        help=r.text(fdata["help"], (*fpath, "help")),
        section=section,
        options=tuple(options),
        option_labels=labels,
        never_empty=r.boolean(fdata["never_empty"], (*fpath, "never_empty")) if "never_empty" in fdata else False,
        kind=kind,
        drift=drift,
    )


def _read_kind(r: Reader, fdata: dict[str, Any], fpath: tuple[Any, ...]) -> tuple[FieldKind, bool]:
    """``kind`` (required: fact or design) and ``drift`` (facts only; default false)."""
    if "kind" not in fdata:
        r.fail(
            fpath,
            "missing key 'kind' (fact: a fact of the context the deployer cannot choose; "
            "design: a choice in the design of the deployment)",
        )
    kind = FieldKind(r.choice(fdata["kind"], (*fpath, "kind"), [k.value for k in FieldKind]))
    drift = r.boolean(fdata["drift"], (*fpath, "drift")) if "drift" in fdata else False
    if drift and kind is not FieldKind.FACT:
        r.fail((*fpath, "drift"), "only a fact of the context can drift (design choices are always tried)")
    return kind, drift


def _check_cycles(
    r: Reader,
    fields: dict[str, Field],
    asked: dict[str, Condition],
    paths: dict[str, tuple[Any, ...]],
) -> None:
    state: dict[str, int] = {}  # 1 = visiting, 2 = done

    def visit(fid: str, chain: list[str]) -> None:
        if state.get(fid) == 2:
            return
        if state.get(fid) == 1:
            cycle = " → ".join([*chain[chain.index(fid) :], fid])
            r.fail((*paths[chain[-1]], "asked_when"), f"asked-when conditions form a cycle: {cycle}")
        state[fid] = 1
        cond = asked.get(fid)
        if cond is not None:
            for dep in sorted(cond.fields()):
                visit(dep, [*chain, fid])
        state[fid] = 2

    for fid in fields:
        visit(fid, [])
