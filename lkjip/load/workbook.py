"""Reading an .xlsx workbook: one sheet per table, cells as shown, hidden and uncalculated cells named."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import pandas as pd

from lkjip.canonical import merged_anchors
from lkjip.errors import DataLoadError
from lkjip.load.base import ROW, RawTable, build_frame, cell_text, display_path, empty, missing
from lkjip.numeric import Cell, Exact, NumberError
from lkjip.problems import SHARED, WARNING, Problem, in_table
from lkjip.schema import TABLES


def read_workbook(file: Path) -> tuple[dict[str, RawTable], list[Problem]]:
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
                problems += in_table([missing(location, name)], name)
            tables[name] = empty(name, location)
            continue
        sheet = book[name]
        rows = _sheet_rows(sheet)
        found: list[Problem] = []
        frame = build_frame(name, rows, location, found)
        found += _hidden(sheet, frame, location)
        found += _uncalculated(sheet, formulas[name], frame, location)
        tables[name] = RawTable(name, frame, location)
        problems += in_table(found, name)
    return tables, problems


def _sheet_rows(sheet: Any) -> list[tuple[int, list[Cell]]]:
    """Rows as a spreadsheet shows them: a merged range shows its top-left value in every cell it spans."""
    merged = merged_anchors(sheet)
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
    return cell_text(str(value))


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
