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
        ("Telp/Faks (0281) 635335", "(0281)\u00a0635335"),
    ],
)
def test_a_line_never_ends_on_rp_a_caption_word_or_a_bare_count(text, joined):
    assert joined in ikat(text)


def test_nothing_else_changes_and_only_long_words_in_table_cells_get_soft_hyphens():
    text = "Penyelenggaraan pemberdayaan masyarakat sebesar Rp 2.000.000 (Tabel 3.17 nomor 2) oleh APBDES, 25 orang."
    printed = cetak(text, pecah=True)  # a table body cell
    assert printed.replace("\u00ad", "").replace(NBSP, " ") == text
    assert "pe\u00adnye" in printed.lower() or "penye\u00ad" in printed.lower()  # 15 letters: may not fit
    assert "pemberdayaan" in printed and "masyarakat" in printed  # 12 and 10 letters: fit their column
    assert "APBDES" in printed  # an acronym is never broken
    # running text and headers: no soft hyphen at all, so a PDF viewer's search finds every word
    assert cetak(text) == ikat(text) and "\u00ad" not in cetak(text)
