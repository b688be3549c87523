"""The report as an editable Word document (.docx), built from the document model with python-docx.

The document is built as a Word user would build it, so an office can go on working in it:

* Word's own styles from the reference document ``templates/docx/referensi.docx`` (written by
  ``scripts/referensi-docx.py``): Title, Heading 1-4 for the sections and sub-headings (navigation pane,
  TOC), Caption, List Number/List Bullet, Quote, the table style; an office restyles that file and every
  report follows it.
* Real tables (:mod:`lkjip.docx_tables`) and charts as 200 ppi pictures.
* Captions with ``SEQ`` fields, the chapter part of the model's label ("Tabel 3.") as text and the number a
  ``SEQ Tabel \\s 1`` field restarting at each chapter (Heading 1), cached as the model's number.
* Daftar Isi as a ``TOC \\o "1-2"`` field (the two levels the PDF's Daftar Isi lists) and the lists of
  tables, charts and pictures as ``TOC \\c "<label>"`` fields, each holding the model's entries as its
  cached result (without page numbers: Word fills them in), and ``w:updateFields`` so Word refreshes every
  field when it opens the file.
* Three Word sections: the cover without a page number, the front matter numbered i, ii, ..., the body
  from BAB I numbered from 1; A4 with the PDF's margins; the running footer (report title, page field).

The same model gives the same bytes (:func:`docx_bytes`): ids are counted in document order, the core
properties come from the data (title, author, the report's date, :func:`lkjip.typst_renderer.report_date`)
and the zip is written with a fixed entry time (:func:`lkjip.docx_ooxml.fixed_zip`).
"""

from __future__ import annotations

import datetime as dt
import io
from typing import Any, Final

from docx import Document
from docx.enum.section import WD_SECTION
from docx.enum.text import WD_BREAK, WD_TAB_ALIGNMENT
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from docx.shared import Cm

from lkjip import docx_ooxml as ox
from lkjip.document import (
    Bagian,
    Daftar,
    DaftarIsi,
    Gambar,
    Garis,
    Kutipan,
    Lampiran,
    Narasi,
    Paragraf,
    PindahHalaman,
    Run,
    Sampul,
    Subjudul,
    Tabel,
    TandaTangan,
    walk,
)
from lkjip.docx_tables import TEXT_WIDTH_CM, add_figure, add_table
from lkjip.paths import TEMPLATES_DIR

REFERENCE: Final = TEMPLATES_DIR / "docx" / "referensi.docx"
"""The reference document whose styles the report uses."""

CONTOH: Final = "DATA CONTOH - bukan data resmi"
MONO: Final = "Courier New"
_LIST_FIELDS = {"tabel": "Tabel", "grafik": "Grafik", "gambar": "Gambar"}


def _title(sections: list[Bagian]) -> str:
    return next((s.kaki for s in sections if s.kaki), "LKjIP")


def _author(sections: list[Bagian]) -> str:
    for block in walk(sections):
        if isinstance(block, Sampul) and block.instansi:
            return " ".join(block.instansi)
    return "LKjIP"


class _Builder:
    """Walks the sections in order, appending to one python-docx document."""

    def __init__(self, sections: list[Bagian]) -> None:
        self.doc = Document(str(REFERENCE))
        self.sections = [s for s in sections if not s.kosong]
        self.numbers = ox.ListNumbers(self.doc)
        self.fresh = True  # at the top of a Word section: no page break needed

    # ---------------------------------------------------------------- inline

    def runs(self, paragraph: Any, content: list[Run]) -> list[Any]:
        """The model's runs appended to ``paragraph``; the python-docx runs, for callers that style them."""
        made = []
        for item in content:
            parts = item.teks.split("\n")
            target = paragraph
            if item.tautan:
                target = self._hyperlink(paragraph, item.tautan)
            for i, part in enumerate(parts):
                run = target.add_run(part) if target is paragraph else self._link_run(target, part)
                if i < len(parts) - 1:
                    run.add_break()
                run.bold = item.tebal or None
                run.italic = item.miring or None
                if item.kode:
                    run.font.name = MONO
                made.append(run)
        return made

    def _hyperlink(self, paragraph: Any, url: str) -> Any:
        r_id = paragraph.part.relate_to(url, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
        link = parse_xml(f'<w:hyperlink {nsdecls("w", "r")} r:id="{r_id}"/>')
        paragraph._p.append(link)
        return link

    def _link_run(self, link: Any, text: str) -> Any:
        from docx.text.run import Run as DocxRun

        r = parse_xml(f'<w:r {nsdecls("w")}><w:rPr><w:rStyle w:val="Hyperlink"/><w:u w:val="single"/></w:rPr></w:r>')
        link.append(r)
        run = DocxRun(r, link)
        run.text = text
        return run

    # ---------------------------------------------------------------- blocks

    def paragraph(self, style: str | None = None) -> Any:
        paragraph = self.doc.add_paragraph(style=style)
        self.fresh = False
        return paragraph

    def blocks(self, blocks: list[Any], quote: bool = False) -> None:
        for block in blocks:
            self.block(block, quote)

    def block(self, block: Any, quote: bool = False) -> None:
        if isinstance(block, Paragraf):
            self.runs(self.paragraph("Quote" if quote else None), block.isi)
        elif isinstance(block, Subjudul):
            self.runs(self.paragraph(f"Heading {block.tingkat}"), block.isi)
        elif isinstance(block, Daftar):
            self.daftar(block, 0)
        elif isinstance(block, Kutipan):
            self.blocks(block.isi, quote=True)
        elif isinstance(block, Narasi):
            self.blocks(block.isi, quote)
        elif isinstance(block, Garis):
            ox.bottom_rule(self.paragraph())
        elif isinstance(block, PindahHalaman):
            self.paragraph().add_run().add_break(WD_BREAK.PAGE)
        elif isinstance(block, Tabel):
            add_table(self.doc, block, self.runs)
            self.fresh = False
        elif isinstance(block, Gambar):
            add_figure(self.doc, block, self.runs)
            self.fresh = False
        elif isinstance(block, TandaTangan):
            self.ttd(block)
        elif isinstance(block, Sampul):
            self.sampul(block)
        elif isinstance(block, DaftarIsi):
            self.daftar_isi(block)
        elif isinstance(block, Lampiran):
            title = self.paragraph("Judul Lampiran")
            title.paragraph_format.page_break_before = True
            title.add_run(block.label).add_break()
            title.add_run(block.judul)
            self.blocks(block.isi)

    def daftar(self, block: Daftar, level: int) -> None:
        depth = "" if level == 0 else " 2"
        num_id = self.numbers.new(block.penanda, block.mulai, level) if block.bernomor else None
        for item in block.butir:
            first = True
            for inner in item:
                if isinstance(inner, Daftar):
                    self.daftar(inner, min(level + 1, 1))
                    continue
                if not isinstance(inner, Paragraf):
                    self.block(inner)
                    continue
                if first:
                    style = ("List Number" if num_id is not None else "List Bullet") + depth
                    paragraph = self.paragraph(style)
                    if num_id is not None:
                        ox.number_paragraph(paragraph, num_id, level)
                else:
                    paragraph = self.paragraph("List Continue" + depth)
                first = False
                self.runs(paragraph, inner.isi)

    def ttd(self, block: TandaTangan) -> None:
        """The signature block: a column at the right of the page, its lines centred."""
        lines = [
            (f"{block.tempat}, {block.tanggal}", False, False),
            (block.jabatan, True, False),
            ("", False, False),
            ("", False, False),
            ("", False, False),
            (block.nama, True, True),
            (block.pangkat, False, False),
            (f"NIP. {block.nip}", False, False),
        ]
        for i, (text, bold, underline) in enumerate(lines):
            paragraph = self.paragraph("Tanda Tangan")
            paragraph.paragraph_format.left_indent = Cm(TEXT_WIDTH_CM * 0.55)
            paragraph.paragraph_format.space_after = Cm(0)
            paragraph.paragraph_format.keep_with_next = i < len(lines) - 1
            if i == 0:
                paragraph.paragraph_format.space_before = Cm(0.8)
            run = paragraph.add_run(text)
            run.bold = bold or None
            run.underline = underline or None

    def sampul(self, block: Sampul) -> None:
        """The cover: the sample-data mark, the emblem (when there is one), instansi, title, address."""
        if block.contoh:
            self.paragraph("Data Contoh").add_run(CONTOH)
        if block.lambang is not None:
            import base64

            holder = self.paragraph("Gambar")
            holder.paragraph_format.space_before = Cm(1.5)
            raw = base64.b64decode(block.lambang.data or "")
            holder.add_run().add_picture(io.BytesIO(raw), width=Cm(3.2))
        for style, lines, before in (("Sampul", block.instansi, 1.5), ("Title", block.judul, 3.0)):
            paragraph = self.paragraph(style)
            paragraph.paragraph_format.space_before = Cm(before)
            self._lines(paragraph, lines)
        address = self.paragraph("Sampul")
        address.paragraph_format.space_before = Cm(4.0)
        for run in self._lines(address, block.alamat):
            run.bold = False
            run.font.size = Cm(0.38)

    def _lines(self, paragraph: Any, lines: list[str]) -> list[Any]:
        made = []
        for i, line in enumerate(lines):
            run = paragraph.add_run(line)
            if i < len(lines) - 1:
                run.add_break()
            made.append(run)
        return made

    def daftar_isi(self, block: DaftarIsi) -> None:
        """A TOC field whose cached result is the model's entries."""
        if block.kelompok == "isi":
            instruction = 'TOC \\o "1-2" \\h \\z'
        elif block.kelompok == "lampiran":
            instruction = 'TOC \\h \\z \\t "Judul Lampiran,1"'
        else:
            kinds = {k for e in block.entri if (k := ox.seq_kind(e.label))}
            kind = kinds.pop() if len(kinds) == 1 else _LIST_FIELDS[block.kelompok]
            instruction = f'TOC \\h \\z \\c "{kind}"'
        entries = block.entri or []
        if not entries:
            paragraph = self.paragraph("TOC 1")
            ox.field(paragraph, instruction, "")
            return
        for i, entry in enumerate(entries):
            level = 1 if block.kelompok != "isi" else max(1, min(entry.tingkat, 2))
            paragraph = self.paragraph(f"TOC {level}")
            paragraph.paragraph_format.tab_stops.add_tab_stop(Cm(TEXT_WIDTH_CM), WD_TAB_ALIGNMENT.RIGHT)
            if i == 0:
                ox.field_begin(paragraph, instruction)
            paragraph.add_run(f"{entry.label} {entry.judul}" if entry.label else entry.judul)
            if i == len(entries) - 1:
                ox.field_end(paragraph)

    # ---------------------------------------------------------------- sections

    def heading(self, section: Bagian) -> None:
        if section.tingkat == 0:
            return
        style = f"Heading {section.tingkat}" if section.di_daftar_isi else "Judul Halaman"
        paragraph = self.doc.add_paragraph(style=style)
        paragraph.add_run(section.judul)
        if section.halaman_baru and not self.fresh:
            paragraph.paragraph_format.page_break_before = True
        self.fresh = False

    def footer(self, word_section: Any, title: str | None, contoh: bool) -> None:
        word_section.footer.is_linked_to_previous = False
        word_section.header.is_linked_to_previous = False
        foot = word_section.footer.paragraphs[0]
        head = word_section.header.paragraphs[0]
        if contoh:
            head.style = self.doc.styles["Data Contoh"]
            head.add_run(CONTOH)
        if title is None:
            return
        foot.paragraph_format.tab_stops.add_tab_stop(Cm(TEXT_WIDTH_CM), WD_TAB_ALIGNMENT.RIGHT)
        foot.add_run(title)
        foot.add_run("\t")
        ox.field(foot, "PAGE", "1")

    def build(self) -> Any:
        doc = self.doc
        first = doc.sections[0]
        first.page_width, first.page_height = Cm(21.0), Cm(29.7)
        first.top_margin, first.bottom_margin = Cm(3), Cm(3)
        first.left_margin, first.right_margin = Cm(4), Cm(3)
        first.header_distance, first.footer_distance = Cm(1.5), Cm(1.5)
        groups: list[tuple[str, list[Bagian]]] = []
        for section in self.sections:
            kind = "sampul" if section.tingkat == 0 else ("depan" if section.depan else "isi")
            if not groups or groups[-1][0] != kind:
                groups.append((kind, []))
            groups[-1][1].append(section)
        title = _title(self.sections)
        for g, (kind, members) in enumerate(groups):
            word_section = doc.sections[0] if g == 0 else doc.add_section(WD_SECTION.NEW_PAGE)
            self.fresh = True
            numbering = {"sampul": (None, None), "depan": ("lowerRoman", 1), "isi": ("decimal", 1)}[kind]
            ox.page_numbering(word_section, *numbering)
            self.footer(word_section, None if kind == "sampul" else title, any(s.contoh for s in members))
            for section in members:
                self.heading(section)
                self.blocks(section.isi)
        ox.update_fields_on_open(doc.settings)
        self.properties()
        return doc

    def properties(self) -> None:
        from lkjip.typst_renderer import report_date

        year, month, day = report_date(self.sections)
        when = dt.datetime(year, month, day, tzinfo=dt.UTC)
        props = self.doc.core_properties
        props.title = _title(self.sections)
        props.author = _author(self.sections)
        props.last_modified_by = props.author
        props.subject = "Laporan Kinerja Instansi Pemerintah"
        props.language = "id-ID"
        props.keywords = "LKjIP"
        props.comments = ""
        props.category = ""
        props.revision = 1
        props.created = when
        props.modified = when
        props.last_printed = when


def document(sections: list[Bagian]) -> Any:
    """The python-docx document of ``sections`` (sections left out, ``kosong``, are skipped)."""
    return _Builder(sections).build()


def docx_bytes(sections: list[Bagian]) -> bytes:
    """The report ``sections`` as .docx bytes, the same for the same sections."""
    buffer = io.BytesIO()
    document(sections).save(buffer)
    return ox.fixed_zip(buffer.getvalue())


__all__ = ["REFERENCE", "document", "docx_bytes"]
