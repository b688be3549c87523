"""The problem builder every rule uses: where a problem is (table, kecamatan), built in one call."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

from lkjip.dataset import Dataset
from lkjip.load import ROW
from lkjip.problems import ERROR, WARNING, Level, Problem

Rule = Callable[[Dataset, str, int], list[Problem]]
"""A rule of one kecamatan and year."""


@dataclass(frozen=True)
class At:
    """Where problems are found (a table, and the kecamatan they belong to): builds each in one call."""

    ds: Dataset
    table: str
    slug: str | None = None

    def error(self, row: pd.Series | None, column: str | None, message: str, fix: str, value: object = None) -> Problem:
        return self._problem(row, column, message, fix, value, ERROR)

    def warning(
        self, row: pd.Series | None, column: str | None, message: str, fix: str, value: object = None
    ) -> Problem:
        return self._problem(row, column, message, fix, value, WARNING)

    def _problem(
        self, row: pd.Series | None, column: str | None, message: str, fix: str, value: object, level: Level
    ) -> Problem:
        if row is not None and value is None and column in row.index:
            value = row[column]
        return Problem(
            self.ds.locations[self.table],
            None if row is None else int(row[ROW]),
            column,
            None if value is None else text_of(value),
            message,
            fix,
            level,
            self.slug,
        )


def text_of(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
