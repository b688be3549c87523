"""Print typography: no-break spaces where a line must not break, soft hyphens, and nothing else changed."""

import pytest

from lkjip.tipografi import NBSP, cetak, ikat


@pytest.mark.parametrize(
    ("text", "joined"),
    [
        ("sebesar Rp 2.966.054.529 terealisasi", "Rp\u00a02.966.054.529"),
        ("anggaran Rp. 30.300.000,-", "Rp.\u00a030.300.000"),
        ("pada Tabel 3.4 nomor 2", "Tabel\u00a03.4 nomor\u00a02"),
        ("lihat Grafik 1.1 dan Lampiran 2", "Grafik\u00a01.1 dan Lampiran\u00a02"),
        ("sebanyak 25 orang", "25\u00a0orang"),
        ("15 (lima belas) desa", "15\u00a0(lima belas)"),
        ("45 dusun dan 660 RT", "45\u00a0dusun dan 660\u00a0RT"),
    ],
)
def test_a_line_never_ends_on_rp_a_caption_word_or_a_bare_count(text, joined):
    assert joined in ikat(text)


def test_nothing_else_changes_and_hyphens_are_soft():
    text = "Pemberdayaan masyarakat kelurahan sebesar Rp 2.000.000 (Tabel 3.17 nomor 2) oleh APBDES, 25 orang."
    printed = cetak(text)
    assert printed.replace("\u00ad", "").replace(NBSP, " ") == text
    assert "APBDES" in printed  # an acronym is never broken
    assert "pem\u00adber" in printed.lower() and "\u00ad" not in ikat(text)
    assert cetak(text, pecah=False) == ikat(text)  # a table header breaks only between words
