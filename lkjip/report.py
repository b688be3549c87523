"""The report as the master notebook sees it: one object, one call per cell.

``buka()`` validates and slices the data of one kecamatan and year, runs the
calculations once and builds the whole outline (:mod:`lkjip.outline`) in
document order, so table and chart numbers and the lists in the front matter
are known before the first cell displays anything. A notebook cell shows one
section with ``lap.bagian("bab3.a")``.
"""

from __future__ import annotations

import os
from pathlib import Path

from markupsafe import escape

from lkjip import calc
from lkjip.dataset import KecamatanData
from lkjip.document import Bagian, Dokumen, Html
from lkjip.paths import DATA_DIR, kecamatan_folder, resolve
from lkjip.predikat import PredikatScale
from lkjip.problems import Problem
from lkjip.validate import validate


class Laporan:
    """One kecamatan's LKjIP for one year: computed figures and the built document."""

    def __init__(
        self, data: KecamatanData, peringatan: list[Problem], folder: Path | None = None, susun: bool = True
    ) -> None:
        """Compute the figures and, unless ``susun`` is false (validation needs only the figures), the document."""
        from lkjip.outline import build

        self.data = data
        self.peringatan_data = peringatan
        self.folder = folder  # the kecamatan-year folder with narasi/ overrides and lampiran/ images
        self.skala = PredikatScale.from_frame(data.skala)
        d = data
        self.kinerja = calc.kinerja(d.indikator, d.target, d.realisasi, d.sasaran, d.tahun, self.skala)
        self.rata_rata = calc.rata_rata_capaian(self.kinerja)
        self.predikat = self.skala.predikat(self.rata_rata)
        self.distribusi = calc.distribusi_predikat(self.kinerja, self.skala)
        self.program = calc.serapan_program(d.program)
        self.total = calc.jumlah(self.program)
        self.pendukung = calc.program_pendukung(d.program, d.program_sasaran)
        self.total_pendukung = calc.jumlah(self.pendukung)
        self.efisiensi = calc.efisiensi(self.kinerja, d.program, d.program_sasaran)
        self.efisiensi_total = calc.efisiensi_total(self.kinerja, d.program, d.program_sasaran)
        self.overrides: dict[str, str] = {}
        if susun:
            self.dokumen: Dokumen = build(self)

    @property
    def tahun(self) -> int:
        return self.data.tahun

    @property
    def nama(self) -> str:
        return self.data.nama

    def bagian(self, kunci: str) -> Bagian:
        """The section ``kunci`` (e.g. ``"bab3.a"``), ready to display."""
        return self.dokumen[kunci]

    def narasi_diganti(self) -> Html:
        """Which narrative sections come from the analyst's override files."""
        if not self.overrides:
            return Html("<p>Tidak ada narasi yang diganti analis; semua bagian memakai teks baku.</p>")
        items = "".join(f"<li><code>{escape(k)}</code>: {escape(v)}</li>" for k, v in sorted(self.overrides.items()))
        return Html(f"<p>Narasi yang diganti analis ({len(self.overrides)}):</p><ul>{items}</ul>")


def buka(kecamatan: str, tahun: int, data_dir: str | os.PathLike[str] = DATA_DIR) -> Laporan:
    """Validate the data of ``kecamatan`` for ``tahun`` and build its report.

    Raises :class:`~lkjip.errors.DataValidationError` listing every error.
    """
    data_path = resolve(data_dir)
    report = validate(data_path, int(tahun), [kecamatan])
    data, warnings = report.data_for(kecamatan)
    return Laporan(data, warnings, kecamatan_folder(data_path, kecamatan, int(tahun)))
