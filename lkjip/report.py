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

from lkjip.dataset import KecamatanData
from lkjip.document import Bagian, Dokumen, Html
from lkjip.hasil import Catatan, Hasil, hitung
from lkjip.paths import DATA_DIR, kecamatan_folder, resolve
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
        self.hasil: Hasil = hitung(data)  # every figure, computed once
        h = self.hasil
        self.skala, self.kinerja, self.rata_rata, self.predikat = h.skala, h.kinerja, h.rata_rata, h.predikat
        self.distribusi, self.program, self.total = h.distribusi, h.program, h.total
        self.pendukung, self.total_pendukung = h.pendukung, h.total_pendukung
        self.efisiensi, self.efisiensi_total = h.efisiensi, h.efisiensi_total
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

    def ringkasan(self) -> Catatan:
        """The figures this report prints, recorded in the executed notebook (manifest, index and rekap read them)."""
        return Catatan(self.hasil.ringkasan(self.data, len(self.peringatan_data)))


def buka(kecamatan: str, tahun: int, data_dir: str | os.PathLike[str] = DATA_DIR) -> Laporan:
    """Validate the data of ``kecamatan`` for ``tahun`` and build its report.

    Raises :class:`~lkjip.errors.DataValidationError` listing every error.
    """
    data_path = resolve(data_dir)
    report = validate(data_path, int(tahun), [kecamatan])
    data, warnings = report.data_for(kecamatan)
    return Laporan(data, warnings, kecamatan_folder(data_path, kecamatan, int(tahun)))
