"""The kabupaten as data: its name, number of kecamatan, regulations and each kecamatan's organisation.

A second kabupaten (``tests/data/kabupaten_lain``: Sukamaju, two kecamatan,
its own regulations and organisation charts) is validated and rendered end to
end; nothing of Banyumas may be left in its report.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pandas as pd
import pytest

from lkjip import fingerprint, index
from lkjip.checks import check
from lkjip.params import Params
from lkjip.problems import SHARED
from lkjip.report import buka
from tests.conftest import DATA, ROOT

LAIN = ROOT / "tests" / "data" / "kabupaten_lain"
UNITS = {
    "mekarjaya": [
        "Camat",
        "Sekretariat Kecamatan",
        "Subbagian Program dan Keuangan",
        "Seksi Tata Pemerintahan",
        "Seksi Kesejahteraan Sosial",
        "Seksi Pelayanan Terpadu",
    ],
    "sirnagalih": ["Camat", "Sekretariat Kecamatan", "Seksi Pemerintahan dan Ketenteraman", "Seksi Pembangunan Desa"],
}
PERDA = "Peraturan Daerah Kabupaten Sukamaju Nomor 5 Tahun 2021 tentang Pembentukan dan Susunan Perangkat Daerah"
PERBUP = "Peraturan Bupati Sukamaju Nomor 41 Tahun 2022"


@pytest.fixture
def lain(tmp_path: Path) -> Path:
    """A copy of the second kabupaten that a test may edit."""
    return Path(shutil.copytree(LAIN, tmp_path / "lain"))


def _edit(folder: Path, table: str, fn) -> None:
    file = folder / f"{table}.csv"
    fn(pd.read_csv(file, dtype=str, keep_default_na=False)).to_csv(file, index=False)


# ---------------------------------------------------------------- validation


def test_the_second_kabupaten_is_valid_data():
    report = check(LAIN, 2023)
    assert report.errors == [], [str(p) for p in report.errors]
    assert report.kecamatan == ["mekarjaya", "sirnagalih"]
    for slug, units in UNITS.items():
        data, _ = report.data_for(slug)
        assert data.kabupaten["nama"] == "Sukamaju" and data.kabupaten["jumlah_kecamatan"] == 2
        assert list(data.organisasi["unit"]) == units  # each kecamatan its own chart
        assert set(data.regulasi["kunci"]) == {"perda_pembentukan", "perbup_tupoksi"}


def test_number_of_kecamatan_must_match_the_registry(lain):
    _edit(lain, "kabupaten", lambda f: f.assign(jumlah_kecamatan="3"))
    [p] = check(lain, 2023).errors
    assert (p.location.endswith("kabupaten.csv"), p.row, p.column, p.value) == (True, 2, "jumlah_kecamatan", "3")
    assert "kecamatan.csv (2)" in p.message and "Isi jumlah_kecamatan dengan 2" in p.fix
    assert p.reach == SHARED  # the count is printed in every report
    assert "semua kecamatan" in str(p)


def test_the_kabupaten_table_holds_one_row(lain):
    _edit(lain, "kabupaten", lambda f: pd.concat([f, f.assign(nama="Cibaru")]))
    [p] = check(lain, 2023).errors
    assert (p.row, p.column, p.value) == (3, "nama", "Cibaru") and "satu baris" in p.message


def test_a_cited_regulation_must_be_there(lain):
    _edit(lain, "regulasi", lambda f: f[f["kunci"] != "perbup_tupoksi"])
    [p] = check(lain, 2023).errors
    assert (p.column, p.value, p.reach) == ("kunci", "perbup_tupoksi", SHARED)
    assert p.location.endswith("regulasi.csv") and "Tambahkan satu baris dengan kunci 'perbup_tupoksi'" in p.fix


def test_a_kecamatan_without_organisation_is_refused_alone(lain):
    _edit(lain, "organisasi", lambda f: f[f["kecamatan"] != "sirnagalih"])
    report = check(lain, 2023)
    [p] = report.errors
    assert (p.kecamatan, p.column, p.value) == ("sirnagalih", "kecamatan", "sirnagalih")
    assert p.location.endswith("organisasi.csv") and "belum punya susunan organisasi" in p.message
    assert "salin baris kecamatan itu" in p.fix
    report.data_for("mekarjaya")  # the other kecamatan is still built


def test_an_organisation_unit_belongs_to_a_registered_kecamatan(lain):
    _edit(lain, "organisasi", lambda f: f.assign(kecamatan=f["kecamatan"].replace("sirnagalih", "sirnagali")))
    errors = check(lain, 2023).errors
    assert {p.kecamatan for p in errors} == {"sirnagalih"}  # the typo holds its report back, and only that one
    assert any("salah ketik 'sirnagalih'" in p.message for p in errors)


def test_kabupaten_and_own_organisation_count_in_the_fingerprint(lain):
    def parts(slug: str) -> dict[str, str]:
        return fingerprint.inputs(Params(slug, 2023, str(lain), str(lain.parent / "out")))

    before = {slug: parts(slug) for slug in UNITS}
    _edit(lain, "organisasi", lambda f: f.assign(unit=f["unit"].where(f["kecamatan"] != "sirnagalih", "Unit")))
    assert parts("mekarjaya") == before["mekarjaya"]
    assert parts("sirnagalih")["data/organisasi"] != before["sirnagalih"]["data/organisasi"]
    for table, column, value in (("kabupaten", "nama", "Cibaru"), ("regulasi", "nomor", "6")):
        _edit(lain, table, lambda f, c=column, v=value: f.assign(**{c: v}))
        for slug in UNITS:
            assert parts(slug)[f"data/{table}"] != before[slug][f"data/{table}"], (table, slug)


# ---------------------------------------------------------------- the bundled kabupaten


def test_banyumas_text_is_unchanged_now_that_it_is_data():
    lap = buka("ajibarang", 2023, DATA)
    html = lap.bagian("bab1.c")._repr_html_() + lap.bagian("bab1.d")._repr_html_()
    assert (
        "salah satu dari 27 (dua puluh tujuh) kecamatan di Kabupaten Banyumas, dibentuk berdasarkan Peraturan "
        "Daerah Kabupaten Banyumas Nomor 7 Tahun 2019 tentang Perubahan atas Peraturan Daerah Kabupaten Banyumas "
        "Nomor 16 Tahun 2016 tentang Pembentukan dan Susunan Perangkat Daerah Kabupaten Banyumas." in html
    )
    assert (
        "Sebagaimana diatur dalam Peraturan Bupati Banyumas Nomor 68 Tahun 2018 tentang Kedudukan, Susunan Organisasi, "
        "Tugas dan Fungsi serta Tata Kerja Kecamatan di Kabupaten Banyumas, Kecamatan Ajibarang mempunyai tugas" in html
    )
    assert "sesuai Peraturan Bupati Banyumas Nomor 68 Tahun 2018 terdiri atas:" in html
    assert "KABUPATEN BANYUMAS" in lap.bagian("judul")._repr_html_()


def test_every_bundled_kecamatan_has_the_same_organisation():
    org = pd.read_csv(DATA / "organisasi.csv", dtype=str, keep_default_na=False)
    registry = pd.read_csv(DATA / "kecamatan.csv", dtype=str)
    charts = {slug: rows.drop(columns="kecamatan").to_numpy().tolist() for slug, rows in org.groupby("kecamatan")}
    assert set(charts) == set(registry["slug"])
    assert all(chart == charts["ajibarang"] for chart in charts.values())


# ---------------------------------------------------------------- end to end


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    from lkjip.render import render

    out = tmp_path_factory.mktemp("output")
    return render(Params("mekarjaya", 2023, str(LAIN), str(out))), out


def _figure(html: str, caption: str) -> str:
    [figure] = [f for f in re.findall(r"<figure\b.*?</figure>", html, flags=re.S) if caption in f]
    return figure


@pytest.mark.e2e
def test_second_kabupaten_renders_with_its_own_name_regulations_and_chart(rendered):
    result, _ = rendered
    html = result.html.read_text(encoding="utf-8")
    assert "banyumas" not in html.lower()
    cover = html.split('id="kata-pengantar"', 1)[0]
    assert "KECAMATAN MEKARJAYA" in cover and "KABUPATEN SUKAMAJU" in cover
    assert "salah satu dari 2 (dua) kecamatan di Kabupaten Sukamaju" in html
    assert f"dibentuk berdasarkan {PERDA} Kabupaten Sukamaju." in html  # no amendment in its regulasi.csv
    assert f"Sebagaimana diatur dalam {PERBUP} tentang Uraian Tugas dan Fungsi Kecamatan Kabupaten Sukamaju, " in html
    assert "mempunyai tugas membantu Bupati Sukamaju" in html and "musyawarah perencanaan pembangunan desa" in html
    assert f"sesuai {PERBUP} terdiri atas:" in html
    chart = _figure(html, "Struktur Organisasi Kecamatan Mekarjaya")
    assert "<svg" in chart
    text = " ".join(re.findall(r">([^<>]+)<", chart))  # the chart wraps a unit's name to its box
    for unit in UNITS["mekarjaya"]:
        assert " ".join(unit.split()) in " ".join(text.split()), unit
    assert "Seksi Pemerintahan Desa" not in html  # the bundled chart is not drawn


@pytest.mark.e2e
def test_second_kabupaten_pdf_and_index(rendered):
    from pypdf import PdfReader

    result, out = rendered
    text = PdfReader(result.pdf).pages[0].extract_text()
    assert "KABUPATEN SUKAMAJU" in text and "banyumas" not in text.lower()
    page = index.build(2023, output=out, data=LAIN, force=True).read_text(encoding="utf-8")
    assert "<h1>LKjIP Kecamatan Kabupaten Sukamaju Tahun 2023</h1>" in page and "banyumas" not in page.lower()
