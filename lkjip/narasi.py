"""Analysis sentences generated from the numbers, in formal Indonesian."""

from __future__ import annotations

import pandas as pd

from lkjip import format as fmt


def dengan_satuan(value: float, satuan: str) -> str:
    """``100%`` for percentages, ``86 indeks`` otherwise."""
    if satuan.strip() == "%":
        return fmt.nilai(value) + "%"
    return f"{fmt.nilai(value)} {satuan.lower()}"


def antartahun(r: pd.Series, tahun: int) -> str:
    """Year-on-year sentence: naik / turun / tetap, and whether that is good."""
    now = dengan_satuan(r["realisasi"], r["satuan"])
    if not r["perubahan"]:
        return f"Realisasi tahun {tahun} sebesar {now}; realisasi tahun {tahun - 1} tidak tersedia untuk dibandingkan."
    before = dengan_satuan(r["realisasi_lalu"], r["satuan"])
    if r["perubahan"] == "tetap":
        return f"Realisasi tahun {tahun} sebesar {now}, tetap sama dengan tahun {tahun - 1}."
    arah = "meningkat" if r["perubahan"] == "naik" else "menurun"
    nilai = "membaik" if r["membaik"] else "memburuk"
    sifat = "makin tinggi makin baik" if r["polaritas"] == "naik" else "makin rendah makin baik"
    return (
        f"Realisasi tahun {tahun} sebesar {now}, {arah} dari {before} pada tahun {tahun - 1}. "
        f"Karena indikator ini {sifat}, kinerjanya {nilai}."
    )


def renstra(r: pd.Series, tahun: int, akhir: int) -> str:
    """Progress against the end-of-Renstra target."""
    sudah = "sudah" if fmt.round_half_up(r["capaian_renstra"]) >= 100 else "belum"
    return (
        f"Dibandingkan target akhir Renstra tahun {akhir} sebesar "
        f"{dengan_satuan(r['target_akhir_renstra'], r['satuan'])}, capaian kinerja sampai dengan tahun {tahun} "
        f"sebesar {fmt.persen(r['capaian_renstra'])}, sehingga {sudah} mencapai target akhir Renstra."
    )
