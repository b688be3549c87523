"""One render per chart kind: SVG with Indonesian labels, the same bytes every time."""

import pytest

from lkjip import bagan, calc, charts
from lkjip.html_renderer import block_html
from lkjip.report import buka


@pytest.fixture(scope="module")
def lap():
    return buka("ajibarang", 2023)


KINDS = {
    "target_realisasi": (lambda lap: charts.target_realisasi(lap.kinerja, "Grafik 3.1", "T"), "Capaian realisasi"),
    "capaian_predikat": (
        lambda lap: charts.capaian_predikat(
            lap.kinerja, [(b.predikat, b.above) for b in lap.skala.bands], "Grafik 3.2", "T"
        ),
        "Sangat Tinggi",
    ),
    "antartahun": (lambda lap: charts.antartahun(lap.kinerja, 2023, "Grafik 3.3", "T"), "2022"),
    "anggaran_realisasi": (lambda lap: charts.anggaran_realisasi(lap.program, "Grafik 3.4", "T"), "Juta rupiah"),
    "efisiensi": (lambda lap: charts.efisiensi(lap.efisiensi, "Grafik 3.5", "T"), "Serapan anggaran"),
    "komposisi_pegawai": (
        lambda lap: charts.komposisi_pegawai(lap.data.pegawai_status, lap.data.pegawai_pendidikan, "Grafik 1.1", "T"),
        "Perempuan",
    ),
    "struktur_organisasi": (
        lambda lap: bagan.struktur_organisasi(lap.data.organisasi, "Gambar 1.1", "T"),
        "Camat",
    ),
}


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_chart_renders_svg_deterministically(lap, kind):
    make, label = KINDS[kind]
    g = make(lap)
    assert g.svg.startswith("<svg") and label in g.svg
    assert make(lap).svg == g.svg  # same data, same bytes (no date, fixed ids)
    html = block_html(g)
    assert f'<span class="label">{g.label}</span>' in html


def test_money_axis_uses_indonesian_numbers(lap):
    prog = calc.serapan_program(lap.data.program)
    svg = charts.anggaran_realisasi(prog, "Grafik 3.4", "T").svg
    assert "2.500" in svg  # 2.500 juta rupiah tick, dot as thousands separator


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ([100.0, 99.59, 99.44, 99.96], True),  # Ajibarang 2023: capaian and serapan within 0,56 point
        ([100.0, 99.0], True),  # exactly one point apart: still under 1,5 mm on a 0-100 axis
        ([100.0, 98.99], False),
        ([100.0, 80.0, 95.0], False),
        ([100.0], True),
        ([], True),
    ],
)
def test_a_narrow_band_is_at_most_one_percentage_point_as_printed(values, expected):
    assert charts.sempit(values) is expected


def test_only_indicators_whose_realisasi_changed_get_a_panel():
    import pandas as pd

    k = pd.DataFrame(
        {"uraian": ["a", "b", "c", "d"], "realisasi": [86, 100, 100.004, 5], "realisasi_lalu": [85, 100, 100, None]}
    )
    assert list(charts.yang_berubah(k)["uraian"]) == ["a", "d"]  # 100,004 prints as 100: unchanged
    assert charts.berubah(k) and not charts.berubah(k.iloc[[1, 2]])
