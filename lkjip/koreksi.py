"""Where the data corrects its source document: ``koreksi.csv``, shown in the notebook, never in the PDF.

A kecamatan's data is transcribed from its own earlier document (for
Ajibarang 2023, the reference LKjIP); where the data departs from what that
document prints (a figure recomputed, a row that did not add up), the report
prints the corrected figure and the executed notebook says so beside the
section: a hidden cell ``lap.koreksi("<bagian>")`` after ``lap.bagian("<bagian>")``
shows the rows of ``data/kecamatan/<slug>/<tahun>/koreksi.csv`` for that section::

    bagian,tempat,tertulis,dipakai,alasan
    bab3.b,"Tabel 3.7, target/realisasi",86 / 86,100 / 100,tersalin dari baris IKM

``bagian`` must be one of :data:`BAGIAN` (the sections the master notebook
follows with such a cell); every column is required. A malformed row is an
error: a note that would not be shown must not pass silently.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

from lkjip import regular
from lkjip.load import display_path
from lkjip.problems import Problem

FILE = "koreksi.csv"
COLUMNS = ("bagian", "tempat", "tertulis", "dipakai", "alasan")
BAGIAN = ("ikhtisar", "bab1.b", "bab1.e", "bab2.a", "bab2.c", "bab2.d", "bab3.a", "bab3.b", "bab3.c", "bab3.d")
"""The sections followed in the master notebook by a hidden ``lap.koreksi(...)`` cell (tests/test_notebook.py)."""
MAX_BYTES = 200_000


@dataclass(frozen=True)
class Koreksi:
    """One correction: where in the source document, what it prints, what the data uses, and why."""

    bagian: str
    tempat: str
    tertulis: str
    dipakai: str
    alasan: str


def read(folder: Path | None, slug: str | None = None) -> tuple[list[Koreksi], list[Problem]]:
    """The corrections of a kecamatan-year folder (none without ``koreksi.csv``) and the problems of the file."""
    if folder is None or regular.linked_folders(folder):
        return [], []
    path = folder / FILE
    if not path.exists() and not path.is_symlink():
        return [], []
    where = display_path(path)

    def problem(row: int | None, column: str | None, value: str | None, message: str, fix: str) -> Problem:
        return Problem(where, row, column, value, message, fix, kecamatan=slug)

    try:
        with regular.open_regular(path) as fh:
            raw = fh.read(MAX_BYTES + 1)
        content = raw.decode("utf-8-sig")
    except regular.NotRegular as exc:
        return [], [problem(None, None, None, exc.message, regular.FIX)]
    except UnicodeDecodeError:
        return [], [problem(None, None, None, "Berkas bukan teks UTF-8.", "Simpan ulang sebagai CSV UTF-8.")]
    if len(raw) > MAX_BYTES:
        return [], [problem(None, None, None, f"Berkas {FILE} lebih besar dari 200 KB.", "Ringkas catatannya.")]
    records = list(csv.reader(io.StringIO(content)))
    header = [c.strip() for c in records[0]] if records else []
    missing = [c for c in COLUMNS if c not in header]
    if missing:
        return [], [
            problem(
                1,
                None,
                ", ".join(header),
                f"Kolom {', '.join(missing)} tidak ada di {FILE}.",
                f"Baris pertama harus memuat kolom: {', '.join(COLUMNS)}.",
            )
        ]
    index = {c: header.index(c) for c in COLUMNS}
    out: list[Koreksi] = []
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
        cell = {c: (record[i].strip() if i < len(record) else "") for c, i in index.items()}
        empty = [c for c in COLUMNS if not cell[c]]
        if empty:
            problems += [
                problem(row_no, c, None, "Kolom wajib kosong.", "Isi kolom ini; setiap koreksi perlu semua kolomnya.")
                for c in empty
            ]
            continue
        if cell["bagian"] not in BAGIAN:
            problems.append(
                problem(
                    row_no,
                    "bagian",
                    cell["bagian"],
                    "Bagian ini tidak diikuti sel catatan koreksi di notebook, sehingga koreksinya tidak akan tampil.",
                    f"Isi salah satu: {', '.join(BAGIAN)} (bagian laporan tempat tabel yang dikoreksi).",
                )
            )
            continue
        out.append(Koreksi(**cell))
    return out, problems


def of(items: list[Koreksi], bagian: str) -> list[Koreksi]:
    """The corrections of one section, in file order."""
    return [k for k in items if k.bagian == bagian]
