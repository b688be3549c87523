"""The efektivitas conclusion is chosen by the figures; amounts and percentages in running text (narasi_program)."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from lkjip import narasi_program as nar


def _frame(rows):
    return pd.DataFrame(
        [
            {"sasaran_uraian": f"Sasaran {i}", "capaian": c, "tercapai": c >= 100, "anggaran": a, "serapan": s}
            for i, (c, a, s) in enumerate(rows, 1)
        ]
    )


def _total(ganda=False, realisasi=358_399_000, serapan=99.59, program=4):
    return pd.Series({"ganda": ganda, "realisasi": realisasi, "serapan": serapan, "jumlah_program": program})


def test_every_target_reached_is_effective_with_the_spent_amount():
    (s,) = nar.efektivitas(_frame([(100.0, 1, 99.59)] * 6), _total(), "Tabel 3.24", 2023, "Ajibarang")
    assert s.startswith("Keenam tujuan/sasaran yang didukung program mencapai target")
    assert "masing-masing 100%" in s and "Rp 358.399.000 atau 99,59% dari anggaran" in s
    assert s.endswith("anggaran Kecamatan Ajibarang tahun 2023 efektif terhadap pencapaian kinerja tujuan dan sasaran.")
    assert "belum" not in s


def test_a_single_tujuan_sasaran_is_not_called_all():
    (s,) = nar.efektivitas(_frame([(104.5, 1, 90.0)]), _total(serapan=90.0), "Tabel 3.9", 2023, "Lumbir")
    assert s.startswith("Tujuan/sasaran yang didukung program mencapai target, dengan capaian kinerja 104,50%,")


def test_some_targets_missed_names_them_by_number_and_says_partly_effective():
    frame = _frame([(100.0, 1, 99.0), (93.0, 1, 95.18), (100.0, 1, 97.0), (94.0, 1, 98.54)])
    (s,) = nar.efektivitas(frame, _total(), "Tabel 3.26", 2023, "Lumbir")
    assert "Sebanyak 2 (dua) dari 4 (empat) tujuan/sasaran yang didukung program mencapai target" in s
    assert "nomor 2 dan 4 pada Tabel 3.26 belum mencapai target (capaian kinerja antara 93% dan 94%" in s
    assert "antara 95,18% dan 98,54%" in s
    assert "efektif untuk 2 (dua) tujuan/sasaran dan belum efektif untuk 2 (dua) tujuan/sasaran lainnya" in s


def test_no_target_reached_is_not_effective():
    (s,) = nar.efektivitas(_frame([(80.0, 1, 60.0), (90.0, 1, 70.0)]), _total(serapan=65.0), "Tabel 3.5", 2023, "X")
    assert s.startswith("Belum ada tujuan/sasaran yang mencapai target (capaian kinerja antara 80% dan 90%)")
    assert "belum efektif" in s and "efektif terhadap pencapaian kinerja tujuan" not in s


def test_double_counted_programs_and_unfunded_sasaran_are_explained():
    frame = _frame([(100.0, 1, 99.0), (100.0, math.nan, math.nan)])
    note, s, unfunded = nar.efektivitas(frame, _total(ganda=True), "Tabel 3.24", 2023, "X")
    assert "keempat program pendukung, masing-masing dihitung satu kali" in note and "Tabel 3.24" in note
    assert s.startswith("Tujuan/sasaran yang didukung program mencapai target")
    assert unfunded == (
        "Tujuan/sasaran nomor 2 pada Tabel 3.24 tidak didukung anggaran program, sehingga efektivitas anggarannya "
        "tidak dinilai."
    )


@pytest.mark.parametrize(
    ("anggaran", "realisasi", "text"),
    [
        (None, None, ""),
        (math.nan, math.nan, ""),
        (12_000_000, math.nan, " (anggaran Rp 12.000.000)"),
        (12_000_000, 11_500_000, " (anggaran Rp 12.000.000, realisasi Rp 11.500.000 atau 95,83%)"),
        (2_000_000, 2_000_000, " (anggaran Rp 2.000.000, realisasi Rp 2.000.000 atau 100%)"),
    ],
)
def test_amounts_after_a_kegiatan(anggaran, realisasi, text):
    assert nar.angka_rincian(anggaran, realisasi) == text
