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
    "ikhtisar": [  # the reference's garbled sentence, written as one clear sentence
        "Laporan ini juga menguraikan program pendukung beserta anggaran dan realisasinya",
        "dalam mencapai tujuan dan sasaran Kecamatan Ajibarang",
    ],
    "bab3.b": [  # the strategies of sasaran a as the reference's numbered list; sasaran b's interpretation
        "Strategi yang telah ditempuh untuk keberhasilan capaian kinerja",
        "melaksanakan pelayanan tanpa membedakan golongan atau status masyarakat yang dilayani",
        "menggambarkan bahwa pelayanan yang diberikan Kecamatan Ajibarang telah dilaksanakan dengan baik",
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
