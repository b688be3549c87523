"""Analysis 4 (PermenPANRB 53/2014): realisasi against the national standard (lkjip.narasi_standar)."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from lkjip import document
from lkjip.narasi_standar import banding, tanpa_standar
from lkjip.report import buka


def _row(realisasi: float, standar: float | None, polaritas: str = "naik", satuan: str = "Indeks", **kw) -> pd.Series:
    return pd.Series(
        {
            "uraian": "Indeks Kepuasan Masyarakat",
            "realisasi": realisasi,
            "standar_nasional": math.nan if standar is None else standar,
            "standar_nasional_dasar": kw.get("dasar", math.nan),
            "polaritas": polaritas,
            "satuan": satuan,
        }
    )


@pytest.mark.parametrize(
    ("realisasi", "standar", "polaritas", "hasil"),
    [
        (86.0, 76.61, "naik", "melampaui standar nasional"),
        (76.61, 76.61, "naik", "sama dengan standar nasional"),
        (76.605, 76.61, "naik", "sama dengan standar nasional"),  # equal as printed (76,61)
        (70.0, 76.61, "naik", "belum memenuhi standar nasional"),
        (3.0, 5.0, "turun", "lebih baik daripada standar nasional"),
        (7.0, 5.0, "turun", "belum memenuhi standar nasional"),
    ],
)
def test_the_sentence_follows_the_figures_and_the_polarity(realisasi, standar, polaritas, hasil):
    text = banding(_row(realisasi, standar, polaritas), 2023)
    assert text.endswith(f"kinerjanya {hasil}.")


def test_the_standard_is_named_with_its_regulation():
    text = banding(_row(86.0, 76.61, dasar="Peraturan Menteri PANRB Nomor 14 Tahun 2017"), 2023)
    assert text.startswith(
        "Standar nasional indikator ini menurut Peraturan Menteri PANRB Nomor 14 Tahun 2017 sebesar 76,61; "
        "dengan realisasi tahun 2023 sebesar 86"
    )


def test_missing_standards_are_said_once():
    rows = pd.DataFrame([_row(86.0, None), _row(90.0, None).replace("Indeks Kepuasan Masyarakat", "Persentase B")])
    assert "Indikator kinerja Kecamatan Lumbir belum memiliki standar nasional" in tanpa_standar(rows, "Lumbir")
    one = pd.DataFrame([_row(86.0, 76.61), _row(90.0, None).replace("Indeks Kepuasan Masyarakat", "Persentase B")])
    assert tanpa_standar(one, "Lumbir").startswith("Dari 2 (dua) indikator kinerja, hanya Indeks Kepuasan")
    two = pd.concat([one, pd.DataFrame([_row(1.0, 2.0).replace("Indeks Kepuasan Masyarakat", "Indeks C")])])
    assert tanpa_standar(two, "Lumbir").startswith("Indikator Persentase B belum memiliki standar nasional")
    assert tanpa_standar(pd.DataFrame([_row(86.0, 76.61)]), "Lumbir") is None


def _analisis(slug: str) -> str:
    lap = buka(slug, 2023)
    return " ".join("".join(r.teks for r in document.runs(b)) for b in document.walk([lap.bagian("bab3.b")]))


def test_ajibarang_says_in_one_sentence_that_no_standard_is_given():
    text = _analisis("ajibarang")
    sentence = "Indikator kinerja Kecamatan Ajibarang belum memiliki standar nasional yang dapat dijadikan pembanding"
    assert text.count(sentence) == 1 and "Standar nasional indikator ini" not in text


def test_a_sample_kecamatan_compares_its_ikm_with_the_national_standard():
    text = _analisis("lumbir")
    assert "Standar nasional indikator ini menurut Peraturan Menteri PANRB Nomor 14 Tahun 2017" in text
    assert "sebesar 76,61" in text
    assert (
        "Dari 7 (tujuh) indikator kinerja, hanya Indeks Kepuasan Masyarakat (IKM) Pelayanan Kecamatan yang memiliki "
        "standar nasional sebagai pembanding; 6 (enam) indikator lainnya belum memilikinya"
    ) in text  # the shorter list is named, once


def test_a_bad_national_standard_names_file_row_column_value_and_fix(data_copy, edit):
    from lkjip.validate import validate
    from tests.conftest import set_cell

    edit("indikator", set_cell(3, "standar_nasional", "-5"))
    [p] = [p for p in validate(data_copy, 2023, ["ajibarang"]).errors if p.column == "standar_nasional"]
    assert p.location.endswith("indikator.csv") and (p.row, p.value) == (3, "-5")
    assert "Perbaikan:" in str(p)
