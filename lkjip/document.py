"""The document model: ordered sections holding numbered tables, charts and text.

The whole outline is built once, in document order, before anything is
displayed. Numbers ("Tabel 3.2", "Grafik 3.1") are handed out as blocks are
created, and the lists (Daftar Isi, Tabel, Grafik, Gambar, Lampiran) are read
from the same blocks, so a caption and its list entry cannot differ.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lkjip.templating import render

ROMAN = ["", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"]


@dataclass(frozen=True)
class Html:
    """A block of (already safe) HTML."""

    html: str

    def _repr_html_(self) -> str:
        return self.html

    def __repr__(self) -> str:
        return "<HTML>"


@dataclass(frozen=True)
class Lampiran:
    """One numbered appendix: a title and its content blocks."""

    label: str  # "Lampiran 1"
    judul: str
    blocks: list = field(default_factory=list)

    @property
    def anchor(self) -> str:
        return self.label.lower().replace(" ", "-")

    def _repr_html_(self) -> str:
        inner = "\n".join(b._repr_html_() for b in self.blocks)
        return (
            f'<div class="lkjip-lampiran" id="{self.anchor}"><h2>{self.label}<br>{_esc(self.judul)}</h2>\n{inner}</div>'
        )


def _esc(text: str) -> str:
    from markupsafe import escape

    return str(escape(text))


@dataclass
class Numbering:
    """Per-chapter counters for each kind of numbered block."""

    count: dict[tuple[str, int], int] = field(default_factory=dict)
    flat: dict[str, int] = field(default_factory=dict)

    def next(self, kind: str, bab: int) -> str:
        n = self.count.get((kind, bab), 0) + 1
        self.count[(kind, bab)] = n
        return f"{kind} {bab}.{n}"

    def next_flat(self, kind: str) -> str:
        n = self.flat.get(kind, 0) + 1
        self.flat[kind] = n
        return f"{kind} {n}"


@dataclass
class Bagian:
    """One section: what a notebook cell displays."""

    kunci: str  # "bab3.a"
    anchor: str  # "bab-3-a"
    judul: str  # "A. Capaian Kinerja Organisasi"
    tingkat: int  # 0 cover, 1 chapter or front-matter page, 2 subsection
    depan: bool  # front matter (roman page numbers in print)
    blocks: list = field(default_factory=list)
    kaki: str = ""  # running footer text
    contoh: bool = False  # sample data marker
    di_daftar_isi: bool = True

    def _repr_html_(self) -> str:
        return render("bagian.html.j2", b=self, blocks=[x._repr_html_() for x in self.blocks])

    def __repr__(self) -> str:  # the text/plain output beside the HTML in the executed notebook
        return f"{self.judul} ({self.kunci})"


@dataclass
class Dokumen:
    """All sections in order."""

    bagian: list[Bagian] = field(default_factory=list)

    def __getitem__(self, kunci: str) -> Bagian:
        for b in self.bagian:
            if b.kunci == kunci:
                return b
        known = ", ".join(b.kunci for b in self.bagian)
        raise KeyError(f"Bagian '{kunci}' tidak ada. Bagian yang ada: {known}")

    @property
    def kunci(self) -> list[str]:
        return [b.kunci for b in self.bagian]

    def blocks_of(self, cls: type) -> list:
        """All blocks of type ``cls`` in document order (nested in Lampiran too)."""
        found = []
        for b in self.bagian:
            for block in b.blocks:
                if isinstance(block, cls) and getattr(block, "label", ""):
                    found.append(block)
                for inner in getattr(block, "blocks", []):
                    if isinstance(inner, cls) and getattr(inner, "label", ""):
                        found.append(inner)
        return found

    def daftar_isi(self) -> list[tuple[int, str, str, bool]]:
        """(level, title, anchor, front matter) of every listed section."""
        return [(b.tingkat, b.judul, b.anchor, b.depan) for b in self.bagian if b.di_daftar_isi and b.tingkat > 0]


def bab_label(bab: int, judul: str) -> str:
    return f"BAB {ROMAN[bab]} {judul}"
