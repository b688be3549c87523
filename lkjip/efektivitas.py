"""Efektivitas anggaran: the capaian of each tujuan/sasaran beside the budget of the programs that support it.

Pure calculation on top of :mod:`lkjip.calc`. Per tujuan/sasaran: its number
of indicators, its capaian (the mean of its indicators' shown capaian),
whether it reached its target, and the anggaran, realisasi and serapan of its
supporting programs. The total row counts every supporting program once,
however many tujuan/sasaran it supports (the reference's Tabel 3.18 summed
them per row and printed Rp 1.075.197.000 where Rp 358.399.000 was spent).
"""

from __future__ import annotations

import pandas as pd

from lkjip import calc
from lkjip.rounding import shown


def per_sasaran(kinerja: pd.DataFrame, program: pd.DataFrame, program_sasaran: pd.DataFrame) -> pd.DataFrame:
    """One row per tujuan/sasaran with indicators, in the Renstra's order.

    Columns: ``sasaran``, ``sasaran_uraian``, ``sasaran_jenis``,
    ``jumlah_indikator``, ``capaian``, ``tercapai``, ``jumlah_program``,
    ``anggaran``, ``realisasi``, ``serapan`` (the last four NaN for a
    tujuan/sasaran without supporting programs).
    """
    cap = calc.capaian_per_sasaran(kinerja)
    ser = calc.serapan_per_sasaran(program, program_sasaran)
    df = cap.merge(ser, on="sasaran", how="left")
    df["tercapai"] = df["capaian"].map(calc.tercapai).astype(bool)
    df["serapan"] = df["serapan"].map(shown)
    return df


def jumlah(kinerja: pd.DataFrame, program: pd.DataFrame, program_sasaran: pd.DataFrame) -> pd.Series:
    """The total row: every indicator; every supporting program once.

    ``ganda`` is True when some program supports more than one tujuan/sasaran,
    so the total is less than the sum of the rows (the table says why).
    """
    pendukung = calc.program_pendukung(program, program_sasaran)
    total = calc.jumlah(pendukung)
    links = program_sasaran[["program", "sasaran"]].drop_duplicates()
    links = links[links["program"].isin(program["kode"])]
    return pd.Series(
        {
            "jumlah_indikator": len(kinerja),
            "capaian": calc.rata_rata_capaian(kinerja),
            "jumlah_program": len(pendukung),
            "anggaran": int(total["anggaran"]),
            "realisasi": int(total["realisasi"]),
            "serapan": shown(total["serapan"]),
            "ganda": bool(links["program"].duplicated().any()),
        }
    )
