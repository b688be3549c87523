"""BAB I of Ajibarang 2023 holds the reference's substance (lkjip.outline.bab1): the Perbup 68/2018 text in full."""

from __future__ import annotations

import pytest

from lkjip import document
from lkjip.html_renderer import bagian_html
from lkjip.report import buka


@pytest.fixture(scope="module")
def lap():
    return buka("ajibarang", 2023)


def _text(blocks) -> str:
    """All text of ``blocks`` and the blocks inside them (narratives, list items), in reading order."""
    out: list[str] = []
    stack = list(reversed(blocks))
    while stack:
        b = stack.pop()
        out += [r.teks for r in document.runs(b)]
        stack.extend(reversed(document.children(b)))
    return " ".join(out)


def test_kewenangan_quotes_the_regulation_and_lists_every_fungsi_with_its_sub_points(lap):
    isi = lap.bagian("bab1.c").isi
    text = _text(isi)
    assert (
        "Sebagaimana diatur dalam Peraturan Bupati Banyumas Nomor 68 Tahun 2018 tentang Kedudukan, Susunan "
        "Organisasi, Tugas dan Fungsi serta Tata Kerja Kecamatan di Kabupaten Banyumas, Kecamatan Ajibarang "
        "mempunyai tugas membantu Bupati dalam melaksanakan koordinasi penyelenggaraan pemerintahan"
    ) in text
    [fungsi] = [b for b in isi if isinstance(b, document.Daftar)]
    assert fungsi.bernomor and fungsi.penanda == "huruf" and len(fungsi.butir) == 11  # a-k
    subs = {i: b for i, item in enumerate(fungsi.butir) for b in item if isinstance(b, document.Daftar)}
    assert {i: len(d.butir) for i, d in subs.items()} == {1: 7, 2: 4, 3: 3, 4: 2, 5: 3, 6: 3, 8: 4}
    assert all(d.penanda == "angka_kurung" for d in subs.values())
    b3 = _text(subs[1].butir[2])
    assert b3 == (
        "pembinaan kerukunan antarsuku dan intrasuku, umat beragama, ras, dan golongan lainnya guna mewujudkan "
        "stabilitas keamanan lokal, regional, dan nasional;"
    )
    assert "harmonisasi hubungan dengan tokoh agama dan tokoh masyarakat; dan" in text
    assert "fasilitasi percepatan pencapaian standar pelayanan minimal di wilayahnya;" in text
    assert "JDIH" not in text and "perundangundangan" not in text
    assert text.count("peraturan perundang-undangan") >= 5


def test_the_lists_print_as_the_regulation_numbers_them(lap):
    html = bagian_html(lap.bagian("bab1.c"))
    assert '<ol class="lkjip-huruf">' in html and '<ol class="lkjip-angka-kurung">' in html
