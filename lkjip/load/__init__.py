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

import os
from pathlib import Path

from lkjip.errors import DataLoadError
from lkjip.load.base import CONTROL, MAX_CELL_CHARS, ROW, RawTable, display_path
from lkjip.load.csv_folder import read_folder
from lkjip.load.workbook import read_workbook
from lkjip.problems import Problem

__all__ = ["CONTROL", "MAX_CELL_CHARS", "ROW", "RawTable", "check_source", "display_path", "read_tables"]


def read_tables(data: str | os.PathLike[str]) -> tuple[dict[str, RawTable], list[Problem]]:
    """Read every known table from ``data`` (a folder of CSVs or an .xlsx file).

    A missing or unreadable table is returned as a problem with an empty
    table in its place, so that one run reports everything.
    """
    path = check_source(data)
    if path.is_dir():
        return read_folder(path)
    return read_workbook(path)


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
