"""lkjip impor: round trip, a changed figure reaches the report, and the bad-form catalogue (data/ unchanged)."""

from __future__ import annotations

import hashlib
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from lkjip.cli import main
from lkjip.formulir import tulis
from lkjip.impor import ImporError
from lkjip.impor_diff import impor, terapkan


def folder_hash(folder: Path) -> str:
    h = hashlib.sha256()
    for p in sorted(folder.rglob("*")):
        if p.is_file():
            h.update(str(p.relative_to(folder)).encode() + p.read_bytes())
    return h.hexdigest()


@pytest.fixture
def form(data_copy: Path, tmp_path: Path) -> Path:
    return tulis(data_copy, "ajibarang", 2023, tmp_path / "formulir")


def edit(file: Path, fn: Callable[[Any], None]) -> Path:
    book = openpyxl.load_workbook(file)
    fn(book)
    book.save(file)
    return file


def test_unchanged_form_changes_nothing(data_copy: Path, form: Path) -> None:
    before = folder_hash(data_copy)
    plan = impor(form, data_copy)
    assert plan.teks == {} and plan.perubahan == []
    terapkan(plan)
    assert folder_hash(data_copy) == before


def test_changed_realisasi_reaches_the_report(data_copy: Path, form: Path) -> None:
    from lkjip.report import buka

    def fill(book: Any) -> None:
        book["Kinerja"]["F5"] = "85,5"  # IK1, typed as text the Indonesian way
        book["Program"]["D6"] = "Rp 1.900.000"  # P2 realisasi

    edit(form, fill)
    realisasi, program = (data_copy / "realisasi.csv").read_text(), (data_copy / "program.csv").read_text()
    plan = impor(form, data_copy)
    assert {p.tabel for p in plan.perubahan} == {"realisasi", "program"}
    assert all(len(p.ubah) == 1 and not p.tambah and not p.hapus for p in plan.perubahan)
    assert any("realisasi 86 -> 85.5" in line for line in plan.baris())
    terapkan(plan)
    new_real = (data_copy / "realisasi.csv").read_text()
    diff = [(a, b) for a, b in zip(realisasi.splitlines(), new_real.splitlines(), strict=True) if a != b]
    assert diff == [("ajibarang,IK1,2023,86", "ajibarang,IK1,2023,85.5")]
    new_program = (data_copy / "program.csv").read_text().splitlines()
    assert sum(a != b for a, b in zip(program.splitlines(), new_program, strict=True)) == 1
    lap = buka("ajibarang", 2023, data_copy)
    assert lap.kinerja.set_index("kode").loc["IK1", "realisasi"] == 85.5
    again = impor(form, data_copy)  # the same form twice: nothing more
    assert again.teks == {}


def test_cli_impor_with_ya(data_copy: Path, form: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit(form, lambda b: b["Kinerja"].__setitem__("F5", 87))
    assert main(["impor", str(form), "--ya", "--data", str(data_copy)]) == 0
    out = capsys.readouterr().out
    assert "realisasi.csv: 0 baris ditambah, 1 diubah, 0 dihapus" in out and "Diimpor: 1 tabel" in out
    assert main(["impor", str(form), "--ya", "--data", str(data_copy)]) == 0
    assert "tidak ada yang berubah" in capsys.readouterr().out


def _set(sheet: str, coord: str, value: Any) -> Callable[[Any], None]:
    return lambda book: book[sheet].__setitem__(coord, value)


def _rename(book: Any) -> None:
    book["Belanja"].title = "Belanja 2023"


def _extra_row(book: Any) -> None:
    book["Belanja"]["A7"] = "lainnya"
    book["Belanja"]["B7"] = 5


def _subs(book: Any) -> None:
    book["Sub-kegiatan"]["F5"] = 1_000_000
    book["Sub-kegiatan"]["F6"] = 500_000
    book["Kegiatan"]["E5"] = 2_000_000


CASES: dict[str, tuple[Callable[[Any], None] | None, dict[str, Any], list[str]]] = {
    "kecamatan lain": (
        None,
        {"kecamatan": "lumbir"},
        ["untuk kecamatan ajibarang tahun 2023, bukan lumbir", "Perbaikan"],
    ),
    "tahun lain": (None, {"tahun": 2024}, ["bukan ajibarang tahun 2024", "Perbaikan"]),
    "sel terkunci diubah": (
        _set("Kinerja", "A5", "IK9"),
        {},
        ["Lembar 'Kinerja', sel A5: sel terkunci diubah", "kembalikan"],
    ),
    "angka dua arti": (_set("Kinerja", "E5", "1,234.5"), {}, ["Lembar 'Kinerja', sel E5: '1,234.5'", "Perbaikan"]),
    "galat rumus": (_set("Program", "C5", "#DIV/0!"), {}, ["Lembar 'Program', sel C5", "Perbaikan"]),
    "rumus belum dihitung": (
        _set("Program", "C5", "=1+1"),
        {},
        ["Lembar 'Program', sel C5: berisi rumus =1+1", "belum pernah dihitung"],
    ),
    "isian wajib kosong": (
        _set("Program", "C6", None),
        {},
        ["Lembar 'Program', sel C6: isian wajib ini kosong", "Perbaikan"],
    ),
    "anggaran negatif": (
        _set("Belanja", "B5", -5),
        {},
        ["Lembar 'Belanja', sel B5: -5 negatif", "Perbaikan: isi angka 0"],
    ),
    "sub-kegiatan tidak cocok": (
        _subs,
        {},
        ["Lembar 'Kegiatan', sel E5: anggaran kegiatan P2/1", "selisih", "Perbaikan"],
    ),
    "teks di sel angka": (
        _set("Pengadaan", "A5", "seratus juta"),
        {},
        ["Lembar 'Pengadaan', sel A5: 'seratus juta'", "Perbaikan"],
    ),
    "baris tambahan tabel tertutup": (
        _extra_row,
        {},
        ["Lembar 'Belanja', sel A7: baris 7 ditambahkan", "hapus isi baris 7"],
    ),
    "lembar dihapus": (lambda b: b.remove(b["Belanja"]), {}, ["Lembar 'Belanja': lembar ini tidak ada", "kembalikan"]),
    "lembar diganti nama": (_rename, {}, ["Lembar 'Belanja': lembar ini tidak ada", "'Belanja 2023' tidak dikenal"]),
    "versi lama": (
        _set("_lkjip", "B3", "0"),
        {},
        ["Lembar '_lkjip', sel B3: formulir versi '0' tidak dikenal", "formulir baru"],
    ),
    "lembar tersembunyi diubah": (_set("_lkjip", "B1", "lumbir"), {}, ["Lembar '_lkjip'", "sha256", "Perbaikan"]),
    "tidak cocok setelah digabung": (_set("Program", "C6", 2_000_001), {}, ["setelah digabung", "belanja"]),
    "persen di luar 0-100": (_set("Kinerja", "F6", 150), {}, ["setelah digabung", "100"]),
}


@pytest.mark.parametrize("case", list(CASES))
def test_bad_form_is_refused(case: str, data_copy: Path, form: Path) -> None:
    change, options, expected = CASES[case]
    if change is not None:
        edit(form, change)
    before = folder_hash(data_copy)
    with pytest.raises(ImporError) as info:
        terapkan(impor(form, data_copy, **options))
    message = str(info.value)
    for part in expected:
        assert part in message, message
    assert folder_hash(data_copy) == before


def test_not_an_xlsx(data_copy: Path, tmp_path: Path) -> None:
    bad = tmp_path / "formulir.xlsx"
    bad.write_text("ini bukan buku kerja", encoding="utf-8")
    before = folder_hash(data_copy)
    with pytest.raises(ImporError, match="bukan buku kerja Excel"):
        impor(bad, data_copy)
    assert folder_hash(data_copy) == before


def test_empty_workbook(data_copy: Path, tmp_path: Path) -> None:
    empty = tmp_path / "kosong.xlsx"
    openpyxl.Workbook().save(empty)
    before = folder_hash(data_copy)
    with pytest.raises(ImporError, match="tidak memuat lembar tersembunyi '_lkjip'"):
        impor(empty, data_copy)
    assert folder_hash(data_copy) == before


def test_sample_kecamatan_refused_naming_planning_tables(data_copy: Path, form: Path) -> None:
    from lkjip.impor import baca
    from lkjip.impor_diff import rencana

    isi = baca(form)
    isi.kecamatan = "lumbir"  # a complete form for a kecamatan that still carries sample rows
    before = folder_hash(data_copy)
    with pytest.raises(ImporError) as info:
        rencana(data_copy, isi)
    assert "masih memuat data contoh" in str(info.value) and "renstra" in str(info.value)
    assert folder_hash(data_copy) == before


def _calc() -> bool:
    if shutil.which("soffice") is None:
        return False
    out = subprocess.run(["dpkg", "-s", "libreoffice-calc-nogui"], capture_output=True, check=False)
    calc = subprocess.run(["dpkg", "-s", "libreoffice-calc"], capture_output=True, check=False)
    return out.returncode == 0 or calc.returncode == 0


@pytest.mark.skipif(not _calc(), reason="LibreOffice Calc (libreoffice-calc-nogui) tidak terpasang")
def test_libreoffice_converted_form_imports(data_copy: Path, form: Path, tmp_path: Path) -> None:
    edit(form, _set("Kinerja", "F5", 87))
    out = tmp_path / "lo"
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{tmp_path}/profil",
            "--headless",
            "--convert-to",
            "xlsx",
            "--outdir",
            str(out),
            str(form),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    plan = impor(out / form.name, data_copy)
    assert [(p.tabel, len(p.ubah)) for p in plan.perubahan] == [("realisasi", 1)]
