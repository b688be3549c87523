"""The report as the master notebook sees it: one object, one call per cell.

``buka()`` validates and slices the data of one kecamatan and year, computes
the figures once (:mod:`lkjip.hasil`) and builds the whole document
(:mod:`lkjip.outline`) in order, so table and chart numbers and the lists in
the front matter are known before the first cell displays anything. A
notebook cell shows one section with ``lap.bagian("bab3.a")``; the executed
notebook keeps each section's blocks (:mod:`lkjip.document`) beside its HTML.
"""

from __future__ import annotations

import os
from pathlib import Path

from lkjip import koreksi as corrections
from lkjip import outline
from lkjip.checks import check
from lkjip.dataset import KecamatanData
from lkjip.document import Blok, Daftar, Dokumen, Paragraf, Run, Sel, Tabel
from lkjip.hasil import Catatan, Hasil, hitung
from lkjip.html_renderer import Tampil, blocks_html
from lkjip.outline.builder import paragraf
from lkjip.paths import DATA_DIR, kecamatan_folder, resolve
from lkjip.problems import Problem


class Laporan:
    """One kecamatan's LKjIP for one year: computed figures and the built document."""

    def __init__(self, data: KecamatanData, peringatan: list[Problem], folder: Path | None = None) -> None:
        self.data = data
        self.peringatan_data = peringatan
        self.folder = folder  # the kecamatan-year folder with narasi/ overrides and lampiran/ images
        self.hasil: Hasil = hitung(data)  # every figure, computed once
        h = self.hasil
        self.skala, self.kinerja, self.rata_rata, self.predikat = h.skala, h.kinerja, h.rata_rata, h.predikat
        self.distribusi, self.program, self.total = h.distribusi, h.program, h.total
        self.pendukung, self.total_pendukung = h.pendukung, h.total_pendukung
        self.efisiensi, self.efisiensi_total = h.efisiensi, h.efisiensi_total
        self.dokumen: Dokumen
        self.overrides: dict[str, str]
        self.dokumen, self.overrides = outline.build(data, h, peringatan, folder)

    @property
    def tahun(self) -> int:
        return self.data.tahun

    @property
    def nama(self) -> str:
        return self.data.nama

    def bagian(self, kunci: str) -> Tampil:
        """The section ``kunci`` (e.g. ``"bab3.a"``), ready to display: its blocks and their HTML."""
        return Tampil(self.dokumen[kunci])

    def narasi_diganti(self) -> Tampilan:
        """Which narrative sections come from the analyst's override files (for the analyst, not the report).

        Each file is named within the kecamatan's folder of the data (``narasi/analisis_T1.md`` in
        ``kecamatan/<slug>/<tahun>/``), not by its absolute path: the executed notebook then does not depend on
        where the project or the data lies, and a re-execution elsewhere gives the same bytes.
        """
        if not self.overrides:
            return Tampilan([paragraf("Tidak ada narasi yang diganti analis; semua bagian memakai teks baku.")])
        items: list[list[Blok]] = [
            [paragraf(Run(teks=k, kode=True), f": {self._within_folder(v)}")] for k, v in sorted(self.overrides.items())
        ]
        where = f", di folder data kecamatan/{self.folder.parent.name}/{self.folder.name}/" if self.folder else ""
        return Tampilan([paragraf(f"Narasi yang diganti analis ({len(self.overrides)}){where}:"), Daftar(butir=items)])

    def _within_folder(self, file: str) -> str:
        path = Path(file)
        return path.relative_to(self.folder).as_posix() if self.folder and path.is_relative_to(self.folder) else file

    def catatan_validasi(self) -> Tampilan:
        """The data's validation warnings, for the analyst (a hidden cell), never in the report itself."""
        items = self.peringatan_data
        if not items:
            return Tampilan([paragraf("Validasi data tidak menemukan peringatan.")])
        rows: list[list[Blok]] = []
        for p in items:
            runs = [Run(teks=p.where(), tebal=True)]
            if p.value is not None:
                runs.append(Run(teks=f" (nilai: {p.value})"))
            runs += [Run(teks=f": {p.message} "), Run(teks=f"Perbaikan: {p.fix}", miring=True)]
            rows.append([Paragraf(isi=runs)])
        return Tampilan(
            [
                paragraf(f"Validasi data menemukan {len(items)} peringatan (tidak dicetak di laporan); periksa:"),
                Daftar(bernomor=True, butir=rows),
            ]
        )

    def koreksi(self, kunci: str) -> Tampilan:
        """Where the data corrects its source document in section ``kunci`` (a hidden cell after that section).

        From ``koreksi.csv`` of the kecamatan-year folder (:mod:`lkjip.koreksi`); the report itself prints
        the corrected figures and says nothing of it.
        """
        items = corrections.of(corrections.read(self.folder, self.data.slug)[0], kunci)
        if not items:
            return Tampilan([paragraf(f"Tidak ada koreksi data terhadap dokumen sumber di bagian {kunci}.")])

        def cell(text: str, bold: bool = False) -> Sel:
            return Sel(isi=[[Run(teks=text, tebal=bold)]])

        head = ["Tempat di dokumen sumber", "Tertulis", "Dipakai di laporan", "Alasan"]
        table = Tabel(
            kepala=[[cell(h, True) for h in head]],
            baris=[[cell(k.tempat), cell(k.tertulis), cell(k.dipakai), cell(k.alasan)] for k in items],
            lebar=[25, 20, 20, 35],
        )
        judul = self.dokumen[kunci].judul
        note = (
            f'Catatan koreksi ({len(items)}; tidak dicetak di laporan): di bagian "{judul}", data kecamatan ini '
            "mengoreksi dokumen sumbernya; laporan memuat nilai yang dipakai. Rincian juga di data/README.md."
        )
        return Tampilan([paragraf(note), table])

    def ringkasan(self) -> Catatan:
        """The figures this report prints, recorded in the executed notebook (manifest, index and rekap read them)."""
        record = self.hasil.ringkasan(self.data, len(self.peringatan_data))
        record["catatan_validasi"] = [str(p) for p in self.peringatan_data]  # the manifest copies the record
        return Catatan(record)


class Tampilan:
    """Blocks shown in a notebook cell that is not part of the report."""

    def __init__(self, isi: list[Blok]) -> None:
        self.isi = isi

    def _repr_html_(self) -> str:
        return blocks_html(self.isi)

    def __repr__(self) -> str:
        return "<lkjip>"


def buka(kecamatan: str, tahun: int, data_dir: str | os.PathLike[str] = DATA_DIR) -> Laporan:
    """Validate the data of ``kecamatan`` for ``tahun`` and build its report.

    Raises :class:`~lkjip.errors.DataValidationError` listing every error.
    """
    data_path = resolve(data_dir)
    report = check(data_path, int(tahun), [kecamatan])
    data, warnings = report.data_for(kecamatan)
    return Laporan(data, warnings, kecamatan_folder(data_path, kecamatan, int(tahun)))
