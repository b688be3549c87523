"""Efektivitas anggaran per tujuan/sasaran, and the total that counts each program once (lkjip.efektivitas)."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from lkjip import efektivitas as ef
from lkjip.report import buka


@pytest.fixture(scope="module")
def ajibarang():
    d = buka("ajibarang", 2023).data
    from lkjip.hasil import hitung

    k = hitung(d).kinerja
    return ef.per_sasaran(k, d.program, d.program_sasaran), ef.jumlah(k, d.program, d.program_sasaran)


def test_ajibarang_rows_are_the_supporting_programs_of_each_tujuan_sasaran(ajibarang):
    frame, _ = ajibarang
    rows = frame.set_index("sasaran")
    assert list(rows.index) == ["T1", "S1", "S2", "S3", "S4", "S5"]
    # T1 and S1: all four supporting programs (Tabel 3.16 of the reference)
    assert rows.loc["T1", ["anggaran", "realisasi"]].tolist() == [359_874_000, 358_399_000]
    assert rows.loc["T1", "serapan"] == 99.59 and rows.loc["T1", "jumlah_program"] == 4
    assert rows.loc["S2", ["anggaran", "realisasi", "serapan"]].tolist() == [2_000_000, 2_000_000, 100.0]
    assert rows.loc["S3", "serapan"] == 99.44 and rows.loc["S4", "serapan"] == 99.96
    assert rows["capaian"].tolist() == [100.0] * 6 and rows["tercapai"].all()


def test_ajibarang_total_counts_each_program_once(ajibarang):
    frame, total = ajibarang
    # the reference printed Rp 1.075.197.000 / 37,41% by summing the rows; each program once is Rp 358.399.000
    assert int(frame["realisasi"].sum()) == 1_075_197_000
    assert (total["anggaran"], total["realisasi"], total["serapan"]) == (359_874_000, 358_399_000, 99.59)
    assert (total["jumlah_indikator"], total["capaian"], total["jumlah_program"]) == (6, 100.0, 4)
    assert total["ganda"]


def _kinerja(rows):
    return pd.DataFrame(
        [
            {"kode": f"IK{i}", "sasaran": s, "sasaran_uraian": f"Sasaran {s}", "sasaran_jenis": "sasaran", "capaian": c}
            for i, (s, c) in enumerate(rows, 1)
        ]
    )


def test_a_sasaran_without_programs_has_no_amounts_and_single_links_are_not_doubled():
    kinerja = _kinerja([("S1", 100.0), ("S1", 90.0), ("S2", 80.0)])
    program = pd.DataFrame({"kode": ["P1", "P2"], "anggaran": [1_000_000, 500_000], "realisasi": [900_000, 500_000]})
    links = pd.DataFrame({"program": ["P1", "P2"], "sasaran": ["S1", "S1"]})
    frame = ef.per_sasaran(kinerja, program, links).set_index("sasaran")
    assert frame.loc["S1", "capaian"] == 95.0 and not frame.loc["S1", "tercapai"]
    assert frame.loc["S1", ["anggaran", "realisasi", "serapan"]].tolist() == [1_500_000, 1_400_000, 93.33]
    assert math.isnan(frame.loc["S2", "anggaran"]) and math.isnan(frame.loc["S2", "serapan"])
    total = ef.jumlah(kinerja, program, links)
    assert (total["anggaran"], total["realisasi"], total["serapan"]) == (1_500_000, 1_400_000, 93.33)
    assert not total["ganda"]
    assert total["capaian"] == 90.0  # mean of the three indicators
