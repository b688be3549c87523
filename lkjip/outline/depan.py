"""Front matter: cover, Kata Pengantar, Ikhtisar Eksekutif, and the lists read from the finished body."""

from __future__ import annotations

import base64
from collections.abc import Callable
from typing import Literal

from lkjip import lambang, paths
from lkjip.document import DaftarIsi, Entri, Gambar, Lampiran, Sampul, Tabel
from lkjip.outline.builder import Blocks, Builder

Kelompok = Literal["tabel", "grafik", "gambar", "lampiran"]
"""The front-matter lists other than Daftar Isi (``DaftarIsi.kelompok``)."""

LISTS: dict[Kelompok, tuple[type[Tabel | Gambar | Lampiran], str]] = {
    "tabel": (Tabel, "Tabel"),
    "grafik": (Gambar, "Grafik"),
    "gambar": (Gambar, "Gambar"),
    "lampiran": (Lampiran, "Lampiran"),
}
"""Front-matter list -> (block type, label prefix) of the blocks it lists."""


def sampul(b: Builder) -> Blocks:
    p = b.data.profil
    alamat = str(p["alamat"]) + (f" Kode Pos {p['kode_pos']}" if _given(p["kode_pos"]) else "")
    if _given(p["telepon"]):
        alamat += f", Telp/Faks {p['telepon']}"
    lines = [alamat]
    if _given(p["website"]):
        lines.append(f"Website: {p['website']}")
    if _given(p["email"]):
        lines.append(f"Email: {p['email']}")
    return [
        Sampul(
            instansi=[f"KECAMATAN {b.nama.upper()}", f"KABUPATEN {str(b.data.kabupaten['nama']).upper()}"],
            judul=["LAPORAN KINERJA", "INSTANSI PEMERINTAH", f"(LKjIP) TAHUN {b.tahun}"],  # balanced lines
            alamat=lines,
            contoh=b.contoh,
            lambang=_lambang(b),
        )
    ]


def _lambang(b: Builder) -> Gambar | None:
    """The kabupaten's emblem from the data folder (:mod:`lkjip.lambang`); None draws an empty frame."""
    if b.folder is None:
        return None
    img = lambang.prepared(paths.data_of_folder(b.folder), b.data.kabupaten)
    if img is None:
        return None
    nama = str(b.data.kabupaten["nama"])
    data = base64.b64encode(img.data).decode("ascii")
    return Gambar(jenis_gambar="foto", data=data, mime=img.mime, alt=f"Lambang Kabupaten {nama}")


def _given(value: object) -> bool:
    return value is not None and value == value and str(value).strip() != ""  # NaN != NaN


def kata_pengantar(b: Builder) -> Blocks:
    return [b.narasi("kata_pengantar"), b.ttd()]


def ikhtisar(b: Builder) -> Blocks:
    """The figures (``ikhtisar``), then the closing paragraph (``ikhtisar_akhir``), each overridable on its own."""
    return [b.narasi("ikhtisar"), b.narasi("ikhtisar_akhir")]


def daftar_isi(b: Builder) -> Blocks:
    return [DaftarIsi(kelompok="isi", entri=b.doc.daftar_isi())]


def daftar(kelompok: Kelompok) -> Callable[[Builder], Blocks]:
    """The filler of Daftar Tabel, Grafik, Gambar or Lampiran."""
    cls, kind = LISTS[kelompok]

    def fill(b: Builder) -> Blocks:
        entries = [
            Entri(tingkat=2, label=x.label, judul=x.judul, anchor=x.anchor)
            for x in b.doc.blocks_of(cls)
            if x.label.startswith(kind + " ")
        ]
        return [DaftarIsi(kelompok=kelompok, entri=entries)] if entries else []  # no list: the page is left out

    return fill
