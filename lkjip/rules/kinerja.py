"""Rules of the performance tables: indicators, targets and realisasi of a kecamatan."""

from __future__ import annotations

import pandas as pd

from lkjip.dataset import Dataset
from lkjip.format import nilai
from lkjip.load import ROW
from lkjip.problems import WARNING, Problem
from lkjip.rules.at import At, text_of


def _indikator_codes(ds: Dataset, slug: str, tahun: int) -> pd.DataFrame:
    ren = ds.renstra_for(slug, tahun)
    if len(ren) != 1:
        return ds.rows("indikator", slug).iloc[0:0]
    return ds.rows("indikator", slug, periode_awal=int(ren.iloc[0]["periode_awal"]))


def check_kinerja(ds: Dataset, slug: str, tahun: int) -> list[Problem]:
    """Targets and realisasi: references, zero targets, PK completeness, % ranges."""
    out: list[Problem] = []
    ind = _indikator_codes(ds, slug, tahun).set_index("kode")
    codes = ", ".join(ind.index)
    target = ds.rows("target", slug, tahun)
    real = ds.rows("realisasi", slug)
    real = real[real["tahun"].isin([tahun - 1, tahun])]
    for name, frame in (("target", target), ("realisasi", real)):
        for _, row in frame[~frame["indikator"].isin(ind.index)].iterrows():
            out.append(
                At(ds, name, slug).error(
                    row,
                    "indikator",
                    "Kode indikator tidak ditemukan di Renstra yang berlaku.",
                    f"Gunakan salah satu kode: {codes}.",
                )
            )
    if target.empty:
        out.append(
            At(ds, "target", slug).error(
                None,
                "tahun",
                f"Tidak ada target (Perjanjian Kinerja) tahun {tahun}.",
                "Tambahkan target setiap indikator Perjanjian Kinerja tahun ini.",
                value=tahun,
            )
        )
    done = set(real.loc[real["tahun"] == tahun, "indikator"])
    before = set(real.loc[real["tahun"] == tahun - 1, "indikator"])
    for _, row in target[target["indikator"].isin(ind.index)].iterrows():
        if row["indikator"] not in done:
            out.append(
                At(ds, "target", slug).error(
                    row,
                    "indikator",
                    f"Indikator Perjanjian Kinerja tanpa realisasi tahun {tahun}.",
                    f"Tambahkan baris realisasi ({slug}, {row['indikator']}, {tahun}) di {ds.locations['realisasi']}.",
                )
            )
        if row["indikator"] not in before:
            out.append(
                At(ds, "target", slug).warning(
                    row,
                    "indikator",
                    f"Tidak ada realisasi tahun {tahun - 1}; perbandingan antartahun ditampilkan kosong.",
                    f"Tambahkan baris realisasi ({slug}, {row['indikator']}, {tahun - 1}) bila ada.",
                )
            )
    out += _kinerja_years(ds, slug)
    out += _plausible(ds, slug, tahun, ind, target, real)
    percent = set(ind.index[ind["satuan"].str.strip() == "%"])
    for name, col, frame in (("target", "target", target), ("realisasi", "realisasi", real)):
        bad = frame[frame["indikator"].isin(percent) & ((frame[col] < 0) | (frame[col] > 100))]
        for _, row in bad.iterrows():
            out.append(
                At(ds, name, slug).error(
                    row,
                    col,
                    "Nilai persentase di luar rentang 0-100.",
                    "Tulis persentase sebagai angka 0 sampai 100, mis. 99.5 untuk 99,5%.",
                )
            )
    return out


def _kinerja_years(ds: Dataset, slug: str) -> list[Problem]:
    """Targets lie within a Renstra period; realisasi too, or in the year before it (the baseline)."""
    periods = [(int(r["periode_awal"]), int(r["periode_akhir"])) for _, r in ds.rows("renstra", slug).iterrows()]
    text = ", ".join(f"{a}-{b}" for a, b in periods) or "(tidak ada)"
    out: list[Problem] = []
    for name, slack in (("target", 0), ("realisasi", 1)):
        for _, row in ds.rows(name, slug).iterrows():
            year = int(row["tahun"])
            if not any(a - slack <= year <= b for a, b in periods):
                out.append(
                    At(ds, name, slug).error(
                        row,
                        "tahun",
                        f"Tahun {year} di luar periode Renstra kecamatan ini ({text}).",
                        "Periksa tahunnya; "
                        + (
                            "target harus dalam periode Renstra."
                            if not slack
                            else "realisasi boleh sampai satu tahun sebelum periode Renstra (tahun dasar)."
                        ),
                    )
                )
    return out


PLAUSIBLE_FACTOR = 10
"""Realisasi above ten times its target, or below a tenth of it, is flagged as a likely typing error."""


def _plausible(
    ds: Dataset, slug: str, tahun: int, ind: pd.DataFrame, target: pd.DataFrame, real: pd.DataFrame
) -> list[Problem]:
    out: list[Problem] = []
    now = real[real["tahun"] == tahun].set_index("indikator")
    for _, row in target[target["indikator"].isin(ind.index) & target["indikator"].isin(now.index)].iterrows():
        r = now.loc[row["indikator"]]
        t, value = float(row["target"]), float(r["realisasi"])
        if value > PLAUSIBLE_FACTOR * t or (0 < value < t / PLAUSIBLE_FACTOR):
            out.append(
                Problem(
                    ds.locations["realisasi"],
                    int(r[ROW]),
                    "realisasi",
                    text_of(value),
                    f"Realisasi {nilai(value)} jauh dari targetnya {nilai(t)} ({ds.locations['target']} baris "
                    f"{int(row[ROW])}): lebih dari {PLAUSIBLE_FACTOR} kali lipat atau kurang dari sepersepuluhnya.",
                    "Periksa salah ketik (digit, titik/koma, format persen di Excel); bila benar, jelaskan dalam "
                    "narasi.",
                    WARNING,
                    slug,
                )
            )
    return out
