"""BAB IV Penutup and the appendices: Perjanjian Kinerja, validation notes, the analyst's images."""

from __future__ import annotations

import base64
import re
from pathlib import Path

from lkjip import paths, regular, tables
from lkjip.document import Blok, Daftar, Gambar, Lampiran, Paragraf, Run
from lkjip.images import ImageError
from lkjip.images import prepare as prepared_image
from lkjip.outline.builder import Blocks, Builder, paragraf
from lkjip.problems import Problem


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
    if b.peringatan:
        items.append(
            Lampiran(label=b.nomor.next_flat("Lampiran"), judul="Catatan Validasi Data", isi=peringatan(b.peringatan))
        )
    for path in images(b.folder):
        block = image(path)
        if block is None:  # refused by validation already (lkjip.images); never embedded
            continue
        items.append(Lampiran(label=b.nomor.next_flat("Lampiran"), judul=caption(path.name), isi=[block]))
    return list(items)


def peringatan(items: list[Problem]) -> list[Blok]:
    """The validation warnings of the data, as a numbered list."""
    rows = []
    for p in items:
        runs = [Run(teks=p.where(), tebal=True)]
        if p.value is not None:
            runs.append(Run(teks=f" (nilai: {p.value})"))
        runs += [Run(teks=f": {p.message} "), Run(teks=f"Perbaikan: {p.fix}", miring=True)]
        rows.append([Paragraf(isi=runs)])
    return [
        paragraf(f"Validasi data menemukan {len(items)} peringatan. Laporan tetap dibuat; periksa hal berikut:"),
        Daftar(bernomor=True, butir=rows),
    ]


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
