"""One computation path: the executed notebook records the figures; manifest, index and rekap read them back."""

from __future__ import annotations

import json
import shutil

import nbformat
import openpyxl
import pytest

from lkjip import recorded
from lkjip.errors import RecordError
from lkjip.hasil import Catatan
from tests.conftest import DATA, ROOT, hasil_record, write_notebook

# ---------------------------------------------------------------- the acceptance test of issue 9 (one computation path)


@pytest.fixture(scope="module")
def full_year(tmp_path_factory):
    """Every kecamatan of the bundled data for 2023, built once by the batch, plus the index and the rekap.

    The one full-year batch of the suite (27 reports, about two minutes on two
    cores): the figures only matter if they are those of real reports.
    """
    from lkjip import batch, index

    work = tmp_path_factory.mktemp("setahun")
    data, out = work / "data", work / "output"
    shutil.copytree(DATA, data)
    outcomes = batch.run(2023, data=str(data), output=str(out), params_dir=str(work / "params"))
    index.build(2023, out, data)
    return out / "2023", outcomes


SHEETS = {"Capaian Indikator": "capaian", "Anggaran Program": "program", "Efisiensi": "efisiensi"}
"""The rekap's per-table sheets and the part of the record each shows."""


def _sheet(xlsx, name: str) -> list[dict]:
    book = openpyxl.load_workbook(xlsx, read_only=True)
    try:
        rows = list(book[name].iter_rows(values_only=True))
    finally:
        book.close()
    return [dict(zip(rows[0], r, strict=True)) for r in rows[1:]]


@pytest.mark.e2e
def test_manifest_and_rekap_figures_of_all_27_kecamatan_equal_the_figures_recorded_in_each_notebook(full_year):
    from lkjip import format as fmt
    from lkjip import paths
    from lkjip.rounding import shown

    year, outcomes = full_year
    assert len(outcomes) == 27 and {o.status for o in outcomes} == {"dibuat"}, [o.message for o in outcomes]
    rekap = year / "rekap_2023.xlsx"
    summary = {r["Kecamatan"]: r for r in _sheet(rekap, "Rekap")}
    sheets = {sheet: _sheet(rekap, sheet) for sheet in SHEETS}
    html = (year / "index.html").read_text(encoding="utf-8")
    assert len(summary) == 27
    for o in outcomes:
        folder, stem = year / o.kecamatan, paths.output_stem(o.kecamatan, 2023)
        notebook = recorded.read(folder / f"{stem}.ipynb", o.kecamatan, 2023)
        report = (folder / f"{stem}.html").read_text(encoding="utf-8")
        assert recorded.PREFIX not in report and Catatan(notebook).teks() not in report  # notebook only
        manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
        assert manifest["hasil"] == notebook, o.kecamatan

        name = notebook["nama"]
        row = summary[name]
        assert row["Status"] == "tersedia"
        assert row["Rata-rata capaian (%)"] == notebook["rata_rata"], o.kecamatan
        assert row["Predikat"] == notebook["predikat"], o.kecamatan
        assert row["Anggaran (Rp)"] == notebook["anggaran"] and row["Realisasi (Rp)"] == notebook["realisasi"]
        assert row["Serapan (%)"] == shown(notebook["serapan"]), o.kecamatan  # as the report prints it
        assert row["Indikator tercapai"] == notebook["indikator_tercapai"]
        assert row["Jumlah indikator"] == notebook["jumlah_indikator"]
        assert row["Peringatan"] == notebook["peringatan"]
        assert row["Data contoh"] == ("ya" if notebook["data_contoh"] else "tidak")
        for sheet, key in SHEETS.items():
            mine = [{k: v for k, v in r.items() if k != "kecamatan"} for r in sheets[sheet] if r["kecamatan"] == name]
            assert mine == notebook["rekap"][key], (o.kecamatan, sheet)

        [tr] = [t for t in html.split("<tr")[1:] if f"<td>{name}</td>" in t or f"<td>{name} <span" in t]
        shown_html = f'<td class="kanan">{fmt.persen(notebook["rata_rata"])}</td><td>{notebook["predikat"]}</td>'
        assert shown_html + f'<td class="kanan">{fmt.persen(notebook["serapan"])}</td>' in tr, o.kecamatan


# ---------------------------------------------------------------- what the kernel records


def test_the_master_notebook_records_the_figures_right_after_opening_the_report():
    cells = [c for c in nbformat.read(ROOT / "notebooks" / "lkjip.ipynb", as_version=4).cells if c.cell_type == "code"]
    opening = next(i for i, c in enumerate(cells) if "lkjip.buka(" in c.source)
    assert cells[opening + 1].source == recorded.CELL
    assert "lkjip-hide" in cells[opening + 1].metadata.get("tags", [])  # in the notebook, not in the report
    assert sum(recorded.CELL in c.source for c in cells) == 1


def test_the_display_object_carries_the_record_and_an_indonesian_line():
    bundle = Catatan(hasil_record("lumbir", rata_rata=90.125, serapan=96.918))._repr_mimebundle_()
    assert set(bundle) == {recorded.MIME, "text/plain"}
    assert bundle[recorded.MIME]["rata_rata"] == 90.125
    assert bundle["text/plain"] == (
        "Hasil Lumbir 2023: rata-rata capaian 90,13% (Sangat Tinggi), serapan anggaran 96,92%, "
        "1 dari 1 indikator tercapai, 0 peringatan data."
    )


def test_a_record_that_is_not_plain_json_fails_in_the_kernel():
    with pytest.raises(ValueError):
        Catatan(hasil_record("lumbir", rata_rata=float("nan")))


# ---------------------------------------------------------------- the reader and its refusals


def test_the_reader_returns_the_record(tmp_path):
    nb = write_notebook(tmp_path / "a.ipynb", hasil_record("lumbir"))
    assert recorded.read(nb, "lumbir", 2023) == hasil_record("lumbir")


def _refused(path, *args) -> RecordError:
    with pytest.raises(RecordError) as info:
        recorded.read(path, *args)
    message = str(info.value)
    assert message.startswith(f"Notebook {path}: ") and "Perbaikan: " in message
    return info.value


def test_a_notebook_without_the_record_is_refused(tmp_path):
    exc = _refused(write_notebook(tmp_path / "a.ipynb"), "lumbir", 2023)
    assert "tidak memuat angka hasil yang tercatat" in exc.reason and recorded.MIME in exc.reason
    assert "lap.ringkasan()" in exc.fix and "lkjip batch --tahun 2023 --force -k lumbir" in exc.fix


def test_a_notebook_with_two_records_is_refused(tmp_path):
    nb = write_notebook(tmp_path / "a.ipynb", hasil_record("lumbir"), hasil_record("lumbir", rata_rata=50.0))
    exc = _refused(nb)
    assert "2 catatan angka hasil (sel ke-2, sel ke-3)" in exc.reason and "hanya satu" in exc.reason


@pytest.mark.parametrize(
    ("mime", "record", "shown"),
    [
        ("application/vnd.lkjip.hasil.v2+json", hasil_record("lumbir"), "versi 2"),
        ("application/vnd.lkjip.hasil.v2+json", hasil_record("lumbir", versi=2), "versi 2"),
        (recorded.MIME, hasil_record("lumbir", versi=2), "versi 2"),
        (recorded.MIME, hasil_record("lumbir", versi="1"), "versi '1'"),
        ("application/vnd.lkjip.hasil+json", hasil_record("lumbir"), "media application/vnd.lkjip.hasil+json"),
    ],
)
def test_a_record_of_an_unknown_version_is_refused(tmp_path, mime, record, shown):
    exc = _refused(write_notebook(tmp_path / "a.ipynb", record, mime=mime))
    assert f"catatan angka hasil {shown} tidak dikenal" in exc.reason
    assert f"hanya membaca versi 1 ({recorded.MIME})" in exc.reason


@pytest.mark.parametrize(
    ("fields", "said"),
    [
        ({"rata_rata": "42,00"}, "kolom 'rata_rata' berisi \"42,00\""),
        ({"peringatan": True}, "kolom 'peringatan' berisi true"),
        ({"data_contoh": 1}, "kolom 'data_contoh' berisi 1"),
        ({"rekap": {"capaian": [], "program": "x", "efisiensi": []}}, "tabel rekap 'program' bukan daftar baris"),
    ],
)
def test_a_record_of_the_wrong_shape_is_refused(tmp_path, fields, said):
    exc = _refused(write_notebook(tmp_path / "a.ipynb", hasil_record("lumbir", **fields)))
    assert exc.reason == f"catatan angka hasil tidak lengkap atau rusak ({said})."


def test_a_record_with_a_missing_field_is_refused(tmp_path):
    record = hasil_record("lumbir")
    del record["serapan"]
    exc = _refused(write_notebook(tmp_path / "a.ipynb", record))
    assert "kolom 'serapan' tidak ada" in exc.reason


def test_the_record_of_another_report_is_refused(tmp_path):
    nb = write_notebook(tmp_path / "a.ipynb", hasil_record("lumbir"))
    assert "milik lumbir 2023, bukan wangon 2023" in _refused(nb, "wangon", 2023).reason
    assert "milik lumbir 2023, bukan lumbir 2024" in _refused(nb, "lumbir", 2024).reason


def test_a_missing_truncated_or_foreign_file_is_refused(tmp_path):
    assert _refused(tmp_path / "tidak-ada.ipynb").reason == "berkas notebook tidak ada."
    nb = write_notebook(tmp_path / "a.ipynb", hasil_record("lumbir"))
    nb.write_text(nb.read_text()[:300])
    assert "notebook tidak terbaca (terpotong atau diubah" in _refused(nb).reason
    nb.write_text(json.dumps(["bukan", "notebook"]))
    assert "bukan notebook Jupyter" in _refused(nb).reason
    nb.write_bytes(b"\xff\xfe\x00")
    assert "tidak terbaca" in _refused(nb).reason


@pytest.mark.e2e
def test_a_master_notebook_that_records_nothing_fails_its_kecamatan_and_publishes_nothing(data_copy, tmp_path):
    from lkjip import paths
    from lkjip.errors import NotebookExecutionError
    from lkjip.params import Params
    from lkjip.render import render

    nb = nbformat.read(ROOT / "notebooks" / "lkjip.ipynb", as_version=4)
    nb.cells = [c for c in nb.cells if c.source != recorded.CELL]
    master = tmp_path / "tanpa-ringkasan.ipynb"
    nbformat.write(nb, master)
    params = Params("lumbir", 2023, str(data_copy), str(tmp_path / "output"))
    wrote: list[object] = []
    with pytest.raises(NotebookExecutionError) as info:
        render(params, notebook=master, finish=lambda *a: wrote.append(a))
    message = str(info.value)
    assert "tidak memuat angka hasil yang tercatat" in message
    assert "Perbaikan: pastikan notebooks/lkjip.ipynb memuat sel lap.ringkasan()" in message
    kept = tmp_path / "output" / "2023" / paths.FAILED_DIR / "lkjip_lumbir_2023.ipynb"
    assert message.endswith(f"Notebook yang gagal disimpan di {kept}.") and kept.exists()
    assert info.value.kept_notebook == kept and info.value.kecamatan == "lumbir"  # fields, for the batch
    assert wrote == [] and not (tmp_path / "output" / "2023" / "lumbir").exists()


# ---------------------------------------------------------------- one definition of "kecamatan with data for a year"


def _without(slug: str, tahun: str):
    return lambda f: f[~((f["kecamatan"] == slug) & (f["tahun"] == tahun))]


def test_a_kecamatan_with_rows_but_no_profil_is_planned_and_checked_alike(data_copy, edit):
    from lkjip import batch
    from lkjip.errors import DataValidationError
    from lkjip.validate import validate

    edit("profil", _without("lumbir", "2023"))
    planned = batch.plan(2023, data=str(data_copy)).kecamatan
    report = validate(data_copy, 2023)
    assert "lumbir" in planned and planned == report.kecamatan == report.available
    assert {p.kecamatan for p in report.errors} == {"lumbir"}  # checked, and the missing profil named
    assert "Tidak ada profil lumbir tahun 2023." in [p.message for p in report.errors]
    assert batch.plan(2023, ["lumbir"], data=str(data_copy)).kecamatan == ["lumbir"]
    with pytest.raises(DataValidationError, match="Tidak ada profil lumbir tahun 2023"):
        validate(data_copy, 2023, ["lumbir"]).data_for("lumbir")


def test_a_kecamatan_with_only_a_profil_row_is_planned_and_checked_alike(data_copy, edit):
    import pandas as pd

    from lkjip import batch
    from lkjip.validate import validate

    def add_2024(f):
        row = f[(f["kecamatan"] == "lumbir") & (f["tahun"] == "2023")].assign(tahun="2024")
        return pd.concat([f, row], ignore_index=True)

    edit("profil", add_2024)
    report = validate(data_copy, 2024)
    assert batch.plan(2024, data=str(data_copy)).kecamatan == report.kecamatan == ["lumbir"]
    assert report.errors and {p.kecamatan for p in report.errors} == {"lumbir"}  # the missing tables, named


def test_last_years_realisasi_alone_makes_no_year_to_report_on(data_copy):
    """The bundled data holds realisasi 2022 for the 2023 reports' "tahun lalu", and nothing else of 2022."""
    from lkjip import batch
    from lkjip.errors import DataValidationError
    from lkjip.validate import validate

    report = validate(data_copy, 2022)
    assert report.kecamatan == report.available == []
    [problem] = report.errors
    assert "Tidak ada data kecamatan mana pun untuk tahun 2022" in problem.message
    assert "tahun yang ada datanya: 2023." in problem.fix
    with pytest.raises(DataValidationError, match="tahun yang ada datanya: 2023"):
        batch.plan(2022, data=str(data_copy))
    with pytest.raises(DataValidationError, match="tahun yang ada datanya: 2023"):  # also when one is asked for
        batch.plan(2022, ["lumbir"], data=str(data_copy))


def test_the_batch_plan_and_validation_ask_the_same_function(data_copy, monkeypatch):
    from lkjip import batch, validate

    monkeypatch.setattr(validate, "with_data", lambda raw: {("wangon", 2023), ("lumbir", 2023), ("lumbir", 2030)})
    planned = batch.plan(2023, data=str(data_copy)).kecamatan
    assert planned == validate.validate(data_copy, 2023).kecamatan == ["lumbir", "wangon"]  # in registry order
