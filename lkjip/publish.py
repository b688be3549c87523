"""Put a finished output into place without ever losing the last good one.

A report is built in a staging folder beside its final folder and published
by renames, which are atomic within one file system::

    output/<tahun>/.lkjip-baru-<slug>-<acak>/   staging: being built, never read
    output/<tahun>/.lkjip-lama-<slug>/          the previous report, only during the swap
    output/<tahun>/<slug>/                      the published report

The protocol (:func:`publish`):

1. Everything is written and flushed to disk in the staging folder.
2. If a published report exists, it is renamed to ``.lkjip-lama-<slug>``
   (a leftover backup beside a complete published report is from a completed
   swap and is removed first).
3. The staging folder is renamed to ``<slug>``.
4. The backup is removed.

A crash (kill -9, power cut) can stop it between any two steps; the next run
calls :func:`recover` for the year, under the year's lock, before anything
else:

- a backup without ``<slug>``: the crash fell between steps 2 and 3; the
  previous report is renamed back to ``<slug>``;
- a backup beside a complete ``<slug>``: the crash fell between steps 3 and 4;
  the backup is removed;
- a backup beside a ``<slug>`` that is not a complete report (which the
  protocol never makes: someone put it there): nothing is touched and
  :class:`~lkjip.errors.OutputError` names both folders;
- a staging folder or a ``.tmp`` file: never complete, removed.

Only names with the ``.lkjip-`` prefix are ever removed, so an analyst's own
dot-folders (``.git``, ``.ipynb_checkpoints``) are left alone. A file or a
symbolic link where the report folder should be is refused before anything
is renamed. So at every moment either the previous or the new report is
complete under a name recovery knows, and the previous one is deleted only
after the new one is in place. Single files (index, rekap) are written to a
``.tmp`` file and renamed over the old one (:func:`write_file`).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

from lkjip.errors import OutputError, output_error

PREFIX = ".lkjip-"
STAGING = PREFIX + "baru-"
BACKUP = PREFIX + "lama-"
TMP_SUFFIX = ".tmp"
REPORT_SUFFIXES = (".ipynb", ".html", ".pdf")


def _no_crash(step: str) -> None:
    """Fault-injection point: tests replace it to stop the process after ``step``."""


crash_point: Callable[[str], None] = _no_crash

_live: set[Path] = set()
"""Staging folders this process made and has not yet published or removed (see :func:`abandon`)."""


def complete(folder: Path) -> bool:
    """Whether ``folder`` is a whole report: a real folder with a non-empty notebook, HTML and PDF."""
    if folder.is_symlink() or not folder.is_dir():
        return False
    found = {p.suffix for p in folder.iterdir() if p.is_file() and not p.is_symlink() and p.stat().st_size > 0}
    return all(s in found for s in REPORT_SUFFIXES)


def check_target(final: Path) -> None:
    """Refuse a file or a symbolic link where the report folder ``final`` should be."""
    if final.is_symlink() or (final.exists() and not final.is_dir()):
        kind = "tautan simbolik" if final.is_symlink() else "berkas biasa"
        raise OutputError(
            f"Ada {kind} di tempat folder laporan {final}; laporan tidak ditulis agar isinya tidak tertimpa. "
            "Perbaikan: pindahkan atau ganti nama itu, lalu jalankan lagi."
        )


def staging(final: Path) -> Path:
    """A new, empty staging folder for ``final``; raises OutputError when it cannot be made."""
    check_target(final)
    try:
        final.parent.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=f"{STAGING}{final.name}-", dir=final.parent))
        _live.add(tmp)
        tmp.chmod(0o755)
    except OSError as exc:
        raise output_error(exc, f"folder keluaran {final.parent}") from exc
    return tmp


def discard(tmp: Path) -> None:
    """Remove the staging folder ``tmp`` (nothing happens when it was published: it no longer exists)."""
    shutil.rmtree(tmp, ignore_errors=True)
    _live.discard(tmp)


def abandon() -> None:
    """Remove every staging folder of this process: a worker told to stop calls it before it exits."""
    for tmp in list(_live):
        discard(tmp)


def backup_of(final: Path) -> Path:
    return final.with_name(f"{BACKUP}{final.name}")


def publish(tmp: Path, final: Path, after_swap: Callable[[], None] | None = None) -> None:
    """Replace ``final`` by the finished staging folder ``tmp`` (steps 1-4 above).

    ``after_swap`` runs between steps 3 and 4, while the previous report is
    still kept as the backup: :mod:`lkjip.ledger` records the new report there.
    """
    check_target(final)
    _flush(tmp)
    crash_point("disiapkan")
    old = backup_of(final)
    if final.exists():
        if old.exists():
            if not complete(final):
                raise _ambiguous(final, old)
            shutil.rmtree(old)
        os.replace(final, old)
        _fsync_dir(final.parent)
        crash_point("lama-dipindah")
    try:
        os.replace(tmp, final)
    except OSError:
        if old.exists() and not final.exists():
            os.replace(old, final)
        raise
    _fsync_dir(final.parent)
    crash_point("baru-dipasang")
    if after_swap is not None:
        after_swap()
        crash_point("riwayat-ditulis")
    if old.exists():
        shutil.rmtree(old)


def recover(folder: Path) -> list[str]:
    """Finish or undo interrupted publications in ``folder``; returns what was done (for logs and tests).

    Call it only while holding the folder's lock: a staging folder of a
    running build looks exactly like a leftover one.
    """
    done: list[str] = []
    if not folder.is_dir():
        return done
    for p in sorted(folder.iterdir()):
        if not p.name.startswith(PREFIX) or p.is_symlink():
            continue  # not ours: an analyst's .git or .ipynb_checkpoints stays
        if p.is_dir() and p.name.startswith(BACKUP):
            final = folder / p.name.removeprefix(BACKUP)
            if final.is_symlink() or final.exists():
                if not complete(final):
                    raise _ambiguous(final, p)
                shutil.rmtree(p, ignore_errors=True)
                done.append(f"hapus {p.name}")
            else:
                os.replace(p, final)
                done.append(f"pulihkan {final.name}")
        elif p.is_dir() and p.name.startswith(STAGING):
            shutil.rmtree(p, ignore_errors=True)
            done.append(f"hapus {p.name}")
        elif p.is_file() and p.name.endswith(TMP_SUFFIX):
            p.unlink(missing_ok=True)
            done.append(f"hapus {p.name}")
    return done


def _ambiguous(final: Path, backup: Path) -> OutputError:
    return OutputError(
        f"Folder laporan {final} tidak lengkap (tidak berisi notebook, HTML dan PDF), padahal ada cadangan "
        f"laporan sebelumnya di {backup}. Tidak ada yang dihapus. Perbaikan: periksa keduanya; bila {final.name} "
        f"tidak diperlukan, hapus atau pindahkan folder itu agar cadangan dipulihkan pada proses berikutnya."
    )


def write_file(path: Path, data: bytes | Callable[[Path], None], what: str | None = None) -> None:
    """Write ``path`` atomically: bytes, or a writer called with the temporary path.

    On any error the temporary file is removed and the old ``path`` stays;
    an OSError becomes an :class:`~lkjip.errors.OutputError` naming ``what``.
    """
    tmp = path.with_name(f"{PREFIX}{path.name}{TMP_SUFFIX}")
    try:
        if isinstance(data, bytes):
            with open(tmp, "wb") as f:
                f.write(data)
                f.flush()
                os.fsync(f.fileno())
        else:
            data(tmp)
        os.replace(tmp, path)
    except OSError as exc:
        raise output_error(exc, what or str(path)) from exc
    finally:
        with contextlib.suppress(OSError):  # on a read-only disk even removing a missing file fails
            tmp.unlink(missing_ok=True)


def _flush(folder: Path) -> None:
    for p in folder.rglob("*"):
        if p.is_file():
            fd = os.open(p, os.O_RDONLY)
            try:
                os.fsync(fd)
            finally:
                os.close(fd)
    _fsync_dir(folder)


def _fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
