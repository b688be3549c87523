"""The HTML renderer of the document model: Jinja templates walk the blocks (``templates/html/*.j2``).

No markup is written in Python: every element comes from a template file, and
every text of the model is escaped by the templates' autoescape.
"""

from __future__ import annotations

from lkjip.document import Bagian, Blok
from lkjip.templating import render


def bagian_html(bagian: Bagian) -> str:
    """The HTML of one section, as the notebook shows it and the exporters publish it."""
    return render("html/bagian.html.j2", b=bagian)


def blocks_html(isi: list[Blok]) -> str:
    """The HTML of loose blocks (a notebook cell outside the report)."""
    return render("html/blok_lepas.html.j2", isi=isi)


def block_html(block: Blok) -> str:
    """The HTML of one block."""
    return blocks_html([block])
