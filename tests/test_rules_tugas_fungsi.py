"""The camat's tugas and fungsi (tugas_fungsi.csv, shared): numbered as the regulation (lkjip.rules.tugas_fungsi)."""

from __future__ import annotations

import pandas as pd

from lkjip.problems import SHARED
from lkjip.validate import validate
from tests.conftest import DATA, set_cell


def _errors(data, tahun: int = 2023) -> list:
    return [p for p in validate(data, tahun, ["ajibarang"]).errors if p.location.endswith("tugas_fungsi.csv")]


def test_the_bundled_text_is_valid_and_complete():
    assert _errors(DATA) == []
    tf = validate(DATA, 2023, ["ajibarang"]).dataset["tugas_fungsi"]
    fungsi = tf[tf["jenis"] == "fungsi"]
    assert list(fungsi.loc[~fungsi["nomor"].str.contains(r"\."), "nomor"]) == list("abcdefghijk")
    assert fungsi["nomor"].str.contains(r"\.").sum() == 26  # b: 7, c: 4, d: 3, e: 2, f: 3, g: 3, i: 4
    assert not tf["teks"].str.contains("JDIH|perundangundangan").any()  # transcription artefacts repaired


def test_a_sub_point_number_that_skips_is_an_error_naming_row_and_value(data_copy, edit):
    edit("tugas_fungsi", lambda f: f[f["nomor"] != "b.4"])  # b.5 now follows b.3, in row 8
    [p] = _errors(data_copy)
    assert (p.row, p.column, p.value) == (8, "nomor", "b.5")
    assert "seharusnya b.4" in p.message and p.reach == SHARED
    text = str(p)
    assert "tugas_fungsi.csv" in text and "baris 8" in text and "Perbaikan: Tambahkan sub-butir b.4" in text


def test_a_missing_letter_is_an_error(data_copy, edit):
    edit("tugas_fungsi", lambda f: f[f["nomor"] != "h"])
    [p] = _errors(data_copy)
    assert (p.column, p.value) == ("nomor", "i") and "seharusnya butir h" in p.message
    assert "Perbaikan: Tambahkan butir h" in str(p)


def test_a_sub_point_without_its_point_is_an_error(data_copy, edit):
    edit("tugas_fungsi", lambda f: pd.concat([f, pd.DataFrame([{"jenis": "fungsi", "nomor": "m.1", "teks": "x;"}])]))
    [p] = _errors(data_copy)
    assert (p.row, p.column, p.value) == (40, "nomor", "m.1") and "butir m" in p.message


def test_tugas_is_one_sentence_and_fungsi_must_be_there(data_copy, edit):
    edit("tugas_fungsi", lambda f: f[f["jenis"] == "tugas"].assign(nomor="b"))
    problems = _errors(data_copy)
    assert {(p.column, p.value) for p in problems} == {("nomor", "b"), ("jenis", None)}
    assert any("berjenis 'fungsi'" in p.message for p in problems)


def test_a_wrong_kind_is_refused_by_the_schema(data_copy, edit):
    edit("tugas_fungsi", set_cell(2, "jenis", "wewenang"))
    problems = _errors(data_copy)
    assert any((p.row, p.column, p.value) == (2, "jenis", "wewenang") for p in problems)


def test_the_workbook_is_checked_alike_and_names_its_sheet(tmp_path, data_copy, edit):
    from lkjip.workbook import csv_to_workbook

    edit("tugas_fungsi", set_cell(5, "nomor", "b.8"))  # b.1 written as b.8: the list now starts at b.2
    book = csv_to_workbook(data_copy, tmp_path / "data.xlsx")
    [p] = [p for p in validate(book, 2023, ["ajibarang"]).errors]
    assert p.location.endswith("data.xlsx, lembar 'tugas_fungsi'")
    assert (p.row, p.column, p.value) == (6, "nomor", "b.2") and "seharusnya b.1" in p.message
