"""The swap protocol of lkjip.publish, crashed at each step (fault injection in a forked child)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from lkjip import lock, publish
from lkjip.errors import OutputError

STEPS = ("disiapkan", "lama-dipindah", "baru-dipasang")


def _report(folder: Path, text: str) -> Path:
    folder.mkdir(parents=True)
    for name in ("a.ipynb", "a.html", "a.pdf", "manifest.json"):
        (folder / name).write_text(f"{text} {name}")
    return folder


def _content(folder: Path) -> set[str]:
    return {p.read_text() for p in folder.iterdir()}


def _crash_during_publish(tmp: Path, final: Path, step: str) -> None:
    """Run publish in a child process that dies (like kill -9: no cleanup) right after ``step``."""
    pid = os.fork()
    if pid == 0:  # child
        publish.crash_point = lambda s: os._exit(9) if s == step else None
        try:
            publish.publish(tmp, final)
        finally:
            os._exit(0)
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) in (0, 9)


@pytest.mark.parametrize("had_old", [True, False], ids=["ada-laporan-lama", "laporan-pertama"])
@pytest.mark.parametrize("step", STEPS)
def test_a_crash_at_any_step_keeps_a_whole_report_and_recovery_tidies(tmp_path, step, had_old):
    year = tmp_path / "2023"
    final = year / "ajibarang"
    if had_old:
        _report(final, "lama")
    tmp = publish.staging(final)
    _report(tmp / "x", "baru")  # a nested file too
    for name in ("a.ipynb", "a.html", "a.pdf", "manifest.json"):
        (tmp / name).write_text(f"baru {name}")
    _crash_during_publish(tmp, final, step)

    with lock.year(tmp_path, 2023):  # taking the lock recovers the year folder
        pass
    assert [p.name for p in year.iterdir() if p.name.startswith(".") and p.name != lock.NAME] == []
    if final.exists():
        names = {p.name for p in final.iterdir()}
        assert names >= {"a.ipynb", "a.html", "a.pdf", "manifest.json"}  # complete, never half
        version = {p.read_text().split()[0] for p in final.iterdir() if p.is_file()}
        assert len(version) == 1  # all old or all new
        if step == "baru-dipasang":
            assert version == {"baru"}
        if had_old and step != "baru-dipasang":
            assert version == {"lama"}  # the last good report was never deleted
    else:
        assert not had_old and step == "disiapkan"  # nothing was published yet, and nothing was lost

    again = publish.staging(final)  # a plain rerun completes
    (again / "a.pdf").write_text("ketiga a.pdf")
    publish.publish(again, final)
    assert _content(final) == {"ketiga a.pdf"}
    assert [p.name for p in year.iterdir() if p.name.startswith(".") and p.name != lock.NAME] == []


def test_a_leftover_backup_beside_a_published_report_is_removed_first(tmp_path):
    final = _report(tmp_path / "ajibarang", "baru")
    _report(publish.backup_of(final), "sangat-lama")
    for name in ("a.ipynb", "a.html", "a.pdf"):  # a complete published report
        assert (final / name).stat().st_size > 0
    tmp = publish.staging(final)
    (tmp / "a.pdf").write_text("lagi a.pdf")
    publish.publish(tmp, final)
    assert _content(final) == {"lagi a.pdf"}
    assert not publish.backup_of(final).exists()


def test_recover_restores_a_lone_backup_and_removes_staging_and_tmp_files(tmp_path):
    backup = _report(tmp_path / ".lkjip-lama-ajibarang", "lama")
    _report(tmp_path / ".lkjip-baru-lumbir-abc123", "setengah")
    (tmp_path / ".lkjip-index.html.tmp").write_text("setengah")
    done = publish.recover(tmp_path)
    assert not backup.exists() and _content(tmp_path / "ajibarang") >= {"lama a.pdf"}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ajibarang"]
    assert "pulihkan ajibarang" in done


def test_recover_leaves_dot_folders_that_are_not_ours(tmp_path):
    for name in (".git", ".ipynb_checkpoints", ".arsip_analis", ".ajibarang.lama"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "isi").write_text("milik analis")
    (tmp_path / ".catatan.tmp").write_text("milik analis")
    assert publish.recover(tmp_path) == []
    assert len(list(tmp_path.iterdir())) == 5


def test_an_incomplete_folder_beside_a_backup_is_refused_and_nothing_is_deleted(tmp_path):
    """Someone made an empty ajibarang/ beside the backup: neither is deleted, both are named."""
    backup = _report(tmp_path / ".lkjip-lama-ajibarang", "lama")
    (tmp_path / "ajibarang").mkdir()
    with pytest.raises(OutputError, match="tidak lengkap") as caught:
        publish.recover(tmp_path)
    assert ".lkjip-lama-ajibarang" in str(caught.value)
    assert _content(backup) >= {"lama a.pdf"}
    tmp = publish.staging(tmp_path / "ajibarang")
    (tmp / "a.pdf").write_text("baru a.pdf")
    with pytest.raises(OutputError, match="tidak lengkap"):
        publish.publish(tmp, tmp_path / "ajibarang")
    assert _content(backup) >= {"lama a.pdf"}


@pytest.mark.parametrize("kind", ["berkas", "tautan"])
def test_a_file_or_link_where_the_report_folder_should_be_is_refused_before_anything_moves(tmp_path, kind):
    final = tmp_path / "ajibarang"
    elsewhere = _report(tmp_path / "lain", "lain")
    if kind == "berkas":
        final.write_text("catatan analis")
    else:
        final.symlink_to(elsewhere)
    with pytest.raises(OutputError, match="di tempat folder laporan"):
        publish.staging(final)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ajibarang", "lain"]
    assert _content(elsewhere) >= {"lain a.pdf"}


def test_write_file_on_a_failure_keeps_the_old_file_and_leaves_no_tmp(tmp_path):
    target = tmp_path / "index.html"
    target.write_text("lama")

    def broken(tmp: Path) -> None:
        tmp.write_text("setengah")
        raise OSError(28, "No space left on device", str(tmp))

    with pytest.raises(OutputError, match="disk penuh"):
        publish.write_file(target, broken, "indeks")
    assert target.read_text() == "lama"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["index.html"]
