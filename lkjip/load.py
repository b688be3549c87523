"""Read the input tables from a folder of CSV files or from one .xlsx workbook.

Cells are kept as the analyst wrote them: CSV cells and workbook text cells
as text, workbook numbers as :class:`~lkjip.numeric.Exact` (with their percent
format), empty cells as None, so that validation reads every number strictly
and can quote it back. Each frame carries the spreadsheet row number in
``_baris`` exactly as a spreadsheet shows it, blank lines included.

Problems of the file itself (encoding, delimiter, a missing table, hidden
sheets and rows) are returned beside the tables, never raised: one run reports
everything. Only a source that does not exist at all raises
:class:`~lkjip.errors.DataLoadError`.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from lkjip.errors import DataLoadError
from lkjip.numeric import Cell, Exact, NumberError
from lkjip.problems import ROW_SCOPE, SHARED, WARNING, Problem, in_table
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


def read_tables(data: str | os.PathLike[str]) -> tuple[dict[str, RawTable], list[Problem]]:
    """Read every known table from ``data`` (a folder of CSVs or an .xlsx file).

    A missing or unreadable table is returned as a problem with an empty
    table in its place, so that one run reports everything.
    """
    path = check_source(data)
    if path.is_dir():
        return _read_folder(path)
    return _read_workbook(path)


def check_source(data: str | os.PathLike[str]) -> Path:
    """``data`` as a path if it is a folder or an .xlsx file; else :class:`DataLoadError` with the fix."""
    path = Path(data)
    if not path.exists():
        raise DataLoadError(
            f"Sumber data '{display_path(path)}' tidak ditemukan. Perbaikan: periksa opsi --data "
            "atau parameter data_dir; isinya folder berkas CSV atau satu berkas .xlsx."
        )
    if not path.is_dir() and path.suffix.lower() != ".xlsx":
        raise DataLoadError(
            f"Sumber data '{display_path(path)}' bukan folder maupun berkas .xlsx. "
            "Perbaikan: arahkan ke folder data/ atau ke buku kerja .xlsx."
        )
    return path


# ---------------------------------------------------------------- CSV


def _read_folder(folder: Path) -> tuple[dict[str, RawTable], list[Problem]]:
    tables: dict[str, RawTable] = {}
    problems: list[Problem] = []
    for name, spec in TABLES.items():
        file = folder / f"{name}.csv"
        location = display_path(file)
        if not file.is_file():
            if spec.required:
                problems += in_table([_missing(location, name)], name)
            tables[name] = _empty(name, location)
            continue
        rows, found = _csv_rows(file.read_bytes(), location)
        tables[name] = RawTable(name, _frame(name, rows, location, found), location)
        problems += in_table(found, name)
    return tables, problems


def _csv_rows(raw: bytes, location: str) -> tuple[list[tuple[int, list[Cell]]], list[Problem]]:
    """(spreadsheet row number, cells) of every record, or a file-level problem."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return [], [_file_error(location, "Berkas tersimpan sebagai UTF-16 (Unicode Text).", _RESAVE)]
    # undecodable bytes are kept as surrogates so that each is named at its row (see _frame)
    text = raw.decode("utf-8-sig", errors="surrogateescape")
    records: list[list[str]] = []
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        for record in reader:
            records.append(record)
    except csv.Error:
        return [], [
            Problem(
                location,
                len(records) + 1,
                None,
                None,
                'Tanda kutip (") dibuka tetapi tidak ditutup; sisa berkas terbaca sebagai satu sel.',
                "Tutup tanda kutip pada baris ini, atau hapus tanda kutip yang tidak perlu, lalu simpan ulang.",
                scope=SHARED,
            )
        ]
    header_at = next((i for i, r in enumerate(records) if any(c.strip() for c in r)), None)
    if header_at is None:
        return [], []
    header = records[header_at]
    if len(header) == 1:
        for sep, label in ((";", "titik koma (;)"), ("\t", "tab")):
            if sep in header[0]:
                return [], [
                    _file_error(
                        location,
                        f"Pemisah kolom berkas ini {label}, bukan koma; semua kolom terbaca sebagai satu.",
                        "Simpan ulang dari Excel sebagai 'CSV UTF-8 (Comma delimited) (*.csv)', "
                        "atau gunakan buku kerja .xlsx (opsi --data).",
                        value=header[0][:80],
                    )
                ]
    out: list[tuple[int, list[Cell]]] = [(header_at + 1, [c for c in header])]
    for i, record in enumerate(records[header_at + 1 :], start=header_at + 2):
        if not record:  # a blank line: a row a spreadsheet shows empty; nothing to read
            continue
        out.append((i, [_text(c) for c in record]))
    return out, []


_RESAVE = "Simpan ulang dari Excel sebagai 'CSV UTF-8 (Comma delimited) (*.csv)'."


def _not_utf8(cells: list[Cell]) -> str | None:
    """The first cell holding bytes that were not UTF-8, shown with those bytes as hex."""
    for c in cells:
        if isinstance(c, str) and any("\udc80" <= ch <= "\udcff" for ch in c):
            return "".join(f"<0x{ord(ch) - 0xDC00:02x}>" if "\udc80" <= ch <= "\udcff" else ch for ch in c)
    return None


def _encoding_message(value: str) -> str:
    raw = bytes(int(h, 16) for h in re.findall(r"<0x([0-9a-f]{2})>", value))
    try:
        chars = raw.decode("cp1252")
        return (
            f"Sel memuat karakter yang bukan UTF-8; berkas tampaknya tersimpan dengan pengodean Windows-1252 "
            f"(ANSI), di mana byte itu berarti '{chars}'."
        )
    except UnicodeDecodeError:
        return "Sel memuat karakter yang bukan UTF-8."


def _text(value: str) -> str | None:
    text = value.strip()
    return text or None


# ---------------------------------------------------------------- workbook


def _read_workbook(file: Path) -> tuple[dict[str, RawTable], list[Problem]]:
    import warnings

    import openpyxl

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns in English about extensions it drops
            book = openpyxl.load_workbook(file, data_only=True)
            formulas = openpyxl.load_workbook(file, data_only=False)
    except Exception as exc:  # openpyxl raises many kinds for a broken file
        raise DataLoadError(
            f"Buku kerja '{display_path(file)}' tidak dapat dibaca ({type(exc).__name__}). "
            "Perbaikan: buka di Excel dan simpan ulang sebagai Excel Workbook (.xlsx)."
        ) from exc
    tables: dict[str, RawTable] = {}
    problems: list[Problem] = []
    for name, spec in TABLES.items():
        location = f"{display_path(file)}, lembar '{name}'"
        if name not in book.sheetnames:
            if spec.required:
                problems += in_table([_missing(location, name)], name)
            tables[name] = _empty(name, location)
            continue
        sheet = book[name]
        rows = _sheet_rows(sheet)
        found: list[Problem] = []
        frame = _frame(name, rows, location, found)
        found += _hidden(sheet, frame, location)
        found += _uncalculated(sheet, formulas[name], frame, location)
        tables[name] = RawTable(name, frame, location)
        problems += in_table(found, name)
    return tables, problems


def _sheet_rows(sheet: Any) -> list[tuple[int, list[Cell]]]:
    """Rows as a spreadsheet shows them: a merged range shows its top-left value in every cell it spans."""
    merged: dict[tuple[int, int], Any] = {}
    for rng in sheet.merged_cells.ranges:
        anchor = sheet.cell(rng.min_row, rng.min_col)
        for r in range(rng.min_row, rng.max_row + 1):
            for c in range(rng.min_col, rng.max_col + 1):
                merged[(r, c)] = anchor
    out: list[tuple[int, list[Cell]]] = []
    for row in sheet.iter_rows():
        cells = [_cell(merged.get((c.row, c.column), c)) for c in row]
        if any(c is not None for c in cells):
            out.append((row[0].row, cells))
    return out


def _cell(cell: Any) -> Cell:
    value = cell.value
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        fmt = cell.number_format or ""
        real = "%" in re.sub(r'"[^"]*"|\\.', "", fmt)  # a quoted or escaped % is a literal sign, not a scale
        try:
            return Exact.from_cell(value, percent="%" in fmt, scaled=real)
        except NumberError:
            return str(value)
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return _text(str(value))


def _hidden(sheet: Any, frame: pd.DataFrame, location: str) -> list[Problem]:
    """Values the analyst cannot see are still read: say so, per sheet, row and column."""
    out: list[Problem] = []
    if frame.empty:
        return out
    if sheet.sheet_state != "visible":
        out.append(
            Problem(
                location,
                None,
                None,
                None,
                "Lembar ini tersembunyi, tetapi isinya tetap dibaca dan dipakai dalam laporan.",
                "Tampilkan lembar (Unhide) dan periksa isinya, atau hapus bila tidak dipakai.",
                level=WARNING,
                scope=SHARED,
            )
        )
    hidden_rows = {i for i, d in sheet.row_dimensions.items() if d.hidden}
    for _, row in frame[frame[ROW].isin(hidden_rows)].iterrows():
        out.append(
            Problem(
                location,
                int(row[ROW]),
                None,
                None,
                "Baris ini tersembunyi, tetapi isinya tetap dibaca dan dipakai dalam laporan.",
                "Tampilkan baris (Unhide) dan periksa isinya, atau hapus barisnya.",
                level=WARNING,
                kecamatan=_slug(row),
            )
        )
    from openpyxl.utils import column_index_from_string

    header_cols = [c for c in frame.columns if c != ROW]
    for letter, d in sheet.column_dimensions.items():
        if not d.hidden:
            continue
        first = column_index_from_string(letter)
        for index in range(min(d.min or first, first), max(d.max or first, first) + 1):
            if index <= len(header_cols) and frame[header_cols[index - 1]].notna().any():
                out.append(
                    Problem(
                        location,
                        None,
                        header_cols[index - 1],
                        None,
                        "Kolom ini tersembunyi, tetapi isinya tetap dibaca dan dipakai dalam laporan.",
                        "Tampilkan kolom (Unhide) dan periksa isinya.",
                        level=WARNING,
                        scope=SHARED,
                    )
                )
    return out


def _uncalculated(values: Any, formulas: Any, frame: pd.DataFrame, location: str) -> list[Problem]:
    """A formula the file holds no calculated value for (saved by a program, never opened in Excel)."""
    out: list[Problem] = []
    header = [c for c in frame.columns if c != ROW]
    rows = frame.set_index(ROW)
    for row in formulas.iter_rows():
        for cell in row:
            if not (isinstance(cell.value, str) and cell.value.startswith("=")):
                continue
            if values.cell(cell.row, cell.column).value is not None or cell.row not in rows.index:
                continue
            column = header[cell.column - 1] if cell.column <= len(header) else None
            slug = rows.loc[cell.row].get("kecamatan") if "kecamatan" in rows.columns else None
            out.append(
                Problem(
                    location,
                    cell.row,
                    column,
                    cell.value[:60],
                    "Sel berisi rumus tanpa nilai hasil hitungan tersimpan; nilainya tidak dapat dibaca.",
                    "Buka buku kerja di Excel atau LibreOffice agar rumus dihitung, lalu simpan ulang; "
                    "atau ganti rumus dengan nilainya.",
                    kecamatan=slug if isinstance(slug, str) else None,
                    scope=None if isinstance(slug, str) else SHARED,
                )
            )
    return out


def _slug(row: pd.Series) -> str | None:
    value = row.get("kecamatan")
    return value if isinstance(value, str) else None


# ---------------------------------------------------------------- both


def _frame(name: str, rows: list[tuple[int, list[Cell]]], location: str, problems: list[Problem]) -> pd.DataFrame:
    """A frame of the records under the header; rows with extra cells become problems."""
    if not rows:
        return _empty(name, location).frame
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
        bad = _not_utf8([c])
        if bad is not None:
            return (
                header[i],
                bad[:80],
                _encoding_message(bad),
                _RESAVE + " Jangan memakai 'CSV (Comma delimited)' biasa; lalu periksa karakter ini.",
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


def _file_error(location: str, message: str, fix: str, value: str | None = None) -> Problem:
    return Problem(location, None, None, value, message, fix, scope=SHARED)


def _missing(location: str, name: str) -> Problem:
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


def _empty(name: str, location: str) -> RawTable:
    columns = [*TABLES[name].model.model_fields, ROW]
    return RawTable(name, pd.DataFrame(columns=columns), location)
