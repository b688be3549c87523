"""What every chapter of the outline uses: numbering, narrative sections, signature, sources.

A :class:`Builder` is made once per report. Chapter modules
(:mod:`lkjip.outline.depan`, ``bab1`` ... ``lampiran``) fill sections through
it; tables and charts take their numbers from it in document order.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lkjip import format as fmt
from lkjip import markdown, tables, text
from lkjip.dataset import KecamatanData
from lkjip.document import Blok, Dokumen, Narasi, Paragraf, Run, Subjudul, Tabel, TandaTangan
from lkjip.hasil import Hasil
from lkjip.konteks import konteks
from lkjip.load import display_path
from lkjip.outline.numbering import Numbering
from lkjip.problems import Problem


@dataclass
class Builder:
    """The inputs of one report and the state of its outline while it is built."""

    data: KecamatanData
    hasil: Hasil
    peringatan: list[Problem]
    folder: Path | None  # the kecamatan-year folder: narasi/ overrides and lampiran/ images
    nomor: Numbering = field(default_factory=Numbering)
    overrides: dict[str, str] = field(default_factory=dict)  # section -> override file actually used
    doc: Dokumen = field(default_factory=Dokumen)  # the sections built so far
    tabel_program: str = ""  # the label of the one table of anggaran per program, once it is printed

    def __post_init__(self) -> None:
        self.ctx = konteks(self.data, self.hasil, self.folder)
        self.files = text.override_files(self.folder) if self.folder else {}

    @property
    def nama(self) -> str:
        return self.data.nama

    @property
    def tahun(self) -> int:
        return self.data.tahun

    @property
    def contoh(self) -> bool:
        return bool(self.data.profil["data_contoh"])

    @property
    def kaki(self) -> str:
        return f"LKjIP Kecamatan {self.nama} Tahun {self.tahun}"

    def narasi(self, name: str, extra: dict[str, Any] | None = None, default: str | None = None) -> Narasi:
        """A narrative section as blocks: the analyst's override if there is one, else the default template."""
        ctx = {**self.ctx, **(extra or {})}
        if name in self.files:
            path = self.files[name]
            self.overrides[name] = str(path)
            source, location, diganti = text.read_override(path), display_path(path), True
        else:
            source = default if default is not None else text.default_template(name)
            location, diganti = f"templat baku {name}", False
        isi = markdown.blocks(text.render(source, ctx, location), location)
        return Narasi(nama=name, diganti=diganti, isi=isi)

    def ttd(self) -> TandaTangan:
        """The camat's signature block (Kata Pengantar, Perjanjian Kinerja)."""
        p = self.data.profil
        return TandaTangan(
            tempat=str(p["tempat_ttd"]),
            tanggal=fmt.bulan_tahun(p["tanggal_ttd"]),
            jabatan=f"CAMAT {self.nama.upper()}",
            nama=str(p["camat_nama"]),
            pangkat=str(p["camat_pangkat"]),
            nip=str(p["camat_nip"]),
        )

    def tabel(self, bab: int) -> str:
        return self.nomor.next("Tabel", bab)

    def program_table(self, judul: str) -> Tabel:
        """The one table of anggaran and realisasi per program, numbered where it is first printed.

        Every program with the Jumlah row, and a subtotal of the programs that support the tujuan/sasaran
        when some programs do not (Program Penunjang): III.B prints it, and III.C refers to it by number.
        """
        h = self.hasil
        self.tabel_program = self.tabel(3)
        sub = None
        if not h.pendukung.empty and len(h.pendukung) < len(h.program):
            sub = ("Jumlah program pendukung tujuan/sasaran", h.total_pendukung)
        return tables.anggaran_program(
            h.program, h.total, self.tabel_program, judul, self.src("realisasi_anggaran"), sub
        )

    def grafik(self, bab: int) -> str:
        return self.nomor.next("Grafik", bab)

    def src(self, key: str) -> str | None:
        return self.data.sumber.get(key)


def paragraf(*parts: str | Run) -> Paragraf:
    """A paragraph of plain text and styled runs."""
    return Paragraf(isi=[p if isinstance(p, Run) else Run(teks=p) for p in parts if p])


def subjudul(judul: str) -> Subjudul:
    return Subjudul(tingkat=3, isi=[Run(teks=judul)])


Blocks = list[Blok]
