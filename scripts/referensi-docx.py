"""Write lkjip/templates/docx/referensi.docx, the reference document the Word output takes its styles from.

Run once after a change here (``.venv/bin/python scripts/referensi-docx.py``) and commit the result.
It starts from python-docx's default template and sets what an LKjIP needs: body 12 pt serif,
headings bold and black, captions, table text, the cover and signature styles, and the
numbering definitions of numbered lists (1. / a. / 1)). An office may restyle the file in Word
(keeping the style names) and lkjip then builds every report with its styles.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Pt, RGBColor

TARGET = Path(__file__).resolve().parent.parent / "lkjip" / "templates" / "docx" / "referensi.docx"
SERIF = "Times New Roman"
BLACK = RGBColor(0, 0, 0)

# Numbered lists: one definition per way of counting (lkjip.document.Daftar.penanda), nine levels each.
NUMBERING = {10: ("decimal", "%{n}."), 11: ("lowerLetter", "%{n}."), 12: ("decimal", "%{n})")}


def _fonts(style, size: float | None = None, bold: bool | None = None, italic: bool | None = None) -> None:  # type: ignore[no-untyped-def]
    font = style.font
    font.name = SERIF
    rpr = style.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), SERIF)
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:cstheme", "w:eastAsiaTheme"):
        fonts.attrib.pop(qn(attr), None)
    font.color.rgb = BLACK
    if size is not None:
        font.size = Pt(size)
    if bold is not None:
        font.bold = bold
    if italic is not None:
        font.italic = italic


def _paragraph_style(doc, name: str, base: str = "Normal"):  # type: ignore[no-untyped-def]
    try:
        return doc.styles[name]
    except KeyError:
        style = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = doc.styles[base]
        style.quick_style = True
        return style


def main() -> None:
    doc = Document()
    styles = doc.styles
    normal = styles["Normal"]
    _fonts(normal, 12)
    normal.paragraph_format.space_after = Pt(6)
    normal.paragraph_format.line_spacing = 1.15
    normal.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    for name, size in (("Heading 1", 15.6), ("Heading 2", 13.2), ("Heading 3", 12), ("Heading 4", 12), ("Title", 18)):
        style = styles[name]
        _fonts(style, size, bold=True, italic=name == "Heading 4")
        fmt = style.paragraph_format
        fmt.alignment = WD_ALIGN_PARAGRAPH.CENTER if name in ("Heading 1", "Title") else WD_ALIGN_PARAGRAPH.LEFT
        fmt.space_before = Pt(18 if name == "Heading 1" else 12)
        fmt.space_after = Pt(12 if name == "Heading 1" else 6)
        fmt.keep_with_next = True
    title = styles["Title"].element.get_or_add_pPr()
    for border in title.findall(qn("w:pBdr")):
        title.remove(border)
    for name in ("Header", "Footer"):  # one right tab at the text width (14 cm), none of the template's
        _fonts(styles[name], 8)
        ppr = styles[name].element.get_or_add_pPr()
        for tabs in ppr.findall(qn("w:tabs")):
            ppr.remove(tabs)
    caption = styles["Caption"]
    _fonts(caption, 11, bold=True, italic=False)
    caption.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    caption.paragraph_format.space_before = Pt(6)
    caption.paragraph_format.space_after = Pt(6)
    for name in ("List Number", "List Number 2", "List Bullet", "List Bullet 2", "List Continue", "List Continue 2"):
        _fonts(styles[name])
        styles[name].paragraph_format.space_after = Pt(3)
    quote = styles["Quote"]
    _fonts(quote, 12, italic=True)
    for name, size, bold, italic, align in (
        ("Isi Tabel", 10, None, None, WD_ALIGN_PARAGRAPH.LEFT),  # table text
        ("Sumber", 9, None, True, WD_ALIGN_PARAGRAPH.LEFT),  # "Sumber: ..." under a table or figure
        ("Sampul", 14, True, None, WD_ALIGN_PARAGRAPH.CENTER),  # cover lines
        ("Judul Halaman", 15.6, True, None, WD_ALIGN_PARAGRAPH.CENTER),  # a front-matter title not in the TOC
        ("Judul Lampiran", 13.2, True, None, WD_ALIGN_PARAGRAPH.CENTER),  # an appendix title (Daftar Lampiran)
        ("Tanda Tangan", 12, None, None, WD_ALIGN_PARAGRAPH.CENTER),  # the camat's signature block
        ("Gambar", 12, None, None, WD_ALIGN_PARAGRAPH.CENTER),  # the paragraph holding a chart or picture
        ("Data Contoh", 9, True, None, WD_ALIGN_PARAGRAPH.CENTER),  # the sample-data header
    ):
        style = _paragraph_style(doc, name)
        _fonts(style, size, bold=bold, italic=italic)
        style.paragraph_format.alignment = align
        if name == "Isi Tabel":
            style.paragraph_format.space_after = Pt(0)
            style.paragraph_format.line_spacing = 1.0
        if name == "Data Contoh":
            style.font.color.rgb = RGBColor(0xAA, 0, 0)
        if name in ("Judul Halaman", "Judul Lampiran"):
            style.paragraph_format.space_after = Pt(12)
            style.paragraph_format.keep_with_next = True
        if name == "Judul Lampiran":  # in Word's navigation pane, one level below a chapter
            style.element.get_or_add_pPr().append(parse_xml(f'<w:outlineLvl {nsdecls("w")} w:val="1"/>'))
        if name == "Gambar":
            style.paragraph_format.keep_with_next = True
    for name in ("TOC 1", "TOC 2"):
        style = _paragraph_style(doc, name)
        _fonts(style, 12)
        style.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.LEFT
        style.paragraph_format.space_after = Pt(2)
        if name == "TOC 2":
            style.paragraph_format.left_indent = Pt(18)
    numbering = doc.part.numbering_part.element
    first_num = numbering.find(qn("w:num"))
    for ident, (fmt, text) in NUMBERING.items():
        levels = "".join(
            f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
            f'<w:lvlText w:val="{text.format(n=i + 1)}"/><w:lvlJc w:val="left"/>'
            f'<w:pPr><w:ind w:left="{360 * (i + 1) + 360}" w:hanging="360"/></w:pPr></w:lvl>'
            for i in range(9)
        )
        abstract = parse_xml(f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{ident}">{levels}</w:abstractNum>')
        first_num.addprevious(abstract)
    buffer = io.BytesIO()
    doc.save(buffer)
    with zipfile.ZipFile(buffer) as src, zipfile.ZipFile(TARGET, "w", zipfile.ZIP_DEFLATED) as out:
        for name in sorted(src.namelist()):
            out.writestr(zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0)), src.read(name), zipfile.ZIP_DEFLATED)
    print(f"{TARGET} ditulis")


if __name__ == "__main__":
    main()
