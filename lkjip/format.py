"""Indonesian formatting of numbers, percentages, Rupiah and dates (Babel, id_ID).

A leaf module (it imports only :mod:`lkjip.rounding`, Babel and num2words), so validation messages
and the report format numbers the same way. Rounding is half-up on the decimal value,
as a reader checking the table by hand would round (Babel alone rounds
half-even).
"""

from __future__ import annotations

import datetime as dt
import math
from decimal import Decimal

from babel.dates import format_date
from babel.numbers import format_decimal
from num2words import num2words

from lkjip.rounding import round_half_up

LOCALE = "id_ID"
DASH = "-"


def _missing(value: object) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def angka(value: float | int | Decimal | None, digits: int = 0) -> str:
    """A number in Indonesian style: ``2.966.054.529``, ``99,59``."""
    if value is None or _missing(value):
        return DASH
    pattern = "#,##0" + ("." + "0" * digits if digits else "")
    return format_decimal(round_half_up(value, digits), format=pattern, locale=LOCALE)


def nilai(value: float | int | None, max_digits: int = 2) -> str:
    """An indicator value with only the decimals it has: ``86``, ``99,5``."""
    if value is None or _missing(value):
        return DASH
    pattern = "#,##0" + ("." + "#" * max_digits if max_digits else "")
    return format_decimal(round_half_up(value, max_digits), format=pattern, locale=LOCALE)


def persen(value: float | None, digits: int = 2, sign: bool = True) -> str:
    """A percentage: ``99,59%`` (``sign=False`` gives ``99,59``)."""
    if _missing(value):
        return DASH
    return angka(value, digits) + ("%" if sign else "")


def persen_teks(value: float | None, digits: int = 2, sign: bool = True) -> str:
    """A percentage in running text: ``100%`` when its printed figure is whole, else as tables print it (``99,59%``).

    The figure is rounded half-up to ``digits`` first, so the text never
    disagrees with the table beside it; only a ``,00`` tail is dropped.
    """
    if _missing(value):
        return DASH
    assert value is not None
    exact = round_half_up(value, digits)
    text = angka(exact, 0) if exact == exact.to_integral_value() else angka(exact, digits)
    return text + ("%" if sign else "")


STATUS_PEGAWAI = {"Non ASN": "Non-ASN"}
"""How a staff status of the data (a closed list, ``schema.PegawaiStatus``) is printed: PUEBI joins the
prefix *non* to a capitalised word with a hyphen, as the narrative's "non-ASN" does."""


def status_pegawai(value: str) -> str:
    """``Non ASN`` -> ``Non-ASN``; other statuses as written."""
    return STATUS_PEGAWAI.get(value, value)


def rupiah(value: float | int | None) -> str:
    """Rupiah without decimals: ``Rp 2.966.054.529``."""
    if _missing(value):
        return DASH
    return "Rp " + angka(value, 0)


def tanggal(value: dt.date) -> str:
    """A date in full: ``31 Januari 2024``."""
    return format_date(value, format="d MMMM y", locale=LOCALE)


def bulan_tahun(value: dt.date) -> str:
    """Month and year: ``Januari 2024``."""
    return format_date(value, format="MMMM y", locale=LOCALE)


def terbilang(n: int) -> str:
    """``6`` -> ``enam``."""
    return str(num2words(int(n), lang="id"))


def hitungan(n: int, benda: str = "") -> str:
    """A count as the report writes it: ``6 (enam) indikator``."""
    text = f"{n} ({terbilang(n)})"
    return f"{text} {benda}" if benda else text
