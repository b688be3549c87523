"""What determines a report, as hashes: the basis of incremental rebuilds and of the manifest.

Kept free of pandas so that a batch with nothing to do decides that in well
under two seconds. For a CSV folder, only the rows of the kecamatan itself
(plus the shared tables) count, so editing one kecamatan rebuilds only it; a
workbook counts as a whole.
"""

from __future__ import annotations

import csv
import hashlib
import io
from pathlib import Path

from lkjip import __version__, paths, regular
from lkjip.params import Params, dump
from lkjip.schema import TABLES

SHARED_TABLES = ("kabupaten", "regulasi", "skala_predikat")
"""Tables whose every row counts for every kecamatan's report; the organisation counts per kecamatan."""


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def _tree(folder: Path) -> str:
    h = hashlib.sha256()
    if folder.is_dir():
        for p in sorted(x for x in folder.rglob("*") if "__pycache__" not in x.parts):
            if p.is_dir() and not p.is_symlink():
                continue
            try:  # a symbolic link or FIFO is never followed nor opened, but its presence counts
                with regular.open_regular(p) as fh:
                    content = fh.read()
            except regular.NotRegular:
                content = b"(bukan berkas biasa)"
            h.update(str(p.relative_to(folder)).encode() + b"\0" + content + b"\0")
    return h.hexdigest()


def _rows(path: Path, slug: str, name: str) -> str:
    """Hash of the header and of the rows of ``slug`` (all rows for shared tables)."""
    if not path.exists():
        return "tidak-ada"
    text = path.read_text(encoding="utf-8-sig")
    lines = list(csv.reader(io.StringIO(text)))
    if not lines:
        return sha256_bytes(b"")
    header, body = lines[0], lines[1:]
    if name in SHARED_TABLES:
        keep = body
    else:
        col = (
            header.index("slug" if name == "kecamatan" else "kecamatan")
            if ("kecamatan" in header or "slug" in header)
            else None
        )
        keep = body if col is None else [r for r in body if len(r) > col and r[col].strip() == slug]
    return sha256_bytes(repr((header, keep)).encode())


def inputs(params: Params, notebook: Path | None = None) -> dict[str, str]:
    """Hash of every input of one report, by name."""
    root = paths.project_root()
    data = paths.resolve(params.data_dir)
    parts = {"parameter": sha256_bytes(dump(params).encode())}
    if data.is_dir():
        for name in TABLES:
            parts[f"data/{name}"] = _rows(data / f"{name}.csv", params.kecamatan, name)
    else:
        parts["data"] = sha256_file(data)
    parts["narasi_lampiran"] = _tree(paths.kecamatan_folder(data, params.kecamatan, params.tahun))
    parts["notebook"] = sha256_file(notebook or root / paths.MASTER_NOTEBOOK)
    parts["templat"] = _tree(paths.TEMPLATES_DIR)
    parts["kode_lkjip"] = code_hash()
    return parts


def code_hash() -> str:
    """The lkjip version and every module of the package, sub-packages (outline/, rules/) included."""
    modules = sorted(p for p in paths.PACKAGE_DIR.rglob("*.py") if "__pycache__" not in p.parts)
    listing = "".join(f"{p.relative_to(paths.PACKAGE_DIR)}\0{sha256_file(p)}\0" for p in modules)
    return sha256_bytes((__version__ + listing).encode())


def combined(parts: dict[str, str]) -> str:
    return sha256_bytes("\n".join(f"{k}={v}" for k, v in sorted(parts.items())).encode())
