"""Sample data ("data contoh") for the kecamatan whose real figures we do not have.

Only Ajibarang's figures are real (transcribed from its LKjIP 2023). For the
other 26 kecamatan, :func:`generate` writes a full, valid data set from a fixed
seed, so every report and the batch can run. Public facts are used where
``REFERENCE.md`` has them (area, number of desa/kelurahan, BPS 2022/2023);
everything else is drawn with ``random.Random(f"{seed}:{slug}:{tahun}")``, so a
kecamatan's sample does not change when another one is added. Every generated
profile row has ``data_contoh = true`` and the reports built from it say
"DATA CONTOH - bukan data resmi" on the cover and on every page.

The samples are spread on purpose so that the data set exercises the logic:
one indicator per kecamatan walks through the predikat bands (so every band
occurs), every sample Renstra has a lower-is-better indicator (gangguan
ketenteraman, in kejadian), some indicators fall from last year or miss their
target, and some kecamatan have a program with low absorption.

Run ``lkjip contoh --tahun 2023`` to (re)write the sample rows; real rows are
kept as they are.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from pathlib import Path

from lkjip.errors import DataLoadError, ParameterError
from lkjip.sample_rows import SEED, Row, sample_rows
from lkjip.schema import TABLES

Key = tuple[str, str, str]
"""(kecamatan, indicator or code, tahun) of a row."""


def _read(path: Path) -> tuple[list[str], list[Row]]:
    try:
        with path.open(encoding="utf-8-sig", newline="") as f:
            reader = csv.DictReader(f)
            return list(reader.fieldnames or []), list(reader)
    except UnicodeDecodeError:
        raise DataLoadError(
            f"Berkas {path} bukan teks UTF-8; data contoh tidak ditulis. "
            "Perbaikan: simpan ulang berkas itu sebagai CSV UTF-8, lalu jalankan lagi "
            "(lkjip check menunjukkan barisnya)."
        ) from None


YEAR_MIN, YEAR_MAX = 2000, 2100
"""The years the data schema accepts (``tahun`` in :mod:`lkjip.schema`)."""

REQUIRED_FILES = ("kecamatan.csv", "profil.csv")
"""What :func:`generate` reads before it writes: the registry and the profiles (which kecamatan are real)."""


def check_target(folder: Path, tahun: int) -> None:
    """Refuse, before anything is written, a year outside the schema's range or a folder that is no CSV data folder.

    Raises :class:`~lkjip.errors.ParameterError` for the year and
    :class:`~lkjip.errors.DataLoadError` for the folder, in Indonesian.
    """
    if not YEAR_MIN <= tahun <= YEAR_MAX:
        raise ParameterError(
            f"Tahun {tahun} di luar rentang {YEAR_MIN}-{YEAR_MAX} yang diterima data; data contoh tidak ditulis. "
            "Perbaikan: tulis tahun laporan empat angka, mis. --tahun 2024."
        )
    if not folder.exists():
        raise DataLoadError(
            f"Folder data '{folder}' tidak ditemukan; data contoh tidak ditulis. "
            "Perbaikan: berikan folder CSV yang berisi kecamatan.csv dengan --data, mis. --data data."
        )
    if not folder.is_dir():
        raise DataLoadError(
            f"'{folder}' bukan folder; lkjip contoh menulis ke folder berkas CSV, bukan ke buku kerja .xlsx atau "
            "berkas lain. Perbaikan: berikan folder CSV yang berisi kecamatan.csv dengan --data, mis. --data data; "
            "untuk buku kerja, buat ulang sesudahnya dengan lkjip workbook."
        )
    missing = [name for name in REQUIRED_FILES if not (folder / name).is_file()]
    if missing:
        raise DataLoadError(
            f"Folder '{folder}' tidak memuat {' dan '.join(missing)}; data contoh tidak ditulis. "
            "Perbaikan: berikan folder data CSV lkjip (berisi kecamatan.csv dan profil.csv) dengan --data, "
            "mis. --data data."
        )


def real_kecamatan(folder: Path) -> set[str]:
    """Slugs with a profile that is not marked as sample."""
    _, profil = _read(folder / "profil.csv")
    return {r["kecamatan"] for r in profil if r.get("data_contoh", "").strip().lower() not in ("true", "ya", "1")}


def generate(folder: Path, tahun: int, seed: int = SEED, only: Iterable[str] | None = None) -> list[str]:
    """Rewrite the sample rows of ``tahun`` in the CSV tables of ``folder``; returns the sample slugs.

    Rows of real kecamatan, and sample rows of other years, are left untouched:
    a realisasi of the year before that already exists is kept, and a Renstra
    that already covers ``tahun`` is reused (a new year after it gets the next
    period).
    """
    check_target(folder, tahun)
    _, registry = _read(folder / "kecamatan.csv")
    real = real_kecamatan(folder)
    wanted = set(only) if only is not None else None
    samples = [r for r in registry if r["slug"] not in real and (wanted is None or r["slug"] in wanted)]
    slugs = {r["slug"] for r in samples}
    periods = _renstra_periods(folder)
    generated: dict[str, list[Row]] = {name: [] for name in TABLES}
    reused: set[str] = set()
    for index, reg in enumerate(registry):
        if reg in samples:
            periode, reuse = _periode(periods.get(reg["slug"], []), tahun)
            if reuse:
                reused.add(reg["slug"])
            for name, rows in sample_rows(reg["slug"], reg["nama"], index, tahun, seed, periode).items():
                generated[name] += rows
    for name, rows in generated.items():
        path = folder / f"{name}.csv"
        if not rows or not path.exists():
            continue
        header, existing = _read(path)
        if name in PERIOD_TABLES:  # a Renstra that already covers the year is kept as it is
            rows = [r for r in rows if r["kecamatan"] not in reused]
            keep = existing
        else:
            fresh = {_key(r): r for r in rows}
            keep = [r for r in existing if not _regenerated(r, fresh, slugs, tahun, header)]
            present = {_key(r) for r in keep}
            rows = [r for r in rows if _key(r) not in present]  # e.g. last year's realisasi already there
        with path.open("w", encoding="utf-8", newline="") as f:
            writer = csv.DictWriter(f, fieldnames=header, lineterminator="\n")
            writer.writeheader()
            writer.writerows(keep)
            writer.writerows({k: r.get(k, "") for k in header} for r in rows)
    _organisasi(folder, [r["slug"] for r in samples])
    return sorted(slugs)


def _organisasi(folder: Path, slugs: list[str]) -> None:
    """Give each sample kecamatan without an organisation a copy of the first organisation in the file.

    The organisation has no year: rows that exist are never touched, so a
    kecamatan's own chart stays as the analyst wrote it.
    """
    path = folder / "organisasi.csv"
    if not path.exists():
        return
    header, rows = _read(path)
    if "kecamatan" not in header or not rows:
        return
    have = {r["kecamatan"] for r in rows}
    missing = [s for s in slugs if s not in have]
    if not missing:
        return
    model = [r for r in rows if r["kecamatan"] == rows[0]["kecamatan"]]
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=header, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
        writer.writerows({**r, "kecamatan": slug} for slug in missing for r in model)


def _regenerated(row: Row, fresh: dict[Key, Row], slugs: set[str], tahun: int, header: list[str]) -> bool:
    """A sample row this run writes again: one of ``tahun``, or one a rerun reproduces exactly."""
    if row.get("kecamatan") not in slugs:
        return False
    same = fresh.get(_key(row))
    if row.get("tahun") == str(tahun):
        return True
    return same is not None and all(str(same.get(k, "")) == row.get(k, "") for k in header)


def _key(row: Row) -> Key:
    return (str(row.get("kecamatan")), str(row.get("indikator", row.get("kode", ""))), str(row.get("tahun")))


PERIOD_TABLES = ("renstra", "misi", "sasaran", "indikator")
RENSTRA_YEARS = 5  # a sample Renstra runs from periode_awal to periode_awal + 5, like the reference's 2018-2023


def _renstra_periods(folder: Path) -> dict[str, list[tuple[int, int]]]:
    out: dict[str, list[tuple[int, int]]] = {}
    path = folder / "renstra.csv"
    if path.exists():
        for r in _read(path)[1]:
            out.setdefault(r["kecamatan"], []).append((int(r["periode_awal"]), int(r["periode_akhir"])))
    return out


def _periode(existing: list[tuple[int, int]], tahun: int) -> tuple[tuple[int, int], bool]:
    """The Renstra period of a sample year: the one that covers it, else a new one after the last.

    Returns (period, reused). Sample years of other periods are never touched,
    and two Renstra never overlap (a year covered twice would be refused).
    """
    for awal, akhir in existing:
        if awal <= tahun <= akhir:
            return (awal, akhir), True
    earlier = [akhir for _, akhir in existing if akhir < tahun]
    awal = max(earlier) + 1 if earlier else tahun - RENSTRA_YEARS
    later = [a for a, _ in existing if a > tahun]
    akhir = min(awal + RENSTRA_YEARS, min(later) - 1) if later else awal + RENSTRA_YEARS
    return (awal, max(akhir, tahun)), False
