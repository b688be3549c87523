"""Tables and figures of the Word output (:mod:`lkjip.docx_renderer`).

A :class:`~lkjip.document.Tabel` becomes a real Word table in the reference document's table style: header
rows repeated on every page (``w:tblHeader``), spans merged, figures right-aligned, short labels centred,
widths from ``Tabel.lebar`` (percent of the text width) or, without them, from the cells' text as the PDF
measures it (:func:`lkjip.typst_renderer.column_weights`: text columns wide, figures narrow). A chart's SVG
becomes a 200 ppi PNG, drawn by Typst (already lkjip's typesetter), a picture goes in as it is.
"""

from __future__ import annotations

import base64
import io
import tempfile
from pathlib import Path
from typing import Any, Final

from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt

from lkjip.document import Gambar, Sel, Tabel, placement
from lkjip.docx_ooxml import caption_label, cell_margins, keep_row, repeat_header
from lkjip.errors import RenderError

TEXT_WIDTH_CM: Final = 14.0
"""A4 (21 cm) less the margins (4 cm left, 3 cm right), as in the PDF."""

PICTURE_MAX_HEIGHT_CM: Final = 20.0
CHART_PPI: Final = 200
TABLE_STYLE: Final = "Table Grid"

_ALIGN = {"teks": WD_ALIGN_PARAGRAPH.LEFT, "angka": WD_ALIGN_PARAGRAPH.RIGHT, "label": WD_ALIGN_PARAGRAPH.CENTER}


def chart_png(svg: str) -> bytes:
    """A chart's SVG as a PNG of :data:`CHART_PPI`, drawn by Typst in a temporary folder."""
    import typst

    with tempfile.TemporaryDirectory(prefix="lkjip-docx-") as tmp:
        root = Path(tmp)
        (root / "c.svg").write_text(svg, encoding="utf-8")
        (root / "c.typ").write_text('#set page(width: auto, height: auto, margin: 0pt)\n#image("c.svg")\n')
        try:
            png: Any = typst.compile(str(root / "c.typ"), root=str(root), format="png", ppi=CHART_PPI)
        except typst.TypstError as exc:
            raise RenderError(
                f"Typst gagal menggambar grafik untuk dokumen Word: {str(exc)[:300]}. Perbaikan: buat laporan tanpa "
                "--format docx, lalu laporkan kesalahan ini kepada pengelola lkjip beserta notebook laporannya."
            ) from exc
    if isinstance(png, list):  # one page expected; Typst returns a list for several
        png = png[0]
    return bytes(png)


def _size_cm(raw: bytes) -> tuple[float, float]:
    from PIL import Image

    with Image.open(io.BytesIO(raw)) as img:
        width, height = img.size
        dpi = img.info.get("dpi", (CHART_PPI, CHART_PPI))[0] or CHART_PPI
    return width / float(dpi) * 2.54, height / float(dpi) * 2.54


def picture_width(raw: bytes, chart: bool) -> float:
    """Width in cm: a chart at its natural size (at most the text width), a picture the text width; at most
    :data:`PICTURE_MAX_HEIGHT_CM` high."""
    width, height = _size_cm(raw)
    if not width or not height:
        return TEXT_WIDTH_CM
    wanted = min(width, TEXT_WIDTH_CM) if chart else TEXT_WIDTH_CM
    return round(min(wanted, PICTURE_MAX_HEIGHT_CM * width / height), 3)


def add_figure(doc: Any, figure: Gambar, add_runs: Any) -> None:
    """A chart or picture, centred, with its caption ("Grafik 1.1 ...") and source under it."""
    raw = chart_png(figure.svg) if figure.svg is not None else base64.b64decode(figure.data or "")
    holder = doc.add_paragraph(style="Gambar")
    holder.add_run().add_picture(io.BytesIO(raw), width=Cm(picture_width(raw, figure.svg is not None)))
    _alt_text(holder, figure.alt or figure.judul)
    if figure.label or figure.judul:
        caption(doc, figure.label, figure.judul)
    source(doc, figure.sumber)


def _alt_text(paragraph: Any, alt: str) -> None:
    doc_pr = paragraph._p.xpath(".//wp:docPr")
    if doc_pr and alt:
        doc_pr[0].set("descr", alt)


def caption(doc: Any, label: str, judul: str, above: bool = False) -> None:
    """A caption in Word's Caption style: the label with its SEQ field, a line break, the title."""
    paragraph = doc.add_paragraph(style="Caption")
    if label:
        caption_label(paragraph, label)
        if judul:
            paragraph.add_run(" ")
    if judul:
        paragraph.add_run(judul)
    paragraph.paragraph_format.keep_with_next = above


def source(doc: Any, sumber: str | None) -> None:
    if sumber is not None:
        doc.add_paragraph(f"Sumber: {sumber}", style="Sumber")


def _placed(rows: list[list[Sel]]) -> list[list[tuple[int, Sel]]]:
    """Each row's cells with their first column (:func:`lkjip.document.placement`)."""
    cols = placement([[(c.rowspan, c.colspan) for c in row] for row in rows])
    return [list(zip(cs, row, strict=True)) for cs, row in zip(cols, rows, strict=True)]


CHAR_CM: Final = 0.18
"""Width of one character of table text (10 pt Times) with some room, in cm."""

HEAD_CHAR_CM: Final = 0.16
"""The same for a header cell (9 pt bold)."""

CELL_PADDING_CM: Final = 0.3
"""The cell margins (0.1 cm each side, :func:`lkjip.docx_ooxml.cell_margins`) and a little room."""

TEXT_MIN_CM: Final = 1.8
"""A text column narrower than this would break most of its words."""

WORD_MAX_CM: Final = 2.6
"""A longer word (a header's "Perbandingan") may break rather than widen its column further."""


def widths_cm(table: Tabel, count: int) -> list[float]:
    """Column widths: ``Tabel.lebar`` (percent), else weighted by the cells' text as the PDF does; every column
    at least as wide as its longest word (up to :data:`WORD_MAX_CM`), the text columns giving way.

    Word breaks a word that does not fit its column letter by letter ("Sa-tu-an" on three lines), where Typst
    and the browser widen the column: the minimum keeps "No.", "Satuan" and figures whole.
    """
    from lkjip.typst_renderer import column_weights

    if table.lebar and len(table.lebar) == count and sum(table.lebar) > 0:
        weights = [float(w) for w in table.lebar]
    else:
        rows = [[c.model_dump(mode="json") for c in row] for row in (*table.kepala, *table.baris, *table.kaki)]
        weights = [float(w) for w in column_weights(rows, count, len(table.kepala))][:count]
        weights += [4.0] * (count - len(weights))
    least = [0.0] * count
    for r, row in enumerate(_placed([*table.kepala, *table.baris, *table.kaki])):
        char = HEAD_CHAR_CM if r < len(table.kepala) else CHAR_CM
        for col, cell in row:
            if cell.colspan == 1 and col < count:
                words = ["".join(run.teks for run in line).split() for line in cell.isi]
                longest = max((len(w) for line in words for w in line), default=0)
                least[col] = max(least[col], min(WORD_MAX_CM, longest * char + CELL_PADDING_CM))
    columns = list(range(count))
    if sum(least) < TEXT_WIDTH_CM:
        return _fit(weights, least, columns, TEXT_WIDTH_CM)
    # too many columns for their words: figures and labels whole, the text columns share the rest and wrap
    text = [c for c in columns if c >= len(table.kolom) or table.kolom[c] == "teks"]
    room = TEXT_WIDTH_CM - sum(least[c] for c in columns if c not in text)
    if not text or room < TEXT_MIN_CM * len(text):
        return [round(TEXT_WIDTH_CM * w / sum(least), 3) for w in least]
    shared = _fit(weights, [min(least[c], room / len(text)) for c in columns], text, room)
    return [shared[c] if c in text else round(least[c], 3) for c in columns]


def _fit(weights: list[float], least: list[float], columns: list[int], room: float) -> list[float]:
    """Widths of ``columns`` sharing ``room`` by ``weights``, none narrower than ``least`` (the others give way);
    the list holds every column, those not in ``columns`` as 0."""
    widths = [0.0] * len(weights)
    share = sum(weights[c] for c in columns) or 1.0
    for c in columns:
        widths[c] = room * weights[c] / share
    fixed: set[int] = set()
    while True:
        short = [c for c in columns if c not in fixed and widths[c] < least[c]]
        free = [c for c in columns if c not in fixed and c not in short]
        if not short or not free:
            break
        for c in short:
            widths[c] = least[c]
            fixed.add(c)
        left = room - sum(widths[c] for c in fixed)
        total = sum(widths[c] for c in free)
        for c in free:
            widths[c] = widths[c] * left / total
    return [round(w, 3) for w in widths]


def add_table(doc: Any, table: Tabel, add_runs: Any) -> None:
    """The caption above, the table, the source under it."""
    if table.label or table.judul:
        caption(doc, table.label, table.judul, above=True)
    rows = [*table.kepala, *table.baris, *table.kaki]
    placed = _placed(rows)
    count = max([col + cell.colspan for row in placed for col, cell in row] + [len(table.kolom), 1])
    grid = doc.add_table(rows=len(rows), cols=count)
    grid.style = doc.styles[TABLE_STYLE]
    grid.alignment = WD_TABLE_ALIGNMENT.CENTER
    grid.autofit = False
    cell_margins(grid, 0.1)
    widths = widths_cm(table, count)
    for c, column in enumerate(grid.columns):
        column.width = Cm(widths[c])
    head, foot_from = len(table.kepala), len(table.kepala) + len(table.baris)
    for r, row in enumerate(placed):
        keep_row(grid.rows[r])
        if r < head:
            repeat_header(grid.rows[r])
        for col, cell in row:
            target = grid.cell(r, col)
            if cell.colspan > 1 or cell.rowspan > 1:
                target = target.merge(grid.cell(r + cell.rowspan - 1, col + cell.colspan - 1))
            kind = table.kolom[col] if col < len(table.kolom) and cell.colspan == 1 else "teks"
            align = WD_ALIGN_PARAGRAPH.CENTER if r < head else _ALIGN[kind]
            _fill(target, cell, align, r < head, r < head or r >= foot_from, add_runs)
    for r in range(len(rows)):
        for c in range(count):
            grid.cell(r, c).width = Cm(widths[c])
    source(doc, table.sumber)


def _fill(target: Any, cell: Sel, align: Any, header: bool, bold: bool, add_runs: Any) -> None:
    """A cell's lines as paragraphs of the table text style; header cells a point smaller, as in the PDF."""
    lines = cell.isi or [[]]
    first = target.paragraphs[0]
    for i, line in enumerate(lines):
        paragraph = first if i == 0 else target.add_paragraph()
        paragraph.style = "Isi Tabel"
        paragraph.alignment = align
        for run in add_runs(paragraph, line):
            if bold:
                run.bold = True
            if header:
                run.font.size = Pt(9)
