"""Print the report HTML to an A4 PDF with WeasyPrint (CSS paged media).

The front matter (cover, Kata Pengantar ... Daftar Lampiran) and the body
(BAB I to the appendices) are laid out as two documents cut from the same
HTML, then joined: so the cover carries no
number, the front matter is numbered i, ii, iii, and the body starts again at 1
with BAB I. The page numbers in Daftar Isi, Tabel, Grafik, Gambar and Lampiran
are read from where the targets actually fell and written back with leader
dots; the front matter is laid out until those numbers stop changing.
"""

from __future__ import annotations

import re

# WeasyPrint gives these extra stylesheets user origin: only !important beats the report's own CSS.
FRONT_ONLY = """
@page { @bottom-right { content: counter(page, lower-roman) !important; } }
@page :first { @bottom-right { content: none !important; } @bottom-left { content: none !important; } }
"""
BODY_ONLY = """
@page { @bottom-right { content: counter(page) !important; } }
"""

_HREF = re.compile(r'<a href="#([^"]+)">')


def _roman(n: int) -> str:
    vals = [(1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"), (40, "xl"),
            (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")]  # fmt: skip
    out = ""
    for v, s in vals:
        while n >= v:
            out, n = out + s, n - v
    return out


def _pages_of(document, targets: set[str], roman: bool) -> dict[str, str]:  # type: ignore[no-untyped-def]
    found: dict[str, str] = {}
    for i, page in enumerate(document.pages, 1):
        for anchor in page.anchors:
            if anchor in targets and anchor not in found:
                found[anchor] = _roman(i) if roman else str(i)
    return found


def _list_css(numbers: dict[str, str]) -> str:
    rules = [
        f'.lkjip-daftar a[href="#{anchor}"]::after {{ content: leader(".") "{num}" !important; }}'
        for anchor, num in sorted(numbers.items())
    ]
    return "\n".join(rules)


def split(html: str) -> tuple[str, str]:
    """(front matter, body) as two HTML documents; cells without a report section are dropped.

    Dropping, not hiding, keeps empty notebook wrappers from pushing a blank page before the
    first forced page break.
    """
    from bs4 import BeautifulSoup

    parts = []
    for keep_front in (True, False):
        soup = BeautifulSoup(html, "html.parser")
        cells = soup.select("div.jp-Cell") or soup.select("section.lkjip-bagian")
        for cell in cells:
            section = cell if cell.name == "section" else cell.select_one("section.lkjip-bagian")
            if section is None or ("depan" in section.get("class", [])) != keep_front:
                cell.decompose()
        parts.append(str(soup))
    return parts[0], parts[1]


def page_numbers(html: str, base_url: str | None = None) -> tuple[bytes, dict[str, str]]:
    """The PDF bytes and the printed page number of every listed anchor."""
    from weasyprint import CSS, HTML

    front_html, body_html = split(html)
    targets = set(_HREF.findall(html))
    body = HTML(string=body_html, base_url=base_url).render(stylesheets=[CSS(string=BODY_ONLY)])
    numbers = _pages_of(body, targets, roman=False)
    front = None
    doc = HTML(string=front_html, base_url=base_url)
    for _ in range(4):
        front = doc.render(stylesheets=[CSS(string=FRONT_ONLY + _list_css(numbers))])
        update = {**numbers, **_pages_of(front, targets, roman=True)}
        if update == numbers:
            break
        numbers = update
    assert front is not None
    joined = front.copy([*front.pages, *body.pages])
    return joined.write_pdf(), numbers


def html_to_pdf(html: str, base_url: str | None = None) -> bytes:
    """Print ``html`` (the lkjip HTML report) to PDF bytes."""
    return page_numbers(html, base_url)[0]
