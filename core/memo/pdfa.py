"""Make reportlab's output a PDF/A-3b file (ISO 19005-3, level B) with pikepdf.

Added: XMP metadata that claims ``pdfaid:part=3``, ``pdfaid:conformance=B`` and repeats the
title, author, subject and dates of the Info dictionary (which it must match; the Info dictionary
carries no /Producer, so the signer's incremental update, which rewrites the XMP producer, keeps
the two consistent); an sRGB OutputIntent with the shipped ICC profile
(``resources/icc/sRGB.icc``, zlib licence, from Debian's icc-profiles-free); the document language
(``/Lang``); outlines are shown when the file is opened. reportlab draws no transparency and
embeds every font. Attachments are added afterwards as associated files
(:mod:`core.memo.attachments`), and the memo is signed last, as an incremental update that keeps
all of this.
"""

from __future__ import annotations

import datetime as dt
import io
from functools import cache
from xml.sax.saxutils import escape

import pikepdf

from core.resources import resources_dir
from core.value_class import value_class

PRODUCER = "Clausewise (reportlab, pikepdf)"
OUTPUT_CONDITION = "sRGB IEC61966-2.1"


@value_class
class PdfaMetadata:
    """What the document says about itself (Info dictionary and XMP alike)."""

    title: str
    author: str
    subject: str
    created: dt.datetime
    lang: str = "en"


@cache
def srgb_profile() -> bytes:
    """The shipped sRGB ICC profile."""
    return (resources_dir() / "icc" / "sRGB.icc").read_bytes()


def _pdf_date(when: dt.datetime) -> str:
    return when.astimezone(dt.UTC).strftime("D:%Y%m%d%H%M%S+00'00'")


def _output_intent(pdf: pikepdf.Pdf) -> pikepdf.Dictionary:
    profile = pdf.make_stream(srgb_profile())
    profile[pikepdf.Name.N] = 3
    return pikepdf.Dictionary(
        Type=pikepdf.Name.OutputIntent,
        S=pikepdf.Name.GTS_PDFA1,
        OutputConditionIdentifier=OUTPUT_CONDITION,
        Info=OUTPUT_CONDITION,
        RegistryName="http://www.color.org",
        DestOutputProfile=profile,
    )


def xmp_packet(meta: PdfaMetadata, when: dt.datetime) -> bytes:
    """The XMP metadata packet: the PDF/A-3b claim, and the title, author, subject, language and dates
    the Info dictionary also holds. Written directly (no XML library is needed to write a fixed form;
    every value is escaped)."""
    date = when.isoformat()
    creator = f"<rdf:Seq><rdf:li>{escape(meta.author)}</rdf:li></rdf:Seq>" if meta.author else "<rdf:Seq/>"
    body = f"""<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about=""
    xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/"
    xmlns:dc="http://purl.org/dc/elements/1.1/"
    xmlns:pdf="http://ns.adobe.com/pdf/1.3/"
    xmlns:xmp="http://ns.adobe.com/xap/1.0/">
   <pdfaid:part>3</pdfaid:part>
   <pdfaid:conformance>B</pdfaid:conformance>
   <dc:format>application/pdf</dc:format>
   <dc:title><rdf:Alt><rdf:li xml:lang="x-default">{escape(meta.title)}</rdf:li></rdf:Alt></dc:title>
   <dc:creator>{creator}</dc:creator>
   <dc:description><rdf:Alt><rdf:li xml:lang="x-default">{escape(meta.subject)}</rdf:li></rdf:Alt></dc:description>
   <dc:language><rdf:Bag><rdf:li>{escape(meta.lang)}</rdf:li></rdf:Bag></dc:language>
   <pdf:Producer>{escape(PRODUCER)}</pdf:Producer>
   <xmp:CreatorTool>Clausewise</xmp:CreatorTool>
   <xmp:CreateDate>{date}</xmp:CreateDate>
   <xmp:ModifyDate>{date}</xmp:ModifyDate>
   <xmp:MetadataDate>{date}</xmp:MetadataDate>
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>"""
    padding = "\n".join(" " * 99 for _ in range(20))  # room for in-place edits, as XMP writers leave
    packet = f'<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>\n{body}\n{padding}\n<?xpacket end="w"?>'
    return packet.encode("utf-8")


def to_pdfa(pdf_bytes: bytes, meta: PdfaMetadata) -> bytes:
    """``pdf_bytes`` (reportlab's output) as PDF/A-3b."""
    when = meta.created.astimezone(dt.UTC).replace(microsecond=0)
    with pikepdf.open(io.BytesIO(pdf_bytes)) as pdf:
        info = pikepdf.Dictionary(
            Title=meta.title,
            Author=meta.author,
            Subject=meta.subject,
            Creator="Clausewise",
            CreationDate=_pdf_date(when),
            ModDate=_pdf_date(when),
        )
        pdf.trailer.Info = pdf.make_indirect(info)
        metadata = pdf.make_stream(xmp_packet(meta, when))
        metadata[pikepdf.Name.Type] = pikepdf.Name.Metadata
        metadata[pikepdf.Name.Subtype] = pikepdf.Name.XML
        pdf.Root.Metadata = metadata
        pdf.Root.OutputIntents = pikepdf.Array([pdf.make_indirect(_output_intent(pdf))])
        pdf.Root.Lang = meta.lang
        if "/Outlines" in pdf.Root:
            pdf.Root.PageMode = pikepdf.Name.UseOutlines
        out = io.BytesIO()
        pdf.save(out, min_version="1.7", fix_metadata_version=False, deterministic_id=True)
        return out.getvalue()
