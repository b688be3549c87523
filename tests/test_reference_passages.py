"""General passages of the reference (Ajibarang 2023) restored as default narrative text, each in its place."""

from __future__ import annotations

import pytest

from lkjip import document
from lkjip.report import buka

PASSAGES = {
    "bab1.f": [
        "Suatu kondisi menjadi isu strategis jika kondisi tersebut perlu diantisipasi",
        "akan menghilangkan peluang untuk meningkatkan kesejahteraan masyarakat dalam jangka panjang",
    ],
    "bab2.b": [
        "Indikator Kinerja adalah ukuran keberhasilan yang spesifik, dapat diukur, dapat dicapai, relevan",
        "tercapainya hasil program dan kegiatan yang dilaksanakan oleh instansi pemerintah",
    ],
    "bab2.c": [
        "perwujudan komitmen dan kesepakatan atas kinerja terukur tertentu",
        "sehingga terjadi kesinambungan kinerja setiap tahunnya",
    ],
    "bab3.a": [
        "Pengukuran Kinerja sebagai salah satu fondasi utama dalam menerapkan manajemen kinerja",
        "untuk memudahkan terwujudnya organisasi yang akuntabel",
    ],
    "bab3.c": [
        "sejalan dengan prinsip pengelolaan anggaran publik dan prinsip pemerintahan yang baik",
        "pengelolaan sumber daya anggaran yang efisien dalam mencapai tujuan dan sasaran pembangunan",
    ],
    "ikhtisar": [
        "Laporan ini menyajikan pula uraian program beserta anggarannya",
        "yang diambil Kecamatan Ajibarang dalam mencapai tujuan/sasaran atau indikator kinerja",
    ],
}


@pytest.fixture(scope="module")
def lap():
    return buka("ajibarang", 2023)


@pytest.mark.parametrize("bagian", sorted(PASSAGES))
def test_reference_passage_is_in_its_section(lap, bagian):
    text = " ".join("".join(r.teks for r in document.runs(b)) for b in document.walk([lap.bagian(bagian)]))
    for phrase in PASSAGES[bagian]:
        assert text.count(phrase) == 1, phrase
