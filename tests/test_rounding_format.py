import datetime as dt
from decimal import Decimal

import numpy as np
import pytest

from lkjip import format as fmt
from lkjip.rounding import round_half_up, shown


@pytest.mark.parametrize(
    ("value", "digits", "expected"),
    [
        (1.925, 2, Decimal("1.93")),  # half-up, where half-even would give 1,92
        (99.585, 2, Decimal("99.59")),  # binary 99.58499... still rounds as written
        (0.125, 2, Decimal("0.13")),
        (2.5, 0, Decimal("3")),
        (np.float64(96.918), 2, Decimal("96.92")),
        (np.int64(7), 2, Decimal("7.00")),
    ],
)
def test_round_half_up(value, digits, expected):
    assert round_half_up(value, digits) == expected


def test_shown_keeps_nan():
    assert np.isnan(shown(float("nan")))


def test_indonesian_numbers():
    assert fmt.angka(2966054529) == "2.966.054.529"
    assert fmt.persen(2874663909 / 2966054529 * 100) == "96,92%"
    assert fmt.persen(99.585, sign=False) == "99,59"
    assert fmt.rupiah(10905000) == "Rp 10.905.000"
    assert fmt.nilai(86.0) == "86"
    assert fmt.nilai(99.5) == "99,5"
    assert fmt.angka(None) == "-"
    assert fmt.angka(6648.1, 1) == "6.648,1"


def test_indonesian_dates():
    assert fmt.tanggal(dt.date(2024, 1, 31)) == "31 Januari 2024"
    assert fmt.bulan_tahun(dt.date(2024, 1, 31)) == "Januari 2024"
