"""A layout lint for the report's PDF, read back with pypdfium2 (characters, their boxes, fonts and sizes).

    .venv/bin/python -m tests.tata_letak output/2023/ajibarang/lkjip_ajibarang_2023.pdf

:func:`periksa` returns one message per defect, each naming the page (its printed
label, "iii" or "12") and the text:

- a heading left at the foot of a page: the lowest line(s) of the page are all bold
  (a heading, a table caption or header) and the text they announce is on the next page
  (a figure's caption, below it, may end a page);
- a page less than a quarter full that does not end a chapter (the next page starts with
  a top-level bookmark), the front matter or the document, outside the appendix;
- a word split at a line-end hyphen with fewer than three letters on one side;
- text smaller than 8 pt (charts included: Typst embeds SVG text as text);
- title metadata other than "LKjIP Kecamatan <Nama> Tahun <tahun>", no subject, no
  language, or no bookmarks.
"""

from __future__ import annotations

import ctypes
import itertools
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from pypdf import PdfReader

BODY_TOP = 841.89 - 3 * 72 / 2.54  # A4 less the 3 cm top margin, in points from the bottom
BODY_BOTTOM = 3 * 72 / 2.54
MIN_SIZE = 7.95
MIN_FILL = 0.25
MIN_FRAGMENT = 3
HYPHENS = "-\u00ad\u2010\x02"
FIGURES = ("Gambar ", "Grafik ")


@dataclass
class Line:
    """A run of characters on one baseline, in the order of the content stream."""

    y: float
    x0: float
    text: str = ""
    sizes: list[float] = field(default_factory=list)
    bold: list[bool] = field(default_factory=list)

    @property
    def all_bold(self) -> bool:
        return bool(self.bold) and all(self.bold)


@dataclass
class Page:
    index: int
    label: str
    lines: list[Line]
    lowest: float  # the lowest point of any text or graphic in the body area


def _label(doc: pdfium.PdfDocument, index: int) -> str:
    n = pdfium_c.FPDF_GetPageLabel(doc.raw, index, None, 0)
    if n <= 2:
        return str(index + 1)
    buf = ctypes.create_string_buffer(n)
    pdfium_c.FPDF_GetPageLabel(doc.raw, index, buf, n)
    return buf.raw[: n - 2].decode("utf-16-le")


def _lines(page: pdfium.PdfPage) -> list[Line]:
    text = page.get_textpage()
    font = ctypes.create_string_buffer(128)
    flags = ctypes.c_int()
    x, y = ctypes.c_double(), ctypes.c_double()
    lines: list[Line] = []
    current: Line | None = None
    for i in range(text.count_chars()):
        char = chr(pdfium_c.FPDFText_GetUnicode(text.raw, i))
        if pdfium_c.FPDFText_IsGenerated(text.raw, i):
            if char in "\r\n":
                current = None
            elif current is not None:
                current.text += " "
            continue
        pdfium_c.FPDFText_GetCharOrigin(text.raw, i, x, y)
        if current is None or abs(current.y - y.value) > 0.5:
            current = Line(y=y.value, x0=x.value)
            lines.append(current)
        current.text += char
        if not char.isspace():
            pdfium_c.FPDFText_GetFontInfo(text.raw, i, font, 128, flags)
            current.sizes.append(pdfium_c.FPDFText_GetFontSize(text.raw, i))
            current.bold.append(b"Bold" in font.value)
    return lines


def _lowest(page: pdfium.PdfPage) -> float:
    lowest = BODY_TOP
    for obj in page.get_objects(max_depth=4):
        if obj.type == pdfium_c.FPDF_PAGEOBJ_FORM:
            continue
        _, bottom, _, top = obj.get_bounds()
        if bottom >= BODY_BOTTOM - 1 and top <= BODY_TOP + 1:
            lowest = min(lowest, bottom)
    return lowest


def read(path: Path) -> tuple[list[Page], pdfium.PdfDocument]:
    doc = pdfium.PdfDocument(str(path))
    pages = []
    for i in range(len(doc)):
        page = doc[i]
        pages.append(Page(i, _label(doc, i), _lines(page), _lowest(page)))
    return pages, doc


def _body(page: Page) -> list[Line]:
    return [line for line in page.lines if BODY_BOTTOM < line.y < BODY_TOP and line.text.strip()]


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= 70 else text[:67] + "..."


def _letters(text: str, reverse: bool = False) -> int:
    count = 0
    for char in reversed(text.replace("\u00ad", "")) if reverse else text.replace("\u00ad", ""):
        if not char.isalpha():
            break
        count += 1
    return count


def _toc(doc: pdfium.PdfDocument) -> list[tuple[int, str, int]]:
    """The bookmarks as (level, title, page index)."""
    found = []
    for mark in doc.get_toc():
        dest = mark.get_dest()
        index = dest.get_index() if dest is not None else None
        found.append((mark.level, mark.get_title(), -1 if index is None else index))
    return found


def periksa(path: Path, nama: str, tahun: int) -> list[str]:
    """Every layout defect of the PDF at ``path`` (the report of kecamatan ``nama``, year ``tahun``)."""
    pages, doc = read(path)
    problems = _metadata(path, doc, nama, tahun)
    toc = _toc(doc)
    chapter_pages = {index for level, _, index in toc if level == 0}
    appendix = min((i for level, title, i in toc if level == 0 and title.upper().startswith("LAMPIRAN")), default=None)
    for page in pages:
        where = f"halaman {page.label} (ke-{page.index + 1})"
        body = _body(page)
        for line in page.lines:
            small = [s for s in line.sizes if s < MIN_SIZE]
            if small:
                problems.append(f"{where}: teks {min(small):.1f} pt < 8 pt: {_short(line.text)!r}")
        for a, b in itertools.pairwise(body):
            end = a.text.rstrip()
            if not end or end[-1] not in HYPHENS or b.y >= a.y or len(end) < 2 or not end[-2].isalpha():
                continue
            if not b.text[:1].isalpha():
                continue
            left, right = _letters(end[:-1], reverse=True), _letters(b.text)
            if min(left, right) < MIN_FRAGMENT:
                problems.append(
                    f"{where}: kata dipenggal {left}+{right} huruf: {_short(end[-25:] + ' / ' + b.text[:25])!r}"
                )
        last = page.index == len(pages) - 1
        ends_chapter = page.index + 1 in chapter_pages
        if page.index == 0 or last or ends_chapter or (appendix is not None and page.index >= appendix):
            continue
        if body:
            foot = min(line.y for line in body)
            bottom = [line for line in body if line.y < foot + 2]
            caption = [line for line in body if line.all_bold and line.y < foot + 30]  # a figure's caption below it
            if all(line.all_bold for line in bottom) and not any(c.text.startswith(FIGURES) for c in caption):
                problems.append(
                    f"{where}: judul di kaki halaman, isinya di halaman berikut: {_short(bottom[0].text)!r}"
                )
        fill = (BODY_TOP - page.lowest) / (BODY_TOP - BODY_BOTTOM)
        if fill < MIN_FILL:
            first = _short(body[0].text) if body else ""
            problems.append(f"{where}: halaman hanya terisi {fill:.0%}: {first!r}")
    return problems


def _metadata(path: Path, doc: pdfium.PdfDocument, nama: str, tahun: int) -> list[str]:
    meta = doc.get_metadata_dict()
    problems = []
    title = f"LKjIP Kecamatan {nama} Tahun {tahun}"
    if meta.get("Title") != title:
        problems.append(f"metadata: judul {meta.get('Title')!r}, seharusnya {title!r}")
    if not meta.get("Subject"):
        problems.append("metadata: tanpa subjek")
    if not meta.get("Author"):
        problems.append("metadata: tanpa penulis")
    if not PdfReader(path).trailer["/Root"].get("/Lang"):
        problems.append("metadata: tanpa bahasa (/Lang)")
    toc = _toc(doc)
    if not toc:
        problems.append("metadata: tanpa penanda (bookmark)")
    elif not any(title.startswith("BAB I") for _, title, _ in toc):
        problems.append("metadata: tanpa penanda BAB I")
    return problems


if __name__ == "__main__":
    pdf = Path(sys.argv[1])
    found = periksa(
        pdf, sys.argv[2] if len(sys.argv) > 2 else "Ajibarang", int(sys.argv[3]) if len(sys.argv) > 3 else 2023
    )
    print("\n".join(found) or "tidak ada cacat tata letak")
    sys.exit(1 if found else 0)
