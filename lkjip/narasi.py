"""Analysis sentences generated from the numbers, in formal Indonesian."""

from __future__ import annotations

import pandas as pd

from lkjip import calc
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
    sudah = "sudah" if calc.tercapai(r["capaian_renstra"]) else "belum"
    return (
        f"Dibandingkan target akhir Renstra tahun {akhir} sebesar "
        f"{dengan_satuan(r['target_akhir_renstra'], r['satuan'])}, capaian kinerja sampai dengan tahun {tahun} "
        f"sebesar {fmt.persen(r['capaian_renstra'])}, sehingga {sudah} mencapai target akhir Renstra."
    )


def capaian(r: pd.Series, tahun: int) -> str:
    """Target vs realisasi: tercapai / belum tercapai, with the numbers and the predikat."""
    target = dengan_satuan(r["target"], r["satuan"])
    real = dengan_satuan(r["realisasi"], r["satuan"])
    hasil = "target tercapai" if r["tercapai"] else "target belum tercapai"
    arah = ""
    if r["polaritas"] == "turun":
        arah = (
            " Indikator ini makin rendah makin baik, sehingga capaian dihitung dengan "
            "(2 × target − realisasi) / target."
        )
    return (
        f"Indikator {r['uraian']} tahun {tahun} ditargetkan {target} dan terealisasi {real}, "
        f"sehingga capaian kinerjanya {fmt.persen(r['capaian'])} dengan predikat {r['predikat']}; {hasil}.{arah}"
    )


def efisiensi(e: pd.Series) -> str:
    """Efficiency of one tujuan/sasaran: efisien / tidak efisien, with the numbers."""
    if pd.isna(e["serapan"]):
        return "Tujuan/sasaran ini tidak didukung program beranggaran, sehingga efisiensinya tidak dinilai."
    dasar = (
        f"Rata-rata capaian kinerja {fmt.persen(e['capaian'])} dicapai dengan serapan anggaran "
        f"{fmt.persen(e['serapan'])} ({fmt.rupiah(e['realisasi'])} dari {fmt.rupiah(e['anggaran'])}), "
        f"sehingga tingkat efisiensinya {fmt.persen(e['tingkat'])}"
    )
    if e["efisien"]:
        return dasar + "; penggunaan anggaran efisien."
    if not calc.tercapai(e["capaian"]):
        return dasar + "; penggunaan anggaran belum efisien karena target kinerja belum tercapai."
    return dasar + "; penggunaan anggaran belum dinilai efisien karena seluruh anggaran terserap."


def tercapai(jumlah: int, tercapai_: int) -> str:
    """How many of the indicators reached their target."""
    if tercapai_ == jumlah:
        return f"Seluruh {fmt.hitungan(jumlah, 'indikator')} mencapai atau melampaui targetnya."
    return (
        f"Sebanyak {fmt.hitungan(tercapai_, 'indikator')} mencapai atau melampaui target, sedangkan "
        f"{fmt.hitungan(jumlah - tercapai_, 'indikator')} belum mencapai target."
    )


def langkah(belum: list[str]) -> str:
    """Next steps for the closing chapter."""
    if not belum:
        return (
            "Seluruh target kinerja tercapai. Ke depan, Kecamatan akan mempertahankan capaian tersebut dengan "
            "menjaga kualitas pelayanan, memperkuat koordinasi, dan memanfaatkan anggaran secara efisien."
        )
    return (
        "Indikator yang belum mencapai target, yaitu " + "; ".join(belum) + ", menjadi prioritas perbaikan tahun "
        "berikutnya melalui evaluasi penyebab, penguatan strategi, dan pemantauan berkala."
    )
