"""The Word output: the model with Word's styles, fields and sections; byte-identical; LibreOffice opens it."""

from __future__ import annotations

import io
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from pypdf import PdfReader

from lkjip.document import Bagian, Gambar, Lampiran, Paragraf, Run, Sampul, Subjudul, Tabel, walk
from lkjip.docx_renderer import docx_bytes

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture(scope="module")
def sections() -> list[Bagian]:
    import lkjip.report

    return lkjip.report.buka("ajibarang", 2023).dokumen.bagian


@pytest.fixture(scope="module")
def built(sections) -> bytes:
    return docx_bytes(sections)


@pytest.fixture(scope="module")
def document(built):
    return docx.Document(io.BytesIO(built))


def _shown(sections: list[Bagian]) -> list[Bagian]:
    return [s for s in sections if not s.kosong]


def _instructions(document) -> list[str]:
    body = document.element.body
    return [t.text.strip() for t in body.iter(qn("w:instrText"))]


def test_headings_are_words_heading_styles_one_per_model_heading(sections, document):
    shown = _shown(sections)
    expected = sum(1 for s in shown if s.tingkat > 0 and s.di_daftar_isi)
    expected += sum(1 for b in walk(shown) if isinstance(b, Subjudul))
    headings = [p for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert len(headings) == expected
    assert any(p.style.name == "Heading 1" and p.text == "BAB I PENDAHULUAN" for p in headings)
    assert any(p.style.name == "Title" for p in document.paragraphs)


def test_tables_and_pictures_are_those_of_the_model(sections, document):
    shown = _shown(sections)
    assert len(document.tables) == sum(1 for b in walk(shown) if isinstance(b, Tabel))
    figures = sum(1 for b in walk(shown) if isinstance(b, Gambar))
    figures += sum(1 for b in walk(shown) if isinstance(b, Sampul) and b.lambang is not None)
    assert len(document.inline_shapes) == figures
    first = document.tables[0]
    assert first.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None  # the header row repeats on every page
    assert first.style.name == "Table Grid"


def test_figures_are_right_aligned_in_their_columns(document):
    table = document.tables[0]  # Tabel 1.1: No., Jenis Kelamin, Jumlah (jiwa)
    assert table.rows[1].cells[-1].paragraphs[0].alignment == docx.enum.text.WD_ALIGN_PARAGRAPH.RIGHT
    assert table.rows[1].cells[-1].text == "54.127"


def test_captions_carry_seq_fields_with_the_models_numbers(sections, document):
    instructions = _instructions(document)
    assert any(i.startswith("SEQ Tabel") and r"\s 1" in i for i in instructions)
    assert any(i.startswith("SEQ Grafik") for i in instructions)
    assert any(i.startswith("SEQ Gambar") for i in instructions)
    captions = [p.text for p in document.paragraphs if p.style.name == "Caption"]
    labels = [b.label for b in walk(_shown(sections)) if isinstance(b, Tabel | Gambar) and b.label]
    assert [c.split(" ", 2)[:2] for c in captions if c.split(" ")[0] in ("Tabel", "Grafik", "Gambar")] == [
        label.split(" ") for label in labels
    ]


def test_toc_and_lists_are_fields_with_cached_entries_refreshed_on_open(document):
    instructions = _instructions(document)
    assert any(i.startswith("TOC \\o") for i in instructions)
    assert any(i == 'TOC \\h \\z \\c "Tabel"' for i in instructions)
    assert any(i == 'TOC \\h \\z \\c "Grafik"' for i in instructions)
    toc = [p.text for p in document.paragraphs if p.style.name in ("TOC 1", "TOC 2")]
    assert "BAB III AKUNTABILITAS KINERJA" in toc and "A. Capaian Kinerja Organisasi" in toc
    settings = document.settings.element
    assert settings.find(qn("w:updateFields")).get(qn("w:val")) == "true"


def test_three_sections_cover_unnumbered_front_roman_body_arabic(document):
    assert len(document.sections) == 3
    formats = []
    for section in document.sections:
        number = section._sectPr.find(qn("w:pgNumType"))
        formats.append(None if number is None else (number.get(qn("w:fmt")), number.get(qn("w:start"))))
    assert formats == [None, ("lowerRoman", "1"), ("decimal", "1")]
    cover, _front, body = document.sections
    assert cover.footer.paragraphs[0].text == ""
    assert body.footer.paragraphs[0].text.startswith("LKjIP Kecamatan Ajibarang Tahun 2023")
    assert "PAGE" in "".join(t.text for t in body.footer._element.iter(qn("w:instrText")))
    for section in document.sections:  # A4, the PDF's margins
        assert round(section.page_width.cm, 1) == 21.0 and round(section.page_height.cm, 1) == 29.7
        assert [round(m.cm, 1) for m in (section.top_margin, section.right_margin)] == [3.0, 3.0]
        assert [round(m.cm, 1) for m in (section.bottom_margin, section.left_margin)] == [3.0, 4.0]


def test_properties_come_from_the_data(document):
    props = document.core_properties
    assert props.title == "LKjIP Kecamatan Ajibarang Tahun 2023"
    assert props.created.year == 2024 and props.created == props.modified  # the signature's date, not the clock


def test_rebuilds_are_byte_identical_with_fixed_zip_times(sections, built):
    assert docx_bytes(sections) == built
    with zipfile.ZipFile(io.BytesIO(built)) as z:
        assert {i.date_time for i in z.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        assert z.namelist() == sorted(z.namelist())


def test_xml_special_characters_of_the_data_survive():
    tricky = "Dana <BOS> & \"Hibah\" 'desa' ]]> &amp;"
    sections = [
        Bagian(kunci="judul", anchor="judul", judul="Halaman Judul", tingkat=0, depan=True, contoh=True,
               isi=[Sampul(instansi=["KECAMATAN <X>"], judul=[tricky], alamat=["Jl. A & B"], contoh=True)]),
        Bagian(kunci="bab1", anchor="bab-1", judul="BAB I <&>", tingkat=1, depan=False, kaki="LKjIP & <x>",
               isi=[Paragraf(isi=[Run(teks=tricky), Run(teks="tautan", tautan="https://a.example/?a=1&b=<2>")]),
                    Lampiran(label="Lampiran 1", judul=tricky, isi=[Paragraf(isi=[Run(teks="isi")])])]),
    ]  # fmt: skip
    document = docx.Document(io.BytesIO(docx_bytes(sections)))
    texts = [p.text for p in document.paragraphs]
    assert tricky in texts[-2] or any(tricky in t for t in texts)
    assert "BAB I <&>" in texts
    assert document.sections[0].header.paragraphs[0].text == "DATA CONTOH - bukan data resmi"
    assert document.sections[-1].footer.paragraphs[0].text.startswith("LKjIP & <x>")
    assert document.core_properties.title == "LKjIP & <x>"


# ---------------------------------------------------------------- LibreOffice


def _soffice() -> str:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found is None:
        pytest.skip("LibreOffice (soffice) tidak terpasang: apt-get install libreoffice-writer-nogui")
    return found


@pytest.fixture(scope="module")
def converted(built, tmp_path_factory) -> Path:
    soffice = _soffice()
    work = tmp_path_factory.mktemp("lo")
    (work / "laporan.docx").write_bytes(built)
    profile = (work / "profil").as_uri()
    argv = [soffice, f"-env:UserInstallation={profile}", "--headless", "--norestore", "--convert-to", "pdf"]
    subprocess.run(
        [*argv, "--outdir", str(work), str(work / "laporan.docx")],
        check=True,
        capture_output=True,
        timeout=300,
    )
    return work / "laporan.pdf"


def test_libreoffice_converts_it_with_the_key_figures_and_the_models_caption_numbers(converted, sections):
    import re

    text = "\n".join(page.extract_text() for page in PdfReader(converted).pages)
    for figure in ("2.966.054.529", "99,59", "106.818", "Sangat Tinggi"):
        assert figure in text
    # LibreOffice recomputes the SEQ fields: the first of a chapter carries "\r 1", as it ignores "\s 1"
    labels = [b.label for b in walk(_shown(sections)) if isinstance(b, Tabel | Gambar) and b.label]
    found = re.findall(r"^(?:Tabel|Grafik|Gambar) \d+\.\d+", text, re.M)
    assert found[-len(labels) :] == labels


def test_libreoffice_page_count_is_near_the_typst_pdfs(converted, sections):
    from lkjip.typst_renderer import pdf_bytes

    word = len(PdfReader(converted).pages)
    typst = len(PdfReader(io.BytesIO(pdf_bytes(sections))).pages)
    assert abs(word - typst) <= 0.2 * typst, (word, typst)


# ---------------------------------------------------------------- end to end


@pytest.fixture(scope="module")
def reported(tmp_path_factory) -> tuple[Path, str]:
    """``lkjip report --format html,pdf,docx`` into a temporary output folder: the output folder, the CLI's output."""
    from typer.testing import CliRunner

    from lkjip.cli import app

    out = tmp_path_factory.mktemp("keluaran") / "output"
    argv = ["report", "-k", "ajibarang", "--tahun", "2023", "--format", "html,pdf,docx", "--output", str(out)]
    r = CliRunner().invoke(app, argv)
    assert r.exit_code == 0, r.output
    return out, r.output


@pytest.mark.e2e
def test_report_with_format_docx_publishes_and_records_the_word_document(reported):
    import json

    from lkjip import ledger, verify

    out, printed = reported
    folder = out / "2023" / "ajibarang"
    word = folder / "lkjip_ajibarang_2023.docx"
    assert word.is_file() and "lkjip_ajibarang_2023.docx" in printed.replace("\n", "")  # rich wraps long paths
    listed = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))["keluaran"]
    assert word.name in listed
    assert word.name in ledger.read(out / "2023")[-1].files
    assert f"ajibarang/{word.name}" in (out / "2023" / "SHA256SUMS").read_text(encoding="utf-8")
    assert 'href="ajibarang/lkjip_ajibarang_2023.docx"' in (out / "2023" / "index.html").read_text(encoding="utf-8")
    assert verify.passed(verify.check(folder))


@pytest.mark.e2e
def test_verify_ulang_rebuilds_the_word_document_byte_for_byte(reported):
    from lkjip import ulang, verify

    out, _ = reported
    results = verify.check(out / "2023" / "ajibarang", extra=(ulang.check,))
    assert verify.passed(results) and results[0].diulang, results


@pytest.mark.e2e
def test_nbconvert_to_lkjip_docx_gives_the_same_bytes_in_another_process(reported, tmp_path):
    out, _ = reported
    folder = out / "2023" / "ajibarang"
    notebook = folder / "lkjip_ajibarang_2023.ipynb"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "jupyter",
            "nbconvert",
            "--to",
            "lkjip_docx",
            "--output-dir",
            str(tmp_path),
            str(notebook),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    assert (tmp_path / "lkjip_ajibarang_2023.docx").read_bytes() == (folder / "lkjip_ajibarang_2023.docx").read_bytes()


@pytest.mark.e2e
def test_an_altered_word_document_is_found_by_verify(reported, tmp_path):
    import shutil as sh

    from lkjip import verify

    out, _ = reported
    copy = tmp_path / "output"
    sh.copytree(out, copy)
    word = copy / "2023" / "ajibarang" / "lkjip_ajibarang_2023.docx"
    word.write_bytes(word.read_bytes() + b"\0")
    results = verify.check(copy / "2023" / "ajibarang")
    assert not verify.passed(results)
    assert any(f.berkas == word.name for r in results for f in r.temuan), results


def test_an_unknown_format_or_one_without_pdf_is_refused():
    from typer.testing import CliRunner

    from lkjip.cli import app

    for formats, words in (("html,pdf,odt", "tidak dikenal"), ("html,docx", "tidak memuat pdf")):
        r = CliRunner().invoke(app, ["report", "-k", "ajibarang", "--tahun", "2023", "--format", formats])
        assert r.exit_code == 2 and words in r.output, r.output


@pytest.mark.e2e
def test_batch_with_docx_rebuilds_a_report_without_one_then_skips_it(tmp_path):
    from lkjip import batch

    out = str(tmp_path / "output")
    assert [o.status for o in batch.run(2023, ["ajibarang"], 1, output=out)] == [batch.BUILT]
    word = tmp_path / "output" / "2023" / "ajibarang" / "lkjip_ajibarang_2023.docx"
    assert not word.exists()
    assert [o.status for o in batch.run(2023, ["ajibarang"], 1, output=out, docx=True)] == [batch.BUILT]
    assert word.is_file()
    assert [o.status for o in batch.run(2023, ["ajibarang"], 1, output=out, docx=True)] == [batch.SKIPPED]
    assert [o.status for o in batch.run(2023, ["ajibarang"], 1, output=out)] == [batch.SKIPPED]  # kept
    assert word.is_file()


def test_the_emblem_and_pictures_go_in_as_they_are_and_lists_restart():
    import base64

    from PIL import Image

    from lkjip.document import Daftar

    buffer = io.BytesIO()
    Image.new("RGB", (40, 60), (200, 30, 30)).save(buffer, format="PNG")
    png = base64.b64encode(buffer.getvalue()).decode()
    emblem = Gambar(jenis_gambar="foto", data=png, mime="image/png", alt="Lambang")
    photo = Gambar(jenis_gambar="foto", label="Gambar 1.1", judul="Kantor", data=png, mime="image/png")

    def listed(penanda: str) -> Daftar:
        return Daftar(bernomor=True, penanda=penanda, butir=[[Paragraf(isi=[Run(teks=t)])] for t in "xy"])

    sections = [
        Bagian(kunci="judul", anchor="judul", judul="Halaman Judul", tingkat=0, depan=True,
               isi=[Sampul(instansi=["KECAMATAN X"], judul=["LKjIP"], alamat=["Jl. A"], lambang=emblem)]),
        Bagian(kunci="bab1", anchor="bab-1", judul="BAB I", tingkat=1, depan=False, kaki="LKjIP X",
               isi=[photo, listed("huruf"), listed("angka")]),
    ]  # fmt: skip
    document = docx.Document(io.BytesIO(docx_bytes(sections)))
    assert len(document.inline_shapes) == 2
    assert len({p.blob for p in document.part.package.image_parts}) == 1  # the same picture stored once
    numbered = [p for p in document.paragraphs if p.style.name == "List Number"]
    ids = [p._p.pPr.numPr.numId.val for p in numbered]
    assert len(numbered) == 4 and ids[0] == ids[1] != ids[2] == ids[3]  # each list counts from its start
    caption = next(p for p in document.paragraphs if p.style.name == "Caption")
    assert caption.text == "Gambar 1.1 Kantor"
