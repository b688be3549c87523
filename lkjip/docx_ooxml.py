"""WordprocessingML pieces python-docx has no API for: fields, page numbering, list numbering, repeated
table headers, and the zip written byte for byte the same from the same document.

Used by :mod:`lkjip.docx_renderer` and :mod:`lkjip.docx_tables`. Everything here is deterministic: ids
are counted in document order, never drawn at random, and the zip carries a fixed entry time.
"""

from __future__ import annotations

import io
import re
import zipfile
from typing import Any, Final

from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.text.paragraph import Paragraph

ZIP_TIME: Final = (1980, 1, 1, 0, 0, 0)
"""Time of every zip entry (the earliest a zip can record): the file does not change with the clock."""

NUMBERED: Final = {"angka": 10, "huruf": 11, "angka_kurung": 12}
"""abstractNum ids of the numbered-list definitions in the reference document (scripts/referensi-docx.py)."""

_LABEL = re.compile(r"^(?P<kind>\S+) (?P<prefix>(?:[^\s.]+\.)*)(?P<number>\d+)$")


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def _run_xml(inner: str) -> Any:
    return parse_xml(f"<w:r {nsdecls('w')}>{inner}</w:r>")


def field_begin(paragraph: Paragraph, instruction: str) -> None:
    """Open a complex field (``w:fldChar begin``, its instruction, ``separate``) at the end of ``paragraph``;
    what follows up to :func:`field_end` is the field's cached result."""
    p = paragraph._p
    p.append(_run_xml('<w:fldChar w:fldCharType="begin" w:dirty="true"/>'))
    p.append(_run_xml(f'<w:instrText xml:space="preserve"> {_escape(instruction)} </w:instrText>'))
    p.append(_run_xml('<w:fldChar w:fldCharType="separate"/>'))


def field_end(paragraph: Paragraph) -> None:
    paragraph._p.append(_run_xml('<w:fldChar w:fldCharType="end"/>'))


def field(paragraph: Paragraph, instruction: str, cached: str) -> None:
    """A whole field in one paragraph: ``instruction`` with ``cached`` as its current result."""
    field_begin(paragraph, instruction)
    paragraph.add_run(cached)
    field_end(paragraph)


def caption_label(paragraph: Paragraph, label: str) -> None:
    """The model's label ("Tabel 3.2") as a Word caption label: the chapter part as text and a SEQ field.

    The model numbers per chapter, so the number after the last dot is ``SEQ Tabel \\s 1`` (restarting at each
    Heading 1, a chapter), cached as the model's number; Word renumbers the tables of a chapter when an office
    inserts one. The first of a chapter also says ``\\r 1``: LibreOffice, which recomputes every SEQ field when it
    opens the file and ignores ``\\s``, would otherwise count on from the chapter before. A label of another
    shape is written as text.
    """
    found = _LABEL.match(label)
    if not found:
        paragraph.add_run(label)
        return
    paragraph.add_run(f"{found['kind']} {found['prefix']}")
    reset = (r" \s 1" + (r" \r 1" if found["number"] == "1" else "")) if found["prefix"] else ""
    field(paragraph, rf"SEQ {found['kind']} \* ARABIC{reset}", found["number"])


def seq_kind(label: str) -> str | None:
    """The SEQ identifier of a label ("Tabel 3.2" -> "Tabel"), None for a label without a number."""
    found = _LABEL.match(label)
    return found["kind"] if found else None


def page_numbering(section: Any, fmt: str | None, start: int | None) -> None:
    """``w:pgNumType`` of a section: ``lowerRoman``/``decimal``, restarting at ``start``."""
    sect = section._sectPr
    for old in sect.findall(qn("w:pgNumType")):
        sect.remove(old)
    if fmt is None:
        return
    attrs = f' w:fmt="{fmt}"' + (f' w:start="{start}"' if start is not None else "")
    element = parse_xml(f"<w:pgNumType {nsdecls('w')}{attrs}/>")
    sect.insert_element_before(
        element,
        *(f"w:{t}" for t in ("cols", "formProt", "vAlign", "noEndnote", "titlePg", "textDirection", "bidi")),
        *(f"w:{t}" for t in ("rtlGutter", "docGrid", "printerSettings", "sectPrChange")),
    )


def update_fields_on_open(settings: Any) -> None:
    """``w:updateFields``: Word refreshes the TOC, the lists and the SEQ numbers when it opens the file."""
    element = parse_xml(f'<w:updateFields {nsdecls("w")} w:val="true"/>')
    later = (
        "hdrShapeDefaults footnotePr endnotePr compat docVars rsids attachedSchema themeFontLang clrSchemeMapping "
        "doNotIncludeSubdocsInStats doNotAutoCompressPictures forceUpgrade captions readModeInkLockDown smartTagType "
        "shapeDefaults doNotEmbedSmartTags decimalSymbol listSeparator"
    )
    tags = [f"w:{t}" for t in later.split()] + ["m:mathPr"]
    settings.element.insert_element_before(element, *tags)


def repeat_header(row: Any) -> None:
    """Mark a table row as a header row, repeated at the top of every page the table runs onto."""
    row._tr.get_or_add_trPr().append(parse_xml(f"<w:tblHeader {nsdecls('w')}/>"))


def keep_row(row: Any) -> None:
    """A row is not split across pages (``w:cantSplit``; one taller than a page still is)."""
    row._tr.get_or_add_trPr().insert(0, parse_xml(f"<w:cantSplit {nsdecls('w')}/>"))


def cell_margins(table: Any, cm: float) -> None:
    """Left and right cell margins of ``table`` (Word's default is 0.19 cm): narrow columns of figures fit."""
    twips = round(cm / 2.54 * 1440)
    tbl_pr = table._tbl.tblPr
    for old in tbl_pr.findall(qn("w:tblCellMar")):
        tbl_pr.remove(old)
    margins = parse_xml(
        f'<w:tblCellMar {nsdecls("w")}><w:left w:w="{twips}" w:type="dxa"/><w:right w:w="{twips}" w:type="dxa"/>'
        "</w:tblCellMar>"
    )
    tbl_pr.insert_element_before(margins, "w:tblLook", "w:tblCaption", "w:tblDescription", "w:tblPrChange")


class ListNumbers:
    """One ``w:num`` per numbered list, so each list counts from its own start (1., a., 1))."""

    def __init__(self, document: Any) -> None:
        self._numbering = document.part.numbering_part.element
        ids = [int(n.get(qn("w:numId"))) for n in self._numbering.findall(qn("w:num"))]
        self._next = max(ids, default=0) + 1

    def new(self, penanda: str, start: int, level: int = 0) -> int:
        """A new list counting from ``start`` at ``level`` (lists of one kind share their definition's counters,
        so every list restarts explicitly)."""
        ident = self._next
        self._next += 1
        self._numbering.append(
            parse_xml(
                f'<w:num {nsdecls("w")} w:numId="{ident}"><w:abstractNumId w:val="{NUMBERED[penanda]}"/>'
                f'<w:lvlOverride w:ilvl="{level}"><w:startOverride w:val="{start}"/></w:lvlOverride></w:num>'
            )
        )
        return ident


def number_paragraph(paragraph: Paragraph, num_id: int, level: int) -> None:
    p_pr = paragraph._p.get_or_add_pPr()
    p_pr.insert_element_before(
        parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/><w:numId w:val="{num_id}"/></w:numPr>'),
        *(f"w:{t}" for t in ("suppressLineNumbers", "pBdr", "shd", "tabs", "suppressAutoHyphens", "spacing")),
        *(f"w:{t}" for t in ("ind", "jc", "outlineLvl", "rPr", "sectPr", "pPrChange")),
    )


def bottom_rule(paragraph: Paragraph) -> None:
    """A thematic break: a paragraph with a rule under it."""
    p_pr = paragraph._p.get_or_add_pPr()
    p_pr.insert_element_before(
        parse_xml(f'<w:pBdr {nsdecls("w")}><w:bottom w:val="single" w:sz="6" w:space="1" w:color="auto"/></w:pBdr>'),
        *(f"w:{t}" for t in ("shd", "tabs", "suppressAutoHyphens", "spacing", "ind", "jc", "rPr", "sectPr")),
    )


def fixed_zip(data: bytes) -> bytes:
    """The .docx zip rewritten with sorted entries and a fixed entry time: the same document, the same bytes."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for name in sorted(src.namelist()):
            info = zipfile.ZipInfo(name, date_time=ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            dst.writestr(info, src.read(name), compresslevel=6)
    return out.getvalue()
