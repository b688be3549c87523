"""Analysis sentences generated from the numbers, in formal Indonesian."""

from __future__ import annotations

import pandas as pd

from lkjip import calc
from lkjip import format as fmt
from lkjip.predikat import PredikatScale
from lkjip.rounding import shown

SATUAN_NILAI = frozenset({"indeks", "nilai", "skor", "poin", "angka"})
"""Units that name a measure, not a thing counted: "86", not "86 indeks" (the indicator's name says what
the value is, e.g. "Indeks Kepuasan Masyarakat"); tables still print the unit in their Satuan column."""


def dengan_satuan(value: float, satuan: str) -> str:
    """``100%`` for percentages, ``15 kejadian`` for counts, ``86`` for an index or score."""
    if satuan.strip() == "%":
        return fmt.nilai(value) + "%"
    if satuan.strip().lower() in SATUAN_NILAI:
        return fmt.nilai(value)
    return f"{fmt.nilai(value)} {satuan.lower()}"


def antartahun_tetap(jumlah: int, tahun: int) -> str:
    """Instead of a year-on-year chart whose bars would all repeat last year's."""
    subjek = "setiap indikator" if jumlah > 1 else "indikator"
    return f"Realisasi {subjek} tahun {tahun} sama dengan realisasi tahun {tahun - 1}."


def antartahun_satu(r: pd.Series, tetap: int, tahun: int) -> str:
    """Instead of a one-panel year-on-year chart: the one indicator that changed, and the others unchanged."""
    lalu = tahun - 1
    before, now = dengan_satuan(r["realisasi_lalu"], r["satuan"]), dengan_satuan(r["realisasi"], r["satuan"])
    if pd.isna(r["realisasi_lalu"]):
        ubah = (
            f'hanya indikator "{r["uraian"]}" yang belum dapat dibandingkan karena realisasi tahun {lalu} '
            "tidak tersedia"
        )
    else:
        arah = "naik" if r["realisasi"] > r["realisasi_lalu"] else "turun"
        ubah = f'hanya realisasi indikator "{r["uraian"]}" yang berubah, yaitu {arah} dari {before} menjadi {now}'
    if not tetap:
        return f"Dibandingkan tahun {lalu}, {ubah}."
    lain = "indikator lainnya" if tetap == 1 else f"{semua(tetap, 'indikator')} lainnya"
    return f"Dibandingkan tahun {lalu}, {ubah}; realisasi {lain} sama dengan tahun {lalu}."


def antartahun_sisanya(label: str, tetap: int, tahun: int) -> str:
    """Under a year-on-year chart of the changed indicators only: the others repeat last year's realisasi."""
    lain = fmt.hitungan(tetap, "indikator") + " lainnya"
    return f"{label} hanya memuat indikator yang realisasinya berubah; realisasi {lain} sama dengan tahun {tahun - 1}."


def rincian_program(tabel: str, grafik: str) -> str:
    """III.C's reference to the program table printed in III.B, and to the chart that follows."""
    return f"Rincian anggaran dan realisasi per program tercantum pada {tabel} dan digambarkan pada {grafik} berikut."


def capaian_seragam(kinerja: pd.DataFrame) -> str:
    """Instead of charts whose bars would all stand at one height: every indicator has the same capaian."""
    r = kinerja.iloc[0]
    n = len(kinerja)
    cap = fmt.persen_teks(r["capaian"])
    if n == 1:
        return f"Capaian indikator tersebut {cap} dengan predikat {r['predikat']}."
    pred = r["predikat"]
    return (
        f"Dengan demikian, {semua(n, 'indikator')} berada pada predikat {pred} dengan capaian yang sama, yaitu {cap}."
    )


def _capaian_kinerja(jumlah_indikator: int) -> str:
    """ "Capaian kinerja" of one indicator, "rata-rata capaian kinerja" of several."""
    return "rata-rata capaian kinerja" if jumlah_indikator > 1 else "capaian kinerja"


def kurang(capaian: float) -> str:
    """The shortfall of a % capaian below the target, in percentage points: ``10 persen poin``."""
    return fmt.persen_teks(calc.TARGET_PERCENT - shown(capaian), sign=False) + " persen poin"


_RINGKAS = {
    calc.Efisiensi.EFISIEN: "menggunakan anggaran secara efisien",
    calc.Efisiensi.SESUAI_RENCANA: "menyerap anggaran sesuai rencana",
    calc.Efisiensi.KURANG_EFISIEN: "mencapai target dengan penggunaan anggaran yang kurang efisien",
    calc.Efisiensi.BELUM_TERCAPAI: "belum mencapai target sehingga efisiensinya tidak dinyatakan",
}


def efisiensi_ringkas(eff: pd.DataFrame) -> str:
    """How many tujuan/sasaran fall in each row of the efficiency decision table (Ikhtisar, simpulan)."""
    labels = [calc.nilai_efisiensi(c, s) for c, s in zip(eff["capaian"], eff["serapan"], strict=True)]
    judged = [x for x in labels if x is not None]
    if not judged:
        return "Tidak ada tujuan/sasaran yang didukung program beranggaran, sehingga efisiensinya tidak dinilai."
    n = len(judged)
    counts = {x: judged.count(x) for x in calc.Efisiensi if x in judged}
    if len(counts) == 1:
        (label,) = counts
        if n == 1:
            return f"Tujuan/sasaran yang didukung program {_RINGKAS[label]}."
        return f"{semua(n, 'tujuan/sasaran').capitalize()} yang didukung program {_RINGKAS[label]}."
    parts = [f"{fmt.hitungan(k)} {_RINGKAS[x]}" for x, k in counts.items()]
    return f"Dari {fmt.hitungan(n, 'tujuan/sasaran')} yang didukung program, " + daftar(parts) + "."


def efisiensi_ikhtisar(eff: pd.DataFrame, total: pd.Series) -> str:
    """The Ikhtisar's one sentence on efficiency: :func:`efisiensi_ringkas` and the whole, worded apart from Bab III."""
    ringkas = efisiensi_ringkas(eff)
    label = calc.nilai_efisiensi(total["capaian"], total["serapan"])
    if label is None:
        return ringkas
    ser, tingkat = fmt.persen_teks(total["serapan"]), fmt.persen_teks(total["tingkat"])
    if label is calc.Efisiensi.BELUM_TERCAPAI:
        akhir = "secara keseluruhan target belum tercapai, sehingga efisiensi keseluruhan tidak dinyatakan"
    else:
        hasil = {
            calc.Efisiensi.EFISIEN: "penggunaan anggaran efisien",
            calc.Efisiensi.SESUAI_RENCANA: "anggaran digunakan sesuai rencana",
            calc.Efisiensi.KURANG_EFISIEN: "penggunaan anggaran kurang efisien",
        }[label]
        akhir = (
            f"secara keseluruhan, dengan serapan anggaran program pendukung {ser}, tingkat efisiensinya {tingkat}, "
            f"sehingga {hasil}"
        )
    return f"{ringkas[:-1]}; {akhir}."


def efisiensi_keseluruhan(total: pd.Series) -> str:
    """The efficiency of the whole (the JUMLAH row), by the same decision table."""
    label = calc.nilai_efisiensi(total["capaian"], total["serapan"])
    if label is None:
        return ""
    subjek = _capaian_kinerja(int(total["jumlah_indikator"]))
    cap, ser = fmt.persen_teks(total["capaian"]), fmt.persen_teks(total["serapan"])
    if label is calc.Efisiensi.BELUM_TERCAPAI:
        return (
            f"Secara keseluruhan, {subjek} {cap} belum mencapai target 100% (kurang {kurang(total['capaian'])}), "
            f"dengan serapan anggaran program pendukung {ser}; efisiensi penggunaan anggaran tidak dinyatakan."
        )
    hasil = {
        calc.Efisiensi.EFISIEN: "penggunaan anggaran efisien",
        calc.Efisiensi.SESUAI_RENCANA: "anggaran digunakan sesuai rencana",
        calc.Efisiensi.KURANG_EFISIEN: "penggunaan anggaran kurang efisien",
    }[label]
    return (
        f"Secara keseluruhan, {subjek} sebesar {cap} diraih dengan serapan anggaran program pendukung {ser}, "
        f"sehingga tingkat efisiensinya {fmt.persen_teks(total['tingkat'])} dan {hasil}."
    )


def daftar(parts: list[str]) -> str:
    """``a``, ``a dan b``, ``a, b, dan c``: a run-in series as Indonesian writes it."""
    if len(parts) <= 2:
        return " dan ".join(parts)
    return ", ".join(parts[:-1]) + ", dan " + parts[-1]


def skala(s: PredikatScale, label: str) -> str:
    """How the predikat scale printed as table ``label`` is read, as ranges with exclusive lower bounds.

    The regulation writes its rows in whole percents ("91% ≤ 100%", "76% ≤ 90%"), which leaves a capaian
    such as 90,5% between two rows. The sentence closes those gaps by stating each row as the range the
    report applies (:meth:`PredikatScale.predikat`: "lebih dari 90%"), from the same bands as the table, and
    says that a capaian above 100% keeps the top predikat, so the table and the sentence cannot disagree.
    """
    bagian = []
    upper: float | None = None
    for i, band in enumerate(s.bands):
        if band.above is None:
            bagian.append(f"{fmt.nilai(upper)}% atau kurang {band.predikat}" if upper is not None else band.predikat)
        elif i == 0:
            bagian.append(
                f"lebih dari {fmt.nilai(band.above)}% berpredikat {band.predikat} (termasuk capaian di atas 100%)"
            )
        else:
            bagian.append(f"lebih dari {fmt.nilai(band.above)}% sampai dengan {fmt.nilai(upper)}% {band.predikat}")
        upper = band.above
    if len(bagian) > 1:
        bagian[-1] = f"dan {bagian[-1]}"
    return f"Rentang pada {label} dibaca sebagai berikut: capaian {'; '.join(bagian)}."


KE_BATAS = 9
"""Up to nine, "keenam indikator"; above, "seluruh 12 (dua belas) indikator" (``kedua belas`` reads heavily)."""


def semua(n: int, benda: str) -> str:
    """All ``n`` of a kind, as Indonesian says it: ``indikator tersebut``, ``kedua``, ``keenam indikator``."""
    if n == 1:
        return f"{benda} tersebut"
    if n <= KE_BATAS:
        return f"ke{fmt.terbilang(n)} {benda}"
    return f"seluruh {fmt.hitungan(n, benda)}"


def tercapai(jumlah: int, tercapai_: int, melampaui: int = 0) -> str:
    """How many of the indicators reached their target, and how many of those exceeded it."""
    if jumlah == 1:
        verb = "melampaui" if melampaui else ("mencapai" if tercapai_ else "belum mencapai")
        return f"Indikator tersebut {verb} targetnya."
    if tercapai_ == jumlah:
        lead = f"{semua(jumlah, 'indikator').capitalize()} mencapai targetnya"
        if melampaui == jumlah:
            return f"{semua(jumlah, 'indikator').capitalize()} melampaui targetnya."
        if melampaui:
            return f"{lead}, {fmt.hitungan(melampaui)} di antaranya melampaui target."
        return f"{lead}."
    if tercapai_ == 0:
        return f"{semua(jumlah, 'indikator').capitalize()} belum mencapai targetnya."
    lebih = f", {fmt.hitungan(melampaui)} di antaranya melampaui target" if melampaui else ""
    return (
        f"Sebanyak {fmt.hitungan(tercapai_)} dari {fmt.hitungan(jumlah, 'indikator')} mencapai target{lebih}, "
        f"sedangkan {fmt.hitungan(jumlah - tercapai_)} indikator belum mencapai target."
    )


def predikat_sebaran(distribusi: pd.DataFrame) -> str:
    """The indicators by predikat: ``Keenam indikator berpredikat Sangat Tinggi.`` or the counts per predikat."""
    ada = distribusi[distribusi["jumlah"] > 0]
    n = int(distribusi["jumlah"].sum())
    if len(ada) == 1:
        return f"{semua(n, 'indikator').capitalize()} berpredikat {ada.iloc[0]['predikat']}."
    parts = [f"{fmt.hitungan(int(r['jumlah']))} {r['predikat']}" for r in ada.to_dict("records")]
    parts[0] = parts[0].replace(") ", ") berpredikat ", 1)
    return f"Dari {fmt.hitungan(n, 'indikator')}, {daftar(parts)}."


def _target_pada(n: int, tercapai_: int, melampaui: int) -> str:
    """How many reached their target, after a sentence that has named the indicators' number."""
    if tercapai_ == n:
        return tercapai(n, tercapai_, melampaui)
    if tercapai_ == 0:
        return "Belum ada indikator yang mencapai targetnya."
    lebih = f" Dari yang tercapai, {fmt.hitungan(melampaui)} melampaui targetnya." if melampaui else ""
    return (
        f"Target tercapai pada {fmt.hitungan(tercapai_, 'indikator')}, sedangkan "
        f"{fmt.hitungan(n - tercapai_)} lainnya belum mencapai target.{lebih}"
    )


def capaian_indikator(distribusi: pd.DataFrame, tercapai_: int, melampaui: int = 0) -> str:
    """Predikat and targets of all indicators in one go: one sentence when they share a predikat and all reached."""
    ada = distribusi[distribusi["jumlah"] > 0]
    n = int(distribusi["jumlah"].sum())
    if len(ada) == 1 and tercapai_ == n:
        pred = ada.iloc[0]["predikat"]
        if n == 1:
            verb = "melampaui" if melampaui else "mencapai"
            return f"Indikator tersebut berpredikat {pred} dan {verb} targetnya."
        lebih = ""
        if melampaui == n:
            lebih = " dan seluruhnya melampaui target"
        elif melampaui:
            lebih = f" dan seluruhnya mencapai target, {fmt.hitungan(melampaui)} di antaranya melampauinya"
        else:
            lebih = " dan seluruhnya mencapai target"
        return f"{semua(n, 'indikator').capitalize()} berpredikat {pred}{lebih}."
    return f"{predikat_sebaran(distribusi)} {_target_pada(n, tercapai_, melampaui)}"


def wilayah(desa: int, kelurahan: int, kadus: int | None, rw: int | None, rt: int | None) -> str:
    """The administrative units, in one count style: ``15 (lima belas) desa, 45 (empat puluh lima) dusun, ...``."""
    parts = [
        fmt.hitungan(n, benda)
        for n, benda in (
            (desa, "desa"),
            (kelurahan, "kelurahan"),
            (kadus, "dusun"),
            (rw, "rukun warga (RW)"),
            (rt, "rukun tetangga (RT)"),
        )
        if n
    ]
    return daftar(parts)


def langkah(belum: list[tuple[str, str]]) -> str:
    """Next steps for the closing chapter (Markdown): ``belum`` holds (uraian, capaian) of the indicators short of
    their target; one is named in the sentence, several are a numbered list after it."""
    if not belum:
        return (
            "Seluruh target kinerja tercapai. Ke depan, Kecamatan akan mempertahankan capaian tersebut dengan "
            "menjaga kualitas pelayanan, memperkuat koordinasi, dan memanfaatkan anggaran secara efisien."
        )
    tindak = "melalui evaluasi penyebab, penguatan strategi, dan pemantauan berkala"
    if len(belum) == 1:
        return (
            f'Indikator "{belum[0][0]}" belum mencapai target (capaian {belum[0][1]}) dan menjadi prioritas perbaikan '
            f"tahun berikutnya {tindak}."
        )
    items = "\n".join(f"{i}. {nama} (capaian {cap})" for i, (nama, cap) in enumerate(belum, 1))
    return (
        f"Sebanyak {fmt.hitungan(len(belum), 'indikator')} berikut belum mencapai target dan menjadi prioritas "
        f"perbaikan tahun berikutnya {tindak}:\n\n{items}"
    )
