"""The declared outline: sections in PermenPANRB 53/2014 order, one notebook cell each, numbers in reading order."""

from __future__ import annotations

import re

import nbformat
import pytest

from lkjip import charts, document, outline
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
    # validation notes are no appendix, and Ajibarang's scans are not in the repository: no list at all
    assert lap.bagian("daftar_lampiran").isi == [] and lap.bagian("daftar_lampiran").kosong


# ---------------------------------------------------------------- what the signed document holds (issue 12)


def _text(blocks) -> str:
    return "\n".join(r.teks for b in blocks for r in document.runs(b))


def _all_text(lap) -> str:
    return _text(document.walk(lap.dokumen.bagian))


def _body(t: document.Tabel) -> list[list[str]]:
    return [[" ".join(r.teks for line in c.isi for r in line) for c in row] for row in (*t.baris, *t.kaki)]


def test_no_table_is_printed_twice(lap):
    tabs = lap.dokumen.blocks_of(document.Tabel)
    bodies = [repr(_body(t)) for t in tabs]
    assert len(bodies) == len(set(bodies))
    # the programmes: one table (the reference's Tabel 3.16 and 3.17 in one, with the supporting programmes'
    # subtotal), printed in III.B; every tujuan/sasaran and III.C refer to it by number and row
    [program] = [t for t in tabs if t.judul.startswith("Anggaran dan Realisasi per Program")]
    assert _body(program)[-2][1:] == ["Jumlah program pendukung tujuan/sasaran", "359.874.000", "358.399.000", "99,59"]
    assert _body(program)[-1][1:] == ["Jumlah", "2.966.054.529", "2.874.663.909", "96,92"]
    assert not [t for t in tabs if "Program Pendukung" in t.judul or t.judul.startswith("Anggaran dan Realisasi Kec")]
    b = _text(document.walk([lap.bagian("bab3.b")]))
    assert f"Tujuan ini didukung oleh keempat program pendukung ({program.label} nomor 2-5)." in b
    assert f"Program Pemberdayaan Masyarakat Desa dan Kelurahan ({program.label} nomor 3)" in b
    c = _text(document.walk([lap.bagian("bab3.c")]))
    assert f"Rincian anggaran dan realisasi per program tercantum pada {program.label}" in c


def test_no_tool_output_in_the_document(lap):
    # sources not named for penduduk, pengadaan, penghargaan, inovasi; the six documents lampiran.csv lists;
    # the kabupaten's emblem (no file bundled)
    assert len(lap.peringatan_data) == 11
    text = _all_text(lap)
    for tool in ("sumber.csv", "data/", "kolom '", "Perbaikan:", "PERINGATAN", "Validasi data", "peringatan"):
        assert tool not in text, tool
    assert lap.dokumen.blocks_of(document.Lampiran) == []  # the missing scans are warnings, not appendices
    # a table without a known source prints no Sumber line: none is invented
    [penduduk] = [t for t in lap.dokumen.blocks_of(document.Tabel) if t.judul.startswith("Jumlah Penduduk")]
    assert penduduk.sumber is None
    # the warnings stay outside the PDF: the notebook shows them, the recorded figures carry them
    cell = document.Bagian(kunci="x", anchor="x", judul="", tingkat=1, depan=False, isi=lap.catatan_validasi().isi)
    shown = _text(document.walk([cell]))
    assert "data/sumber.csv" in shown and "Sumber tabel 'penduduk' belum diisi" in shown
    assert len(lap.ringkasan().ringkasan["catatan_validasi"]) == 11
    assert "01_perjanjian_kinerja_2023.jpg" in shown  # a missing expected document: notebook, not PDF


def test_lower_is_better_is_explained_only_when_the_report_has_such_an_indicator(lap):
    formula = "(2 × target − realisasi) / target"
    assert set(lap.kinerja["polaritas"]) == {"naik"}
    assert formula not in _all_text(lap)
    contoh = buka("wangon", 2023)  # every sample Renstra has a lower-is-better indicator
    turun = contoh.kinerja.loc[contoh.kinerja["polaritas"] == "turun", "uraian"]
    assert len(turun)
    a = _text(document.walk([contoh.bagian("bab3.a")]))
    assert formula in a and all(u in a for u in turun)


def test_a_chart_whose_bars_stand_at_one_height_becomes_a_sentence(lap):
    grafik = [g.judul for g in lap.dokumen.blocks_of(document.Gambar) if g.label.startswith("Grafik 3.")]
    assert set(lap.kinerja["capaian"]) == {100.0}  # every bar of these two charts would stand at 100
    assert not any("Skala Predikat" in j or j.startswith("Target dan Realisasi") for j in grafik)
    a = _text(document.walk([lap.bagian("bab3.a")]))
    assert "keenam indikator berada pada predikat Sangat Tinggi dengan capaian yang sama, yaitu 100%" in a
    assert not any("Realisasi Indikator Kinerja" in j for j in grafik)  # only IKM changed: one panel, a sentence
    b = _text(document.walk([lap.bagian("bab3.b")]))
    assert (
        'hanya realisasi indikator "Indeks Kepuasan Masyarakat (IKM) Pelayanan Kecamatan" yang berubah, yaitu naik '
        "dari 85 menjadi 86; realisasi kelima indikator lainnya sama dengan tahun 2022" in b
    )


def test_a_chart_whose_bars_lie_in_a_narrow_band_is_left_out_without_a_sentence_narrating_the_table(lap):
    e = lap.efisiensi[lap.efisiensi["serapan"].notna()]
    nilai = [*e["capaian"], *e["serapan"]]
    assert min(nilai) == 99.44 and max(nilai) == 100.0  # within charts.SEMPIT: the bars would look alike
    grafik = [g.judul for g in lap.dokumen.blocks_of(document.Gambar)]
    assert not any(j.startswith("Capaian Kinerja dan Serapan Anggaran") for j in grafik)
    label = next(t.label for t in lap.dokumen.blocks_of(document.Tabel) if t.judul.startswith("Tingkat Efisiensi"))
    c = _text(document.walk([lap.bagian("bab3.c")]))
    assert label and "kisaran sempit" not in c  # the table is there; no filler sentence restates it


def test_a_year_on_year_chart_keeps_only_the_indicators_that_changed():
    contoh = buka("wangon", 2023)  # sample data: realisasi up, down and flat
    berubah = charts.yang_berubah(contoh.kinerja)
    assert 2 <= len(berubah) < len(contoh.kinerja)
    fig = next(g for g in contoh.dokumen.blocks_of(document.Gambar) if "yang Berubah" in g.judul)
    assert fig.svg.count('id="axes_') == len(berubah)  # one panel per changed indicator
    semua = _text(document.walk(contoh.dokumen.bagian))
    assert f"{fig.label} hanya memuat indikator yang realisasinya berubah" in semua
