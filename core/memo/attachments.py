"""Files attached inside the memo PDF, so a machine can re-check its conclusion.

Attached: the scenario file, the evaluation as JSON (with the memo's id and date), and the
questionnaire, country table and policy packs it was evaluated with.
"""

from __future__ import annotations

import datetime as dt
import json

from pyhanko.pdf_utils import embed, generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.pdf_utils.writer import BasePdfFileWriter

from core.messages import Catalogue, catalogue
from core.pack_loader import PACK_SUFFIX
from core.packs import PackSet
from core.report_json import evaluation_to_dict
from core.results import Evaluation
from core.scenario import SUFFIX
from core.scenario_file import scenario_to_yaml
from core.value_class import value_class
from core.version import __version__

PRINTED_KEY = "/ClausewiseVerdicts"
"""Document information key holding the verdicts printed in the memo, as JSON."""

SCENARIO = f"scenario{SUFFIX}"
EVALUATION = "evaluation.json"
QUESTIONNAIRE = "questionnaire.yaml"
COUNTRIES = "countries.yaml"
PACK_PREFIX = "pack-"


@value_class
class Attachment:
    """One embedded file."""

    name: str
    data: bytes
    mime: str
    description: str
    relationship: str = "/Supplement"
    """How the file relates to the memo (PDF/A-3 AFRelationship): /Source, /Data or /Supplement."""


def memo_attachments(
    evaluation: Evaluation,
    packs: PackSet,
    *,
    memo_id: str,
    created: dt.datetime,
    messages: Catalogue | None = None,
) -> list[Attachment]:
    """The files to embed in a memo, described in the words of ``messages`` (English by default)."""
    q, t = packs.questionnaire, messages or catalogue()
    doc = evaluation_to_dict(evaluation, packs)
    doc["memo"] = {
        "id": memo_id,
        "created": created.isoformat(),
        "clausewise_version": __version__,
        "printed": printed_verdicts(doc),
    }
    out = [
        Attachment(
            SCENARIO,
            scenario_to_yaml(evaluation.scenario, q).encode(),
            "application/yaml",
            t("attachment.scenario"),
            "/Source",
        ),
        Attachment(
            EVALUATION,
            json.dumps(doc, indent=2, ensure_ascii=False).encode(),
            "application/json",
            t("attachment.evaluation"),
            "/Data",
        ),
        Attachment(QUESTIONNAIRE, q.text.encode("utf-8"), "application/yaml", t("attachment.questionnaire")),
        Attachment(COUNTRIES, q.countries_text.encode("utf-8"), "application/yaml", t("attachment.countries")),
    ]
    for pack in packs:
        out.append(
            Attachment(
                f"{PACK_PREFIX}{pack.id}{PACK_SUFFIX}",
                pack.text.encode("utf-8"),
                "application/yaml",
                t("attachment.pack", id=pack.id, digest=pack.digest),
            )
        )
    return out


def printed_verdicts(doc: dict) -> dict:
    """The verdicts a memo prints, from its evaluation dictionary: overall and per pack."""
    return {"overall": doc["overall"], "packs": {pid: p["verdict"] for pid, p in doc["packs"].items()}}


def record_printed_verdicts(writer: IncrementalPdfFileWriter, evaluation: Evaluation, packs: PackSet) -> None:
    """Store the printed verdicts as machine-readable metadata (document information, JSON)."""
    info_ref = writer.trailer.raw_get("/Info") if "/Info" in writer.trailer else None
    if info_ref is None:
        info = generic.DictionaryObject()
        writer.trailer[generic.NameObject("/Info")] = writer.add_object(info)
    else:
        info = info_ref.get_object()
    verdicts = printed_verdicts(evaluation_to_dict(evaluation, packs))
    info[generic.NameObject(PRINTED_KEY)] = generic.TextStringObject(json.dumps(verdicts, sort_keys=True))
    if info_ref is not None:
        writer.update_container(info)


def embed_attachments(
    writer: BasePdfFileWriter, attachments: list[Attachment], *, modified: dt.datetime | None = None
) -> None:
    """Embed ``attachments`` in the document-wide embedded-file registry, each as a PDF/A-3
    associated file: listed in the catalogue's /AF, with /AFRelationship, /F, /UF, /Desc, a MIME
    /Subtype and /Params with the modification date and size."""
    when = modified or dt.datetime.now(dt.UTC).replace(microsecond=0)
    for a in attachments:
        params = embed.EmbeddedFileParams(embed_size=True, embed_checksum=True, modification_date=when)
        data = embed.EmbeddedFileObject.from_file_data(writer, a.data, mime_type=a.mime, params=params)
        spec = embed.FileSpec(
            file_spec_string=a.name,
            file_name=a.name,
            embedded_data=data,
            description=a.description,
        )
        embed.embed_file(writer, spec)
        _associate_last_file(writer, generic.NameObject(a.relationship))


def _associate_last_file(writer: BasePdfFileWriter, relationship: generic.NameObject) -> None:
    """Make the file just embedded an associated file: /AFRelationship and the catalog's /AF.

    Done here rather than by pyHanko's ``af_relationship``, which raises the document to PDF 2.0;
    PDF/A-3 (a PDF 1.7 profile) defines associated files for PDF 1.7 (ISO 19005-3, 6.8).
    """
    names = writer.root["/Names"]["/EmbeddedFiles"]["/Names"]
    ref = names.raw_get(len(names) - 1)
    ref.get_object()[generic.NameObject("/AFRelationship")] = relationship
    try:
        associated = writer.root["/AF"]
    except KeyError:
        associated = generic.ArrayObject()
        writer.root[generic.NameObject("/AF")] = writer.add_object(associated)
        writer.update_root()
    associated.append(ref)
    writer.update_container(associated)


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
