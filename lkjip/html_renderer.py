"""The HTML renderer of the document model: Jinja templates walk the blocks (``templates/html/*.j2``).

No markup is written in Python: every element comes from a template file, and
every text of the model is escaped by the templates' autoescape.
"""

from __future__ import annotations

from typing import Any

from lkjip.document import MIME, Bagian, Blok
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


class Tampil:
    """A section as a notebook cell displays it: its model (JSON, :data:`lkjip.document.MIME`) and its HTML.

    Attribute access goes to the section, so ``lap.bagian("bab4").isi`` reads its blocks.
    """

    def __init__(self, bagian: Bagian) -> None:
        self.bagian = bagian

    def __getattr__(self, name: str) -> Any:
        return getattr(self.bagian, name)

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict[str, Any]:
        return {MIME: self.bagian.notebook_json(), "text/html": self._repr_html_(), "text/plain": repr(self.bagian)}

    def _repr_html_(self) -> str:
        return bagian_html(self.bagian)

    def __repr__(self) -> str:
        return repr(self.bagian)
