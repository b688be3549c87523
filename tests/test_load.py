"""CSV folder and .xlsx workbook give the same typed data."""

import pandas as pd

from lkjip.load import read_tables
from lkjip.schema import TABLES
from lkjip.validate import validate
from lkjip.workbook import csv_to_workbook
from tests.conftest import DATA


def test_workbook_reads_like_the_csv_folder(tmp_path):
    book = csv_to_workbook(DATA, tmp_path / "data.xlsx")
    a, b = validate(DATA, 2023), validate(book, 2023)
    assert a.errors == [] and b.errors == []

    def table_warnings(report):
        return [(p.row, p.column, p.value, p.message) for p in report.warnings if "/kecamatan/" not in p.location]

    assert table_warnings(a) == table_warnings(b)
    for name in TABLES:
        pd.testing.assert_frame_equal(a.dataset[name], b.dataset[name], check_dtype=False)


def test_rows_are_numbered_as_in_a_spreadsheet():
    raw, problems = read_tables(DATA)
    assert problems == []
    rows = list(raw["target"].frame["_baris"])
    assert rows == list(range(2, len(rows) + 2))


def test_data_readme_documents_every_table_and_column():
    readme = (DATA / "README.md").read_text(encoding="utf-8")
    for name, spec in TABLES.items():
        assert f"`{name}.csv`" in readme, name
        section = readme.split(f"`{name}.csv`", 1)[1]
        for column in spec.model.model_fields:
            assert f"`{column}`" in section, f"{name}.{column}"
