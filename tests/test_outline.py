"""The declared outline: sections in PermenPANRB 53/2014 order, one notebook cell each, numbers in reading order."""

from __future__ import annotations

import re

import nbformat
import pytest

from lkjip import document, outline
from lkjip.report import buka
from tests.conftest import ROOT


@pytest.fixture(scope="module")
def lap():
    return buka("ajibarang", 2023)


def test_every_declared_section_has_one_notebook_cell_in_the_same_order():
    nb = nbformat.read(ROOT / "notebooks" / "lkjip.ipynb", as_version=4)
    cells = [m.group(1) for c in nb.cells for m in [re.fullmatch(r'lap\.bagian\("([^"]+)"\)', c.source.strip())] if m]
    assert cells == [s.kunci for s in outline.SECTIONS]


def test_sections_are_built_in_the_declared_order_with_their_year(lap):
    assert lap.dokumen.kunci == [s.kunci for s in outline.SECTIONS]
    assert lap.bagian("bab2.c").judul == "C. Perjanjian Kinerja Tahun 2023"
    assert len({b.anchor for b in lap.dokumen.bagian}) == len(outline.SECTIONS)
    assert [b.judul for b in lap.dokumen.bagian if b.tingkat == 1 and not b.depan] == [
        "BAB I PENDAHULUAN",
        "BAB II PERENCANAAN KINERJA",
        "BAB III AKUNTABILITAS KINERJA",
        "BAB IV PENUTUP",
        "LAMPIRAN",
    ]


@pytest.mark.parametrize(("cls", "kind"), [(document.Tabel, "Tabel"), (document.Gambar, "Grafik")])
def test_numbers_follow_reading_order_and_restart_per_chapter(lap, cls, kind):
    labels = [b.label for b in lap.dokumen.blocks_of(cls) if b.label.startswith(kind + " ")]
    numbers = [tuple(int(x) for x in label.split()[1].split(".")) for label in labels]
    assert numbers == sorted(numbers)
    for bab in {n[0] for n in numbers}:
        assert [n[1] for n in numbers if n[0] == bab] == list(range(1, 1 + sum(1 for n in numbers if n[0] == bab)))


def test_the_front_matter_lists_are_filled_after_the_body(lap):
    [isi] = lap.bagian("daftar_isi").isi
    assert isinstance(isi, document.DaftarIsi) and [e.judul for e in isi.entri][:2] == [
        "KATA PENGANTAR",
        "IKHTISAR EKSEKUTIF",
    ]
    [tabel] = lap.bagian("daftar_tabel").isi
    assert [e.label for e in tabel.entri] == [b.label for b in lap.dokumen.blocks_of(document.Tabel)]
    [lampiran] = lap.bagian("daftar_lampiran").isi
    assert [e.label for e in lampiran.entri] == ["Lampiran 1", "Lampiran 2"]
