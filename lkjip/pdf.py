"""Print the report HTML to an A4 PDF with WeasyPrint (CSS paged media).

The front matter (cover, Kata Pengantar ... Daftar Lampiran) and the body
(BAB I to the appendices) are laid out as two documents cut from the same
HTML, then joined: so the cover carries no
number, the front matter is numbered i, ii, iii, and the body starts again at 1
with BAB I. The page numbers in Daftar Isi, Tabel, Grafik, Gambar and Lampiran
are read from where the body's targets actually fell and written in with leader
dots; entries for the front matter itself use CSS ``target-counter``.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from weasyprint.document import Document

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


def _pages_of(document: Document, targets: set[str], roman: bool) -> dict[str, str]:
    found: dict[str, str] = {}
    for i, page in enumerate(document.pages, 1):
        for anchor in page.anchors:
            if anchor in targets and anchor not in found:
                found[anchor] = _roman(i) if roman else str(i)
    return found


def _list_css(numbers: dict[str, str]) -> str:
    """Leader dots and page numbers: literal ones for the body, counters for the front matter itself."""
    rules = [
        f'.lkjip-daftar a[href="#{anchor}"]::after {{ content: leader(".") "{num}" !important; }}'
        for anchor, num in sorted(numbers.items())
    ]
    rules.append(
        '.lkjip-daftar li.depan a::after { content: leader(".") target-counter(attr(href url), page, '
        "lower-roman) !important; }"
    )
    return "\n".join(rules)


_CELL = re.compile(r'(?=<div class="jp-Cell )')


def split(html: str) -> tuple[str, str]:
    """(front matter, body) as two HTML documents; cells without a report section are dropped.

    Dropping, not hiding, keeps empty notebook wrappers from pushing a blank page before the
    first forced page break. The notebook's cells are sibling ``<div class="jp-Cell ...">``
    blocks inside ``<main>``, so cutting at their starts is exact (and much faster than parsing).
    """
    head, _, rest = html.partition("<main>")
    body, _, tail = rest.rpartition("</main>")
    if not _ or not _CELL.search(body):  # not an nbconvert page: cut at the report sections
        chunks = re.split(r'(?=<section class="lkjip-bagian )', body)
    else:
        chunks = _CELL.split(body)
    front = [c for c in chunks if 'class="lkjip-bagian depan' in c]
    main = [c for c in chunks if 'class="lkjip-bagian isi' in c]
    return (f"{head}<main>{''.join(front)}</main>{tail}", f"{head}<main>{''.join(main)}</main>{tail}")


def page_numbers(html: str, base_url: str | None = None) -> tuple[bytes, dict[str, str]]:
    """The PDF bytes and the printed page number of every listed anchor."""
    from weasyprint import CSS, HTML

    front_html, body_html = split(html)
    targets = set(_HREF.findall(html))
    body = HTML(string=body_html, base_url=base_url).render(stylesheets=[CSS(string=BODY_ONLY)])
    numbers = _pages_of(body, targets, roman=False)
    front = HTML(string=front_html, base_url=base_url).render(stylesheets=[CSS(string=FRONT_ONLY + _list_css(numbers))])
    numbers.update(_pages_of(front, targets, roman=True))
    joined = front.copy([*front.pages, *body.pages])
    return joined.write_pdf(), numbers


def html_to_pdf(html: str, base_url: str | None = None) -> bytes:
    """Print ``html`` (the lkjip HTML report) to PDF bytes."""
    return page_numbers(html, base_url)[0]
