"""Narrative overrides and appendix images are read only from regular files: no link is followed, no FIFO blocks."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from PIL import Image

from lkjip import fingerprint, images, regular, text
from lkjip.checks import check
from lkjip.errors import NarrativeError
from lkjip.outline import lampiran as appendix
from lkjip.report import buka
from tests.conftest import DATA

LKJIP = str(Path(sys.executable).parent / "lkjip")
SECRET = "RAHASIA-isi-berkas-di-luar-folder"


def _folder(data: Path, sub: str) -> Path:
    folder = data / "kecamatan" / "ajibarang" / "2023" / sub
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _secret(tmp_path: Path) -> Path:
    target = tmp_path / "rahasia.txt"
    target.write_text(SECRET, encoding="utf-8")
    return target


def _png(path: Path) -> Path:
    Image.new("RGB", (40, 30), (200, 10, 10)).save(path, "PNG")
    return path


def _finishes(fn, seconds: float = 20):
    """Run ``fn`` in a thread; fail (instead of hanging the suite) if it blocks."""
    result: list = []

    def work() -> None:
        try:
            result.append(fn())
        except BaseException as exc:  # handed back to the test
            result.append(exc)

    t = threading.Thread(target=work, daemon=True)
    t.start()
    t.join(seconds)
    assert not t.is_alive(), "blocked"
    return result[0]


def test_a_symlinked_override_is_refused_without_reading_its_target(tmp_path):
    link = tmp_path / "kata_pengantar.md"
    link.symlink_to(_secret(tmp_path))
    with pytest.raises(NarrativeError) as info:
        text.read_override(link)
    exc = info.value
    assert exc.location.endswith("kata_pengantar.md")
    assert "tautan simbolik, bukan berkas biasa" in exc.message
    assert "salin berkas aslinya" in exc.fix and SECRET not in str(exc)


def test_a_fifo_override_is_refused_at_once(tmp_path):
    fifo = tmp_path / "kewenangan.md"
    os.mkfifo(fifo)
    exc = _finishes(lambda: text.read_override(fifo))
    assert isinstance(exc, NarrativeError) and "FIFO (pipa bernama), bukan berkas biasa" in exc.message


def test_a_regular_override_is_still_read(tmp_path):
    path = tmp_path / "penutup.md"
    path.write_text("Penutup {{ nama }}.", encoding="utf-8")
    assert text.read_override(path) == "Penutup {{ nama }}."
    assert regular.is_regular(path) and not regular.is_regular(tmp_path)


def test_open_regular_refuses_links_fifos_and_folders(tmp_path):
    link = tmp_path / "a"
    link.symlink_to(_secret(tmp_path))
    fifo = tmp_path / "b"
    os.mkfifo(fifo)
    for path, kind in [(link, "tautan simbolik"), (fifo, "FIFO (pipa bernama)"), (tmp_path, "folder")]:
        exc = _finishes(lambda p=path: regular.open_regular(p))
        assert isinstance(exc, regular.NotRegular) and exc.kind == kind


def test_validation_names_every_link_and_fifo_in_the_kecamatan_folder(tmp_path, data_copy):
    narasi = _folder(data_copy, "narasi")
    os.mkfifo(narasi / "kewenangan.md")
    (narasi / "kata_pengantar.md").symlink_to(_secret(tmp_path))
    lampiran = _folder(data_copy, "lampiran")
    (lampiran / "01_piagam.png").symlink_to(_png(tmp_path / "asli.png"))
    os.mkfifo(lampiran / "02_foto.jpg")
    _png(lampiran / "03_asli.png")

    report = _finishes(lambda: check(data_copy, 2023, ["ajibarang"]))
    errors = {Path(p.location).name: p for p in report.errors}
    assert set(errors) == {"kewenangan.md", "kata_pengantar.md", "01_piagam.png", "02_foto.jpg"}
    for p in errors.values():
        assert p.kecamatan == "ajibarang" and "bukan berkas biasa" in p.message and "salin berkas aslinya" in p.fix
    assert "tautan simbolik" in errors["01_piagam.png"].message and "FIFO" in errors["02_foto.jpg"].message
    # the report lists only the regular image; the others are never opened
    assert [p.name for p in appendix.images(lampiran.parent)] == ["03_asli.png"]


def test_images_prepare_refuses_a_link_to_a_good_image(tmp_path):
    link = tmp_path / "piagam.png"
    link.symlink_to(_png(tmp_path / "asli.png"))
    with pytest.raises(images.ImageError, match="tautan simbolik, bukan berkas biasa"):
        images.prepare(link)
    assert images.prepare(tmp_path / "asli.png").mime == "image/png"


def test_the_report_refuses_a_link_put_in_after_validation(tmp_path, data_copy, monkeypatch):
    (_folder(data_copy, "narasi") / "penutup.md").symlink_to(_secret(tmp_path))
    monkeypatch.setattr("lkjip.report.check", lambda *a, **k: check(DATA, 2023, ["ajibarang"]))
    with pytest.raises(NarrativeError, match=r"penutup\.md: Berkas narasi ini adalah tautan simbolik") as info:
        buka("ajibarang", 2023, data_copy)
    assert SECRET not in str(info.value)


def test_the_fingerprint_neither_follows_a_link_nor_opens_a_fifo(tmp_path):
    folder = tmp_path / "k"
    narasi = folder / "narasi"
    narasi.mkdir(parents=True)
    secret = _secret(tmp_path)
    (narasi / "a.md").symlink_to(secret)
    os.mkfifo(narasi / "b.md")
    before = _finishes(lambda: fingerprint._tree(folder))
    secret.write_text("lain", encoding="utf-8")
    assert fingerprint._tree(folder) == before  # the target's content is never read
    (narasi / "b.md").unlink()
    assert fingerprint._tree(folder) != before  # but the entry itself counts


def test_lkjip_check_reports_them_and_does_not_hang(tmp_path, data_copy):
    narasi = _folder(data_copy, "narasi")
    os.mkfifo(narasi / "kewenangan.md")
    (narasi / "kata_pengantar.md").symlink_to(_secret(tmp_path))
    done = subprocess.run(
        [LKJIP, "check", "-t", "2023", "--data", str(data_copy), "-k", "ajibarang"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    shown = done.stdout + done.stderr
    assert done.returncode == 1, shown
    assert "kewenangan.md: Berkas narasi ini adalah FIFO" in shown
    assert "kata_pengantar.md: Berkas narasi ini adalah tautan simbolik" in shown
    assert SECRET not in shown and "Galat tak terduga" not in shown and "Traceback" not in shown


def test_regular_files_rule_is_documented_for_analysts():
    readme = (DATA / "README.md").read_text(encoding="utf-8")
    assert "harus **berkas biasa**" in readme and "salin berkas aslinya" in readme


@pytest.mark.parametrize("which", ["narasi", "lampiran", "tahun"])
def test_a_linked_folder_is_an_error_and_nothing_below_it_is_read(data_copy, tmp_path, which):
    outside = tmp_path / "di-luar"
    (outside / "narasi").mkdir(parents=True)
    (outside / "lampiran").mkdir()
    (outside / "narasi" / "kata_pengantar.md").write_text(SECRET, encoding="utf-8")
    _png(outside / "lampiran" / "01_foto.png")
    year = data_copy / "kecamatan" / "ajibarang" / "2023"
    year.parent.mkdir(parents=True, exist_ok=True)
    link = year if which == "tahun" else year / which
    link.parent.mkdir(parents=True, exist_ok=True)
    if link.exists():
        shutil.rmtree(link)
    link.symlink_to(outside if which == "tahun" else outside / which, target_is_directory=True)
    report = check(data_copy, 2023, ["ajibarang"])
    linked = [p for p in report.errors if "tautan simbolik" in p.message and "Folder" in p.message]
    assert linked, report.errors
    assert text.override_files(year) == {} and appendix.images(year) == []
