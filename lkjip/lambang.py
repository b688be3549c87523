"""The kabupaten's emblem (*lambang*) on the cover: named in the kabupaten table, checked, prepared.

``kabupaten.csv`` may name, in its column ``lambang``, an image file (PNG or JPEG) in the data folder
(beside ``kabupaten.csv``; for a workbook, beside the ``.xlsx``), e.g. ``lambang_banyumas.png``. The
office adds its own file: the emblem cannot be downloaded with lkjip, and none is bundled.

- Empty column, or a file that is not there: a **warning** (``lkjip check``, the notebook and the
  index show it); the cover carries a neutral empty frame where the emblem goes, never a made-up one.
- A name with a folder, another kind of file, a symbolic link or FIFO, or an image that does not
  decode (:mod:`lkjip.images`): an **error** naming the table, row, column and value.

The file's bytes are an input of every report (:mod:`lkjip.fingerprint`), so a new emblem rebuilds them.
"""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd

from lkjip import paths, regular
from lkjip.dataset import Dataset
from lkjip.images import ImageError, Prepared, prepare
from lkjip.load import display_path
from lkjip.problems import Problem
from lkjip.rules.at import At

COLUMN = "lambang"


def name_of(kabupaten: pd.Series) -> str:
    """The file name in the kabupaten row's ``lambang`` column, or ``""``."""
    value = kabupaten.get(COLUMN)
    return "" if value is None or pd.isna(value) else str(value).strip()


def _plain(name: str) -> bool:
    """A file name without a folder, a backslash or a leading dot."""
    return Path(name).name == name and "\\" not in name and not name.startswith(".")


def path_of(data: str | os.PathLike[str], kabupaten: pd.Series) -> Path | None:
    """The emblem's file if the row names a plain file name that is present as a regular file, else None."""
    name = name_of(kabupaten)
    if not name or not _plain(name):
        return None
    path = paths.data_folder(data) / name
    return path if regular.is_regular(path) else None


def prepared(data: str | os.PathLike[str], kabupaten: pd.Series) -> Prepared | None:
    """The emblem as the cover shows it (verified, reduced, without metadata), or None (frame instead)."""
    path = path_of(data, kabupaten)
    if path is None:
        return None
    try:
        return prepare(path)
    except ImageError:
        return None


def check(data: str | os.PathLike[str], ds: Dataset) -> list[Problem]:
    """Warnings for a missing emblem, errors for one that cannot be used (see the module's description)."""
    kab = ds["kabupaten"]
    if kab.empty:
        return []
    row = kab.iloc[0]
    at = At(ds, "kabupaten")
    name = name_of(row)
    folder = paths.data_folder(data)
    shown = display_path(folder)
    if not name:
        return [
            at.warning(
                row,
                COLUMN,
                "Lambang kabupaten belum ditentukan; halaman judul setiap laporan memuat bingkai kosong di tempat "
                "lambang.",
                f"Simpan berkas lambang (PNG atau JPEG) di folder {shown} dan tulis namanya di kolom {COLUMN}, "
                "mis. lambang_banyumas.png.",
                value="",
            )
        ]
    if not _plain(name):
        return [at.error(row, COLUMN, "Nama berkas lambang memuat nama folder.", "Tulis nama berkas saja.")]
    if Path(name).suffix.lower() not in paths.IMAGE_SUFFIXES:
        return [at.error(row, COLUMN, "Berkas lambang bukan gambar.", "Gunakan gambar PNG atau JPEG.")]
    path = folder / name
    if not path.exists() and not path.is_symlink():
        return [
            at.warning(
                row,
                COLUMN,
                f"Berkas lambang tidak ada di folder {shown}; halaman judul memuat bingkai kosong di tempat lambang.",
                f"Salin berkas {name} ke folder {shown}, atau perbaiki namanya di kolom {COLUMN}.",
            )
        ]
    try:
        prepare(path)
    except ImageError as exc:
        return [at.error(row, COLUMN, f"Berkas lambang tidak dapat dipakai: {exc}", "Gunakan gambar PNG atau JPEG.")]
    return []
