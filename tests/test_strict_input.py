"""Bad-input catalogue: careless office files, read right or refused, never a wrong figure.

Every refused input is run through the CLI (``lkjip check`` in-process) and
asserts the exit code, that the message names the file, row, column, value and
the fix, that no traceback is printed and that nothing was written or lost.
Every accepted spelling asserts the figure the report prints.
"""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pandas as pd
import pytest

from lkjip.cli import main
from lkjip.html_renderer import bagian_html
from lkjip.report import buka
from lkjip.validate import validate
from tests.conftest import DATA, ROOT, set_cell


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
    assert "profil.csv, baris 2, kolom 'alamat'" in out and "<0x96>" in out
    assert "Windows-1252" in out and "'–é'" in out and "CSV UTF-8" in out
    report = validate(data_copy, 2023)  # only the kecamatan of that row is held back
    assert {p.kecamatan for p in report.errors} == {"ajibarang"}
    assert report.data_for("wangon")[0].nama == "Wangon"


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
    # the orphan rows reach no kecamatan's report (a shared warning, the kabupaten's emblem, reaches them all)
    assert not [p for p in report.problems_for("wangon") if p in orphans]
    assert all(p.kecamatan in ("wangon", None) for p in report.problems_for("wangon"))
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
    return "\n".join(bagian_html(lap.dokumen[k]) for k in lap.dokumen.kunci)


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


# ---------------------------------------------------------------- workbook


def _book(tmp_path, data_copy, change):
    """A workbook of data_copy; ``change(openpyxl_book)`` edits it before saving."""
    import openpyxl

    from lkjip.workbook import csv_to_workbook

    path = csv_to_workbook(data_copy, tmp_path / "data.xlsx")
    book = openpyxl.load_workbook(path)
    change(book)
    book.save(path)
    return path


def _set(sheet: str, cell: str, value, number_format: str | None = None):
    def change(book):
        c = book[sheet][cell]
        c.value = value
        if number_format:
            c.number_format = number_format

    return change


def test_workbook_percent_cell_reads_the_percentage_it_shows(tmp_path, data_copy):
    # realisasi!D9 is ajibarang IK2 2023 (satuan %); Excel stores 96,5% as 0,965
    book = _book(tmp_path, data_copy, _set("realisasi", "D9", 0.965, "0.0%"))
    lap = buka("ajibarang", 2023, book)
    assert lap.kinerja.set_index("kode").loc["IK2", "realisasi"] == pytest.approx(96.5)
    assert "96,50" in _printed(lap)


def test_workbook_number_cell_is_exact_not_ambiguous(tmp_path, data_copy):
    # a number stored as a number has one reading, even where the text '86.125' would have two
    book = _book(tmp_path, data_copy, _set("realisasi", "D8", 86.125))
    lap = buka("ajibarang", 2023, book)
    assert lap.kinerja.set_index("kode").loc["IK1", "realisasi"] == pytest.approx(86.125)


@pytest.mark.parametrize(
    ("change", "sheet", "row", "column", "value", "words"),
    [
        (_set("program", "E2", 0.5, "0%"), "program", 2, "anggaran", "50%", "format persen"),
        (_set("realisasi", "D8", "86.000"), "realisasi", 8, "realisasi", "86.000", "dua cara"),
        (_set("target", "D2", "#N/A"), "target", 2, "target", "#N/A", "galat rumus"),
        (_set("program", "E2", 1e26), "program", 2, "anggaran", None, "tidak masuk akal"),
        (_set("profil", "W2", 197306031994031003.0), "profil", 2, "camat_nip", None, "15 digit"),
    ],
    ids=["persen-di-rupiah", "teks-dua-arti", "galat-NA", "rupiah-raksasa", "nip-sebagai-angka"],
)
def test_workbook_bad_cell_is_refused_with_sheet_row_column(
    capsys, tmp_path, data_copy, change, sheet, row, column, value, words
):
    book = _book(tmp_path, data_copy, change)
    before = _snapshot(tmp_path)
    code, out = _cli(capsys, "check", "-t", "2023", "--data", str(book))
    assert code == 1 and "Traceback" not in out
    where = f"lembar '{sheet}', baris {row}, kolom '{column}'"
    lines = [ln for ln in out.splitlines() if where in ln and words in ln]
    assert lines, out
    if value is not None:
        assert f"(nilai: '{value}')" in lines[0]
    assert "Perbaikan:" in lines[0]
    assert _snapshot(tmp_path) == before


def test_workbook_hidden_sheet_row_and_column_are_warnings(tmp_path, data_copy):
    def hide(book):
        book["pengadaan"].sheet_state = "hidden"
        book["target"].row_dimensions[3].hidden = True
        book["program"].column_dimensions["F"].hidden = True

    report = validate(_book(tmp_path, data_copy, hide), 2023, ["ajibarang"])
    assert not report.errors
    found = {(p.location.split("'")[1], p.row, p.column) for p in report.warnings if "tersembunyi" in p.message}
    assert found == {("pengadaan", None, None), ("target", 3, None), ("program", None, "realisasi")}
    assert report.problems_for("ajibarang")  # listed in that kecamatan's appendix too


def test_workbook_and_csv_give_the_same_rows(tmp_path, data_copy):
    edit_blank = data_copy / "target.csv"
    edit_blank.write_text(edit_blank.read_text(encoding="utf-8").replace("\n", "\n\n", 1), encoding="utf-8")
    from_csv = validate(data_copy, 2023)
    from_book = validate(_book(tmp_path, data_copy, lambda b: None), 2023)
    for name in ("target", "program", "realisasi"):
        a = from_csv.dataset[name].drop(columns=["_baris"]).reset_index(drop=True)
        b = from_book.dataset[name].drop(columns=["_baris"]).reset_index(drop=True)
        pd.testing.assert_frame_equal(a, b)


# ---------------------------------------------------------------- the command line


def test_year_without_data_is_an_error(capsys):
    code, out = _cli(capsys, "check", "-t", "3000")
    assert code == 1 and "Data bersih" not in out
    assert "Tidak ada data kecamatan mana pun untuk tahun 3000" in out and "2023" in out


def test_batch_year_without_data_builds_nothing(capsys, tmp_path):
    code, out = _cli(capsys, "batch", "-t", "3000", "--output", str(tmp_path / "o"), "--params", str(tmp_path / "p"))
    assert code == 1 and "Traceback" not in out and "tahun 3000" in out
    assert not (tmp_path / "o").exists() and not (tmp_path / "p").exists()


@pytest.mark.parametrize(
    ("args", "code", "words"),
    [
        (["check", "-t", "2023x"], 2, "Nilai '2023x' untuk --tahun/-t bukan bilangan bulat"),
        (["check"], 2, "Opsi wajib --tahun/-t belum diisi"),
        (["check", "-t", "2023", "--kecamatna", "x"], 2, "Mungkin maksudnya: --kecamatan"),
        (["check", "-t"], 2, "memerlukan nilai"),
        (["laporan"], 2, "Perintah tidak dikenal"),
        (["batch", "-t", "2023", "-k", "ajibarng"], 2, "'ajibarng' (maksudnya ajibarang?)"),
        (["check", "-t", "2023", "-k", "ajibarng"], 2, "'ajibarng' (maksudnya ajibarang?)"),
        (["report", "-k", "ajibarang", "-t", "2023", "--data", "/tidak/ada"], 1, "'/tidak/ada' tidak ditemukan"),
        (["workbook", "x.xlsx", "--data", "/tidak/ada"], 1, "'/tidak/ada' tidak ditemukan"),
        (["check", "-t", "2023", "--data", "README.md"], 1, "bukan folder maupun berkas .xlsx"),
    ],
    ids=[
        "tahun-huruf",
        "tahun-hilang",
        "opsi-salah-eja",
        "opsi-tanpa-nilai",
        "perintah-salah",
        "batch-slug-salah",
        "check-slug-salah",
        "report-data-hilang",
        "workbook-data-hilang",
        "data-bukan-folder",
    ],
)
def test_cli_errors_are_indonesian_without_traceback(capsys, tmp_path, monkeypatch, args, code, words):
    monkeypatch.chdir(tmp_path)  # anything written would land here
    import lkjip.paths

    monkeypatch.setenv("LKJIP_ROOT", str(lkjip.paths.project_root(Path(__file__).parent)))
    got, out = _cli(capsys, *args)
    assert got == code, out
    assert words in out and "Traceback" not in out and "Error" not in out
    assert list(tmp_path.iterdir()) == []  # no .tmp, no output, no params left behind


def test_unknown_key_in_params_file(capsys, tmp_path, monkeypatch):
    root = tmp_path / "proj"
    (root / "notebooks").mkdir(parents=True)
    (root / "pyproject.toml").write_text("")
    (root / "params" / "2023").mkdir(parents=True)
    (root / "params" / "2023" / "ajibarang.yaml").write_text("kecamatan: ajibarang\ntahun: 2023\nwarna: merah\n")
    monkeypatch.setenv("LKJIP_ROOT", str(root))
    code, out = _cli(capsys, "report", "-k", "ajibarang", "-t", "2023")
    assert code == 2 and "Traceback" not in out
    assert "kunci tidak dikenal: warna" in out and "Perbaikan" in out


def test_unexpected_error_prints_one_line_and_logs_the_traceback(capsys, tmp_path, monkeypatch):
    import lkjip.validate

    def boom(*_a, **_k):
        raise RuntimeError("rusak di dalam")

    monkeypatch.setattr(lkjip.validate, "validate", boom)
    code, out = _cli(capsys, "check", "-t", "2023", "--data", str(tmp_path))
    assert code == 3 and "Traceback" not in out
    [line] = [ln for ln in out.splitlines() if ln.strip()]
    log = Path(line.split("ditulis ke ")[1].split(". Perbaikan")[0])
    assert "RuntimeError: rusak di dalam" in log.read_text() and "Traceback" in log.read_text()
    assert log.parent.name == "_log"
    log.unlink()


def test_unwritable_output_logs_to_the_temporary_folder(capsys, tmp_path, monkeypatch):
    import tempfile

    import lkjip.crash
    import lkjip.validate

    monkeypatch.setattr(lkjip.validate, "validate", lambda *_a, **_k: 1 / 0)
    real_mkdir = Path.mkdir

    def refuse(self, *a, **k):  # root ignores chmod: inject the error a read-only output/ gives
        if self.name == lkjip.crash.LOG_DIR:
            raise PermissionError(30, "Read-only file system", str(self))
        return real_mkdir(self, *a, **k)

    monkeypatch.setattr(Path, "mkdir", refuse)
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    code, out = _cli(capsys, "check", "-t", "2023")
    assert code == 3 and "ZeroDivisionError" in out and "Traceback" not in out
    [log] = (tmp_path / "lkjip").iterdir()
    assert "ZeroDivisionError" in log.read_text()


@pytest.mark.parametrize(
    ("old", "new", "words"),
    [(",", ";", "titik koma (;)"), ("kode,nama,slug", "kode,nama,Slug", "Ada kolom 'Slug'")],
    ids=["titik-koma", "Slug"],
)
def test_batch_with_a_broken_registry_stops_all_and_says_so(capsys, tmp_path, data_copy, old, new, words):
    file = data_copy / "kecamatan.csv"
    file.write_text(file.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    out, params = tmp_path / "o", tmp_path / "p"
    code, text = _cli(
        capsys, "batch", "-t", "2023", "--data", str(data_copy), "--output", str(out), "--params", str(params)
    )
    assert code == 1 and "Traceback" not in text and "KeyError" not in text
    assert words in text and "semua kecamatan" in text
    assert not out.exists() and not params.exists()


# ---------------------------------------------------------------- found by a red-team pass


@pytest.mark.parametrize("table", ["skala_predikat", "kabupaten", "kecamatan"])
def test_a_shared_table_with_only_its_header_stops_all(capsys, data_copy, table):
    file = data_copy / f"{table}.csv"
    file.write_text(file.read_text(encoding="utf-8").splitlines()[0] + "\n", encoding="utf-8")
    code, out = _cli(capsys, "check", "-t", "2023", "--data", str(data_copy), "-k", "ajibarang")
    assert code == 1 and "Data bersih" not in out and "Traceback" not in out
    assert f"{table}.csv" in out and "tidak berisi satu baris pun" in out


def test_literal_percent_sign_format_is_not_scaled(tmp_path, data_copy):
    book = _book(tmp_path, data_copy, _set("realisasi", "D9", 96.5, '0.0"%"'))  # shows 96.5%, stores 96.5
    lap = buka("ajibarang", 2023, book)
    assert lap.kinerja.set_index("kode").loc["IK2", "realisasi"] == pytest.approx(96.5)


def test_merged_kecamatan_cells_read_as_shown(tmp_path, data_copy):
    book = _book(tmp_path, data_copy, lambda b: b["target"].merge_cells("A2:A7"))
    lap = buka("ajibarang", 2023, book)
    assert len(lap.kinerja) == 6


def test_uncalculated_formula_is_named(tmp_path, data_copy):
    book = _book(tmp_path, data_copy, _set("profil", "M2", "=600+60"))  # jumlah_rt, saved without a cached value
    [p] = [p for p in validate(book, 2023, ["ajibarang"]).errors if p.column == "jumlah_rt"]
    assert p.row == 2 and p.value == "=600+60" and "rumus" in p.message and p.kecamatan == "ajibarang"


def test_duplicate_column_header_is_an_error(capsys, data_copy):
    file = data_copy / "target.csv"
    lines = file.read_text(encoding="utf-8").splitlines()
    lines = [lines[0] + ",target"] + [ln + ",50" for ln in lines[1:]]
    file.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, out = _cli(capsys, "check", "-t", "2023", "--data", str(data_copy))
    assert code == 1 and "target.csv, baris 1, kolom 'target'" in out and "Judul kolom ganda" in out


def test_unterminated_quote_names_its_row(capsys, data_copy, edit):
    file = data_copy / "target.csv"
    lines = file.read_text(encoding="utf-8").splitlines()
    lines[1] = 'ajibarang,IK1,2023,"86'
    file.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, out = _cli(capsys, "check", "-t", "2023", "--data", str(data_copy))
    assert code == 1 and "target.csv, baris 2" in out and "Tanda kutip" in out


@pytest.mark.parametrize(("text", "words"), [("06.000", "dua cara"), ("(+86)", "Tanda ganda"), ("086.000", "dua cara")])
def test_leading_zero_and_double_signs_are_refused(data_copy, edit, text, words):
    edit("target", set_cell(2, "target", text))
    [p] = [p for p in validate(data_copy, 2023, ["ajibarang"]).errors if p.row == 2]
    assert words in p.message


@pytest.mark.parametrize(
    ("args", "words"),
    [(["chek"], "Mungkin maksudnya 'check'"), (["check", "-t", "2023", "-k", ",,"], "tanpa satu slug pun")],
)
def test_more_usage_errors(capsys, args, words):
    code, out = _cli(capsys, *args)
    assert code == 2 and words in out and "Did you" not in out


@pytest.mark.parametrize(
    ("raw", "words"),
    [
        ("Program Pen\xe9unjang".encode("cp1252"), "Windows-1252"),
        (b"Program\x01 Penunjang", "U+0001"),
    ],
    ids=["ansi", "karakter-kendali"],
)
def test_workbook_refuses_csv_the_loader_cannot_read_and_writes_nothing(capsys, tmp_path, data_copy, raw, words):
    path = data_copy / "program.csv"
    lines = path.read_bytes().split(b"\n")
    lines[1] = lines[1].replace(b"Program Penunjang", raw)
    path.write_bytes(b"\n".join(lines))
    target = tmp_path / "keluar" / "data.xlsx"
    code, out = _cli(capsys, "workbook", str(target), "--data", str(data_copy))
    assert code == 1, out
    assert words in out and "baris 2" in out and "Traceback" not in out
    assert not target.parent.exists()  # refused before anything was written


def test_workbook_onto_a_read_only_target_is_a_message(capsys, tmp_path, data_copy, monkeypatch):
    import errno

    import lkjip.publish

    def full(*_a, **_k):
        raise OSError(errno.EROFS, "Read-only file system", str(tmp_path / "data.xlsx"))

    monkeypatch.setattr(lkjip.publish.os, "replace", full)
    code, out = _cli(capsys, "workbook", str(tmp_path / "data.xlsx"), "--data", str(data_copy))
    assert code == 1 and "hanya-baca" in out and "Traceback" not in out, out
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data"]  # no workbook, no temporary file


@pytest.mark.parametrize("typed", ["AJIBARANG", " Ajibarang ", "ajibarang,AJIBARANG"])
def test_check_matches_slugs_as_report_and_batch_do(capsys, typed):
    code, out = _cli(capsys, "check", "-t", "2023", "-k", typed)
    assert code == 0, out
    assert "Diperiksa tahun 2023: 1 kecamatan (ajibarang)." in out and "tidak terdaftar" not in out


def test_check_names_every_unknown_slug_like_batch(capsys):
    code, out = _cli(capsys, "check", "-t", "2023", "-k", "LUMBIR,ajibarng,xyz")
    assert code == 2, out
    assert "Kecamatan tidak terdaftar di daftar kecamatan: 'ajibarng' (maksudnya ajibarang?), 'xyz'." in out
    assert "Perbaikan: gunakan slug dari kecamatan.csv" in out and "Traceback" not in out


def _logged(out: str) -> Path:
    [line] = [ln for ln in out.splitlines() if "Galat tak terduga" in ln]
    return Path(line.split("ditulis ke ")[1].split(". Perbaikan")[0])


def test_a_batch_crash_is_logged_in_its_own_output_folder(capsys, tmp_path, monkeypatch):
    import lkjip.batch

    def boom(*_a, **_k):
        raise RuntimeError("rusak di dalam batch")

    monkeypatch.setattr(lkjip.batch, "plan", boom)
    elsewhere = tmp_path / "keluaran lain"
    code, out = _cli(capsys, "batch", "-t", "2023", "--output", str(elsewhere))
    assert code == 3 and "Traceback" not in out
    log = _logged(out)
    assert log.parent == elsewhere / "_log" and "rusak di dalam batch" in log.read_text()


def test_a_report_crash_is_logged_in_the_output_folder_of_its_params_file(capsys, tmp_path, monkeypatch):
    import lkjip.batch

    root = tmp_path / "proj"
    (root / "notebooks").mkdir(parents=True)
    shutil.copy(ROOT / "notebooks" / "lkjip.ipynb", root / "notebooks")
    (root / "pyproject.toml").write_text("")
    shutil.copytree(DATA, root / "data")
    elsewhere = tmp_path / "keluaran analis"
    (root / "params" / "2023").mkdir(parents=True)
    (root / "params" / "2023" / "ajibarang.yaml").write_text(
        f"kecamatan: ajibarang\ntahun: 2023\noutput_dir: {elsewhere}\n", encoding="utf-8"
    )
    monkeypatch.setenv("LKJIP_ROOT", str(root))

    def boom(*_a, **_k):
        raise RuntimeError("rusak di dalam laporan")

    monkeypatch.setattr(lkjip.batch, "render_alone", boom)  # the report's worker is another process
    code, out = _cli(capsys, "report", "-k", "ajibarang", "-t", "2023")
    assert code == 3 and "Traceback" not in out
    log = _logged(out)
    assert log.parent == elsewhere / "_log" and "rusak di dalam laporan" in log.read_text()
    assert not (root / "output" / "_log").exists()
    # --output wins over the params file, for the log too
    code, out = _cli(capsys, "report", "-k", "ajibarang", "-t", "2023", "--output", str(tmp_path / "opsi"))
    assert code == 3 and _logged(out).parent == tmp_path / "opsi" / "_log"


def test_a_crash_log_falls_back_to_the_temporary_folder(tmp_path, monkeypatch):
    import tempfile

    from lkjip import crash

    blocked = tmp_path / "berkas"
    blocked.write_text("bukan folder")
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "tmp"))
    crash.use_output(blocked)
    try:
        log = crash.write_traceback(RuntimeError("x"))
    finally:
        crash.use_output(None)
    assert log.parent == tmp_path / "tmp" / "lkjip"


def test_a_bad_registry_row_is_named_once_even_with_k(capsys, data_copy):
    """A kecamatan name over 60 characters: the one real error, not "not registered" for each of its rows."""
    frame = pd.read_csv(data_copy / "kecamatan.csv", dtype=str, keep_default_na=False)
    frame.loc[frame.slug == "ajibarang", "nama"] = "A" * 61
    frame.to_csv(data_copy / "kecamatan.csv", index=False)
    for args in ([], ["-k", "ajibarang"], ["-k", "lumbir"]):
        code, out = _cli(capsys, "check", "-t", "2023", "--data", str(data_copy), *args)
        assert code == 1, out
        assert "Teks terlalu panjang (61 karakter; paling banyak 60)" in out
        assert "tidak terdaftar" not in out and "1 kesalahan," in out, out
