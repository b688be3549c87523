"""Sentences on the programs: the efektivitas conclusion and the Analisis Program, chosen by the figures.

The conclusion follows from the efektivitas table (:mod:`lkjip.efektivitas`):
anggaran is effective for a tujuan/sasaran whose target was reached, so the
sentence says "efektif" when every tujuan/sasaran with supporting programs
reached its target, "efektif untuk ... dan belum efektif untuk ..." when some
did, and "belum efektif" when none did; a tujuan/sasaran without supporting
programs is named as not judged. Official names are written as the data
writes them.
"""

from __future__ import annotations

import pandas as pd

from lkjip import format as fmt
from lkjip.narasi import daftar, semua


def persen(value: float) -> str:
    """A percentage in running text as :func:`lkjip.format.persen_teks` writes it: ``100%``, ``99,59%``, ``93,50%``."""
    return fmt.persen_teks(value)


def _nomor(rows: pd.DataFrame) -> str:
    """``nomor 3``, ``nomor 3 dan 5``, ``nomor 2, 3, dan 5`` (the rows' numbers in the table)."""
    return "nomor " + daftar([str(i) for i in rows["no"]])


def _sekali(n: int) -> str:
    """``program pendukungnya, yang dihitung satu kali``; ``keempat program pendukung, masing-masing ...``."""
    if n == 1:
        return "program pendukungnya, yang dihitung satu kali"
    return f"{semua(n, 'program')} pendukung, masing-masing dihitung satu kali"


def _rentang(values: pd.Series) -> str:
    lo, hi = float(values.min()), float(values.max())
    if lo == hi:
        return persen(lo) if len(values) == 1 else f"masing-masing {persen(lo)}"
    return f"antara {persen(lo)} dan {persen(hi)}"


def efektivitas(frame: pd.DataFrame, total: pd.Series, label: str, tahun: int, nama: str) -> list[str]:
    """The paragraphs after the efektivitas table: the note on the total, then the conclusion.

    ``frame`` is :func:`lkjip.efektivitas.per_sasaran`, ``total`` :func:`lkjip.efektivitas.jumlah`,
    ``label`` the table's number ("Tabel 3.13").
    """
    out: list[str] = []
    if total["ganda"]:
        out.append(
            f"Baris Jumlah pada {label} memuat realisasi {_sekali(int(total['jumlah_program']))}. Karena satu "
            "program dapat mendukung lebih dari satu tujuan/sasaran, angka tersebut "
            "lebih kecil daripada penjumlahan baris-baris di atasnya."
        )
    rows = frame.assign(no=range(1, len(frame) + 1))
    judged = rows[rows["anggaran"].notna()]
    unfunded = rows[rows["anggaran"].isna()]
    reached, missed = judged[judged["tercapai"]], judged[~judged["tercapai"]]
    subject = f"penggunaan anggaran Kecamatan {nama} tahun {tahun}"
    if judged.empty:
        out.append(
            f"Tidak ada tujuan/sasaran yang didukung anggaran program, sehingga efektivitas {subject} tidak dinilai."
        )
    elif missed.empty:
        lead = (
            "Tujuan/sasaran yang didukung program mencapai target"
            if len(judged) == 1
            else f"{semua(len(judged), 'tujuan/sasaran').capitalize()} yang didukung program mencapai target"
        )
        out.append(
            f"{lead}, dengan capaian kinerja {_rentang(judged['capaian'])}, sementara realisasi anggaran program "
            f"pendukungnya sebesar {fmt.rupiah(total['realisasi'])} atau {persen(total['serapan'])} dari anggaran. "
            f"Dengan demikian, {subject} efektif terhadap pencapaian kinerja tujuan dan sasaran."
        )
    elif reached.empty:
        out.append(
            f"Belum ada tujuan/sasaran yang mencapai target (capaian kinerja {_rentang(judged['capaian'])}), "
            f"dengan realisasi anggaran program pendukung {persen(total['serapan'])}. Dengan demikian, "
            f"{subject} belum efektif terhadap pencapaian kinerja dan perlu dievaluasi dalam perencanaan tahun "
            "berikutnya."
        )
    else:
        out.append(
            f"Sebanyak {fmt.hitungan(len(reached))} dari {fmt.hitungan(len(judged), 'tujuan/sasaran')} yang "
            f"didukung program mencapai target, sedangkan {_nomor(missed)} pada {label} belum mencapai target "
            f"(capaian kinerja {_rentang(missed['capaian'])}, dengan realisasi anggaran program pendukungnya "
            f"{_rentang(missed['serapan'])}). Dengan demikian, {subject} efektif untuk "
            f"{fmt.hitungan(len(reached), 'tujuan/sasaran')} dan belum efektif untuk "
            f"{fmt.hitungan(len(missed), 'tujuan/sasaran')} lainnya, yang perlu menjadi perhatian dalam "
            "perencanaan tahun berikutnya."
        )
    if not unfunded.empty:
        verb = "tidak didukung" if len(unfunded) == 1 else "masing-masing tidak didukung"
        out.append(
            f"Tujuan/sasaran {_nomor(unfunded)} pada {label} {verb} anggaran program, sehingga efektivitas "
            "anggarannya tidak dinilai."
        )
    return out


def angka_rincian(anggaran: object, realisasi: object) -> str:
    """`` (anggaran Rp 12.000.000, realisasi Rp 11.500.000 atau 95,83%)`` after a (sub-)kegiatan; '' if none."""
    if anggaran is None or pd.isna(anggaran):
        return ""
    a = int(anggaran)  # type: ignore[call-overload]
    if realisasi is None or pd.isna(realisasi):
        return f" (anggaran {fmt.rupiah(a)})"
    r = int(realisasi)  # type: ignore[call-overload]
    serapan = f" atau {persen(r / a * 100)}" if a else ""
    return f" (anggaran {fmt.rupiah(a)}, realisasi {fmt.rupiah(r)}{serapan})"
