"""Read the input tables from a folder of CSV files or from one .xlsx workbook.

Every cell is read as text (empty cells as missing) so that validation sees
exactly what the analyst typed and can quote it back. Each frame carries the
spreadsheet row number in ``_baris`` (header = row 1).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from lkjip.errors import DataLoadError
from lkjip.problems import Problem
from lkjip.schema import TABLES

ROW = "_baris"


@dataclass(frozen=True)
class RawTable:
    """A table as read, before validation: text cells plus where it came from."""

    name: str
    frame: pd.DataFrame
    location: str


def display_path(path: Path) -> str:
    """A path as the analyst knows it: relative to the current folder if inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def _as_text(frame: pd.DataFrame) -> pd.DataFrame:
    """Cells as stripped text, empty cells as None, plus the row number column."""
    out = frame.astype(object).map(_cell_text)
    out.columns = [str(c).strip() for c in out.columns]
    out[ROW] = range(2, len(out) + 2)
    return out


def _cell_text(value: object) -> str | None:
    if value is None or (isinstance(value, float) and pd.isna(value)) or value is pd.NaT:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if hasattr(value, "date") and hasattr(value, "hour"):  # datetime from Excel
        value = value.date()  # type: ignore[union-attr]
    text = str(value).strip()
    return text or None


def read_tables(data: str | os.PathLike[str]) -> tuple[dict[str, RawTable], list[Problem]]:
    """Read every known table from ``data`` (a folder of CSVs or an .xlsx file).

    A missing required table is returned as a problem, not raised, so that one
    run reports everything; an unreadable source raises :class:`DataLoadError`.
    """
    path = Path(data)
    if not path.exists():
        raise DataLoadError(
            f"Sumber data '{display_path(path)}' tidak ditemukan. Perbaikan: periksa opsi --data "
            "atau parameter data_dir; isinya folder berkas CSV atau satu berkas .xlsx."
        )
    if path.is_dir():
        return _read_folder(path)
    if path.suffix.lower() == ".xlsx":
        return _read_workbook(path)
    raise DataLoadError(
        f"Sumber data '{display_path(path)}' bukan folder maupun berkas .xlsx. "
        "Perbaikan: arahkan ke folder data/ atau ke buku kerja .xlsx."
    )


def _read_folder(folder: Path) -> tuple[dict[str, RawTable], list[Problem]]:
    tables: dict[str, RawTable] = {}
    problems: list[Problem] = []
    for name, spec in TABLES.items():
        file = folder / f"{name}.csv"
        location = display_path(file)
        if not file.is_file():
            if spec.required:
                problems.append(_missing(location, name))
            tables[name] = _empty(name, location)
            continue
        try:
            frame = pd.read_csv(file, dtype=str, keep_default_na=False, encoding="utf-8-sig")
        except (UnicodeDecodeError, pd.errors.ParserError) as exc:
            raise DataLoadError(
                f"Berkas '{location}' tidak dapat dibaca sebagai CSV UTF-8 ({exc}). "
                "Perbaikan: simpan ulang sebagai 'CSV UTF-8 (Comma delimited)'."
            ) from exc
        tables[name] = RawTable(name, _as_text(frame), location)
    return tables, problems


def _read_workbook(file: Path) -> tuple[dict[str, RawTable], list[Problem]]:
    try:
        sheets = pd.read_excel(file, sheet_name=None, dtype=object, engine="openpyxl")
    except Exception as exc:  # openpyxl raises many kinds for a broken file
        raise DataLoadError(
            f"Buku kerja '{display_path(file)}' tidak dapat dibaca ({exc}). "
            "Perbaikan: simpan ulang sebagai Excel Workbook (.xlsx)."
        ) from exc
    tables: dict[str, RawTable] = {}
    problems: list[Problem] = []
    for name, spec in TABLES.items():
        location = f"{display_path(file)}, lembar '{name}'"
        if name not in sheets:
            if spec.required:
                problems.append(_missing(location, name))
            tables[name] = _empty(name, location)
            continue
        tables[name] = RawTable(name, _as_text(sheets[name]), location)
    return tables, problems


def _missing(location: str, name: str) -> Problem:
    columns = ", ".join(TABLES[name].model.model_fields)
    return Problem(
        location=location,
        row=None,
        column=None,
        value=None,
        message="Tabel wajib tidak ditemukan.",
        fix=f"Buat tabel '{name}' dengan kolom: {columns} (lihat data/README.md).",
    )


def _empty(name: str, location: str) -> RawTable:
    columns = [*TABLES[name].model.model_fields, ROW]
    return RawTable(name, pd.DataFrame(columns=columns), location)
