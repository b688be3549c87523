"""Catalogue of bad inputs: each names file, row, column and value, says the fix, and writes nothing."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from lkjip.checks import check
from lkjip.errors import DataValidationError
from lkjip.params import Params
from lkjip.render import render
from lkjip.validate import validate
from lkjip.workbook import csv_to_workbook
from tests.conftest import set_cell


def _drop_column(col):
    return lambda f: f.drop(columns=[col])


def _insert_copy(row, at):
    """Copy spreadsheet row ``row`` so that the copy becomes row ``at``."""
    return lambda f: pd.concat([f.iloc[: at - 2], f.iloc[[row - 2]], f.iloc[at - 2 :]], ignore_index=True)


def _drop_where(**match):
    def fn(f):
        mask = pd.Series(True, index=f.index)
        for k, v in match.items():
            mask &= f[k] == v
        return f[~mask]

    return fn


# (id, table edited, edit, file named, row, column, value, words in the message)
CASES = [
    (
        "teks-di-kolom-angka",
        "target",
        set_cell(2, "target", "delapan puluh"),
        "target.csv",
        2,
        "target",
        "delapan puluh",
        "bukan angka",
    ),
    (
        "titik-dua-arti",
        "realisasi",
        set_cell(8, "realisasi", "1.000"),
        "realisasi.csv",
        8,
        "realisasi",
        "1.000",
        "dua cara",
    ),
    ("target-nol", "target", set_cell(2, "target", "0"), "target.csv", 2, "target", "0", "nol"),
    (
        "polaritas-tak-dikenal",
        "indikator",
        set_cell(2, "polaritas", "tinggi"),
        "indikator.csv",
        2,
        "polaritas",
        "tinggi",
        "pilihan",
    ),
    (
        "kunci-ganda",
        "indikator",
        _insert_copy(3, at=8),
        "indikator.csv",
        8,
        "kecamatan, periode_awal, kode",
        "ajibarang / 2018 / IK2",
        "Kunci ganda",
    ),
    (
        "indikator-ke-sasaran-tak-ada",
        "indikator",
        set_cell(3, "sasaran", "S9"),
        "indikator.csv",
        3,
        "sasaran",
        "S9",
        "tidak ditemukan",
    ),
    ("induk-tak-ada", "sasaran", set_cell(4, "induk", "X1"), "sasaran.csv", 4, "induk", "X1", "tidak ditemukan"),
    (
        "program-tak-ada",
        "program_sasaran",
        set_cell(2, "program", "P9"),
        "program_sasaran.csv",
        2,
        "program",
        "P9",
        "tidak ditemukan",
    ),
    (
        "sasaran-program-tak-ada",
        "program_sasaran",
        set_cell(13, "sasaran", "S9"),
        "program_sasaran.csv",
        13,
        "sasaran",
        "S9",
        "tidak ditemukan",
    ),
    (
        "slug-tak-terdaftar",
        "realisasi",
        set_cell(2, "kecamatan", "ajibarng"),
        "realisasi.csv",
        2,
        "kecamatan",
        "ajibarng",
        "tidak terdaftar",
    ),
    (
        "penduduk-tak-berjumlah",
        "profil",
        set_cell(2, "penduduk_laki", "547127"),
        "profil.csv",
        2,
        "penduduk_jumlah",
        "106818",
        "laki-laki + perempuan",
    ),
    (
        "pegawai-tak-cocok",
        "pegawai_pendidikan",
        lambda f: f.assign(
            laki=f["laki"].where(f["pendidikan"] != "SMP", "2"),
            perempuan=f["perempuan"].where(f["pendidikan"] != "SMP", "0"),
        ),
        "pegawai_pendidikan.csv",
        None,
        "laki",
        "13",
        "tidak sama",
    ),
    (
        "belanja-tak-sama-program",
        "belanja",
        set_cell(3, "anggaran", "10000000"),
        "belanja.csv",
        None,
        "anggaran",
        "2965149529",
        "operasional + modal",
    ),
    (
        "uang-negatif",
        "program",
        set_cell(3, "anggaran", "-2000000"),
        "program.csv",
        3,
        "anggaran",
        "-2000000",
        "negatif",
    ),
    (
        "realisasi-pk-hilang",
        "realisasi",
        _drop_where(indikator="IK3", tahun="2023"),
        "target.csv",
        4,
        "indikator",
        "IK3",
        "tanpa realisasi",
    ),
    (
        "persen-di-luar-rentang",
        "realisasi",
        set_cell(9, "realisasi", "120"),
        "realisasi.csv",
        9,
        "realisasi",
        "120",
        "0-100",
    ),
    (
        "kolom-wajib-hilang",
        "indikator",
        _drop_column("polaritas"),
        "indikator.csv",
        None,
        "polaritas",
        None,
        "Kolom wajib",
    ),
    (
        "tanggal-salah",
        "profil",
        set_cell(2, "tanggal_ttd", "31-01-2024"),
        "profil.csv",
        2,
        "tanggal_ttd",
        "31-01-2024",
        "tanggal",
    ),
    ("kolom-wajib-kosong", "profil", set_cell(2, "camat_nama", ""), "profil.csv", 2, "camat_nama", None, "kosong"),
    ("nip-salah", "profil", set_cell(2, "camat_nip", "1973"), "profil.csv", 2, "camat_nip", "1973", "Format"),
    (
        "skala-tak-urut",
        "skala_predikat",
        set_cell(3, "lebih_dari", "95"),
        "skala_predikat.csv",
        3,
        "lebih_dari",
        "95",
        "lebih kecil",
    ),
]


def _previous_good_output(out: Path) -> Path:
    folder = out / "2023" / "ajibarang"
    folder.mkdir(parents=True)
    marker = folder / "lkjip_ajibarang_2023.html"
    marker.write_text("laporan lama yang baik")
    return marker


@pytest.mark.parametrize(
    ("table", "edit_fn", "file", "row", "column", "value", "words"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_bad_input_is_named_and_nothing_is_written(
    tmp_path, data_copy, edit, table, edit_fn, file, row, column, value, words
):
    edit(table, edit_fn)
    out = tmp_path / "output"
    marker = _previous_good_output(out)
    with pytest.raises(DataValidationError) as info:
        render(Params("ajibarang", 2023, str(data_copy), str(out)))
    matching = [
        p
        for p in info.value.problems
        if p.location.endswith(file) and p.row == row and p.column == column and p.value == value
    ]
    assert matching, "\n".join(map(str, info.value.problems))
    problem = matching[0]
    assert words in problem.message
    assert problem.fix.strip()
    text = str(problem)
    assert file in text and "Perbaikan:" in text
    if row is not None:
        assert f"baris {row}" in text
    # nothing written, the earlier good report untouched
    assert marker.read_text() == "laporan lama yang baik"
    assert sorted(p.name for p in out.rglob("*")) == ["2023", "ajibarang", marker.name]


def test_missing_required_file(data_copy):
    (data_copy / "program.csv").unlink()
    report = validate(data_copy, 2023)
    [p] = [p for p in report.errors if p.location.endswith("program.csv") and p.row is None and p.column is None]
    assert "Tabel wajib tidak ditemukan" in p.message
    assert "anggaran" in p.fix  # lists the columns to create


def test_all_problems_of_a_file_are_reported_together(data_copy, edit):
    edit("target", set_cell(2, "target", "0"))
    edit("target", set_cell(3, "target", "x"))
    edit("target", set_cell(5, "target", "-"))
    report = validate(data_copy, 2023)
    rows = sorted(p.row for p in report.errors if p.location.endswith("target.csv"))
    assert rows == [2, 3, 5]


def test_realisasi_above_anggaran_is_a_warning_not_an_error(data_copy, edit):
    edit("program", set_cell(3, "realisasi", "2500000"))
    report = validate(data_copy, 2023)
    [w] = [p for p in report.warnings if p.location.endswith("program.csv")]
    assert (w.row, w.column, w.value) == (3, "realisasi", "2500000")
    assert "melebihi anggaran" in w.message
    # the budget check still sees the anggaran, which is unchanged
    assert not report.errors


def test_unknown_column_is_a_warning(data_copy, edit):
    edit("target", lambda f: f.assign(catatan="x"))
    report = validate(data_copy, 2023)
    assert [p.column for p in report.warnings if p.location.endswith("target.csv")] == ["catatan"]


def test_workbook_messages_name_the_sheet(tmp_path, data_copy, edit):
    edit("target", set_cell(2, "target", "0"))
    book = csv_to_workbook(data_copy, tmp_path / "data.xlsx")
    report = validate(book, 2023)
    [p] = report.errors
    assert p.location.endswith("data.xlsx, lembar 'target'")
    assert (p.row, p.column, p.value) == (2, "target", "0")


def test_errors_of_one_kecamatan_do_not_block_another(data_copy, edit):
    # a second kecamatan with a broken row: Ajibarang still validates clean
    edit(
        "target",
        lambda f: pd.concat(
            [f, pd.DataFrame([{"kecamatan": "lumbir", "indikator": "IK1", "tahun": "2023", "target": "abc"}])]
        ),
    )
    report = validate(data_copy, 2023)
    assert [p.kecamatan for p in report.errors] == ["lumbir"]
    data, _warnings = report.data_for("ajibarang")
    assert data.nama == "Ajibarang"


def test_overrides_are_a_step_of_their_own_listed_with_their_kecamatan(data_copy):
    for slug in ("wangon", "ajibarang"):
        folder = data_copy / "kecamatan" / slug / "2023" / "narasi"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "bukan_bagian.md").write_text("Teks.\n")
    assert not [p for p in validate(data_copy, 2023).problems if "narasi" in p.location]  # the tables alone
    problems = check(data_copy, 2023).problems
    where = [(p.kecamatan, "/kecamatan/" in p.location) for p in problems]  # the kecamatan's own folder
    # each kecamatan's folder problems (narasi/, lampiran.csv, ...) follow its own table problems, before the next
    # kecamatan's (registry order)
    assert where.index(("wangon", True)) < where.index(("ajibarang", False))
    first = where.index(("ajibarang", True))
    assert all(folder for i, (slug, folder) in enumerate(where) if slug == "ajibarang" and i >= first)
    assert any(p.kecamatan == "ajibarang" and "bukan_bagian.md" in str(p) for p in problems)
