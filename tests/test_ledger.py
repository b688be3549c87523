"""The year's hash-chained ledger (lkjip.ledger): entries, the chain, SHA256SUMS, crashes, altered archives."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
from pathlib import Path

import pytest

from lkjip import ledger, lock, publish, tamper
from lkjip.errors import LedgerError

OUTPUTS = ("lkjip_ajibarang_2023.ipynb", "lkjip_ajibarang_2023.html", "lkjip_ajibarang_2023.pdf", "parameter.yaml")
STEPS = ("disiapkan", "niat-ditulis", "lama-dipindah", "baru-dipasang", "riwayat-ditulis")


def _staged(final: Path, text: str) -> Path:
    """A staging folder holding a whole fake report whose manifest lists its outputs."""
    tmp = publish.staging(final)
    for name in OUTPUTS:
        (tmp / name).write_text(f"{text} {name}")
    listed = {n: hashlib.sha256((tmp / n).read_bytes()).hexdigest() for n in OUTPUTS}
    doc = {"parameter": {"kecamatan": final.name, "tahun": 2023}, "keluaran": listed, "versi": text}
    (tmp / ledger.MANIFEST).write_text(json.dumps(doc))
    return tmp


def _build(year: Path, text: str, slug: str = "ajibarang") -> Path:
    final = year / slug
    ledger.publish_report(_staged(final, text), final)
    return final


def test_a_build_is_recorded_with_who_when_and_every_hash(tmp_path):
    year = tmp_path / "2023"
    final = _build(year, "satu")
    [entry] = ledger.read(year)
    assert entry.data["no"] == 1 and entry.event == "dibuat" and entry.kecamatan == "ajibarang"
    assert entry.data["sebelumnya"] == ledger.GENESIS
    assert entry.data["pengguna"] and entry.data["host"] and entry.data["waktu"].startswith("20")
    assert set(entry.files) == {*OUTPUTS, "manifest.json"}
    assert entry.files["lkjip_ajibarang_2023.pdf"] == hashlib.sha256(b"satu lkjip_ajibarang_2023.pdf").hexdigest()
    assert ledger.differences(final, entry) == []
    assert not list(year.glob(".lkjip-*"))  # the intent is gone


def test_the_chain_links_each_line_to_the_previous_lines_bytes_as_sha256sum_sees_them(tmp_path):
    year = tmp_path / "2023"
    for text in ("satu", "dua", "tiga"):
        _build(year, text)
    entries = ledger.read(year)
    assert [e.no for e in entries] == [1, 2, 3]
    for no in (1, 2):  # the README's recipe, run in a shell
        shell = f"sed -n {no}p {ledger.NAME} | tr -d '\\n' | sha256sum"
        digest = subprocess.run(shell, shell=True, cwd=year, capture_output=True, text=True, check=True).stdout
        assert digest.split()[0] == entries[no].data["sebelumnya"] == entries[no - 1].hash
    assert ledger.head(entries) == entries[-1].hash


def test_sha256sums_checks_the_archive_with_standard_tools(tmp_path):
    year = tmp_path / "2023"
    _build(year, "satu")
    _build(year, "satu", "cilongok")
    ok = subprocess.run(["sha256sum", "-c", ledger.SUMS], cwd=year, capture_output=True, text=True)
    assert ok.returncode == 0, ok.stdout + ok.stderr
    assert "cilongok/manifest.json: OK" in ok.stdout and "riwayat.jsonl: OK" in ok.stdout
    (year / "ajibarang" / "lkjip_ajibarang_2023.pdf").write_text("diubah")
    bad = subprocess.run(["sha256sum", "-c", ledger.SUMS], cwd=year, capture_output=True, text=True)
    assert bad.returncode == 1 and "ajibarang/lkjip_ajibarang_2023.pdf: FAILED" in bad.stdout


@pytest.mark.parametrize(
    ("edit", "line", "words"),
    [
        (lambda lines: lines[:1] + lines[2:], 2, "nomor urut 3, seharusnya 2"),
        (lambda lines: [lines[0].replace('"ajibarang"', '"cilongok"'), *lines[1:]], 2, "sebelumnya"),
        (lambda lines: [*lines[:2], lines[2][:-5]], 3, "bukan JSON"),
    ],
    ids=["baris-dihapus", "baris-diubah", "baris-dirusak"],
)
def test_an_edited_or_deleted_line_breaks_the_chain_and_is_named(tmp_path, edit, line, words):
    year = tmp_path / "2023"
    for text in ("satu", "dua", "tiga"):
        _build(year, text)
    path = year / ledger.NAME
    path.write_text("\n".join(edit(path.read_text().splitlines())) + "\n")
    with pytest.raises(LedgerError) as caught:
        ledger.read(year)
    assert f"baris {line}:" in str(caught.value) and words in str(caught.value)
    assert "Perbaikan" in str(caught.value)
    with pytest.raises(LedgerError):  # nothing more is appended to a broken chain
        _build(year, "empat")


def _crash_during(final: Path, text: str, step: str) -> None:
    """Publish in a child that dies (like kill -9: no cleanup) right after ``step``."""
    tmp = _staged(final, text)
    pid = os.fork()
    if pid == 0:  # child
        publish.crash_point = lambda s: os._exit(9) if s == step else None
        try:
            ledger.publish_report(tmp, final)
        finally:
            os._exit(0)
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) in (0, 9)  # 0: no previous report, so no "lama-dipindah" step


@pytest.mark.parametrize("had_old", [True, False], ids=["ada-laporan-lama", "laporan-pertama"])
@pytest.mark.parametrize("step", STEPS)
def test_a_crash_at_any_step_is_completed_or_rolled_back_never_taken_for_tampering(tmp_path, step, had_old):
    year = tmp_path / "2023"
    final = year / "ajibarang"
    if had_old:
        _build(year, "lama")
    _crash_during(final, "baru", step)

    with lock.year(tmp_path, 2023):  # taking the lock recovers the year folder and its ledger
        entries = ledger.read(year)
        assert ledger.differences(final, ledger.latest(entries, "ajibarang")) == []
        assert tamper.set_aside_if_altered(year, "ajibarang", 2023) is None
    assert not (year / ledger.ASIDE).exists()
    assert [p.name for p in year.iterdir() if p.name.startswith(".") and p.name != lock.NAME] == []
    no_such_step = step == "lama-dipindah" and not had_old  # nothing to move: the child publishes to the end
    published = step in ("baru-dipasang", "riwayat-ditulis") or no_such_step
    assert [e.event for e in entries] == ["dibuat"] * (had_old + published)
    if published:
        assert (final / "parameter.yaml").read_text() == "baru parameter.yaml"
        assert entries[-1].data.get("dipulihkan", False) == (step == "baru-dipasang")
    elif had_old:
        assert (final / "parameter.yaml").read_text() == "lama parameter.yaml"
    if entries:  # SHA256SUMS agrees with the ledger and the files after recovery
        ok = subprocess.run(["sha256sum", "-c", "--quiet", ledger.SUMS], cwd=year, capture_output=True, text=True)
        assert ok.returncode == 0, ok.stdout
    else:
        assert not (year / ledger.NAME).exists()


def test_an_altered_report_is_moved_aside_and_recorded_never_deleted(tmp_path):
    year = tmp_path / "2023"
    final = _build(year, "satu")
    (final / "lkjip_ajibarang_2023.pdf").write_bytes(b"satu lkjip_ajibarang_2023.pdX")
    altered = tamper.set_aside_if_altered(year, "ajibarang", 2023)
    assert altered is not None
    assert altered.differences == ["lkjip_ajibarang_2023.pdf tidak sama dengan sha256 di riwayat baris 1"]
    assert not final.exists()
    assert altered.moved_to.parent == year / ledger.ASIDE
    assert (altered.moved_to / "lkjip_ajibarang_2023.pdf").read_bytes() == b"satu lkjip_ajibarang_2023.pdX"
    entry = ledger.read(year)[-1]
    assert entry.event == "diubah" and entry.data["dipindah_ke"] == str(altered.moved_to.relative_to(year))
    assert (
        entry.data["ditemukan"]["lkjip_ajibarang_2023.pdf"]
        == hashlib.sha256(b"satu lkjip_ajibarang_2023.pdX").hexdigest()
    )
    assert entry.files == {}
    assert "dipindahkan ke" in altered.message() and "tidak dihapus" in altered.message()
    assert tamper.set_aside_if_altered(year, "ajibarang", 2023) is None  # recorded once: now nothing to move
    _build(year, "dua")  # the rebuild is recorded after it
    assert [e.event for e in ledger.read(year)] == ["dibuat", "diubah", "dibuat"]


@pytest.mark.parametrize(
    ("change", "words"),
    [
        (lambda f: (f / "manifest.json").write_text("{}"), "manifest.json tidak sama dengan sha256"),
        (lambda f: (f / "lkjip_ajibarang_2023.html").unlink(), "lkjip_ajibarang_2023.html tercatat di riwayat"),
    ],
    ids=["manifest-diubah", "html-dihapus"],
)
def test_a_changed_manifest_or_a_missing_output_is_found(tmp_path, change, words):
    year = tmp_path / "2023"
    final = _build(year, "satu")
    change(final)
    altered = tamper.set_aside_if_altered(year, "ajibarang", 2023)
    assert altered is not None and words in altered.differences[0]


def test_a_report_the_ledger_does_not_know_is_moved_aside(tmp_path):
    year = tmp_path / "2023"
    _build(year, "satu")
    stranger = year / "cilongok"
    stranger.mkdir()
    (stranger / "lkjip_cilongok_2023.pdf").write_text("dari mana?")
    altered = tamper.set_aside_if_altered(year, "cilongok", 2023)
    assert altered is not None and altered.differences == ["laporan tidak tercatat di riwayat"]
    assert (altered.moved_to / "lkjip_cilongok_2023.pdf").read_text() == "dari mana?"


def test_workers_appending_at_once_keep_one_chain(tmp_path):
    year = tmp_path / "2023"
    year.mkdir()
    pids = []
    for worker in range(4):
        pid = os.fork()
        if pid == 0:
            code = 0
            try:
                for n in range(10):
                    ledger.append(year, ledger.Event.BUILT, f"k{worker}", 2023, {"manifest.json": f"{n:064d}"})
            except BaseException:
                code = 1
            os._exit(code)
        pids.append(pid)
    for pid in pids:
        assert os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]) == 0
    entries = ledger.read(year)
    assert len(entries) == 40 and [e.no for e in entries] == list(range(1, 41))
