"""Bab III C: the efektivitas table and the restored Analisis Program (lkjip.outline.program)."""

from __future__ import annotations

import pandas as pd
import pytest

from lkjip import document
from lkjip.outline import bab3
from lkjip.outline.program import JUDUL_ANALISIS
from lkjip.report import buka


def _text(blocks) -> str:
    """Every run of ``blocks`` (lists and tables included), one block per line."""
    out: list[str] = []
    for b in blocks:
        if isinstance(b, document.Paragraf | document.Subjudul):
            out.append("".join(r.teks for r in b.isi))
        elif isinstance(b, document.Daftar):
            for item in b.butir:
                out.append(_text(item))
        elif isinstance(b, document.Narasi):
            out.append(_text(b.isi))
        elif isinstance(b, document.Tabel):
            out.append(b.label + " " + b.judul)
    return "\n".join(out)


@pytest.fixture(scope="module")
def bab3c():
    return buka("ajibarang", 2023).bagian("bab3.c").bagian.isi


def _analisis(blocks):
    start = next(i for i, b in enumerate(blocks) if isinstance(b, document.Subjudul) and _text([b]) == JUDUL_ANALISIS)
    return blocks[start : start + 3]  # heading, lead paragraph, the programs


def test_ajibarang_analisis_program_has_the_references_items(bab3c):
    text = _text(_analisis(bab3c))
    for phrase in (
        "Program ini dilaksanakan melalui kegiatan Pelaksanaan Urusan Pemerintahan yang Dilimpahkan kepada Camat",
        "Peningkatan Partisipasi Masyarakat dalam Forum Musyawarah Perencanaan Pembangunan di Desa",
        "Penyelenggaraan forum musyawarah perencanaan pembangunan di desa",
        "Melaksanakan rakor dengan tokoh agama dan tokoh masyarakat",
        "Harmonisasi Hubungan dengan Tokoh Agama dan Tokoh Masyarakat",
        "Fasilitasi Penyusunan Peraturan Desa dan Peraturan Kepala Desa",
        "Memfasilitasi penyusunan perdes dan perkades",
        "Memfasilitasi pelaksanaan pilkades",
        "Memfasilitasi desa yang ditetapkan sebagai kawasan perdesaan",  # "pedesaan" corrected (koreksi.csv)
        "Melaksanakan kegiatan pembinaan Linmas",
    ):
        assert phrase in text, phrase
    assert "Rp" not in text  # the reference names the kegiatan only: no figure is made up


def test_ajibarang_programs_are_numbered_once_each_with_kegiatan_sub_kegiatan_and_upaya(bab3c):
    (daftar,) = [b for b in _analisis(bab3c) if isinstance(b, document.Daftar)]
    assert daftar.bernomor and len(daftar.butir) == 4
    names = [_text(item[:1]) for item in daftar.butir]
    assert names == [
        "Program Penyelenggaraan Pemerintahan dan Pelayanan Publik",
        "Program Pemberdayaan Masyarakat Desa dan Kelurahan",
        "Program Koordinasi Ketentraman dan Ketertiban Umum",
        "Program Pembinaan dan Pengawasan Pemerintahan Desa",
    ]
    lists = [[len(b.butir) for b in item if isinstance(b, document.Daftar)] for item in daftar.butir]
    assert lists == [[2, 2], [2, 2], [3, 3], [3, 5]]  # sub-kegiatan, then upaya


def test_sections_sit_where_the_reference_has_them(bab3c):
    kinds = [
        "efektivitas" if isinstance(b, document.Tabel) and b.judul.startswith("Efektivitas") else
        "anggaran" if isinstance(b, document.Tabel) and b.judul.startswith("Anggaran dan Realisasi per Program") else
        "rujukan anggaran" if isinstance(b, document.Paragraf) and _text([b]).startswith("Rincian anggaran") else
        "efisiensi" if isinstance(b, document.Tabel) and b.judul.startswith("Tingkat Efisiensi") else
        "analisis" if isinstance(b, document.Subjudul) and _text([b]) == JUDUL_ANALISIS else
        "judul efisiensi" if isinstance(b, document.Subjudul) and _text([b]) == bab3.JUDUL_EFISIENSI else
        "judul pengadaan" if isinstance(b, document.Subjudul) and _text([b]) == bab3.JUDUL_PENGADAAN else
        "pengadaan" if isinstance(b, document.Narasi) and b.nama == "pengadaan" else None
        for b in bab3c
    ]  # fmt: skip
    assert [k for k in kinds if k] == [  # the program table is III.B's: III.C refers to it by number
        "rujukan anggaran", "efektivitas", "judul efisiensi", "efisiensi", "analisis", "judul pengadaan", "pengadaan"
    ]  # fmt: skip
    # the procurement paragraph follows its own heading, not the last program's upaya
    i = next(i for i, b in enumerate(bab3c) if isinstance(b, document.Narasi) and b.nama == "pengadaan")
    assert isinstance(bab3c[i - 1], document.Subjudul)


def test_ajibarang_efektivitas_table_and_its_conclusion(bab3c):
    (tabel,) = [b for b in bab3c if isinstance(b, document.Tabel) and b.judul.startswith("Efektivitas")]
    cells = [["".join(r.teks for line in c.isi for r in line) for c in row] for row in tabel.baris + tabel.kaki]
    assert len(tabel.baris) == 6
    assert cells[0][1:] == ["Mewujudkan kinerja pelayanan Kecamatan yang prima", "1", "100,00", "358.399.000", "99,59"]
    assert cells[2][1:] == ["Meningkatnya Kualitas Pemerintahan Kecamatan dan Pelayanan Publik", "1", "100,00",
                            "2.000.000", "100,00"]  # fmt: skip
    # each program once: not the reference's Rp 1.075.197.000 / 37,41%
    assert cells[-1][1:] == ["Jumlah", "6", "100,00", "358.399.000", "99,59"]
    assert tabel.sumber == "Kecamatan Ajibarang (diolah), 2023"
    text = _text(bab3c)
    assert f"Baris Jumlah pada {tabel.label} memuat realisasi keempat program pendukung, masing-masing dihitung" in text
    assert "penggunaan anggaran Kecamatan Ajibarang tahun 2023 efektif terhadap pencapaian kinerja" in text


def test_amounts_of_a_sample_hierarchy_are_printed_and_add_up():
    blocks = buka("lumbir", 2023).bagian("bab3.c").bagian.isi
    text = _text(_analisis(blocks))
    assert "Pelaksanaan Urusan Pemerintahan yang Dilimpahkan kepada Camat (anggaran Rp 222.000.000" in text
    assert "Non perijinan (anggaran Rp 91.175.000, realisasi Rp 89.791.472 atau 98,48%)" in text
    assert "Dilimpahkan (anggaran Rp 130.825.000, realisasi Rp 130.825.000 atau 100%)" in text


def test_no_hierarchy_no_analisis_program(data_copy):
    for name in ("kegiatan", "subkegiatan", "upaya"):
        f = data_copy / f"{name}.csv"
        frame = pd.read_csv(f, dtype=str, keep_default_na=False)
        frame[frame["kecamatan"] != "ajibarang"].to_csv(f, index=False)
    blocks = buka("ajibarang", 2023, data_copy).bagian("bab3.c").bagian.isi
    assert JUDUL_ANALISIS not in _text(blocks)
    assert any(isinstance(b, document.Tabel) and b.judul.startswith("Efektivitas") for b in blocks)


def test_a_program_of_several_kegiatan_lists_them_with_their_own_upaya():
    blocks = _analisis(buka("lumbir", 2023).bagian("bab3.c").bagian.isi)
    (daftar,) = [b for b in blocks if isinstance(b, document.Daftar)]
    (p4,) = [item for item in daftar.butir if _text(item[:1]) == "Program Koordinasi Ketentraman dan Ketertiban Umum"]
    text = _text(p4)
    assert "Program ini dilaksanakan melalui 2 (dua) kegiatan:" in text
    kegiatan = next(b for b in p4 if isinstance(b, document.Daftar))
    first, second = (_text(item) for item in kegiatan.butir)
    assert first.startswith("Koordinasi Upaya Penyelenggaraan Ketenteraman dan Ketertiban Umum (anggaran Rp ")
    assert "Upaya yang ditempuh:\nMelaksanakan rapat koordinasi dengan tokoh agama dan tokoh masyarakat" in first
    # one sub-kegiatan: named in the sentence, the kegiatan's amounts not repeated
    assert second.count("anggaran Rp") == 1 and "yang dijabarkan dalam subkegiatan Koordinasi sinergi" in second
    assert text.endswith("Upaya yang ditempuh dalam program ini:\nMelaksanakan kegiatan pembinaan Linmas")
