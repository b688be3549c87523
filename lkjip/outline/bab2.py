"""BAB II Perencanaan Kinerja: Renstra, IKU, Perjanjian Kinerja, rencana anggaran."""

from __future__ import annotations

from lkjip import tables
from lkjip.outline.builder import Blocks, Builder


def rencana_strategis(b: Builder) -> Blocks:
    d = b.data
    return [
        b.narasi("rencana_strategis"),
        tables.tujuan_sasaran(
            d.indikator,
            d.sasaran,
            int(d.renstra["periode_akhir"]),
            b.tabel(2),
            f"Tujuan, Sasaran dan Indikator Kinerja Kecamatan {b.nama}",
            b.src("perjanjian_kinerja"),
        ),
    ]


def iku(b: Builder) -> Blocks:
    d = b.data
    chosen = d.indikator[d.indikator["iku"]] if d.indikator["iku"].any() else d.indikator
    return [
        b.narasi("iku"),
        tables.iku(
            chosen, d.sasaran, b.tabel(2), f"Indikator Kinerja Utama Kecamatan {b.nama}", b.src("perjanjian_kinerja")
        ),
    ]


def perjanjian_kinerja(b: Builder) -> Blocks:
    return [
        b.narasi("perjanjian_kinerja"),
        tables.perjanjian_kinerja(
            b.hasil.kinerja,
            b.tabel(2),
            f"Perjanjian Kinerja Kecamatan {b.nama} Tahun {b.tahun}",
            b.src("perjanjian_kinerja"),
        ),
    ]


def rencana_anggaran(b: Builder) -> Blocks:
    h = b.hasil
    return [
        b.narasi("rencana_anggaran"),
        tables.rencana_anggaran(
            h.program, h.total, b.tabel(2), f"Rencana Anggaran per Program Tahun {b.tahun}", b.src("rencana_anggaran")
        ),
    ]
