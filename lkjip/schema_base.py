"""The building blocks of the table schemas: the row base class, shared field types, :class:`Table`, number kinds.

Split from :mod:`lkjip.schema` (which holds the tables themselves) so that the
row models of a group of tables can live in a module of their own
(:mod:`lkjip.schema_anggaran`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from lkjip.numeric import Kind

Slug = str

# Field types shared by many tables: one definition each (bounds and the description the loader's messages quote).
Kecamatan = Annotated[Slug, Field(description="Slug kecamatan")]
Tahun = Annotated[int, Field(ge=2000, le=2100, description="Tahun laporan")]
TahunTarget = Annotated[int, Field(ge=2000, le=2100, description="Tahun target")]
TahunRealisasi = Annotated[int, Field(ge=2000, le=2100, description="Tahun realisasi")]
TahunAnggaran = Annotated[int, Field(ge=2000, le=2100, description="Tahun anggaran")]
PeriodeAwal = Annotated[int, Field(ge=2000, le=2100, description="Tahun awal periode Renstra")]
PeriodeAkhir = Annotated[int, Field(ge=2000, le=2100, description="Tahun akhir periode Renstra")]


class Row(BaseModel):
    """Base of all row models: strip whitespace, forbid nothing extra silently."""

    model_config = ConfigDict(str_strip_whitespace=True, extra="ignore")


@dataclass(frozen=True)
class Table:
    """One input table: its file stem, row model, unique key and purpose."""

    name: str
    model: type[Row]
    key: tuple[str, ...]
    description: str
    required: bool = True
    rupiah: tuple[str, ...] = ()
    """Columns in whole rupiah (thousands dots and a 'Rp' prefix accepted)."""
    by_satuan: tuple[str, ...] = ()
    """Columns whose number kind follows the indicator's satuan (see :func:`kind_of_satuan`)."""

    def kind(self, column: str) -> Kind | None:
        """The number kind of ``column`` when it is not set by a satuan; None for text columns."""
        if column in self.rupiah:
            return Kind.RUPIAH
        if column in YEAR_COLUMNS:
            return Kind.YEAR
        annotation = self.model.model_fields[column].annotation
        if annotation in (int, int | None):
            return Kind.COUNT
        if annotation in (float, float | None):
            return Kind.DECIMAL
        return None


YEAR_COLUMNS = ("tahun", "periode_awal", "periode_akhir")

PERCENT_SATUAN = ("%", "persen", "persentase")
DECIMAL_SATUAN = ("indeks", "nilai", "skor", "poin", "rasio", "hari", "jam", "menit", "detik", "tahun", "bulan")
RUPIAH_SATUAN = ("rupiah", "rp", "rp.")


def kind_of_satuan(satuan: str | None) -> Kind:
    """The number kind of a target or realisasi, from its indicator's satuan.

    ``%`` (or persen) reads a percentage; Rupiah reads whole rupiah; index-like
    and time units read decimals; anything else (Dokumen, Orang, Kejadian, Desa,
    Kegiatan, ...) counts things and reads whole numbers. An unknown indicator
    reads a decimal: strict, and its code is reported by the rules anyway.
    """
    if satuan is None:
        return Kind.DECIMAL
    s = satuan.strip().lower()
    if s in PERCENT_SATUAN:
        return Kind.PERCENT
    if s in RUPIAH_SATUAN:
        return Kind.RUPIAH
    if s in DECIMAL_SATUAN or not s:
        return Kind.DECIMAL
    return Kind.COUNT
