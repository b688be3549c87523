"""Shared fixtures: a writable copy of the bundled data, and helpers to break it."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"


@pytest.fixture(scope="session")
def ajibarang_built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Ajibarang 2023 rendered once per test run, with its manifest, ledger entry, index and rekap.

    Returns the work folder: ``data/`` (a copy of the bundled data, which the
    archived ``parameter.yaml`` names) and ``output/``. Tests copy ``output/``
    before changing anything (the archive tests of verify and arsip share it).
    """
    from lkjip import index, manifest, render
    from lkjip.params import Params

    work = tmp_path_factory.mktemp("ajibarang")
    data, out = work / "data", work / "output"
    shutil.copytree(DATA, data)
    params = Params("ajibarang", 2023, str(data), str(out))
    render.render(params, finish=manifest.writer(params))
    index.build(2023, out, data)
    return work


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A copy of data/ that a test may edit."""
    target = tmp_path / "data"
    shutil.copytree(DATA, target)
    return target


Editor = Callable[[str, Callable[[pd.DataFrame], pd.DataFrame]], None]


@pytest.fixture
def edit(data_copy: Path) -> Editor:
    """``edit("target", fn)`` rewrites data_copy/target.csv with ``fn(frame)`` (all cells text)."""

    def _edit(table: str, fn: Callable[[pd.DataFrame], pd.DataFrame]) -> None:
        file = data_copy / f"{table}.csv"
        frame = pd.read_csv(file, dtype=str, keep_default_na=False)
        fn(frame).to_csv(file, index=False)

    return _edit


def set_cell(row: int, column: str, value: str) -> Callable[[pd.DataFrame], pd.DataFrame]:
    """Set the cell at spreadsheet row ``row`` (header = 1) of ``column``."""

    def fn(frame: pd.DataFrame) -> pd.DataFrame:
        frame.loc[row - 2, column] = value
        return frame

    return fn


def hasil_record(slug: str, tahun: int = 2023, **fields: object) -> dict:
    """A complete record of figures (:mod:`lkjip.recorded`) for ``slug``, with ``fields`` changed."""
    from lkjip.recorded import VERSION

    record = {
        "versi": VERSION,
        "kecamatan": slug,
        "tahun": tahun,
        "nama": slug.title(),
        "rata_rata": 97.5,
        "predikat": "Sangat Tinggi",
        "anggaran": 100,
        "realisasi": 90,
        "serapan": 90.0,
        "indikator_tercapai": 1,
        "jumlah_indikator": 1,
        "peringatan": 0,
        "data_contoh": True,
        "rekap": {"capaian": [], "program": [], "efisiensi": []},
    }
    record.update(fields)
    return record


def write_notebook(path: Path, *records: dict, mime: str | None = None) -> Path:
    """An executed notebook whose cells display ``records`` as the kernel's ``lap.ringkasan()`` does."""
    import nbformat

    from lkjip.recorded import MIME

    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("lap = lkjip.buka(kecamatan, tahun, data_dir)", execution_count=1)]
    for i, record in enumerate(records, 2):
        cell = nbformat.v4.new_code_cell("lap.ringkasan()", execution_count=i)
        cell.outputs = [
            nbformat.v4.new_output("execute_result", {mime or MIME: record, "text/plain": "Hasil"}, execution_count=i)
        ]
        nb.cells.append(cell)
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, path)
    return path


def write_report(year: Path, slug: str, record: dict | None = None, manifest: dict | None = None) -> Path:
    """A published report as the index sees it: ``manifest.json`` and the notebook with its recorded figures."""
    from lkjip import paths

    folder = year / slug
    folder.mkdir(parents=True, exist_ok=True)
    doc = manifest if manifest is not None else {"masukan": {"sidik": "x"}}
    (folder / "manifest.json").write_text(json.dumps(doc), encoding="utf-8")
    tahun = int(year.name)
    write_notebook(folder / f"{paths.output_stem(slug, tahun)}.ipynb", record or hasil_record(slug, tahun))
    return folder
