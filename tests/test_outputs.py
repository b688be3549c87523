"""Output folders that cannot take the report: a full disk, a read-only folder, a file in the way.

The tests run as root, where ``chmod`` does not stop writes, so they mount a
tiny or read-only tmpfs (skipped, with the reason, where mounting is not
allowed) or inject the error.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from lkjip import index, lock
from lkjip.errors import OutputError
from tests.conftest import hasil_record, write_notebook, write_report

LKJIP = str(Path(sys.executable).parent / "lkjip")


def _mount(target: Path, options: str) -> Path:
    target.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(target)], capture_output=True, text=True)
    if done.returncode != 0:
        pytest.skip(f"a tmpfs cannot be mounted here ({done.stderr.strip() or done.returncode})")
    return target


@pytest.fixture
def tiny_disk(tmp_path):
    mnt = _mount(tmp_path / "disk", "size=400k")
    yield mnt
    subprocess.run(["umount", "-l", str(mnt)], check=False)


@pytest.fixture
def read_only_disk(tmp_path):
    mnt = _mount(tmp_path / "ro", "size=1m")
    (mnt / "laporan").mkdir()
    subprocess.run(["mount", "-o", "remount,ro", str(mnt)], check=True)
    yield mnt / "laporan"
    subprocess.run(["umount", "-l", str(mnt)], check=False)


def _report(data: Path, output: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [LKJIP, "report", "-k", "ajibarang", "-t", "2023", "--data", str(data), "--output", str(output)],
        capture_output=True,
        text=True,
        timeout=300,
    )


def _everything(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*"))


@pytest.mark.e2e
def test_a_full_disk_is_named_and_leaves_nothing_half_written(data_copy, tiny_disk):
    done = _report(data_copy, tiny_disk)
    message = done.stdout + done.stderr
    assert done.returncode == 2, message
    assert "disk penuh" in message and "Perbaikan" in message and "Traceback" not in message, message
    left = [n for n in _everything(tiny_disk) if n not in ("2023", "2023/.kunci", "2023/_gagal")]
    assert left == ["2023/_gagal/ajibarang.json"]  # no staging folder, no report: only the failure record
    assert "disk penuh" in json.loads((tiny_disk / left[0]).read_text())["message"]


def test_a_read_only_output_folder_is_named(data_copy, read_only_disk):
    done = _report(data_copy, read_only_disk)
    message = done.stdout + done.stderr
    assert done.returncode == 2, message
    assert "hanya-baca" in message and "--output" in message and "Traceback" not in message, message


def test_a_file_where_the_output_folder_should_be_is_named(data_copy, tmp_path):
    in_the_way = tmp_path / "keluaran"
    in_the_way.write_text("bukan folder")
    done = _report(data_copy, in_the_way)
    message = done.stdout + done.stderr
    assert done.returncode == 2, message
    assert "berkas biasa di tempat yang seharusnya folder" in message and "Traceback" not in message, message
    assert in_the_way.read_text() == "bukan folder"


def test_the_index_survives_a_truncated_manifest_of_another_kecamatan(tmp_path):
    year = tmp_path / "2023"
    for slug in ("lumbir", "wangon"):
        write_report(year, slug)
    text = (year / "wangon" / "manifest.json").read_text()
    (year / "wangon" / "manifest.json").write_text(text[: len(text) // 2])  # truncated
    html = index.build(2023, tmp_path).read_text(encoding="utf-8")
    assert "manifest rusak" in html and "lkjip batch --force -k wangon" in html
    rows = {
        r["slug"]: r["status"]
        for r in index._state(year, [{"slug": s, "kode": "", "nama": s} for s in ("lumbir", "wangon")], 2023)
    }
    assert rows == {"lumbir": "tersedia", "wangon": index.BROKEN}


def test_the_index_takes_its_figures_from_the_notebook_not_from_the_manifest(tmp_path):
    year = tmp_path / "2023"
    write_report(year, "lumbir", hasil_record("lumbir", rata_rata=81.25), {"masukan": {"sidik": "x"}, "hasil": {}})
    [row] = index._state(year, [{"slug": "lumbir", "kode": "", "nama": "Lumbir"}], 2023)
    assert row["status"] == "tersedia" and row["hasil"]["rata_rata"] == 81.25


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(lambda nb: nb.unlink(), id="missing"),
        pytest.param(lambda nb: nb.write_text(nb.read_text()[:500]), id="truncated"),
        pytest.param(lambda nb: write_notebook(nb), id="without-record"),
        pytest.param(lambda nb: write_notebook(nb, hasil_record("lumbir", rata_rata="42,00")), id="wrong-shape"),
        pytest.param(lambda nb: write_notebook(nb, hasil_record("wangon")), id="another-kecamatan"),
    ],
)
def test_a_missing_or_damaged_notebook_marks_its_kecamatan_and_the_rest_are_listed(tmp_path, damage):
    year = tmp_path / "2023"
    for slug in ("lumbir", "wangon"):
        write_report(year, slug)
    damage(year / "lumbir" / "lkjip_lumbir_2023.ipynb")
    registry = [{"slug": s, "kode": "", "nama": s} for s in ("lumbir", "wangon")]
    rows = {r["slug"]: r for r in index._state(year, registry, 2023)}
    assert rows["lumbir"]["status"] == index.BROKEN_NOTEBOOK and rows["lumbir"]["hasil"] is None
    assert rows["lumbir"]["links"] == {}
    assert "lumbir/lkjip_lumbir_2023.ipynb" in rows["lumbir"]["gagal"]
    assert "Perbaikan: bangun ulang dengan lkjip batch --force -k lumbir." in rows["lumbir"]["gagal"]
    assert rows["wangon"]["status"] == "tersedia"
    html = index.build(2023, tmp_path).read_text(encoding="utf-8")
    assert "notebook rusak" in html and "lkjip batch --force -k lumbir" in html


def test_a_report_built_or_skipped_clears_its_old_failure_record(tmp_path):
    from lkjip import batch

    out = str(tmp_path)
    batch.record(batch.Outcome("lumbir", batch.FAILED, message="gagal dulu"), out, 2023)
    record = tmp_path / "2023" / "_gagal" / "lumbir.json"
    assert json.loads(record.read_text())["message"] == "gagal dulu"
    write_report(tmp_path / "2023", "lumbir")
    [row] = index._state(tmp_path / "2023", [{"slug": "lumbir", "kode": "", "nama": "L"}], 2023)
    assert row["status"] == index.Status.FAILED_OLD_KEPT and row["failed"]
    batch.record(batch.Outcome("lumbir", batch.SKIPPED), out, 2023)  # unchanged since it was built: current
    assert not record.exists()
    assert (
        index._state(tmp_path / "2023", [{"slug": "lumbir", "kode": "", "nama": "L"}], 2023)[0]["status"] == "tersedia"
    )


def test_the_index_on_a_full_disk_gives_a_message_and_leaves_no_tmp(tiny_disk):
    year = tiny_disk / "2023"
    write_report(year, "lumbir")
    filler = tiny_disk / "isi"
    try:
        with filler.open("wb") as f:
            while True:
                f.write(b"\0" * 4096)
                f.flush()
    except OSError:
        pass
    with pytest.raises(OutputError, match="disk penuh"):
        index.build(2023, tiny_disk)
    assert [p.name for p in year.iterdir() if p.name.endswith(".tmp") or ".tmp." in p.name] == []
    filler.unlink()
    with lock.year(tiny_disk, 2023):
        pass
    assert index.build(2023, tiny_disk).is_file()  # room again: a plain rerun completes


def test_html_and_pdf_have_a_time_limit(tmp_path, monkeypatch):
    """A layout that never finishes (the red team's 42.000-character name) fails that report with a message."""
    import time

    import nbformat

    from lkjip import exporters, render
    from lkjip.document import Bagian
    from lkjip.errors import RenderError
    from lkjip.html_renderer import Tampil

    section = Tampil(Bagian(kunci="bab4", anchor="bab4", judul="BAB IV", tingkat=1, depan=False))._repr_mimebundle_()
    output = nbformat.v4.new_output("display_data", data=section)
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("lap.bagian('bab4')", outputs=[output])])
    path = tmp_path / "x.ipynb"
    nbformat.write(nb, path)
    monkeypatch.setattr(exporters, "sections_pdf", lambda *a, **k: time.sleep(30) or b"")
    start = time.monotonic()
    with pytest.raises(RenderError, match="melampaui batas waktu 1 detik"):
        render.export(path, tmp_path / "x.html", tmp_path / "x.pdf", seconds=1)
    assert time.monotonic() - start < 5


def test_control_characters_in_data_are_refused_where_they_are(data_copy, edit):
    from lkjip.validate import validate
    from tests.conftest import set_cell

    edit("program", set_cell(2, "nama", "Program\x01 Penunjang"))
    report = validate(data_copy, 2023, ["ajibarang"])
    [problem] = [p for p in report.errors if "kendali" in p.message]
    assert problem.row == 2 and problem.column == "nama" and "<U+0001>" in str(problem.value)


def test_a_lock_file_that_is_a_symlink_is_refused_and_its_target_untouched(tmp_path):
    victim = tmp_path / "korban.txt"
    victim.write_text("data analis")
    year = tmp_path / "keluaran" / "2023"
    year.mkdir(parents=True)
    (year / lock.NAME).symlink_to(victim)
    with pytest.raises(OutputError, match="bukan berkas biasa"), lock.year(tmp_path / "keluaran", 2023):
        pass
    assert victim.read_text() == "data analis"


def test_lkjip_workbook_onto_a_read_only_disk_is_a_message(data_copy, read_only_disk):
    done = subprocess.run(
        [LKJIP, "workbook", str(read_only_disk / "data.xlsx"), "--data", str(data_copy)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    message = done.stdout + done.stderr
    assert done.returncode == 1, message
    assert "hanya-baca" in message and "Galat tak terduga" not in message and "Traceback" not in message, message


@pytest.mark.e2e
def test_a_report_runs_from_a_folder_outside_the_project(data_copy, tmp_path):
    elsewhere = tmp_path / "di-mana-saja"
    elsewhere.mkdir()
    done = subprocess.run(
        [LKJIP, "report", "-k", "ajibarang", "-t", "2023", "--data", str(data_copy), "--output", str(tmp_path / "o")],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=elsewhere,
        env={k: v for k, v in __import__("os").environ.items() if k != "LKJIP_ROOT"},
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert (tmp_path / "o" / "2023" / "ajibarang" / "lkjip_ajibarang_2023.pdf").is_file()
