"""lkjip formulir: the form's sheets, prefill, protection and hidden sheet; the CLI writes one per kecamatan."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from lkjip.cli import main
from lkjip.formulir import tulis
from lkjip.formulir_lembar import LEMBAR, META, PETUNJUK

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def form(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tulis(ROOT / "data", "ajibarang", 2023, tmp_path_factory.mktemp("f"))


def test_sheets_prefill_and_protection(form: Path) -> None:
    book = openpyxl.load_workbook(form)
    assert book.sheetnames == [PETUNJUK, *(s.nama for s in LEMBAR), META]
    assert book[META].sheet_state == "hidden"
    kinerja = book["Kinerja"]
    assert [kinerja.cell(5, j).value for j in (1, 3, 4, 5, 6)] == ["IK1", "Indeks", 85, 86, 86]
    assert kinerja.protection.sheet and kinerja["A5"].protection.locked and kinerja["D5"].protection.locked
    assert not kinerja["F5"].protection.locked  # realisasi: input
    assert kinerja["F5"].fill.fgColor.rgb.endswith("FFF2CC")
    program = book["Program"]
    assert program["C5"].value == 2606180529 and program["C5"].number_format == "#,##0"
    assert any(dv.type == "whole" for dv in program.data_validations.dataValidation)
    assert book[META]["B1"].value == "ajibarang" and book[META]["B2"].value == 2023
    assert len(book[META]["B4"].value) == 64


def test_sample_kecamatan_gets_no_figures(tmp_path: Path) -> None:
    book = openpyxl.load_workbook(tulis(ROOT / "data", "lumbir", 2023, tmp_path))
    kinerja = book["Kinerja"]
    assert kinerja["A5"].value and kinerja["E5"].value is None and kinerja["F5"].value is None
    assert book["Profil"]["B5"].value is None
    assert all(book["Program"].cell(r, 3).value is None for r in range(5, 12))


def test_same_data_same_bytes(tmp_path: Path, form: Path) -> None:
    again = tulis(ROOT / "data", "ajibarang", 2023, tmp_path)
    assert again.read_bytes() == form.read_bytes()


def test_cli_writes_one_form_per_kecamatan(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["formulir", "--tahun", "2023", "-k", "ajibarang,lumbir", "--output", str(tmp_path)])
    assert code == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["formulir_ajibarang_2023.xlsx", "formulir_lumbir_2023.xlsx"]
    assert "2 formulir tahun 2023." in capsys.readouterr().out
