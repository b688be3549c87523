"""Copy the CSV tables into one .xlsx workbook, one sheet per table (openpyxl)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from lkjip.schema import TABLES


def csv_to_workbook(folder: Path, target: Path) -> Path:
    """Write every ``<table>.csv`` of ``folder`` as a sheet of ``target``; cells stay text."""
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.tmp")
    with pd.ExcelWriter(tmp, engine="openpyxl") as xl:
        for name in TABLES:
            file = folder / f"{name}.csv"
            if file.is_file():
                frame = pd.read_csv(file, dtype=str, keep_default_na=False)
                frame.to_excel(xl, sheet_name=name, index=False)
    tmp.replace(target)
    return target
