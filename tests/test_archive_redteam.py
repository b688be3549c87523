"""Red team of the evidence archive: ways to alter an archive or lose evidence unnoticed, and unclear messages.

Ledger-level cases use small fake report folders (no rendering); the cases that
need ``lkjip verify`` on a real report share one Ajibarang build (module scope).
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from lkjip import batch, final, ledger, tamper, verify
from lkjip.cli import main
from lkjip.errors import FinalError, LedgerError
from tests.conftest import DATA

TAHUN = 2023
SLUG = "ajibarang"
STEM = f"lkjip_{SLUG}_{TAHUN}"


# ------------------------------------------------------------------------------------------------ fake reports


def _fake(tmp_path: Path, slug: str = SLUG) -> Path:
    """A year folder with one recorded fake report folder (no rendering): returns the year folder."""
    year = tmp_path / "output" / str(TAHUN)
    folder = year / slug
    folder.mkdir(parents=True)
    stem = f"lkjip_{slug}_{TAHUN}"
    for name in (f"{stem}.ipynb", f"{stem}.html", f"{stem}.pdf", "parameter.yaml"):
        (folder / name).write_text(f"isi {name}\n", encoding="utf-8")
    keluaran = {n: ledger.sha256_file(folder / n) for n in sorted(p.name for p in folder.iterdir())}
    (folder / ledger.MANIFEST).write_text(json.dumps({"keluaran": keluaran}), encoding="utf-8")
    ledger.append(year, ledger.Event.BUILT, slug, TAHUN, ledger.folder_files(folder))
    return year


# ------------------------------------------------------------------------------------------------ the ledger's lines


@pytest.mark.parametrize("char", ["\u2028", "\u2029", "\x85"])
def test_an_entry_holding_a_unicode_line_separator_does_not_break_the_ledger(tmp_path, char):
    """json.dumps(ensure_ascii=False) leaves U+2028, U+2029 and NEL raw; str.splitlines() split the line there.

    Such text reaches an entry from a file name found in an altered folder (``ditemukan``), the user name or the
    host: our own append then made a ledger our own reader called broken, stopping every build of the year.
    """
    year = _fake(tmp_path)
    ledger.append(year, ledger.Event.ALTERED, SLUG, TAHUN, {}, temuan=[f"berkas{char}aneh"])
    entries = ledger.read(year)
    assert [e.no for e in entries] == [1, 2]
    assert entries[-1].data["temuan"] == [f"berkas{char}aneh"]


def test_a_file_named_with_a_line_separator_in_an_altered_folder_keeps_the_ledger_readable(tmp_path):
    year = _fake(tmp_path)
    (year / SLUG / f"{STEM}.pdf").write_text("diubah\n", encoding="utf-8")
    (year / SLUG / "catatan\u2028lain.txt").write_text("x\n", encoding="utf-8")
    altered = tamper.set_aside_if_altered(year, SLUG, TAHUN)
    assert altered is not None
    assert ledger.latest(ledger.read(year), SLUG).event == ledger.Event.ALTERED  # type: ignore[union-attr]


def test_a_ledger_converted_to_crlf_is_noticed(tmp_path):
    """The auditor's recipe (``sed -n Np | tr -d '\\n' | sha256sum``) hashes the ``\\r`` too; so must lkjip."""
    year = _fake(tmp_path)
    ledger.append(year, ledger.Event.BUILT, SLUG, TAHUN, ledger.folder_files(year / SLUG))
    path = year / ledger.NAME
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    _, problems = ledger.check_chain(year)
    assert problems


def test_a_ledger_line_with_duplicate_keys_is_refused(tmp_path):
    """Two readers may take different values of a duplicated key; the line that says two things is refused."""
    year = _fake(tmp_path)
    path = year / ledger.NAME
    line = path.read_text(encoding="utf-8").rstrip("\n")
    path.write_text(line[:-1] + ',"kecamatan":"lumbir"}\n', encoding="utf-8")
    _, problems = ledger.check_chain(year)
    assert any("dua kali" in p for p in problems), problems


@pytest.mark.parametrize(
    "field, value",
    [("kecamatan", "../luar"), ("kecamatan", "a/b"), ("keluaran", {"../../luar.pdf": "0" * 64})],
)
def test_a_ledger_entry_naming_a_path_is_refused(tmp_path, field, value):
    """A kecamatan or a file name with a separator would make every reader build a path outside the year."""
    year = tmp_path / "output" / str(TAHUN)
    year.mkdir(parents=True)
    data = {"no": 1, "peristiwa": "dibuat", "kecamatan": SLUG, "tahun": TAHUN, "waktu": "x"}
    data.update({"sebelumnya": ledger.GENESIS, "manifest": "0" * 64, "keluaran": {}, field: value})
    (year / ledger.NAME).write_text(json.dumps(data) + "\n", encoding="utf-8")
    _, problems = ledger.check_chain(year)
    assert problems
    with pytest.raises(LedgerError, match="Perbaikan"):
        ledger.read(year)


# ------------------------------------------------------------------------------------------------ report folders


def test_an_output_replaced_by_a_symlink_is_a_difference(tmp_path):
    """A link to a file of the same bytes elsewhere: the archive no longer holds the evidence, only a pointer."""
    year = _fake(tmp_path)
    pdf = year / SLUG / f"{STEM}.pdf"
    elsewhere = tmp_path / "di-luar.pdf"
    shutil.copyfile(pdf, elsewhere)
    pdf.unlink()
    pdf.symlink_to(elsewhere)
    found = ledger.differences(year / SLUG, ledger.latest(ledger.read(year), SLUG))
    assert any(f"{STEM}.pdf" in m and "tautan simbolik" in m for m in found), found


def test_an_extra_file_in_a_report_folder_is_a_difference(tmp_path):
    """The ledger records the files a folder holds; an unrecorded file was silently deleted by the next rebuild."""
    year = _fake(tmp_path)
    (year / SLUG / f"{STEM}_revisi.pdf").write_bytes(b"%PDF-1.7 palsu\n")
    found = ledger.differences(year / SLUG, ledger.latest(ledger.read(year), SLUG))
    assert any(f"{STEM}_revisi.pdf" in m and "tidak tercatat" in m for m in found), found
    altered = tamper.set_aside_if_altered(year, SLUG, TAHUN)
    assert altered is not None and (altered.moved_to / f"{STEM}_revisi.pdf").is_file()


def test_a_leftover_temporary_file_of_lkjip_is_not_tampering(tmp_path):
    """A crash inside publish.write_file leaves ``.lkjip-<name>.tmp``; a crash is never taken for tampering."""
    year = _fake(tmp_path)
    (year / SLUG / f".lkjip-{STEM}_ditandatangani.pdf.tmp").write_bytes(b"%PDF-")
    assert ledger.differences(year / SLUG, ledger.latest(ledger.read(year), SLUG)) == []


def test_a_symlinked_report_folder_is_missing_for_verify(tmp_path):
    """A report folder replaced by a link was neither verified nor reported gone (``exists()`` follows links)."""
    year = _fake(tmp_path)
    moved = tmp_path / "di-luar"
    (year / SLUG).rename(moved)
    (year / SLUG).symlink_to(moved, target_is_directory=True)
    assert [e.kecamatan for e in tamper.missing(year)] == [SLUG]


# ------------------------------------------------------------------------------------------ the tail of the ledger


def test_an_edited_last_line_is_not_sealed_by_the_next_append(tmp_path):
    """The last line has no successor: only SHA256SUMS witnesses it. An append must not legitimise the edit."""
    year = _fake(tmp_path)
    folder = year / SLUG
    pdf = folder / f"{STEM}.pdf"
    pdf.write_text("dipalsukan\n", encoding="utf-8")
    path = year / ledger.NAME
    line = path.read_text(encoding="utf-8")
    old = json.loads(line)["keluaran"][pdf.name]
    path.write_text(line.replace(old, ledger.sha256_file(pdf)), encoding="utf-8")
    assert ledger.differences(folder, ledger.latest(ledger.read(year), SLUG)) == []  # the forgery matches
    with pytest.raises(LedgerError, match="Perbaikan"):
        ledger.append(year, ledger.Event.BUILT, "lumbir", TAHUN, {})


def test_an_append_after_a_crash_before_sha256sums_is_not_refused(tmp_path):
    """append writes the ledger, then SHA256SUMS: a crash between leaves SHA256SUMS one entry behind."""
    year = _fake(tmp_path)
    sums = (year / ledger.SUMS).read_bytes()
    ledger.append(year, ledger.Event.BUILT, SLUG, TAHUN, ledger.folder_files(year / SLUG))
    (year / ledger.SUMS).write_bytes(sums)  # as if the process died right after the ledger's rename
    ledger.append(year, ledger.Event.BUILT, SLUG, TAHUN, ledger.folder_files(year / SLUG))
    assert len(ledger.read(year)) == 3


# ------------------------------------------------------------------------------------------------ buka-final


@pytest.mark.parametrize("reason", ["koreksi \x1b[31mMERAH\x1b[0m", "bunyi \x07", "hapus\x08\x08\x08"])
def test_a_reason_with_control_characters_is_refused(tmp_path, reason):
    """The reason is printed back and stored: terminal escapes could hide or forge what the analyst sees."""
    year = _fake(tmp_path)
    with pytest.raises(FinalError, match=r"karakter kendali.*Perbaikan"):
        final.reopen(SLUG, TAHUN, reason, year.parent)


# ----------------------------------------------------------------------------------------- verify on a real report


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """Ajibarang 2023 built once by the batch (ledger, SHA256SUMS): ``<work>/output``."""
    work = tmp_path_factory.mktemp("redteam")
    shutil.copytree(DATA, work / "data")
    outcomes = batch.run(TAHUN, [SLUG], jobs=1, data=str(work / "data"), output=str(work / "output"))
    assert [o.status for o in outcomes] == [batch.BUILT], [o.message for o in outcomes]
    return work / "output"


@pytest.fixture
def out(built: Path, tmp_path: Path) -> Path:
    target = tmp_path / "output"
    shutil.copytree(built, target, symlinks=True)
    return target


@pytest.mark.e2e
def test_verify_names_a_symlinked_output(out, tmp_path):
    pdf = out / str(TAHUN) / SLUG / f"{STEM}.pdf"
    elsewhere = tmp_path / "di-luar.pdf"
    shutil.copyfile(pdf, elsewhere)
    pdf.unlink()
    pdf.symlink_to(elsewhere)
    [result] = verify.check(out / str(TAHUN))
    assert result.status == verify.Status.CHANGED
    assert f"{STEM}.pdf" in {f.berkas for f in result.temuan}


@pytest.mark.e2e
def test_verify_names_an_extra_file(out):
    (out / str(TAHUN) / SLUG / f"{STEM}_revisi.pdf").write_bytes(b"%PDF-1.7 palsu\n")
    [result] = verify.check(out / str(TAHUN))
    assert result.status == verify.Status.CHANGED
    assert f"{STEM}_revisi.pdf" in {f.berkas for f in result.temuan}


@pytest.mark.e2e
def test_verify_reports_a_symlinked_report_folder(out, tmp_path, capsys):
    year = out / str(TAHUN)
    moved = tmp_path / "di-luar"
    (year / SLUG).rename(moved)
    (year / SLUG).symlink_to(moved, target_is_directory=True)
    code = main(["verify", str(year)])
    printed = capsys.readouterr().out
    assert code == 1, printed
    assert "berubah" in printed and SLUG in printed


@pytest.mark.e2e
def test_final_after_a_crash_between_the_signed_copy_and_the_entry(out, tmp_path):
    """final writes the signed copy, then the entry: a crash between must not make the retry refuse."""
    folder = out / str(TAHUN) / SLUG
    signed = tmp_path / "ttd.pdf"
    signed.write_bytes(b"%PDF-1.7\n% pindai\n%%EOF\n")
    shutil.copyfile(signed, folder / final.signed_name(SLUG, TAHUN))  # the copy landed; the entry did not
    receipt = final.finalise(SLUG, TAHUN, out, signed)
    assert receipt.signed == final.signed_name(SLUG, TAHUN)
    [result] = verify.check(folder)
    assert not result.status.fails, result.temuan


# ------------------------------------------------------------------------------------------------ messages, the batch


def test_a_ledger_that_is_not_utf8_is_named_in_indonesian(tmp_path):
    year = _fake(tmp_path)
    with (year / ledger.NAME).open("ab") as f:
        f.write(b"\xff\xfe\n")
    with pytest.raises(LedgerError) as caught:
        ledger.read(year)
    message = str(caught.value)
    assert "codec" not in message and "UTF-8" in message and "baris 2" in message, message


def test_the_batch_on_a_broken_ledger_stops_once_and_writes_nothing(tmp_path):
    """Every kecamatan failed with the same long message, and the index, the rekap and _gagal/ were written
    although the message said "Tidak ada yang ditulis"."""
    year = _fake(tmp_path)
    path = year / ledger.NAME
    path.write_text("X" + path.read_text(encoding="utf-8"), encoding="utf-8")
    before = sorted(p.name for p in year.iterdir())
    with pytest.raises(LedgerError, match="Perbaikan"):
        batch.run(TAHUN, [SLUG, "lumbir"], jobs=1, data=str(DATA), output=str(year.parent))
    assert sorted(p.name for p in year.iterdir() if p.name != ".kunci") == before  # the lock file aside


def test_typed_text_is_echoed_without_terminal_escapes(tmp_path, capsys):
    year = _fake(tmp_path)
    code = main(["final", "-k", "x\x1b[2Jy", "-t", str(TAHUN), "--output", str(year.parent)])
    printed = capsys.readouterr()
    assert code == 2
    assert "\x1b" not in printed.err and "Perbaikan" in printed.err
    found = tamper.audit(year / SLUG, kepala="\x1b[2J" + "0" * 60)
    assert all("\x1b" not in message for _, message in found.problems)


def test_arsip_names_a_symlinked_ledger(tmp_path):
    from lkjip import arsip

    year = _fake(tmp_path)
    moved = tmp_path / "riwayat-asli.jsonl"
    (year / ledger.NAME).rename(moved)
    (year / ledger.NAME).symlink_to(moved)
    with pytest.raises(arsip.BundleError) as caught:
        arsip.build(TAHUN, year.parent, draft=True)
    assert "tautan simbolik" in str(caught.value) and "Perbaikan" in str(caught.value)


# ------------------------------------------------------------------------------------------------ as an ordinary user


@pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() != 0 or shutil.which("setpriv") is None,
    reason="runs reopen as another user: needs root and setpriv",
)
def test_reopen_stopped_after_its_copy_can_be_run_again_by_an_ordinary_user():
    """buka-final copies the final report to _final_lama/ read-only, then records; stopped between, the retry
    could not remove its own read-only copy (root ignores permissions, an analyst does not)."""
    import subprocess
    import sys
    import tempfile

    base = Path(tempfile.mkdtemp(prefix="lkjip-redteam-", dir="/tmp"))
    try:
        year = _fake(base)
        folder = year / SLUG
        entry = ledger.append(year, ledger.Event.FINAL, SLUG, TAHUN, ledger.latest(ledger.read(year), SLUG).files)  # type: ignore[union-attr]
        final.set_read_only(folder, True)
        final._keep_former(year, folder, entry)  # the copy is made; the process stops before the entry
        for p in [base, *base.rglob("*")]:
            os.chown(p, 65534, 65534, follow_symlinks=False)
        script = (
            "import sys; from lkjip import final; "
            f"e = final.reopen({SLUG!r}, {TAHUN}, 'koreksi', {str(year.parent)!r}); print(e.no)"
        )
        ran = subprocess.run(
            ["setpriv", "--reuid", "65534", "--regid", "65534", "--clear-groups", sys.executable, "-c", script],
            capture_output=True,
            text=True,
            cwd=Path(__file__).resolve().parents[1],
            env={**os.environ, "HOME": str(base)},
            timeout=120,
        )
        assert ran.returncode == 0, ran.stderr
        assert ledger.latest(ledger.read(year), SLUG).event == ledger.Event.REOPENED  # type: ignore[union-attr]
    finally:
        for p in [base, *base.rglob("*")]:
            if p.is_dir() and not p.is_symlink():
                os.chmod(p, 0o755)
        shutil.rmtree(base)


def test_a_new_ledger_after_the_broken_one_was_moved_aside_is_not_refused(tmp_path):
    """The fix for a broken ledger is to move it to _diubah/; SHA256SUMS still names the old one's hash."""
    year = _fake(tmp_path)
    path = year / ledger.NAME
    path.write_text("X" + path.read_text(encoding="utf-8"), encoding="utf-8")
    (year / ledger.ASIDE).mkdir()
    path.rename(year / ledger.ASIDE / ledger.NAME)
    ledger.append(year, ledger.Event.BUILT, SLUG, TAHUN, ledger.folder_files(year / SLUG))
    assert [e.no for e in ledger.read(year)] == [1]


def test_verify_does_not_hang_on_a_fifo_in_place_of_parameter_yaml(tmp_path):
    """``lkjip verify`` read the archived parameter.yaml with a plain open: a FIFO there made it wait forever."""
    import subprocess
    import sys

    year = _fake(tmp_path)
    (year / SLUG / "parameter.yaml").unlink()
    os.mkfifo(year / SLUG / "parameter.yaml")
    manifest = year / SLUG / ledger.MANIFEST
    doc = json.loads(manifest.read_text(encoding="utf-8"))
    manifest.write_text(json.dumps({**doc, "masukan": {"sidik": "0" * 64, "bagian": {}}}), encoding="utf-8")
    script = f"from lkjip import verify; print([r.status.value for r in verify.check({str(year)!r})])"
    try:
        ran = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=30)
    except subprocess.TimeoutExpired:
        pytest.fail("verify hung on a FIFO named parameter.yaml")
    assert ran.returncode == 0, ran.stderr
    assert "berubah" in ran.stdout or "tidak lengkap" in ran.stdout


@pytest.mark.parametrize("name", [ledger.NAME, ledger.SUMS])
def test_verify_does_not_hang_on_a_fifo_in_place_of_the_ledger_or_sha256sums(tmp_path, name):
    import subprocess
    import sys

    year = _fake(tmp_path)
    (year / name).unlink()
    os.mkfifo(year / name)
    script = f"from lkjip import verify; print([r.status.value for r in verify.check({str(year)!r})])"
    try:
        ran = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=30)
    except subprocess.TimeoutExpired:
        pytest.fail(f"verify hung on a FIFO named {name}")
    assert ran.returncode == 0, ran.stderr
    assert "berubah" in ran.stdout or "tidak lengkap" in ran.stdout


def test_recovery_drops_an_intent_naming_a_path(tmp_path):
    """An intent file (``.lkjip-niat-*.json``) naming ``../luar`` made recovery append an entry that the ledger's
    own reader then refused: the year's ledger was broken by lkjip itself."""
    year = _fake(tmp_path)
    outside = year.parent / "luar"
    shutil.copytree(year / SLUG, outside)
    files = ledger.folder_files(outside)
    intent = year / f"{ledger.INTENT}luar.json"
    intent.write_text(json.dumps({"kecamatan": "../luar", "tahun": TAHUN, "berkas": files}), encoding="utf-8")
    ledger.recover(year)
    assert [e.kecamatan for e in ledger.read(year)] == [SLUG]
    assert not intent.exists()


@pytest.mark.xfail(
    strict=True,
    reason="SHA256SUMS is derived and written again when missing (recover), so deleting it together with an edit "
    "of the last line leaves no witness in the folder; only a receipt's head (--kepala) catches it",
)
def test_an_edited_last_line_with_sha256sums_deleted_is_not_sealed(tmp_path):
    year = _fake(tmp_path)
    pdf = year / SLUG / f"{STEM}.pdf"
    pdf.write_text("dipalsukan\n", encoding="utf-8")
    path = year / ledger.NAME
    line = path.read_text(encoding="utf-8")
    path.write_text(line.replace(json.loads(line)["keluaran"][pdf.name], ledger.sha256_file(pdf)), encoding="utf-8")
    (year / ledger.SUMS).unlink()
    with pytest.raises(LedgerError):
        ledger.append(year, ledger.Event.BUILT, "lumbir", TAHUN, {})
