"""Generated sentences chosen by the figures: the efficiency decision table, the predikat scale, program references.

Each row of the efficiency decision table is exercised with real figures
(Ajibarang 2023 where it has such a row; otherwise Ajibarang's own budget
lines with one realisation changed), and the sentence is checked against the
figures it prints, not against a stored copy of itself.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

from lkjip import calc, narasi, narasi_sasaran, tables
from lkjip import format as fmt
from lkjip.calc import Efisiensi
from lkjip.predikat import PERMENDAGRI_86_2017, PredikatScale
from lkjip.report import buka
from lkjip.rounding import shown

E = Efisiensi

# (what, capaian, anggaran, realisasi, expected label, a phrase only that label's sentence has)
ROWS = [
    # Ajibarang T1: IKM 86 of 86, the four supporting programs spend Rp 358.399.000 of Rp 359.874.000
    ("efisien", 100.0, 359_874_000, 358_399_000, E.EFISIEN, "penggunaan anggaran efisien"),
    # Ajibarang S2: 100% of 100%, Program Penyelenggaraan Pemerintahan spends Rp 2.000.000 of Rp 2.000.000
    ("sesuai rencana", 100.0, 2_000_000, 2_000_000, E.SESUAI_RENCANA, "digunakan sesuai rencana"),
    # Ajibarang S5's program (Rp 30.300.000) had it overspent by Rp 151.500: 100,50% serapan
    ("kurang efisien", 100.0, 30_300_000, 30_451_500, E.KURANG_EFISIEN, "penggunaan anggaran kurang efisien"),
    # IKM 80 of a target of 86 (93,02%) with Ajibarang T1's spending
    ("belum tercapai", 80 / 86 * 100, 359_874_000, 358_399_000, E.BELUM_TERCAPAI, "tidak dinyatakan"),
]


def _row(capaian: float, anggaran: int, realisasi: int, jumlah_indikator: int = 1) -> pd.Series:
    serapan = shown(calc.serapan(anggaran, realisasi))
    cap = shown(capaian)
    return pd.Series(
        {
            "sasaran_uraian": "Mewujudkan kinerja pelayanan Kecamatan yang prima",
            "jumlah_indikator": jumlah_indikator,
            "capaian": cap,
            "serapan": serapan,
            "tingkat": shown(cap - serapan),
            "anggaran": anggaran,
            "realisasi": realisasi,
        }
    )


@pytest.mark.parametrize(
    ("what", "capaian", "anggaran", "realisasi", "label", "phrase"), ROWS, ids=[r[0] for r in ROWS]
)
def test_each_row_of_the_decision_table_labels_and_words_it(what, capaian, anggaran, realisasi, label, phrase):
    r = _row(capaian, anggaran, realisasi)
    assert calc.nilai_efisiensi(r["capaian"], r["serapan"]) is label
    for urutan in range(6):  # every phrasing of the row says the same
        sentence = narasi_sasaran.efisiensi(r, urutan)
        assert phrase in sentence
        for _, *_rest, other, other_phrase in ROWS:  # no other row's conclusion
            if other is not label:
                assert other_phrase not in sentence
        assert "tidak efisien" not in sentence.lower()  # the word the old rule gave to 100% / 100%
        # the figures it states are the table's figures
        assert fmt.persen_teks(r["capaian"]) in sentence and fmt.persen_teks(r["serapan"]) in sentence
        if realisasi == anggaran:  # all of it spent: said once, not "Rp 2.000.000 dari Rp 2.000.000"
            assert f"anggaran {fmt.rupiah(anggaran)} terealisasi seluruhnya" in sentence
        else:
            assert f"{fmt.rupiah(realisasi)} dari {fmt.rupiah(anggaran)}" in sentence
    # the table's Keterangan says the same
    frame = pd.DataFrame([{**r.to_dict(), "keterangan": label.value}])
    total = pd.Series({**r.to_dict(), "keterangan": label.value})
    tabel = tables.efisiensi(frame, total, "Tabel 3.18", "T", None)
    assert tabel.baris[0][-1].isi[0][0].teks == label.value[:1].upper() + label.value[1:]


def test_the_sentence_follows_the_printed_figures():
    """Over a grid of figures, the sentence's verdict is the sign of the printed tingkat (target reached), or none."""
    for cap in (93.02, 99.99, 99.995, 100.0, 100.004, 104.5, 120.0):
        for ser in (0.0, 96.55, 99.59, 99.994, 99.996, 100.0, 100.5, 104.5, 130.0):
            r = pd.Series(
                {
                    "capaian": shown(cap),
                    "serapan": shown(ser),
                    "tingkat": shown(shown(cap) - shown(ser)),
                    "anggaran": 359_874_000,
                    "realisasi": 358_399_000,
                }
            )
            for urutan in range(3):
                s = narasi_sasaran.efisiensi(r, urutan)
                if shown(cap) < 100:  # 99,99% is short of the target; 99,995% prints 100,00% and is not
                    assert "belum mencapai target 100%" in s and not re.search(r"\befisien\b", s)
                    kurang = fmt.persen_teks(100 - shown(cap), sign=False)
                    assert f"kurang {kurang} persen poin" in s  # the shortfall is named
                elif r["tingkat"] > 0:
                    assert s.endswith("penggunaan anggaran efisien.")
                elif r["tingkat"] == 0:
                    assert "sesuai rencana" in s and not re.search(r"\befisien\b", s)
                else:
                    assert s.endswith("penggunaan anggaran kurang efisien.")


def test_equal_is_compared_as_printed():
    # 99,996% serapan prints 100,00%: the same as a capaian of 100,00%, so the tingkat printed is 0,00%
    assert calc.nilai_efisiensi(100.0, 99.996) is E.SESUAI_RENCANA
    assert calc.nilai_efisiensi(100.0, 99.994) is E.EFISIEN  # prints 99,99%: tingkat 0,01%
    assert calc.nilai_efisiensi(99.995, 100.0) is E.SESUAI_RENCANA  # capaian prints 100,00%: reached
    assert calc.nilai_efisiensi(99.994, 50.0) is E.BELUM_TERCAPAI
    assert calc.nilai_efisiensi(100.0, float("nan")) is None  # no supporting program: not judged


def test_rata_rata_only_for_several_indicators():
    for urutan in range(3):
        one = narasi_sasaran.efisiensi(_row(100.0, 359_874_000, 358_399_000, jumlah_indikator=1), urutan)
        two = narasi_sasaran.efisiensi(_row(100.0, 359_874_000, 358_399_000, jumlah_indikator=2), urutan)
        assert re.search(r"capaian kinerja (yang |sebesar )?(mencapai )?100%", one, re.IGNORECASE)
        assert "rata-rata" not in one.lower() and "rata-rata capaian kinerja" in two.lower()


def test_summary_counts_every_row_of_the_table():
    eff = pd.DataFrame(
        {
            "capaian": [100.0, 100.0, 100.0, 100.0, 100.0, 93.02, 100.0],
            "serapan": [99.59, 99.59, 100.0, 99.44, 99.96, 99.59, float("nan")],
        }
    )
    s = narasi.efisiensi_ringkas(eff)
    assert s == (
        "Dari 6 (enam) tujuan/sasaran yang didukung program, 4 (empat) menggunakan anggaran secara efisien, "
        "1 (satu) menyerap anggaran sesuai rencana, dan 1 (satu) belum mencapai target sehingga efisiensinya tidak "
        "dinyatakan."
    )
    same = narasi.efisiensi_ringkas(eff.iloc[[2, 2]])
    assert same == "Kedua tujuan/sasaran yang didukung program menyerap anggaran sesuai rencana."


# ---------------------------------------------------------------- the predikat scale


def _rows(tabel) -> list[tuple[str, int | None, int]]:
    """(predikat, lowest and highest written figure) of each row of the printed scale, top row first."""
    out = []
    for row in tabel.baris:
        scale_text, predikat = row[1].isi[0][0].teks, row[2].isi[0][0].teks
        numbers = [int(x) for x in re.findall(r"\d+", scale_text)]
        out.append((predikat, numbers[0], numbers[1]) if len(numbers) == 2 else (predikat, None, numbers[0]))
    return out


def _by_sentence(rows: list[tuple[str, int | None, int]], v: float) -> str:
    """The sentence's rule, "dibaca menurut batas yang dilampauinya", applied to the printed table: a capaian
    takes the row above the highest written upper figure it exceeds (the top row when it exceeds them all)."""
    for i, (_, _, high) in enumerate(rows):
        if v > high:
            return rows[max(i - 1, 0)][0]
    return rows[-1][0]


@pytest.mark.parametrize(
    "skala",
    [
        PERMENDAGRI_86_2017,
        PredikatScale.from_frame(pd.read_csv(Path(__file__).parents[1] / "data" / "skala_predikat.csv")),
    ],
    ids=["permendagri", "data"],
)
def test_the_scale_sentence_agrees_with_the_table_and_the_judgement(skala):
    tabel = tables.skala(skala, "Tabel 3.1", "Skala Nilai Peringkat Kinerja", None)
    sentence = narasi.skala(skala, "Tabel 3.1")
    assert "pita" not in sentence and "Rentang pada Tabel 3.1 dibaca sebagai berikut" in sentence
    ranges = _ranges(sentence)
    assert [p for p, _, _ in ranges] == skala.labels  # every row of the table, in its order
    rows = _rows(tabel)
    # the sentence's ranges give every value the predikat the report judges, 90,5 and 130 included
    for v in [x / 4 for x in range(0, 4 * 130)]:
        assert _by_ranges(ranges, v) == skala.predikat(v), v
    # every whole percent the table prints in a row is, by the sentence, that row's predikat
    for predikat, low, high in rows:
        for v in range(low if low is not None else 0, high + 1):
            assert _by_ranges(ranges, v) == predikat, (predikat, v)
    assert "(termasuk capaian di atas 100%)" in sentence


def _ranges(sentence: str) -> list[tuple[str, float | None, float | None]]:
    """(predikat, exclusive lower bound, inclusive upper bound) of each range the sentence states."""
    out = []
    for part in sentence.split(": capaian ", 1)[1].rstrip(".").split("; "):
        part = re.sub(r"^dan |\s*\(termasuk capaian di atas 100%\)", "", part)
        num = [float(x.replace(",", ".")) for x in re.findall(r"(\d+(?:,\d+)?)%", part)]
        name = re.sub(r".*%\s*(atau kurang\s*|berpredikat\s*)?", "", part).strip()
        if part.startswith("lebih dari") and len(num) == 2:
            out.append((name, num[0], num[1]))
        elif part.startswith("lebih dari"):
            out.append((name, num[0], None))
        else:
            out.append((name, None, num[0] if num else None))
    return out


def _by_ranges(ranges, v: float) -> str:
    shown_v = round(v, 2)
    for name, low, high in ranges:
        if (low is None or shown_v > low) and (high is None or shown_v <= high):
            return name
    raise AssertionError(v)


# ---------------------------------------------------------------- program references


def test_programs_are_referred_to_by_table_and_row():
    assert (
        narasi_sasaran.program("tujuan", ["A", "B", "C", "D"], [2, 3, 4, 5], True, "Tabel 3.4")
        == "Tujuan ini didukung oleh keempat program pendukung (Tabel 3.4 nomor 2-5)."
    )
    one = narasi_sasaran.program(
        "sasaran", ["Program Pemberdayaan Masyarakat Desa dan Kelurahan"], [2], False, "Tabel 3.4"
    )
    assert one == "Sasaran ini didukung oleh Program Pemberdayaan Masyarakat Desa dan Kelurahan (Tabel 3.4 nomor 2)."
    some = narasi_sasaran.program("sasaran", ["A", "C"], [1, 3], False, "Tabel 3.4")
    assert some == "Sasaran ini didukung oleh 2 (dua) program pada Tabel 3.4, yaitu nomor 1 dan 3."
    for urutan in range(3):  # every phrasing names the program exactly as the data writes it, with its row
        s = narasi_sasaran.program("sasaran", ["Program Koordinasi Ketentraman"], [3], False, "Tabel 3.4", urutan)
        assert "Program Koordinasi Ketentraman (Tabel 3.4 nomor 3)" in s
        assert (
            "keempat" in narasi_sasaran.program("tujuan", list("ABCD"), [1, 2, 3, 4], True, "Tabel 3.4", urutan).lower()
        )


def test_generated_text_spells_ketenteraman_as_kbbi():
    package = Path(calc.__file__).parent
    sources = [
        package / "narasi.py",
        package / "narasi_sasaran.py",
        *sorted((package / "templates" / "narasi").glob("*.j2")),
    ]
    for path in sources:
        assert "ketentraman" not in path.read_text(encoding="utf-8").lower(), path


def test_the_efficiency_table_says_rata_rata_only_when_a_row_averages_several_indicators():
    lap = buka("ajibarang", 2023)

    def header(eff: pd.DataFrame) -> list[str]:
        return [c.isi[0][0].teks for c in tables.efisiensi(eff, lap.efisiensi_total, "T", "J", None).kepala[0]]

    assert set(lap.efisiensi["jumlah_indikator"]) == {1}
    assert "Capaian Kinerja (%)" in header(lap.efisiensi)
    assert "Rata-rata Capaian Kinerja (%)" not in header(lap.efisiensi)
    several = lap.efisiensi.assign(jumlah_indikator=[2, 1, 1, 1, 1, 1])
    assert "Rata-rata Capaian Kinerja (%)" in header(several)
