"""End to end: papermill executes the master notebook, nbconvert and Typst publish it."""

from __future__ import annotations

import re
import subprocess
import sys
from importlib.metadata import entry_points

import nbformat
import pytest
from pypdf import PdfReader

from lkjip.params import Params
from lkjip.render import render
from tests.conftest import ROOT

pytestmark = pytest.mark.e2e

KEY_FIGURES = [
    "2.966.054.529",  # total anggaran
    "2.874.663.909",  # total realisasi
    "96,92",  # serapan total
    "359.874.000",  # supporting programs
    "358.399.000",
    "99,59",
    "99,44",
    "99,96",
    "96,55",
    "0,41",  # tingkat efisiensi of T1/S1 and of the total
    "19.633.168",  # procurement efficiency
    "1,93",
    "106.818",
    "54.127",
]


@pytest.fixture(scope="module")
def result(tmp_path_factory):
    out = tmp_path_factory.mktemp("output")
    return render(Params("ajibarang", 2023, "data", str(out)))


def _pdf_text(path) -> str:
    return "\n".join(_plain(page.extract_text()) for page in PdfReader(path).pages)


def _plain(text: str) -> str:
    """A page's text without the soft hyphens the print renderer puts at unbroken syllable breaks."""
    return text.replace("\u00ad", "")


def _visible_text(html: str) -> str:
    html = re.sub(r"<(style|svg)\b.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_outputs_exist_with_slug_and_year(result):
    assert result.folder.name == "ajibarang" and result.folder.parent.name == "2023"
    names = sorted(p.name for p in result.folder.iterdir())
    assert names == [
        "lkjip_ajibarang_2023.html",
        "lkjip_ajibarang_2023.ipynb",
        "lkjip_ajibarang_2023.pdf",
        "parameter.yaml",  # the parameters of this run, replayable with papermill -f
    ]
    from lkjip.params import read

    assert read(result.folder / "parameter.yaml").kecamatan == "ajibarang"


def test_html_has_key_figures_and_no_code(result):
    html = result.html.read_text(encoding="utf-8")
    text = _visible_text(html)
    for figure in KEY_FIGURES:
        assert figure in text, figure
    assert "lkjip.buka" not in html and "lap.bagian" not in html and "ringkasan" not in html  # code is hidden
    assert "<script" not in html  # self-contained, nothing fetched
    assert 'lang="id"' in html


def test_html_capaian_table_has_six_indicators_sangat_tinggi(result):
    html = result.html.read_text(encoding="utf-8")
    table = re.search(r'<figure class="lkjip-tabel" id="tabel-3-2">.*?</figure>', html, flags=re.S).group(0)
    rows = re.findall(r"<tr>(.*?)</tr>", table.split("<tbody>")[1].split("</tbody>")[0], flags=re.S)
    assert len(rows) == 6
    for row in rows:
        cells = re.findall(r"<td[^>]*>(.*?)</td>", row)
        assert cells[-2:] == ["100,00", "Sangat Tinggi"]


def test_pdf_text_carries_key_figures(result):
    text = _pdf_text(result.pdf)
    for figure in KEY_FIGURES:
        assert figure in text, figure
    assert "Sangat Tinggi" in text and "Tabel 3.2" in text


def test_executed_notebook_keeps_parameters_and_has_no_timestamps(result):
    nb = nbformat.read(result.notebook, as_version=4)
    injected = [c for c in nb.cells if "injected-parameters" in c.metadata.get("tags", [])]
    assert 'kecamatan = "ajibarang"' in injected[0].source and "tahun = 2023" in injected[0].source
    assert "start_time" not in nb.metadata["papermill"]
    assert all("execution" not in c.metadata for c in nb.cells)


def test_plain_papermill_with_the_archived_params_gives_the_same_cell_outputs(result, tmp_path):
    """README: ``papermill notebooks/lkjip.ipynb out.ipynb -f output/<tahun>/<slug>/parameter.yaml`` replays the report.

    Every cell has the archived source, outputs and execution count, and the notebook the same kernel metadata and
    parameters; only papermill's own run metadata (times, the paths it was given, the injected cell's random id)
    differs, which lkjip normalises away.
    """
    out = tmp_path / "out.ipynb"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "papermill",
            "notebooks/lkjip.ipynb",
            str(out),
            "-f",
            str(result.folder / "parameter.yaml"),
            "--no-progress-bar",
        ],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    plain, archived = nbformat.read(out, as_version=4), nbformat.read(result.notebook, as_version=4)

    def cells(nb: nbformat.NotebookNode) -> list[tuple]:
        return [(c.cell_type, c.source, c.get("execution_count"), c.get("outputs")) for c in nb.cells]

    assert cells(plain) == cells(archived)
    assert plain.metadata.papermill.parameters == archived.metadata.papermill.parameters
    own = ("papermill", "lkjip")  # papermill's run metadata, and the evidence lkjip adds (render.record_evidence)
    assert {k: v for k, v in plain.metadata.items() if k not in own} == {
        k: v for k, v in archived.metadata.items() if k not in own
    }
    html = "".join(o.get("data", {}).get("text/html", "") for c in plain.cells for o in c.get("outputs", []))
    assert "2.966.054.529" in html and "Sangat Tinggi" in html


def test_the_notebook_records_paths_independent_of_where_it_was_built(result):
    """The master notebook relative to the project root, the report under output_dir as the parameters spell it."""
    meta = nbformat.read(result.notebook, as_version=4).metadata.papermill
    assert meta.input_path == "notebooks/lkjip.ipynb"
    assert meta.output_path == f"{meta.parameters['output_dir']}/2023/ajibarang/lkjip_ajibarang_2023.ipynb"


def test_nbconvert_entry_point_renders_pdf(result, tmp_path):
    names = {e.name for e in entry_points(group="nbconvert.exporters")}
    assert {"lkjip_html", "lkjip_pdf"} <= names
    subprocess.run(
        [
            sys.executable,
            "-m",
            "jupyter",
            "nbconvert",
            "--to",
            "lkjip_pdf",
            str(result.notebook),
            "--output-dir",
            str(tmp_path),
        ],
        check=True,
        capture_output=True,
    )
    assert "96,92" in _pdf_text(tmp_path / "lkjip_ajibarang_2023.pdf")


def test_nbconvert_on_the_notebook_alone_gives_the_same_html(result, tmp_path):
    """The notebook copied to an empty folder (no data/, no params/) exports to the very same HTML."""
    alone = tmp_path / "kosong"
    alone.mkdir()
    copy = alone / result.notebook.name
    copy.write_bytes(result.notebook.read_bytes())
    subprocess.run(
        [sys.executable, "-m", "jupyter", "nbconvert", "--to", "lkjip_html", copy.name],
        cwd=alone,
        check=True,
        capture_output=True,
    )
    assert (alone / result.html.name).read_bytes() == result.html.read_bytes()


def test_every_report_section_in_the_notebook_carries_its_model(result):
    from lkjip.document import MIME, Bagian
    from lkjip.html_renderer import bagian_html

    nb = nbformat.read(result.notebook, as_version=4)
    outputs = [o for c in nb.cells if "lkjip-hide" not in c.metadata.get("tags", []) for o in c.get("outputs", [])]
    shown = [o for o in outputs if "text/html" in o.get("data", {})]
    assert len(shown) == 28 and all(MIME in o["data"] for o in shown)
    for o in shown:  # the stored HTML is exactly the model's rendering
        assert bagian_html(Bagian.model_validate(o["data"][MIME])) == o["data"]["text/html"]


def _page_texts(path) -> list[str]:
    return [_plain(page.extract_text()) for page in PdfReader(path).pages]


def _printed_number(page_text: str) -> str | None:
    """The page number in the running footer: the last token of the last line."""
    last = page_text.strip().splitlines()[-1]
    if not last.startswith("LKjIP Kecamatan Ajibarang Tahun 2023"):
        return None  # the cover has no footer
    return last.split()[-1]


def _words(title: str) -> str:
    return r"\s+".join(re.escape(w) for w in title.split())


def _list_text(texts: list[str], heading: str) -> str:
    """The text of a list (DAFTAR ...) across its pages, without headings and footers."""
    start = next((i for i, t in enumerate(texts) if t.lstrip().startswith(heading)), None)
    assert start is not None, heading
    lines = texts[start].strip().splitlines()[1:-1]
    for t in texts[start + 1 :]:
        if re.match(r"\s*(DAFTAR|BAB|KATA|IKHTISAR)\b", t):
            break
        lines += t.strip().splitlines()[:-1]  # a continuation page
    return " ".join(lines)


def _listed_page(list_text: str, title: str) -> str:
    """The page number printed after ``title`` (spaced leader dots may be few or none when the line is full)."""
    start = r"(?:^|(?:[ivxlc]+|\d+)\s+)"  # an entry starts the list or follows the previous entry's number
    m = re.search(start + _words(title) + r"\s*(?:\.\s*)*([ivxlc]+|\d+)(?=\s|$)", list_text)
    assert m, title
    return m.group(1)


def _page_of_heading(texts: list[str], title: str) -> int:
    """First page where ``title`` stands alone on its line(s)."""
    pattern = re.compile(r"(?m)^\s*" + _words(title) + r"\s*$")
    return next(i for i, t in enumerate(texts) if pattern.search(t))


def test_daftar_isi_page_numbers_match_where_headings_fall(result):
    from lkjip.report import buka

    texts = _page_texts(result.pdf)
    numbers = [_printed_number(t) for t in texts]
    assert numbers[0] is None  # cover: no page number
    assert numbers[1:4] == ["ii", "iii", "iv"]  # front matter in roman numerals
    assert numbers[_page_of_heading(texts, "BAB I PENDAHULUAN")] == "1"  # body restarts at 1 with BAB I
    listing = _list_text(texts, "DAFTAR ISI")
    entries = buka("ajibarang", 2023).dokumen.daftar_isi()
    assert len(entries) >= 25
    for e in entries:
        assert numbers[_page_of_heading(texts, e.judul)] == _listed_page(listing, e.judul), e.judul


def test_daftar_tabel_page_numbers_match_where_captions_fall(result):
    from lkjip.document import Tabel
    from lkjip.report import buka

    texts = _page_texts(result.pdf)
    numbers = [_printed_number(t) for t in texts]
    listing = _list_text(texts, "DAFTAR TABEL")
    labelled = buka("ajibarang", 2023).dokumen.blocks_of(Tabel)
    assert len(labelled) >= 20
    for t in labelled:
        assert numbers[_page_of_heading(texts, t.label)] == _listed_page(listing, f"{t.label} {t.judul}"), t.label


def test_corrections_are_noted_in_hidden_cells_and_not_published(result):
    """Tabel 3.7's 86 -> 100 and the efficiency totals: a note beside the section in the notebook, not in the PDF."""
    nb = nbformat.read(result.notebook, as_version=4)
    sources = [c.source for c in nb.cells]
    at = sources.index('lap.koreksi("bab3.b")')
    assert sources[at - 1] == 'lap.bagian("bab3.b")' and "lkjip-hide" in nb.cells[at].metadata.get("tags", [])
    note = _visible_text(nb.cells[at].outputs[0]["data"]["text/html"])
    assert "Tabel 3.7" in note and "86 / 86" in note and "100 / 100 (2023)" in note
    efficiency = _visible_text(nb.cells[sources.index('lap.koreksi("bab3.c")')].outputs[0]["data"]["text/html"])
    assert "37,41%" in efficiency and "99,69% / 0,31%" in efficiency
    published = _pdf_text(result.pdf) + _visible_text(result.html.read_text(encoding="utf-8"))
    for absent in ("Catatan koreksi", "86 / 86", "37,41", "koreksi.csv"):
        assert absent not in published, absent


def test_the_pdf_carries_the_executed_notebook_it_was_made_from(result):
    """PDF/A-3: the notebook archived beside the PDF is attached to it, byte for byte, as its source."""
    attached = PdfReader(result.pdf).attachments
    assert attached == {result.notebook.name: [result.notebook.read_bytes()]}
