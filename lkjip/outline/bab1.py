"""BAB I Pendahuluan: latar belakang, gambaran umum, kewenangan, organisasi, aparatur, isu, sistematika."""

from __future__ import annotations

from lkjip import calc, charts, tables
from lkjip.outline.builder import Blocks, Builder


def latar_belakang(b: Builder) -> Blocks:
    return [b.narasi("latar_belakang")]


def gambaran_umum(b: Builder) -> Blocks:
    return [
        b.narasi("gambaran_umum"),
        tables.penduduk(
            b.data.profil,
            b.tabel(1),
            f"Jumlah Penduduk Kecamatan {b.nama} Akhir Tahun {b.tahun}",
            b.src("penduduk"),
        ),
    ]


def kewenangan(b: Builder) -> Blocks:
    return [b.narasi("kewenangan")]


def susunan_organisasi(b: Builder) -> Blocks:
    return [
        b.narasi("susunan_organisasi"),
        charts.struktur_organisasi(
            b.data.organisasi, b.nomor.next("Gambar", 1), f"Struktur Organisasi Kecamatan {b.nama}"
        ),
    ]


def sumber_daya_aparatur(b: Builder) -> Blocks:
    d = b.data
    status = calc.rekap_jenis_kelamin(d.pegawai_status, "status")
    pend = calc.rekap_jenis_kelamin(d.pegawai_pendidikan, "pendidikan")
    return [
        b.narasi("sumber_daya_aparatur"),
        tables.pegawai(
            status,
            "Status",
            b.tabel(1),
            f"Pegawai Kecamatan {b.nama} menurut Status Tahun {b.tahun}",
            b.src("pegawai"),
        ),
        tables.pegawai(
            pend,
            "Pendidikan",
            b.tabel(1),
            f"Pegawai Kecamatan {b.nama} menurut Pendidikan Tahun {b.tahun}",
            b.src("pegawai"),
        ),
        charts.komposisi_pegawai(
            d.pegawai_status,
            d.pegawai_pendidikan,
            b.grafik(1),
            f"Komposisi Pegawai Kecamatan {b.nama} Tahun {b.tahun}",
        ),
    ]


def isu_strategis(b: Builder) -> Blocks:
    return [b.narasi("isu_strategis")]


def sistematika(b: Builder) -> Blocks:
    return [b.narasi("sistematika")]
