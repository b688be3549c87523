"""Analysts' own files (narrative overrides, appendix images) are read only when they are regular files.

A symbolic link in a kecamatan folder could pull any file of the machine into a
report (``narasi/kata_pengantar.md -> /etc/shadow``), and a FIFO or a device
named ``*.md`` would make the reader wait forever. So an entry is first
examined with ``os.lstat`` (which does not follow a link), and then opened with
``O_NOFOLLOW | O_NONBLOCK``, and the opened file is checked once more with
``fstat``: an entry swapped for a link between the two steps is refused too.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import BinaryIO

FIX = "Hapus entri ini, lalu salin berkas aslinya (berkas biasa, bukan tautan simbolik atau pintasan) ke folder ini."


class NotRegular(Exception):
    """``path`` is no regular file; ``kind`` says what it is, in Bahasa Indonesia."""

    def __init__(self, path: Path, kind: str) -> None:
        super().__init__(f"{path}: {kind}")
        self.path = path
        self.kind = kind

    @property
    def message(self) -> str:
        return (
            f"Entri ini {self.kind}, bukan berkas biasa; lkjip hanya membaca berkas biasa yang bukan tautan simbolik."
        )


def kind_of(mode: int) -> str:
    """What a non-regular entry is: ``tautan simbolik``, ``folder``, ``FIFO (pipa bernama)``, ..."""
    if stat.S_ISLNK(mode):
        return "tautan simbolik"
    if stat.S_ISDIR(mode):
        return "folder"
    if stat.S_ISFIFO(mode):
        return "FIFO (pipa bernama)"
    if stat.S_ISSOCK(mode):
        return "soket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "berkas perangkat"
    return "entri khusus"


def is_regular(path: str | os.PathLike[str]) -> bool:
    """True for a regular file that is not a symbolic link (False when it does not exist)."""
    try:
        return stat.S_ISREG(os.lstat(path).st_mode)
    except OSError:
        return False


def check(path: str | os.PathLike[str]) -> os.stat_result:
    """``os.lstat`` of ``path``; raises :class:`NotRegular` unless it is a regular file (OSError when missing)."""
    st = os.lstat(path)
    if not stat.S_ISREG(st.st_mode):
        raise NotRegular(Path(path), kind_of(st.st_mode))
    return st


def open_regular(path: str | os.PathLike[str]) -> BinaryIO:
    """Open ``path`` for reading in binary; raises :class:`NotRegular` for anything but a regular file.

    Never follows a symbolic link and never blocks (a FIFO is refused before it is
    opened, and ``O_NONBLOCK`` covers one put in its place after the check).
    """
    before = check(path)
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        if os.path.islink(path):  # ELOOP: replaced by a link after the check
            raise NotRegular(Path(path), "tautan simbolik") from None
        raise exc
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode) or (st.st_dev, st.st_ino) != (before.st_dev, before.st_ino):
            raise NotRegular(
                Path(path),
                kind_of(st.st_mode) if not stat.S_ISREG(st.st_mode) else "berkas yang diganti saat sedang dibaca",
            )
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def linked_folders(folder: Path) -> list[Path]:
    """The symbolic links among a kecamatan-year folder, its kecamatan folder, ``narasi/`` and ``lampiran/``.

    A linked folder would pull files from anywhere into a report just as a
    linked file would; nothing below one is read.
    """
    candidates = (folder.parent, folder, folder / "narasi", folder / "lampiran")
    return [p for p in candidates if p.is_symlink()]
