"""One run at a time per output year: ``output/<tahun>/.kunci``.

``lkjip batch`` and ``lkjip report`` hold an exclusive ``flock`` on this file
while they build, publish and index. The operating system releases the lock
when its holder dies (also after ``kill -9``), so a lock left by a dead
process is simply taken over. The file records who holds it (pid, host, user,
start time, command) so a second run can name the holder.

The lock is re-entrant within one process: the CLI holds it around a batch
and its index, and :func:`lkjip.batch.run` takes it again.
"""

from __future__ import annotations

import datetime as dt
import errno
import fcntl
import getpass
import json
import os
import socket
import stat
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from lkjip import paths
from lkjip.errors import BusyError, OutputError, output_error
from lkjip.ledger import recover

NAME = ".kunci"
_held: dict[Path, list[int]] = {}  # lock file -> [fd, depth]


def holder(path: Path) -> dict[str, object]:
    """What the lock file says about its holder (empty when unreadable)."""
    try:
        info = json.loads(path.read_text(encoding="utf-8") or "{}")
    except (OSError, ValueError):
        return {}
    return info if isinstance(info, dict) else {}


def describe(info: dict[str, object]) -> str:
    if not info:
        return "proses lain (tidak diketahui)"
    return (
        f"pid {info.get('pid')} di {info.get('host')} oleh {info.get('user')}, "
        f"mulai {info.get('mulai')}, perintah: {info.get('perintah')}"
    )


@contextmanager
def year(
    output: str | os.PathLike[str],
    tahun: int,
    wait: bool = False,
    on_wait: Callable[[str], None] | None = None,
) -> Iterator[Path]:
    """Hold the lock of ``<output>/<tahun>/`` and recover interrupted publications there (:func:`lkjip.ledger.recover`).

    Raises :class:`BusyError` when another process holds it (unless ``wait``),
    :class:`~lkjip.errors.OutputError` when the folder cannot be written.
    """
    folder = paths.resolve(output) / str(tahun)
    path = folder / NAME
    key = path.resolve() if path.exists() else path.absolute()
    if key in _held:
        _held[key][1] += 1
        try:
            yield folder
        finally:
            _held[key][1] -= 1
        return
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_NONBLOCK, 0o644)
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            os.close(fd)
            raise OSError(errno.EEXIST, "bukan berkas biasa", str(path))
    except OSError as exc:
        if exc.errno in (errno.ELOOP, errno.EEXIST, errno.ENXIO, errno.EISDIR):
            raise OutputError(
                f"Berkas kunci {path} bukan berkas biasa (tautan simbolik, folder atau pipa); lkjip tidak menulis "
                "ke sana. Perbaikan: hapus entri itu, lalu jalankan lagi."
            ) from exc
        raise output_error(exc, f"folder keluaran {folder}") from exc
    try:
        _acquire(fd, path, tahun, wait, on_wait)
        _stamp(fd)
        key = path.resolve()
        _held[key] = [fd, 1]
        try:
            recover(folder)
            yield folder
        finally:
            del _held[key]
            with suppress(OSError):
                os.ftruncate(fd, 0)
    finally:
        os.close(fd)  # releases the flock


def _acquire(fd: int, path: Path, tahun: int, wait: bool, on_wait: Callable[[str], None] | None) -> None:
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return
    except BlockingIOError:
        who = describe(holder(path))
    if not wait:
        raise BusyError(
            f"Keluaran tahun {tahun} ({path.parent}) sedang dipakai oleh {who}. "
            "Perbaikan: tunggu sampai proses itu selesai lalu jalankan lagi, atau tambahkan opsi --tunggu "
            "agar perintah ini menunggu giliran dengan sendirinya."
        )
    if on_wait:
        on_wait(who)
    fcntl.flock(fd, fcntl.LOCK_EX)


def _stamp(fd: int) -> None:
    try:
        user = getpass.getuser()
    except (KeyError, OSError):
        user = str(os.getuid())
    info = {
        "pid": os.getpid(),
        "host": socket.gethostname(),
        "user": user,
        "mulai": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
        "perintah": " ".join(["lkjip", *sys.argv[1:]]) if sys.argv else "lkjip",
    }
    try:
        os.ftruncate(fd, 0)
        os.pwrite(fd, json.dumps(info, ensure_ascii=False).encode(), 0)
    except OSError:
        pass  # the lock holds without its note (e.g. a full disk); recovery and the build report the disk
