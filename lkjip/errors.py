"""Exceptions, named after the phase that failed (load, validate, execute, render)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from lkjip.problems import Problem


class LkjipError(Exception):
    """Base of every error lkjip raises on purpose; its message is for the analyst."""


class DataLoadError(LkjipError):
    """A data file or workbook could not be found or read."""


class DataValidationError(LkjipError):
    """The data of a kecamatan has validation errors; the report is not built."""

    def __init__(self, problems: Sequence[Problem], kecamatan: str | None = None) -> None:
        self.problems = list(problems)
        self.kecamatan = kecamatan
        n = len(self.problems)
        where = f" untuk kecamatan {kecamatan}" if kecamatan else ""
        lines = [f"Data{where} memuat {n} kesalahan; laporan tidak dibuat:"]
        lines += [f"  - {p}" for p in self.problems]
        super().__init__("\n".join(lines))


class ParameterError(LkjipError):
    """A run parameter (kecamatan, tahun, paths) is wrong."""


class NotebookExecutionError(LkjipError):
    """The master notebook raised while papermill executed it."""


class NarrativeError(LkjipError):
    """A narrative template or override file broke a limit (size, time) or could not be read or rendered.

    ``location`` names the file (or the default template), ``message`` says what
    is wrong and ``fix`` what to do, so validation can turn it into a Problem.
    """

    def __init__(self, location: str, message: str, fix: str) -> None:
        self.location = location
        self.message = message
        self.fix = fix
        super().__init__(f"{location}: {message} Perbaikan: {fix}")


class RenderError(LkjipError):
    """nbconvert or WeasyPrint could not turn the executed notebook into HTML/PDF."""
