"""A validation finding: where it is, what is wrong and how to fix it."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

Level = Literal["galat", "peringatan"]
ERROR: Level = "galat"
WARNING: Level = "peringatan"


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

    @property
    def is_error(self) -> bool:
        return self.level == ERROR

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
        return f"[{label}] {self.where()}{value}: {self.message} Perbaikan: {self.fix}"


def errors(problems: Iterable[Problem]) -> list[Problem]:
    return [p for p in problems if p.is_error]


def warnings(problems: Iterable[Problem]) -> list[Problem]:
    return [p for p in problems if not p.is_error]


def for_kecamatan(problems: Iterable[Problem], slug: str) -> list[Problem]:
    """Problems that concern ``slug``: its own rows and file-level problems."""
    return [p for p in problems if p.kecamatan in (None, slug)]
