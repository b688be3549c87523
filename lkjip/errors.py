"""Exceptions, named after the phase that failed (load, validate, execute, render)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path

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
    """The master notebook raised, ran out of time or recorded no usable figures while papermill executed it.

    ``kecamatan`` is the report's, ``cell`` the number of the cell that failed
    as Jupyter shows it (None: not known) and ``kept_notebook`` where the
    failed notebook was kept for inspection (None: not kept, e.g. the kernel
    died before writing it). Callers read these, never the message.
    """

    def __init__(
        self,
        message: str,
        *,
        kecamatan: str | None = None,
        cell: int | None = None,
        kept_notebook: Path | None = None,
    ) -> None:
        self.kecamatan = kecamatan
        self.cell = cell
        self.kept_notebook = kept_notebook
        super().__init__(message)


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
    """nbconvert or Typst could not turn the executed notebook into HTML/PDF."""


class ModelError(RenderError):
    """An executed notebook's document model is missing, of an unknown version, or does not fit the model."""


class OutputError(LkjipError):
    """An output could not be written: a full disk, a read-only folder, a file where a folder should be."""


class RecordError(LkjipError):
    """An executed notebook has no sound record of its figures (:mod:`lkjip.recorded`).

    ``path`` is the notebook, ``reason`` what is wrong with it and ``fix`` what
    to do, so the index can show the reason beside the kecamatan.
    """

    def __init__(self, path: Path, reason: str, fix: str) -> None:
        self.path = path
        self.reason = reason
        self.fix = fix
        super().__init__(f"Notebook {path}: {reason} Perbaikan: {fix}")


class LedgerError(LkjipError):
    """The ledger of a year (``riwayat.jsonl``) is broken or disagrees with the archive (:mod:`lkjip.ledger`)."""


class FinalError(LkjipError):
    """A report is final (signed), or cannot be finalised or reopened as asked (:mod:`lkjip.final`)."""


class BusyError(LkjipError):
    """Another lkjip run holds the output folder of this year."""


def output_error(exc: OSError, what: str) -> OutputError:
    """An :class:`OutputError` in the analyst's words for the OSError ``exc`` while writing ``what``."""
    import errno

    reasons = {
        errno.ENOSPC: "disk penuh",
        errno.EDQUOT: "kuota disk habis",
        errno.EROFS: "sistem berkas hanya-baca",
        errno.EACCES: "tidak ada izin menulis",
        errno.EPERM: "tidak ada izin menulis",
        errno.ENOTDIR: "ada berkas biasa di tempat yang seharusnya folder",
        errno.EEXIST: "ada berkas biasa di tempat yang seharusnya folder",
        errno.EISDIR: "ada folder di tempat yang seharusnya berkas",
    }
    reason = reasons.get(exc.errno or 0, exc.strerror or type(exc).__name__)
    where = f" ({exc.filename})" if exc.filename else ""
    fixes = {
        errno.ENOSPC: "kosongkan ruang disk (mis. hapus keluaran lama yang tidak diarsipkan) lalu jalankan lagi",
        errno.EDQUOT: "kosongkan ruang disk atau minta tambahan kuota, lalu jalankan lagi",
        errno.ENOTDIR: "pindahkan atau ganti nama berkas itu, atau tulis ke folder lain (untuk laporan: --output)",
        errno.EEXIST: "pindahkan atau ganti nama berkas itu, atau tulis ke folder lain (untuk laporan: --output)",
    }
    fix = fixes.get(
        exc.errno or 0, "tulis ke folder yang dapat ditulisi (untuk laporan: opsi --output), lalu jalankan lagi"
    )
    return OutputError(
        f"Gagal menulis {what}: {reason}{where}. Tidak ada berkas setengah jadi yang tertinggal; "
        f"keluaran lama tetap utuh. Perbaikan: {fix}."
    )
