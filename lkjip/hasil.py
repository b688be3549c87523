"""The figures of one report, computed once: the results object the notebook records.

Pure calculation (:mod:`lkjip.calc`): validated data in, figures out, no I/O
and no formatting. :meth:`Hasil.ringkasan` is the JSON record of the headline
figures and the rekap tables; the kernel displays it in the executed notebook
(:data:`MIME`), and the manifest, the kabupaten index and the Excel rekap read
it back from there (:mod:`lkjip.recorded`), so the archive, the rekap and the
PDF are built from the same numbers.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import pandas as pd

from lkjip import calc
from lkjip.dataset import KecamatanData
from lkjip.predikat import PredikatScale
from lkjip.recorded import MIME, VERSION

CAPAIAN_COLUMNS = [
    "kode",
    "uraian",
    "satuan",
    "polaritas",
    "target",
    "realisasi",
    "realisasi_lalu",
    "capaian",
    "predikat",
]


@dataclass(frozen=True)
class Hasil:
    """Every computed figure of one kecamatan and year."""

    skala: PredikatScale
    kinerja: pd.DataFrame
    rata_rata: float
    predikat: str
    distribusi: pd.DataFrame
    program: pd.DataFrame
    total: pd.Series
    pendukung: pd.DataFrame
    total_pendukung: pd.Series
    efisiensi: pd.DataFrame
    efisiensi_total: pd.Series

    def ringkasan(self, data: KecamatanData, peringatan: int) -> dict[str, Any]:
        """Headline figures and the rekap tables, as JSON-ready values (what the manifest archives)."""
        k = self.kinerja
        return {
            "versi": VERSION,
            "kecamatan": data.slug,
            "tahun": data.tahun,
            "nama": data.nama,
            "rata_rata": float(self.rata_rata),
            "predikat": self.predikat,
            "anggaran": int(self.total["anggaran"]),
            "realisasi": int(self.total["realisasi"]),
            "serapan": float(self.total["serapan"]),
            "indikator_tercapai": int(k["tercapai"].sum()),
            "jumlah_indikator": len(k),
            "peringatan": int(peringatan),
            "data_contoh": bool(data.profil["data_contoh"]),
            "rekap": {
                "capaian": _records(k, CAPAIAN_COLUMNS),
                "program": _records(self.program, ["kode", "nama", "anggaran", "realisasi", "serapan"]),
                "efisiensi": _records(
                    self.efisiensi,
                    ["sasaran", "sasaran_uraian", "capaian", "serapan", "tingkat", "keterangan", "efisien"],
                ),
            },
        }


@dataclass(frozen=True)
class Catatan:
    """The recorded figures of one report: what the notebook cell ``lap.ringkasan()`` displays.

    Its output carries the JSON record under :data:`MIME` (read back by
    :mod:`lkjip.recorded`) and a one-line Indonesian summary for the analyst
    who opens the executed notebook. The record is plain JSON (no NaN), so
    equal figures give equal bytes in the notebook.
    """

    ringkasan: dict[str, Any]

    def __post_init__(self) -> None:
        # fails here, in the notebook cell, rather than as a kernel serialisation warning
        object.__setattr__(self, "ringkasan", json.loads(json.dumps(self.ringkasan, allow_nan=False)))

    def teks(self) -> str:
        """The one-line summary shown as ``text/plain``."""
        from lkjip import format as fmt

        r = self.ringkasan
        return (
            f"Hasil {r['nama']} {r['tahun']}: rata-rata capaian {fmt.persen(r['rata_rata'])} ({r['predikat']}), "
            f"serapan anggaran {fmt.persen(r['serapan'])}, {r['indikator_tercapai']} dari "
            f"{r['jumlah_indikator']} indikator tercapai, {r['peringatan']} peringatan data."
        )

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict[str, Any]:
        return {MIME: self.ringkasan, "text/plain": self.teks()}


def _records(frame: pd.DataFrame, cols: list[str]) -> list[dict[str, Any]]:
    records: list[dict[str, Any]] = json.loads(frame[cols].to_json(orient="records", force_ascii=False))
    return records


def hitung(data: KecamatanData) -> Hasil:
    """Compute every figure of the report of ``data`` once."""
    skala = PredikatScale.from_frame(data.skala)
    kinerja = calc.kinerja(data.indikator, data.target, data.realisasi, data.sasaran, data.tahun, skala)
    rata = calc.rata_rata_capaian(kinerja)
    program = calc.serapan_program(data.program)
    pendukung = calc.program_pendukung(data.program, data.program_sasaran)
    return Hasil(
        skala=skala,
        kinerja=kinerja,
        rata_rata=rata,
        predikat=skala.predikat(rata),
        distribusi=calc.distribusi_predikat(kinerja, skala),
        program=program,
        total=calc.jumlah(program),
        pendukung=pendukung,
        total_pendukung=calc.jumlah(pendukung),
        efisiensi=calc.efisiensi(kinerja, data.program, data.program_sasaran),
        efisiensi_total=calc.efisiensi_total(kinerja, data.program, data.program_sasaran),
    )
