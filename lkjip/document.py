"""The document model: every block of the report as structured data, versioned.

A report (:class:`Dokumen`) is an ordered list of sections (:class:`Bagian`),
each holding blocks: headings, paragraphs of inline runs, lists, tables,
figures, signature blocks, the cover, the front-matter lists, appendices and
page-break hints. No block holds markup: text is text (a run says whether it
is emphasised, a number or a link), so every renderer (HTML through Jinja
templates today, a print engine and Word later) walks the same blocks, and the
blocks can be checked as data.

The executed notebook carries each section as JSON under :data:`MIME`
(:meth:`Bagian.notebook_json`, displayed by :class:`lkjip.html_renderer.Tampil`),
beside its HTML, so an nbconvert exporter renders the report from the notebook alone (:mod:`lkjip.exporters`). The
model is validated when it is read back (pydantic): a notebook whose model
version is unknown, or whose blocks do not fit the model, is refused. The
model itself refuses what :mod:`lkjip.markdown` and the charts never produce,
so an edited notebook cannot smuggle it past the exporter: a link other than
http(s)/mailto, chart SVG outside matplotlib's elements and attributes
(:func:`lkjip.guards.check_svg`; the SVG is put into the HTML as markup), picture data that
is not base64 of a PNG/JPEG, and JSON nested deeper than :data:`MAX_DEPTH`.

Numbers ("Tabel 3.2", "Grafik 3.1") are handed out by
:class:`lkjip.outline.numbering.Numbering` as blocks are created, and the lists
of the front matter are read from the same blocks, so a caption and its list
entry cannot differ.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Annotated, Any, Final, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    SerializerFunctionWrapHandler,
    field_validator,
    model_serializer,
    model_validator,
)

from lkjip.guards import MAX_DEPTH, check_picture, check_svg, depth_of, safe_link

VERSION: Final = 1
"""Version of the model; bump it when a block changes shape, and teach the exporters both."""

MIME = f"application/vnd.lkjip.document.v{VERSION}+json"
"""Media type of one section's blocks in the executed notebook."""

MIME_PREFIX = "application/vnd.lkjip.document."
"""Any version of the model: an exporter that finds one it does not know refuses the notebook."""

_ALWAYS = ("versi", "jenis")
"""Fields written even when they hold their default: the model's version and each block's kind."""


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    @model_serializer(mode="wrap")
    def _keep_kind(self, handler: SerializerFunctionWrapHandler) -> dict[str, Any]:
        data = handler(self)
        keep = {k: getattr(self, k) for k in _ALWAYS if k in type(self).model_fields}
        return {**keep, **data}


def anchor_of(label: str) -> str:
    """The one anchor rule, for sections, tables, figures and appendices alike.

    ``Tabel 3.2`` -> ``tabel-3-2``, ``Lampiran 1`` -> ``lampiran-1``, ``bab3.a`` -> ``bab3-a``.
    """
    return label.lower().replace(" ", "-").replace(".", "-").replace("_", "-")


# ---------------------------------------------------------------- inline


class Run(_Model):
    """A stretch of text with one style. ``\\n`` in ``teks`` is a line break."""

    teks: str
    tebal: bool = False  # bold
    miring: bool = False  # italic
    angka: bool = False  # a figure (a renderer may keep it on one line)
    kode: bool = False  # code, as an analyst marked it
    tautan: str | None = None  # an http(s) or mailto link

    @field_validator("tautan")
    @classmethod
    def _safe(cls, value: str | None) -> str | None:
        if value is not None and safe_link(value) != value:
            raise ValueError(f"tautan {value[:60]!r} bukan tautan http(s) atau mailto")
        return value


Teks = list[Run]
"""Inline content: a list of runs."""


def teks(value: str, **style: Any) -> Teks:
    """Plain text as inline content (empty text gives no run)."""
    return [Run(teks=value, **style)] if value else []


# ---------------------------------------------------------------- blocks


class Paragraf(_Model):
    jenis: Literal["paragraf"] = "paragraf"
    isi: Teks


class Subjudul(_Model):
    """A heading inside a section (the section's own title is :attr:`Bagian.judul`)."""

    jenis: Literal["subjudul"] = "subjudul"
    tingkat: Literal[3, 4] = 3
    isi: Teks


class Daftar(_Model):
    """A bulleted or numbered list; each item is a list of blocks."""

    jenis: Literal["daftar"] = "daftar"
    bernomor: bool = False
    penanda: Literal["angka", "huruf", "angka_kurung"] = "angka"
    """How a numbered list counts, as legal texts do: 1. 2. (angka), a. b. (huruf), 1) 2) (angka_kurung)."""
    mulai: int = 1
    rapat: bool = True  # tight: items are single lines, no space between them
    butir: list[list[Blok]]


class Kutipan(_Model):
    jenis: Literal["kutipan"] = "kutipan"
    isi: list[Blok]


class Garis(_Model):
    """A thematic break."""

    jenis: Literal["garis"] = "garis"


class PindahHalaman(_Model):
    """A page-break hint: print starts a new page here; the screen ignores it."""

    jenis: Literal["pindah_halaman"] = "pindah_halaman"


class Sel(_Model):
    """A table cell: lines of inline content, with spans."""

    isi: list[Teks] = Field(default_factory=list)
    colspan: int = Field(default=1, ge=1, le=50)
    rowspan: int = Field(default=1, ge=1, le=50)


Kolom = Literal["teks", "angka", "label"]
"""Column kinds: text (left), figures (right), short labels such as No., Satuan (centred)."""


class Tabel(_Model):
    """A table: header rows, body rows, footer (total) rows, column kinds, caption and source."""

    jenis: Literal["tabel"] = "tabel"
    label: str = ""  # "Tabel 3.2"; empty for an unnumbered table (an appendix copy, an analyst's table)
    judul: str = ""
    kepala: list[list[Sel]] = Field(default_factory=list)
    baris: list[list[Sel]] = Field(default_factory=list)
    kaki: list[list[Sel]] = Field(default_factory=list)
    kolom: list[Kolom] = Field(default_factory=list)
    lebar: list[int] | None = None  # column widths in %, so text columns are not squeezed by numbers
    sumber: str | None = None

    @property
    def anchor(self) -> str:
        return anchor_of(self.label)


class Gambar(_Model):
    """A figure: a chart (SVG) or a picture (PNG/JPEG, base64), with its caption."""

    jenis: Literal["gambar"] = "gambar"
    jenis_gambar: Literal["grafik", "bagan", "foto"] = "grafik"
    label: str = ""  # "Grafik 3.1", "Gambar 1.1"
    judul: str = ""
    svg: str | None = None
    data: str | None = None  # base64 of the picture
    mime: Literal["image/png", "image/jpeg"] | None = None
    alt: str = ""
    sumber: str | None = None

    @property
    def anchor(self) -> str:
        return anchor_of(self.label)

    @model_validator(mode="after")
    def _picture(self) -> Gambar:
        if self.svg is not None:
            if self.data is not None or self.mime is not None:
                raise ValueError("gambar memuat SVG sekaligus data gambar")
            check_svg(self.svg)
        elif self.data is None or self.mime is None:
            raise ValueError("gambar tanpa SVG dan tanpa data gambar beserta jenisnya (mime)")
        else:
            check_picture(self.data, self.mime)
        return self


class TandaTangan(_Model):
    """The camat's signature block."""

    jenis: Literal["ttd"] = "ttd"
    tempat: str
    tanggal: str
    jabatan: str
    nama: str
    pangkat: str
    nip: str


class Sampul(_Model):
    """The cover."""

    jenis: Literal["sampul"] = "sampul"
    instansi: list[str]
    judul: list[str]
    alamat: list[str]
    contoh: bool = False
    lambang: Gambar | None = None  # the kabupaten's emblem; None: the renderers draw an empty frame


class Entri(_Model):
    """One line of a front-matter list."""

    tingkat: int
    label: str = ""
    judul: str
    anchor: str
    depan: bool = False


class DaftarIsi(_Model):
    """Daftar Isi, Tabel, Grafik, Gambar or Lampiran."""

    jenis: Literal["daftar_isi"] = "daftar_isi"
    kelompok: Literal["isi", "tabel", "grafik", "gambar", "lampiran"]
    entri: list[Entri]


class Narasi(_Model):
    """A narrative section's text: the default template's or the analyst's override, as blocks."""

    jenis: Literal["narasi"] = "narasi"
    nama: str  # "penutup", "analisis_T1"
    diganti: bool = False  # from the analyst's override file
    isi: list[Blok]


class Lampiran(_Model):
    """One numbered appendix: a title and its blocks, on a page of its own."""

    jenis: Literal["lampiran"] = "lampiran"
    label: str  # "Lampiran 1"
    judul: str
    isi: list[Blok]

    @property
    def anchor(self) -> str:
        return anchor_of(self.label)


Blok = Annotated[
    Paragraf
    | Subjudul
    | Daftar
    | Kutipan
    | Garis
    | PindahHalaman
    | Tabel
    | Gambar
    | TandaTangan
    | Sampul
    | DaftarIsi
    | Narasi
    | Lampiran,
    Field(discriminator="jenis"),
]

for _cls in (Daftar, Kutipan, Narasi, Lampiran):
    _cls.model_rebuild()


# ---------------------------------------------------------------- sections


class Bagian(_Model):
    """One section: what one notebook cell displays."""

    model_config = ConfigDict(frozen=False, extra="forbid")  # the outline fills the front-matter lists last

    versi: Literal[1] = VERSION
    kunci: str  # "bab3.a"
    anchor: str  # "bab-3-a"
    judul: str  # "A. Capaian Kinerja Organisasi"
    tingkat: Literal[0, 1, 2]  # 0 cover, 1 chapter or front-matter page, 2 subsection
    depan: bool  # front matter (roman page numbers in print)
    isi: list[Blok] = Field(default_factory=list)
    kaki: str = ""  # running footer text
    contoh: bool = False  # sample data marker
    di_daftar_isi: bool = True
    kosong: bool = False  # left out of the report: an optional section with nothing to show (no appendix)

    @property
    def halaman_baru(self) -> bool:
        """Page-break hint: the cover, every front-matter page and every chapter start a new page."""
        return self.tingkat < 2

    @model_validator(mode="before")
    @classmethod
    def _shallow(cls, data: Any) -> Any:
        if isinstance(data, dict) and depth_of(data) > MAX_DEPTH:
            raise ValueError(f"model bersarang lebih dari {MAX_DEPTH} tingkat")
        return data

    def notebook_json(self) -> dict[str, Any]:
        """The section as the notebook records it under :data:`MIME` (defaults left out, kinds kept)."""
        return self.model_dump(mode="json", exclude_defaults=True)

    def __repr__(self) -> str:
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

    def blocks_of(self, cls: type) -> list[Any]:
        """Numbered blocks of type ``cls`` in document order (inside appendices too)."""
        return [b for b in walk(self.bagian) if isinstance(b, cls) and getattr(b, "label", None)]

    def daftar_isi(self) -> list[Entri]:
        """The entries of Daftar Isi: every listed section."""
        return [
            Entri(tingkat=b.tingkat, judul=b.judul, anchor=b.anchor, depan=b.depan)
            for b in self.bagian
            if b.di_daftar_isi and b.tingkat > 0 and not b.kosong
        ]


def children(block: Any) -> list[Any]:
    """The blocks directly inside ``block`` (list items flattened)."""
    if isinstance(block, Daftar):
        return [b for item in block.butir for b in item]
    if isinstance(block, Kutipan | Narasi | Lampiran):
        return list(block.isi)
    return []


def placement(spans: list[list[tuple[int, int]]]) -> list[list[int]]:
    """The first column of each cell of a table, as HTML places them: a cell's rowspan occupies the rows
    below, and a later cell moves right past them. ``spans`` holds each row's cells as (rowspan, colspan).

    The one placement rule every renderer that sizes columns uses (Typst's widths, Word's grid).
    """
    taken: set[tuple[int, int]] = set()
    placed = []
    for r, row in enumerate(spans):
        col, cols = 0, []
        for rowspan, colspan in row:
            while (r, col) in taken:
                col += 1
            taken.update((r + dr, col + dc) for dr in range(rowspan) for dc in range(colspan))
            cols.append(col)
            col += colspan
        placed.append(cols)
    return placed


def walk(sections: list[Bagian]) -> list[Any]:
    """Every block of ``sections``, depth first, in document order."""
    out: list[Any] = []
    stack: list[Any] = [b for s in reversed(sections) for b in reversed(s.isi)]
    while stack:
        block = stack.pop()
        out.append(block)
        stack.extend(reversed(children(block)))
    return out


def runs(block: Any) -> list[Run]:
    """Every inline run held directly by ``block`` (not by its child blocks)."""
    if isinstance(block, Paragraf | Subjudul):
        return list(block.isi)
    if isinstance(block, Tabel):
        return [
            r for row in (*block.kepala, *block.baris, *block.kaki) for cell in row for line in cell.isi for r in line
        ]
    return []
