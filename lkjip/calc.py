"""Calculations: pure functions, DataFrames in and out, no I/O, no formatting.

Derived percentages (averages, tingkat efisiensi) are computed from the
figures as the report shows them (two decimals, half-up), so that a reader
who checks a table with a calculator gets the printed result.
"""

from __future__ import annotations

import math
from enum import StrEnum

import numpy as np
import pandas as pd

from lkjip.predikat import PERMENDAGRI_86_2017, PredikatScale
from lkjip.rounding import shown

NAIK, TURUN = "naik", "turun"

TARGET_PERCENT = 100
"""A % capaian of at least this reaches the target."""


# ---------------------------------------------------------------- capaian


def capaian(target: float, realisasi: float, polaritas: str) -> float:
    """% capaian of one indicator, not capped at 100.

    Higher is better (``naik``): realisasi / target x 100. Lower is better
    (``turun``): (2 x target - realisasi) / target x 100. A zero target has
    no capaian; validation rejects it, here it raises.
    """
    if target == 0:
        raise ZeroDivisionError("target nol: % capaian tidak terdefinisi")
    if math.isnan(realisasi):
        return math.nan
    if polaritas == NAIK:
        return realisasi / target * 100
    if polaritas == TURUN:
        return (2 * target - realisasi) / target * 100
    raise ValueError(f"polaritas tidak dikenal: {polaritas!r}")


def tercapai(capaian: float) -> bool:
    """Whether a % capaian reaches its target: the shown figure (two decimals, half-up) is at least 100.

    The one definition of "target reached", for indicators, tujuan/sasaran
    averages and the Renstra end target alike: 99,995 shows as 100,00 and is
    reached, as the printed table says; NaN (no realisasi) is not.
    """
    return shown(capaian) >= TARGET_PERCENT


def capaian_series(target: pd.Series, realisasi: pd.Series, polaritas: pd.Series) -> pd.Series:
    """Vectorised :func:`capaian`; a zero target gives NaN."""
    t = target.astype(float).replace(0, np.nan)
    r = realisasi.astype(float)
    up = r / t * 100
    down = (2 * t - r) / t * 100
    return up.where(polaritas == NAIK, down).rename("capaian")


def arah(sekarang: float, lalu: float) -> str:
    """naik / turun / tetap, or '' when a year is missing."""
    if math.isnan(sekarang) or math.isnan(lalu):
        return ""
    if sekarang > lalu:
        return "naik"
    if sekarang < lalu:
        return "turun"
    return "tetap"


def kinerja(
    indikator: pd.DataFrame,
    target: pd.DataFrame,
    realisasi: pd.DataFrame,
    sasaran: pd.DataFrame,
    tahun: int,
    skala: PredikatScale = PERMENDAGRI_86_2017,
) -> pd.DataFrame:
    """One row per indicator of the year's Perjanjian Kinerja (those with a target).

    Columns: the indicator's own, ``sasaran_uraian``/``sasaran_jenis``,
    ``target``, ``realisasi``, ``realisasi_lalu`` (year before), ``capaian``,
    ``predikat``, ``tercapai`` (capaian >= 100), ``perubahan``
    (naik/turun/tetap of realisasi), ``membaik`` (the change is good for the
    indicator's polarity), ``capaian_renstra`` (realisasi vs the end target).
    """
    t = target.loc[target["tahun"] == tahun, ["indikator", "target"]]
    now = realisasi.loc[realisasi["tahun"] == tahun, ["indikator", "realisasi"]]
    before = realisasi.loc[realisasi["tahun"] == tahun - 1, ["indikator", "realisasi"]].rename(
        columns={"realisasi": "realisasi_lalu"}
    )
    sas = sasaran[["kode", "uraian", "jenis"]].rename(
        columns={"kode": "sasaran", "uraian": "sasaran_uraian", "jenis": "sasaran_jenis"}
    )
    df = (
        indikator.merge(t, left_on="kode", right_on="indikator", how="inner")
        .drop(columns="indikator")
        .merge(now, left_on="kode", right_on="indikator", how="left")
        .drop(columns="indikator")
        .merge(before, left_on="kode", right_on="indikator", how="left")
        .drop(columns="indikator")
        .merge(sas, on="sasaran", how="left")
    )
    df["capaian"] = capaian_series(df["target"], df["realisasi"], df["polaritas"])
    df["predikat"] = df["capaian"].map(skala.predikat)
    df["tercapai"] = df["capaian"].map(tercapai).astype(bool)
    df["perubahan"] = [arah(a, b) for a, b in zip(df["realisasi"], df["realisasi_lalu"], strict=True)]
    good = np.where(df["polaritas"] == NAIK, "naik", "turun")
    df["membaik"] = df["perubahan"] == good
    df["capaian_renstra"] = capaian_series(df["target_akhir_renstra"], df["realisasi"], df["polaritas"])
    order = {k: i for i, k in enumerate(sasaran["kode"])}
    return (
        df.assign(_o=df["sasaran"].map(order))
        .sort_values(["_o", "kode"], kind="stable")
        .drop(columns="_o")
        .reset_index(drop=True)
    )


def rata_rata_capaian(kinerja: pd.DataFrame) -> float:
    """Mean % capaian of the indicators, from the shown (rounded) figures."""
    if kinerja.empty:
        return math.nan
    return shown(float(kinerja["capaian"].map(shown).mean()))


def capaian_per_sasaran(kinerja: pd.DataFrame) -> pd.DataFrame:
    """Per tujuan/sasaran: number of indicators and mean % capaian."""
    g = kinerja.assign(c=kinerja["capaian"].map(shown)).groupby("sasaran", sort=False)
    out = g.agg(
        sasaran_uraian=("sasaran_uraian", "first"),
        sasaran_jenis=("sasaran_jenis", "first"),
        jumlah_indikator=("kode", "size"),
        capaian=("c", "mean"),
    )
    out["capaian"] = out["capaian"].map(shown)
    return out.reset_index()


def distribusi_predikat(kinerja: pd.DataFrame, skala: PredikatScale = PERMENDAGRI_86_2017) -> pd.DataFrame:
    """Count and share of indicators per predikat, every band listed."""
    counts = kinerja["predikat"].value_counts()
    n = len(kinerja)
    rows = [
        {"predikat": p, "jumlah": int(counts.get(p, 0)), "persen": shown(counts.get(p, 0) / n * 100) if n else 0.0}
        for p in skala.labels
    ]
    return pd.DataFrame(rows)


# ---------------------------------------------------------------- anggaran


def serapan(anggaran: float, realisasi: float) -> float:
    """Serapan anggaran in %: realisasi / anggaran x 100 (NaN for no budget)."""
    return math.nan if not anggaran else realisasi / anggaran * 100


def serapan_program(program: pd.DataFrame) -> pd.DataFrame:
    """Programs with their ``serapan`` (%)."""
    out = program.copy()
    out["serapan"] = [serapan(a, r) for a, r in zip(out["anggaran"], out["realisasi"], strict=True)]
    return out


def jumlah(program: pd.DataFrame) -> pd.Series:
    """Total anggaran, realisasi and serapan of a set of programs."""
    a, r = int(program["anggaran"].sum()), int(program["realisasi"].sum())
    return pd.Series({"anggaran": a, "realisasi": r, "serapan": serapan(a, r)})


def program_pendukung(program: pd.DataFrame, program_sasaran: pd.DataFrame) -> pd.DataFrame:
    """Programs linked to at least one tujuan/sasaran, each once."""
    return serapan_program(program[program["kode"].isin(program_sasaran["program"])]).reset_index(drop=True)


def serapan_per_sasaran(program: pd.DataFrame, program_sasaran: pd.DataFrame) -> pd.DataFrame:
    """Per tujuan/sasaran: the programs that support it, summed (each program once per sasaran)."""
    links = program_sasaran[["program", "sasaran"]].drop_duplicates()
    m = links.merge(program, left_on="program", right_on="kode")
    out = m.groupby("sasaran", sort=False).agg(
        jumlah_program=("program", "size"), anggaran=("anggaran", "sum"), realisasi=("realisasi", "sum")
    )
    out["serapan"] = [serapan(a, r) for a, r in zip(out["anggaran"], out["realisasi"], strict=True)]
    return out.reset_index()


class Efisiensi(StrEnum):
    """The judgement of one tujuan/sasaran (or the total) by the efficiency decision table."""

    EFISIEN = "efisien"
    SESUAI_RENCANA = "sesuai rencana"
    KURANG_EFISIEN = "kurang efisien"
    BELUM_TERCAPAI = "target belum tercapai"


def nilai_efisiensi(capaian: float, serapan: float) -> Efisiensi | None:
    """The efficiency label of a % capaian reached with a % serapan: the one decision table.

    ========== ======================= ==========================
    capaian    serapan                 label
    ========== ======================= ==========================
    >= 100%    below capaian           efisien
    >= 100%    equal to capaian        sesuai rencana
    >= 100%    above capaian           kurang efisien
    < 100%     any                     target belum tercapai
    ========== ======================= ==========================

    Both figures are compared as the report prints them (two decimals,
    half-up), so the label always agrees with the printed tingkat efisiensi
    (capaian - serapan): positive is efisien, 0,00 sesuai rencana, negative
    kurang efisien. "Target reached" is :func:`tercapai`. No serapan (a
    sasaran without a budgeted program) gives None: efficiency is not judged.
    """
    if serapan is None or math.isnan(serapan):
        return None
    if not tercapai(capaian):
        return Efisiensi.BELUM_TERCAPAI
    c, s = shown(capaian), shown(serapan)
    if s < c:
        return Efisiensi.EFISIEN
    if s == c:
        return Efisiensi.SESUAI_RENCANA
    return Efisiensi.KURANG_EFISIEN


def efisiensi(kinerja: pd.DataFrame, program: pd.DataFrame, program_sasaran: pd.DataFrame) -> pd.DataFrame:
    """Tingkat efisiensi per tujuan/sasaran: % capaian - % serapan, and its label (:func:`nilai_efisiensi`).

    ``keterangan`` is the label (empty for a sasaran without supporting
    programs, which has no serapan and is not judged); ``efisien`` is whether
    that label is :attr:`Efisiensi.EFISIEN`.
    """
    cap = capaian_per_sasaran(kinerja)
    ser = serapan_per_sasaran(program, program_sasaran)
    df = cap.merge(ser, on="sasaran", how="left")
    df["serapan"] = df["serapan"].map(shown)
    df["tingkat"] = (df["capaian"] - df["serapan"]).map(shown)
    labels = [nilai_efisiensi(c, s) for c, s in zip(df["capaian"], df["serapan"], strict=True)]
    df["keterangan"] = ["" if x is None else x.value for x in labels]
    df["efisien"] = [x is Efisiensi.EFISIEN for x in labels]
    return df


def efisiensi_total(kinerja: pd.DataFrame, program: pd.DataFrame, program_sasaran: pd.DataFrame) -> pd.Series:
    """The JUMLAH row: all indicators, all supporting programs counted once, judged by the same table."""
    total = jumlah(program_pendukung(program, program_sasaran))
    cap = rata_rata_capaian(kinerja)
    ser = shown(total["serapan"])
    label = nilai_efisiensi(cap, ser)
    return pd.Series(
        {
            "jumlah_indikator": len(kinerja),
            "capaian": cap,
            "anggaran": total["anggaran"],
            "realisasi": total["realisasi"],
            "serapan": ser,
            "tingkat": shown(cap - ser),
            "keterangan": "" if label is None else label.value,
            "efisien": label is Efisiensi.EFISIEN,
        }
    )


def efisiensi_pengadaan(rencana: int, realisasi: int) -> pd.Series:
    """Procurement: selisih = rencana - realisasi, and its share of the plan in %."""
    selisih = rencana - realisasi
    return pd.Series(
        {"rencana": rencana, "realisasi": realisasi, "selisih": selisih, "persen": serapan(rencana, selisih)}
    )


# ---------------------------------------------------------------- people


def rekap_jenis_kelamin(frame: pd.DataFrame, label: str) -> pd.DataFrame:
    """Rows of ``label`` with laki, perempuan, jumlah, plus a ``Jumlah`` row."""
    out = frame[[label, "laki", "perempuan"]].copy()
    out["jumlah"] = out["laki"] + out["perempuan"]
    total = pd.DataFrame([{label: "Jumlah", **out[["laki", "perempuan", "jumlah"]].sum().to_dict()}])
    return pd.concat([out, total], ignore_index=True)
