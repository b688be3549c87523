"""The layout lint (tests/tata_letak.py) on real reports: Ajibarang and the kecamatan with the longest names.

Each report is built once per module (notebook, HTML and the Typst PDF, about 6 s
each) in a temporary output folder; a failure names the page and the text.
"""

from __future__ import annotations

import pytest

from lkjip.params import Params
from lkjip.render import render
from tests.tata_letak import periksa

pytestmark = pytest.mark.e2e

KECAMATAN = {
    "ajibarang": "Ajibarang",
    "purwokerto-selatan": "Purwokerto Selatan",  # the longest names
    "purwokerto-utara": "Purwokerto Utara",
    "kedungbanteng": "Kedungbanteng",
}
TAHUN = 2023


@pytest.fixture(scope="module")
def reports(tmp_path_factory):
    out = tmp_path_factory.mktemp("output")
    return {slug: render(Params(slug, TAHUN, "data", str(out))).folder for slug in KECAMATAN}


@pytest.mark.parametrize("slug", list(KECAMATAN))
def test_layout_has_no_defects(reports, slug):
    pdf = reports[slug] / f"lkjip_{slug}_{TAHUN}.pdf"
    problems = periksa(pdf, KECAMATAN[slug], TAHUN)
    assert not problems, f"{pdf.name}:\n" + "\n".join(problems)
