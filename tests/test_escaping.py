"""Text from data stays text: in every table, chart, narrative and list of the report and in the index."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pandas as pd
import pytest

from lkjip import index
from lkjip.checks import check
from lkjip.hasil import Catatan, hitung
from lkjip.html_renderer import bagian_html, block_html
from lkjip.report import buka
from tests.conftest import write_report

HOSTILE = 'Waktu < 15 menit <b>X</b><script>alert(1)</script> & "q" *m* $x$ [l](javascript:alert(1))'
SHORT = '<b>X</b><script>alert(1)</script> & "q"'  # for columns of at most 60 characters (a kecamatan's name)

# Free-text columns the report shows, per table (codes, slugs, numbers and keys are validated elsewhere).
COLUMNS = {
    "indikator": ["uraian", "satuan", "formulasi", "sumber_data"],
    "sasaran": ["uraian"],
    "program": ["nama"],
    "misi": ["uraian"],
    "renstra": ["visi", "isu_strategis"],
    "profil": ["alamat", "desa_terbanyak", "desa_tersedikit", "camat_nama", "camat_pangkat", "tempat_ttd"],
    "organisasi": ["unit"],
    "penghargaan": ["nama", "pemberi"],
    "inovasi": ["nama", "latar_belakang", "manfaat"],
    "sumber": ["sumber"],
    "skala_predikat": ["predikat"],  # teks_skala is checked against lebih_dari
    "kecamatan": ["nama"],
    "kabupaten": ["nama"],
    "regulasi": ["jenis", "nomor", "tentang"],  # the bundled text cites perda_perubahan and perbup_tupoksi
}


def _poison(data: Path) -> dict[str, str]:
    """Put a numbered hostile value into every free-text column; returns marker -> table.column."""
    markers = {}
    n = 0
    for table, columns in COLUMNS.items():
        file = data / f"{table}.csv"
        frame = pd.read_csv(file, dtype=str, keep_default_na=False)
        mine = frame["kecamatan"] == "ajibarang" if "kecamatan" in frame else frame.index >= 0
        if table == "kecamatan":
            mine = frame["slug"] == "ajibarang"
        for column in columns:
            for i in frame.index[mine]:
                n += 1
                marker = f"Z{n}Z"
                frame.loc[i, column] = f"{marker} {SHORT if table in ('kecamatan', 'kabupaten') else HOSTILE}"
                markers[marker] = f"{table}.{column}"
        frame.to_csv(file, index=False, quoting=csv.QUOTE_ALL)
    return markers


@pytest.fixture(scope="module")
def poisoned(tmp_path_factory) -> tuple[Path, dict[str, str]]:
    import shutil

    from tests.conftest import DATA

    data = tmp_path_factory.mktemp("racun") / "data"
    shutil.copytree(DATA, data)
    return data, _poison(data)


@pytest.fixture(scope="module")
def report_html(poisoned) -> str:
    data, _ = poisoned
    lap = buka("ajibarang", 2023, data)
    return "\n".join(bagian_html(b) for b in lap.dokumen.bagian) + lap.narasi_diganti()._repr_html_()


def _assert_contained(html: str) -> None:
    assert "<script" not in html.lower()
    assert "<b>X</b>" not in html
    assert 'href="javascript' not in html.lower()
    assert "<em>m</em>" not in html  # Markdown in data makes no markup either


def test_hostile_data_is_accepted_by_validation(poisoned):
    data, _ = poisoned
    report = check(data, 2023, ["ajibarang"])
    assert not [p for p in report.errors if p.concerns("ajibarang")], [str(p) for p in report.errors][:5]


def test_report_shows_hostile_text_escaped(poisoned, report_html):
    _, markers = poisoned
    _assert_contained(report_html)
    assert "Waktu &lt; 15 menit &lt;b&gt;X&lt;/b&gt;&lt;script&gt;" in report_html
    # every column is shown escaped at least once (a table may show only some rows, e.g. the IKU indicators)
    shown = {
        where
        for marker, where in markers.items()
        if re.search(re.escape(marker) + r"\s+(Waktu &lt; 15 menit|&lt;b&gt;X&lt;/b&gt;&lt;script&gt;)", report_html)
    }
    assert shown == set(markers.values()), sorted(set(markers.values()) - shown)


def test_tujuan_sasaran_lines_are_escaped_one_by_one():
    from lkjip.tables import tujuan_sasaran

    sasaran = pd.DataFrame([{"kode": "S1", "jenis": "sasaran", "uraian": "A & B"}])
    indikator = pd.DataFrame(
        [
            {"sasaran": "S1", "uraian": "Waktu < 15 menit", "satuan": "<i>menit</i>", "target_akhir_renstra": 15},
            {"sasaran": "S1", "uraian": "<b>X</b>", "satuan": "%", "target_akhir_renstra": 90.5},
        ]
    )
    html = block_html(tujuan_sasaran(indikator, sasaran, 2026, "Tabel 2.1", "Judul", None))
    assert '<td class="kiri">Waktu &lt; 15 menit<br>&lt;b&gt;X&lt;/b&gt;</td>' in html
    # the units in their own column, one line per indicator; the figures beside them
    assert '<td class="tengah">&lt;i&gt;menit&lt;/i&gt;<br>%</td><td class="kanan">15<br>90,5</td>' in html
    assert "<b>X</b>" not in html and "<i>" not in html


def test_index_shows_hostile_name_escaped(poisoned, tmp_path):
    data, _ = poisoned
    report = check(data, 2023, ["ajibarang"])
    kec, warnings = report.data_for("ajibarang")
    record = Catatan(hitung(kec).ringkasan(kec, len(warnings))).ringkasan  # what the kernel records
    write_report(tmp_path / "2023", "ajibarang", record)
    html = index.build(2023, output=tmp_path, data=data, force=True).read_text(encoding="utf-8")
    _assert_contained(html)
    assert html.count("&lt;b&gt;X&lt;/b&gt;&lt;script&gt;") >= 2  # the table and the ranking chart
