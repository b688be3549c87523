"""A notebook cell that runs too long fails its kecamatan with a clear message, and the kernel is stopped."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import nbformat
import psutil
import pytest

from lkjip import paths, render
from lkjip.errors import NotebookExecutionError, ParameterError
from lkjip.params import Params


def _sleepy_notebook(folder: Path) -> Path:
    nb = nbformat.v4.new_notebook()
    params = nbformat.v4.new_code_cell(
        'kecamatan = "ajibarang"\ntahun = 2023\ndata_dir = "data"\noutput_dir = "output"'
    )
    params.metadata["tags"] = ["parameters"]
    nb.cells = [params, nbformat.v4.new_code_cell("x = 1"), nbformat.v4.new_code_cell("import time\ntime.sleep(120)")]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    path = folder / "lambat.ipynb"
    nbformat.write(nb, path)
    return path


def _children() -> set[int]:
    return {p.pid for p in psutil.Process().children(recursive=True) if p.status() != psutil.STATUS_ZOMBIE}


def test_a_cell_over_the_limit_fails_the_kecamatan_and_stops_the_kernel(data_copy, tmp_path, monkeypatch):
    monkeypatch.setenv(render.CELL_TIMEOUT_ENV, "2")
    params = Params("ajibarang", 2023, str(data_copy), str(tmp_path / "output"))
    before = _children()
    seen: set[int] = set()
    running = threading.Event()
    running.set()

    def watch() -> None:
        while running.is_set():
            seen.update(_children() - before)
            time.sleep(0.2)

    watcher = threading.Thread(target=watch)
    watcher.start()
    start = time.monotonic()
    try:
        with pytest.raises(NotebookExecutionError) as info:
            render.render(params, notebook=_sleepy_notebook(tmp_path))
    finally:
        running.clear()
        watcher.join()
    assert time.monotonic() - start < 60  # not the 120 s the cell asks for
    message = str(info.value)
    # the cell, by its place in the executed notebook (after papermill's injected parameters) and its first line
    assert "Notebook dihentikan pada sel ke-4 (import time): melampaui batas waktu 2 detik per sel." in message
    # the kecamatan's narrative overrides are named as the likely cause
    assert "ajibarang/2023/narasi/analisis_S1.md" in message and "analisis_T1.md" in message
    assert "lkjip check" in message and render.CELL_TIMEOUT_ENV in message
    # the failed notebook is kept, no report is published
    kept = tmp_path / "output" / "2023" / paths.FAILED_DIR / f"{paths.output_stem('ajibarang', 2023)}.ipynb"
    assert str(kept) in message and kept.exists()
    assert (info.value.cell, info.value.kept_notebook, info.value.kecamatan) == (4, kept, "ajibarang")
    assert not paths.output_folder(params.output_dir, 2023, "ajibarang").exists()
    # the kernel ran as our child, and was stopped: no process of ours is left over
    assert seen
    assert _children() - before == set()
    assert not any(psutil.pid_exists(pid) and psutil.Process(pid).status() != psutil.STATUS_ZOMBIE for pid in seen)


def test_cell_timeout_default_and_environment(monkeypatch):
    monkeypatch.delenv(render.CELL_TIMEOUT_ENV, raising=False)
    assert render.cell_timeout() == render.CELL_TIMEOUT == 300
    monkeypatch.setenv(render.CELL_TIMEOUT_ENV, " 45 ")
    assert render.cell_timeout() == 45
    for bad in ("0", "-3", "lima", "2.5"):
        monkeypatch.setenv(render.CELL_TIMEOUT_ENV, bad)
        with pytest.raises(ParameterError, match=f"{render.CELL_TIMEOUT_ENV}='{bad}' tidak sah"):
            render.cell_timeout()


def test_the_message_names_the_cell_and_says_when_there_is_no_override(data_copy, tmp_path):
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_code_cell("x = 1"),
        nbformat.v4.new_code_cell("\nlap = lkjip.buka(kecamatan, tahun, data_dir)\nlap"),
        nbformat.v4.new_code_cell("y = 2"),
    ]
    nb.cells[0].metadata["papermill"] = {"start_time": "2024-01-01T00:00:00"}
    nb.cells[1].metadata["papermill"] = {"start_time": "2024-01-01T00:00:01"}
    out = tmp_path / "gagal.ipynb"
    nbformat.write(nb, out)
    message, cell = render._timeout_message(Params("kedungbanteng", 2023, str(data_copy)), out, 300)
    assert cell == 2
    assert message.startswith(
        "Notebook dihentikan pada sel ke-2 (lap = lkjip.buka(kecamatan, tahun, data_dir)): "
        "melampaui batas waktu 300 detik per sel. Kecamatan ini tidak punya narasi pengganti."
    )
