"""The sample data: reproducible from its seed, marked as sample, varied enough to exercise the logic."""

from collections import Counter

import pandas as pd
import pytest

from lkjip import calc
from lkjip.predikat import PredikatScale
from lkjip.sample import generate
from lkjip.validate import validate
from tests.conftest import DATA


def test_bundled_sample_data_is_what_the_generator_writes(data_copy):
    generate(data_copy, 2023)
    for csv in sorted(DATA.glob("*.csv")):
        assert (data_copy / csv.name).read_bytes() == csv.read_bytes(), csv.name


def test_real_rows_are_kept(data_copy):
    generate(data_copy, 2023, seed=7)
    ours = pd.read_csv(data_copy / "program.csv")
    bundled = pd.read_csv(DATA / "program.csv")
    pd.testing.assert_frame_equal(
        ours[ours.kecamatan == "ajibarang"].reset_index(drop=True),
        bundled[bundled.kecamatan == "ajibarang"].reset_index(drop=True),
    )
    assert not ours[ours.kecamatan == "lumbir"].equals(bundled[bundled.kecamatan == "lumbir"])


def test_a_new_year_keeps_every_row_of_the_other_years(data_copy):
    """``lkjip contoh --tahun 2024`` used to delete the 2023 sample rows (it dropped tahun and tahun - 1)."""
    import csv

    def rows(folder):
        out = set()
        for f in sorted(folder.glob("*.csv")):
            with f.open(encoding="utf-8") as fh:
                out |= {(f.name, tuple(r)) for r in csv.reader(fh)}
        return out

    before = rows(data_copy)
    generate(data_copy, 2024)
    assert before <= rows(data_copy)  # nothing of 2023 (or of the Renstra 2018-2023) lost or changed
    for tahun in (2023, 2024):
        report = validate(data_copy, tahun)
        assert report.errors == [], (tahun, report.errors[:3])
    assert len(validate(data_copy, 2024).kecamatan) == 26  # ajibarang has no 2024 data; the samples do
    renstra = pd.read_csv(data_copy / "renstra.csv")
    lumbir = renstra[renstra.kecamatan == "lumbir"].sort_values("periode_awal")
    assert lumbir[["periode_awal", "periode_akhir"]].values.tolist() == [[2018, 2023], [2024, 2029]]


@pytest.fixture(scope="module")
def all_kinerja():
    report = validate(DATA, 2023)
    assert report.errors == []
    frames, programs, flags = [], [], {}
    for slug in report.kecamatan:
        d, _ = report.data_for(slug)
        k = calc.kinerja(d.indikator, d.target, d.realisasi, d.sasaran, 2023, PredikatScale.from_frame(d.skala))
        frames.append(k.assign(kecamatan=slug))
        programs.append(calc.serapan_program(d.program).assign(kecamatan=slug))
        flags[slug] = bool(d.profil["data_contoh"])
    return pd.concat(frames), pd.concat(programs), flags


def test_all_27_kecamatan_have_data_and_only_ajibarang_is_real(all_kinerja):
    _, _, flags = all_kinerja
    assert len(flags) == 27
    assert [s for s, sample in flags.items() if not sample] == ["ajibarang"]


def test_samples_exercise_the_logic(all_kinerja):
    k, p, _ = all_kinerja
    sample = k[k.kecamatan != "ajibarang"]
    assert set(Counter(sample["predikat"])) == {"Sangat Tinggi", "Tinggi", "Sedang", "Rendah", "Sangat Rendah"}
    assert (~sample["tercapai"]).sum() > 0  # below target
    assert (sample["polaritas"] == "turun").sum() >= 26  # a lower-is-better indicator in every sample
    assert (sample["perubahan"] == "turun").sum() > 0  # a fall from last year
    assert (p["serapan"] < 65).sum() > 0  # a program with low absorption


def _contoh(capsys, *args: str) -> tuple[int, str]:
    from lkjip.cli import main

    code = main(["contoh", *args])
    cap = capsys.readouterr()
    return code, cap.out + cap.err


@pytest.mark.parametrize(
    ("target", "code", "words"),
    [
        ("buku.xlsx", 1, "bukan folder; lkjip contoh menulis ke folder berkas CSV"),
        ("tidak-ada", 1, "tidak ditemukan; data contoh tidak ditulis"),
        ("kosong", 1, "tidak memuat kecamatan.csv dan profil.csv"),
    ],
    ids=["xlsx", "folder-hilang", "folder-tanpa-csv"],
)
def test_contoh_refuses_what_is_not_a_csv_folder(capsys, tmp_path, target, code, words):
    (tmp_path / "buku.xlsx").write_bytes(b"PK")
    (tmp_path / "kosong").mkdir()
    before = sorted(tmp_path.rglob("*"))
    got, out = _contoh(capsys, "--tahun", "2024", "--data", str(tmp_path / target))
    assert got == code, out
    assert words in out and "Perbaikan: berikan folder" in out and "--data data" in out
    assert "Galat tak terduga" not in out and "Error" not in out
    assert sorted(tmp_path.rglob("*")) == before


@pytest.mark.parametrize("tahun", ["99999", "1999", "2101"])
def test_contoh_refuses_a_year_outside_the_schema(capsys, data_copy, tahun):
    before = {p.name: p.read_bytes() for p in data_copy.glob("*.csv")}
    got, out = _contoh(capsys, "--tahun", tahun, "--data", str(data_copy))
    assert got == 2 and f"Tahun {tahun} di luar rentang 2000-2100" in out and "Perbaikan:" in out
    assert {p.name: p.read_bytes() for p in data_copy.glob("*.csv")} == before


def test_contoh_names_a_csv_that_is_not_utf8(capsys, data_copy):
    (data_copy / "kecamatan.csv").write_bytes("slug,nama\nx,Caf\u00e9\n".encode("cp1252"))
    got, out = _contoh(capsys, "--tahun", "2024", "--data", str(data_copy))
    assert got == 1 and "kecamatan.csv bukan teks UTF-8" in out and "Galat tak terduga" not in out


def test_a_sample_kecamatan_without_organisation_gets_a_copy_and_the_others_are_kept(data_copy):
    org = data_copy / "organisasi.csv"
    before = pd.read_csv(org, dtype=str, keep_default_na=False)
    before[before.kecamatan != "lumbir"].to_csv(org, index=False)
    generate(data_copy, 2023, only=["lumbir"])
    after = pd.read_csv(org, dtype=str, keep_default_na=False)
    mine = after[after.kecamatan == "lumbir"].drop(columns="kecamatan").reset_index(drop=True)
    first = after[after.kecamatan == after.kecamatan.iloc[0]].drop(columns="kecamatan").reset_index(drop=True)
    pd.testing.assert_frame_equal(mine, first)
    assert len(after) == len(before)
    generate(data_copy, 2023)  # every kecamatan has one now: the file is left as it is
    pd.testing.assert_frame_equal(pd.read_csv(org, dtype=str, keep_default_na=False), after)
