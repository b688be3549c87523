"""BAB IV Penutup and the appendices: Perjanjian Kinerja and the analyst's images.

Validation warnings are not an appendix: the camat signs the PDF, and tool
output does not belong in it. They are shown in the executed notebook (a
hidden cell, :meth:`lkjip.report.Laporan.catatan_validasi`), recorded with the
figures (so the manifest carries them) and counted in the kabupaten index.
"""

from __future__ import annotations

import base64
from pathlib import Path

from lkjip import daftar_lampiran
from lkjip.document import Gambar, Lampiran
from lkjip.images import ImageError
from lkjip.images import prepare as prepared_image
from lkjip.outline.builder import Blocks, Builder


def penutup(b: Builder) -> Blocks:
    return [b.narasi("penutup")]


def lampiran(b: Builder) -> Blocks:
    """The PK appendix, then every other document of ``lampiran/`` in the order of ``lampiran.csv``.

    The PK appendix shows the signed scan (documents of jenis ``pk``: signed by
    both parties, the camat as pihak pertama and the bupati as pihak kedua). Without
    a scan there is no PK appendix: its content is Tabel 2.3 already, and a retyped
    copy would print the same table twice (the missing scan is a warning of
    :mod:`lkjip.daftar_lampiran`). Without any document, the LAMPIRAN chapter and
    Daftar Lampiran are left out (``Bagian.kosong``). No signature is
    generated for it: the data holds neither the bupati who signed nor the day
    the PK was signed (early in the report's year, not the LKjIP's date), and a
    camat's block alone, dated like the report, would pass for a one-sided
    agreement. The signed copy comes from the scan. A document listed
    in ``lampiran.csv`` whose file is missing is left out: the warning is the
    notebook's and the index's (:mod:`lkjip.daftar_lampiran`), not the PDF's.
    """
    docs = [(d, block) for d in daftar_lampiran.documents(b.folder, b.data.slug)[0] if (block := image(d)) is not None]
    pk_pages = [block for d, block in docs if d.jenis == "pk"]
    items = []
    if pk_pages:
        judul = f"Perjanjian Kinerja Kecamatan {b.nama} Tahun {b.tahun}"
        items.append(Lampiran(label=b.nomor.next_flat("Lampiran"), judul=judul, isi=list(pk_pages)))
    for d, block in docs:
        if d.jenis != "pk":
            items.append(Lampiran(label=b.nomor.next_flat("Lampiran"), judul=d.keterangan, isi=[block]))
    return list(items)


def images(folder: Path | None) -> list[Path]:
    """Image files in ``<folder>/lampiran/``, sorted by name (:func:`lkjip.daftar_lampiran.images`)."""
    return daftar_lampiran.images(folder)


def caption(filename: str) -> str:
    """``02_piagam_penghargaan-UPG.jpg`` -> ``Piagam penghargaan UPG``."""
    return daftar_lampiran.caption(filename)


def image(doc: daftar_lampiran.Berkas | Path) -> Gambar | None:
    """The verified, reduced image without metadata (:func:`lkjip.images.prepare`), or None if refused."""
    path, alt = (doc, caption(doc.name)) if isinstance(doc, Path) else (doc.path, doc.keterangan)
    try:
        img = prepared_image(path)
    except ImageError:
        return None
    data = base64.b64encode(img.data).decode("ascii")
    return Gambar(jenis_gambar="foto", data=data, mime=img.mime, alt=alt)
