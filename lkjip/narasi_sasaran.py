"""Sentences of one tujuan/sasaran in Bab III.B, chosen by the figures and varied by position.

Each function first decides the situation from the figures (target exceeded,
met or missed; realisasi up, down or flat against last year; the Renstra end
target reached or not, in its last year or before; efficiency by
:func:`lkjip.calc.nilai_efisiensi`), then words it. A report repeats these
sentences once per indicator or tujuan/sasaran, so every situation has a few
phrasings with the same meaning, picked by ``urutan`` (the position of the
indicator or tujuan/sasaran in the report): six sasaran in one situation read
as a civil servant would write them, not as one sentence six times. The
figures come from the row, formatted by :mod:`lkjip.format`; official names
are written as the data writes them.
"""

from __future__ import annotations

from enum import Enum

import pandas as pd

from lkjip import calc
from lkjip import format as fmt
from lkjip.narasi import daftar, dengan_satuan, kurang
from lkjip.ragam import Nama, Urutan, awal_besar, ragam
from lkjip.ragam import Ragam as Ragam  # re-exported: the report's phrasings, passed as ``urutan``
from lkjip.rounding import shown

SELISIH_TIPIS = 1.0
"""A tingkat efisiensi under one percentage point (capaian 100%, serapan 99,96%) is efisien by the decision
table, but "relatively less budget" would overstate it: the sentence says the serapan is just below."""


class Capaian(Enum):
    """An indicator against its target, as the printed capaian reads."""

    MELAMPAUI = "melampaui"
    TEPAT = "tepat"
    BELUM = "belum"


def keadaan(capaian: float) -> Capaian:
    """Exceeded (printed capaian above 100%), met (exactly 100%) or missed (below, :func:`lkjip.calc.tercapai`)."""
    if not calc.tercapai(capaian):
        return Capaian.BELUM
    return Capaian.MELAMPAUI if shown(capaian) > calc.TARGET_PERCENT else Capaian.TEPAT


def jumlah_melampaui(capaian: pd.Series) -> int:
    """How many indicators exceeded their target (:func:`keadaan`)."""
    return sum(keadaan(float(c)) is Capaian.MELAMPAUI for c in capaian)


_awal_besar = awal_besar


def pengantar(jenis: str, indikator: list[str], urutan: Urutan = 0) -> str:
    """The sentence that opens a tujuan/sasaran: its indicator in quotes, or the lead of a numbered list of several."""
    if len(indikator) == 1:
        nama = f'"{indikator[0]}"'
        return ragam(
            urutan,
            "pengantar",
            f"Keberhasilan {jenis} ini diukur dengan {fmt.hitungan(1, 'indikator')} kinerja, yaitu {nama}.",
            f"Indikator kinerja {jenis} ini adalah {nama}.",
            f"{_awal_besar(jenis)} ini diukur dengan indikator {nama}.",
        )
    return f"Keberhasilan {jenis} ini diukur dengan {fmt.hitungan(len(indikator), 'indikator')} kinerja berikut:"


def _subjek(r: pd.Series, tunggal: bool) -> str:
    return "indikator ini" if tunggal else f'indikator "{r["uraian"]}"'


def capaian(r: pd.Series, tahun: int, urutan: Urutan = 0, tunggal: bool = True) -> str:
    """Target vs realisasi of one indicator: exceeded, met or missed, with the capaian and its predikat.

    ``tunggal``: the indicator is its tujuan/sasaran's only one (named just before), so the
    sentence says "indikator ini"; otherwise it names the indicator.
    """
    s = _subjek(r, tunggal)
    nama: Nama | None = ("indikator", str(r["uraian"])) if tunggal else None  # else the sentence names it
    target, real = dengan_satuan(r["target"], r["satuan"]), dengan_satuan(r["realisasi"], r["satuan"])
    cap, pred = fmt.persen_teks(r["capaian"]), r["predikat"]
    k = keadaan(r["capaian"])
    if k is Capaian.MELAMPAUI:
        lebih = fmt.persen_teks(shown(r["capaian"]) - calc.TARGET_PERCENT, sign=False) + " persen poin"
        # 14 kejadian against a target of 15 is better than the target, not "above" it
        lewat = "lebih baik daripada" if r["polaritas"] == calc.TURUN else "melampaui"
        kalimat = ragam(
            urutan,
            "capaian.melampaui",
            f"{_awal_besar(s)} ditargetkan {target} pada tahun {tahun} dan terealisasi {real}, sehingga capaian "
            f"kinerjanya {cap} dengan predikat {pred}; target terlampaui {lebih}.",
            f"Realisasi {s} tahun {tahun} sebesar {real} {lewat} target {target}, dengan capaian kinerja {cap} "
            f"dan predikat {pred}.",
            f"Pada tahun {tahun}, {s} terealisasi {real} dari target {target}; capaian kinerjanya {cap} dengan "
            f"predikat {pred}, melampaui target yang ditetapkan.",
            nama=nama,
        )
    elif k is Capaian.TEPAT:
        kalimat = ragam(
            urutan,
            "capaian.tepat",
            f"{_awal_besar(s)} ditargetkan {target} pada tahun {tahun} dan terealisasi {real}, sehingga target "
            f"tercapai dengan capaian kinerja {cap} dan predikat {pred}.",
            f"Target {s} tahun {tahun} sebesar {target} terpenuhi dengan realisasi {real}; capaian kinerjanya "
            f"{cap} dengan predikat {pred}.",
            f"Realisasi {s} pada tahun {tahun} tepat sama dengan targetnya, yaitu {real}, sehingga capaian "
            f"kinerjanya {cap} dan berpredikat {pred}.",
            f"Pada tahun {tahun}, {s} terealisasi {real} sehingga targetnya sebesar {target} tercapai, dengan capaian "
            f"kinerja {cap} dan predikat {pred}.",
            f"Capaian kinerja {s} tahun {tahun} sebesar {cap} dengan predikat {pred}, karena target {target} "
            f"terpenuhi dengan realisasi {real}.",
            nama=nama,
        )
    else:
        baru = "baru " if r["polaritas"] != calc.TURUN else ""
        kurang_ = kurang(r["capaian"])
        kalimat = ragam(
            urutan,
            "capaian.belum",
            f"{_awal_besar(s)} ditargetkan {target} pada tahun {tahun}, tetapi {baru}terealisasi {real}; capaian "
            f"kinerjanya {cap} dengan predikat {pred}, sehingga target belum tercapai (kurang {kurang_}).",
            f"Realisasi {s} tahun {tahun} sebesar {real} belum memenuhi target {target}: capaian kinerjanya {cap} "
            f"dengan predikat {pred}, {kurang_} di bawah target.",
            f"Target {s} tahun {tahun} sebesar {target} belum tercapai karena realisasinya {baru}{real}, sehingga "
            f"capaian kinerjanya {cap} dengan predikat {pred} (kurang {kurang_}).",
            nama=nama,
        )
    if r["polaritas"] == calc.TURUN:
        kalimat += (
            " Karena indikator ini makin rendah makin baik, capaiannya dihitung dengan rumus "
            "(2 × target − realisasi) / target."
        )
    return kalimat


def antartahun(r: pd.Series, tahun: int, urutan: Urutan = 0) -> str:
    """This year's realisasi against last year's: up, down or flat, and what that means for the indicator."""
    lalu = tahun - 1
    now = dengan_satuan(r["realisasi"], r["satuan"])
    if not r["perubahan"]:
        return ragam(
            urutan,
            "antartahun.kosong",
            f"Realisasi tahun {lalu} tidak tersedia, sehingga perkembangan indikator ini belum dapat dibandingkan.",
            f"Perkembangan indikator ini belum dapat dibandingkan dengan tahun {lalu} karena realisasinya tidak "
            "tersedia.",
            f"Karena data tahun {lalu} tidak tersedia, realisasi tahun {tahun} sebesar {now} belum dapat "
            "dibandingkan dengan tahun sebelumnya.",
            nama=("indikator", str(r["uraian"])),
        )
    before = dengan_satuan(r["realisasi_lalu"], r["satuan"])
    if r["perubahan"] == "tetap":
        if not r["tercapai"]:
            return ragam(
                urutan,
                "antartahun.tetap-belum",
                f"Realisasi indikator ini tidak berubah dari tahun {lalu} ({now}), sehingga belum menunjukkan "
                "kemajuan menuju target.",
                f"Sama seperti tahun {lalu}, realisasinya {now}; belum ada kemajuan menuju target.",
                f"Realisasi tahun {tahun} masih sama dengan tahun {lalu}, yaitu {now}, sehingga kemajuan menuju "
                "target belum terlihat.",
                nama=("indikator", str(r["uraian"])),
            )
        return ragam(
            urutan,
            "antartahun.tetap",
            f"Realisasi tahun {tahun} sama dengan tahun {lalu}, yaitu {now}, sehingga kinerja indikator ini "
            "terjaga pada tingkat yang sama.",
            f"Realisasi sebesar {now} pada tahun {lalu} dapat dipertahankan pada tahun {tahun}.",
            f"Dibandingkan tahun {lalu}, realisasi indikator ini tidak berubah, tetap {now}.",
            f"Seperti tahun {lalu}, realisasi indikator ini pada tahun {tahun} sebesar {now}; tingkat kinerja yang "
            "telah dicapai dapat dijaga.",
            f"Realisasi indikator ini {now}, sama dengan tahun {lalu}; kinerjanya stabil.",
            nama=("indikator", str(r["uraian"])),
        )
    naik = r["perubahan"] == "naik"
    arah, hal = ("meningkat", "kenaikan") if naik else ("menurun", "penurunan")
    karena = "karena indikator ini makin rendah makin baik, " if r["polaritas"] == calc.TURUN else ""
    nilai = "membaik" if r["membaik"] else "memburuk dan perlu menjadi perhatian"
    return ragam(
        urutan,
        f"antartahun.{arah}.{r['membaik']}",
        f"Realisasi tahun {tahun} sebesar {now}, {arah} dari {before} pada tahun {lalu}. "
        f"{_awal_besar(karena + hal)} ini menunjukkan kinerja yang {nilai}.",
        f"Dibandingkan tahun {lalu} ({before}), realisasi indikator ini {arah} menjadi {now}; {karena}kinerjanya "
        f"{nilai}.",
        f"Realisasi indikator ini {arah} dari {before} pada tahun {lalu} menjadi {now} pada tahun {tahun}; "
        f"{karena}perubahan ini berarti kinerjanya {nilai}.",
        nama=("indikator", str(r["uraian"])),
    )


def renstra_sama(kinerja: pd.DataFrame, tahun: int, akhir: int) -> bool:
    """Whether this is the Renstra's last year and every indicator's target is its end-of-Renstra target.

    Then the capaian against the end target is the year's capaian for every indicator, and one sentence
    (:func:`renstra_ringkas`) says so for all of them instead of one sentence per indicator repeating it.
    """
    return bool(
        tahun >= akhir
        and not kinerja.empty
        and all(
            shown(float(t)) == shown(float(a))
            for t, a in zip(kinerja["target"], kinerja["target_akhir_renstra"], strict=True)
        )
    )


def renstra_ringkas(kinerja: pd.DataFrame, tahun: int, awal: int, akhir: int) -> str:
    """One sentence for all indicators when :func:`renstra_sama` holds: how many end targets were reached."""
    n = len(kinerja)
    sudah = sum(bool(calc.tercapai(x)) for x in kinerja["capaian_renstra"])
    if n == 1:
        hasil = "target akhir Renstra indikator kinerjanya " + ("tercapai" if sudah else "belum tercapai")
    elif sudah == n:
        hasil = "seluruh target akhir Renstra tercapai"
    elif sudah == 0:
        hasil = "belum ada target akhir Renstra yang tercapai"
    else:
        hasil = f"target akhir Renstra tercapai pada {fmt.hitungan(sudah, 'indikator')} dari {fmt.hitungan(n)}"
    return (
        f"Tahun {tahun} merupakan tahun terakhir Renstra {awal}-{akhir}, dan target tahun {tahun} setiap indikator "
        f"sama dengan target akhir Renstra. Karena itu capaian terhadap target akhir Renstra sama dengan capaian "
        f"tahun {tahun}: {hasil}."
    )


def renstra(r: pd.Series, tahun: int, akhir: int, urutan: Urutan = 0) -> str:
    """Progress against the end-of-Renstra target: reached or not, in the Renstra's last year or before it."""
    ta = dengan_satuan(r["target_akhir_renstra"], r["satuan"])
    cr = fmt.persen_teks(r["capaian_renstra"])
    sisa = fmt.hitungan(akhir - tahun, "tahun")
    sudah = calc.tercapai(r["capaian_renstra"])
    if tahun >= akhir and sudah:
        return ragam(
            urutan,
            "renstra.akhir-tercapai",
            f"Tahun {tahun} merupakan tahun terakhir periode Renstra; target akhir Renstra sebesar {ta} telah "
            f"tercapai dengan capaian {cr}.",
            f"Dengan realisasi tersebut, target akhir Renstra tahun {akhir} sebesar {ta} terpenuhi (capaian {cr}).",
            f"Terhadap target akhir Renstra sebesar {ta}, capaiannya {cr}, sehingga target akhir periode Renstra "
            "tercapai.",
            f"Target akhir Renstra sebesar {ta} telah terpenuhi pada tahun terakhir periode Renstra dengan capaian "
            f"{cr}.",
            f"Pada akhir periode Renstra, target akhir indikator ini sebesar {ta} terpenuhi dengan capaian {cr}.",
            nama=("indikator", str(r["uraian"])),
        )
    if tahun >= akhir:
        return ragam(
            urutan,
            "renstra.akhir-belum",
            f"Sampai dengan tahun {tahun}, tahun terakhir periode Renstra, capaian terhadap target akhir Renstra "
            f"sebesar {ta} baru {cr}, sehingga target akhir Renstra belum tercapai.",
            f"Target akhir Renstra tahun {akhir} sebesar {ta} belum tercapai; capaian sampai dengan akhir periode "
            f"Renstra {cr}.",
            f"Terhadap target akhir Renstra sebesar {ta}, capaiannya baru {cr}, sehingga target akhir periode "
            "Renstra belum terpenuhi.",
            nama=("indikator", str(r["uraian"])),
        )
    if sudah:
        return ragam(
            urutan,
            "renstra.awal-tercapai",
            f"Capaian terhadap target akhir Renstra tahun {akhir} sebesar {ta} sudah {cr}, sehingga target akhir "
            f"Renstra tercapai {sisa} sebelum akhir periode.",
            f"Target akhir Renstra tahun {akhir} sebesar {ta} telah terpenuhi lebih awal (capaian {cr}); capaian "
            "ini perlu dipertahankan sampai akhir periode.",
            f"Terhadap target akhir Renstra tahun {akhir} sebesar {ta}, capaiannya sudah {cr}; target tersebut "
            f"terpenuhi {sisa} sebelum akhir periode.",
            nama=("indikator", str(r["uraian"])),
        )
    return ragam(
        urutan,
        "renstra.awal-belum",
        f"Capaian sampai dengan tahun {tahun} terhadap target akhir Renstra tahun {akhir} sebesar {ta} baru {cr}; "
        f"target akhir Renstra belum tercapai dan masih tersisa {sisa} untuk memenuhinya.",
        f"Target akhir Renstra tahun {akhir} sebesar {ta} belum tercapai (capaian {cr}), sehingga upaya perlu "
        f"dilanjutkan dalam {sisa} yang tersisa.",
        f"Terhadap target akhir Renstra tahun {akhir} sebesar {ta}, capaian sampai dengan tahun {tahun} baru {cr}, "
        f"sehingga target tersebut belum terpenuhi dan masih ada {sisa} untuk memenuhinya.",
        nama=("indikator", str(r["uraian"])),
    )


def _rentang_nomor(nomor: list[int]) -> str:
    """``2-5`` for consecutive rows, else ``1, 3, dan 4``."""
    if len(nomor) > 2 and nomor == list(range(nomor[0], nomor[0] + len(nomor))):
        return f"{nomor[0]}-{nomor[-1]}"
    return daftar([str(x) for x in nomor])


def program(
    jenis: str,
    nama: list[str],
    nomor: list[int],
    semua: bool,
    tabel: str,
    urutan: Urutan = 0,
    uraian: str = "",
) -> str:
    """Which rows of the supporting-programme table (printed once, as ``tabel``) support this tujuan/sasaran.

    ``uraian``, the tujuan/sasaran's name, is written only where the sentence would otherwise repeat one
    already in the report (:class:`Ragam`).
    """
    sasaran: Nama | None = (jenis, uraian) if uraian else None
    j = _awal_besar(jenis)
    nomor_teks = _rentang_nomor(nomor)
    if semua and len(nama) > 1:
        ke = f"ke{fmt.terbilang(len(nama))}"
        return ragam(
            urutan,
            "program.semua",
            f"{j} ini didukung oleh {ke} program pendukung ({tabel} nomor {nomor_teks}).",
            f"{_awal_besar(ke)} program pendukung ({tabel} nomor {nomor_teks}) mendukung {jenis} ini.",
            f"Pencapaian {jenis} ini ditopang oleh {ke} program pendukung ({tabel} nomor {nomor_teks}).",
            nama=sasaran,
        )
    if len(nama) == 1:
        ref = f"{nama[0]} ({tabel} nomor {nomor[0]})"
        return ragam(
            urutan,
            "program.satu",
            f"{j} ini didukung oleh {ref}.",
            f"Program yang mendukung {jenis} ini adalah {ref}.",
            f"{j} ini dicapai melalui {ref}.",
            nama=sasaran,
        )
    return ragam(
        urutan,
        "program.beberapa",
        f"{j} ini didukung oleh {fmt.hitungan(len(nama), 'program')} pada {tabel}, yaitu nomor {nomor_teks}.",
        f"{j} ini didukung oleh program nomor {nomor_teks} pada {tabel}.",
        f"Program yang mendukung {jenis} ini adalah nomor {nomor_teks} pada {tabel}.",
        nama=sasaran,
    )


def efisiensi(e: pd.Series, urutan: Urutan = 0) -> str:
    """Efficiency of one tujuan/sasaran, by the decision table :func:`lkjip.calc.nilai_efisiensi`."""
    label = calc.nilai_efisiensi(e["capaian"], e["serapan"])
    sasaran: Nama | None = None
    if "sasaran_uraian" in e and "sasaran_jenis" in e:
        sasaran = (str(e["sasaran_jenis"]), str(e["sasaran_uraian"]))
    if label is None:
        return "Karena tidak ada program beranggaran yang mendukungnya, efisiensi tujuan/sasaran ini tidak dinilai."
    subj = "rata-rata capaian kinerja" if int(e.get("jumlah_indikator", 1)) > 1 else "capaian kinerja"
    subj_ = _awal_besar(subj)
    cap, ser, tingkat = fmt.persen_teks(e["capaian"]), fmt.persen_teks(e["serapan"]), fmt.persen_teks(e["tingkat"])
    if shown(float(e["realisasi"])) == shown(float(e["anggaran"])):
        dana = f"anggaran {fmt.rupiah(e['anggaran'])} terealisasi seluruhnya"
    else:
        dana = f"{fmt.rupiah(e['realisasi'])} dari {fmt.rupiah(e['anggaran'])}"
    if label is calc.Efisiensi.BELUM_TERCAPAI:
        k = kurang(e["capaian"])
        return ragam(
            urutan,
            "efisiensi.belum",
            f"{subj_} {cap} belum mencapai target 100%, kurang {k}, dengan serapan anggaran {ser} ({dana}); "
            "karena target belum tercapai, efisiensi penggunaan anggaran tidak dinyatakan.",
            f"Dengan serapan anggaran {ser} ({dana}), {subj} {cap} belum mencapai target 100% (kurang {k}), "
            "sehingga efisiensi penggunaan anggaran tidak dinyatakan.",
            f"Anggaran program pendukungnya terserap {ser} ({dana}), sedangkan {subj} {cap} belum mencapai target "
            f"100% (kurang {k}); karena itu efisiensinya tidak dinyatakan.",
            nama=sasaran,
        )
    if label is calc.Efisiensi.EFISIEN:
        tipis = shown(float(e["tingkat"])) < SELISIH_TIPIS
        selisih = "serapan anggaran sedikit di bawah capaiannya" if tipis else "anggaran yang relatif lebih kecil"
        return ragam(
            urutan,
            "efisiensi.efisien",
            f"{subj_} sebesar {cap} diraih dengan serapan anggaran {ser} ({dana}). Target tercapai dengan "
            f"{selisih} (tingkat efisiensi {tingkat}), sehingga penggunaan anggaran efisien.",
            f"Serapan anggaran program pendukungnya {ser} ({dana}), lebih rendah daripada {subj} yang mencapai "
            f"{cap}; dengan tingkat efisiensi {tingkat}, penggunaan anggaran efisien.",
            f"Dengan realisasi anggaran {dana} atau {ser}, {subj} mencapai {cap}, sehingga tingkat efisiensinya "
            f"{tingkat} dan penggunaan anggaran efisien.",
            nama=sasaran,
        )
    if label is calc.Efisiensi.SESUAI_RENCANA:
        return ragam(
            urutan,
            "efisiensi.sesuai",
            f"{subj_} {cap} dicapai dengan serapan anggaran program pendukung {ser} ({dana}); target tercapai dan "
            "anggaran digunakan sesuai rencana.",
            f"Anggaran program pendukungnya terserap {ser} ({dana}), sama dengan {subj} {cap}; target tercapai "
            "dan anggaran digunakan sesuai rencana.",
            f"Dengan {subj} {cap} dan serapan anggaran {ser} ({dana}), tingkat efisiensinya {tingkat}; target "
            "tercapai dengan anggaran yang digunakan sesuai rencana.",
            nama=sasaran,
        )
    return ragam(
        urutan,
        "efisiensi.kurang",
        f"{subj_} sebesar {cap} diraih dengan serapan anggaran {ser} ({dana}), lebih besar daripada capaiannya "
        f"(tingkat efisiensi {tingkat}), sehingga target tercapai tetapi penggunaan anggaran kurang efisien.",
        f"Serapan anggaran program pendukungnya {ser} ({dana}) lebih besar daripada {subj} {cap} (tingkat "
        f"efisiensi {tingkat}); target tercapai, tetapi penggunaan anggaran kurang efisien.",
        f"Dengan serapan anggaran {ser} ({dana}) untuk {subj} {cap}, tingkat efisiensinya {tingkat}; target "
        "tercapai dengan biaya relatif lebih tinggi, sehingga penggunaan anggaran kurang efisien.",
        nama=sasaran,
    )
