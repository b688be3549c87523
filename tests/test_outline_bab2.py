"""BAB II of Ajibarang 2023 (lkjip.outline.bab2): the visi with its explanation and the misi in focus, explained."""

from __future__ import annotations

import pytest

from lkjip import document
from lkjip.report import buka
from tests.conftest import set_cell


def _text(lap, kunci: str) -> str:
    return " ".join("".join(r.teks for r in document.runs(b)) for b in document.walk([lap.bagian(kunci)]))


@pytest.fixture(scope="module")
def renstra():
    return _text(buka("ajibarang", 2023), "bab2.a")


def test_the_visi_is_defined_quoted_and_explained_as_the_reference_has_it(renstra):
    assert "Visi merupakan arah atau kondisi ideal di masa depan yang ingin dicapai" in renstra
    assert "pembangunan jangka menengah daerah Tahun 2018-2023" in renstra
    assert '"Menjadikan Banyumas yang Maju, Adil Makmur dan Mandiri"' in renstra
    assert (  # the reference's sentence without subject and predicate, rewritten (data/README, koreksi.csv)
        "Sesuai dengan tugas pokok dan fungsinya, yaitu mewujudkan tata kelola pemerintahan yang baik dan pelayanan "
        "masyarakat yang cepat, murah, pasti, terjangkau dan berkualitas, Kecamatan Ajibarang mendukung tercapainya "
        "visi tersebut"
    ) in renstra


def test_the_misi_in_focus_is_explained(renstra):
    assert "Berdasarkan rumusan visi Kabupaten Banyumas, misi yang dilaksanakan adalah sebagai berikut:" in renstra
    assert (
        "Misi yang terkait dan menjadi fokus kinerja Kecamatan Ajibarang yaitu misi 1 (satu), mewujudkan Banyumas "
        "sebagai barometer pelayanan publik"
    ) in renstra
    assert "melalui peningkatan kualitas perencanaan pembangunan daerah." in renstra
    assert "adalah misi 1." not in renstra


def test_several_misi_in_focus_are_named_and_those_with_an_explanation_explained(data_copy, edit):
    edit("misi", set_cell(4, "terkait", "true"))  # Ajibarang's misi 3, without explanation
    edit("renstra", set_cell(2, "visi_penjelasan", ""))
    text = _text(buka("ajibarang", 2023, data_copy), "bab2.a")
    assert "fokus kinerja Kecamatan Ajibarang adalah misi 1 (satu) dan misi 3 (tiga). Misi 1 (satu): mewujudkan" in text
    assert "Good Governance" not in text
