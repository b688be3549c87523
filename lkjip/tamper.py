"""Altered archives: a report folder checked against its year's ledger (:mod:`lkjip.ledger`).

:func:`set_aside_if_altered` runs before a build: a folder that no longer
matches the ledger is moved to ``<tahun>/_diubah/`` (never deleted) and the
event recorded, so the rebuild never silently replaces evidence.
:func:`audit` is what ``lkjip verify`` asks of the ledger.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path

from lkjip import regular
from lkjip.errors import output_error
from lkjip.hashing import sha256_file
from lkjip.ledger import (
    ASIDE,
    NAME,
    SUMS,
    Entry,
    Event,
    append_locked,
    check_chain,
    differences,
    exclusive,
    latest,
    mismatches,
    read,
    sums_text,
)

# ------------------------------------------------------------------------------------------------ altered archives


@dataclass(frozen=True)
class Altered:
    """A report folder that no longer matched the ledger, moved aside and recorded."""

    kecamatan: str
    moved_to: Path
    differences: list[str]
    entry: Entry

    def message(self) -> str:
        return (
            f"PERINGATAN: arsip laporan {self.kecamatan} berubah sejak dicatat di riwayat "
            f"({'; '.join(self.differences)}). Salinan yang berubah dipindahkan ke {self.moved_to} untuk diperiksa "
            f"(tidak dihapus) dan dicatat di riwayat baris {self.entry.no}; laporan dibuat ulang."
        )


def set_aside_if_altered(year: Path, slug: str, tahun: int) -> Altered | None:
    """Move ``year/slug`` to ``_diubah/`` and record it when it differs from the ledger; None when it matches."""
    folder = year / slug
    with exclusive(year):
        entries = read(year)
        found = differences(folder, latest(entries, slug))
        if not found:
            return None
        as_found: dict[str, str] = {}
        moved: Path | None = None
        if folder.exists():
            if folder.is_dir() and not folder.is_symlink():
                as_found = {p.name: sha256_file(p) for p in sorted(folder.iterdir()) if p.is_file()}
            moved = _move_aside(year, folder)
        entry = append_locked(
            year,
            Event.ALTERED,
            slug,
            tahun,
            {},
            temuan=found,
            ditemukan=as_found,
            dipindah_ke=str(moved.relative_to(year)) if moved else None,
        )
    return Altered(slug, moved or folder, found, entry)


def _move_aside(year: Path, folder: Path) -> Path:
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    target = year / ASIDE / f"{folder.name}-{stamp}"
    n = 1
    while target.exists():
        n += 1
        target = year / ASIDE / f"{folder.name}-{stamp}-{n}"
    try:
        target.parent.mkdir(exist_ok=True)
        if folder.is_dir() and not os.access(folder, os.W_OK):  # a final report (0o555): renaming updates its ".."
            os.chmod(folder, 0o755)
        os.replace(folder, target)
    except OSError as exc:
        raise output_error(exc, f"pemindahan arsip yang berubah {folder}") from exc
    return target


# ------------------------------------------------------------------------------------------------ checking


@dataclass(frozen=True)
class Audit:
    """What the ledger says about one report folder: its state and every disagreement (file, message)."""

    entry: Entry | None
    problems: list[tuple[str, str]]

    @property
    def final(self) -> bool:
        return self.entry is not None and self.entry.final


def audit(folder: Path, kepala: str | None = None) -> Audit:
    """Check ``folder`` (``<tahun>/<slug>``) against its year's ledger, and the chain against the anchor ``kepala``."""
    year, slug = folder.parent, folder.name
    if not (year / NAME).is_file():
        return Audit(None, [(NAME, f"{NAME} tidak ada di {year}: keluaran tidak dapat dibandingkan dengan riwayat.")])
    entries, broken = check_chain(year)
    problems = [(NAME, f"{NAME} rusak, {why}.") for why in broken]
    if not broken and _read_text(year / SUMS) != sums_text(year, entries):
        problems.append((SUMS, f"{SUMS} tidak sesuai dengan {NAME} dan berkasnya (salah satunya diubah)."))
    entry = latest(entries, slug)
    problems += [(name, f"menurut {NAME}: {why}.") for name, why in mismatches(folder, entry)]
    if kepala is not None:
        anchored = next((e for e in entries if e.hash == kepala.strip().lower()), None)
        if anchored is None:
            problems.append(
                (
                    NAME,
                    f"kepala {kepala.strip()[:16]!r}... tidak ada di {NAME}: riwayat ini ditulis ulang, atau bukan "
                    "riwayat tahun dan folder yang tanda terimanya diberikan.",
                )
            )
    return Audit(entry, problems)


def missing(year: Path) -> list[Entry]:
    """Entries whose report folder should exist (the ledger lists its files) but does not (a link is none)."""
    if not (year / NAME).is_file():
        return []
    entries, _ = check_chain(year)
    last = {e.kecamatan: e for e in entries}
    return [e for slug, e in sorted(last.items()) if e.files and _gone(year / slug)]


def _gone(folder: Path) -> bool:
    return folder.is_symlink() or not folder.is_dir()


def gone_message(year: Path, entry: Entry) -> str:
    """What verify says of a report folder of :func:`missing`."""
    if (year / entry.kecamatan).is_symlink():
        return (
            f"folder {entry.kecamatan} tercatat di riwayat baris {entry.no} tetapi berupa tautan simbolik ke tempat "
            "lain; arsip harus berisi foldernya sendiri (kembalikan folder aslinya ke tempat ini)."
        )
    return f"folder {entry.kecamatan} tercatat di riwayat baris {entry.no} tetapi tidak ada (dihapus atau dipindahkan)."


def _read_text(path: Path) -> str | None:
    if not regular.is_regular(path):  # a FIFO would block the read
        return None
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
