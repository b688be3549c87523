"""Appendix documents ordered and captioned from lampiran.csv; corrections of the source shown in the notebook only."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image

from lkjip import daftar_lampiran, document, koreksi
from lkjip.report import buka
from tests.conftest import ROOT

YEAR = Path("kecamatan") / "ajibarang" / "2023"


def _png(path: Path, colour: str = "red") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", (4, 3), colour).save(path, "PNG")
    return path


def _listing(folder: Path, *rows: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "lampiran.csv").write_text(
        "berkas,jenis,urutan,keterangan\n" + "".join(r + "\n" for r in rows), encoding="utf-8"
    )


def _words(sections: list) -> str:
    """Every text of ``sections`` as a reader of the PDF sees it: runs, captions, titles, alt texts."""
    parts = [s.judul for s in sections]
    for b in document.walk(sections):
        parts += [r.teks for r in document.runs(b)]
        parts += [str(getattr(b, k, "") or "") for k in ("label", "judul", "alt", "sumber")]
    return " ".join(parts)


def _text(blocks: list) -> str:
    return _words([document.Bagian(kunci="x", anchor="x", judul="", tingkat=1, depan=False, isi=blocks)])


def _all_text(lap) -> str:
    return _words(lap.dokumen.bagian)


def test_documents_follow_the_listing_order_and_captions(tmp_path):
    folder = tmp_path / "2023"
    for name in ("a_foto.png", "b_pk.png", "c_piagam.png"):
        _png(folder / "lampiran" / name)
    _listing(
        folder,
        "c_piagam.png,piagam,3,Piagam Penghargaan UPG terbaik",
        "a_foto.png,foto,2,",  # no keterangan: the caption comes from the file name
        "b_pk.png,PK,1,Perjanjian Kinerja bertanda tangan",
    )
    docs, problems = daftar_lampiran.documents(folder, "x")
    assert problems == []
    assert [(d.path.name, d.jenis, d.keterangan) for d in docs] == [
        ("b_pk.png", "pk", "Perjanjian Kinerja bertanda tangan"),
        ("a_foto.png", "foto", "A foto"),
        ("c_piagam.png", "piagam", "Piagam Penghargaan UPG terbaik"),
    ]


def test_without_a_listing_every_image_in_name_order(tmp_path):
    folder = tmp_path / "2023"
    _png(folder / "lampiran" / "02_piagam_UPG.png")
    _png(folder / "lampiran" / "01_foto_kegiatan.jpg")  # a PNG named .jpg decodes: accepted
    docs, problems = daftar_lampiran.documents(folder)
    assert problems == [] and [d.keterangan for d in docs] == ["Foto kegiatan", "Piagam UPG"]


@pytest.mark.parametrize(
    ("row", "column"),
    [
        ("../rahasia.png,foto,1,x", "berkas"),
        ("a.gif,foto,1,x", "berkas"),
        ("a.png,sertifikat,1,x", "jenis"),
        ("a.png,foto,nol,x", "urutan"),
    ],
)
def test_a_malformed_row_is_an_error(tmp_path, row, column):
    folder = tmp_path / "2023"
    _png(folder / "lampiran" / "a.png")
    _listing(folder, row)
    _, problems = daftar_lampiran.documents(folder, "x")
    [p] = [p for p in problems if p.is_error]
    assert p.column == column and p.row == 2 and p.kecamatan == "x"


def test_duplicates_are_errors(tmp_path):
    folder = tmp_path / "2023"
    _listing(folder, "a.png,foto,1,x", "a.png,foto,2,y", "b.png,foto,1,z")
    _, problems = daftar_lampiran.documents(folder, "x")
    assert [(p.row, p.column) for p in problems if p.is_error] == [(3, "berkas"), (4, "urutan")]


def test_report_orders_and_captions_from_data_and_warns_outside_the_pdf(data_copy):
    folder = data_copy / YEAR
    _png(folder / "lampiran" / "01_perjanjian_kinerja_2023.jpg", "white")
    _png(folder / "lampiran" / "04_piagam_kematangan_opd.jpg", "yellow")
    _png(folder / "lampiran" / "03_penerimaan_piagam_penghargaan.jpg", "blue")
    _png(folder / "lampiran" / "99_foto_tambahan.png", "green")  # present, not listed
    lap = buka("ajibarang", 2023, data_copy)
    appendices = lap.dokumen.blocks_of(document.Lampiran)
    assert [(a.label, a.judul) for a in appendices] == [
        ("Lampiran 1", "Perjanjian Kinerja Kecamatan Ajibarang Tahun 2023"),
        ("Lampiran 2", "Penerimaan Piagam Penghargaan"),
        (
            "Lampiran 3",
            "Piagam Penghargaan: peringkat kedua penilaian Kematangan Organisasi Perangkat Daerah tingkat Kecamatan "
            "Tahun 2023",
        ),
        ("Lampiran 4", "Foto tambahan"),
    ]
    # the signed scan (both parties) is the PK appendix: no generated table nor one-sided signature then
    assert [b.jenis for b in appendices[0].isi] == ["gambar"]
    assert "Perjanjian Kinerja Kecamatan Ajibarang Tahun 2023, ditandatangani" in appendices[0].isi[0].alt
    listed = [e.judul for e in lap.bagian("daftar_lampiran").isi[0].entri]
    assert listed == [a.judul for a in appendices]
    # the three listed documents that are missing: a warning each, in the notebook; nothing in the document
    warned = {p.value for p in lap.peringatan_data if p.location.endswith("lampiran.csv")}
    assert warned == {"02_prestasi_dan_inovasi.jpg", "05_piagam_upg_terbaik.jpg", "06_piagam_keterbukaan_informasi.jpg"}
    assert any(p.value == "99_foto_tambahan.png" and "tidak tercantum" in p.message for p in lap.peringatan_data)
    text = _all_text(lap)
    missing = ("Prestasi dan Inovasi Kecamatan", "Piagam Penghargaan: peringkat satu", "Piagam Penghargaan: Badan")
    for absent in (*missing, "lampiran.csv", "tidak tercantum"):
        assert absent not in text, absent
    shown = _text(lap.catatan_validasi().isi)
    assert "05_piagam_upg_terbaik.jpg" in shown and "Perbaikan:" in shown


def test_ajibarang_lists_the_reference_documents_all_missing():
    docs, problems = daftar_lampiran.documents(ROOT / "data" / YEAR, "ajibarang")
    assert docs == []
    assert len(problems) == 6 and not any(p.is_error for p in problems)
    assert [p.value for p in problems][:3] == [
        "01_perjanjian_kinerja_2023.jpg",
        "02_prestasi_dan_inovasi.jpg",
        "03_penerimaan_piagam_penghargaan.jpg",
    ]
    lap = buka("ajibarang", 2023)
    # no file: no appendix at all; never a retyped copy of Tabel 2.3 standing in for the signed PK
    assert lap.dokumen.blocks_of(document.Lampiran) == []
    assert lap.bagian("lampiran").kosong and lap.bagian("daftar_lampiran").kosong
    assert [e.judul for e in lap.dokumen.daftar_isi() if "LAMPIRAN" in e.judul] == []


def test_corrections_shown_in_the_notebook_cell_not_in_the_document():
    lap = buka("ajibarang", 2023)
    note = _text(lap.koreksi("bab3.b").isi)
    assert "Tabel 3.7" in note and "86 / 86" in note and "100 / 100 (2023)" in note
    assert "tidak dicetak di laporan" in note
    assert "baris SMP" in _text(lap.koreksi("bab1.e").isi)
    assert "37,41%" in _text(lap.koreksi("bab3.c").isi)  # the efficiency totals
    assert "Tidak ada koreksi" in _text(lap.koreksi("bab2.b").isi)
    text = _all_text(lap)
    for absent in ("86 / 86", "Catatan koreksi", "Tertulis", "37,41", "99,69"):
        assert absent not in text, absent


def test_a_correction_for_a_section_without_its_cell_is_an_error(tmp_path):
    folder = tmp_path / "2023"
    folder.mkdir()
    (folder / "koreksi.csv").write_text(
        "bagian,tempat,tertulis,dipakai,alasan\nbab9,Tabel 9.1,1,2,salah\nbab3.b,Tabel 3.7,,100,\n", encoding="utf-8"
    )
    items, problems = koreksi.read(folder, "x")
    assert items == []
    assert [(p.row, p.column) for p in problems] == [(2, "bagian"), (3, "tertulis"), (3, "alasan")]
    assert all(p.is_error for p in problems)


def test_the_notebook_follows_each_corrected_section_with_a_hidden_cell():
    import nbformat

    cells = nbformat.read(ROOT / "notebooks" / "lkjip.ipynb", as_version=4).cells
    sources = [c.source for c in cells]
    for kunci in koreksi.BAGIAN:
        at = sources.index(f'lap.bagian("{kunci}")')
        assert sources[at + 1] == f'lap.koreksi("{kunci}")'
        assert cells[at + 1].metadata.get("tags") == ["lkjip-hide"]
    readme = (ROOT / "data" / "README.md").read_text(encoding="utf-8")
    assert "koreksi.csv" in readme and "lampiran.csv" in readme


def test_an_unquoted_comma_is_an_error_not_a_shifted_row(tmp_path):
    folder = tmp_path / "2023"
    folder.mkdir()
    (folder / "koreksi.csv").write_text(
        "bagian,tempat,tertulis,dipakai,alasan\nbab3.c,Tabel 3.19,99,69%,99,59%,dihitung\n", encoding="utf-8"
    )
    items, [problem] = koreksi.read(folder, "x")
    assert items == [] and problem.row == 2 and "tanda kutip" in problem.fix


def test_a_linked_listing_is_refused_without_being_read(tmp_path):
    folder = tmp_path / "2023"
    folder.mkdir()
    (tmp_path / "elsewhere.csv").write_text("berkas,jenis,urutan,keterangan\n", encoding="utf-8")
    (folder / "lampiran.csv").symlink_to(tmp_path / "elsewhere.csv")
    (folder / "koreksi.csv").symlink_to(tmp_path / "elsewhere.csv")
    _, [listing] = daftar_lampiran.documents(folder, "x")
    _, [corrections] = koreksi.read(folder, "x")
    assert listing.is_error and corrections.is_error and "tautan simbolik" in listing.message


def test_the_sistematika_announces_what_the_lampiran_holds(tmp_path):
    folder = tmp_path / "2023"
    assert daftar_lampiran.isi_teks(folder, "x", 2023) == ""  # no document: the Sistematika has no Lampiran item
    for name in ("a_foto.png", "b_pk.png", "c_piagam.png", "d_piagam.png"):
        _png(folder / "lampiran" / name)
    _listing(
        folder,
        "b_pk.png,pk,1,PK",
        "a_foto.png,foto,2,Foto",
        "c_piagam.png,piagam,3,Piagam",
        "d_piagam.png,piagam,4,Piagam",
        "e_hilang.png,foto,5,Tidak ada berkasnya",  # missing: a warning, not announced
    )
    assert daftar_lampiran.isi_teks(folder, "x", 2023) == (
        "Perjanjian Kinerja Tahun 2023 yang ditandatangani kedua pihak, 1 (satu) foto kegiatan dan prestasi "
        "serta 2 (dua) piagam penghargaan"
    )


def test_the_ajibarang_sistematika_matches_its_lampiran():
    lap = buka("ajibarang", 2023)
    g = _text(lap.bagian("bab1.g").isi)
    lampiran = [x.judul for x in document.walk(lap.dokumen.bagian) if isinstance(x, document.Lampiran)]
    assert lampiran == []  # the scans are not in the repository
    assert "Lampiran" not in g and "dokumen pendukung" not in g  # nothing announced that the report lacks
