"""The problem builder of the rules (rules.at.At); the rules themselves are pinned by test_validate."""

from __future__ import annotations

import pandas as pd

from lkjip.dataset import Dataset
from lkjip.load import ROW
from lkjip.problems import ERROR, WARNING
from lkjip.rules import PER_KECAMATAN
from lkjip.rules.at import At


def _ds() -> Dataset:
    return Dataset({}, {"target": "data/target.csv"})


def test_a_problem_names_file_row_column_and_the_cells_value():
    row = pd.Series({ROW: 14, "target": 16.0, "indikator": "IK7"})
    p = At(_ds(), "target", "lumbir").error(row, "target", "Target tidak masuk akal.", "Periksa angkanya.")
    assert (p.location, p.row, p.column, p.value, p.level, p.kecamatan) == (
        "data/target.csv",
        14,
        "target",
        "16",
        ERROR,
        "lumbir",
    )
    assert p.where() == "data/target.csv, baris 14, kolom 'target'"


def test_a_warning_without_a_row_and_with_a_given_value():
    p = At(_ds(), "target").warning(None, "tabel", "Sumber belum diisi.", "Isi sumbernya.", value="capaian")
    assert (p.row, p.value, p.level, p.kecamatan) == (None, "capaian", WARNING, None)


def test_every_kecamatan_rule_is_registered_once():
    names = [r.__name__ for r in PER_KECAMATAN]
    assert len(names) == len(set(names)) and names[0] == "check_profil" and "check_organisasi" in names
