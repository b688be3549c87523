"""Analysis 4 of PermenPANRB 53/2014: realisasi compared with the national standard of each indicator.

An indicator may carry a national standard (``indikator.csv``, column
``standar_nasional``, in the indicator's satuan, and optionally the regulation
that sets it). With one, the indicator's analysis compares its realisasi with
it; without one, the report says so once, at the start of BAB III B, instead of
leaving the analysis out silently.
"""

from __future__ import annotations

import pandas as pd

from lkjip import format as fmt
from lkjip.narasi import dengan_satuan
from lkjip.rounding import shown


def punya_standar(r: pd.Series) -> bool:
    """Whether indicator row ``r`` has a national standard."""
    value = r.get("standar_nasional")
    return value is not None and not pd.isna(value)


def banding(r: pd.Series, tahun: int) -> str:
    """One indicator's realisasi against its national standard; the comparison is of the figures as printed."""
    standar = dengan_satuan(r["standar_nasional"], r["satuan"])
    dasar = r.get("standar_nasional_dasar")
    sumber = f" menurut {dasar}" if isinstance(dasar, str) and dasar.strip() else ""
    real = dengan_satuan(r["realisasi"], r["satuan"])
    selisih = shown(r["realisasi"]) - shown(r["standar_nasional"])
    lebih_baik = selisih > 0 if r["polaritas"] == "naik" else selisih < 0
    if selisih == 0:
        hasil = "sama dengan standar nasional"
    elif lebih_baik:
        hasil = "melampaui standar nasional" if r["polaritas"] == "naik" else "lebih baik daripada standar nasional"
    else:
        hasil = "belum memenuhi standar nasional"
    return (
        f"Standar nasional indikator ini{sumber} sebesar {standar}; dengan realisasi tahun {tahun} sebesar {real}, "
        f"kinerjanya {hasil}."
    )


def tanpa_standar(kinerja: pd.DataFrame, nama: str) -> str | None:
    """The one sentence on indicators without a national standard (None when every indicator has one)."""
    tanpa = [str(r["uraian"]) for _, r in kinerja.iterrows() if not punya_standar(r)]
    if not tanpa:
        return None
    if len(tanpa) == len(kinerja):
        kecuali = "Indikator" if len(tanpa) > 1 else "Satu-satunya indikator"
        return (
            f"{kecuali} kinerja Kecamatan {nama} belum memiliki standar nasional yang dapat dijadikan pembanding, "
            "sehingga analisis perbandingan realisasi kinerja dengan standar nasional tidak dilakukan."
        )
    dengan = [str(r["uraian"]) for _, r in kinerja.iterrows() if punya_standar(r)]
    if len(dengan) <= len(tanpa):  # name the shorter list: a run-in list of long names reads badly
        return (
            f"Dari {fmt.hitungan(len(kinerja), 'indikator')} kinerja, hanya {_daftar(dengan)} yang memiliki standar "
            f"nasional sebagai pembanding; {fmt.hitungan(len(tanpa), 'indikator')} lainnya belum memilikinya, "
            "sehingga realisasinya tidak dibandingkan dengan standar nasional."
        )
    return (
        f"Indikator {_daftar(tanpa)} belum memiliki standar nasional yang dapat dijadikan pembanding, sehingga "
        "realisasinya tidak dibandingkan dengan standar nasional; indikator lainnya dibandingkan dengan standar "
        "nasional pada uraiannya masing-masing."
    )


def _daftar(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " dan " + names[-1]
