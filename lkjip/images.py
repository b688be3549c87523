"""Appendix images: verified, bounded and prepared before they enter a report (Pillow).

Images in ``data/kecamatan/<slug>/<tahun>/lampiran/`` come from analysts' phones
and scanners. Each one is decoded before it becomes an appendix:

- it must be a regular file: a symbolic link, a FIFO or a device is refused
  without being followed or opened (:mod:`lkjip.regular`), so no file from
  elsewhere on the machine enters a report and nothing blocks;
- it must be a PNG or a JPEG that decodes completely: an empty, truncated or
  unreadable file, or another format under a .png/.jpg name, is a validation
  error of that kecamatan (:func:`lkjip.overrides.check_folder`). A file whose
  content is the other of the two formats (a JPEG named ``.png``) is accepted:
  it decodes, and the report embeds it with the MIME type of its content;
- its size is read from the header before any pixel is decoded; more than
  :data:`MAX_PIXELS` is refused as a decompression bomb, so such a file costs
  no memory. Pillow's own ``DecompressionBombWarning``/``Error`` (English) are
  turned into this error;
- a large photo or scan is reduced so that its longest side is at most
  :data:`MAX_SIDE` pixels, more than enough for the A4 print area
  (14 x 23,7 cm inside the margins: about 215 dpi over the page height, more
  across its width). A big JPEG is decoded at a reduced scale
  (``Image.draft``), so a 50 megapixel photo never holds all its pixels;
- the EXIF orientation is applied (phones store a rotated photo as EXIF), and
  the image is always re-encoded without metadata: no EXIF (GPS position,
  camera, time), no XMP, no comments, only the colour profile. PNG stays PNG
  (lossless, for scans and screenshots), JPEG stays JPEG (quality
  :data:`JPEG_QUALITY`). Re-encoding with fixed settings gives the same bytes
  for the same input.
"""

from __future__ import annotations

import io
import math
import os
import warnings
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from PIL import Image, ImageFile, ImageOps, UnidentifiedImageError

from lkjip import format as fmt
from lkjip import regular

MAX_PIXELS = 100_000_000
"""Largest accepted JPEG, in pixels (100 megapixel): 12-50 MP photos and A3 scans at 300 dpi pass.

A JPEG is decoded at a reduced scale (``draft``), so even this size costs about 60 MB."""
MAX_PIXELS_PNG = 50_000_000
"""Largest accepted PNG (50 megapixel: an A4 scan at 600 dpi is 35). PNG has no reduced-scale decoding,
so every pixel is held in memory: 50 MP cost about 300 MB in a worker, 100 MP about 680 MB."""
MAX_SIDE = 2000
"""Longest side of an image as embedded in the report, in pixels."""
JPEG_QUALITY = 85
FORMATS = ("PNG", "JPEG")
_MIME = {"PNG": "image/png", "JPEG": "image/jpeg", "MPO": "image/jpeg"}  # MPO: a phone JPEG with a preview


class ImageError(Exception):
    """An appendix image that cannot be used: ``message`` and ``fix`` in Bahasa Indonesia."""

    def __init__(self, message: str, fix: str) -> None:
        super().__init__(message)
        self.message = message
        self.fix = fix


@dataclass(frozen=True)
class Prepared:
    """An image ready to embed: re-encoded bytes without metadata."""

    mime: str
    data: bytes
    width: int
    height: int


RESAVE = "Buka berkas di penyunting gambar lalu simpan ulang sebagai PNG atau JPEG, atau hapus dari folder lampiran."


def prepare(path: str | os.PathLike[str]) -> Prepared:
    """Verify, orient, reduce and re-encode the image at ``path``; raises :class:`ImageError`."""
    p = Path(path)
    try:
        st = regular.check(p)
    except regular.NotRegular as exc:
        raise not_regular(exc) from None
    return _prepare(str(p.resolve()), st.st_mtime_ns, st.st_size)


def not_regular(exc: regular.NotRegular) -> ImageError:
    """The error for a lampiran entry that is a symbolic link, a FIFO, a device or a folder."""
    return ImageError(f"Berkas lampiran ini adalah {exc.kind}, bukan berkas biasa; isinya tidak dibaca.", regular.FIX)


def check(path: str | os.PathLike[str]) -> ImageError | None:
    """The problem of the image at ``path``, or None when it can be used."""
    try:
        prepare(path)
    except ImageError as exc:
        return exc
    return None


@lru_cache(maxsize=16)  # validation and the report both prepare each image; do the work once per process
def _prepare(path: str, mtime_ns: int, size: int) -> Prepared:
    if size == 0:
        raise ImageError("Berkas gambar lampiran kosong (0 bita).", RESAVE)
    with warnings.catch_warnings():
        # Our own limit is checked from the header below; Pillow's English warning must not print.
        warnings.simplefilter("ignore", Image.DecompressionBombWarning)
        try:
            fh = regular.open_regular(path)
        except regular.NotRegular as exc:  # swapped for a link or a FIFO since prepare() looked
            raise not_regular(exc) from None
        with fh:
            try:
                im = Image.open(fh, formats=FORMATS)
            except Image.DecompressionBombError:
                raise _too_large(None) from None
            except UnidentifiedImageError:
                raise ImageError(f"Berkas lampiran bukan gambar PNG atau JPEG{_other_format(path)}.", RESAVE) from None
            except Exception:  # Pillow raises many kinds for a broken header
                raise ImageError("Kepala berkas gambar rusak; gambar tidak dapat dibaca.", RESAVE) from None
            with im:
                fmt_name = im.format or ""
                w, h = im.size
                limit = MAX_PIXELS if fmt_name in ("JPEG", "MPO") else MAX_PIXELS_PNG
                if w * h > limit:
                    raise _too_large((w, h), limit)
                if w == 0 or h == 0:
                    raise ImageError("Gambar lampiran tidak memiliki piksel (ukuran 0).", RESAVE)
                lenient = ImageFile.LOAD_TRUNCATED_IMAGES
                ImageFile.LOAD_TRUNCATED_IMAGES = False  # another library in the process may have set it True
                try:
                    if fmt_name in ("JPEG", "MPO"):
                        scale = min(1.0, MAX_SIDE / max(w, h))
                        im.draft("RGB", (math.ceil(w * scale), math.ceil(h * scale)))  # decode at 1/2, 1/4, 1/8
                    im.load()
                    ImageOps.exif_transpose(im, in_place=True)  # in place: no second copy of the pixels
                except Exception:  # truncated data, bad CRC or bad JPEG markers
                    raise ImageError(
                        "Berkas gambar terpotong atau rusak; gambar tidak dapat dibaca sampai selesai.",
                        "Salin ulang berkas dari sumbernya, atau buka di penyunting gambar dan simpan ulang sebagai "
                        "PNG atau JPEG.",
                    ) from None
                finally:
                    ImageFile.LOAD_TRUNCATED_IMAGES = lenient
                return _encode(im, fmt_name)


def _encode(im: Image.Image, fmt_name: str) -> Prepared:
    """Reduce ``im`` in place to :data:`MAX_SIDE` and save it with nothing but pixels and colour profile."""
    icc = im.info.get("icc_profile")
    im.info = {}  # Pillow carries some of info (comment, XMP, EXIF) into the saved file: keep none
    if max(im.size) > MAX_SIDE:
        im.thumbnail((MAX_SIDE, MAX_SIDE), Image.Resampling.LANCZOS)
    buf = io.BytesIO()
    extra = {"icc_profile": icc} if icc else {}
    out = im
    if fmt_name == "PNG":
        out.save(buf, "PNG", **extra)  # no text chunks, no time: only pixels (and the colour profile)
    else:
        if out.mode not in ("RGB", "L"):
            out = out.convert("RGB")
        out.save(buf, "JPEG", quality=JPEG_QUALITY, **extra)  # no EXIF unless passed: none is
    return Prepared(_MIME.get(fmt_name, "image/png"), buf.getvalue(), *out.size)


def _too_large(size: tuple[int, int] | None, pixels: int = MAX_PIXELS) -> ImageError:
    limit = fmt.angka(pixels // 1_000_000)
    what = (
        f"Ukuran gambar {fmt.angka(size[0])} x {fmt.angka(size[1])} piksel "
        f"({fmt.angka(size[0] * size[1] / 1e6, 1)} megapiksel)"
        if size
        else "Ukuran gambar"
    )
    return ImageError(
        f"{what} melebihi batas {limit} megapiksel; gambar ditolak agar tidak menghabiskan memori.",
        f"Perkecil gambar (sisi terpanjang cukup {fmt.angka(MAX_SIDE)} sampai 3.000 piksel) lalu simpan ulang "
        "sebagai PNG atau JPEG.",
    )


def _other_format(path: str) -> str:
    """`` (isinya berformat GIF)`` when Pillow knows the content, else ``""``."""
    try:
        with warnings.catch_warnings(), regular.open_regular(path) as fh:
            warnings.simplefilter("ignore")
            with Image.open(fh) as other:
                return f" (isinya berformat {other.format})" if other.format else ""
    except Exception:
        return " (isinya bukan gambar atau rusak)"
