"""Formula injection: every text cell lkjip writes to .xlsx stays text, and reads back unchanged."""

from __future__ import annotations

import csv
import zipfile
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from lkjip import index
from lkjip.load import read_tables
from lkjip.workbook import csv_to_workbook
from lkjip.xlsx import RISKY_START, is_risky
from tests.conftest import DATA, hasil_record, write_report

HOSTILE = [
    '=HYPERLINK("http://x","klik")',
    "+1+cmd|' /C calc'!A0",
    "-5",
    "@SUM(A1:A2)",
    "\t=1+1",
    "\r=1+1",
    "＝1+1",
    "＋1",
    "－2",
    "＠A1",
    "=A1",
]


def _cells(path: Path):
    book = openpyxl.load_workbook(path)
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            yield from row


def _assert_no_formula(path: Path) -> list[str]:
    texts = []
    for cell in _cells(path):
        assert cell.data_type != "f", f"{cell.coordinate} is a formula: {cell.value!r}"
        if is_risky(cell.value):
            assert cell.data_type == "s"
            assert cell.quotePrefix, f"{cell.coordinate} {cell.value!r} is not quote-prefixed"
        if isinstance(cell.value, str):
            texts.append(cell.value)
    return texts


def test_every_risky_start_is_covered():
    assert all(is_risky(h) for h in HOSTILE)
    assert set(RISKY_START) >= {"=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠"}
    assert not is_risky("Program Penunjang") and not is_risky(5) and not is_risky(None)


def _report(year: Path, slug: str, h: str) -> None:
    hasil = hasil_record(
        slug,
        nama=h,
        rata_rata=96.5,
        predikat=h,
        data_contoh=False,
        rekap={
            "capaian": [
                {
                    "kode": h,
                    "uraian": h,
                    "satuan": h,
                    "polaritas": h,
                    "target": 1,
                    "realisasi": 1,
                    "realisasi_lalu": None,
                    "capaian": 100,
                    "predikat": h,
                }
            ],
            "program": [{"kode": h, "nama": h, "anggaran": 100, "realisasi": 90, "serapan": 90.0}],
            "efisiensi": [
                {"sasaran": h, "sasaran_uraian": h, "capaian": 100, "serapan": 90, "tingkat": 10, "efisien": True}
            ],
        },
    )
    write_report(year, slug, hasil)


def test_rekap_xlsx_keeps_hostile_text_as_text(tmp_path: Path):
    data, out = tmp_path / "data", tmp_path / "output"
    data.mkdir()
    slugs = [f"k{i}" for i in range(len(HOSTILE))]
    registry = pd.DataFrame({"kode": HOSTILE, "slug": slugs, "nama": HOSTILE})
    registry.to_csv(data / "kecamatan.csv", index=False, quoting=csv.QUOTE_ALL)
    for slug, h in zip(slugs, HOSTILE, strict=True):
        _report(out / "2023", slug, h)
    index.build(2023, output=out, data=data, force=True)
    xlsx = out / "2023" / "rekap_2023.xlsx"
    # a carriage return comes back as written (openpyxl writes it as &#13; with lxml installed) or, from
    # a literal one, as a line feed (XML's line-end rule); either way the cell is text, never a formula
    texts = [t.replace("\r", "\n") for t in _assert_no_formula(xlsx)]
    for h in HOSTILE:  # kode, kecamatan, predikat, uraian, satuan, program, sasaran: each as written
        assert texts.count(h.replace("\r", "\n")) >= 10, repr(h)
    sheets = pd.read_excel(xlsx, sheet_name=None, dtype=str)
    expected = [h.replace("\r", "\n") for h in HOSTILE]
    assert [str(x).replace("\r", "\n") for x in sheets["Rekap"]["Kecamatan"]] == expected
    assert [str(x).replace("\r", "\n") for x in sheets["Anggaran Program"]["nama"]] == expected


@pytest.fixture
def hostile_csv(data_copy: Path) -> Path:
    """Hostile text in every text column of the program table (and a number-looking text)."""
    file = data_copy / "program.csv"
    frame = pd.read_csv(file, dtype=str, keep_default_na=False)
    for i in range(len(frame)):
        frame.loc[i, "nama"] = HOSTILE[i % len(HOSTILE)]
    frame.to_csv(file, index=False, quoting=csv.QUOTE_ALL)
    return data_copy


def test_workbook_round_trip_is_identical(hostile_csv: Path, tmp_path: Path):
    target = csv_to_workbook(hostile_csv, tmp_path / "data.xlsx")
    texts = _assert_no_formula(target)
    assert "=A1" in texts and "-5" in texts
    from_csv, _ = read_tables(hostile_csv)
    from_xlsx, _ = read_tables(target)
    assert set(from_csv) == set(from_xlsx)
    for name, table in from_csv.items():
        a = table.frame.drop(columns="_baris").astype(str).reset_index(drop=True)
        b = from_xlsx[name].frame.drop(columns="_baris").astype(str).reset_index(drop=True)
        pd.testing.assert_frame_equal(a, b, check_dtype=False, obj=name)
    names = list(from_xlsx["program"].frame["nama"])
    assert names == list(from_csv["program"].frame["nama"])
    assert {'=HYPERLINK("http://x","klik")', "=A1", "-5", "@SUM(A1:A2)", "＝1+1"} <= set(names)


def test_written_workbooks_carry_no_save_time(tmp_path: Path):
    """Same data, same bytes: no save time in the zip entries nor in docProps/core.xml."""
    target = csv_to_workbook(DATA, tmp_path / "a.xlsx")
    with zipfile.ZipFile(target) as z:
        assert {i.date_time for i in z.infolist()} == {(2000, 1, 1, 0, 0, 0)}
        core = z.read("docProps/core.xml").decode()
    assert "2000-01-01T00:00:00Z</dcterms:modified>" in core
    again = csv_to_workbook(DATA, tmp_path / "b.xlsx")
    assert target.read_bytes() == again.read_bytes()
    assert read_tables(target)[0]["program"].frame.equals(read_tables(again)[0]["program"].frame)
