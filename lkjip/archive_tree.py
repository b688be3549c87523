"""Where the reports of an output tree are: a report folder, a year folder, or an output tree of years.

What ``lkjip verify`` walks; folders starting with ``.`` or ``_`` (staging,
``_gagal/``, ``_diubah/``, ``_final_lama/``) are never reports.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from lkjip import ledger
from lkjip.errors import ParameterError
from lkjip.manifest import NAME as MANIFEST
from lkjip.render import RUN_PARAMS

YEAR = re.compile(r"^\d{4}$")


def report_folders(path: Path) -> list[Path]:
    """The report folders under ``path`` (a report folder, a year folder or an output tree), sorted.

    Raises :class:`ParameterError` with the fix when ``path`` is none of these.
    """
    if not path.is_dir():
        raise ParameterError(
            f"Folder {path} tidak ada atau bukan folder. Perbaikan: berikan folder keluaran laporan, "
            "mis. output/, output/2023/ atau output/2023/ajibarang/."
        )
    if is_report(path):
        return [path]
    if YEAR.match(path.name):
        found = reports_in_year(path)
    else:
        found = [r for y in sorted(children(path)) if YEAR.match(y.name) for r in reports_in_year(y)]
    if not found:
        raise ParameterError(
            f"{path} bukan folder keluaran lkjip: tidak ada laporan (folder berisi {MANIFEST} atau notebook) "
            "di dalamnya. Perbaikan: berikan folder laporan (output/<tahun>/<slug>/), folder tahun "
            "(output/<tahun>/) atau pohon keluaran (output/), atau buat laporannya dulu dengan lkjip batch."
        )
    return found


def ledger_years(path: Path) -> list[Path]:
    """The year folders under ``path`` that keep a ledger (none when ``path`` is one report's folder)."""
    if not path.is_dir() or is_report(path):
        return []
    years = [path] if YEAR.match(path.name) else sorted(y for y in children(path) if YEAR.match(y.name))
    return [y for y in years if (y / ledger.NAME).is_file()]


def children(folder: Path) -> Iterator[Path]:
    for p in folder.iterdir():
        if p.is_dir() and not p.is_symlink() and not p.name.startswith((".", "_")):
            yield p


def reports_in_year(year: Path) -> list[Path]:
    return sorted(p for p in children(year) if is_report(p))


def is_report(folder: Path) -> bool:
    if (folder / MANIFEST).is_file() or (folder / RUN_PARAMS).is_file():
        return True
    return any(p.suffix == ".ipynb" and p.name.startswith("lkjip_") for p in folder.iterdir())
