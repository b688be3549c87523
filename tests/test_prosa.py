"""The prose of Bab III: the sentence chosen follows the figures, and no sentence pattern keeps coming back."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from lkjip import document, narasi
from lkjip import narasi_sasaran as ns
from lkjip.narasi_sasaran import Capaian
from lkjip.report import buka
from tests.kerangka import hitung, teks_berjalan, ulang

PHRASINGS = range(6)  # more positions than any situation has phrasings: every phrasing is checked


def _row(**kw) -> pd.Series:
    base = {
        "uraian": "Persentase Layanan Kecamatan",
        "satuan": "%",
        "polaritas": "naik",
        "target": 100.0,
        "realisasi": 100.0,
        "realisasi_lalu": 100.0,
        "capaian": 100.0,
        "predikat": "Sangat Tinggi",
        "tercapai": True,
        "perubahan": "tetap",
        "membaik": False,
        "target_akhir_renstra": 100.0,
        "capaian_renstra": 100.0,
    }
    return pd.Series({**base, **kw})


@pytest.mark.parametrize(
    ("capaian", "expected"),
    [(120.0, Capaian.MELAMPAUI), (100.004, Capaian.TEPAT), (100.0, Capaian.TEPAT), (99.995, Capaian.TEPAT),
     (99.994, Capaian.BELUM), (81.4, Capaian.BELUM)],
)  # fmt: skip
def test_the_situation_is_read_from_the_printed_capaian(capaian, expected):
    assert ns.keadaan(capaian) is expected


@pytest.mark.parametrize(
    ("kw", "must", "never"),
    [
        ({"realisasi": 110.0, "capaian": 110.0}, ("110%", "melampaui|terlampaui"), ("belum", "tepat sama")),
        ({}, ("100%", "tercapai|terpenuhi|tepat sama"), ("melampaui", "terlampaui", "belum")),
        ({"realisasi": 90.0, "capaian": 90.0, "predikat": "Tinggi", "tercapai": False},
         ("90%", "belum", "10 persen poin"), ("melampaui", "terlampaui", "terpenuhi")),
    ],
    ids=["melampaui", "tepat", "belum"],
)  # fmt: skip
def test_the_capaian_sentence_says_exceeded_met_or_missed(kw, must, never):
    r = _row(**kw)
    for i in PHRASINGS:
        s = ns.capaian(r, 2023, i)
        for phrase in must:
            assert any(p in s for p in phrase.split("|")), (phrase, s)
        for phrase in never:
            assert phrase not in s, (phrase, s)
        assert "indikator ini" in s.lower() and r["uraian"] not in s  # named just before, in the lead sentence
        assert f'"{r["uraian"]}"' in ns.capaian(r, 2023, i, tunggal=False)  # one of several: named, in quotes


def test_one_indicator_is_named_in_quotes_several_get_a_list():
    for i in PHRASINGS:
        one = ns.pengantar("sasaran", ["Persentase Layanan Kecamatan"], i)
        assert '"Persentase Layanan Kecamatan"' in one and "rata-rata" not in one
    several = ns.pengantar("tujuan", ["A", "B", "C"], 0)
    assert several.endswith("3 (tiga) indikator kinerja berikut:")  # the names follow as a numbered list


@pytest.mark.parametrize(
    ("tahun", "capaian_renstra", "must"),
    [
        (2023, 100.0, ("tercapai|terpenuhi",)),
        (2023, 90.0, ("belum", "90%")),
        (2021, 100.0, ("lebih awal|sebelum akhir periode", "2 (dua) tahun|sampai akhir periode")),
        (2021, 90.0, ("belum", "2 (dua) tahun")),
    ],
    ids=["akhir-tercapai", "akhir-belum", "awal-tercapai", "awal-belum"],
)
def test_the_renstra_sentence_follows_the_end_target_and_the_years_left(tahun, capaian_renstra, must):
    for i in PHRASINGS:
        s = ns.renstra(_row(capaian_renstra=capaian_renstra), tahun, 2023, i)
        for phrase in must:
            assert any(p in s for p in phrase.split("|")), (phrase, s)
        if capaian_renstra >= 100:
            assert not re.search(r"\bbelum\b", s)


def test_year_on_year_up_down_flat():
    up = _row(realisasi=90.0, realisasi_lalu=80.0, perubahan="naik", membaik=True)
    down_good = _row(polaritas="turun", realisasi=8.0, realisasi_lalu=9.0, perubahan="turun", membaik=True)
    down_bad = _row(realisasi=80.0, realisasi_lalu=90.0, perubahan="turun", membaik=False)
    for i in PHRASINGS:
        assert "meningkat" in ns.antartahun(up, 2023, i) and "membaik" in ns.antartahun(up, 2023, i)
        s = ns.antartahun(down_good, 2023, i)
        assert "menurun" in s and "membaik" in s and "makin rendah makin baik" in s
        s = ns.antartahun(down_bad, 2023, i)
        assert "menurun" in s and "memburuk" in s
        assert not any(w in ns.antartahun(_row(), 2023, i) for w in ("meningkat", "menurun"))


def test_phrasings_of_one_situation_differ():
    """Six indicators in one situation (Ajibarang 2023) get no sentence more than twice."""
    for make in (
        lambda i: ns.capaian(_row(), 2023, i),
        lambda i: ns.antartahun(_row(), 2023, i),
        lambda i: ns.renstra(_row(), 2023, 2023, i),
        lambda i: ns.program("sasaran", ["Program X"], [1], False, "Tabel 3.4", i),
    ):
        sentences = [make(i) for i in range(6)]
        assert max(sentences.count(s) for s in sentences) <= 2


@pytest.fixture(scope="module")
def ajibarang():
    return buka("ajibarang", 2023)


def test_no_sentence_pattern_comes_back_more_than_twice(ajibarang):
    counts = hitung(ajibarang)
    repeated = {k: n for k, n in counts.items() if n > 2}
    assert not repeated, repeated
    assert sum(counts.values()) > 150  # the whole report's running text was read


def test_the_report_names_the_official_names_as_the_data_writes_them(ajibarang):
    text = " ".join(r.teks for blk in document.walk(ajibarang.dokumen.bagian) for r in document.runs(blk))
    assert "Program Koordinasi Ketentraman dan Ketertiban Umum" in text  # the program's official spelling kept


# ---------------------------------------------------------------- summaries (Ikhtisar, Bab III A) and counts


def _distribusi(**counts: int) -> pd.DataFrame:
    names = ["Sangat Tinggi", "Tinggi", "Sedang", "Rendah", "Sangat Rendah"]
    return pd.DataFrame({"predikat": names, "jumlah": [counts.get(n.replace(" ", "_"), 0) for n in names]})


@pytest.mark.parametrize(
    ("jumlah", "tercapai", "melampaui", "expected"),
    [
        (6, 6, 0, "Keenam indikator mencapai targetnya."),
        (6, 6, 6, "Keenam indikator melampaui targetnya."),
        (6, 6, 2, "Keenam indikator mencapai targetnya, 2 (dua) di antaranya melampaui target."),
        (6, 4, 1, "Sebanyak 4 (empat) dari 6 (enam) indikator mencapai target, 1 (satu) di antaranya melampaui "
         "target, sedangkan 2 (dua) indikator belum mencapai target."),
        (6, 0, 0, "Keenam indikator belum mencapai targetnya."),
        (1, 1, 0, "Indikator tersebut mencapai targetnya."),
        (1, 0, 0, "Indikator tersebut belum mencapai targetnya."),
        (12, 12, 0, "Seluruh 12 (dua belas) indikator mencapai targetnya."),
    ],
)  # fmt: skip
def test_how_many_indicators_reached_their_target(jumlah, tercapai, melampaui, expected):
    assert narasi.tercapai(jumlah, tercapai, melampaui) == expected


def test_predikat_and_targets_in_one_sentence_when_they_agree():
    assert narasi.capaian_indikator(_distribusi(Sangat_Tinggi=6), 6) == (
        "Keenam indikator berpredikat Sangat Tinggi dan seluruhnya mencapai target."
    )
    one = narasi.capaian_indikator(_distribusi(Sangat_Tinggi=1), 1)
    assert one == "Indikator tersebut berpredikat Sangat Tinggi dan mencapai targetnya."  # no "rata-rata", no "6"
    mixed = narasi.capaian_indikator(_distribusi(Sangat_Tinggi=4, Tinggi=1, Sedang=1), 4)
    assert mixed == (
        "Dari 6 (enam) indikator, 4 (empat) berpredikat Sangat Tinggi, 1 (satu) Tinggi, dan 1 (satu) Sedang. "
        "Target tercapai pada 4 (empat) indikator, sedangkan 2 (dua) lainnya belum mencapai target."
    )
    none = narasi.capaian_indikator(_distribusi(Tinggi=2, Sedang=1), 0)
    assert none.endswith("Belum ada indikator yang mencapai targetnya.")
    same_missed = narasi.capaian_indikator(_distribusi(Sangat_Tinggi=7), 2, 1)
    assert same_missed.startswith("Ketujuh indikator berpredikat Sangat Tinggi. Target tercapai pada 2 (dua)")
    assert "(1 (satu) di antaranya" not in same_missed  # no parentheses inside parentheses


def test_administrative_counts_in_one_style():
    assert narasi.wilayah(15, 0, 45, 132, 660) == (
        "15 (lima belas) desa, 45 (empat puluh lima) dusun, 132 (seratus tiga puluh dua) rukun warga (RW), dan "
        "660 (enam ratus enam puluh) rukun tetangga (RT)"
    )
    assert narasi.wilayah(10, 2, None, None, None) == "10 (sepuluh) desa dan 2 (dua) kelurahan"


def test_gambaran_umum_and_ikhtisar_of_ajibarang(ajibarang):
    text = " ".join(r.teks for blk in document.walk(ajibarang.dokumen.bagian) for r in document.runs(blk))
    assert "15 (lima belas) desa, 45 (empat puluh lima) dusun" in text and "wilayah kadus" not in text
    assert "Keenam indikator berpredikat Sangat Tinggi dan seluruhnya mencapai target." in text
    assert "Dari 6 (enam) indikator, 6 (enam)" not in text  # all in one predikat: said once, not counted out


def test_next_steps_name_one_indicator_or_list_several():
    assert narasi.langkah([]).startswith("Seluruh target kinerja tercapai.")
    one = narasi.langkah([("Persentase Layanan Kecamatan", "90%")])
    assert one.startswith('Indikator "Persentase Layanan Kecamatan" belum mencapai target (capaian 90%)')
    several = narasi.langkah([("A", "90%"), ("B", "80,50%")])
    assert several.startswith("Sebanyak 2 (dua) indikator berikut belum mencapai target")
    assert several.endswith(":\n\n1. A (capaian 90%)\n2. B (capaian 80,50%)")  # a numbered list, not a run-in series


def test_one_spelling_per_word_in_the_generated_text(ajibarang):
    """KBBI/PUEBI spellings in what lkjip writes; official names keep the data's spelling (masked here)."""
    running = teks_berjalan(ajibarang).lower()
    for wrong in ("ketentraman", "sub-kegiatan", "sub kegiatan", "efektifitas", "analisa "):
        assert wrong not in running, wrong
    assert "subkegiatan" in running


def test_phrasings_cycle_per_situation_not_per_position():
    """Met, missed, met, missed, ...: each situation's own phrasings are used in turn, so none comes back early."""
    ragam = ns.Ragam()
    met, missed = _row(), _row(realisasi=90.0, capaian=90.0, predikat="Tinggi", tercapai=False)
    out = [ns.capaian(r, 2023, ragam) for r in (met, missed) * 3]
    assert out[0::2] == [ns.capaian(met, 2023, i) for i in range(3)]
    assert out[1::2] == [ns.capaian(missed, 2023, i) for i in range(3)]


def test_a_report_that_misses_targets_repeats_no_pattern_more_than_twice():
    counts = hitung(buka("wangon", 2023))  # sample data: targets missed, exceeded and met, up, down and flat
    assert max(counts.values()) <= 2, counts.most_common(3)


def test_lower_is_better_beaten_is_not_called_above_the_target():
    r = _row(uraian="Jumlah gangguan", satuan="kejadian", polaritas="turun", target=15.0, realisasi=14.0,
             capaian=106.67)  # fmt: skip
    for i in PHRASINGS:
        s = ns.capaian(r, 2023, i)
        assert "melampaui target 15" not in s and "(2 × target − realisasi) / target" in s
        assert any(p in s for p in ("lebih baik daripada target 15 kejadian", "terlampaui", "melampaui target yang"))


@pytest.mark.parametrize("slug", ["ajibarang", "wangon"])
def test_no_sentence_occurs_word_for_word_twice(slug):
    """Ajibarang 2023 (six sasaran met at 100%, five flat) and Wangon 2023 (sample data): every sentence once."""
    assert not ulang(buka(slug, 2023)), ulang(buka(slug, 2023)).most_common(5)


def test_when_every_phrasing_is_used_the_sentence_names_its_subject():
    ragam = ns.Ragam()
    flat = [ns.antartahun(_row(uraian=f"Indikator {x}"), 2023, ragam) for x in "ABCDEFGH"]
    assert len(set(flat)) == len(flat)
    assert '"Indikator F"' in flat[5]  # five phrasings, all used: the sixth names its indicator


def test_a_multi_sentence_phrasing_is_skipped_when_one_of_its_sentences_was_used():
    ragam = ns.Ragam()
    ragam.pilih("x", ("Satu. Dua.",))
    assert ragam.pilih("y", ("Tiga. Dua.", "Empat.")) == "Empat."
