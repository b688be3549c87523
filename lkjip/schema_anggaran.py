"""Row models of the budget tables: programs, their link to sasaran, the budget hierarchy, spending, procurement.

The budget hierarchy follows Indonesian regional finance (SIPD, Permendagri
90/2019 nomenclature): a program (``program.csv``) is carried out through
kegiatan (``kegiatan.csv``), each broken down into sub-kegiatan
(``subkegiatan.csv``); ``upaya.csv`` holds the "upaya yang ditempuh" per
program or per kegiatan. Below program level, names are required and kode,
anggaran and realisasi optional (the reference LKjIP names them only); where
amounts are given, :mod:`lkjip.rules.hierarki` checks that the parts add up.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from lkjip.schema_base import Kecamatan, Row, TahunAnggaran


class ProgramRow(Row):
    kecamatan: Kecamatan
    tahun: TahunAnggaran
    kode: str = Field(min_length=1, description="Kode unik program dalam tahun itu, mis. P1")
    nama: str = Field(min_length=1, description="Nama program")
    anggaran: int = Field(gt=0, description="Anggaran setelah perubahan, rupiah; lebih dari nol")
    realisasi: int = Field(ge=0, description="Realisasi anggaran, rupiah")


class ProgramSasaranRow(Row):
    kecamatan: Kecamatan
    tahun: TahunAnggaran
    program: str = Field(min_length=1, description="Kode program (program.csv)")
    sasaran: str = Field(min_length=1, description="Kode tujuan/sasaran yang didukung (sasaran.csv)")


class BelanjaRow(Row):
    kecamatan: Kecamatan
    tahun: TahunAnggaran
    jenis: Literal["operasional", "modal"] = Field(description="operasional atau modal")
    anggaran: int = Field(ge=0, description="Anggaran belanja jenis ini, rupiah")


class PengadaanRow(Row):
    kecamatan: Kecamatan
    tahun: TahunAnggaran
    rencana: int = Field(ge=0, description="Total rencana pengadaan barang/jasa, rupiah")
    realisasi: int = Field(ge=0, description="Total realisasi pengadaan barang/jasa, rupiah")


class KegiatanRow(Row):
    kecamatan: Kecamatan
    tahun: TahunAnggaran
    program: str = Field(min_length=1, description="Kode program induk (program.csv)")
    nomor: int = Field(ge=1, description="Nomor urut kegiatan dalam program itu")
    kode: str | None = Field(default=None, description="Kode kegiatan menurut SIPD, mis. 7.01.02.2.01; boleh kosong")
    nama: str = Field(min_length=1, description="Nama kegiatan, persis seperti nomenklatur")
    anggaran: int | None = Field(default=None, ge=0, description="Anggaran kegiatan, rupiah; boleh kosong")
    realisasi: int | None = Field(default=None, ge=0, description="Realisasi kegiatan, rupiah; boleh kosong")


class SubkegiatanRow(Row):
    kecamatan: Kecamatan
    tahun: TahunAnggaran
    program: str = Field(min_length=1, description="Kode program (program.csv)")
    kegiatan: int = Field(ge=1, description="Nomor kegiatan induk dalam program itu (kegiatan.csv)")
    nomor: int = Field(ge=1, description="Nomor urut sub-kegiatan dalam kegiatan itu")
    kode: str | None = Field(
        default=None, description="Kode sub-kegiatan menurut SIPD, mis. 7.01.02.2.01.0001; boleh kosong"
    )
    nama: str = Field(min_length=1, description="Nama sub-kegiatan, persis seperti nomenklatur")
    anggaran: int | None = Field(default=None, ge=0, description="Anggaran sub-kegiatan, rupiah; boleh kosong")
    realisasi: int | None = Field(default=None, ge=0, description="Realisasi sub-kegiatan, rupiah; boleh kosong")


class UpayaRow(Row):
    kecamatan: Kecamatan
    tahun: TahunAnggaran
    program: str = Field(min_length=1, description="Kode program (program.csv)")
    kegiatan: int | None = Field(
        default=None, description="Nomor kegiatan (kegiatan.csv) bila upaya ini milik satu kegiatan; kosong = program"
    )
    nomor: int = Field(ge=1, description="Nomor urut upaya dalam program itu")
    uraian: str = Field(min_length=1, description="Upaya yang ditempuh, satu kalimat")
