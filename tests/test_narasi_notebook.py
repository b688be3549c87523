"""The narrative notebook (lkjip narasi) and its %%narasi cells: check, save when edited, preview, final, hash."""

from __future__ import annotations

import shutil
from pathlib import Path

import nbformat
import pytest

from lkjip import final, fingerprint, narasi_magic, narasi_notebook
from lkjip.narasi_edit import asal
from lkjip.params import Params

SLUG, TAHUN = "ajibarang", 2023


def _folder(data: Path) -> Path:
    return data / "kecamatan" / SLUG / str(TAHUN)


@pytest.fixture
def notebook(data_copy: Path, tmp_path: Path) -> Path:
    path = narasi_notebook.write(SLUG, TAHUN, data_copy, tmp_path / "output")
    narasi_magic.narasi_laporan(f"--kecamatan {SLUG} --tahun {TAHUN} --data {data_copy} --output {tmp_path / 'output'}")
    return path


def _cells(path: Path) -> dict[str, narasi_notebook.Cell]:
    nb = nbformat.read(path, as_version=4)
    return {c.nama: c for c in map(narasi_notebook.parse, nb.cells) if c is not None}


def _line(c: narasi_notebook.Cell) -> str:
    return str(c.node.source).partition("\n")[0].removeprefix("%%narasi ")


def test_the_notebook_has_one_cell_per_section_in_report_order(notebook: Path):
    cells = _cells(notebook)
    names = list(cells)
    assert names[0] == "kata_pengantar" and names[-1] == "penutup" and "analisis_T1" in names
    assert names.index("latar_belakang") < names.index("analisis_T1") < names.index("penutup")
    assert "--ambil-alih" in _line(cells["penutup"])  # a default with conditions: generated, take over
    assert "--ambil-alih" not in _line(cells["analisis_T1"])  # the analyst's own text
    assert "Keberhasilan capaian Indeks Kepuasan Masyarakat" in cells["analisis_T1"].body
    text = notebook.read_text(encoding="utf-8")
    assert "Diganti analis" in text and "Nilai saat ini" in text and "%narasi_kembalikan analisis_T1 --ya" in text


def test_an_edit_is_saved_and_previewed_with_real_numbers(notebook: Path, data_copy: Path):
    c = _cells(notebook)["isu_strategis"]
    body = c.body + "\nKalimat suntingan analis untuk {{ nama }} dengan rata-rata {{ rata_rata }}.\n"
    result = narasi_magic.narasi(_line(c), body)
    assert result.disimpan and not result.galat
    saved = (_folder(data_copy) / "narasi" / "isu_strategis.md").read_text(encoding="utf-8")
    assert "Kalimat suntingan analis untuk {{ nama }}" in saved
    html = result._repr_html_()
    assert "Kalimat suntingan analis untuk Ajibarang dengan rata-rata 100%." in html
    assert 'data-kunci="bab1.f"' in html  # the report's own section HTML


@pytest.mark.parametrize(
    ("body", "words"),
    [
        ("Teks {{ nama_camat }}.", "Placeholder tidak dikenal"),
        ("Teks {{ nama }.", "Sintaks Jinja salah"),
        ("Teks <script>alert(1)</script>.", "<script>"),
        ('Teks <b onclick="x()">tebal</b>.', "penangan peristiwa"),
        ("Teks [klik](javascript:alert(1)).", "javascript:"),
    ],
)
def test_a_refused_text_saves_nothing(notebook: Path, data_copy: Path, body: str, words: str):
    c = _cells(notebook)["isu_strategis"]
    result = narasi_magic.narasi(_line(c), body)
    assert not result.disimpan and any(words in m for m, _ in result.galat)
    assert all(fix for _, fix in result.galat)
    assert not (_folder(data_copy) / "narasi" / "isu_strategis.md").exists()


def test_stripped_markup_and_a_frozen_number_are_warnings(notebook: Path):
    c = _cells(notebook)["isu_strategis"]
    result = narasi_magic.narasi(_line(c), "Teks <span>biasa</span> tahun 2023.")
    assert result.disimpan
    warned = " ".join(m for m, _ in result.peringatan)
    assert "<span>" in warned and "{{ tahun }}" in warned


def test_unchanged_text_saves_nothing(notebook: Path, data_copy: Path):
    before = sorted(p.name for p in (_folder(data_copy) / "narasi").iterdir())
    for name in ("isu_strategis", "penutup", "analisis_T1"):
        c = _cells(notebook)[name]
        result = narasi_magic.narasi(_line(c), c.body)
        assert not result.disimpan and not result.galat and result.pratinjau is not None
    assert sorted(p.name for p in (_folder(data_copy) / "narasi").iterdir()) == before


def test_revert_deletes_the_override_after_confirmation(notebook: Path, data_copy: Path):
    path = _folder(data_copy) / "narasi" / "analisis_T1.md"
    assert not narasi_magic.narasi_kembalikan("analisis_T1").dihapus and path.exists()
    assert narasi_magic.narasi_kembalikan("analisis_T1 --ya").dihapus and not path.exists()


def test_regeneration_keeps_an_unsaved_edit(notebook: Path):
    nb = nbformat.read(notebook, as_version=4)
    for cell in nb.cells:
        c = narasi_notebook.parse(cell)
        if c is not None and c.nama == "isu_strategis":
            cell.source += "\nSuntingan yang belum disimpan."
    nbformat.write(nb, notebook)
    narasi_magic.narasi_kembalikan("analisis_T1 --ya")  # the saved texts change too
    data = notebook.parents[3]
    narasi_notebook.write(SLUG, TAHUN, data, notebook.parents[4] / "output")
    cells = _cells(notebook)
    assert cells["isu_strategis"].body.endswith("Suntingan yang belum disimpan.")
    assert "Keberhasilan capaian" not in cells["analisis_T1"].body  # back to the default: refreshed
    assert asal(cells["analisis_T1"].body) == _line(cells["analisis_T1"]).split("--asal ")[1]


def test_the_notebook_is_not_an_input_of_the_report(data_copy: Path, tmp_path: Path):
    params = Params(SLUG, TAHUN, str(data_copy), str(tmp_path / "output"))
    before = fingerprint.inputs(params)
    path = narasi_notebook.write(SLUG, TAHUN, data_copy, tmp_path / "output")
    checkpoints = path.parent / ".ipynb_checkpoints"
    checkpoints.mkdir()
    shutil.copy(path, checkpoints / "narasi-checkpoint.ipynb")
    path.write_text(path.read_text(encoding="utf-8").replace("Narasi LKjIP", "Narasi LKjIP (dijalankan)"))
    assert fingerprint.inputs(params) == before
    (path.parent / "narasi" / "penutup.md").write_text("Penutup.", encoding="utf-8")  # a saved text is an input
    assert fingerprint.inputs(params)["narasi_lampiran/narasi/penutup.md"]


def test_a_final_report_refuses_the_edit(ajibarang_built: Path, tmp_path: Path):
    work = tmp_path / "work"
    shutil.copytree(ajibarang_built, work)
    data, output = work / "data", work / "output"
    final.finalise(SLUG, TAHUN, output)
    path = narasi_notebook.write(SLUG, TAHUN, data, output)
    narasi_magic.narasi_laporan(f"--kecamatan {SLUG} --tahun {TAHUN} --data {data} --output {output}")
    c = _cells(path)["isu_strategis"]
    result = narasi_magic.narasi(_line(c), c.body + "\nTambahan.")
    assert not result.disimpan
    assert any("sudah final" in m and "buka-final" in m for m, _ in result.galat)
    assert not (data / "kecamatan" / SLUG / str(TAHUN) / "narasi" / "isu_strategis.md").exists()
    unchanged = narasi_magic.narasi(_line(c), c.body)  # a preview is still shown
    assert not unchanged.galat and unchanged.pratinjau is not None


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _execute(path: Path) -> nbformat.NotebookNode:
    """Run ``path`` top to bottom as JupyterLab would (its folder as the working directory), and save it."""
    from nbclient import NotebookClient

    nb = nbformat.read(path, as_version=4)
    NotebookClient(
        nb,
        kernel_name="python3",  # as lkjip.render runs the report notebook
        timeout=300,
        resources={"metadata": {"path": str(path.parent)}},
        extra_arguments=["--IPKernelApp.log_level=ERROR"],
    ).execute()
    nbformat.write(nb, path)  # an executed, saved notebook: still no input of the report
    return nb


@pytest.mark.e2e
def test_the_notebook_as_shipped_runs_previews_every_section_and_saves_nothing(data_copy: Path, tmp_path: Path):
    path = narasi_notebook.write(SLUG, TAHUN, data_copy, tmp_path / "output")
    narasi = _folder(data_copy) / "narasi"
    before = _snapshot(narasi)
    nb = _execute(path)
    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]
    assert errors == []
    streams = "".join(o.get("text", "") for c in nb.cells if c.cell_type == "code" for o in c.outputs)
    assert "Traceback" not in streams and "Galat" not in streams
    sections = [(c, cell) for cell in nb.cells if (c := narasi_notebook.parse(cell)) is not None]
    assert len(sections) == len(_cells(path)) > 10
    for c, cell in sections:
        shown = "".join(str(o.get("data", {}).get("text/html", "")) for o in cell.outputs)
        assert "data-kunci=" in shown and "lkjip-narasi" in shown, c.nama  # the report's own section HTML
        assert "Galat, tidak disimpan" not in shown and "disimpan ke" not in shown.lower(), c.nama
    assert _snapshot(narasi) == before  # nothing saved, no override appeared


@pytest.mark.e2e
def test_an_edit_saved_in_the_notebook_reaches_the_report_and_running_the_notebook_outdates_nothing(
    data_copy: Path, tmp_path: Path
):
    from pypdf import PdfReader

    from lkjip import manifest, render
    from lkjip.hashing import sha256_file

    out = tmp_path / "output"
    path = narasi_notebook.write(SLUG, TAHUN, data_copy, out)
    narasi_magic.narasi_laporan(f"--kecamatan {SLUG} --tahun {TAHUN} --data {data_copy} --output {out}")
    c = _cells(path)["isu_strategis"]
    assert narasi_magic.narasi(_line(c), c.body + "\nSuntingan analis untuk {{ nama }} tersimpan.\n").disimpan
    saved = _folder(data_copy) / "narasi" / "isu_strategis.md"

    params = Params(SLUG, TAHUN, str(data_copy), str(out))
    render.render(params, finish=manifest.writer(params))
    folder = out / str(TAHUN) / SLUG
    sentence = "Suntingan analis untuk Ajibarang tersimpan."
    assert sentence in (folder / f"lkjip_{SLUG}_{TAHUN}.html").read_text(encoding="utf-8")
    pdf = " ".join(
        page.extract_text().replace("\u00ad", "") for page in PdfReader(folder / f"lkjip_{SLUG}_{TAHUN}.pdf").pages
    )
    assert sentence in " ".join(pdf.split())
    m = manifest.read(folder)
    assert m is not None
    assert m["masukan"]["bagian"]["narasi_lampiran/narasi/isu_strategis.md"] == sha256_file(saved)

    parts = fingerprint.inputs(params)
    assert manifest.up_to_date(folder, parts)
    narasi_notebook.write(SLUG, TAHUN, data_copy, out)  # refreshed with the saved text, then run and checkpointed
    _execute(path)
    checkpoints = path.parent / ".ipynb_checkpoints"
    checkpoints.mkdir(exist_ok=True)
    shutil.copy(path, checkpoints / "narasi-checkpoint.ipynb")
    assert fingerprint.inputs(params) == parts
    assert manifest.up_to_date(folder, fingerprint.inputs(params))  # the built report is still current


def test_a_data_change_shows_in_the_previews(notebook: Path, data_copy: Path):
    """A new realisasi in the data: re-running the unchanged cells previews the new figures, saving nothing."""
    import pandas as pd

    c = _cells(notebook)["ikhtisar"]
    before = narasi_magic.narasi(_line(c), c.body)._repr_html_()
    assert "sebesar <strong>100%</strong>" in before
    path = data_copy / "realisasi.csv"
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    row = (frame["kecamatan"] == SLUG) & (frame["indikator"] == "IK1") & (frame["tahun"] == str(TAHUN))
    assert row.sum() == 1
    frame.loc[row, "realisasi"] = "80"  # IKM 80 of a target of 86: capaian 93,02%, the mean 98,84%
    frame.to_csv(path, index=False)
    after = narasi_magic.narasi(_line(c), c.body)
    assert not after.disimpan and "sebesar <strong>98,84%</strong>" in after._repr_html_()
    assert not (_folder(data_copy) / "narasi" / "ikhtisar.md").exists()
