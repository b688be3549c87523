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
        out.append("".join(r.teks for r in document.runs(b)))
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


def test_latar_belakang_names_whom_the_kabupaten_report_goes_to(lap):
    text = _text(lap.bagian("bab1.a").isi)
    assert (
        "Bupati menyusun Laporan Kinerja Tahunan Pemerintah Daerah dan menyampaikannya kepada Gubernur, Menteri "
        "Perencanaan Pembangunan Nasional/Kepala Badan Perencanaan Pembangunan Nasional, Menteri Pendayagunaan "
        "Aparatur Negara dan Reformasi Birokrasi, dan Menteri Dalam Negeri paling lambat 3 (tiga) bulan"
    ) in text
    assert "Hal terpenting yang diperlukan dalam penyusunan Laporan Kinerja adalah pengukuran kinerja" in text


def test_gambaran_umum_places_the_kecamatan_from_the_registry(lap):
    text = _text(lap.bagian("bab1.b").isi)
    assert "Kecamatan Ajibarang merupakan salah satu kecamatan yang ada di wilayah Kabupaten Banyumas." in text
    assert (
        "Secara geografis Kecamatan Ajibarang berada di sebelah barat wilayah Kabupaten Banyumas dan memiliki luas "
        "6.648,1 ha"
    ) in text


def test_without_a_known_location_the_sentence_gives_the_area_only():
    text = _text(buka("lumbir", 2023).bagian("bab1.b").isi)
    assert "Secara geografis" not in text and "Kecamatan Lumbir memiliki luas wilayah 10.266 ha" in text
