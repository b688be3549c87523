"""The outline of the LKjIP (PermenPANRB 53/2014), declared as an ordered list of sections.

:data:`SECTIONS` says, for each section in document order, its key, title,
level and the function that fills it with blocks of the document model
(:mod:`lkjip.document`). :func:`build` fills them in order, so tables and
charts are numbered in reading order; the front-matter lists (``akhir``) are
filled last, from the finished body.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from lkjip.dataset import KecamatanData
from lkjip.document import Bagian, Dokumen, anchor_of
from lkjip.hasil import Hasil
from lkjip.outline import analisis, bab1, bab2, bab3, depan, lampiran
from lkjip.outline.builder import Blocks, Builder
from lkjip.outline.numbering import bab_label
from lkjip.problems import Problem


def _none(b: Builder) -> Blocks:
    return []


@dataclass(frozen=True)
class Section:
    kunci: str  # "bab3.a": what the notebook cell asks for
    judul: str  # may hold {tahun}
    tingkat: int  # 0 cover, 1 chapter or front-matter page, 2 subsection
    depan: bool  # front matter (roman page numbers in print)
    isi: Callable[[Builder], Blocks] = _none
    akhir: bool = False  # filled after every other section (the front-matter lists)
    opsional: bool = False  # left out of the report (``Bagian.kosong``) when it has nothing to show

    @property
    def anchor(self) -> str:
        return anchor_of(self.kunci)


SECTIONS: tuple[Section, ...] = (
    Section("judul", "Halaman Judul", 0, True, depan.sampul),
    Section("kata_pengantar", "KATA PENGANTAR", 1, True, depan.kata_pengantar),
    Section("ikhtisar", "IKHTISAR EKSEKUTIF", 1, True, depan.ikhtisar),
    Section("daftar_isi", "DAFTAR ISI", 1, True, depan.daftar_isi, akhir=True),
    Section("daftar_tabel", "DAFTAR TABEL", 1, True, depan.daftar("tabel"), akhir=True, opsional=True),
    Section("daftar_grafik", "DAFTAR GRAFIK", 1, True, depan.daftar("grafik"), akhir=True, opsional=True),
    Section("daftar_gambar", "DAFTAR GAMBAR", 1, True, depan.daftar("gambar"), akhir=True, opsional=True),
    Section("daftar_lampiran", "DAFTAR LAMPIRAN", 1, True, depan.daftar("lampiran"), akhir=True, opsional=True),
    Section("bab1", bab_label(1, "PENDAHULUAN"), 1, False),
    Section("bab1.a", "A. Latar Belakang", 2, False, bab1.latar_belakang),
    Section("bab1.b", "B. Gambaran Umum", 2, False, bab1.gambaran_umum),
    Section("bab1.c", "C. Kewenangan Penyelenggaraan Urusan Pemerintahan", 2, False, bab1.kewenangan),
    Section("bab1.d", "D. Susunan Organisasi", 2, False, bab1.susunan_organisasi),
    Section("bab1.e", "E. Sumber Daya Aparatur", 2, False, bab1.sumber_daya_aparatur),
    Section("bab1.f", "F. Isu Strategis", 2, False, bab1.isu_strategis),
    Section("bab1.g", "G. Sistematika Penulisan", 2, False, bab1.sistematika),
    Section("bab2", bab_label(2, "PERENCANAAN KINERJA"), 1, False),
    Section("bab2.a", "A. Rencana Strategis", 2, False, bab2.rencana_strategis),
    Section("bab2.b", "B. Indikator Kinerja Utama (IKU)", 2, False, bab2.iku),
    Section("bab2.c", "C. Perjanjian Kinerja Tahun {tahun}", 2, False, bab2.perjanjian_kinerja),
    Section("bab2.d", "D. Rencana Anggaran Tahun {tahun}", 2, False, bab2.rencana_anggaran),
    Section("bab3", bab_label(3, "AKUNTABILITAS KINERJA"), 1, False, bab3.akuntabilitas),
    Section("bab3.a", "A. Capaian Kinerja Organisasi", 2, False, bab3.capaian_organisasi),
    Section("bab3.b", "B. Analisis Capaian Kinerja", 2, False, analisis.analisis),
    Section("bab3.c", "C. Efisiensi dan Efektivitas Penggunaan Anggaran", 2, False, bab3.efisiensi),
    Section("bab3.d", "D. Prestasi dan Penghargaan", 2, False, bab3.prestasi),
    Section("bab4", bab_label(4, "PENUTUP"), 1, False, lampiran.penutup),
    Section("lampiran", "LAMPIRAN", 1, False, lampiran.lampiran, opsional=True),
)


def build(
    data: KecamatanData, hasil: Hasil, peringatan: list[Problem], folder: Path | None
) -> tuple[Dokumen, dict[str, str]]:
    """The whole document, in order, with the lists filled in; and the override files it used."""
    b = Builder(data, hasil, peringatan, folder)
    for s in SECTIONS:
        bagian = Bagian(
            kunci=s.kunci,
            anchor=s.anchor,
            judul=s.judul.format(tahun=b.tahun),
            tingkat=s.tingkat,
            depan=s.depan,
            kaki=b.kaki,
            contoh=b.contoh,
        )
        b.doc.bagian.append(bagian)
        if not s.akhir:
            _fill(b, s)
    # the lists, then Daftar Isi last: it leaves out the lists and the appendix that have nothing to show
    for s in sorted((s for s in SECTIONS if s.akhir), key=lambda s: s.kunci == "daftar_isi"):
        _fill(b, s)
    return b.doc, b.overrides


def _fill(b: Builder, s: Section) -> None:
    bagian = b.doc[s.kunci]
    bagian.isi = s.isi(b)
    bagian.kosong = s.opsional and not bagian.isi
