"""BAB IV Penutup and the appendices: Perjanjian Kinerja and the analyst's images.

Validation warnings are not an appendix: the camat signs the PDF, and tool
output does not belong in it. They are shown in the executed notebook (a
hidden cell, :meth:`lkjip.report.Laporan.catatan_validasi`), recorded with the
figures (so the manifest carries them) and counted in the kabupaten index.
"""

from __future__ import annotations

import base64
import re
from pathlib import Path

from lkjip import paths, regular, tables
from lkjip.document import Gambar, Lampiran
from lkjip.images import ImageError
from lkjip.images import prepare as prepared_image
from lkjip.outline.builder import Blocks, Builder


def penutup(b: Builder) -> Blocks:
    return [b.narasi("penutup")]


def lampiran(b: Builder) -> Blocks:
    items = [
        Lampiran(
            label=b.nomor.next_flat("Lampiran"),
            judul=f"Perjanjian Kinerja Kecamatan {b.nama} Tahun {b.tahun}",
            isi=[
                tables.perjanjian_kinerja(
                    b.hasil.kinerja, "", f"Perjanjian Kinerja Tahun {b.tahun}", b.src("perjanjian_kinerja")
                ),
                b.ttd(),
            ],
        )
    ]
    for path in images(b.folder):
        block = image(path)
        if block is None:  # refused by validation already (lkjip.images); never embedded
            continue
        items.append(Lampiran(label=b.nomor.next_flat("Lampiran"), judul=caption(path.name), isi=[block]))
    return list(items)


def images(folder: Path | None) -> list[Path]:
    """Image files in ``<folder>/lampiran/``, sorted by name: regular files only, never a symbolic link.

    A link, FIFO or device with an image name is an error of validation
    (:func:`lkjip.overrides.check_folder`); it is never listed here.
    """
    if folder is None or not (folder / "lampiran").is_dir() or regular.linked_folders(folder):
        return []
    return sorted(
        p for p in (folder / "lampiran").iterdir() if p.suffix.lower() in paths.IMAGE_SUFFIXES and regular.is_regular(p)
    )


def caption(filename: str) -> str:
    """``02_piagam_penghargaan-UPG.jpg`` -> ``Piagam penghargaan UPG``."""
    stem = re.sub(r"^\d+[\s_.-]*", "", filename.rsplit(".", 1)[0])
    words = re.sub(r"[_-]+", " ", stem).strip()
    return words[:1].upper() + words[1:]


def image(path: Path) -> Gambar | None:
    """The verified, reduced image without metadata (:func:`lkjip.images.prepare`), or None if refused."""
    try:
        img = prepared_image(path)
    except ImageError:
        return None
    data = base64.b64encode(img.data).decode("ascii")
    return Gambar(jenis_gambar="foto", data=data, mime=img.mime, alt=caption(path.name))
