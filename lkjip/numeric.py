"""Strict reading of numbers as Indonesian offices write them, by kind.

One reader for CSV text and workbook cells alike, used by validation and by
any later importer. Nothing is left to a library's coercion: ``1.000`` is not
silently one, ``96,5%`` is not silently 0,965, ``nan`` is not a number.

Kinds:

- ``rupiah``: whole rupiah; ``2966054529``, ``2.966.054.529``, ``Rp 2.966.054.529``
  and a zero fraction (``2.966.054.529,00``) are read; a non-zero fraction is lossy
  and refused.
- ``count``: whole numbers (people, documents, events); thousands dots allowed.
- ``decimal``: ``96,5`` or ``96.5``; thousands dots allowed when followed by a
  comma decimal (``1.234,5``). A value with two readings (``1.000``: one
  thousand or one; ``1,234.5``; ``1,000``) is refused with both readings named.
- ``percent``: a decimal that may carry a trailing ``%``; an Excel cell formatted
  as a percentage is read as the percentage it shows (0,965 shown as 96,5% is 96,5).
- ``year``: four digits, no separators.

Every refusal is a :class:`NumberError` with an Indonesian message and fix;
the caller adds the file, row and column.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum


class Kind(StrEnum):
    """What a numeric column holds; decides which spellings are accepted."""

    RUPIAH = "rupiah"
    COUNT = "count"
    DECIMAL = "decimal"
    PERCENT = "percent"
    YEAR = "year"


LABEL = {
    Kind.RUPIAH: "rupiah",
    Kind.COUNT: "bilangan bulat",
    Kind.DECIMAL: "angka desimal",
    Kind.PERCENT: "persentase",
    Kind.YEAR: "tahun",
}

RUPIAH_MAX = Decimal(10) ** 13
"""Ten trillion rupiah: above the whole budget of any Indonesian kabupaten; a larger amount is a typing error."""


class NumberError(ValueError):
    """A cell that is not a number of the expected kind; ``message`` and ``fix`` are Indonesian."""

    def __init__(self, message: str, fix: str) -> None:
        super().__init__(message)
        self.message = message
        self.fix = fix


@dataclass(frozen=True)
class Exact:
    """A number stored as a number (a workbook cell), with the percent format it was shown in.

    It carries no spelling to misread; ``percent`` means the cell showed
    ``value`` followed by ``%`` (Excel stores 96,5% as 0,965; ``value`` is 96,5).
    """

    value: Decimal
    percent: bool = False
    lossy: bool = False
    """A floating-point cell beyond 2^53: Excel kept only 15 significant digits (a NIP typed as a number)."""

    @classmethod
    def from_cell(cls, raw: int | float, percent: bool = False, scaled: bool = True) -> Exact:
        """``percent``: the cell shows a % sign; ``scaled``: by a real percent format (0,965 shown as 96,5%),
        not a literal sign (``0.0"%"`` shows 0,5 as 0,5%)."""
        if isinstance(raw, float) and not math.isfinite(raw):
            raise NumberError("Sel berisi nilai tak hingga atau bukan angka.", "Isi angka yang sebenarnya.")
        value = Decimal(repr(raw)) if isinstance(raw, float) else Decimal(raw)
        if percent and scaled:
            value *= 100
        return cls(_tidy(value), percent, isinstance(raw, float) and abs(raw) >= 2**53)

    def __str__(self) -> str:
        text = format(self.value, "f")
        text = text.replace(".", ",")
        return f"{text}%" if self.percent else text


Cell = str | Exact | None


def _tidy(value: Decimal) -> Decimal:
    """Drop trailing zeros without exponent notation (1.50 -> 1.5, 100 stays 100)."""
    if value == value.to_integral_value():
        return value.quantize(Decimal(1))
    return value.normalize()


def show(value: Decimal) -> str:
    """A number in Indonesian style for messages: thousands dots, decimal comma."""
    sign = "-" if value < 0 else ""
    value = abs(value)
    whole, _, frac = format(value, "f").partition(".")
    groups: list[str] = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    text = ".".join(groups)
    frac = frac.rstrip("0")
    return sign + text + ("," + frac if frac else "")


_NOT_NUMBERS = {
    "nan": "NaN (bukan angka)",
    "na": "NA",
    "n/a": "N/A",
    "none": "None",
    "null": "null",
    "inf": "tak hingga",
    "+inf": "tak hingga",
    "-inf": "tak hingga",
    "infinity": "tak hingga",
    "-infinity": "tak hingga",
    "∞": "tak hingga",
}
_EXCEL_ERRORS = ("#DIV/0!", "#N/A", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#NULL!", "#SPILL!", "#CALC!")

_DIGITS = re.compile(r"\d+")
_THOUSANDS_DOT = re.compile(r"[1-9]\d{0,2}(\.\d{3})+")
_THOUSANDS_COMMA = re.compile(r"[1-9]\d{0,2}(,\d{3})+")
_SCIENTIFIC = re.compile(r"[+-]?\d+([.,]\d+)?[eE][+-]?\d+")


def read_number(cell: Cell, kind: Kind) -> Decimal:
    """The number in ``cell`` read as ``kind``; raises :class:`NumberError`.

    ``cell`` is text as typed (CSV, a text cell of a workbook) or an
    :class:`Exact` number from a workbook. Empty cells are the caller's
    business (required or optional); here they are an error.
    """
    if cell is None:
        raise NumberError("Kolom wajib ini kosong.", f"Isi {LABEL[kind]}.")
    value = _from_exact(cell, kind) if isinstance(cell, Exact) else _from_text(cell, kind)
    return _check_kind(value, kind, str(cell))


LOSSY = NumberError(
    "Excel menyimpan angka sepanjang ini hanya sampai 15 digit; digit terakhirnya sudah hilang.",
    "Format sel sebagai Teks (Text), ketik ulang nilainya lengkap, lalu simpan ulang.",
)


def _from_exact(cell: Exact, kind: Kind) -> Decimal:
    if cell.lossy and not (kind is Kind.RUPIAH and abs(cell.value) >= RUPIAH_MAX):  # that one says "implausible"
        raise LOSSY
    if cell.percent and kind is not Kind.PERCENT:
        raise NumberError(
            f"Sel berformat persen ({cell}) di kolom {LABEL[kind]}.",
            "Ubah format sel menjadi Angka (Number) dan isi nilainya tanpa tanda %.",
        )
    return cell.value


def _from_text(text: str, kind: Kind) -> Decimal:
    t = text.strip().replace("\u00a0", " ")
    if not t:
        raise NumberError("Kolom wajib ini kosong.", f"Isi {LABEL[kind]}.")
    if t.lower() in _NOT_NUMBERS:
        raise NumberError(
            f"Nilai '{t}' ({_NOT_NUMBERS[t.lower()]}) bukan angka.",
            f"Isi {LABEL[kind]} yang sebenarnya; kosongkan sel hanya bila kolomnya tidak wajib.",
        )
    if t.upper() in _EXCEL_ERRORS:
        raise NumberError(
            f"Sel berisi galat rumus Excel {t.upper()}.",
            "Perbaiki rumus di Excel sehingga sel menampilkan angka, lalu simpan ulang.",
        )
    if _SCIENTIFIC.fullmatch(t):
        raise NumberError(
            "Angka ditulis dalam notasi ilmiah (mis. 2,97E+09); digitnya mungkin sudah terpotong oleh Excel.",
            "Format sel sebagai Angka tanpa notasi ilmiah, ketik ulang angka lengkapnya, lalu simpan ulang.",
        )
    negative = False
    if t.startswith("(") and t.endswith(")"):
        negative, t = True, t[1:-1].strip()
    if kind is Kind.RUPIAH:  # 'Rp 1.000', 'Rp -1.000' and '-Rp 1.000' alike
        t = re.sub(r"^([+\-−]?)\s*rp\.?\s*", r"\1", t, flags=re.IGNORECASE)
    if t[:1] in "+-−":
        if negative:
            raise NumberError(f"Tanda ganda pada '{text.strip()}'.", "Tulis satu tanda saja, atau tanpa tanda.")
        negative, t = t[0] != "+", t[1:].strip()
    percent = t.endswith("%")
    if percent:
        if kind is not Kind.PERCENT:
            raise NumberError(
                f"Tanda % di kolom {LABEL[kind]}.",
                f"Isi {LABEL[kind]} tanpa tanda %."
                + (" Satuan indikator ini bukan %." if kind is Kind.DECIMAL else ""),
            )
        t = t[:-1].strip()
    value = _digits(t, kind)
    return -value if negative else value


def _digits(t: str, kind: Kind) -> Decimal:
    """The unsigned number spelled by ``t``, refusing every spelling with two readings."""
    if kind is Kind.YEAR:
        if re.fullmatch(r"\d{4}", t):
            return Decimal(t)
        raise NumberError("Tahun harus empat angka tanpa pemisah.", "Tulis tahun seperti 2023 (tanpa titik atau koma).")
    whole_only = kind in (Kind.RUPIAH, Kind.COUNT)
    if _DIGITS.fullmatch(t):
        return Decimal(t)
    if re.fullmatch(r"\d[\d .,']*\d", t) and (" " in t or "'" in t):
        raise NumberError(
            "Angka memuat spasi atau apostrof di tengahnya.",
            "Tulis angka tanpa spasi; ribuan dipisah titik, mis. 2.966.054.529.",
        )
    if _THOUSANDS_DOT.fullmatch(t):
        if whole_only:
            return Decimal(t.replace(".", ""))
        if t.count(".") == 1:
            raise _two_dot_readings(t)
        return Decimal(t.replace(".", ""))
    if _THOUSANDS_COMMA.fullmatch(t):
        english = Decimal(t.replace(",", ""))
        if t.count(",") == 1:
            indo = Decimal(t.replace(",", "."))
            raise NumberError(
                f"Angka '{t}' dapat dibaca dua cara: {show(indo)} (koma desimal) atau {show(english)} "
                "(koma sebagai pemisah ribuan gaya Inggris).",
                f"Tulis {show(english)} sebagai {english} atau {show(indo)} sebagai {show(indo)}.",
            )
        raise NumberError(
            f"Angka '{t}' memakai koma sebagai pemisah ribuan (gaya Inggris), terbaca {show(english)}.",
            f"Gunakan titik untuk ribuan ({show(english)}) atau tulis tanpa pemisah ({english}).",
        )
    m = re.fullmatch(r"(\d+|[1-9]\d{0,2}(?:\.\d{3})+),(\d+)", t)
    if m:  # Indonesian: optional thousands dots, comma decimal
        value = Decimal(m.group(1).replace(".", "") + "." + m.group(2))
        return _whole(value, t, kind) if whole_only else value
    m = re.fullmatch(r"(\d+)\.(\d{3})", t)
    if m and m.group(1) != "0":  # '06.000': six thousand or six? (only '0.965' is plainly a decimal)
        raise _two_dot_readings(t)
    m = re.fullmatch(r"(\d+)\.(\d+)", t)
    if m:  # a single dot that cannot be a thousands separator (not three digits after it, or a leading 0)
        value = Decimal(t)
        return _whole(value, t, kind) if whole_only else value
    m = re.fullmatch(r"[1-9]\d{0,2}(?:,\d{3})+\.\d+", t)
    if m:
        english = Decimal(t.replace(",", ""))
        raise NumberError(
            f"Angka '{t}' ditulis gaya Inggris (koma ribuan, titik desimal); terbaca {show(english)}, "
            "tetapi dalam gaya Indonesia titik adalah pemisah ribuan.",
            f"Tulis {show(english)} (titik ribuan, koma desimal) atau {format(english, 'f').replace('.', ',')}.",
        )
    raise NumberError(
        f"Nilai '{t}' bukan {LABEL[kind]}.",
        _EXAMPLE[kind],
    )


def _two_dot_readings(t: str) -> NumberError:
    """'1.000', '06.000': a dot that may separate thousands or mark the decimals."""
    one, other = Decimal(t.replace(".", "")), Decimal(t)
    return NumberError(
        f"Angka '{t}' dapat dibaca dua cara: {show(one)} (titik sebagai pemisah ribuan) "
        f"atau {show(other)} (titik sebagai tanda desimal).",
        f"Tulis {show(one)} tanpa titik ({one}) atau {show(other)} dengan koma desimal.",
    )


_EXAMPLE = {
    Kind.RUPIAH: "Tulis rupiah sebagai angka bulat, mis. 2966054529 atau 2.966.054.529.",
    Kind.COUNT: "Tulis bilangan bulat, mis. 12 atau 54.127.",
    Kind.DECIMAL: "Tulis angka dengan koma desimal, mis. 99,59 (atau 99.59).",
    Kind.PERCENT: "Tulis persentase 0-100 dengan koma desimal, mis. 96,5 atau 96,5%.",
    Kind.YEAR: "Tulis tahun empat angka, mis. 2023.",
}


def _whole(value: Decimal, text: str, kind: Kind) -> Decimal:
    if value == value.to_integral_value():
        return value.quantize(Decimal(1))
    raise NumberError(
        f"'{text}' bukan bilangan bulat; kolom {LABEL[kind]} tidak menerima pecahan.",
        "Isi angka bulat; rupiah tanpa sen, jumlah tanpa desimal.",
    )


def _check_kind(value: Decimal, kind: Kind, shown: str) -> Decimal:
    if not value.is_finite():
        raise NumberError("Nilai bukan angka terhingga.", f"Isi {LABEL[kind]} yang sebenarnya.")
    if kind in (Kind.RUPIAH, Kind.COUNT, Kind.YEAR):
        value = _whole(value, shown, kind)
    if kind is Kind.RUPIAH and abs(value) >= RUPIAH_MAX:
        raise NumberError(
            f"Jumlah {show(value)} rupiah tidak masuk akal (melebihi Rp 10 triliun).",
            "Periksa jumlah digit; anggaran kecamatan biasanya miliaran rupiah.",
        )
    return value
