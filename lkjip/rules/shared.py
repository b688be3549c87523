"""Rules of the shared tables: the registry, the predikat scale, the kabupaten and its regulations."""

from __future__ import annotations

import math
import re

import pandas as pd

from lkjip.dataset import Dataset
from lkjip.format import nilai
from lkjip.load import ROW
from lkjip.problems import SHARED, Problem
from lkjip.rules.at import At

# ---------------------------------------------------------------- registry


def _empty_shared(ds: Dataset, table: str, columns: str) -> Problem:
    return Problem(
        ds.locations[table],
        None,
        None,
        None,
        "Tabel bersama ini tidak berisi satu baris pun (atau semua barisnya salah).",
        f"Isi barisnya: {columns}; lihat data/README.md.",
        scope=SHARED,
    )


def check_registry(ds: Dataset) -> list[Problem]:
    """The registry lists at least one kecamatan (else every row elsewhere would belong to nobody)."""
    if ds["kecamatan"].empty:
        return [_empty_shared(ds, "kecamatan", "kode, nama, slug untuk 27 kecamatan")]
    return []


def check_skala(ds: Dataset) -> list[Problem]:
    """Bands are ordered from the highest down and only the last is open."""
    s = ds["skala_predikat"].sort_values("urutan")
    out: list[Problem] = []
    if s.empty:
        return [
            _empty_shared(
                ds, "skala_predikat", "urutan, predikat, lebih_dari, teks_skala (lima pita Permendagri 86/2017)"
            )
        ]
    bounds = list(s["lebih_dari"])
    for i, (_, row) in enumerate(s.iterrows()):
        last = i == len(s) - 1
        if last and not pd.isna(row["lebih_dari"]):
            out.append(
                At(ds, "skala_predikat").error(
                    row,
                    "lebih_dari",
                    "Pita terendah harus tanpa batas bawah.",
                    "Kosongkan 'lebih_dari' pada baris dengan urutan terbesar.",
                )
            )
        if not last and pd.isna(row["lebih_dari"]):
            out.append(
                At(ds, "skala_predikat").error(
                    row,
                    "lebih_dari",
                    "Hanya pita terendah yang boleh tanpa batas bawah.",
                    "Isi batas bawah (% capaian > nilai ini).",
                    value="",
                )
            )
        if i > 0 and not last and not pd.isna(bounds[i]) and not pd.isna(bounds[i - 1]) and bounds[i] >= bounds[i - 1]:
            out.append(
                At(ds, "skala_predikat").error(
                    row,
                    "lebih_dari",
                    "Batas bawah harus lebih kecil dari batas pita di atasnya.",
                    "Urutkan pita dari predikat tertinggi (urutan 1) ke terendah.",
                )
            )
    return out + _skala_labels(ds, s) + _skala_texts(ds, s)


STANDARD_PREDIKAT = ("sangat tinggi", "tinggi", "sedang", "rendah", "sangat rendah")
"""Permendagri 86/2017's labels, highest first: a scale that uses them must keep this order."""


def _skala_labels(ds: Dataset, s: pd.DataFrame) -> list[Problem]:
    out: list[Problem] = []
    seen: dict[str, int] = {}
    for _, row in s.iterrows():
        label = " ".join(str(row["predikat"]).lower().split())
        if label in seen:
            out.append(
                At(ds, "skala_predikat").error(
                    row,
                    "predikat",
                    f"Predikat ganda: sama dengan baris {seen[label]}.",
                    "Setiap pita harus punya predikat sendiri, mis. Sangat Tinggi, Tinggi, Sedang, Rendah, "
                    "Sangat Rendah.",
                )
            )
        seen.setdefault(label, int(row[ROW]))
    ranks = [STANDARD_PREDIKAT.index(lbl) for lbl in seen if lbl in STANDARD_PREDIKAT]
    if len(ranks) == len(seen) and ranks != sorted(ranks):
        out.append(
            At(ds, "skala_predikat").error(
                None,
                "predikat",
                "Urutan predikat bertentangan dengan batasnya: pita dengan batas lebih tinggi harus berpredikat "
                "lebih tinggi.",
                "Urutkan: Sangat Tinggi (urutan 1), Tinggi, Sedang, Rendah, Sangat Rendah.",
                value=" > ".join(str(x) for x in s["predikat"]),
            )
        )
    if len(s) and not pd.isna(s.iloc[0]["lebih_dari"]) and s.iloc[0]["lebih_dari"] >= 100:
        out.append(
            At(ds, "skala_predikat").error(
                s.iloc[0],
                "lebih_dari",
                "Pita tertinggi tidak mencakup capaian 100%.",
                "Batas bawah pita tertinggi harus di bawah 100 (Permendagri 86/2017: > 90).",
            )
        )
    return out


_PERCENT_IN_TEXT = re.compile(r"(\d+(?:[.,]\d+)?)\s*%")


def _skala_texts(ds: Dataset, s: pd.DataFrame) -> list[Problem]:
    """The printed range of each band must agree with its bounds.

    The regulation writes whole percents: a band "> 90" up to 100 reads
    "91% ≤ 100%". A lower number in the text agrees when it is the bound
    itself or the bound's next whole percent; the upper number is the bound
    of the band above (100 for the top band).
    """
    out: list[Problem] = []
    bounds = list(s["lebih_dari"])
    for i, (_, row) in enumerate(s.iterrows()):
        numbers = [float(x.replace(",", ".")) for x in _PERCENT_IN_TEXT.findall(str(row["teks_skala"]))]
        low = bounds[i]
        high = 100.0 if i == 0 else bounds[i - 1]
        if pd.isna(low):
            expected = [high]
            ok = numbers == [high] or numbers == [0.0, high]
        else:
            expected = [math.floor(low) + 1, high]
            ok = len(numbers) == 2 and numbers[0] in (low, math.floor(low) + 1) and numbers[1] == high
        if not ok:
            want = " ≤ ".join(f"{nilai(x)}%" for x in expected)
            out.append(
                At(ds, "skala_predikat").error(
                    row,
                    "teks_skala",
                    "Rentang yang tertulis tidak sesuai dengan batas pita "
                    + (f"(> {nilai(low)} sampai {nilai(high)})." if not pd.isna(low) else f"(≤ {nilai(high)})."),
                    f"Tulis rentangnya seperti '{want}', atau perbaiki kolom lebih_dari.",
                )
            )
    return out


def check_kabupaten(ds: Dataset, registered: int) -> list[Problem]:
    """One kabupaten row, whose number of kecamatan is the registry's (``registered`` slugs, a refused row too)."""
    kab = ds["kabupaten"].sort_values(ROW)
    if kab.empty:
        return [_empty_shared(ds, "kabupaten", "satu baris: nama (tanpa kata 'Kabupaten'), jumlah_kecamatan")]
    out = [
        At(ds, "kabupaten").error(
            row,
            "nama",
            f"Tabel kabupaten hanya boleh berisi satu baris; baris {int(kab.iloc[0][ROW])} sudah menyebut "
            f"kabupaten {kab.iloc[0]['nama']}.",
            "Hapus baris ini; satu folder data memuat kecamatan dari satu kabupaten saja.",
        )
        for _, row in kab.iloc[1:].iterrows()
    ]
    row = kab.iloc[0]
    if registered and int(row["jumlah_kecamatan"]) != registered:
        out.append(
            At(ds, "kabupaten").error(
                row,
                "jumlah_kecamatan",
                f"Jumlah kecamatan tidak sama dengan jumlah kecamatan terdaftar di {ds.locations['kecamatan']} "
                f"({registered}); laporan menyebut jumlah ini di Bab I C. Kewenangan.",
                f"Isi jumlah_kecamatan dengan {registered}, atau lengkapi {ds.locations['kecamatan']} bila ada "
                "kecamatan yang belum terdaftar.",
            )
        )
    return out


REGULASI_WAJIB = {
    "perda_pembentukan": "Peraturan Daerah tentang Pembentukan dan Susunan Perangkat Daerah",
    "perbup_tupoksi": "Peraturan Bupati tentang Kedudukan, Susunan Organisasi, Tugas dan Fungsi serta Tata Kerja "
    "Kecamatan",
}
"""The regulations the default narratives cite, by ``kunci``, with what each one is (for the message).

``perda_perubahan``, the latest amendment of ``perda_pembentukan``, is optional: cited instead when present.
"""


def check_regulasi(ds: Dataset) -> list[Problem]:
    """Every regulation the default narratives cite is in ``regulasi.csv``."""
    have = set(ds["regulasi"]["kunci"])
    return [
        Problem(
            ds.locations["regulasi"],
            None,
            "kunci",
            kunci,
            f"Tidak ada peraturan berkunci '{kunci}' ({what}), padahal narasi baku Bab I mengutipnya.",
            f"Tambahkan satu baris dengan kunci '{kunci}' beserta jenis, nomor, tahun dan tentang peraturan itu "
            "(lihat data/README.md).",
            scope=SHARED,
        )
        for kunci, what in REGULASI_WAJIB.items()
        if kunci not in have
    ]
