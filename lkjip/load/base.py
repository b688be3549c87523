"""What every reader of the input shares: the row-number column, limits, RawTable and frame building."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from lkjip.numeric import Cell
from lkjip.problems import ROW_SCOPE, SHARED, Problem
from lkjip.schema import TABLES

ROW = "_baris"
MAX_CELL_CHARS = 5_000
"""A cell longer than this is refused: the longest text in the reference (an innovation's description) is
about 1.000 characters; long prose belongs in a narrative file. It also bounds what a cell costs to print."""

CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")
"""Invisible control characters (tab and line breaks excepted): never meant, and refused by .xlsx writers."""


@dataclass(frozen=True)
class RawTable:
    """A table as read, before validation: cells as written plus where it came from."""

    name: str
    frame: pd.DataFrame
    location: str


def display_path(path: Path) -> str:
    """A path as the analyst knows it: relative to the current folder if inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def build_frame(name: str, rows: list[tuple[int, list[Cell]]], location: str, problems: list[Problem]) -> pd.DataFrame:
    """A frame of the records under the header; rows with extra cells become problems."""
    if not rows:
        return empty(name, location).frame
    _, header_cells = rows[0]
    header = [str(c).strip() if c is not None else "" for c in header_cells]
    while header and not header[-1]:
        header.pop()
    width = len(header)
    records: list[list[Cell]] = []
    numbers: list[int] = []
    for number, cells in rows[1:]:
        found = _row_problem(header, cells)
        if found is not None:
            slug = _slug_of(header, cells)
            problems.append(Problem(location, number, *found, kecamatan=slug, scope=None if slug else ROW_SCOPE))
            continue
        records.append((cells + [None] * width)[:width])
        numbers.append(number)
    columns = [h if h else f"(kolom {i + 1} tanpa judul)" for i, h in enumerate(header)]
    for i, h in enumerate(columns):
        if h in columns[:i]:
            problems.append(
                Problem(
                    location,
                    rows[0][0],
                    h,
                    None,
                    f"Judul kolom ganda: kolom ke-{i + 1} berjudul sama dengan kolom ke-{columns.index(h) + 1}; "
                    "tidak jelas nilai mana yang dipakai.",
                    "Hapus salah satu kolom atau perbaiki judulnya.",
                    scope=SHARED,
                )
            )
            columns[i] = f"{h} (ganda, kolom {i + 1})"
    frame = pd.DataFrame(records, columns=columns, dtype=object)
    frame[ROW] = numbers
    return frame


def _row_problem(header: list[str], cells: list[Cell]) -> tuple[str | None, str, str, str] | None:
    """(column, value, message, fix) of a row that cannot be read at all: extra cells, bytes not UTF-8, a huge cell."""
    width = len(header)
    extra = [c for c in cells[width:] if c is not None]
    if extra:
        return (
            None,
            str(extra[0]),
            f"Baris ini memuat {width + len(extra)} sel berisi, lebih banyak dari {width} kolom judul; "
            "kemungkinan ada koma di dalam teks yang tidak diberi tanda kutip.",
            'Apit teks yang memuat koma dengan tanda kutip ("..."), atau simpan ulang dari Excel.',
        )
    for i, c in enumerate(cells):
        bad = not_utf8([c])
        if bad is not None:
            return (
                header[i],
                bad[:80],
                encoding_message(bad),
                RESAVE + " Jangan memakai 'CSV (Comma delimited)' biasa; lalu periksa karakter ini.",
            )
        control = CONTROL.search(c) if isinstance(c, str) else None
        if isinstance(c, str) and control is not None:
            return (
                header[i],
                CONTROL.sub(lambda m: f"<U+{ord(m.group()):04X}>", c)[:80],
                f"Sel memuat karakter kendali yang tidak terlihat (U+{ord(control.group()):04X}).",
                "Hapus karakter itu (biasanya terbawa saat menyalin dari aplikasi lain): ketik ulang teks sel ini.",
            )
        if isinstance(c, str) and len(c) > MAX_CELL_CHARS:
            return (
                header[i],
                c[:40] + "...",
                f"Sel terlalu panjang ({len(c)} karakter; paling banyak {MAX_CELL_CHARS}).",
                "Pendekkan teksnya; narasi panjang ditulis di berkas narasi, bukan di tabel.",
            )
    return None


def _slug_of(header: list[str], cells: list[Cell]) -> str | None:
    if "kecamatan" in header:
        i = header.index("kecamatan")
        value = cells[i] if i < len(cells) else None
        return value if isinstance(value, str) else None
    return None


def file_error(location: str, message: str, fix: str, value: str | None = None) -> Problem:
    return Problem(location, None, None, value, message, fix, scope=SHARED)


def missing(location: str, name: str) -> Problem:
    columns = ", ".join(TABLES[name].model.model_fields)
    return Problem(
        location=location,
        row=None,
        column=None,
        value=None,
        message="Tabel wajib tidak ditemukan.",
        fix=f"Buat tabel '{name}' dengan kolom: {columns} (lihat data/README.md).",
        scope=SHARED,
    )


def empty(name: str, location: str) -> RawTable:
    columns = [*TABLES[name].model.model_fields, ROW]
    return RawTable(name, pd.DataFrame(columns=columns), location)


RESAVE = "Simpan ulang dari Excel sebagai 'CSV UTF-8 (Comma delimited) (*.csv)'."


def not_utf8(cells: list[Cell]) -> str | None:
    """The first cell holding bytes that were not UTF-8, shown with those bytes as hex."""
    for c in cells:
        if isinstance(c, str) and any("\udc80" <= ch <= "\udcff" for ch in c):
            return "".join(f"<0x{ord(ch) - 0xDC00:02x}>" if "\udc80" <= ch <= "\udcff" else ch for ch in c)
    return None


def encoding_message(value: str) -> str:
    raw = bytes(int(h, 16) for h in re.findall(r"<0x([0-9a-f]{2})>", value))
    try:
        chars = raw.decode("cp1252")
        return (
            f"Sel memuat karakter yang bukan UTF-8; berkas tampaknya tersimpan dengan pengodean Windows-1252 "
            f"(ANSI), di mana byte itu berarti '{chars}'."
        )
    except UnicodeDecodeError:
        return "Sel memuat karakter yang bukan UTF-8."


def cell_text(value: str) -> str | None:
    text = value.strip()
    return text or None
