"""``lkjip verify``: a built archive verifies intact; each kind of tampering is named; changed inputs are outdated."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import openpyxl
import pytest

from lkjip import recorded, verify
from lkjip.cli import main
from lkjip.fingerprint import sha256_file
from lkjip.verify import Inputs, Status
from tests.conftest import set_cell

pytestmark = pytest.mark.e2e

SLUG, TAHUN = "ajibarang", 2023
STEM = f"lkjip_{SLUG}_{TAHUN}"


@pytest.fixture(scope="module")
def built(ajibarang_built: Path) -> Path:
    """Ajibarang 2023 rendered once per run (conftest), with manifest, ledger, index and rekap: ``<work>/output``."""
    return ajibarang_built / "output"


@pytest.fixture
def out(built: Path, tmp_path: Path) -> Path:
    """A copy of the built output tree that a test may tamper with."""
    target = tmp_path / "output"
    shutil.copytree(built, target)
    return target


def _folder(out: Path) -> Path:
    return out / str(TAHUN) / SLUG


def _one(out: Path, data: Path | None = None) -> verify.Result:
    results = verify.check(out, data)
    assert [r.kecamatan for r in results] == [SLUG]
    return results[0]


def _named(result: verify.Result) -> set[str | None]:
    return {f.berkas for f in result.temuan if f.status == Status.CHANGED}


def _flip_byte(path: Path) -> None:
    raw = bytearray(path.read_bytes())
    raw[len(raw) // 2] ^= 0x01
    path.write_bytes(bytes(raw))


def _manifest(out: Path) -> dict:
    return json.loads((_folder(out) / "manifest.json").read_text(encoding="utf-8"))


def _write_manifest(out: Path, doc: dict) -> None:
    (_folder(out) / "manifest.json").write_text(json.dumps(doc, indent=2, ensure_ascii=False), encoding="utf-8")


def _rehash(out: Path, name: str) -> None:
    """Update the manifest's sha256 of ``name`` to match the file as it is now (what a careful forger does)."""
    doc = _manifest(out)
    doc["keluaran"][name] = sha256_file(_folder(out) / name)
    _write_manifest(out, doc)


def _edit_notebook_record(out: Path, **fields: object) -> None:
    path = _folder(out) / f"{STEM}.ipynb"
    nb = json.loads(path.read_text(encoding="utf-8"))
    for cell in nb["cells"]:
        for output in cell.get("outputs", []):
            if recorded.MIME in output.get("data", {}):
                output["data"][recorded.MIME].update(fields)
    path.write_text(json.dumps(nb, indent=1, ensure_ascii=False), encoding="utf-8")


# ------------------------------------------------------------------------------------------------ intact


def test_fresh_report_verifies_intact_via_the_cli(out, capsys):
    assert main(["verify", str(out)]) == 0
    shown = " ".join(capsys.readouterr().out.split())
    assert "utuh" in shown and "1 laporan diperiksa" in shown and "lulus" in shown
    for path in (out / str(TAHUN), _folder(out)):  # a year folder and a report folder verify alike
        result = _one(path)
        assert result.status == Status.INTACT and result.masukan == Inputs.CURRENT, result.temuan


def test_json_output_parses_and_is_deterministic(out, capsys):
    assert main(["verify", str(out / str(TAHUN)), "--json"]) == 0
    first = capsys.readouterr().out
    assert main(["verify", str(out / str(TAHUN)), "--json"]) == 0
    assert capsys.readouterr().out == first
    doc = json.loads(first)
    assert doc["lulus"] is True and doc["jumlah"]["utuh"] == 1
    (report,) = doc["laporan"]
    assert report["kecamatan"] == SLUG and report["status"] == "utuh" and report["masukan"] == "terkini"
    assert first.strip() == json.dumps(doc, indent=2, ensure_ascii=False, sort_keys=True)


def test_a_path_that_is_not_an_output_folder_is_refused_with_the_fix(tmp_path, capsys):
    (tmp_path / "kosong").mkdir()
    assert main(["verify", str(tmp_path / "kosong")]) == 2
    message = " ".join(capsys.readouterr().err.split())
    assert "bukan folder keluaran lkjip" in message and "Perbaikan" in message
    assert main(["verify", str(tmp_path / "tidak-ada")]) == 2


# ------------------------------------------------------------------------------------------------ tampering


@pytest.mark.parametrize("suffix", ["pdf", "html", "ipynb"])
def test_a_byte_changed_in_an_output_is_named_by_file(out, suffix, capsys):
    name = f"{STEM}.{suffix}"
    _flip_byte(_folder(out) / name)
    result = _one(out)
    assert result.status == Status.CHANGED
    assert name in _named(result)
    assert main(["verify", str(out), "--json"]) == 1
    doc = json.loads(capsys.readouterr().out)
    assert doc["lulus"] is False and doc["laporan"][0]["status"] == "berubah"


def test_edited_manifest_figures_are_named_field_by_field(out):
    doc = _manifest(out)
    doc["hasil"].update(rata_rata=42.5, predikat="Sangat Rendah")
    _write_manifest(out, doc)
    result = _one(out)
    assert result.status == Status.CHANGED
    assert {"hasil.rata_rata", "hasil.predikat", "manifest.json"} == _named(result)  # and the ledger's manifest hash
    shown = " ".join(f.message for f in result.temuan)
    assert "42,5" in shown and "42.5" not in shown and "'Sangat Rendah'" in shown  # numbers in Indonesian style


def test_notebook_figures_edited_and_its_hash_updated_is_caught_by_the_figures(out):
    """The forger edits the notebook's record and its sha256: the manifest's copy, the index and the rekap differ."""
    _edit_notebook_record(out, rata_rata=42.0, predikat="Sangat Rendah")
    _rehash(out, f"{STEM}.ipynb")
    result = _one(out)
    assert result.status == Status.CHANGED
    named = _named(result)
    assert f"{STEM}.ipynb" in named  # its hash matches the manifest now, but not the ledger
    assert {"hasil.rata_rata", "hasil.predikat", "index.html", f"rekap_{TAHUN}.xlsx"} <= named


def test_notebook_and_manifest_figures_edited_with_hash_updated_is_caught_by_index_and_rekap(out):
    _edit_notebook_record(out, rata_rata=42.0, predikat="Sangat Rendah")
    _rehash(out, f"{STEM}.ipynb")
    doc = _manifest(out)
    doc["hasil"].update(rata_rata=42.0, predikat="Sangat Rendah")
    _write_manifest(out, doc)
    result = _one(out)
    assert result.status == Status.CHANGED
    assert _named(result) == {"index.html", f"rekap_{TAHUN}.xlsx", f"{STEM}.ipynb", "manifest.json"}


def test_pdf_replaced_with_its_hash_updated_is_caught_by_the_ledger(out):
    """A PDF replaced together with its sha256 in the manifest, figures untouched: only the ledger knows."""
    _flip_byte(_folder(out) / f"{STEM}.pdf")
    _rehash(out, f"{STEM}.pdf")
    result = _one(out)
    assert result.status == Status.CHANGED
    assert _named(result) == {f"{STEM}.pdf", "manifest.json"}
    assert all("riwayat" in f.message for f in result.temuan)


def test_an_edited_index_figure_is_named(out):
    from lkjip import format as fmt

    index = out / str(TAHUN) / "index.html"
    figure = fmt.persen(_record(out)["rata_rata"])
    html = index.read_text(encoding="utf-8")
    assert html.count(f">{figure}<") >= 1
    index.write_text(html.replace(f">{figure}<", ">42,00%<", 1), encoding="utf-8")
    result = _one(out)
    assert result.status == Status.CHANGED and _named(result) == {"index.html"}
    assert any("42,00%" in f.message for f in result.temuan)


def test_an_edited_rekap_figure_is_named(out):
    xlsx = out / str(TAHUN) / f"rekap_{TAHUN}.xlsx"
    book = openpyxl.load_workbook(xlsx)
    sheet = book["Rekap"]
    header = [c.value for c in sheet[1]]
    col = header.index("Predikat") + 1
    for row in range(2, sheet.max_row + 1):
        if sheet.cell(row, header.index("Kecamatan") + 1).value == _record(out)["nama"]:
            sheet.cell(row, col).value = "Sangat Rendah"
    book.save(xlsx)
    result = _one(out)
    assert result.status == Status.CHANGED and _named(result) == {f"rekap_{TAHUN}.xlsx"}


def test_an_edited_indicator_sheet_of_the_rekap_is_named(out):
    xlsx = out / str(TAHUN) / f"rekap_{TAHUN}.xlsx"
    book = openpyxl.load_workbook(xlsx)
    sheet = book["Capaian Indikator"]
    header = [c.value for c in sheet[1]]
    assert sheet.max_row >= 2 and "capaian" in header
    sheet.cell(2, header.index("capaian") + 1).value = 42.0
    book.save(xlsx)
    result = _one(out)
    assert result.status == Status.CHANGED and _named(result) == {f"rekap_{TAHUN}.xlsx"}
    assert any("Capaian Indikator" in f.message for f in result.temuan)


def test_a_missing_notebook_is_incomplete(out):
    (_folder(out) / f"{STEM}.ipynb").unlink()
    result = _one(out)
    assert result.status == Status.INCOMPLETE
    assert any(f.berkas == f"{STEM}.ipynb" and f.status == Status.INCOMPLETE for f in result.temuan)


def test_a_missing_manifest_is_incomplete(out):
    (_folder(out) / "manifest.json").unlink()
    result = _one(out)
    assert result.status == Status.INCOMPLETE
    assert main(["verify", str(out)]) == 1


# ------------------------------------------------------------------------------------------------ inputs


def test_changed_input_is_outdated_not_tampering(out, data_copy, edit, capsys):
    edit("target", set_cell(2, "target", "87"))  # ajibarang IK1 2023
    result = _one(out, data_copy)
    assert result.status == Status.OUTDATED and result.masukan == Inputs.OUTDATED
    assert result.masukan_berbeda == ["data/target"]
    assert main(["verify", str(out), "--data", str(data_copy), "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["lulus"] is True and doc["laporan"][0]["status"] == "usang"
    assert doc["laporan"][0]["masukan_berbeda"] == ["data/target"]


def test_unchanged_data_given_with_data_is_current(out, data_copy):
    """--data names another copy of the same data: the data location is not an input change."""
    result = _one(out, data_copy)
    assert result.status == Status.INTACT and result.masukan == Inputs.CURRENT, result.temuan


def _record(out: Path) -> dict:
    return recorded.read(_folder(out) / f"{STEM}.ipynb", SLUG, TAHUN)


# ------------------------------------------------------------------------------------------------ the ledger


def _ledger(out: Path) -> Path:
    return out / str(TAHUN) / "riwayat.jsonl"


def _rewrite_chain(out: Path) -> None:
    """What a forger with the folder does: record the files as they are now and re-link the whole chain."""
    from lkjip import ledger

    folder = _folder(out)
    previous, lines = ledger.GENESIS, []
    for line in _ledger(out).read_text(encoding="utf-8").splitlines():
        entry = json.loads(line)
        entry["sebelumnya"] = previous
        if entry["kecamatan"] == SLUG:
            entry["manifest"] = sha256_file(folder / "manifest.json")
            entry["keluaran"] = {n: sha256_file(folder / n) for n in entry["keluaran"]}
        line = json.dumps(entry, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        previous = ledger.line_hash(line)
        lines.append(line)
    _ledger(out).write_text("".join(x + "\n" for x in lines), encoding="utf-8")


def _head(out: Path) -> str:
    from lkjip import ledger

    return ledger.head(ledger.read(out / str(TAHUN)))


def test_a_fresh_build_is_recorded_in_the_ledger_and_its_head_verifies(out, capsys):
    head = _head(out)
    assert main(["verify", str(_folder(out)), "--kepala", head]) == 0
    result = _one(out)
    assert result.status == Status.INTACT and not result.final
    assert json.loads(verify.as_json([result]))["laporan"][0]["dokumen"] == "draf"


@pytest.mark.parametrize("how", ["diubah", "dihapus"])
def test_an_edited_or_deleted_ledger_line_is_named(out, how):
    from lkjip import ledger

    first = ledger.read(out / str(TAHUN))[0].line
    doc = json.loads(first)
    doc["host"] = "komputer-lain"
    edited = json.dumps(doc, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    _ledger(out).write_text("" if how == "dihapus" else edited + "\n", encoding="utf-8")
    result = _one(out)
    assert result.status == Status.CHANGED
    # one line only: the chain alone cannot tell, SHA256SUMS (beside it) and the receipt's head can
    assert _named(result) == ({"SHA256SUMS"} if how == "diubah" else {"SHA256SUMS", SLUG})
    if how == "diubah":  # an edited line no longer links to what the anchor (the receipt's head) recorded
        assert main(["verify", str(out), "--kepala", ledger.line_hash(first)]) == 1


def test_a_rewritten_chain_passes_alone_but_not_against_the_receipts_head(out, capsys):
    head = _head(out)
    _flip_byte(_folder(out) / f"{STEM}.pdf")
    _rehash(out, f"{STEM}.pdf")
    _rewrite_chain(out)
    from lkjip import ledger

    ledger.write_sums(out / str(TAHUN), ledger.read(out / str(TAHUN)))
    assert _one(out).status == Status.INTACT  # self-consistent: only the anchor outside the folder can tell
    result = verify.check(out, kepala=head)[0]
    assert result.status == Status.CHANGED and _named(result) == {"riwayat.jsonl"}
    assert any("ditulis ulang" in f.message for f in result.temuan)
    assert main(["verify", str(out), "--kepala", head]) == 1
    assert "ditulis ulang" in capsys.readouterr().out


def test_a_deleted_report_folder_is_found_from_the_ledger(out):
    shutil.rmtree(_folder(out))
    [result] = verify.check(out)
    assert result.kecamatan == SLUG and result.status == Status.CHANGED
    assert "tercatat di riwayat" in result.temuan[0].message


# ------------------------------------------------------------------------------------------------ --ulang


def test_ulang_reproduces_the_archive_byte_for_byte(out, tmp_path, monkeypatch, capsys):
    """One re-execution in a temporary folder (removed afterwards) gives the archived bytes: utuh, diulang."""
    import tempfile

    scratch = tmp_path / "sementara"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    assert main(["verify", str(out), "--ulang", "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    (report,) = doc["laporan"]
    assert report["status"] == "utuh" and report["diulang"] is True and report["temuan"] == [], report
    assert list(scratch.iterdir()) == []


def test_ulang_names_outputs_replaced_with_their_hashes_updated(out):
    """A PDF and an HTML replaced with their sha256 updated: the re-execution names both (the ledger does too)."""
    from lkjip import ulang

    for suffix in ("pdf", "html"):
        _flip_byte(_folder(out) / f"{STEM}.{suffix}")
        _rehash(out, f"{STEM}.{suffix}")
    result = verify.check(out, extra=(ulang.check,))[0]
    assert result.status == Status.CHANGED and result.diulang
    assert _named(result) == {f"{STEM}.pdf", f"{STEM}.html", "manifest.json"}  # "manifest.json": the ledger's
    shown = " ".join(f.message for f in result.temuan if f.message.startswith("diulang:"))
    assert f"diulang: {STEM}.pdf tidak sama byte demi byte dengan hasil eksekusi ulang." in shown


def test_ulang_with_outdated_inputs_is_outdated_not_changed_and_runs_nothing(out, data_copy, edit, monkeypatch):
    from lkjip import ulang

    def refuse(*args: object) -> None:
        raise AssertionError("re-executed although the inputs changed")

    monkeypatch.setattr(ulang, "render_alone", refuse)
    edit("target", set_cell(2, "target", "87"))
    result = verify.check(out, data_copy, extra=(ulang.check,))[0]
    assert result.status == Status.OUTDATED and not result.diulang
    assert not _named(result)
    assert any(f.message.startswith("diulang: tidak dijalankan") and "data/target" in f.message for f in result.temuan)


def test_ulang_with_data_elsewhere_is_not_run_and_says_where_the_data_belongs(out, data_copy, monkeypatch):
    """The report names its data files by their place, so data read from elsewhere cannot give the same bytes."""
    from lkjip import ulang

    def refuse(*args: object) -> None:
        raise AssertionError("re-executed with data from another place")

    monkeypatch.setattr(ulang, "render_alone", refuse)
    result = verify.check(out, data_copy, extra=(ulang.check,))[0]
    assert result.status == Status.INTACT and result.masukan == Inputs.CURRENT and not result.diulang
    (finding,) = result.temuan
    assert "tidak dijalankan karena --data" in finding.message and "Perbaikan" in finding.message
