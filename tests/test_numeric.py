"""The strict number reader, spelling by spelling and kind by kind."""

from __future__ import annotations

from decimal import Decimal

import pytest

from lkjip.numeric import Exact, Kind, NumberError, read_number, show

R, C, D, P, Y = Kind.RUPIAH, Kind.COUNT, Kind.DECIMAL, Kind.PERCENT, Kind.YEAR


@pytest.mark.parametrize(
    ("text", "kind", "value"),
    [
        ("2966054529", R, "2966054529"),
        ("2.966.054.529", R, "2966054529"),
        ("Rp 2.966.054.529", R, "2966054529"),
        ("Rp. 2.966.054.529,00", R, "2966054529"),
        ("1.000", R, "1000"),
        ("500.000", C, "500000"),
        ("54.127", C, "54127"),
        ("96,5", D, "96.5"),
        ("96.5", D, "96.5"),
        ("0.965", D, "0.965"),
        ("0,965", D, "0.965"),
        ("1.234,5", D, "1234.5"),
        ("1.234.567", D, "1234567"),
        ("96,5%", P, "96.5"),
        ("96,5 %", P, "96.5"),
        ("100", P, "100"),
        (" 86 ", D, "86"),
        ("2023", Y, "2023"),
        ("-3", D, "-3"),
    ],
)
def test_accepted_spellings(text, kind, value):
    assert read_number(text, kind) == Decimal(value)


@pytest.mark.parametrize(
    ("text", "kind", "words"),
    [
        ("1.000", D, "dua cara"),
        ("1.000", P, "dua cara"),
        ("1,000", R, "dua cara"),
        ("1,000", D, "dua cara"),
        ("1,234.5", D, "gaya Inggris"),
        ("1,000,000", R, "gaya Inggris"),
        ("nan", D, "bukan angka"),
        ("NaN", R, "bukan angka"),
        ("inf", D, "bukan angka"),
        ("-Infinity", D, "bukan angka"),
        ("#VALUE!", D, "galat rumus"),
        ("2.97E+09", R, "notasi ilmiah"),
        ("1e26", D, "notasi ilmiah"),
        ("1" + "0" * 26, R, "tidak masuk akal"),
        ("2,5", C, "bukan bilangan bulat"),
        ("1.500,50", R, "bukan bilangan bulat"),
        ("96%", D, "Tanda %"),
        ("96%", R, "Tanda %"),
        ("2.023", Y, "empat angka"),
        ("23", Y, "empat angka"),
        ("2 966 054 529", R, "spasi"),
        ("sembilan", D, "bukan angka desimal"),
        ("", D, "kosong"),
        ("1.234.56", D, "bukan angka desimal"),
    ],
)
def test_refused_spellings_say_why(text, kind, words):
    with pytest.raises(NumberError) as info:
        read_number(text, kind)
    assert words in info.value.message and info.value.fix


def test_two_readings_are_both_named():
    with pytest.raises(NumberError) as info:
        read_number("1.000", D)
    assert "1.000 (titik sebagai pemisah ribuan)" in info.value.message
    assert "1 (titik sebagai tanda desimal)" in info.value.message


def test_workbook_cells():
    assert read_number(Exact.from_cell(0.965, percent=True), P) == Decimal("96.5")
    assert read_number(Exact.from_cell(1.234), D) == Decimal("1.234")  # a number cell has one reading
    assert read_number(Exact.from_cell(2966054529), R) == 2966054529
    assert str(Exact.from_cell(0.965, percent=True)) == "96,5%"
    with pytest.raises(NumberError, match="format persen"):
        read_number(Exact.from_cell(0.5, percent=True), R)
    with pytest.raises(NumberError, match="15 digit"):
        read_number(Exact.from_cell(197306031994031003.0), C)
    with pytest.raises(NumberError, match="bukan bilangan bulat"):
        read_number(Exact.from_cell(12.5), C)


def test_show_is_indonesian():
    assert show(Decimal("2966054529")) == "2.966.054.529"
    assert show(Decimal("1234.5")) == "1.234,5"
    assert show(Decimal("-0.5")) == "-0,5"
