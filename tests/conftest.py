"""Shared fixtures: a writable copy of the bundled data, and helpers to break it."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A copy of data/ that a test may edit."""
    target = tmp_path / "data"
    shutil.copytree(DATA, target)
    return target


Editor = Callable[[str, Callable[[pd.DataFrame], pd.DataFrame]], None]


@pytest.fixture
def edit(data_copy: Path) -> Editor:
    """``edit("target", fn)`` rewrites data_copy/target.csv with ``fn(frame)`` (all cells text)."""

    def _edit(table: str, fn: Callable[[pd.DataFrame], pd.DataFrame]) -> None:
        file = data_copy / f"{table}.csv"
        frame = pd.read_csv(file, dtype=str, keep_default_na=False)
        fn(frame).to_csv(file, index=False)

    return _edit


def set_cell(row: int, column: str, value: str) -> Callable[[pd.DataFrame], pd.DataFrame]:
    """Set the cell at spreadsheet row ``row`` (header = 1) of ``column``."""

    def fn(frame: pd.DataFrame) -> pd.DataFrame:
        frame.loc[row - 2, column] = value
        return frame

    return fn
