"""Table schemas of the input data: one pydantic row model per table.

The models are the single description of the data format: the loader checks
headers against them, the validator parses every row with them, and
``data/README.md`` documents the same tables and columns (a test keeps the two
in step).
"""

from __future__ import annotations

import datetime as dt
from typing import Literal, get_args

from pydantic import Field, field_validator
from pydantic_core import PydanticCustomError

from lkjip.schema_anggaran import (
    BelanjaRow,
    KegiatanRow,
    PengadaanRow,
    ProgramRow,
    ProgramSasaranRow,
    SubkegiatanRow,
    UpayaRow,
)
from lkjip.schema_base import (
    Kecamatan,
    PeriodeAkhir,
    PeriodeAwal,
    Row,
    Slug,
    Table,
    Tahun,
    TahunRealisasi,
    TahunTarget,
    kind_of_satuan,
)

__all__ = ["PENDIDIKAN", "SUMBER_TABEL", "TABLES", "Table", "kind_of_satuan"]


class KecamatanRow(Row):
    kode: str = Field(pattern=r"^\d{2}\.\d{2}\.\d{2}$", description="Kode wilayah Kemendagri, mis. 33.02.14")
    nama: str = Field(min_length=1, max_length=60, description="Nama kecamatan tanpa kata 'Kecamatan'")
    slug: Slug = Field(
        pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", description="Nama pendek huruf kecil untuk folder dan berkas"
    )
    letak: str | None = Field(
        default=None,
        max_length=80,
        description="Letak di wilayah kabupaten, dibaca sesudah 'berada di', mis. sebelah barat; kosong bila tak ada",
    )


class SkalaPredikatRow(Row):
    urutan: int = Field(ge=1, description="Urutan pita, 1 = tertinggi")
    predikat: str = Field(min_length=1, description="Nama predikat, mis. Sangat Tinggi")
    lebih_dari: float | None = Field(
        default=None, description="Batas bawah eksklusif (% capaian > nilai ini); kosong untuk pita terendah"
    )
    teks_skala: str = Field(min_length=1, description="Rentang seperti tertulis di peraturan, untuk Tabel Skala")


class KabupatenRow(Row):
    nama: str = Field(min_length=1, max_length=60, description="Nama kabupaten tanpa kata 'Kabupaten', mis. Banyumas")
    jumlah_kecamatan: int = Field(
        ge=1, description="Jumlah kecamatan di kabupaten ini; harus sama dengan jumlah baris kecamatan.csv"
    )
    lambang: str | None = Field(
        default=None,
        max_length=120,
        description="Berkas gambar lambang kabupaten (PNG/JPEG) di folder data, untuk halaman judul; kosong: bingkai",
    )


class RegulasiRow(Row):
    kunci: str = Field(
        pattern=r"^[a-z0-9_]+$",
        description="Kunci yang dipakai narasi, huruf kecil dan garis bawah, mis. perbup_tupoksi",
    )
    jenis: str = Field(
        min_length=1,
        description="Jenis dan penetap peraturan seperti tertulis di judulnya, mis. Peraturan Bupati Banyumas",
    )
    nomor: str = Field(min_length=1, description="Nomor peraturan, mis. 68")
    tahun: int = Field(ge=1945, le=2100, description="Tahun peraturan")
    tentang: str = Field(min_length=1, description="Judul peraturan sesudah kata 'tentang'")


class TugasFungsiRow(Row):
    jenis: Literal["tugas", "fungsi"] = Field(description="tugas atau fungsi")
    nomor: str = Field(
        pattern=r"^[a-z](\.[1-9][0-9]*)?$",
        description="Nomor butir seperti di peraturan: huruf untuk butir (a, b), huruf titik angka untuk sub-butir "
        "(b.1 untuk angka 1) di bawah huruf b); tugas: a",
    )
    teks: str = Field(min_length=1, description="Bunyi butir itu, persis seperti di peraturan, dengan tanda bacanya")


class OrganisasiRow(Row):
    kecamatan: Slug = Field(description="Slug kecamatan (lihat kecamatan.csv)")
    urutan: int = Field(ge=1, description="Urutan tampil dalam bagan dan daftar")
    kode: str = Field(pattern=r"^[a-z0-9_]+$", description="Kode unit, huruf kecil dan garis bawah")
    unit: str = Field(min_length=1, description="Nama unit organisasi")
    induk: str | None = Field(default=None, description="Kode unit atasan; kosong untuk Camat")


class ProfilRow(Row):
    kecamatan: Slug = Field(description="Slug kecamatan (lihat kecamatan.csv)")
    tahun: Tahun
    alamat: str = Field(min_length=1, description="Alamat kantor kecamatan")
    kode_pos: str | None = Field(default=None, description="Kode pos")
    telepon: str | None = Field(default=None, description="Nomor telepon/faks")
    website: str | None = Field(default=None, description="Alamat situs web")
    email: str | None = Field(default=None, description="Alamat surel")
    luas_ha: float = Field(gt=0, description="Luas wilayah dalam hektare")
    jumlah_desa: int = Field(ge=0, description="Jumlah desa")
    jumlah_kelurahan: int = Field(ge=0, description="Jumlah kelurahan")
    jumlah_kadus: int | None = Field(default=None, ge=0, description="Jumlah wilayah kadus")
    jumlah_rw: int | None = Field(default=None, ge=0, description="Jumlah rukun warga")
    jumlah_rt: int | None = Field(default=None, ge=0, description="Jumlah rukun tetangga")
    penduduk_laki: int = Field(ge=0, description="Penduduk laki-laki akhir tahun")
    penduduk_perempuan: int = Field(ge=0, description="Penduduk perempuan akhir tahun")
    penduduk_jumlah: int = Field(ge=0, description="Jumlah penduduk; harus = laki-laki + perempuan")
    desa_terbanyak: str | None = Field(default=None, description="Desa dengan penduduk terbanyak")
    penduduk_desa_terbanyak: int | None = Field(default=None, ge=0, description="Penduduk desa tersebut")
    desa_tersedikit: str | None = Field(default=None, description="Desa dengan penduduk paling sedikit")
    penduduk_desa_tersedikit: int | None = Field(default=None, ge=0, description="Penduduk desa tersebut")
    camat_nama: str = Field(min_length=1, description="Nama dan gelar camat penandatangan")
    camat_pangkat: str = Field(min_length=1, description="Pangkat camat, mis. Pembina Tk I")
    camat_nip: str = Field(pattern=r"^\d{8} ?\d{6} ?\d ?\d{3}$", description="NIP 18 digit, boleh berspasi")
    tempat_ttd: str = Field(min_length=1, description="Tempat penandatanganan")
    tanggal_ttd: dt.date = Field(description="Tanggal penandatanganan (YYYY-MM-DD)")
    data_contoh: bool = Field(default=False, description="true jika angka-angkanya data contoh, bukan data resmi")


class PegawaiStatusRow(Row):
    kecamatan: Kecamatan
    tahun: Tahun
    status: Literal["ASN", "Non ASN"] = Field(description="Status kepegawaian: ASN atau Non ASN")
    laki: int = Field(ge=0, description="Jumlah pegawai laki-laki")
    perempuan: int = Field(ge=0, description="Jumlah pegawai perempuan")


Pendidikan = Literal["S3", "S2", "S1/D4", "D3", "D2", "D1", "SLTA", "SMP", "SD"]
PENDIDIKAN: tuple[str, ...] = get_args(Pendidikan)


class PegawaiPendidikanRow(Row):
    kecamatan: Kecamatan
    tahun: Tahun
    pendidikan: Pendidikan = Field(description="Jenjang: " + ", ".join(PENDIDIKAN))
    laki: int = Field(ge=0, description="Jumlah pegawai laki-laki")
    perempuan: int = Field(ge=0, description="Jumlah pegawai perempuan")


class RenstraRow(Row):
    kecamatan: Kecamatan
    periode_awal: PeriodeAwal
    periode_akhir: PeriodeAkhir
    visi: str = Field(min_length=1, description="Visi kabupaten yang dijabarkan Renstra")
    visi_penjelasan: str | None = Field(
        default=None,
        description="Penjelasan visi bagi kecamatan: peran kecamatan dalam mewujudkannya (kalimat utuh, Bab II A)",
    )
    isu_strategis: str | None = Field(default=None, description="Isu strategis periode ini")


class MisiRow(Row):
    kecamatan: Kecamatan
    periode_awal: PeriodeAwal
    nomor: int = Field(ge=1, description="Nomor urut misi")
    uraian: str = Field(min_length=1, description="Rumusan misi")
    terkait: bool = Field(default=False, description="true jika misi ini menjadi fokus kinerja kecamatan")
    penjelasan: str | None = Field(
        default=None,
        description="Penjelasan misi terkait: bagaimana kecamatan menjalankannya, dicetak sesudah 'misi 1 (satu),'",
    )


class SasaranRow(Row):
    kecamatan: Kecamatan
    periode_awal: PeriodeAwal
    kode: str = Field(min_length=1, description="Kode unik dalam Renstra, mis. T1, S1")
    jenis: Literal["tujuan", "sasaran"] = Field(description="tujuan atau sasaran")
    uraian: str = Field(min_length=1, description="Rumusan tujuan/sasaran")
    induk: str | None = Field(default=None, description="Kode tujuan/sasaran induk; kosong untuk tujuan")


class IndikatorRow(Row):
    kecamatan: Kecamatan
    periode_awal: PeriodeAwal
    kode: str = Field(min_length=1, description="Kode unik indikator, mis. IK1")
    sasaran: str = Field(min_length=1, description="Kode tujuan/sasaran yang diukur (sasaran.csv)")
    uraian: str = Field(min_length=1, description="Nama indikator kinerja")
    satuan: str = Field(min_length=1, description="Satuan, mis. %, Indeks, Dokumen")
    polaritas: Literal["naik", "turun"] = Field(
        description="naik: makin tinggi makin baik; turun: makin rendah makin baik"
    )
    formulasi: str | None = Field(default=None, description="Cara menghitung indikator")
    sumber_data: str | None = Field(default=None, description="Sumber data indikator")
    target_akhir_renstra: float = Field(ge=0, description="Target pada tahun akhir Renstra")
    standar_nasional: float | None = Field(
        default=None,
        ge=0,
        description="Standar nasional indikator, dalam satuannya (analisis 4 PermenPANRB 53/2014); kosong bila tak ada",
    )
    standar_nasional_dasar: str | None = Field(
        default=None, description="Peraturan yang menetapkan standar nasional itu, mis. PermenPANRB Nomor 14 Tahun 2017"
    )
    iku: bool = Field(default=False, description="true jika termasuk Indikator Kinerja Utama")


class TargetRow(Row):
    kecamatan: Kecamatan
    indikator: str = Field(min_length=1, description="Kode indikator (indikator.csv)")
    tahun: TahunTarget
    target: float = Field(description="Target tahun itu, bukan nol; indikator bertarget masuk Perjanjian Kinerja")

    @field_validator("target")
    @classmethod
    def _positive(cls, value: float) -> float:
        if value == 0:
            raise PydanticCustomError("target_nol", "target is zero")
        if value < 0:
            raise PydanticCustomError("target_negatif", "target is negative")
        return value


class RealisasiRow(Row):
    kecamatan: Kecamatan
    indikator: str = Field(min_length=1, description="Kode indikator (indikator.csv)")
    tahun: TahunRealisasi
    realisasi: float = Field(ge=0, description="Realisasi tahun itu, dalam satuan indikator")


class PenghargaanRow(Row):
    kecamatan: Kecamatan
    tahun: Tahun
    nomor: int = Field(ge=1, description="Nomor urut")
    nama: str = Field(min_length=1, description="Nama/uraian penghargaan")
    pemberi: str = Field(min_length=1, description="Instansi pemberi penghargaan")


class InovasiRow(Row):
    kecamatan: Kecamatan
    tahun: Tahun
    nomor: int = Field(ge=1, description="Nomor urut")
    nama: str = Field(min_length=1, description="Nama inovasi")
    latar_belakang: str = Field(min_length=1, description="Latar belakang inovasi")
    manfaat: str = Field(min_length=1, description="Manfaat inovasi")


SumberTabel = Literal[
    "penduduk",
    "pegawai",
    "perjanjian_kinerja",
    "rencana_anggaran",
    "skala_predikat",
    "capaian",
    "realisasi_anggaran",
    "efisiensi",
    "pengadaan",
    "penghargaan",
    "inovasi",
]
SUMBER_TABEL: tuple[str, ...] = get_args(SumberTabel)


class SumberRow(Row):
    kecamatan: Kecamatan
    tahun: Tahun
    tabel: SumberTabel = Field(description="Kelompok tabel: " + ", ".join(SUMBER_TABEL))
    sumber: str = Field(min_length=1, description="Teks setelah 'Sumber:' di bawah tabel")


TABLES: dict[str, Table] = {
    t.name: t
    for t in (
        Table("kecamatan", KecamatanRow, ("slug",), "Daftar kecamatan kabupaten ini"),
        Table("skala_predikat", SkalaPredikatRow, ("urutan",), "Skala predikat kinerja (Permendagri 86/2017)"),
        Table("kabupaten", KabupatenRow, ("nama",), "Kabupaten yang laporannya dibuat: satu baris"),
        Table("regulasi", RegulasiRow, ("kunci",), "Peraturan daerah yang dikutip laporan"),
        Table(
            "tugas_fungsi",
            TugasFungsiRow,
            ("jenis", "nomor"),
            "Tugas dan fungsi kecamatan menurut peraturan bupati (perbup_tupoksi), dengan sub-butirnya",
        ),
        Table("organisasi", OrganisasiRow, ("kecamatan", "kode"), "Susunan organisasi setiap kecamatan"),
        Table("profil", ProfilRow, ("kecamatan", "tahun"), "Profil kecamatan per tahun"),
        Table(
            "pegawai_status",
            PegawaiStatusRow,
            ("kecamatan", "tahun", "status"),
            "Pegawai menurut status dan jenis kelamin",
        ),
        Table(
            "pegawai_pendidikan",
            PegawaiPendidikanRow,
            ("kecamatan", "tahun", "pendidikan"),
            "Pegawai menurut pendidikan dan jenis kelamin",
        ),
        Table("renstra", RenstraRow, ("kecamatan", "periode_awal"), "Periode, visi dan isu strategis Renstra"),
        Table("misi", MisiRow, ("kecamatan", "periode_awal", "nomor"), "Misi yang dijabarkan Renstra"),
        Table("sasaran", SasaranRow, ("kecamatan", "periode_awal", "kode"), "Tujuan dan sasaran Renstra"),
        Table(
            "indikator",
            IndikatorRow,
            ("kecamatan", "periode_awal", "kode"),
            "Indikator kinerja tujuan/sasaran",
            by_satuan=("target_akhir_renstra", "standar_nasional"),
        ),
        Table(
            "target",
            TargetRow,
            ("kecamatan", "indikator", "tahun"),
            "Target indikator per tahun",
            by_satuan=("target",),
        ),
        Table(
            "realisasi",
            RealisasiRow,
            ("kecamatan", "indikator", "tahun"),
            "Realisasi indikator per tahun",
            by_satuan=("realisasi",),
        ),
        Table(
            "program",
            ProgramRow,
            ("kecamatan", "tahun", "kode"),
            "Program dengan anggaran dan realisasi",
            rupiah=("anggaran", "realisasi"),
        ),
        Table(
            "program_sasaran",
            ProgramSasaranRow,
            ("kecamatan", "tahun", "program", "sasaran"),
            "Program yang mendukung tujuan/sasaran (banyak-ke-banyak)",
        ),
        Table(
            "kegiatan",
            KegiatanRow,
            ("kecamatan", "tahun", "program", "nomor"),
            "Kegiatan setiap program (SIPD, Permendagri 90/2019)",
            False,
            rupiah=("anggaran", "realisasi"),
        ),
        Table(
            "subkegiatan",
            SubkegiatanRow,
            ("kecamatan", "tahun", "program", "kegiatan", "nomor"),
            "Sub-kegiatan setiap kegiatan",
            False,
            rupiah=("anggaran", "realisasi"),
        ),
        Table(
            "upaya",
            UpayaRow,
            ("kecamatan", "tahun", "program", "nomor"),
            "Upaya yang ditempuh per program atau kegiatan",
            False,
        ),
        Table(
            "belanja",
            BelanjaRow,
            ("kecamatan", "tahun", "jenis"),
            "Anggaran belanja operasional dan modal",
            rupiah=("anggaran",),
        ),
        Table(
            "pengadaan",
            PengadaanRow,
            ("kecamatan", "tahun"),
            "Rencana dan realisasi pengadaan barang/jasa",
            rupiah=("rencana", "realisasi"),
        ),
        Table("penghargaan", PenghargaanRow, ("kecamatan", "tahun", "nomor"), "Prestasi dan penghargaan", False),
        Table("inovasi", InovasiRow, ("kecamatan", "tahun", "nomor"), "Inovasi kecamatan", False),
        Table("sumber", SumberRow, ("kecamatan", "tahun", "tabel"), "Teks 'Sumber:' tiap kelompok tabel", False),
    )
}
