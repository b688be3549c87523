"""Appendix images are decoded and bounded before they enter a report (lkjip.images)."""

from __future__ import annotations

import base64
import io
import warnings
from pathlib import Path

import pytest
from PIL import Image

from lkjip import images
from lkjip.checks import check
from lkjip.errors import DataValidationError
from lkjip.outline import lampiran
from lkjip.overrides import check_folder


def _png(path: Path, size=(40, 30), color=(200, 10, 10)) -> Path:
    Image.new("RGB", size, color).save(path, "PNG")
    return path


def _jpeg_exif6(path: Path, size=(4000, 3000)) -> Path:
    """A landscape JPEG stored with EXIF orientation 6 (a phone held upright), with a GPS tag."""
    im = Image.new("RGB", size, (10, 120, 200))
    im.paste((250, 250, 0), (0, 0, size[0] // 4, size[1] // 4))  # a corner marker to see the rotation
    exif = Image.Exif()
    exif[0x0112] = 6  # Orientation: rotate 90 degrees clockwise to display
    exif[0x010F] = "KameraPonsel"  # Make
    exif[0x8825] = {1: "S", 2: (7.0, 25.0, 0.0)}  # GPSInfo
    im.save(path, "JPEG", exif=exif, quality=80)
    return path


@pytest.fixture
def bomb(tmp_path: Path) -> Path:
    """A PNG whose header says 12000 x 12000 (144 MP) but is a few KB on disk."""
    path = tmp_path / "bom.png"
    Image.new("1", (12000, 12000)).save(path, "PNG", optimize=True)
    return path


def test_good_png_is_prepared_without_metadata(tmp_path: Path):
    src = tmp_path / "a.png"
    im = Image.new("RGB", (40, 30), (1, 2, 3))
    from PIL import PngImagePlugin

    info = PngImagePlugin.PngInfo()
    info.add_text("Comment", "rahasia")
    im.save(src, "PNG", pnginfo=info)
    out = images.prepare(src)
    assert (out.mime, out.width, out.height) == ("image/png", 40, 30)
    back = Image.open(io.BytesIO(out.data))
    assert back.format == "PNG" and back.size == (40, 30) and "Comment" not in back.info
    assert back.getpixel((0, 0)) == (1, 2, 3)


@pytest.mark.parametrize(
    ("name", "content", "words"),
    [
        ("teks.png", b"ini bukan gambar, hanya teks\n", "bukan gambar PNG atau JPEG"),
        ("kosong.jpg", b"", "kosong"),
    ],
)
def test_not_an_image_is_refused(tmp_path: Path, name: str, content: bytes, words: str):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(images.ImageError) as exc:
        images.prepare(path)
    assert words in exc.value.message
    assert "simpan ulang sebagai PNG atau JPEG" in exc.value.fix
    assert lampiran.image(path) is None  # the kernel never embeds it


def test_other_format_under_png_name_is_named(tmp_path: Path):
    path = tmp_path / "animasi.png"
    Image.new("RGB", (8, 8)).save(path, "GIF")
    problem = images.check(path)
    assert problem is not None and "berformat GIF" in problem.message


def test_truncated_png_is_refused(tmp_path: Path):
    full = _png(tmp_path / "full.png", (300, 300), (0, 0, 0))
    Image.effect_noise((300, 300), 80).convert("RGB").save(full, "PNG")  # noise: data does not compress away
    data = full.read_bytes()
    cut = tmp_path / "terpotong.png"
    cut.write_bytes(data[: len(data) // 2])
    with pytest.raises(images.ImageError) as exc:
        images.prepare(cut)
    assert "terpotong atau rusak" in exc.value.message


def test_jpeg_named_png_is_accepted_as_jpeg(tmp_path: Path):
    path = tmp_path / "foto.png"
    Image.new("RGB", (20, 10), (0, 128, 0)).save(path, "JPEG")
    out = images.prepare(path)
    assert out.mime == "image/jpeg" and (out.width, out.height) == (20, 10)
    block = lampiran.image(path)
    assert block is not None and block.mime == "image/jpeg" and base64.b64decode(block.data) == out.data


def test_decompression_bomb_is_refused_from_the_header(bomb: Path, capfd):
    assert bomb.stat().st_size < 50_000
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # any warning (Pillow's English DecompressionBombWarning) fails the test
        with pytest.raises(images.ImageError) as exc:
            images.prepare(bomb)
    assert "12.000 x 12.000 piksel" in exc.value.message
    assert "melebihi batas 50 megapiksel" in exc.value.message  # a PNG: every pixel would be held in memory
    assert "Perkecil gambar" in exc.value.fix
    out, err = capfd.readouterr()
    assert "Decompression" not in out + err


def test_between_pillow_limit_and_ours_no_english_warning(tmp_path: Path):
    """A 95 MP JPEG is above Pillow's warning threshold (89,5 MP) but within ours: accepted, nothing printed."""
    path = tmp_path / "pindaian.jpg"
    Image.new("L", (10000, 9500)).save(path, "JPEG", quality=50)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        out = images.prepare(path)
    assert max(out.width, out.height) == images.MAX_SIDE


def test_phone_photo_is_rotated_reduced_and_stripped(tmp_path: Path):
    src = _jpeg_exif6(tmp_path / "foto.jpg")
    assert Image.open(src).getexif()[0x0112] == 6
    out = images.prepare(src)
    assert out.mime == "image/jpeg"
    assert (out.width, out.height) == (1500, 2000)  # portrait after rotation, longest side MAX_SIDE
    back = Image.open(io.BytesIO(out.data))
    assert back.size == (1500, 2000)
    assert not back.getexif() and "exif" not in back.info
    assert b"KameraPonsel" not in out.data
    # rotated 90 degrees clockwise: the yellow top-left marker is now at the top right
    r, g, b = back.getpixel((1500 - 10, 10))
    assert r > 200 and g > 200 and b < 80


def test_preparation_is_deterministic(tmp_path: Path):
    src = _jpeg_exif6(tmp_path / "foto.jpg", (2400, 1800))
    first = images.prepare(src)
    images._prepare.cache_clear()
    copy = tmp_path / "salinan.jpg"
    copy.write_bytes(src.read_bytes())
    assert images.prepare(copy).data == first.data
    png = _png(tmp_path / "a.png", (3000, 100))
    one = images.prepare(png).data
    images._prepare.cache_clear()
    assert images.prepare(png).data == one


def _folder_with_bad_images(folder: Path, bomb: Path) -> Path:
    lampiran = folder / "lampiran"
    lampiran.mkdir(parents=True, exist_ok=True)
    (lampiran / "01_teks.png").write_text("bukan gambar")
    (lampiran / "02_kosong.jpg").write_bytes(b"")
    full = Image.effect_noise((200, 200), 80).convert("RGB")
    buf = io.BytesIO()
    full.save(buf, "PNG")
    (lampiran / "03_terpotong.png").write_bytes(buf.getvalue()[:2000])
    (lampiran / "04_bom.png").write_bytes(bomb.read_bytes())
    _png(lampiran / "05_baik.png")
    return lampiran


def test_validation_reports_bad_images_as_errors(data_copy: Path, bomb: Path):
    folder = data_copy / "kecamatan" / "ajibarang" / "2023"
    _folder_with_bad_images(folder, bomb)
    report = check(data_copy, 2023, ["ajibarang"])
    errs = [p for p in report.problems if p.is_error and "lampiran" in p.location]
    by_file = {Path(p.location).name: p for p in errs}
    assert set(by_file) == {"01_teks.png", "02_kosong.jpg", "03_terpotong.png", "04_bom.png"}
    assert all(p.kecamatan == "ajibarang" for p in errs)
    assert "kosong" in by_file["02_kosong.jpg"].message
    assert "megapiksel" in by_file["04_bom.png"].message
    text = str(by_file["01_teks.png"])
    assert "01_teks.png" in text and "Perbaikan:" in text and "PNG atau JPEG" in text
    with pytest.raises(DataValidationError, match=r"04_bom\.png"):  # the report itself refuses to start
        from lkjip.report import buka

        buka("ajibarang", 2023, data_copy)


def test_check_folder_alone(data_copy: Path, bomb: Path):
    folder = data_copy / "kecamatan" / "ajibarang" / "2023"
    _folder_with_bad_images(folder, bomb)
    ds = check(data_copy, 2023, ["ajibarang"]).dataset
    found = check_folder(ds, folder, "ajibarang", 2023)
    names = sorted(Path(p.location).name for p in found if p.is_error)
    assert names == ["01_teks.png", "02_kosong.jpg", "03_terpotong.png", "04_bom.png"]


def test_jpeg_comment_and_xmp_are_not_carried(tmp_path: Path):
    src = tmp_path / "komentar.jpg"
    Image.new("RGB", (30, 20)).save(src, "JPEG", comment=b"Lokasi rahasia", xmp=b"<x:xmpmeta>Rahasia</x:xmpmeta>")
    assert b"rahasia" in src.read_bytes().lower()
    out = images.prepare(src)
    assert b"rahasia" not in out.data.lower()
    assert "comment" not in Image.open(io.BytesIO(out.data)).info


def test_a_truncated_image_is_refused_even_when_the_process_allows_truncated_images(tmp_path, monkeypatch):
    """A library in the same process may set Pillow's LOAD_TRUNCATED_IMAGES (WeasyPrint did, on import)."""
    from PIL import ImageFile

    monkeypatch.setattr(ImageFile, "LOAD_TRUNCATED_IMAGES", True)
    path = tmp_path / "terpotong.png"
    buf = io.BytesIO()
    Image.effect_noise((64, 64), 40).save(buf, "PNG")
    path.write_bytes(buf.getvalue()[: len(buf.getvalue()) // 2])
    assert images.check(path) is not None
    assert ImageFile.LOAD_TRUNCATED_IMAGES is True  # restored for whoever set it


def test_a_png_over_its_own_limit_is_refused_though_a_jpeg_that_size_passes(tmp_path: Path):
    png = tmp_path / "pindaian.png"
    Image.new("1", (8000, 7000)).save(png, "PNG", optimize=True)  # 56 MP
    assert "batas 50 megapiksel" in images.check(png).message
