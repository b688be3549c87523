"""Validated input data, whole and sliced to one kecamatan and year."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from lkjip.load import ROW


@dataclass(frozen=True)
class Dataset:
    """All typed tables plus, for messages, where each table came from."""

    frames: dict[str, pd.DataFrame]
    locations: dict[str, str]

    def __getitem__(self, name: str) -> pd.DataFrame:
        return self.frames[name]

    def renstra_for(self, slug: str, tahun: int) -> pd.DataFrame:
        r = self.frames["renstra"]
        return r[(r["kecamatan"] == slug) & (r["periode_awal"] <= tahun) & (r["periode_akhir"] >= tahun)]

    def rows(self, name: str, slug: str, tahun: int | None = None, periode_awal: int | None = None) -> pd.DataFrame:
        f = self.frames[name]
        mask = f["kecamatan"] == slug
        if tahun is not None:
            mask &= f["tahun"] == tahun
        if periode_awal is not None:
            mask &= f["periode_awal"] == periode_awal
        return f[mask]

    def slice(self, slug: str, tahun: int) -> KecamatanData:
        """The rows one report needs. Call only on data that passed validation."""
        reg = self.frames["kecamatan"].set_index("slug").loc[slug]
        renstra = self.renstra_for(slug, tahun).iloc[0]
        periode = int(renstra["periode_awal"])
        sumber = self.rows("sumber", slug, tahun)
        pengadaan = self.rows("pengadaan", slug, tahun)
        return KecamatanData(
            slug=slug,
            tahun=tahun,
            kode=str(reg["kode"]),
            nama=str(reg["nama"]),
            letak=None if pd.isna(reg.get("letak")) else str(reg["letak"]),
            profil=self.rows("profil", slug, tahun).iloc[0].drop(ROW),
            renstra=renstra.drop(ROW),
            misi=_clean(self.rows("misi", slug, periode_awal=periode).sort_values("nomor")),
            sasaran=_clean(self.rows("sasaran", slug, periode_awal=periode)),
            indikator=_clean(self.rows("indikator", slug, periode_awal=periode)),
            target=_clean(self.rows("target", slug)),
            realisasi=_clean(self.rows("realisasi", slug)),
            program=_clean(self.rows("program", slug, tahun)),
            program_sasaran=_clean(self.rows("program_sasaran", slug, tahun)),
            belanja=_clean(self.rows("belanja", slug, tahun)),
            pengadaan=None if pengadaan.empty else pengadaan.iloc[0],
            pegawai_status=_clean(self.rows("pegawai_status", slug, tahun)),
            pegawai_pendidikan=_clean(self.rows("pegawai_pendidikan", slug, tahun)),
            penghargaan=_clean(self.rows("penghargaan", slug, tahun).sort_values("nomor")),
            inovasi=_clean(self.rows("inovasi", slug, tahun).sort_values("nomor")),
            sumber=dict(zip(sumber["tabel"], sumber["sumber"], strict=True)),
            skala=_clean(self.frames["skala_predikat"].sort_values("urutan")),
            organisasi=_clean(self.rows("organisasi", slug).sort_values("urutan")),
            kabupaten=self.frames["kabupaten"].iloc[0].drop(ROW),
            regulasi=_clean(self.frames["regulasi"]),
            tugas_fungsi=_clean(self.frames["tugas_fungsi"]),
            kegiatan=_clean(self.rows("kegiatan", slug, tahun).sort_values(["program", "nomor"])),
            subkegiatan=_clean(self.rows("subkegiatan", slug, tahun).sort_values(["program", "kegiatan", "nomor"])),
            upaya=_clean(self.rows("upaya", slug, tahun).sort_values(["program", "nomor"])),
        )


def _clean(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.drop(columns=[ROW]).reset_index(drop=True)


@dataclass(frozen=True)
class KecamatanData:
    """The validated inputs of one report (one kecamatan, one year)."""

    slug: str
    tahun: int
    kode: str
    nama: str
    profil: pd.Series
    renstra: pd.Series
    misi: pd.DataFrame
    sasaran: pd.DataFrame
    indikator: pd.DataFrame
    target: pd.DataFrame
    realisasi: pd.DataFrame
    program: pd.DataFrame
    program_sasaran: pd.DataFrame
    belanja: pd.DataFrame
    pengadaan: pd.Series | None
    pegawai_status: pd.DataFrame
    pegawai_pendidikan: pd.DataFrame
    penghargaan: pd.DataFrame
    inovasi: pd.DataFrame
    sumber: dict[str, str] = field(default_factory=dict)
    skala: pd.DataFrame = field(default_factory=pd.DataFrame)
    organisasi: pd.DataFrame = field(default_factory=pd.DataFrame)
    """This kecamatan's own organisation units (``organisasi.csv`` has a row per kecamatan and unit)."""
    kabupaten: pd.Series = field(default_factory=lambda: pd.Series(dtype=object))
    """The one row of ``kabupaten.csv``: its name and number of kecamatan."""
    regulasi: pd.DataFrame = field(default_factory=pd.DataFrame)
    """The regulations the report cites (``regulasi.csv``), one row per ``kunci``."""
    tugas_fungsi: pd.DataFrame = field(default_factory=pd.DataFrame)
    """The camat's tugas and fungsi as the regulation words them (``tugas_fungsi.csv``), one row per point."""
    kegiatan: pd.DataFrame = field(default_factory=pd.DataFrame)
    """The budget hierarchy (``kegiatan.csv``, ``subkegiatan.csv``) and the upaya yang ditempuh (``upaya.csv``)."""
    subkegiatan: pd.DataFrame = field(default_factory=pd.DataFrame)
    upaya: pd.DataFrame = field(default_factory=pd.DataFrame)
    letak: str | None = None
    """Where the kecamatan lies in the kabupaten (``kecamatan.csv``, ``letak``), as read after 'berada di'."""
