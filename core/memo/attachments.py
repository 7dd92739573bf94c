"""Files attached inside the memo PDF, so a machine can re-check its conclusion.

Attached: the scenario file, the evaluation as JSON (with the memo's id and date), and the
questionnaire, country table and policy packs it was evaluated with.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from pyhanko.pdf_utils import embed, generic
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.pdf_utils.writer import BasePdfFileWriter

from core.packs import PackSet
from core.report_json import evaluation_to_dict
from core.results import Evaluation
from core.scenario import scenario_to_yaml
from core.version import __version__

SCENARIO = "scenario.scenario.yaml"
EVALUATION = "evaluation.json"
QUESTIONNAIRE = "questionnaire.yaml"
COUNTRIES = "countries.yaml"
PACK_PREFIX = "pack-"
PACK_SUFFIX = ".pack.yaml"


@dataclass(frozen=True)
class Attachment:
    """One embedded file."""

    name: str
    data: bytes
    mime: str
    description: str


def memo_attachments(evaluation: Evaluation, packs: PackSet, *, memo_id: str, created: dt.datetime) -> list[Attachment]:
    """The files to embed in a memo."""
    q = packs.questionnaire
    doc = evaluation_to_dict(evaluation, packs)
    doc["memo"] = {"id": memo_id, "created": created.isoformat(), "clausewise_version": __version__}
    out = [
        Attachment(SCENARIO, scenario_to_yaml(evaluation.scenario, q).encode(), "application/yaml", "The scenario"),
        Attachment(
            EVALUATION,
            json.dumps(doc, indent=2, ensure_ascii=False).encode(),
            "application/json",
            "The evaluation (clausewise-evaluation/1)",
        ),
        Attachment(QUESTIONNAIRE, q.text.encode("utf-8"), "application/yaml", "The questionnaire used"),
        Attachment(COUNTRIES, q.countries_text.encode("utf-8"), "application/yaml", "ISO 3166-1 table"),
    ]
    for pack in packs:
        out.append(
            Attachment(
                f"{PACK_PREFIX}{pack.id}{PACK_SUFFIX}",
                pack.text.encode("utf-8"),
                "application/yaml",
                f"Policy pack {pack.id} ({pack.digest})",
            )
        )
    return out


def embed_attachments(writer: BasePdfFileWriter, attachments: list[Attachment]) -> None:
    """Embed ``attachments`` in the document-wide embedded-file registry."""
    for a in attachments:
        data = embed.EmbeddedFileObject.from_file_data(writer, a.data, mime_type=a.mime)
        spec = embed.FileSpec(
            file_spec_string=a.name,
            file_name=a.name,
            embedded_data=data,
            description=a.description,
            af_relationship=generic.NameObject("/Supplement"),
        )
        embed.embed_file(writer, spec)


def read_attachments(reader: PdfFileReader) -> dict[str, bytes]:
    """The embedded files of a PDF, by name (empty if there are none)."""
    out: dict[str, bytes] = {}
    try:
        names = reader.root["/Names"]["/EmbeddedFiles"]["/Names"]
    except KeyError:
        return out
    for i in range(0, len(names) - 1, 2):
        spec = names[i + 1].get_object()
        name = str(spec.get("/UF", spec.get("/F", names[i])))
        try:
            out[name] = spec["/EF"]["/F"].get_object().data
        except KeyError:
            continue
    return out
