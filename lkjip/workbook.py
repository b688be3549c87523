"""Copy the CSV tables into one .xlsx workbook, one sheet per table (openpyxl)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd

from lkjip import publish
from lkjip.errors import DataLoadError, output_error
from lkjip.load import display_path
from lkjip.schema import TABLES
from lkjip.xlsx import make_reproducible, protect_workbook

FIXED_TIME = dt.datetime(2000, 1, 1)


def csv_to_workbook(folder: Path, target: Path) -> Path:
    """Write every ``<table>.csv`` of ``folder`` as a sheet of ``target``; cells stay text."""
    if not folder.is_dir():
        raise DataLoadError(
            f"Folder data '{display_path(folder)}' tidak ditemukan. Perbaikan: arahkan --data ke folder berkas CSV."
        )
    found = [name for name in TABLES if (folder / f"{name}.csv").is_file()]
    if not found:
        raise DataLoadError(
            f"Folder '{display_path(folder)}' tidak memuat satu pun tabel CSV (mis. kecamatan.csv). "
            "Perbaikan: arahkan --data ke folder data yang benar."
        )
    _readable(folder, found)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise output_error(exc, f"buku kerja {target}") from exc

    def write(tmp: Path) -> None:
        with pd.ExcelWriter(tmp, engine="openpyxl") as xl:
            for name in found:
                frame = pd.read_csv(folder / f"{name}.csv", dtype=str, keep_default_na=False)
                frame.to_excel(xl, sheet_name=name, index=False)
            protect_workbook(xl.book)  # a cell such as '=A1' or '-5' stays the text it was in the CSV
            xl.book.properties.creator = "lkjip"
        make_reproducible(tmp, FIXED_TIME)  # same CSV, same bytes

    publish.write_file(target, write, f"buku kerja {target}")
    return target


def _readable(folder: Path, found: list[str]) -> None:
    """Refuse CSV files the loader cannot read as they are (encoding, control characters, layout), all at once."""
    from lkjip.errors import DataValidationError
    from lkjip.load import read_tables

    _, problems = read_tables(folder)
    unreadable = [p for p in problems if p.is_error and p.table in found]
    if unreadable:
        raise DataValidationError(unreadable)
