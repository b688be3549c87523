"""A validation finding: where it is, what is wrong and how to fix it."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from enum import StrEnum


class Level(StrEnum):
    """How bad a problem is; the value is the Indonesian word."""

    ERROR = "galat"
    """Stops the report(s) the problem concerns."""
    WARNING = "peringatan"
    """Printed and listed in the report's appendix; stops nothing."""


ERROR = Level.ERROR
WARNING = Level.WARNING


class Scope(StrEnum):
    """Whose reports a problem concerns."""

    KECAMATAN = "kecamatan"
    """The problem belongs to ``Problem.kecamatan``: it stops that kecamatan's report only."""
    SHARED = "bersama"
    """A shared table or a whole file: it stops every kecamatan's report."""
    ROW = "baris"
    """A row of no known kecamatan (an unknown slug, an empty row): reported on its own, stops no report."""


KECAMATAN_SCOPE = Scope.KECAMATAN
SHARED = Scope.SHARED
ROW_SCOPE = Scope.ROW


@dataclass(frozen=True, order=True)
class Problem:
    """One finding of validation, rendered in Bahasa Indonesia.

    ``location`` names the file (and the sheet for a workbook) for the
    analyst; ``row`` is the row number as the analyst sees it in a spreadsheet
    (the header is row 1). ``table`` is the name of the table the problem was
    found in when reading or parsing it (``kecamatan``, ``target``, ...):
    code asks it which table a problem concerns, never ``location``.
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
    table: str | None = None

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


def in_table(problems: Iterable[Problem], table: str) -> list[Problem]:
    """``problems`` marked as found in ``table`` (see ``Problem.table``)."""
    return [replace(p, table=table) for p in problems]


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
