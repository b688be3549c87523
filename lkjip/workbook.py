"""Copy the CSV tables into one .xlsx workbook, one sheet per table (openpyxl)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd

from lkjip.errors import DataLoadError
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
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.tmp")
    try:
        with pd.ExcelWriter(tmp, engine="openpyxl") as xl:
            for name in found:
                frame = pd.read_csv(folder / f"{name}.csv", dtype=str, keep_default_na=False)
                frame.to_excel(xl, sheet_name=name, index=False)
            protect_workbook(xl.book)  # a cell such as '=A1' or '-5' stays the text it was in the CSV
            xl.book.properties.creator = "lkjip"
        make_reproducible(tmp, FIXED_TIME)  # same CSV, same bytes
        tmp.replace(target)
    finally:
        tmp.unlink(missing_ok=True)
    return target
