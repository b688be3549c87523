"""Input hashes: what a report depends on, and nothing else."""

from __future__ import annotations

import csv
import hashlib
import io
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from lkjip import canonical, fingerprint, paths
from lkjip.params import Params
from tests.conftest import DATA, ROOT, set_cell


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


def test_an_override_file_counts_for_its_kecamatan_only_as_its_bytes(data_copy: Path):
    before = {s: _parts(data_copy, s) for s in ("ajibarang", "lumbir")}
    narasi = paths.kecamatan_folder(data_copy, "ajibarang", 2023) / "narasi"
    narasi.mkdir(parents=True, exist_ok=True)
    (narasi / "penutup.md").write_text("Penutup.", encoding="utf-8")
    after = {s: _parts(data_copy, s) for s in ("ajibarang", "lumbir")}
    assert after["ajibarang"]["narasi_lampiran/narasi/penutup.md"] == hashlib.sha256(b"Penutup.").hexdigest()
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


# ---------------------------------------------------------------- reproducible with sha256sum

RECIPES = {
    "data/target": "(head -1 data/target.csv; grep '^ajibarang,' data/target.csv) | sha256sum",
    "data/realisasi": "(head -1 data/realisasi.csv; grep '^ajibarang,' data/realisasi.csv) | sha256sum",
    "data/kecamatan": """awk -F, 'NR == 1 || $3 == "ajibarang"' data/kecamatan.csv | sha256sum""",
    "data/regulasi": "sha256sum data/regulasi.csv",
    "data/inovasi": "python -m lkjip.canonical data inovasi ajibarang | sha256sum",
    "notebook": "sha256sum notebooks/lkjip.ipynb",
}


@pytest.mark.parametrize("part", sorted(RECIPES))
def test_the_readme_recipe_reproduces_the_input_hash(part: str):
    """The shell lines of README "Reproducing an input hash", run on the bundled data."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert RECIPES[part] in readme
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"}
    done = subprocess.run(["sh", "-c", RECIPES[part]], cwd=ROOT, env=env, capture_output=True, text=True, check=True)
    assert done.stdout.split()[0] == fingerprint.inputs(Params("ajibarang", 2023, "data", "output"))[part]


def test_the_parameter_hash_is_that_of_the_archived_parameter_file(tmp_path: Path):
    from lkjip.params import dump

    params = Params("ajibarang", 2023, "data", "output")
    (tmp_path / "parameter.yaml").write_text(dump(params), encoding="utf-8")  # as render writes it
    done = subprocess.run(["sha256sum", "parameter.yaml"], cwd=tmp_path, capture_output=True, text=True, check=True)
    assert done.stdout.split()[0] == fingerprint.inputs(params)["parameter"]


def test_the_written_canonical_csv_is_what_is_hashed(tmp_path: Path):
    out = canonical.write_csv(DATA, "inovasi", "ajibarang", tmp_path / "inovasi.csv")
    assert out is not None
    text = out.read_bytes()
    assert text.startswith(b"kecamatan,tahun,") and text.endswith(b"\n") and b"\r" not in text
    assert hashlib.sha256(text).hexdigest() == _parts(DATA)["data/inovasi"]
    assert canonical.write_csv(tmp_path, "target", "ajibarang", tmp_path / "x.csv") is None  # no such table


def _rewrite(path: Path, change) -> None:
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))
    out = io.StringIO(newline="")
    csv.writer(out, lineterminator="\r\n", quoting=csv.QUOTE_ALL).writerows(change(rows))
    path.write_bytes(b"\xef\xbb\xbf" + out.getvalue().encode("utf-8"))  # BOM, CRLF, every cell quoted


def test_column_order_line_endings_quotes_and_bom_do_not_change_the_hash(data_copy: Path):
    before = _parts(data_copy)
    _rewrite(data_copy / "target.csv", lambda rows: [r[::-1] for r in rows])  # columns reversed
    _rewrite(data_copy / "profil.csv", lambda rows: [[f" {c} " for c in r] for r in rows])  # padded cells
    after = _parts(data_copy)
    assert after["data/target"] == before["data/target"]
    assert after["data/profil"] == before["data/profil"]


def test_a_row_of_another_kecamatan_does_not_change_this_kecamatans_hash(data_copy: Path):
    before = {s: _parts(data_copy, s)["data/target"] for s in ("ajibarang", "lumbir")}
    path = data_copy / "target.csv"
    path.write_text(path.read_text(encoding="utf-8") + "lumbir,IK99,2023,5\n", encoding="utf-8")
    after = {s: _parts(data_copy, s)["data/target"] for s in ("ajibarang", "lumbir")}
    assert after["ajibarang"] == before["ajibarang"] and after["lumbir"] != before["lumbir"]


def _tables(parts: dict[str, str]) -> dict[str, str]:
    return {k: v for k, v in parts.items() if k.startswith("data/")}


def test_a_workbook_gives_the_same_hashes_as_its_csv_folder(tmp_path: Path, data_copy: Path):
    from lkjip.workbook import csv_to_workbook

    book = csv_to_workbook(data_copy, tmp_path / "data.xlsx")
    for slug in ("ajibarang", "lumbir"):
        assert _tables(_parts(book, slug)) == _tables(_parts(data_copy, slug))


def _shortest(text: str) -> bool:
    """``text`` is a number in the canonical spelling of a number cell (so '007' or '1.50' are not)."""
    if not text[:1].isdigit():
        return False
    try:
        number = float(text)
    except ValueError:
        return False
    return text == (str(int(number)) if number.is_integer() else repr(number))


def test_numbers_typed_in_a_workbook_are_written_in_their_shortest_decimal_form(tmp_path: Path, data_copy: Path):
    import openpyxl

    from lkjip.workbook import csv_to_workbook

    book = csv_to_workbook(data_copy, tmp_path / "data.xlsx")
    wb = openpyxl.load_workbook(book)
    typed = 0
    for name in ("target", "realisasi", "profil", "program"):
        for row in wb[name].iter_rows(min_row=2):
            for cell in row:
                if isinstance(cell.value, str) and _shortest(cell.value):
                    cell.value = float(cell.value)  # as Excel stores every number: 86 becomes 86.0
                    typed += 1
    wb.save(book)
    assert typed > 100
    assert _tables(_parts(book)) == _tables(_parts(data_copy))  # the bundled data spells numbers that way


def test_a_percent_cell_is_written_as_the_percentage_it_shows(tmp_path: Path, data_copy: Path):
    """The one documented difference: the CSV's '100' and a cell 1.0 shown as 100% are different inputs."""
    import openpyxl

    from lkjip.workbook import csv_to_workbook

    book = csv_to_workbook(data_copy, tmp_path / "data.xlsx")
    wb = openpyxl.load_workbook(book)
    cell = wb["realisasi"]["D9"]  # ajibarang IK2 2023
    cell.value, cell.number_format = 0.965, "0.0%"
    wb.save(book)
    data = canonical.table_bytes(book, "realisasi", "ajibarang")
    assert data is not None and b"ajibarang,IK2,2023,96.5%\n" in data
