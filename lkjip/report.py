"""The report as the master notebook sees it: one object, one call per cell.

``Laporan`` validates and slices the data of one kecamatan and year, runs the
calculations once, and offers each table, chart and text block of the report
as a displayable object. Table and chart numbers are handed out per chapter
in the order the notebook asks for them, and a re-run cell keeps its number.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field

import pandas as pd

from lkjip import calc, charts, narasi, tables
from lkjip import format as fmt
from lkjip.charts import Grafik
from lkjip.dataset import KecamatanData
from lkjip.paths import DATA_DIR, resolve
from lkjip.predikat import PredikatScale
from lkjip.problems import Problem
from lkjip.tables import Tabel
from lkjip.templating import render
from lkjip.validate import validate


@dataclass(frozen=True)
class Html:
    """A block of HTML for display."""

    html: str

    def _repr_html_(self) -> str:
        return self.html


@dataclass
class _Numbering:
    """Per-chapter counters for Tabel and Grafik, stable across re-runs of a cell."""

    given: dict[tuple[str, str], str] = field(default_factory=dict)
    count: dict[tuple[str, int], int] = field(default_factory=dict)

    def label(self, kind: str, bab: int, key: str) -> str:
        if (kind, key) not in self.given:
            n = self.count.get((kind, bab), 0) + 1
            self.count[(kind, bab)] = n
            self.given[(kind, key)] = f"{kind} {bab}.{n}"
        return self.given[(kind, key)]


class Laporan:
    """One kecamatan's LKjIP for one year."""

    def __init__(self, data: KecamatanData, peringatan: list[Problem]) -> None:
        self.data = data
        self.peringatan_data = peringatan
        self.skala = PredikatScale.from_frame(data.skala)
        d = data
        self.kinerja = calc.kinerja(d.indikator, d.target, d.realisasi, d.sasaran, d.tahun, self.skala)
        self.rata_rata = calc.rata_rata_capaian(self.kinerja)
        self.predikat = self.skala.predikat(self.rata_rata)
        self.program = calc.serapan_program(d.program)
        self.total = calc.jumlah(self.program)
        self.pendukung = calc.program_pendukung(d.program, d.program_sasaran)
        self.total_pendukung = calc.jumlah(self.pendukung)
        self.efisiensi = calc.efisiensi(self.kinerja, d.program, d.program_sasaran)
        self.efisiensi_total = calc.efisiensi_total(self.kinerja, d.program, d.program_sasaran)
        self._nomor = _Numbering()

    @property
    def tahun(self) -> int:
        return self.data.tahun

    @property
    def nama(self) -> str:
        return self.data.nama

    def _tabel_label(self, bab: int, key: str) -> str:
        return self._nomor.label("Tabel", bab, key)

    def _sumber(self, key: str) -> str | None:
        return self.data.sumber.get(key)

    # ------------------------------------------------------------ front

    def judul(self) -> Html:
        return Html(
            render(
                "judul.html.j2",
                nama=self.nama,
                tahun=self.tahun,
                p=self.data.profil,
                contoh=bool(self.data.profil["data_contoh"]),
            )
        )

    def peringatan(self) -> Html:
        """The data warnings of this kecamatan (errors would have stopped the report)."""
        return Html(render("peringatan.html.j2", items=self.peringatan_data))

    def ikhtisar(self) -> Html:
        n = len(self.kinerja)
        efisien = int(self.efisiensi["efisien"].sum())
        text = (
            f"<p>Rata-rata capaian {n} indikator kinerja Kecamatan {self.nama} tahun {self.tahun} sebesar "
            f"{fmt.persen(self.rata_rata)} dengan predikat <strong>{self.predikat}</strong>. "
            f"Dari {len(self.efisiensi)} tujuan/sasaran, {efisien} efisien. Serapan anggaran seluruh program "
            f"{fmt.persen(self.total['serapan'])} ({fmt.rupiah(self.total['realisasi'])} dari "
            f"{fmt.rupiah(self.total['anggaran'])}).</p>"
        )
        return Html(text)

    # ------------------------------------------------------------ Bab I

    def tabel_penduduk(self) -> Tabel:
        return tables.penduduk(
            self.data.profil,
            self._tabel_label(1, "penduduk"),
            f"Jumlah Penduduk Kecamatan {self.nama} Akhir Tahun {self.tahun}",
        )

    def tabel_pegawai_status(self) -> Tabel:
        rekap = calc.rekap_jenis_kelamin(self.data.pegawai_status, "status")
        return tables.pegawai(
            rekap,
            "Status",
            self._tabel_label(1, "pegawai_status"),
            f"Pegawai Kecamatan {self.nama} menurut Status Tahun {self.tahun}",
            self._sumber("pegawai"),
        )

    def tabel_pegawai_pendidikan(self) -> Tabel:
        rekap = calc.rekap_jenis_kelamin(self.data.pegawai_pendidikan, "pendidikan")
        return tables.pegawai(
            rekap,
            "Pendidikan",
            self._tabel_label(1, "pegawai_pendidikan"),
            f"Pegawai Kecamatan {self.nama} menurut Pendidikan Tahun {self.tahun}",
            self._sumber("pegawai"),
        )

    # ------------------------------------------------------------ Bab II

    def tabel_perjanjian_kinerja(self) -> Tabel:
        return tables.perjanjian_kinerja(
            self.kinerja,
            self._tabel_label(2, "pk"),
            f"Perjanjian Kinerja Kecamatan {self.nama} Tahun {self.tahun}",
            self._sumber("perjanjian_kinerja"),
        )

    def tabel_rencana_anggaran(self) -> Tabel:
        return tables.rencana_anggaran(
            self.program,
            self.total,
            self._tabel_label(2, "rencana_anggaran"),
            f"Rencana Anggaran per Program Tahun {self.tahun}",
            self._sumber("rencana_anggaran"),
        )

    # ------------------------------------------------------------ Bab III A

    def tabel_skala(self) -> Tabel:
        return tables.skala(
            self.skala, self._tabel_label(3, "skala"), "Skala Nilai Peringkat Kinerja", self._sumber("skala_predikat")
        )

    def tabel_capaian(self) -> Tabel:
        return tables.capaian(
            self.kinerja,
            self.rata_rata,
            self.predikat,
            self._tabel_label(3, "capaian"),
            f"Capaian Indikator Kinerja Tahun {self.tahun}",
            self._sumber("capaian"),
        )

    def tabel_distribusi_predikat(self) -> Tabel:
        return tables.distribusi(
            calc.distribusi_predikat(self.kinerja, self.skala),
            self._tabel_label(3, "distribusi"),
            f"Predikat Kinerja Tahun {self.tahun}",
        )

    def grafik_target_realisasi(self) -> Grafik:
        return charts.target_realisasi(
            self.kinerja,
            self._nomor.label("Grafik", 3, "target_realisasi"),
            f"Target dan Realisasi Indikator Kinerja Tahun {self.tahun}",
        )

    # ------------------------------------------------------------ Bab III B

    def analisis_indikator(self) -> Html:
        """Per indicator: the sentence, the year-on-year and the Renstra comparison."""
        akhir = int(self.data.renstra["periode_akhir"])
        items = []
        for r in self.kinerja.to_dict("records"):
            row = pd.Series(r)
            items.append(
                {
                    "row": r,
                    "target": narasi.dengan_satuan(r["target"], r["satuan"]),
                    "realisasi": narasi.dengan_satuan(r["realisasi"], r["satuan"]),
                    "capaian": fmt.persen(r["capaian"]),
                    "antartahun": tables.antartahun(
                        row,
                        self.tahun,
                        self._tabel_label(3, f"antartahun_{r['kode']}"),
                        f"Perbandingan Realisasi {r['uraian']} Tahun {self.tahun - 1} dan {self.tahun}",
                        self._sumber("capaian"),
                    ),
                    "kalimat_antartahun": narasi.antartahun(row, self.tahun),
                    "renstra": tables.renstra(
                        row,
                        self.tahun,
                        akhir,
                        self._tabel_label(3, f"renstra_{r['kode']}"),
                        f"Capaian {r['uraian']} Tahun {self.tahun} terhadap Target Akhir Renstra",
                        self._sumber("capaian"),
                    ),
                    "kalimat_renstra": narasi.renstra(row, self.tahun, akhir),
                }
            )
        return Html(render("analisis.html.j2", items=items))

    def tabel_program_pendukung(self) -> Tabel:
        return tables.anggaran_program(
            self.pendukung,
            self.total_pendukung,
            self._tabel_label(3, "program_pendukung"),
            f"Anggaran dan Realisasi Program Pendukung Tujuan dan Sasaran Tahun {self.tahun}",
            self._sumber("realisasi_anggaran"),
        )

    # ------------------------------------------------------------ Bab III C

    def tabel_anggaran(self) -> Tabel:
        return tables.anggaran_program(
            self.program,
            self.total,
            self._tabel_label(3, "anggaran"),
            f"Anggaran dan Realisasi Kecamatan {self.nama} Tahun {self.tahun}",
            self._sumber("realisasi_anggaran"),
        )

    def grafik_anggaran(self) -> Grafik:
        return charts.anggaran_realisasi(
            self.program,
            self._nomor.label("Grafik", 3, "anggaran"),
            f"Anggaran dan Realisasi per Program Tahun {self.tahun}",
        )

    def tabel_efisiensi(self) -> Tabel:
        return tables.efisiensi(
            self.efisiensi,
            self.efisiensi_total,
            self._tabel_label(3, "efisiensi"),
            "Tingkat Efisiensi Penggunaan Sumber Daya",
            self._sumber("efisiensi"),
        )

    def tabel_pengadaan(self) -> Tabel | Html:
        p = self.data.pengadaan
        if p is None:
            return Html("<p>Tidak ada data pengadaan barang/jasa.</p>")
        return tables.pengadaan(
            calc.efisiensi_pengadaan(int(p["rencana"]), int(p["realisasi"])),
            self._tabel_label(3, "pengadaan"),
            f"Rencana dan Realisasi Pengadaan Barang/Jasa Tahun {self.tahun}",
        )


def buka(kecamatan: str, tahun: int, data_dir: str | os.PathLike[str] = DATA_DIR) -> Laporan:
    """Validate the data of ``kecamatan`` for ``tahun`` and compute its report.

    Raises :class:`~lkjip.errors.DataValidationError` listing every error.
    """
    report = validate(resolve(data_dir), int(tahun), [kecamatan])
    data, warnings = report.data_for(kecamatan)
    return Laporan(data, warnings)
