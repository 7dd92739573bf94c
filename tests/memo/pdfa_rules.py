"""An independent check of the ISO 19005-3 (PDF/A-3, level B) rules that apply to the memo.

veraPDF, the reference validator, is not packaged on PyPI, Debian or npm (it needs a Java
download), so each applicable rule is checked here with pikepdf, reading the file as written
(signature and attachments included). Checked, by clause of ISO 19005-3:

- 6.1.2  file header ``%PDF-1.n`` followed by a comment of at least four bytes above 127;
- 6.1.3  trailer /ID present, no /Encrypt;
- 6.1.7  no stream with /F, /FFilter or /FDecodeParms, no LZWDecode filter;
- 6.2.2  exactly one PDF/A OutputIntent (/S /GTS_PDFA1) whose DestOutputProfile is an RGB
         (N 3) display or printer ICC profile of version 2 or 4;
- 6.2.4  no DeviceCMYK colour operators (k, K) in any content stream (the output intent is RGB);
- 6.2.10 no transparency: no soft masks, no constant alpha below 1, no blend mode other than
         Normal, no transparency groups (the memo promises none, PDF/A-3 would allow it);
- 6.2.11 every font used by pages, form XObjects and annotation appearances is embedded;
- 6.3    every annotation has the Print flag and none of Hidden, Invisible, NoView,
         ToggleNoView; widget appearances have only a normal (/N) entry;
- 6.4    the AcroForm has no /NeedAppearances true;
- 6.6    no JavaScript, Launch, or other forbidden actions; no catalog /AA;
- 6.6.2  a catalog /Metadata XMP stream with pdfaid:part 3 and pdfaid:conformance B, and every
         Info entry that is present (Title, Author, Subject, Creator, Producer, CreationDate,
         ModDate) equal to its XMP counterpart;
- 6.8    every embedded file's specification has /F, /UF, /Desc and /AFRelationship and is in
         the catalog's /AF array; every embedded file stream has a MIME /Subtype and
         /Params with /ModDate.

Also checked, though not PDF/A rules: a document language (/Lang) and bookmarks (/Outlines).
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pikepdf

FORBIDDEN_ACTIONS = {"/Launch", "/Sound", "/Movie", "/ResetForm", "/ImportData", "/JavaScript", "/Hide"}


def _objects(pdf: pikepdf.Pdf):
    """Every dictionary and stream reachable from the trailer, direct (inline) ones included."""
    seen: set[tuple[int, int]] = set()
    stack: list = [pdf.trailer]
    while stack:
        obj = stack.pop()
        if not isinstance(obj, pikepdf.Object):
            continue  # numbers, booleans and strings come back as Python values
        if obj.is_indirect:
            if obj.objgen in seen:
                continue
            seen.add(obj.objgen)
        if isinstance(obj, pikepdf.Stream):
            yield obj
            stack += list(obj.stream_dict.values())
        elif isinstance(obj, pikepdf.Dictionary):
            yield obj
            stack += list(obj.values())
        elif isinstance(obj, pikepdf.Array):
            stack += list(obj)


def _header(raw: bytes, problems: list[str]) -> None:
    if not re.match(rb"%PDF-1\.[0-7]\r?\n%[\x80-\xff]{4}", raw[:20]):
        problems.append("6.1.2: header is not %PDF-1.n followed by a binary comment")


def _trailer_and_streams(pdf: pikepdf.Pdf, problems: list[str]) -> None:
    if "/ID" not in pdf.trailer:
        problems.append("6.1.3: trailer has no /ID")
    if "/Encrypt" in pdf.trailer:
        problems.append("6.1.3: the file is encrypted")
    for obj in _objects(pdf):
        if isinstance(obj, pikepdf.Stream):
            if any(k in obj.stream_dict for k in ("/F", "/FFilter", "/FDecodeParms")):
                problems.append(f"6.1.7: stream {obj.objgen} refers to an external file")
            filters = obj.stream_dict.get("/Filter")
            names = [str(f) for f in filters] if isinstance(filters, pikepdf.Array) else [str(filters)]
            if "/LZWDecode" in names:
                problems.append(f"6.1.7: stream {obj.objgen} uses LZWDecode")


def _output_intent(pdf: pikepdf.Pdf, problems: list[str]) -> None:
    intents = [i for i in pdf.Root.get("/OutputIntents", []) if i.get("/S") == "/GTS_PDFA1"]
    if len(intents) != 1:
        problems.append(f"6.2.2: {len(intents)} PDF/A output intents, not one")
        return
    profile = intents[0].get("/DestOutputProfile")
    if profile is None:
        problems.append("6.2.2: the output intent has no DestOutputProfile")
        return
    data = profile.read_bytes()
    if int(profile.stream_dict.get("/N", 0)) != 3 or data[16:20] != b"RGB ":
        problems.append("6.2.2: the output profile is not RGB")
    if data[12:16] not in (b"mntr", b"prtr") or data[8] not in (2, 4):
        problems.append("6.2.2: the output profile is not a version 2 or 4 display or printer profile")


def _content_streams(pdf: pikepdf.Pdf):
    for page in pdf.pages:
        yield page.obj
    for obj in _objects(pdf):
        if isinstance(obj, pikepdf.Stream) and obj.stream_dict.get("/Subtype") == "/Form":
            yield obj


def _colour_and_transparency(pdf: pikepdf.Pdf, problems: list[str]) -> None:
    for holder in _content_streams(pdf):
        for _operands, operator in pikepdf.parse_content_stream(holder):
            if str(operator) in ("k", "K"):
                problems.append(f"6.2.4: DeviceCMYK colour in {holder.objgen}")
                break
    for obj in _objects(pdf):
        if obj.get("/Type") == "/ExtGState" or "/CA" in obj or "/ca" in obj:
            for key in ("/CA", "/ca"):
                if key in obj and float(obj[key]) < 1:
                    problems.append(f"6.2.10: constant alpha {key} {float(obj[key])} in {obj.objgen}")
            if "/SMask" in obj and obj["/SMask"] != pikepdf.Name.None_:
                problems.append(f"6.2.10: soft mask in {obj.objgen}")
            if "/BM" in obj and str(obj["/BM"]) not in ("/Normal", "/Compatible"):
                problems.append(f"6.2.10: blend mode {obj['/BM']} in {obj.objgen}")
        if isinstance(obj, pikepdf.Stream) and "/SMask" in obj.stream_dict:
            problems.append(f"6.2.10: image with a soft mask {obj.objgen}")
        group = obj.get("/Group") if isinstance(obj, pikepdf.Dictionary) else obj.stream_dict.get("/Group")
        if group is not None and group.get("/S") == "/Transparency":
            problems.append(f"6.2.10: transparency group in {obj.objgen}")


def _fonts(pdf: pikepdf.Pdf, problems: list[str]) -> None:
    for obj in _objects(pdf):
        if obj.get("/Type") != "/Font" or obj.get("/Subtype") == "/Type3":
            continue
        fonts = obj.get("/DescendantFonts", [obj]) if obj.get("/Subtype") == "/Type0" else [obj]
        for font in fonts:
            desc = font.get("/FontDescriptor")
            if desc is None or not any(k in desc for k in ("/FontFile", "/FontFile2", "/FontFile3")):
                problems.append(f"6.2.11: font {font.get('/BaseFont')} is not embedded")


def _annotations_and_actions(pdf: pikepdf.Pdf, problems: list[str]) -> None:
    for page in pdf.pages:
        for annot in page.obj.get("/Annots", []):
            flags = int(annot.get("/F", 0))
            if not flags & 4 or flags & (1 | 2 | 32 | 256):
                problems.append(f"6.3.2: annotation {annot.get('/Subtype')} has flags {flags}")
            ap = annot.get("/AP")
            if annot.get("/Subtype") == "/Widget" and ap is not None and set(ap.keys()) != {"/N"}:
                problems.append("6.3.3: a widget appearance has entries other than /N")
    form = pdf.Root.get("/AcroForm")
    if form is not None and bool(form.get("/NeedAppearances", False)):
        problems.append("6.4.1: AcroForm /NeedAppearances is true")
    if "/AA" in pdf.Root:
        problems.append("6.6.2: the catalog has additional actions")
    if "/JavaScript" in pdf.Root.get("/Names", {}):
        problems.append("6.6.2: document-level JavaScript")
    for obj in _objects(pdf):
        if str(obj.get("/S")) in FORBIDDEN_ACTIONS:  # an action dictionary of a forbidden type
            problems.append(f"6.6.1: forbidden action {obj.get('/S')}")


def _same_instant(pdf_date: str, xmp_date: str) -> bool:
    try:
        a = pikepdf.models.metadata.decode_pdf_date(pdf_date)
        b = dt.datetime.fromisoformat(xmp_date)
    except ValueError:
        return False
    if a.tzinfo is None or b.tzinfo is None:
        return a.replace(tzinfo=None) == b.replace(tzinfo=None)
    return a == b


def _metadata(pdf: pikepdf.Pdf, problems: list[str]) -> None:
    if "/Metadata" not in pdf.Root:
        problems.append("6.6.2.1: no XMP metadata stream")
        return
    xmp = pdf.open_metadata()
    if xmp.get("pdfaid:part") != "3" or xmp.get("pdfaid:conformance") != "B":
        problems.append("6.6.4: the XMP does not claim pdfaid:part 3, conformance B")
    info = pdf.trailer.get("/Info", {})
    pairs = {
        "/Title": "dc:title",
        "/Author": "dc:creator",
        "/Subject": "dc:description",
        "/Creator": "xmp:CreatorTool",
        "/Producer": "pdf:Producer",
    }
    for key, prop in pairs.items():
        if key in info:
            value = xmp.get(prop)
            value = "; ".join(value) if isinstance(value, list) else value
            if str(info[key]) != (value or ""):
                problems.append(f"6.6.2.3: Info {key} {str(info[key])!r} differs from XMP {prop} {value!r}")
    for key, prop in (("/CreationDate", "xmp:CreateDate"), ("/ModDate", "xmp:ModifyDate")):
        if key in info and not _same_instant(str(info[key]), str(xmp.get(prop, ""))):
            problems.append(f"6.6.2.3: Info {key} {str(info[key])!r} differs from XMP {prop} {xmp.get(prop)!r}")


def _embedded_files(pdf: pikepdf.Pdf, problems: list[str]) -> None:
    names = pdf.Root.get("/Names", {}).get("/EmbeddedFiles")
    if names is None:
        return
    specs = list(pikepdf.NameTree(names).values())
    associated = {s.objgen for s in pdf.Root.get("/AF", [])}
    for spec in specs:
        label = str(spec.get("/UF", spec.get("/F", "?")))
        missing = [k for k in ("/F", "/UF", "/Desc", "/AFRelationship") if k not in spec]
        if missing:
            problems.append(f"6.8: file specification {label} lacks {', '.join(missing)}")
        if spec.objgen not in associated:
            problems.append(f"6.8: {label} is not in the catalog's /AF array")
        stream = spec.get("/EF", {}).get("/F")
        if stream is None or "/Subtype" not in stream.stream_dict:
            problems.append(f"6.8: embedded file {label} has no MIME /Subtype")
        elif "/ModDate" not in stream.stream_dict.get("/Params", {}):
            problems.append(f"6.8: embedded file {label} has no /Params /ModDate")


def pdfa_3b_problems(path: Path) -> list[str]:
    """Every breach of the rules listed in this module's docstring (empty: none found)."""
    raw = Path(path).read_bytes()
    problems: list[str] = []
    _header(raw, problems)
    with pikepdf.open(path) as pdf:
        _trailer_and_streams(pdf, problems)
        _output_intent(pdf, problems)
        _colour_and_transparency(pdf, problems)
        _fonts(pdf, problems)
        _annotations_and_actions(pdf, problems)
        _metadata(pdf, problems)
        _embedded_files(pdf, problems)
        if "/Lang" not in pdf.Root:
            problems.append("no document language (/Lang)")
        if "/Outlines" not in pdf.Root:
            problems.append("no bookmarks (/Outlines)")
    return problems
