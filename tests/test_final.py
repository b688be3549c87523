"""Draft and final (lkjip.final): ``final`` with its receipt, ``buka-final``, the batch and ``report`` refusing,
the signed copy, sample data, the index's document status, and ``make clean`` (lkjip.clean) keeping the evidence."""

from __future__ import annotations

import hashlib
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from lkjip import batch, clean, final, index, ledger, tamper, verify
from lkjip.cli import main
from lkjip.errors import FinalError
from lkjip.hashing import sha256_file
from lkjip.params import Params
from tests.conftest import DATA, ROOT

pytestmark = pytest.mark.e2e

TAHUN = 2023
REAL, SAMPLE = "ajibarang", "lumbir"  # only Ajibarang's figures are real; Lumbir carries sample data
STEM = f"lkjip_{REAL}_{TAHUN}"
SIGNED = f"{STEM}{final.SIGNED_SUFFIX}"


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """Ajibarang and Lumbir 2023 built once by the batch (ledger, index, rekap): ``<work>`` with data/ and output/."""
    work = tmp_path_factory.mktemp("final")
    shutil.copytree(DATA, work / "data")
    outcomes = batch.run(TAHUN, [REAL, SAMPLE], jobs=2, data=str(work / "data"), output=str(work / "output"))
    assert [o.status for o in outcomes] == [batch.BUILT, batch.BUILT], [o.message for o in outcomes]
    index.build(TAHUN, work / "output", work / "data")
    return work


@pytest.fixture
def work(built: Path, tmp_path: Path) -> Path:
    """A copy of the built work folder a test may finalise, reopen or clean (parameter.yaml names the built data)."""
    target = tmp_path / "w"
    shutil.copytree(built / "data", target / "data")
    shutil.copytree(built / "output", target / "output")
    return target


def _year(work: Path) -> Path:
    return work / "output" / str(TAHUN)


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _pdf(tmp_path: Path) -> Path:
    signed = tmp_path / "ttd camat.pdf"
    signed.write_bytes(b"%PDF-1.7\n% hasil pindai laporan bertanda tangan\n%%EOF\n")
    return signed


def _events(work: Path, slug: str = REAL) -> list[str]:
    return [e.event for e in ledger.read(_year(work)) if e.kecamatan == slug]


# ------------------------------------------------------------------------------------------------ final


def test_final_makes_the_files_read_only_and_prints_the_receipt(work, capsys):
    code = main(["final", "-k", "AJIBARANG", "-t", str(TAHUN), "--output", str(work / "output")])
    printed = capsys.readouterr()
    assert code == 0, printed.err
    folder = _year(work) / REAL
    entries = ledger.read(_year(work))
    entry = entries[-1]
    assert entry.event == "final" and entry.kecamatan == REAL and entry.final
    assert ledger.differences(folder, entry) == []
    assert _mode(folder) == 0o555
    assert {_mode(p) for p in folder.iterdir()} == {0o444}
    text = " ".join(printed.out.split())
    assert "TANDA TERIMA" in text and "Kecamatan : Ajibarang" in text and f"Tahun : {TAHUN}" in text
    assert f"SHA-256 PDF final : {_sha(folder / f'{STEM}.pdf')}" in text
    assert f"Hash kepala riwayat : {ledger.head(entries)}" in text
    assert f"entri nomor {entry.no}" in text and entry.data["pengguna"] in text
    assert f"--kepala {ledger.head(entries)}" in text and "lkjip verify" in text
    receipt = _year(work) / final.RECEIPTS / f"{REAL}.txt"
    assert " ".join(receipt.read_text(encoding="utf-8").split()) in text
    html = (_year(work) / "index.html").read_text(encoding="utf-8")  # the index shows draft and final
    assert "Status dokumen" in html
    registry = [{"slug": s, "kode": "", "nama": s.title()} for s in (REAL, SAMPLE)]
    rows = {r["slug"]: r["dokumen"] for r in index._state(_year(work), registry, TAHUN)}
    assert rows == {REAL: "final", SAMPLE: "draf"}
    result = verify.check(folder)[0]  # the index with its new column still reads back
    assert result.status == verify.Status.INTACT, result.temuan


def test_an_already_final_or_missing_report_is_refused_with_the_fix(work):
    final.finalise(REAL, TAHUN, work / "output")
    with pytest.raises(FinalError, match=r"sudah final.*Perbaikan.*buka-final"):
        final.finalise(REAL, TAHUN, work / "output")
    with pytest.raises(FinalError, match=r"tidak tercatat di riwayat.*Perbaikan"):
        final.finalise("wangon", TAHUN, work / "output")
    with pytest.raises(FinalError, match=r"maksudnya ajibarang\?"):
        final.finalise("ajibarag", TAHUN, work / "output")
    other = work / "output"
    for act in (lambda: final.finalise(REAL, 2024, other), lambda: final.reopen(REAL, 2024, "x", other)):
        with pytest.raises(FinalError, match=r"Belum ada laporan tahun 2024.*Perbaikan"):
            act()
    assert not (work / "output" / "2024").exists()  # refused before the lock would create the year folder


def test_an_altered_report_is_not_finalised(work):
    pdf = _year(work) / REAL / f"{STEM}.pdf"
    pdf.write_bytes(pdf.read_bytes() + b"\n")
    with pytest.raises(FinalError, match=f"{STEM}.pdf tidak sama.*Perbaikan: periksa dengan lkjip verify"):
        final.finalise(REAL, TAHUN, work / "output")
    assert _events(work) == ["dibuat"]


def test_a_sample_data_report_cannot_be_finalised(work, capsys):
    assert main(["final", "-k", SAMPLE, "-t", str(TAHUN), "--output", str(work / "output")]) == 2
    message = " ".join(capsys.readouterr().err.split())
    assert "DATA CONTOH" in message and "tidak dapat difinalkan" in message and "Perbaikan: isi data resmi" in message
    assert _events(work, SAMPLE) == ["dibuat"]
    assert _mode(_year(work) / SAMPLE) != 0o555
    assert not (_year(work) / final.RECEIPTS).exists()


# ------------------------------------------------------------------------------------------------ the signed copy


def test_the_signed_copy_is_registered_and_verify_accepts_it(work, tmp_path):
    signed = _pdf(tmp_path)
    receipt = final.finalise(REAL, TAHUN, work / "output", signed)
    folder = _year(work) / REAL
    assert (folder / SIGNED).read_bytes() == signed.read_bytes() and _mode(folder / SIGNED) == 0o444
    entry = ledger.read(_year(work))[-1]
    assert entry.files[SIGNED] == _sha(signed) and entry.data["ditandatangani"] == SIGNED
    assert receipt.signed == SIGNED and "SHA-256 salinan" in receipt.text() and _sha(signed) in receipt.text()
    sums = subprocess.run(["sha256sum", "-c", ledger.SUMS], cwd=_year(work), capture_output=True, text=True)
    assert sums.returncode == 0 and f"{REAL}/{SIGNED}: OK" in sums.stdout, sums.stdout
    result = verify.check(folder)[0]
    assert result.status == verify.Status.INTACT, result.temuan
    # the batch's archive check sees a final report with its signed copy as consistent: nothing moved aside
    assert batch.check_archive(Params(REAL, TAHUN, str(work / "data"), str(work / "output"))) is None
    assert folder.is_dir() and not (_year(work) / ledger.ASIDE).exists()


@pytest.mark.parametrize(
    ("content", "words"),
    [(b"<html>bukan pdf</html>", "bukan berkas PDF"), (None, "tidak ada atau bukan berkas")],
    ids=["bukan-pdf", "tidak-ada"],
)
def test_a_signed_copy_that_is_not_a_pdf_is_refused_and_nothing_changes(work, tmp_path, content, words):
    source = tmp_path / "ttd.pdf"
    if content is not None:
        source.write_bytes(content)
    with pytest.raises(FinalError, match=f"{words}.*Perbaikan"):
        final.finalise(REAL, TAHUN, work / "output", source)
    assert _events(work) == ["dibuat"] and not (_year(work) / REAL / SIGNED).exists()


def test_a_signed_copy_over_the_limit_is_refused(work, tmp_path, monkeypatch):
    monkeypatch.setattr(final, "MAX_SIGNED_BYTES", 10)
    with pytest.raises(FinalError, match=r"melebihi batas.*Perbaikan"):
        final.finalise(REAL, TAHUN, work / "output", _pdf(tmp_path))


# ------------------------------------------------------------------------------------------------ what refuses


def test_the_batch_skips_a_final_report_even_with_force(work, tmp_path):
    final.finalise(REAL, TAHUN, work / "output", _pdf(tmp_path))
    before = {p.name: _sha(p) for p in (_year(work) / REAL).iterdir()}
    [outcome] = batch.run(TAHUN, [REAL], force=True, data=str(work / "data"), output=str(work / "output"))
    assert outcome.status == batch.SKIPPED and outcome.message.startswith("final: ")
    assert "lkjip buka-final --kecamatan ajibarang --tahun 2023" in outcome.message
    assert {p.name: _sha(p) for p in (_year(work) / REAL).iterdir()} == before
    assert _events(work) == ["dibuat", "final"] and not (_year(work) / ledger.ASIDE).exists()


def test_report_refuses_a_final_report_with_the_reason_and_the_fix(work, capsys):
    final.finalise(REAL, TAHUN, work / "output")
    argv = ["report", "-k", REAL, "-t", str(TAHUN), "--data", str(work / "data"), "--output", str(work / "output")]
    assert main(argv) != 0
    message = " ".join(capsys.readouterr().err.split())
    assert "sudah final" in message and "Perbaikan" in message and "lkjip buka-final" in message
    assert _events(work) == ["dibuat", "final"]
    with pytest.raises(FinalError, match="sudah final"):  # what narrative saving and data import will call
        final.refuse_if_final(work / "output", TAHUN, REAL)
    final.refuse_if_final(work / "output", TAHUN, SAMPLE)  # a draft: no refusal


def test_an_altered_final_report_is_still_moved_aside_never_deleted(work):
    final.finalise(REAL, TAHUN, work / "output")
    folder = _year(work) / REAL
    pdf = folder / f"{STEM}.pdf"
    pdf.chmod(0o644)
    pdf.write_bytes(b"%PDF-palsu")
    altered = batch.check_archive(Params(REAL, TAHUN, str(work / "data"), str(work / "output")))
    assert altered is not None and not folder.exists()
    assert (altered.moved_to / f"{STEM}.pdf").read_bytes() == b"%PDF-palsu"
    assert _events(work) == ["dibuat", "final", "diubah"]
    final.refuse_if_final(work / "output", TAHUN, REAL)  # no longer final: it can be rebuilt


# ------------------------------------------------------------------------------------------------ buka-final


def test_buka_final_records_the_reason_and_gives_the_permissions_back(work, tmp_path, capsys):
    final.finalise(REAL, TAHUN, work / "output", _pdf(tmp_path))
    argv = ["buka-final", "-k", REAL, "-t", str(TAHUN), "--output", str(work / "output")]
    assert main([*argv, "--alasan", "  Koreksi realisasi IKU 2\natas permintaan Inspektorat "]) == 0
    assert "dibuka kembali" in capsys.readouterr().out
    folder = _year(work) / REAL
    entry = ledger.read(_year(work))[-1]
    assert entry.event == "buka-final" and entry.data["alasan"] == "Koreksi realisasi IKU 2 atas permintaan Inspektorat"
    assert SIGNED in entry.files and ledger.differences(folder, entry) == []
    assert _mode(folder) == 0o755 and {_mode(p) for p in folder.iterdir()} == {0o644}
    final.refuse_if_final(work / "output", TAHUN, REAL)
    assert main([*argv, "--alasan", "lagi"]) == 2  # not final any more
    assert "tidak sedang final" in " ".join(capsys.readouterr().err.split())
    receipt = final.finalise(REAL, TAHUN, work / "output")  # final again: the signed copy is still recorded
    assert receipt.signed == SIGNED and _events(work) == ["dibuat", "final", "buka-final", "final"]
    kept = _year(work) / entry.data["salinan_final"]  # the bytes that were final, kept for the rebuild to come
    assert kept == _year(work) / final.FORMER / f"{REAL}-{entry.no - 1}"  # named by the final entry it was
    assert {p.name: sha256_file(p) for p in kept.iterdir() if p.name != "tanda_terima.txt"} == entry.files
    assert (kept / "tanda_terima.txt").read_text().startswith("TANDA TERIMA")
    assert _mode(kept) == 0o555


def test_a_lost_receipt_is_written_again_from_the_same_final_entry(work):
    """Stopped after the final entry but before the receipt: final again finishes it, adding no entry."""
    first = final.finalise(REAL, TAHUN, work / "output")
    first.path.unlink()
    again = final.finalise(REAL, TAHUN, work / "output")
    assert again.head == first.head and again.path.read_text() == first.text()
    assert _events(work) == ["dibuat", "final"]


def test_a_reopened_report_is_rebuilt_as_a_draft(work):
    """The one rebuild of this file (about 10 s): after buka-final the batch builds again, with no tampering found."""
    final.finalise(REAL, TAHUN, work / "output")
    final.reopen(REAL, TAHUN, "Koreksi data", work / "output")
    [outcome] = batch.run(TAHUN, [REAL], force=True, data=str(work / "data"), output=str(work / "output"))
    assert outcome.status == batch.BUILT and "diubah" not in outcome.extra, outcome.message
    assert _events(work) == ["dibuat", "final", "buka-final", "dibuat"]
    assert not (_year(work) / ledger.ASIDE).exists()
    assert ledger.differences(_year(work) / REAL, ledger.read(_year(work))[-1]) == []
    assert _mode(_year(work) / REAL) == 0o755


@pytest.mark.parametrize(("reason", "words"), [(" \n ", "kosong"), ("x" * 501, "terlalu panjang")])
def test_buka_final_needs_a_short_reason(work, reason, words):
    final.finalise(REAL, TAHUN, work / "output")
    with pytest.raises(FinalError, match=f"{words}.*Perbaikan"):
        final.reopen(REAL, TAHUN, reason, work / "output")
    assert _events(work) == ["dibuat", "final"]


# ------------------------------------------------------------------------------------------------ make clean


def test_make_clean_keeps_final_reports_ledgers_and_receipts(work):
    final.finalise(REAL, TAHUN, work / "output")
    year = _year(work)
    (year / ledger.ASIDE / "x-1").mkdir(parents=True)
    (work / "output" / "_log").mkdir()
    (work / "output" / "README.md").write_text("keluaran\n")
    sums = (year / ledger.SUMS).read_bytes()
    # what make clean runs: the system Python may run it, so only the standard library is imported
    done = subprocess.run(
        [sys.executable, "-m", "lkjip.clean", str(work / "output")], cwd=ROOT, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert "1 laporan draf dihapus; 1 laporan final dipertahankan (2023/ajibarang)" in done.stdout
    left = sorted(p.name for p in year.iterdir())
    assert left == sorted([".kunci", REAL, ledger.ASIDE, ledger.SUMS, ledger.NAME, final.RECEIPTS])
    assert sorted(p.name for p in (work / "output").iterdir()) == ["2023", "README.md"]
    assert verify.check(year / REAL)[0].status == verify.Status.INTACT
    entries = ledger.read(year)  # the draft's removal is recorded, so the next build sees no tampering
    assert entries[-1].event == "dibersihkan" and entries[-1].kecamatan == SAMPLE
    assert tamper.set_aside_if_altered(year, SAMPLE, TAHUN) is None
    assert (year / ledger.SUMS).read_bytes() != sums  # rewritten without the removed draft
    assert f"{SAMPLE}/" not in (year / ledger.SUMS).read_text()


def test_clean_leaves_a_year_with_a_broken_ledger_untouched(work):
    year = _year(work)
    path = year / ledger.NAME
    first, rest = path.read_text().split("\n", 1)  # the first line: the second line's link breaks, whatever the order
    path.write_text(first.replace('"tahun":2023', '"tahun":2023,"x":1', 1) + "\n" + rest)
    done = clean.clean(work / "output")
    assert done.refused and "rusak" in done.refused[0] and (year / SAMPLE).is_dir() and (year / REAL).is_dir()


def test_clean_removes_a_year_with_nothing_to_keep(tmp_path):
    year = tmp_path / "output" / "2024"
    (year / "_gagal").mkdir(parents=True)
    (year / "index.html").write_text("x")
    assert clean.clean(tmp_path / "output").removed == []
    assert list((tmp_path / "output").iterdir()) == []
    assert clean.summary(clean.Cleaned()).startswith("0 laporan draf dihapus; 0 laporan final dipertahankan;")
