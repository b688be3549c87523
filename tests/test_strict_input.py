"""Bad-input catalogue: careless office files, read right or refused, never a wrong figure.

Every refused input is run through the CLI (``lkjip check`` in-process) and
asserts the exit code, that the message names the file, row, column, value and
the fix, that no traceback is printed and that nothing was written or lost.
Every accepted spelling asserts the figure the report prints.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pandas as pd
import pytest

from lkjip.cli import main
from lkjip.report import buka
from lkjip.validate import validate
from tests.conftest import set_cell


def _snapshot(root: Path) -> dict[str, str]:
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest() for p in root.rglob("*") if p.is_file()
    }


def _cli(capsys, *args: str) -> tuple[int, str]:
    code = main(list(args))
    cap = capsys.readouterr()
    return code, cap.out + cap.err


def _where(**match):
    """Edit helper: set ``column`` of the row matching ``match`` (all text)."""

    def setter(column: str, value: str):
        def fn(f: pd.DataFrame) -> pd.DataFrame:
            mask = pd.Series(True, index=f.index)
            for k, v in match.items():
                mask &= f[k] == v
            assert mask.sum() == 1, match
            f.loc[mask, column] = value
            return f

        return fn

    return setter


def _append(row: dict):
    return lambda f: pd.concat([f, pd.DataFrame([row])], ignore_index=True)


IK7_LUMBIR = _where(kecamatan="lumbir", indikator="IK7", tahun="2023")

# (id, table, edit, row, column, value, words in message)
CSV_CASES = [
    ("nan", "target", set_cell(2, "target", "nan"), 2, "target", "nan", "bukan angka"),
    ("NaN-realisasi", "realisasi", set_cell(8, "realisasi", "NaN"), 8, "realisasi", "NaN", "bukan angka"),
    ("tak-hingga", "target", set_cell(3, "target", "inf"), 3, "target", "inf", "bukan angka"),
    ("target-negatif", "target", set_cell(2, "target", "-86"), 2, "target", "-86", "negatif"),
    ("target-kosong", "target", set_cell(4, "target", ""), 4, "target", None, "kosong"),
    ("galat-excel", "realisasi", set_cell(9, "realisasi", "#DIV/0!"), 9, "realisasi", "#DIV/0!", "galat rumus"),
    ("notasi-ilmiah", "program", set_cell(2, "anggaran", "2.61E+09"), 2, "anggaran", "2.61E+09", "notasi ilmiah"),
    (
        "rupiah-10-pangkat-26",
        "program",
        set_cell(2, "anggaran", "1" + "0" * 26),
        2,
        "anggaran",
        "1" + "0" * 26,
        "tidak masuk akal",
    ),
    (
        "rupiah-koma-ribuan",
        "program",
        set_cell(2, "anggaran", "2,606,180,529"),
        2,
        "anggaran",
        "2,606,180,529",
        "gaya Inggris",
    ),
    ("rupiah-satu-koma", "program", set_cell(3, "realisasi", "2,000"), 3, "realisasi", "2,000", "dua cara"),
    (
        "rupiah-sen",
        "program",
        set_cell(2, "anggaran", "2.606.180.529,50"),
        2,
        "anggaran",
        "2.606.180.529,50",
        "bukan bilangan bulat",
    ),
    ("rupiah-persen", "program", set_cell(2, "realisasi", "96%"), 2, "realisasi", "96%", "Tanda %"),
    ("indeks-titik-ribuan", "realisasi", set_cell(8, "realisasi", "86.000"), 8, "realisasi", "86.000", "dua cara"),
    (
        "persen-gaya-inggris",
        "realisasi",
        set_cell(9, "realisasi", "1,234.5"),
        9,
        "realisasi",
        "1,234.5",
        "gaya Inggris",
    ),
    ("persen-dua-arti", "target", set_cell(3, "target", "100,000"), 3, "target", "100,000", "dua cara"),
    ("indeks-bertanda-persen", "realisasi", set_cell(8, "realisasi", "86%"), 8, "realisasi", "86%", "Tanda %"),
    ("jumlah-pecahan", "target", IK7_LUMBIR("target", "2,5"), 14, "target", "2,5", "bukan bilangan bulat"),
    ("tahun-bertitik", "target", set_cell(2, "tahun", "2.023"), 2, "tahun", "2.023", "empat angka"),
    ("tahun-desimal", "realisasi", set_cell(8, "tahun", "2023.0"), 8, "tahun", "2023.0", "empat angka"),
    ("spasi-ribuan", "program", set_cell(2, "anggaran", "2 606 180 529"), 2, "anggaran", "2 606 180 529", "spasi"),
    ("penduduk-negatif", "profil", set_cell(2, "penduduk_laki", "-5"), 2, "penduduk_laki", "-5", "negatif"),
    ("anggaran-nol", "program", set_cell(3, "anggaran", "0"), 3, "anggaran", "0", "lebih dari nol"),
    (
        "target-di-luar-renstra",
        "target",
        _append({"kecamatan": "ajibarang", "indikator": "IK1", "tahun": "2030", "target": "90"}),
        None,
        "tahun",
        "2030",
        "di luar periode Renstra",
    ),
    (
        "pengadaan-melebihi-anggaran",
        "pengadaan",
        set_cell(2, "rencana", "9.019.900.042"),
        2,
        "rencana",
        "9019900042",
        "melebihi seluruh anggaran",
    ),
    ("pengadaan-hilang", "pengadaan", lambda f: f[f["kecamatan"] != "ajibarang"], None, "tahun", "2023", "pengadaan"),
    ("skala-predikat-ganda", "skala_predikat", set_cell(3, "predikat", "Sangat Tinggi"), 3, "predikat", None, "ganda"),
    ("skala-puncak-tanpa-100", "skala_predikat", set_cell(2, "lebih_dari", "100"), 2, "lebih_dari", "100", "100%"),
    (
        "skala-teks-bertentangan",
        "skala_predikat",
        set_cell(2, "teks_skala", "81% ≤ 100%"),
        2,
        "teks_skala",
        None,
        "tidak sesuai",
    ),
    (
        "skala-label-tertukar",
        "skala_predikat",
        lambda f: f.assign(predikat=["Rendah", "Tinggi", "Sedang", "Sangat Tinggi", "Sangat Rendah"]),
        None,
        "predikat",
        "Rendah > Tinggi > Sedang > Sangat Tinggi > Sangat Rendah",
        "bertentangan",
    ),
    (
        "sel-berlebih",
        "penghargaan",
        None,  # written as raw text below
        5,
        None,
        "PJ. Bupati",
        "lebih banyak",
    ),
]


@pytest.mark.parametrize(
    ("table", "edit_fn", "row", "column", "value", "words"),
    [c[1:] for c in CSV_CASES],
    ids=[c[0] for c in CSV_CASES],
)
def test_csv_bad_value_is_refused_with_its_place(
    capsys, tmp_path, data_copy, edit, table, edit_fn, row, column, value, words
):
    if edit_fn is None:
        file = data_copy / f"{table}.csv"
        file.write_text(
            file.read_text(encoding="utf-8") + "ajibarang,2023,3,Juara lomba, desa,PJ. Bupati\n", encoding="utf-8"
        )
    else:
        edit(table, edit_fn)
    before = _snapshot(tmp_path)
    code, text = _cli(capsys, "check", "-t", "2023", "--data", str(data_copy))
    assert code == 1, text
    assert "Traceback" not in text
    lines = [ln for ln in text.splitlines() if ln.startswith("[GALAT]") and f"{table}.csv" in ln and words in ln]
    assert lines, text
    line = lines[0]
    if row is not None:
        assert f"baris {row}" in line
    if column is not None:
        assert f"kolom '{column}'" in line
    if value is not None:
        assert f"(nilai: '{value}')" in line
    assert "Perbaikan:" in line and line.split("Perbaikan:")[1].strip()
    assert _snapshot(tmp_path) == before  # nothing written, nothing lost


# ---------------------------------------------------------------- whole-file problems


def test_blank_lines_do_not_shift_row_numbers(capsys, data_copy):
    file = data_copy / "target.csv"
    lines = file.read_text(encoding="utf-8").splitlines()
    lines.insert(1, "")  # a blank line after the header: the first record is spreadsheet row 3
    lines.insert(3, "")
    lines[4] = lines[4].replace(",100", ",seratus")  # ajibarang IK2, now spreadsheet row 5
    file.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, text = _cli(capsys, "check", "-t", "2023", "--data", str(data_copy))
    assert code == 1
    assert "target.csv, baris 5, kolom 'target' (nilai: 'seratus')" in text


def test_cp1252_file_names_the_row_and_the_encoding(capsys, data_copy):
    file = data_copy / "profil.csv"
    text = file.read_text(encoding="utf-8").replace("Jln. Raya Ajibarang No. 02", "Jln. Raya Ajibarang No. 02 – Café")
    file.write_bytes(text.encode("cp1252"))
    code, out = _cli(capsys, "check", "-t", "2023", "--data", str(data_copy))
    assert code == 1 and "Traceback" not in out
    assert "profil.csv, baris 2" in out and "Windows-1252" in out and "CSV UTF-8" in out


def test_utf16_file_is_named(capsys, data_copy):
    file = data_copy / "target.csv"
    file.write_bytes(file.read_text(encoding="utf-8").encode("utf-16"))
    code, out = _cli(capsys, "check", "-t", "2023", "--data", str(data_copy))
    assert code == 1 and "UTF-16" in out and "target.csv" in out


@pytest.mark.parametrize("table", ["target", "kecamatan"])
def test_semicolon_delimiter_is_named(capsys, data_copy, table):
    file = data_copy / f"{table}.csv"
    file.write_text(file.read_text(encoding="utf-8").replace(",", ";"), encoding="utf-8")
    code, out = _cli(capsys, "check", "-t", "2023", "--data", str(data_copy))
    assert code == 1 and "Traceback" not in out
    assert f"{table}.csv" in out and "titik koma (;)" in out
    assert out.count("Kolom wajib tidak ada") == 0  # one message naming the delimiter, not four missing columns


@pytest.mark.parametrize(
    ("table", "old", "new", "hint"),
    [
        ("kecamatan", "kode,nama,slug", "kode,nama,Slug", "Ada kolom 'Slug'"),
        ("target", "kecamatan,indikator,tahun,target", "kecamatan,indikator,TAHUN,target", "Ada kolom 'TAHUN'"),
        ("realisasi", "kecamatan,indikator", '"Kecamatan ",indikator', "Ada kolom 'Kecamatan'"),
    ],
    ids=["Slug", "TAHUN", "Kecamatan-spasi"],
)
def test_header_spelling_gets_a_hint(capsys, data_copy, table, old, new, hint):
    file = data_copy / f"{table}.csv"
    file.write_text(file.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    code, out = _cli(capsys, "check", "-t", "2023", "--data", str(data_copy))
    assert code == 1 and "Traceback" not in out
    assert hint in out and "semua kecamatan" in out


def test_staff_mismatch_names_the_rows(data_copy, edit):
    edit("pegawai_pendidikan", set_cell(2, "laki", "3"))
    [p] = [p for p in validate(data_copy, 2023, ["ajibarang"]).errors if p.column == "laki"]
    assert "baris 2 = 3" in p.message and "baris 2 = 6" in p.message  # both tables' rows behind the sums


# ---------------------------------------------------------------- one kecamatan's problem is its own


def test_empty_rows_and_unknown_slugs_block_no_kecamatan(data_copy):
    (data_copy / "realisasi.csv").write_text(
        (data_copy / "realisasi.csv").read_text(encoding="utf-8") + ",,,\n,,,\nxyz,IK1,2023,5\n", encoding="utf-8"
    )
    report = validate(data_copy, 2023)
    orphans = report.unassigned
    assert sorted(p.row for p in orphans) == [378, 379, 380]
    assert all(p.is_error for p in orphans)
    assert report.problems_for("wangon") == [p for p in report.problems_for("wangon") if p.kecamatan == "wangon"]
    wangon, _ = report.data_for("wangon")
    ajibarang, _ = report.data_for("ajibarang")
    assert wangon.nama == "Wangon" and ajibarang.nama == "Ajibarang"


def test_slug_typo_holds_back_its_likely_kecamatan_only(data_copy, edit):
    edit("realisasi", set_cell(8, "kecamatan", "ajibarng"))
    report = validate(data_copy, 2023)
    [p] = [p for p in report.errors if p.value == "ajibarng"]
    assert p.kecamatan == "ajibarang" and "salah ketik 'ajibarang'" in p.message and p.row == 8
    with pytest.raises(Exception, match="ajibarng"):
        report.data_for("ajibarang")
    assert report.data_for("wangon")[0].nama == "Wangon"


def test_subset_validation_ignores_other_kecamatan_rows(data_copy, edit):
    edit("target", IK7_LUMBIR("target", "enam belas"))
    edit("realisasi", lambda f: pd.concat([f, pd.DataFrame([{"kecamatan": None}])], ignore_index=True))
    report = validate(data_copy, 2023, ["wangon"])
    assert not [p for p in report.problems_for("wangon") if p.is_error]
    assert [p.row for p in report.unassigned] == [378]


# ---------------------------------------------------------------- warnings, not errors


def test_implausible_realisasi_is_a_warning(data_copy, edit):
    edit("realisasi", set_cell(8, "realisasi", "900"))  # IK1 (Indeks) target 86
    report = validate(data_copy, 2023, ["ajibarang"])
    [w] = [p for p in report.warnings if p.column == "realisasi" and p.row == 8]
    assert "jauh dari targetnya" in w.message and not report.errors


# ---------------------------------------------------------------- accepted spellings print the right figure


def _printed(lap) -> str:
    return "\n".join(lap.dokumen[k]._repr_html_() for k in lap.dokumen.kunci)


def test_rupiah_with_prefix_and_thousands_dots_is_read_exactly(data_copy, edit):
    edit("program", set_cell(2, "anggaran", "Rp 2.606.180.529"))
    edit("program", set_cell(2, "realisasi", "Rp2.516.264.909,00"))
    lap = buka("ajibarang", 2023, data_copy)
    assert int(lap.total["anggaran"]) == 2_966_054_529
    html = _printed(lap)
    assert "2.606.180.529" in html and "2.966.054.529" in html and "2.516.264.909" in html


@pytest.mark.parametrize("spelling", ["96,5", "96,5%", "96.5", "96,50 %"])
def test_percent_spellings_give_the_same_capaian(data_copy, edit, spelling):
    edit("realisasi", set_cell(9, "realisasi", spelling))  # IK2 (%), target 100
    lap = buka("ajibarang", 2023, data_copy)
    row = lap.kinerja.set_index("kode").loc["IK2"]
    assert row["realisasi"] == 96.5 and row["capaian"] == pytest.approx(96.5)
    assert "96,50" in _printed(lap)


def test_count_with_thousands_dots(data_copy, edit):
    edit("profil", set_cell(2, "penduduk_laki", "54.127"))
    edit("profil", set_cell(2, "penduduk_jumlah", "106.818"))
    lap = buka("ajibarang", 2023, data_copy)
    assert lap.data.profil["penduduk_laki"] == 54127
    assert "106.818" in _printed(lap)


def test_indonesian_decimal_with_thousands(data_copy, edit):
    edit("profil", set_cell(2, "luas_ha", "6.648,1"))
    lap = buka("ajibarang", 2023, data_copy)
    assert lap.data.profil["luas_ha"] == pytest.approx(6648.1)
