"""The sheets of the Excel form (``lkjip formulir``): which table each fills, its columns and its rows.

One :class:`Lembar` per topic. A sheet is a table (title in row 1, a note in
row 2, the header in row :data:`HEADER_ROW`, data from :data:`DATA_ROW`) except
``Profil``, a list of fields with one value each. Columns are *kunci* (a
prefilled key the import matches rows by: locked), *acuan* (shown for
reference: locked) or *isian* (to be filled: unlocked and tinted). A closed
sheet has exactly the prefilled rows; an open one has empty rows to add more.

The form writer (:mod:`lkjip.formulir`) and the importer (:mod:`lkjip.impor`)
both read these specs, so the two cannot disagree on where a value is.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from lkjip.numeric import Kind
from lkjip.schema import PENDIDIKAN, SUMBER_TABEL, TABLES

VERSI = "1"
"""The form version written into ``_lkjip``; the importer refuses any other."""

META = "_lkjip"
"""The hidden sheet: kecamatan, year, version, the hash of the prefilled part and its cells."""

PETUNJUK = "Petunjuk"
HEADER_ROW = 4
DATA_ROW = 5
TAMBAHAN = 15
"""Empty input rows below the prefilled rows of an open sheet."""

Peran = Literal["kunci", "acuan", "isian"]
SATUAN = "satuan"
"""Kind marker: the number kind follows the indicator's satuan."""


@dataclass(frozen=True)
class Kolom:
    field: str
    judul: str
    peran: Peran
    kind: Kind | str | None = None
    """A number kind, :data:`SATUAN`, ``"tanggal"``, or None for text."""
    wajib: bool = True
    lebar: int = 14
    pilihan: tuple[str, ...] = ()


@dataclass(frozen=True)
class Lembar:
    nama: str
    tabel: str
    """The CSV table it fills; ``kinerja`` fills ``target`` and ``realisasi``."""
    catatan: str
    kolom: tuple[Kolom, ...]
    tertutup: bool = False
    boleh_kosong: bool = False
    """A closed sheet's row whose inputs are all empty is left out (no row in the table)."""
    isian: bool = False
    """A list of fields (Profil) instead of a table."""

    def kunci(self) -> tuple[Kolom, ...]:
        return tuple(k for k in self.kolom if k.peran == "kunci")


def _kind(tabel: str, field: str) -> Kind | str | None:
    if field == "tanggal_ttd":
        return "tanggal"
    return TABLES[tabel].kind(field)


def _wajib(tabel: str, field: str) -> bool:
    return TABLES[tabel].model.model_fields[field].is_required()


def _isi(tabel: str, *fields: str, lebar: dict[str, int] | None = None) -> tuple[Kolom, ...]:
    out = []
    for f in fields:
        desc = TABLES[tabel].model.model_fields[f].description or f
        out.append(Kolom(f, desc, "isian", _kind(tabel, f), _wajib(tabel, f), (lebar or {}).get(f, 16)))
    return tuple(out)


PROFIL_FIELDS = tuple(f for f in TABLES["profil"].model.model_fields if f not in ("kecamatan", "tahun", "data_contoh"))

LEMBAR: tuple[Lembar, ...] = (
    Lembar(
        "Profil",
        "profil",
        "Isi kolom Nilai untuk setiap baris. Angka ditulis tanpa satuan.",
        _isi("profil", *PROFIL_FIELDS),
        isian=True,
    ),
    Lembar(
        "Pegawai Status",
        "pegawai_status",
        "Jumlah pegawai menurut status kepegawaian, per jenis kelamin.",
        (Kolom("status", "Status", "kunci", lebar=14), *_isi("pegawai_status", "laki", "perempuan")),
        tertutup=True,
    ),
    Lembar(
        "Pegawai Pendidikan",
        "pegawai_pendidikan",
        "Jumlah pegawai menurut pendidikan terakhir; biarkan kosong jenjang yang tidak ada pegawainya.",
        (Kolom("pendidikan", "Pendidikan", "kunci", lebar=14), *_isi("pegawai_pendidikan", "laki", "perempuan")),
        tertutup=True,
        boleh_kosong=True,
    ),
    Lembar(
        "Kinerja",
        "kinerja",
        "Target (dari Perjanjian Kinerja yang ditandatangani) dan realisasi tahun ini, dalam satuan indikatornya.",
        (
            Kolom("indikator", "Kode", "kunci", lebar=8),
            Kolom("uraian", "Indikator", "acuan", lebar=80),
            Kolom("satuan", "Satuan", "acuan", lebar=10),
            Kolom("lalu", "Realisasi tahun lalu (acuan)", "acuan", SATUAN, False, 28),
            Kolom("target", "Target", "isian", SATUAN, True, 14),
            Kolom("realisasi", "Realisasi", "isian", SATUAN, True, 14),
        ),
        tertutup=True,
    ),
    Lembar(
        "Program",
        "program",
        "Program tahun ini: kode, nama, anggaran setelah perubahan dan realisasinya (rupiah).",
        _isi("program", "kode", "nama", "anggaran", "realisasi", lebar={"nama": 60, "kode": 8}),
    ),
    Lembar(
        "Kegiatan",
        "kegiatan",
        "Kegiatan setiap program. Anggaran dan realisasi boleh kosong; bila diisi, jumlah sub-kegiatannya harus sama.",
        _isi("kegiatan", "program", "nomor", "kode", "nama", "anggaran", "realisasi", lebar={"nama": 60}),
    ),
    Lembar(
        "Sub-kegiatan",
        "subkegiatan",
        "Sub-kegiatan setiap kegiatan (program dan nomor kegiatan seperti di lembar Kegiatan).",
        _isi(
            "subkegiatan", "program", "kegiatan", "nomor", "kode", "nama", "anggaran", "realisasi", lebar={"nama": 60}
        ),
    ),
    Lembar(
        "Belanja",
        "belanja",
        "Anggaran belanja operasional dan modal; jumlahnya sama dengan jumlah anggaran program.",
        (Kolom("jenis", "Jenis belanja", "kunci", lebar=16), *_isi("belanja", "anggaran")),
        tertutup=True,
    ),
    Lembar(
        "Pengadaan",
        "pengadaan",
        "Total rencana dan realisasi pengadaan barang/jasa (rupiah); isi 0 bila tidak ada.",
        _isi("pengadaan", "rencana", "realisasi"),
        tertutup=True,
    ),
    Lembar(
        "Penghargaan",
        "penghargaan",
        "Prestasi dan penghargaan yang diterima tahun ini.",
        _isi("penghargaan", "nomor", "nama", "pemberi", lebar={"nama": 70, "pemberi": 40}),
    ),
    Lembar(
        "Inovasi",
        "inovasi",
        "Inovasi kecamatan tahun ini.",
        _isi("inovasi", "nomor", "nama", "latar_belakang", "manfaat", lebar={"latar_belakang": 60, "manfaat": 60}),
    ),
    Lembar(
        "Sumber",
        "sumber",
        "Teks 'Sumber:' di bawah setiap kelompok tabel laporan; biarkan kosong bila belum ada.",
        (Kolom("tabel", "Kelompok tabel", "kunci", lebar=22), *_isi("sumber", "sumber", lebar={"sumber": 60})),
        tertutup=True,
        boleh_kosong=True,
    ),
)

TABEL_DIISI: tuple[str, ...] = ("profil", "pegawai_status", "pegawai_pendidikan", "target", "realisasi")
TABEL_DIISI += ("program", "kegiatan", "subkegiatan", "belanja", "pengadaan", "penghargaan", "inovasi", "sumber")
"""The tables an import replaces the kecamatan's rows of, for the form's year."""

CLOSED_KEYS: dict[str, tuple[str, ...]] = {
    "pegawai_status": ("ASN", "Non ASN"),
    "pegawai_pendidikan": PENDIDIKAN,
    "belanja": ("operasional", "modal"),
    "sumber": SUMBER_TABEL,
}
"""The rows of the closed sheets keyed by a closed list (Kinerja is keyed by the year's indicators)."""


def lembar(nama: str) -> Lembar:
    return next(s for s in LEMBAR if s.nama == nama)
