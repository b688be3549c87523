"""The PDF laid out by Typst from the document model (lkjip.typst_renderer, templates/typst/lkjip.typ)."""

from __future__ import annotations

import base64
import io
import re

import pytest
from PIL import Image
from pypdf import PdfReader

from lkjip.document import (
    Bagian,
    Daftar,
    DaftarIsi,
    Entri,
    Gambar,
    Kutipan,
    Lampiran,
    Paragraf,
    Run,
    Sampul,
    Sel,
    Subjudul,
    Tabel,
    TandaTangan,
    teks,
)
from lkjip.typst_renderer import column_weights, pdf_bytes, report_date

TRICKY = ["#hash", "$dolar$", "[kurung]", "@rujukan", "a\\b", "<label>", "*bintang*", "_garis_", "`kode`", "= bab"]
"""Strings that are Typst markup when spliced into it; the PDF must show them as they are."""

KAKI = "LKjIP Kecamatan Contoh Tahun 2023"


def _png() -> str:
    buf = io.BytesIO()
    Image.new("RGB", (40, 20), (200, 30, 30)).save(buf, "PNG")
    return base64.b64encode(buf.getvalue()).decode("ascii")


def _cell(text: str) -> Sel:
    return Sel(isi=[teks(text)])


def _model() -> list[Bagian]:
    tricky = " ".join(TRICKY)
    tabel = Tabel(
        label="Tabel 1.1",
        judul=f"Judul tabel {TRICKY[0]} {TRICKY[2]}",
        kepala=[[_cell("No."), _cell(f"Uraian {TRICKY[1]}"), _cell("Nilai")]],
        baris=[[_cell(str(i)), _cell(f"Baris {i} {t}"), _cell(f"{i}.000,5")] for i, t in enumerate(TRICKY[:5], 1)],
        kaki=[[Sel(isi=[teks("Jumlah")], colspan=2), _cell("15.002,5")]],
        kolom=["label", "teks", "angka"],
        sumber=f"Sumber {TRICKY[3]}",
    )
    gambar = Gambar(jenis_gambar="foto", label="Gambar 1.1", judul=f"Foto {TRICKY[4]}", data=_png(), mime="image/png")
    entri = [
        Entri(tingkat=1, label="Tabel 1.1", judul=tabel.judul, anchor=tabel.anchor),
    ]
    return [
        Bagian(
            kunci="judul",
            anchor="judul",
            judul="Halaman Judul",
            tingkat=0,
            depan=True,
            kaki=KAKI,
            isi=[Sampul(instansi=["KECAMATAN CONTOH"], judul=["LAPORAN", "TAHUN 2023"], alamat=["Jl. #1"])],
        ),
        Bagian(
            kunci="kata",
            anchor="kata",
            judul="KATA PENGANTAR",
            tingkat=1,
            depan=True,
            kaki=KAKI,
            isi=[
                Paragraf(isi=teks("Pengantar.")),
                TandaTangan(
                    tempat="Contoh", tanggal="15 Januari 2024", jabatan="CAMAT", nama="NAMA", pangkat="Pembina", nip="1"
                ),
            ],
        ),
        Bagian(
            kunci="daftar_tabel",
            anchor="daftar-tabel",
            judul="DAFTAR TABEL",
            tingkat=1,
            depan=True,
            kaki=KAKI,
            isi=[DaftarIsi(kelompok="tabel", entri=entri)],
        ),
        Bagian(kunci="bab1", anchor="bab-1", judul=f"BAB I {TRICKY[6]}", tingkat=1, depan=False, kaki=KAKI),
        Bagian(
            kunci="bab1.a",
            anchor="bab-1-a",
            judul=f"A. Bagian {TRICKY[5]}",
            tingkat=2,
            depan=False,
            kaki=KAKI,
            isi=[
                Paragraf(isi=[Run(teks=f"Narasi {tricky}"), Run(teks=" tebal #x", tebal=True)]),
                Subjudul(isi=teks(f"Subjudul {TRICKY[7]}")),
                Daftar(bernomor=True, butir=[[Paragraf(isi=teks(f"Butir {t}"))] for t in TRICKY[8:]]),
                Kutipan(isi=[Paragraf(isi=teks(f"Kutipan {TRICKY[9]}"))]),
                tabel,
                gambar,
            ],
        ),
        Bagian(
            kunci="lampiran",
            anchor="lampiran",
            judul="LAMPIRAN",
            tingkat=1,
            depan=False,
            kaki=KAKI,
            isi=[Lampiran(label="Lampiran 1", judul=f"Dokumen {TRICKY[0]}", isi=[Paragraf(isi=teks("Isi."))])],
        ),
    ]


@pytest.fixture(scope="module")
def small() -> bytes:
    return pdf_bytes(_model())


def _text(pdf: bytes) -> str:
    return "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)


def test_markup_characters_print_literally(small):
    text = _text(small)
    flat = re.sub(r"\s+", " ", text)
    for s in TRICKY:
        assert s in flat, s
    for s in ("Judul tabel #hash [kurung]", "Uraian $dolar$", "Sumber @rujukan", "Foto a\\b", "BAB I *bintang*"):
        assert s in flat, s
    assert "A. Bagian <label>" in flat and "Subjudul _garis_" in flat and "Kutipan = bab" in flat


def test_title_metadata_bookmarks_and_pdfa(small):
    reader = PdfReader(io.BytesIO(small))
    assert reader.metadata is not None and reader.metadata.title == KAKI
    titles = [o.title for o in reader.outline if not isinstance(o, list)]
    assert "KATA PENGANTAR" in titles and "BAB I *bintang*" in titles
    assert b"<pdfaid:part>3</pdfaid:part>" in small  # PDF/A-3 identification in the XMP metadata


def test_the_executed_notebook_travels_inside_the_pdf():
    """PDF/A-3 associated file: the notebook's bytes, as archived beside the PDF, its name and type."""
    notebook = b'{"cells": [], "metadata": {"lkjip": {"masukan": {}}}, "nbformat": 4, "nbformat_minor": 5}\n'
    pdf = pdf_bytes(_model(), ("lkjip_contoh_2023.ipynb", notebook))
    reader = PdfReader(io.BytesIO(pdf))
    assert reader.attachments == {"lkjip_contoh_2023.ipynb": [notebook]}
    assert b"/AFRelationship/Source" in pdf and b"/Subtype/application#2Fx-ipynb+json" in pdf
    assert pdf == pdf_bytes(_model(), ("lkjip_contoh_2023.ipynb", notebook))  # still byte-identical


def test_same_model_gives_the_same_bytes(small):
    assert pdf_bytes(_model()) == small


def test_document_date_is_the_signature_date_not_the_clock():
    assert report_date(_model()) == (2024, 1, 15)
    assert report_date(_model()[3:]) == (2023, 12, 31)  # no signature: the footer's year
    from lkjip.report import buka

    assert report_date(buka("ajibarang", 2023).dokumen.bagian) == (2024, 1, 31)  # signed "Januari 2024"


def test_front_matter_is_roman_and_the_body_restarts_at_one(small):
    reader = PdfReader(io.BytesIO(small))
    labels = reader.page_labels
    assert labels[:3] == ["i", "ii", "iii"]
    assert labels[3] == "1" and labels[3:] == [str(i) for i in range(1, len(labels) - 2)]
    texts = [p.extract_text() for p in reader.pages]
    assert not texts[0].strip().endswith("i")  # the cover: no footer
    assert texts[1].strip().splitlines()[-1] == f"{KAKI} ii"


def test_column_weights_follow_spans_and_text_length():
    def cell(text: str, colspan: int = 1, rowspan: int = 1) -> dict:
        return {"isi": [[{"teks": text}]], "colspan": colspan, "rowspan": rowspan}

    rows = [[cell("No", rowspan=2), cell("Capaian", colspan=2)], [cell("x" * 100), cell("12,5")]]
    assert column_weights(rows, 0) == [4, 102, 6]  # a 100-letter word is not broken; "12,5" and its margin
    header = [[cell("No"), cell("Capaian terhadap target akhir")], [cell("1"), cell("100,00")]]
    assert column_weights(header, 0, head=1) == [4, 10]  # a header wraps: its longest word ("terhadap") counts


@pytest.fixture(scope="module")
def ajibarang() -> tuple[list[Bagian], list[str]]:
    from lkjip.report import buka

    sections = buka("ajibarang", 2023).dokumen.bagian
    pdf = pdf_bytes(sections)
    return sections, [p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages]


def _page_number(text: str) -> str:
    return text.strip().splitlines()[-1].split()[-1]


def test_daftar_tabel_matches_the_model_and_the_pages_of_the_tables(ajibarang):
    from lkjip.document import Dokumen

    sections, texts = ajibarang
    tables = Dokumen(sections).blocks_of(Tabel)
    listed = next(b for s in sections for b in s.isi if isinstance(b, DaftarIsi) and b.kelompok == "tabel")
    assert [e.label for e in listed.entri] == [t.label for t in tables]
    start = next(i for i, t in enumerate(texts) if t.lstrip().startswith("DAFTAR TABEL"))
    listing = " ".join(" ".join(t.strip().splitlines()[:-1]) for t in texts[start : start + 2])
    for t in tables:
        caption = next(i for i, page in enumerate(texts) if re.search(rf"(?m)^{re.escape(t.label)}\s*$", page))
        m = re.search(re.escape(t.label) + r"\s.*?\.\s*(\d+)\b", listing)
        assert m, t.label
        assert m.group(1) == _page_number(texts[caption]), t.label


def test_every_paragraph_of_the_model_is_in_the_pdf(ajibarang):
    from lkjip.document import walk

    sections, texts = ajibarang
    # hyphens and spaces left out on both sides: the PDF breaks words at syllables with a hyphen
    flat = re.sub(r"[\s\u00ad-]+", "", "".join(texts))
    for block in walk(sections):
        if isinstance(block, Paragraf):
            words = re.sub(r"[\s-]+", "", "".join(r.teks for r in block.isi))
            assert words[:60] in flat, words[:60]
