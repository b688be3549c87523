"""The canonical CSV of one kecamatan's rows of a table: the bytes its input hash is taken of.

An auditor reproduces an input hash with ``sha256sum`` over these bytes
(README, "Reproducing an input hash"). The form, for table ``t`` and kecamatan
``k``:

- UTF-8 without BOM, ``\\n`` after every row (the last included), comma as
  separator, quoting as Python's ``csv`` writer does with ``QUOTE_MINIMAL``:
  a cell is put in double quotes only when it holds a comma, a double quote
  (doubled inside) or a line break.
- First the header: the table's columns in the order of its schema
  (:data:`lkjip.schema.TABLES`), whatever their order in the file. Columns the
  schema does not know are left out (the loader ignores them); a schema column
  the file lacks is written with empty cells.
- Then the rows of ``k`` (its ``kecamatan`` column, ``slug`` for the registry
  ``kecamatan``), in file order; every row for the shared tables
  (:data:`SHARED_TABLES`) and for a file without that column. Blank lines and
  rows whose cells are all empty are left out.
- Cells as the loader reads them: the text as written, with leading and
  trailing whitespace removed (the loader strips every cell). From an .xlsx
  workbook, a text cell is its text (so a workbook made by ``lkjip workbook``
  gives the same bytes as its CSV folder); a number cell is the number the
  loader reads (:class:`lkjip.numeric.Exact`) in its shortest decimal form
  with a point and without exponent or thousands separator (``86``,
  ``6648.1``; a float Excel stored as 86.0 is ``86``), followed by ``%`` when
  a percent format shows it (a cell 0.965 shown as 96,5% is ``96.5%``); a
  date ``YYYY-MM-DD``; a boolean ``true``/``false``. A number typed in a
  workbook therefore matches the CSV only when the CSV spells it that way.

When the CSV file itself is already in this form (the bundled data is, apart
from superfluous quotes in ``inovasi.csv``) and ``kecamatan`` is its first
column, the canonical CSV is ``(head -1 t.csv; grep '^k,' t.csv)``.

Kept free of pandas: the batch hashes every kecamatan's rows before deciding
that nothing needs building.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from pathlib import Path
from typing import Any

from lkjip.hashing import sha256_bytes
from lkjip.numeric import Exact, NumberError
from lkjip.schema import TABLES

SHARED_TABLES = ("kabupaten", "regulasi", "tugas_fungsi", "skala_predikat")
"""Tables whose every row counts for every kecamatan's report; the organisation counts per kecamatan."""

Records = list[list[str]]
"""A table as read: the header first, then the records, every cell text."""

UNREADABLE = b"(buku kerja tidak terbaca) "
"""What an unreadable workbook's tables are hashed as, followed by the sha256 of the file."""

_BOOKS: dict[tuple[str, str], dict[str, Records] | None] = {}
"""Workbooks already read, by (path, sha256 of the file): a batch hashes one workbook for every kecamatan."""


def table_bytes(source: Path, name: str, slug: str) -> bytes | None:
    """The canonical CSV of ``slug``'s rows of table ``name`` read from ``source``; None when the table is absent.

    ``source`` is a folder of CSV files or an .xlsx workbook.
    """
    if not source.is_dir():
        book = _workbook(source)
        if book is None:  # unreadable: validation says why; the hash is then of the file's bytes
            return UNREADABLE + sha256_bytes(source.read_bytes()).encode()
        records = book.get(name)
    else:
        records = _csv(source / f"{name}.csv")
    if records is None:
        return None
    return to_csv(select(records, name, slug))


def write_csv(source: Path, name: str, slug: str, target: Path) -> Path | None:
    """Write the canonical CSV of ``slug``'s rows of ``name`` to ``target`` (for the auditor); None if absent."""
    data = table_bytes(source, name, slug)
    if data is None:
        return None
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)
    return target


def select(records: Records, name: str, slug: str) -> Records:
    """Header in schema order and the rows of ``slug`` (all rows of a shared table), cells stripped."""
    columns = list(TABLES[name].model.model_fields)
    rows = [[c.strip() for c in r] for r in records if any(c.strip() for c in r)]
    if not rows:
        return [columns]
    header, body = rows[0], rows[1:]
    at = {h: header.index(h) for h in header}
    key = "slug" if name == "kecamatan" else "kecamatan"
    if name not in SHARED_TABLES and key in at:
        body = [r for r in body if _get(r, at[key]) == slug]
    return [columns, *([_get(r, at[c]) if c in at else "" for c in columns] for r in body)]


def to_csv(rows: Records) -> bytes:
    buffer = io.StringIO(newline="")
    csv.writer(buffer, lineterminator="\n", quoting=csv.QUOTE_MINIMAL).writerows(rows)
    return buffer.getvalue().encode("utf-8", errors="surrogateescape")


def _get(row: list[str], index: int) -> str:
    return row[index] if index < len(row) else ""


def _csv(file: Path) -> Records | None:
    if not file.is_file():
        return None
    # bytes that are not UTF-8 are kept as they are (validation names them); a BOM is dropped
    text = file.read_bytes().decode("utf-8-sig", errors="surrogateescape")
    return list(csv.reader(io.StringIO(text, newline="")))


def _workbook(file: Path) -> dict[str, Records] | None:
    digest = sha256_bytes(file.read_bytes())
    key = (str(file.resolve()), digest)
    if key not in _BOOKS:
        _BOOKS.clear()  # one workbook at a time is enough for a batch
        _BOOKS[key] = _read_workbook(file)
    return _BOOKS[key]


def _read_workbook(file: Path) -> dict[str, Records] | None:
    """Every sheet named like a table, as text cells (see the module's description); merged cells as shown."""
    import warnings

    import openpyxl

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            book = openpyxl.load_workbook(file, data_only=True)
    except Exception:  # openpyxl raises many kinds for a broken file
        return None
    out: dict[str, Records] = {}
    for name in TABLES:
        if name not in book.sheetnames:
            continue
        sheet = book[name]
        merged = merged_anchors(sheet)
        out[name] = [[cell_text(merged.get((c.row, c.column), c)) for c in row] for row in sheet.iter_rows()]
    return out


def merged_anchors(sheet: Any) -> dict[tuple[int, int], Any]:
    """(row, column) -> the top-left cell of its merged range: what a spreadsheet shows in every cell it spans."""
    merged: dict[tuple[int, int], Any] = {}
    for rng in sheet.merged_cells.ranges:
        anchor = sheet.cell(rng.min_row, rng.min_col)
        for r in range(rng.min_row, rng.max_row + 1):
            for c in range(rng.min_col, rng.max_col + 1):
                merged[(r, c)] = anchor
    return merged


def cell_text(cell: Any) -> str:
    """A workbook cell as the canonical CSV writes it (before stripping)."""
    value = cell.value
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        fmt = cell.number_format or ""
        real = "%" in re.sub(r'"[^"]*"|\\.', "", fmt)  # as lkjip.load.workbook: a quoted or escaped % is literal
        try:
            number = Exact.from_cell(value, percent="%" in fmt, scaled=real)
        except NumberError:
            return str(value)
        text = format(number.value, "f")
        return f"{text}%" if number.percent else text
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def main(argv: list[str]) -> int:
    """``python -m lkjip.canonical <data> <table> <slug>``: the canonical CSV on standard output."""
    import sys

    if len(argv) != 3 or argv[1] not in TABLES:
        print("Pemakaian: python -m lkjip.canonical <folder data atau .xlsx> <tabel> <slug>", file=sys.stderr)
        return 2
    if not Path(argv[0]).exists():
        print(f"Sumber data '{argv[0]}' tidak ditemukan.", file=sys.stderr)
        return 1
    data = table_bytes(Path(argv[0]), argv[1], argv[2])
    if data is None:
        print(f"Tabel '{argv[1]}' tidak ada di '{argv[0]}'.", file=sys.stderr)
        return 1
    sys.stdout.buffer.write(data)
    return 0


if __name__ == "__main__":
    import sys

    raise SystemExit(main(sys.argv[1:]))
