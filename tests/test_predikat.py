import math

import pandas as pd
import pytest

from lkjip.predikat import PERMENDAGRI_86_2017, PredikatScale
from tests.conftest import DATA


@pytest.mark.parametrize(
    ("capaian", "expected"),
    [
        (120, "Sangat Tinggi"),  # above 100 stays Sangat Tinggi
        (100, "Sangat Tinggi"),
        (91, "Sangat Tinggi"),
        (90.5, "Sangat Tinggi"),  # in the gap between the written bands 76-90 and 91-100
        (90.01, "Sangat Tinggi"),
        (90.004, "Tinggi"),  # shown as 90,00, so judged as 90,00
        (90, "Tinggi"),
        (75.5, "Tinggi"),
        (75, "Sedang"),
        (65.5, "Sedang"),
        (65, "Rendah"),
        (50.5, "Rendah"),
        (50, "Sangat Rendah"),
        (0, "Sangat Rendah"),
        (-20, "Sangat Rendah"),  # a lower-is-better indicator far off target
    ],
)
def test_bands_and_gaps(capaian, expected):
    assert PERMENDAGRI_86_2017.predikat(capaian) == expected


def test_nan_has_no_predikat():
    assert PERMENDAGRI_86_2017.predikat(math.nan) == ""


def test_bundled_scale_file_is_the_default():
    frame = pd.read_csv(DATA / "skala_predikat.csv")
    assert PredikatScale.from_frame(frame) == PERMENDAGRI_86_2017


def test_scale_is_configurable():
    frame = pd.DataFrame(
        {
            "urutan": [1, 2, 3],
            "predikat": ["Sangat Baik", "Baik", "Kurang"],
            "lebih_dari": [85, 60, None],
            "teks_skala": ["> 85", "> 60", "<= 60"],
        }
    )
    scale = PredikatScale.from_frame(frame)
    assert scale.predikat(90) == "Sangat Baik"
    assert scale.predikat(85) == "Baik"
    assert scale.predikat(60) == "Kurang"
