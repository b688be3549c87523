"""Run parameters: the params file is the whole record of one run."""

from __future__ import annotations

import os
from dataclasses import asdict, dataclass
from pathlib import Path

import yaml

from lkjip.errors import ParameterError
from lkjip.paths import DATA_DIR, OUTPUT_DIR, PARAMS_DIR, params_file

KEYS = ("kecamatan", "tahun", "data_dir", "output_dir")


@dataclass(frozen=True)
class Params:
    """The values papermill injects into the master notebook's parameters cell."""

    kecamatan: str
    tahun: int
    data_dir: str = str(DATA_DIR)
    output_dir: str = str(OUTPUT_DIR)

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


def read(path: str | os.PathLike[str]) -> Params:
    """Read and check a params YAML file."""
    p = Path(path)
    try:
        raw = yaml.safe_load(p.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise ParameterError(f"Berkas parameter '{p}' tidak dapat dibaca: {exc}") from exc
    unknown = sorted(set(raw) - set(KEYS))
    if unknown:
        raise ParameterError(
            f"Berkas parameter '{p}' memuat kunci tidak dikenal: {', '.join(unknown)}. "
            f"Perbaikan: gunakan hanya {', '.join(KEYS)}."
        )
    try:
        return Params(
            kecamatan=str(raw["kecamatan"]),
            tahun=int(raw["tahun"]),
            **{k: str(raw[k]) for k in ("data_dir", "output_dir") if k in raw},
        )
    except (KeyError, ValueError) as exc:
        raise ParameterError(
            f"Berkas parameter '{p}' tidak lengkap atau salah ({exc}). "
            "Perbaikan: isi kecamatan (slug) dan tahun (angka)."
        ) from exc


def dump(params: Params) -> str:
    """YAML text of ``params``, keys in a fixed order (stable diffs)."""
    header = "# Parameter LKjIP: papermill notebooks/lkjip.ipynb <keluaran>.ipynb -f <berkas ini>\n"
    return header + yaml.safe_dump(params.as_dict(), sort_keys=False, allow_unicode=True)


def write_new(params: Params, params_dir: str | os.PathLike[str] = PARAMS_DIR) -> Path | None:
    """Write ``params/<tahun>/<slug>.yaml`` unless it exists; returns the path written, or None.

    A params file belongs to the analyst once it exists: nothing in lkjip
    rewrites it (the parameters of each run are archived in its output folder).
    """
    path = params_file(params.tahun, params.kecamatan, params_dir)
    if path.exists():
        return None
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(dump(params), encoding="utf-8")
    return path
