"""A validation finding: where it is, what is wrong and how to fix it."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

Level = Literal["galat", "peringatan"]
ERROR: Level = "galat"
WARNING: Level = "peringatan"

Scope = Literal["kecamatan", "bersama", "baris"]
KECAMATAN_SCOPE: Scope = "kecamatan"
"""The problem belongs to ``Problem.kecamatan``: it stops that kecamatan's report only."""
SHARED: Scope = "bersama"
"""A shared table or a whole file: it stops every kecamatan's report."""
ROW_SCOPE: Scope = "baris"
"""A row of no known kecamatan (an unknown slug, an empty row): reported on its own, stops no report."""


@dataclass(frozen=True, order=True)
class Problem:
    """One finding of validation, rendered in Bahasa Indonesia.

    ``location`` names the file (and the sheet for a workbook); ``row`` is the
    row number as the analyst sees it in a spreadsheet (the header is row 1).
    """

    location: str
    row: int | None
    column: str | None
    value: str | None
    message: str
    fix: str
    level: Level = ERROR
    kecamatan: str | None = None
    scope: Scope | None = None
    """None: the kecamatan's own when ``kecamatan`` is set, else shared."""

    @property
    def is_error(self) -> bool:
        return self.level == ERROR

    @property
    def reach(self) -> Scope:
        """Whose reports this problem concerns (see the ``*_SCOPE`` constants)."""
        if self.scope is not None:
            return self.scope
        return KECAMATAN_SCOPE if self.kecamatan else SHARED

    def concerns(self, slug: str) -> bool:
        reach = self.reach
        return reach == SHARED or (reach == KECAMATAN_SCOPE and self.kecamatan == slug)

    def where(self) -> str:
        parts = [self.location]
        if self.row is not None:
            parts.append(f"baris {self.row}")
        if self.column:
            parts.append(f"kolom '{self.column}'")
        return ", ".join(parts)

    def __str__(self) -> str:
        value = f" (nilai: '{self.value}')" if self.value is not None else ""
        label = "GALAT" if self.is_error else "PERINGATAN"
        note = ""
        if self.is_error and self.reach == SHARED:
            note = " (Berlaku untuk semua kecamatan: laporan tidak dibuat sampai diperbaiki.)"
        elif self.is_error and self.reach == ROW_SCOPE:
            note = " (Baris ini tidak menghentikan laporan kecamatan lain.)"
        return f"[{label}] {self.where()}{value}: {self.message}{note} Perbaikan: {self.fix}"


def errors(problems: Iterable[Problem]) -> list[Problem]:
    return [p for p in problems if p.is_error]


def warnings(problems: Iterable[Problem]) -> list[Problem]:
    return [p for p in problems if not p.is_error]


def for_kecamatan(problems: Iterable[Problem], slug: str) -> list[Problem]:
    """Problems that concern ``slug``: its own rows and shared (file-level) problems."""
    return [p for p in problems if p.concerns(slug)]


def unassigned(problems: Iterable[Problem]) -> list[Problem]:
    """Problems of rows that belong to no known kecamatan: reported once, stop no report."""
    return [p for p in problems if p.reach == ROW_SCOPE]


def shared(problems: Iterable[Problem]) -> list[Problem]:
    return [p for p in problems if p.reach == SHARED]
