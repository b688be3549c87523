"""The one place that knows where things are.

Relative paths given by a user (in a params file, the notebook's parameters
cell or the CLI) are resolved against the project root: the nearest folder,
from the current directory upwards, that holds ``pyproject.toml`` and
``notebooks/``. That way ``data`` means the same folder whether papermill runs
from the project root or JupyterLab runs the notebook from ``notebooks/``.
"""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
TEMPLATES_DIR = PACKAGE_DIR / "templates"
NBCONVERT_TEMPLATES_DIR = TEMPLATES_DIR / "nbconvert"

MASTER_NOTEBOOK = Path("notebooks") / "lkjip.ipynb"
DATA_DIR = Path("data")
OUTPUT_DIR = Path("output")
PARAMS_DIR = Path("params")
FAILED_DIR = "_gagal"  # output/<tahun>/_gagal/: failed notebooks and the batch's failure records
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg")  # appendix images in data/kecamatan/<slug>/<tahun>/lampiran/


def project_root(start: Path | None = None) -> Path:
    """The project root above ``start`` (default: the current directory).

    ``LKJIP_ROOT`` overrides the search. Run from a folder outside any project
    (``cd /tmp && lkjip batch ...``), it is the checkout lkjip is installed
    from (``pip install -e``); failing that, ``start`` itself.
    """
    env = os.environ.get("LKJIP_ROOT")
    if env:
        return Path(env).resolve()
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents, PACKAGE_DIR.parent):  # then the checkout lkjip is installed from
        if (folder / "pyproject.toml").is_file() and (folder / "notebooks").is_dir():
            return folder
    return here


def resolve(path: str | os.PathLike[str], root: Path | None = None) -> Path:
    """An absolute path; relative ones are taken from the project root."""
    p = Path(path).expanduser()
    if p.is_absolute():
        return p
    return (root or project_root()) / p


def output_folder(output_dir: str | os.PathLike[str], tahun: int, slug: str) -> Path:
    """``<output>/<tahun>/<slug>/``: where one kecamatan's report goes."""
    return resolve(output_dir) / str(tahun) / slug


def output_stem(slug: str, tahun: int) -> str:
    """Base file name of one report's outputs, e.g. ``lkjip_ajibarang_2023``."""
    return f"lkjip_{slug}_{tahun}"


def params_file(tahun: int, slug: str, params_dir: str | os.PathLike[str] = PARAMS_DIR) -> Path:
    return resolve(params_dir) / str(tahun) / f"{slug}.yaml"


def data_folder(data: str | os.PathLike[str]) -> Path:
    """The folder the data's own files lie in: the data folder, or for a workbook the folder beside it."""
    base = Path(data)
    return base.parent if base.is_file() else base


def data_of_folder(folder: Path) -> Path:
    """The data folder (or the workbook's folder) of a kecamatan-year folder (:func:`kecamatan_folder`)."""
    return folder.parent.parent.parent


def kecamatan_folder(data: str | os.PathLike[str], slug: str, tahun: int) -> Path:
    """``<data>/kecamatan/<slug>/<tahun>/``: narrative overrides and images of one report.

    For a workbook, the folder sits beside it: ``<folder of the .xlsx>/kecamatan/...``.
    """
    return data_folder(data) / "kecamatan" / slug / str(tahun)
