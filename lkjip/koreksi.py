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

from dataclasses import dataclass
from pathlib import Path

from lkjip import folder_csv, regular
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
    problem = folder_csv.reporter(path, slug)
    records, problems = folder_csv.read(path, COLUMNS, MAX_BYTES, "Ringkas catatannya.", problem)
    out: list[Koreksi] = []
    for row_no, cell in records:
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
