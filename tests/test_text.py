"""Narrative: generated sentences, counts in words, sanitising, analyst overrides."""

from __future__ import annotations

import shutil

import pandas as pd
import pytest

from lkjip import format as fmt
from lkjip import markdown, narasi_sasaran, text
from lkjip.checks import check
from lkjip.errors import DataValidationError
from lkjip.html_renderer import blocks_html
from lkjip.report import buka
from tests.conftest import ROOT


def _row(**kw):
    base = {
        "uraian": "Indeks Kepuasan Masyarakat",
        "satuan": "Indeks",
        "polaritas": "naik",
        "target": 86.0,
        "realisasi": 86.0,
        "realisasi_lalu": 85.0,
        "capaian": 100.0,
        "predikat": "Sangat Tinggi",
        "tercapai": True,
        "perubahan": "naik",
        "membaik": True,
        "target_akhir_renstra": 86.0,
        "capaian_renstra": 100.0,
    }
    return pd.Series({**base, **kw})


# ---------------------------------------------------------------- generated sentences


URUTAN = range(6)  # every phrasing of a situation (at most three) is reached


def test_rising():
    for i in URUTAN:
        s = narasi_sasaran.antartahun(_row(), 2023, i)
        assert "meningkat" in s and "membaik" in s and "86" in s and "85" in s
        assert "indeks" not in s  # an index is a value, not a thing counted: "86", never "86 indeks"
        assert "menurun" not in s and "memburuk" not in s and "makin" not in s  # higher is better: no need to say


def test_falling():
    for i in URUTAN:
        s = narasi_sasaran.antartahun(_row(realisasi=80.0, perubahan="turun", membaik=False), 2023, i)
        assert "menurun" in s and "85" in s and "memburuk" in s and "perlu menjadi perhatian" in s


def test_equal():
    for i in URUTAN:
        s = narasi_sasaran.antartahun(
            _row(satuan="%", realisasi=100.0, realisasi_lalu=100.0, perubahan="tetap"), 2023, i
        )
        assert "100%" in s and "2022" in s and not any(w in s for w in ("meningkat", "menurun", "memburuk"))
        assert "kemajuan" not in s  # the target is reached: kept, not stalled


def test_flat_below_target_is_no_progress():
    r = _row(realisasi=70.0, realisasi_lalu=70.0, perubahan="tetap", capaian=81.4, tercapai=False)
    for i in URUTAN:
        s = narasi_sasaran.antartahun(r, 2023, i)
        assert "kemajuan" in s and "belum" in s and "70" in s


def test_no_previous_year():
    for i in URUTAN:
        s = narasi_sasaran.antartahun(_row(realisasi_lalu=float("nan"), perubahan=""), 2023, i)
        assert "tidak tersedia" in s and "belum dapat dibandingkan" in s


def test_missed_target():
    r = _row(realisasi=70.0, capaian=81.4, predikat="Tinggi", tercapai=False)
    for i in URUTAN:
        s = narasi_sasaran.capaian(r, 2023, i)
        assert "86" in s and "70" in s and "indeks" not in s
        assert "81,40%" in s and "predikat Tinggi" in s and "belum" in s and "18,60 persen poin" in s
        assert "melampaui" not in s and "terpenuhi" not in s
        s = narasi_sasaran.renstra(_row(capaian_renstra=81.4), 2023, 2023, i)
        assert "belum" in s and "target akhir" in s.lower() and "81,40%" in s


def test_lower_is_better():
    # angka kemiskinan: target 10%, realised 8% (better), last year 9%
    r = _row(
        uraian="Angka kemiskinan",
        satuan="%",
        polaritas="turun",
        target=10.0,
        realisasi=8.0,
        realisasi_lalu=9.0,
        capaian=120.0,
        perubahan="turun",
        membaik=True,
    )
    for i in URUTAN:
        s = narasi_sasaran.capaian(r, 2023, i)
        assert any(p in s for p in ("melampaui", "terlampaui", "lebih baik daripada target"))
        assert "(2 × target − realisasi) / target" in s and "belum" not in s
        s = narasi_sasaran.antartahun(r, 2023, i)
        assert "menurun" in s and "9%" in s and "membaik" in s and "makin rendah makin baik" in s


@pytest.mark.parametrize(
    ("n", "words"),
    [
        (1, "1 (satu) indikator"),
        (6, "6 (enam) indikator"),
        (11, "11 (sebelas) indikator"),
        (27, "27 (dua puluh tujuh) indikator"),
    ],
)
def test_counts_in_words(n, words):
    assert fmt.hitungan(n, "indikator") == words


# ---------------------------------------------------------------- sanitising


@pytest.mark.parametrize(
    "attack",
    [
        "<script>alert(1)</script>",
        '<img src="x" onerror="alert(1)">',
        "[klik](javascript:alert(1))",
        '<a href="javascript:alert(1)" onclick="alert(2)">klik</a>',
        "<iframe src='https://example.com'></iframe>",
        "<style>body{display:none}</style>",
        '<p onmouseover="alert(1)">teks</p>',
        '<svg onload="alert(1)"></svg>',
    ],
)
def test_no_script_or_handler_survives(attack):
    html = blocks_html(markdown.blocks(text.render("Aman **tebal** " + attack, {})))
    assert "<strong>tebal</strong>" in html
    lowered = html.lower()
    for bad in (
        "<script",
        "onerror",
        "onclick",
        "onmouseover",
        "onload",
        'href="javascript:',
        "<iframe",
        "<style",
        "<svg",
    ):
        assert bad not in lowered, html
    assert "<strong>tebal</strong>" in html


# ---------------------------------------------------------------- overrides


@pytest.fixture
def narasi_dir(data_copy):
    folder = data_copy / "kecamatan" / "ajibarang" / "2023" / "narasi"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def test_override_round_trip(data_copy, narasi_dir):
    (narasi_dir / "penutup.md").write_text(
        "Penutup khusus Kecamatan {{ nama }}: rata-rata {{ rata_rata }}, "
        "{{ jumlah_indikator | hitungan('indikator') }}."
        "\n\n<span>tanpa tag</span>",
        encoding="utf-8",
    )
    lap = buka("ajibarang", 2023, data_copy)
    html = lap.bagian("bab4")._repr_html_()
    assert "Penutup khusus Kecamatan Ajibarang: rata-rata 100%, 6 (enam) indikator." in html  # running text: no ,00
    assert "<span" not in html and "tanpa tag" in html and 'class="lkjip-narasi diganti"' in html
    assert "penutup" in lap.overrides
    assert "penutup" in lap.narasi_diganti()._repr_html_()
    # a re-run reads the same file again: overrides live in the data folder, not in the output
    assert "Penutup khusus" in buka("ajibarang", 2023, data_copy).bagian("bab4")._repr_html_()


def test_sasaran_override_replaces_the_default(data_copy):
    lap = buka("ajibarang", 2023, data_copy)
    assert "Prosedur pelayanan yang baik" not in lap.bagian("bab3.b")._repr_html_()  # not in the bundled text
    assert "prosedur pelayanan yang baik" in lap.bagian("bab3.b")._repr_html_()


def test_unknown_section_is_a_validation_error(data_copy, narasi_dir):
    (narasi_dir / "penutupp.md").write_text("x", encoding="utf-8")
    [p] = check(data_copy, 2023).errors
    assert p.location.endswith("narasi/penutupp.md") and p.value == "penutupp"
    assert "tidak dikenal" in p.message and "penutup" in p.fix and "analisis_T1" in p.fix


def test_unknown_placeholder_and_bad_syntax_are_errors(data_copy, narasi_dir):
    (narasi_dir / "penutup.md").write_text("{{ nama_camat }}", encoding="utf-8")
    (narasi_dir / "latar_belakang.md").write_text("{{ nama ", encoding="utf-8")
    errors = {p.location.rsplit("/", 1)[-1]: p for p in check(data_copy, 2023).errors}
    assert "nama_camat" in errors["penutup.md"].message and "nama" in errors["penutup.md"].fix
    assert "Sintaks Jinja" in errors["latar_belakang.md"].message


def test_check_refuses_code_in_an_override_as_the_notebook_does(data_copy, narasi_dir):
    """A script, an event handler or a javascript: link is an error naming file, line, text and fix."""
    (narasi_dir / "penutup.md").write_text(
        "Penutup {{ nama }}.\n\n<script>alert(1)</script>\n<b onclick='x()'>tebal</b> [tautan](javascript:alert(1))\n",
        encoding="utf-8",
    )
    report = check(data_copy, 2023)
    errors = [p for p in report.errors if p.location.endswith("narasi/penutup.md")]
    assert [(p.row, p.value) for p in errors] == [
        (3, "<script>"),
        (4, "<b onclick='x()'>"),
        (4, "javascript:alert(1"),
    ]
    assert "<script>" in errors[0].message and "Hapus tag" in errors[0].fix
    assert "penangan peristiwa" in errors[1].message and "on...=" in errors[1].fix
    assert "javascript:" in errors[2].message and "https://" in errors[2].fix
    assert "baris 3" in str(errors[0])
    with pytest.raises(DataValidationError) as exc:  # the report refuses it too: buka() checks first
        buka("ajibarang", 2023, data_copy)
    assert "penutup.md" in str(exc.value)


def test_check_warns_of_stripped_markup_and_frozen_numbers(data_copy, narasi_dir):
    (narasi_dir / "penutup.md").write_text(
        "Penutup {{ nama }}.\n\n<span>teks</span> [x](ftp://a.id)\n\n1. Capaian rata-rata 100%.\n",
        encoding="utf-8",
    )
    report = check(data_copy, 2023)
    assert not [p for p in report.errors if "penutup" in p.location]
    warnings = [p for p in report.warnings if p.location.endswith("narasi/penutup.md")]
    assert [(p.row, p.value) for p in warnings] == [(3, "<span>"), (3, "ftp://a.id"), (5, "100")]
    assert "<span>" in warnings[0].message and "Markdown" in warnings[0].fix
    assert "{{ rata_rata }}" in warnings[2].message and "{{ rata_rata }}" in warnings[2].fix
    buka("ajibarang", 2023, data_copy)  # warnings only: the report is built


def test_hidden_attributes_are_refused_before_rendering(data_copy, narasi_dir):
    (narasi_dir / "penutup.md").write_text("{{ nama.__class__.__mro__ }} {{ nama['_x'] }}", encoding="utf-8")
    [p] = check(data_copy, 2023).errors
    assert "tersembunyi" in p.message and "__class__" in p.message and "_x" in p.message


def test_section_names_and_placeholders_are_documented():
    from lkjip.konteks import PLACEHOLDER_NAMES, konteks

    readme = (ROOT / "data" / "README.md").read_text(encoding="utf-8")
    for name in text.section_names():
        assert f"`{name}`" in readme, name
    for name in PLACEHOLDER_NAMES:
        assert f"`{name}`" in readme, name
    assert set(konteks((lap := buka("ajibarang", 2023)).data, lap.hasil)) == set(PLACEHOLDER_NAMES)


def test_images_become_captioned_appendices(data_copy):
    folder = data_copy / "kecamatan" / "ajibarang" / "2023" / "lampiran"
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "tests" / "data" / "piagam.png", folder / "02_piagam_penghargaan_UPG.png")
    lap = buka("ajibarang", 2023, data_copy)
    html = lap.bagian("lampiran")._repr_html_()
    # not listed in lampiran.csv: an appendix all the same, captioned from its name (the data warnings are
    # no appendix; they stay in the notebook). Without a PK scan there is no PK appendix before it.
    assert "<h2>Lampiran 1<br>Piagam penghargaan UPG</h2>" in html
    assert 'src="data:image/png;base64,' in html
    assert "Piagam penghargaan UPG" in lap.bagian("daftar_lampiran")._repr_html_()


def test_sanitiser_keeps_only_safe_links():
    md = (
        "[a](//evil.example) [b](https://ok.id) [c](mailto:camat@ajibarang.id) [d](ftp://x.id) "
        '<a href="https://raw.id">e</a>'
    )
    [para] = markdown.blocks(md)
    links = {r.teks: r.tautan for r in para.isi if r.tautan}
    assert links == {"b": "https://ok.id", "c": "mailto:camat@ajibarang.id"}
    assert "e" in "".join(r.teks for r in para.isi)  # a raw HTML link keeps its text, not its target


def test_a_numbered_list_inside_a_list_is_lettered():
    [outer] = markdown.blocks("1. Camat;\n2. Sekretariat;\n    1. Subbagian Perencanaan;\n        1. Seksi\n")
    inner = outer.butir[1][-1]
    assert outer.penanda == "angka" and inner.penanda == "huruf"  # 2. Sekretariat; a. Subbagian ...
    assert inner.butir[0][-1].penanda == "angka_kurung"  # one more level: 1)
