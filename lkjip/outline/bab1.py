"""BAB I Pendahuluan: latar belakang, gambaran umum, kewenangan, organisasi, aparatur, isu, sistematika."""

from __future__ import annotations

import pandas as pd

from lkjip import bagan, calc, charts, tables
from lkjip.document import Blok, Daftar, Paragraf, Run
from lkjip.outline.builder import Blocks, Builder
from lkjip.rules.tugas_fungsi import sort_key


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
    """The narrative (ending "... mempunyai fungsi:"), then the fungsi as the regulation lists them."""
    return [b.narasi("kewenangan"), daftar_fungsi(b.data.tugas_fungsi)]


def daftar_fungsi(frame: pd.DataFrame) -> Daftar:
    """The fungsi of ``tugas_fungsi.csv`` as a lettered list with numbered sub-points (a. ... 1) ...), verbatim."""
    rows = frame[frame["jenis"] == "fungsi"].to_dict("records")
    rows.sort(key=lambda r: sort_key(str(r["nomor"])))
    points: list[tuple[str, list[str]]] = []
    for r in rows:
        if "." in str(r["nomor"]):
            points[-1][1].append(str(r["teks"]))
        else:
            points.append((str(r["teks"]), []))
    items: list[list[Blok]] = []
    for text, subs in points:
        item: list[Blok] = [_line(text)]
        if subs:
            item.append(Daftar(bernomor=True, penanda="angka_kurung", butir=[[_line(t)] for t in subs]))
        items.append(item)
    return Daftar(bernomor=True, penanda="huruf", butir=items)


def _line(text: str) -> Paragraf:
    return Paragraf(isi=[Run(teks=text)])


def susunan_organisasi(b: Builder) -> Blocks:
    return [
        b.narasi("susunan_organisasi"),
        bagan.struktur_organisasi(
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
