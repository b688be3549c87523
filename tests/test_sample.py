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
