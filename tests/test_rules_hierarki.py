"""The budget hierarchy (program -> kegiatan -> sub-kegiatan, upaya): links, amounts, sums (lkjip.rules.hierarki)."""

from __future__ import annotations

import pandas as pd
from typer.testing import CliRunner

from lkjip.cli import app
from lkjip.validate import validate
from tests.conftest import DATA, set_cell


def _frames(tahun: int = 2023) -> dict[str, pd.DataFrame]:
    ds = validate(DATA, tahun).dataset
    return {name: ds[name] for name in ("program", "kegiatan", "subkegiatan", "upaya", "profil")}


def test_every_sample_kecamatan_has_a_complete_hierarchy_that_adds_up():
    f = _frames()
    contoh = set(f["profil"].loc[f["profil"]["data_contoh"], "kecamatan"])
    assert len(contoh) == 26
    keg, sub, prog = f["kegiatan"], f["subkegiatan"], f["program"]
    for slug in contoh:
        p = prog[prog["kecamatan"] == slug].set_index("kode")
        k = keg[keg["kecamatan"] == slug]
        s = sub[sub["kecamatan"] == slug]
        assert set(k["program"]) == set(p.index), slug  # every program has kegiatan
        for col in ("anggaran", "realisasi"):
            by_program = k.groupby("program")[col].sum().astype(int)
            assert (by_program == p[col]).all(), (slug, col)
            by_kegiatan = s.groupby(["program", "kegiatan"])[col].sum().astype(int)
            own = k.set_index(["program", "nomor"])[col].astype(int)
            assert (by_kegiatan.sort_index() == own.sort_index().rename_axis(["program", "kegiatan"])).all()
        assert (s["realisasi"].astype(int) <= s["anggaran"].astype(int)).all(), slug
    # Lumbir's Program Penyelenggaraan Pemerintahan dan Pelayanan Publik, by hand
    lumbir = sub[(sub["kecamatan"] == "lumbir") & (sub["program"] == "P2")]
    assert list(lumbir["anggaran"].astype(int)) == [91_175_000, 130_825_000]
    program = prog[(prog["kecamatan"] == "lumbir") & (prog["kode"] == "P2")]
    assert int(program["anggaran"].iloc[0]) == 91_175_000 + 130_825_000 == 222_000_000


def test_ajibarang_hierarchy_is_transcribed_by_name_without_figures():
    f = _frames()
    keg = f["kegiatan"][f["kegiatan"]["kecamatan"] == "ajibarang"]
    sub = f["subkegiatan"][f["subkegiatan"]["kecamatan"] == "ajibarang"]
    upaya = f["upaya"][f["upaya"]["kecamatan"] == "ajibarang"]
    assert (len(keg), len(sub), len(upaya)) == (4, 10, 12)
    assert keg["anggaran"].isna().all() and sub["anggaran"].isna().all() and sub["realisasi"].isna().all()
    assert "Harmonisasi Hubungan dengan Tokoh Agama dan Tokoh Masyarakat" in set(sub["nama"])


def _errors(data, slug="lumbir"):
    return [p for p in validate(data, 2023, [slug]).errors]


def test_sub_kegiatan_total_differing_from_its_kegiatan_names_rows_and_both_totals(data_copy, edit):
    # lumbir P2 kegiatan 1: Rp 222.000.000 (kegiatan.csv row 9); sub-kegiatan rows 17 and 18
    edit("subkegiatan", set_cell(17, "anggaran", "91185000"))
    (e,) = _errors(data_copy)
    assert e.location.endswith("subkegiatan.csv") and e.row == 17 and e.column == "anggaran"
    assert "baris 17, 18" in e.message and "kegiatan.csv" in e.message and "baris 9" in e.message
    assert "Rp 222.010.000" in e.message and "Rp 222.000.000" in e.message and "selisih Rp 10.000" in e.message
    assert "Perbaikan: Perbaiki anggaran sub-kegiatan" in str(e)


def test_sub_kegiatan_total_differing_from_its_program_when_the_kegiatan_has_no_amount(data_copy, edit):
    edit("kegiatan", set_cell(9, "anggaran", ""))
    edit("kegiatan", set_cell(9, "realisasi", ""))
    edit("subkegiatan", set_cell(18, "realisasi", "130000000"))
    (e,) = _errors(data_copy)
    assert e.location.endswith("subkegiatan.csv") and e.column == "realisasi"
    assert "sub-kegiatan baris 17, 18" in e.message
    assert "baris 8 di" in e.message and "program.csv" in e.message
    # 89.791.472 + 130.000.000 against the program's 220.616.472
    assert "Rp 219.791.472" in e.message and "Rp 220.616.472" in e.message


def test_kegiatan_total_differing_from_its_program(data_copy, edit):
    # lumbir P1: kegiatan rows 6-8; change kegiatan 3 and both of its sub-kegiatan alike
    edit("kegiatan", set_cell(8, "anggaran", "961266000"))
    edit("subkegiatan", set_cell(16, "anggaran", "309121000"))
    (e,) = _errors(data_copy)
    assert e.location.endswith("kegiatan.csv") and e.row == 6
    assert "baris 6 di" in e.message and "baris 8 di" in e.message
    assert "Rp 2.792.072.000" in e.message and "Rp 2.792.071.000" in e.message


def test_partial_amounts_and_broken_links_are_errors(data_copy, edit):
    edit("subkegiatan", set_cell(17, "anggaran", ""))
    edit("upaya", set_cell(15, "program", "P9"))
    errors = _errors(data_copy)
    assert any(e.location.endswith("upaya.csv") and e.row == 15 and e.value == "P9" for e in errors)
    edit("upaya", set_cell(15, "program", "P2"))
    errors = _errors(data_copy)
    assert [(e.row, e.column) for e in errors] == [(17, "anggaran"), (17, "anggaran")]
    assert "Realisasi sub-kegiatan diisi tetapi anggarannya kosong" in errors[0].message
    assert "sebagian" in errors[1].message and "baris 17 di" in errors[1].message


def test_lkjip_check_catches_a_sum_mismatch(data_copy, edit):
    edit("subkegiatan", set_cell(17, "anggaran", "91185000"))
    r = CliRunner().invoke(app, ["check", "--tahun", "2023", "-k", "lumbir", "--data", str(data_copy)])
    assert r.exit_code == 1
    assert "subkegiatan.csv, baris 17, kolom 'anggaran'" in r.output
