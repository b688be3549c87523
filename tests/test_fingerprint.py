"""Input hashes: what a report depends on, and nothing else."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from lkjip import fingerprint, paths
from lkjip.params import Params
from tests.conftest import set_cell


def _parts(data: Path, slug: str = "ajibarang") -> dict[str, str]:
    return fingerprint.inputs(Params(slug, 2023, str(data), "output"))


def test_the_same_inputs_give_the_same_hashes(data_copy: Path):
    assert _parts(data_copy) == _parts(data_copy)
    assert fingerprint.combined(_parts(data_copy)) == fingerprint.combined(_parts(data_copy))


def test_a_kecamatans_own_row_changes_only_its_own_hash(data_copy: Path, edit):
    before = {s: _parts(data_copy, s) for s in ("ajibarang", "lumbir")}
    edit("profil", set_cell(2, "alamat", "Jl. Baru No. 1"))  # spreadsheet row 2: ajibarang 2023
    after = {s: _parts(data_copy, s) for s in ("ajibarang", "lumbir")}
    assert after["ajibarang"]["data/profil"] != before["ajibarang"]["data/profil"]
    assert after["lumbir"] == before["lumbir"]


@pytest.mark.parametrize("table", fingerprint.SHARED_TABLES)
def test_a_shared_table_counts_for_every_kecamatan(data_copy: Path, table: str):
    before = {s: _parts(data_copy, s)[f"data/{table}"] for s in ("ajibarang", "lumbir")}
    path = data_copy / f"{table}.csv"
    text = path.read_text(encoding="utf-8")
    path.write_text(text + text.strip().splitlines()[-1] + "\n", encoding="utf-8")  # one more row
    after = {s: _parts(data_copy, s)[f"data/{table}"] for s in ("ajibarang", "lumbir")}
    assert after["ajibarang"] != before["ajibarang"] and after["lumbir"] != before["lumbir"]


def test_an_override_file_counts_for_its_kecamatan_only(data_copy: Path):
    before = {s: _parts(data_copy, s)["narasi_lampiran"] for s in ("ajibarang", "lumbir")}
    narasi = paths.kecamatan_folder(data_copy, "ajibarang", 2023) / "narasi"
    narasi.mkdir(parents=True, exist_ok=True)
    (narasi / "penutup.md").write_text("Penutup.", encoding="utf-8")
    after = {s: _parts(data_copy, s)["narasi_lampiran"] for s in ("ajibarang", "lumbir")}
    assert after["ajibarang"] != before["ajibarang"] and after["lumbir"] == before["lumbir"]


def test_the_code_hash_covers_modules_in_sub_packages(tmp_path: Path, monkeypatch):
    """A change in lkjip/outline/ or lkjip/rules/ must rebuild the reports, as one in lkjip/*.py does."""
    package = tmp_path / "lkjip"
    shutil.copytree(paths.PACKAGE_DIR, package, ignore=shutil.ignore_patterns("__pycache__", "templates"))
    monkeypatch.setattr(paths, "PACKAGE_DIR", package)
    before = fingerprint.code_hash()
    builder = package / "outline" / "builder.py"
    builder.write_text(builder.read_text(encoding="utf-8") + "\n# changed\n", encoding="utf-8")
    assert fingerprint.code_hash() != before
