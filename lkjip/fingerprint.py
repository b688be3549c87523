"""What determines a report, as hashes: the basis of incremental rebuilds and of the manifest.

Every hash is a sha256 of bytes an auditor can reproduce with ``sha256sum``
(README, "Reproducing an input hash"):

- ``parameter``: the parameters as YAML, the bytes of ``parameter.yaml`` in the report's folder;
- ``data/<table>``: the canonical CSV of the kecamatan's rows of that table (every row of a shared
  table), the same bytes whether the data is a CSV folder or an .xlsx workbook (:mod:`lkjip.canonical`);
  ``tidak-ada`` when the table is absent;
- ``data_gambar/<name>``: each PNG/JPEG directly in the data folder (the kabupaten's emblem,
  :mod:`lkjip.lambang`), its bytes;
- ``narasi_lampiran/<path>``: each file of ``<data>/kecamatan/<slug>/<tahun>/`` (narrative overrides,
  images), its bytes; not the narrative notebook an analyst edits them in (``*.ipynb``) nor Jupyter's
  ``.ipynb_checkpoints/``: the notebook is an editor, the saved ``narasi/*.md`` files are the input;
- ``notebook``: the master notebook's bytes.

``templat`` and ``kode_lkjip`` are the program rather than its input: a hash over the listing of the
templates' files and of lkjip's modules, which changes whenever one of them does.

Kept free of pandas so that a batch with nothing to do decides that in well
under two seconds. Only the rows of the kecamatan itself (plus the shared
tables) count, so editing one kecamatan rebuilds only it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path

from lkjip import __version__, canonical, paths, regular
from lkjip.canonical import SHARED_TABLES
from lkjip.hashing import sha256_bytes, sha256_file
from lkjip.params import Params, dump
from lkjip.schema import TABLES

__all__ = ["SHARED_TABLES", "code_hash", "combined", "inputs", "sha256_bytes", "sha256_file"]

ABSENT = "tidak-ada"
"""The hash of a table (or data source) that does not exist."""
FOLDER = "narasi_lampiran"
"""Prefix of the hashes of the files of a report's own folder, ``<data>/kecamatan/<slug>/<tahun>/``."""
NOT_REGULAR = b"(bukan berkas biasa)"
PICTURES = "data_gambar"
"""Prefix of the hashes of the images in the data folder itself (the emblem ``kabupaten.csv`` names)."""


EDITOR_SUFFIX = ".ipynb"
"""Notebooks in a kecamatan-year folder are editors (``lkjip narasi``), never inputs of the report."""
EDITOR_FOLDERS = frozenset({"__pycache__", ".ipynb_checkpoints"})


def is_input(rel: Path) -> bool:
    """Whether a file of a kecamatan-year folder (path relative to it) is an input of the report."""
    return not (EDITOR_FOLDERS.intersection(rel.parts) or rel.name.endswith(EDITOR_SUFFIX))


def _entries(folder: Path, inputs_only: bool = False) -> Iterator[tuple[str, bytes]]:
    """(path relative to ``folder``, bytes) of every file below it, sorted; a link or FIFO gives a fixed marker.

    With ``inputs_only`` (a kecamatan-year folder), the narrative notebook and Jupyter's checkpoints are
    left out (:func:`is_input`).
    """
    if folder.is_dir():
        for p in sorted(x for x in folder.rglob("*") if "__pycache__" not in x.parts):
            if inputs_only and not is_input(p.relative_to(folder)):
                continue
            if p.is_dir() and not p.is_symlink():
                continue
            yield p.relative_to(folder).as_posix(), _content(p)


def _content(p: Path) -> bytes:
    """A file's bytes; a symbolic link or FIFO is never followed nor opened, but its presence counts."""
    try:
        with regular.open_regular(p) as fh:
            return fh.read()
    except regular.NotRegular:
        return NOT_REGULAR


def _tree(folder: Path) -> str:
    h = hashlib.sha256()
    for rel, content in _entries(folder):
        h.update(rel.encode() + b"\0" + content + b"\0")
    return h.hexdigest()


def _table(source: Path, name: str, slug: str) -> str:
    """sha256 of the canonical CSV of ``slug``'s rows (all rows of a shared table); ``tidak-ada`` if absent."""
    data = canonical.table_bytes(source, name, slug)
    return ABSENT if data is None else sha256_bytes(data)


def _files(folder: Path) -> dict[str, str]:
    """sha256 of each input file below the kecamatan-year ``folder``, by its path relative to it."""
    return {rel: sha256_bytes(content) for rel, content in _entries(folder, inputs_only=True)}


def inputs(params: Params, notebook: Path | None = None) -> dict[str, str]:
    """Hash of every input of one report, by name (see the module's description)."""
    root = paths.project_root()
    data = paths.resolve(params.data_dir)
    parts = {"parameter": sha256_bytes(dump(params).encode())}
    if data.is_dir() or data.is_file():
        for name in TABLES:
            parts[f"data/{name}"] = _table(data, name, params.kecamatan)
    else:
        parts["data"] = ABSENT
    for picture in _pictures(data):  # the kabupaten's emblem (lkjip.lambang) lies beside the tables
        parts[f"{PICTURES}/{picture.name}"] = sha256_bytes(_content(picture))
    folder = paths.kecamatan_folder(data, params.kecamatan, params.tahun)
    for rel, digest in _files(folder).items():
        parts[f"{FOLDER}/{rel}"] = digest
    parts["notebook"] = sha256_file(notebook or root / paths.MASTER_NOTEBOOK)
    parts["templat"] = _tree(paths.TEMPLATES_DIR)
    parts["kode_lkjip"] = code_hash()
    return parts


def _pictures(data: Path) -> list[Path]:
    """PNG/JPEG files directly in the data folder (or beside the workbook): the emblem is one of them."""
    folder = paths.data_folder(data)
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.suffix.lower() in paths.IMAGE_SUFFIXES and not p.is_dir())


def code_hash() -> str:
    """The lkjip version and every module of the package, sub-packages (outline/, rules/) included."""
    modules = sorted(p for p in paths.PACKAGE_DIR.rglob("*.py") if "__pycache__" not in p.parts)
    listing = "".join(f"{p.relative_to(paths.PACKAGE_DIR)}\0{sha256_file(p)}\0" for p in modules)
    return sha256_bytes((__version__ + listing).encode())


def combined(parts: dict[str, str]) -> str:
    return sha256_bytes("\n".join(f"{k}={v}" for k, v in sorted(parts.items())).encode())
