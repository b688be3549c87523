"""Slugs and params files: no path from typed text, params/ belongs to the analyst."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from lkjip.params import read
from tests.conftest import DATA, ROOT

LKJIP = str(Path(sys.executable).parent / "lkjip")


@pytest.fixture
def project(tmp_path):
    """A project root of its own (LKJIP_ROOT): data/, notebooks/, params/."""
    root = tmp_path / "proyek"
    (root / "notebooks").mkdir(parents=True)
    shutil.copy(ROOT / "notebooks" / "lkjip.ipynb", root / "notebooks")
    (root / "pyproject.toml").write_text("")
    shutil.copytree(DATA, root / "data")
    (root / "params" / "2023").mkdir(parents=True)
    return root


def lkjip(root: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "LKJIP_ROOT": str(root)}
    return subprocess.run([LKJIP, *args], capture_output=True, text=True, cwd=root, env=env, timeout=300)


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("typed", ["../../etc", "/etc/passwd", "ajibarang/../../x", "..", "AJIBARANG/../.."])
def test_a_slug_that_is_a_path_is_refused_and_nothing_is_written(project, typed):
    before = snapshot(project.parent)
    done = lkjip(project, "report", "-k", typed, "-t", "2023")
    assert done.returncode == 2, done.stdout + done.stderr
    assert "tidak terdaftar" in done.stderr and "Traceback" not in done.stderr
    assert snapshot(project.parent) == before


def test_a_mistyped_slug_gets_the_nearest_one_as_a_hint(project):
    done = lkjip(project, "report", "-k", "ajibarng", "-t", "2023")
    assert done.returncode == 2 and "'ajibarng' (maksudnya ajibarang?)" in done.stderr


@pytest.mark.e2e
def test_an_upper_case_slug_is_the_registered_kecamatan_and_no_params_file_appears(project):
    done = lkjip(project, "report", "-k", "AJIBARANG", "-t", "2023")
    assert done.returncode == 0, done.stdout + done.stderr
    assert (project / "output" / "2023" / "ajibarang" / "lkjip_ajibarang_2023.pdf").is_file()
    assert list((project / "params" / "2023").iterdir()) == []  # report writes no params file
    used = read(project / "output" / "2023" / "ajibarang" / "parameter.yaml")
    assert (used.kecamatan, used.data_dir, used.output_dir) == ("ajibarang", "data", "output")


@pytest.mark.e2e
def test_the_batch_reads_params_files_and_never_rewrites_them(project, tmp_path):
    params = project / "params" / "2023"
    (params / "ajibarang.yaml").write_text(
        "# diedit analis: data revisi Januari\nkecamatan: ajibarang\ntahun: 2023\ndata_dir: data\noutput_dir: output\n"
    )
    (params / "lumbir.yaml").write_text("kecamatan: lumbir\ntahun: 2023\ndata_dir: data\noutput_dir: lain\n")
    before = snapshot(params)

    done = lkjip(project, "batch", "-t", "2023", "-k", "ajibarang,lumbir")
    assert done.returncode == 1, done.stdout + done.stderr
    assert (project / "output" / "2023" / "ajibarang" / "lkjip_ajibarang_2023.pdf").is_file()
    assert "'lain'" in done.stdout and "lkjip report -k lumbir" in done.stdout  # refused, not guessed
    assert snapshot(params) == before

    scratch = tmp_path / "coba"
    done = lkjip(project, "batch", "-t", "2023", "-k", "ajibarang", "--data", "data", "--output", str(scratch))
    assert done.returncode == 0, done.stdout + done.stderr
    assert snapshot(params) == before  # command-line values go to the run's own record, not to params/
    used = read(scratch / "2023" / "ajibarang" / "parameter.yaml")
    assert used.output_dir == str(scratch)

    done = lkjip(project, "report", "-k", "lumbir", "-t", "2023")  # the analyst's file decides where it goes
    assert done.returncode == 0, done.stdout + done.stderr
    assert "params/2023/lumbir.yaml" in done.stdout
    assert (project / "lain" / "2023" / "lumbir" / "lkjip_lumbir_2023.pdf").is_file()
    assert snapshot(params) == before


def test_lkjip_params_writes_only_missing_files(project):
    (project / "params" / "2023" / "ajibarang.yaml").write_text("# milik analis\nkecamatan: ajibarang\ntahun: 2023\n")
    done = lkjip(project, "params", "-t", "2023")
    assert done.returncode == 0, done.stderr
    assert "26 berkas parameter baru" in done.stdout and "1 yang sudah ada tidak diubah" in done.stdout
    assert (project / "params" / "2023" / "ajibarang.yaml").read_text().startswith("# milik analis")
    assert len(list((project / "params" / "2023").glob("*.yaml"))) == 27
