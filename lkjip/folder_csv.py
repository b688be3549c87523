"""A small CSV of a kecamatan's own folder (``lampiran.csv``, ``koreksi.csv``): read, bounded, header checked.

The file is opened only when it is a regular file (never through a link),
read up to its size limit, decoded as UTF-8 (a BOM is dropped) and parsed;
rows that are blank are skipped and rows with more cells than the header are
problems (an unquoted comma). What remains is each row's number and its
cells by column, for the file's own checks.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from pathlib import Path

from lkjip import regular
from lkjip.load import display_path
from lkjip.problems import Problem

Cells = dict[str, str]
MakeProblem = Callable[[int | None, str | None, str | None, str, str], Problem]


def reporter(path: Path, slug: str | None) -> MakeProblem:
    """Problems of ``path`` (file, row, column, value, message, fix), for the kecamatan ``slug``."""
    where = display_path(path)

    def problem(row: int | None, column: str | None, value: str | None, message: str, fix: str) -> Problem:
        return Problem(where, row, column, value, message, fix, kecamatan=slug)

    return problem


def read(
    path: Path, columns: tuple[str, ...], max_bytes: int, size_fix: str, problem: MakeProblem
) -> tuple[list[tuple[int, Cells]], list[Problem]]:
    """``(row number, cells by column)`` of every row to check, and the problems of the file as a whole."""
    try:
        with regular.open_regular(path) as fh:
            raw = fh.read(max_bytes + 1)
    except regular.NotRegular as exc:
        return [], [problem(None, None, None, exc.message, regular.FIX)]
    if len(raw) > max_bytes:
        return [], [problem(None, None, None, f"Berkas {path.name} lebih besar dari {max_bytes // 1000} KB.", size_fix)]
    try:
        content = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return [], [problem(None, None, None, "Berkas bukan teks UTF-8.", "Simpan ulang sebagai CSV UTF-8.")]
    records = list(csv.reader(io.StringIO(content)))
    header = [c.strip() for c in records[0]] if records else []
    missing = [c for c in columns if c not in header]
    if missing:
        return [], [
            problem(
                1,
                None,
                ", ".join(header),
                f"Kolom {', '.join(missing)} tidak ada di {path.name}.",
                f"Baris pertama harus memuat kolom: {', '.join(columns)}.",
            )
        ]
    index = {c: header.index(c) for c in columns}
    rows: list[tuple[int, Cells]] = []
    problems: list[Problem] = []
    for row_no, record in enumerate(records[1:], start=2):
        if not any(c.strip() for c in record):
            continue
        if len(record) > len(header):
            problems.append(
                problem(
                    row_no,
                    None,
                    None,
                    f"Baris ini memuat {len(record)} sel, lebih banyak dari {len(header)} kolom.",
                    'Apit teks yang memuat koma dengan tanda kutip, mis. "99,59%".',
                )
            )
            continue
        rows.append((row_no, {c: (record[i].strip() if i < len(record) else "") for c, i in index.items()}))
    return rows, problems
