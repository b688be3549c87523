"""Rules of a kecamatan's own tables: profil, organisation, staff, Renstra, sources."""

from __future__ import annotations

import pandas as pd

from lkjip.dataset import Dataset
from lkjip.load import ROW
from lkjip.problems import Problem
from lkjip.rules.at import At


def check_organisasi(ds: Dataset, slug: str, tahun: int) -> list[Problem]:
    """The kecamatan has an organisation: one head unit; every induk is one of its units."""
    org = ds.rows("organisasi", slug)
    out: list[Problem] = []
    if org.empty:
        return [
            At(ds, "organisasi", slug).error(
                None,
                "kecamatan",
                f"Kecamatan {slug} belum punya susunan organisasi; bagan Gambar 1.1 dan daftar unit Bab I D "
                "tidak dapat dibuat.",
                f"Tambahkan baris ({slug}, urutan, kode, unit, induk) untuk setiap unit, Camat tanpa induk; bila "
                "susunannya sama dengan kecamatan lain, salin baris kecamatan itu dan ganti kolom kecamatan "
                f"menjadi '{slug}'.",
                value=slug,
            )
        ]
    roots = org[org["induk"].isna()]
    if len(roots) != 1:
        out.append(
            At(ds, "organisasi", slug).error(
                None,
                "induk",
                f"Susunan organisasi {slug} harus punya tepat satu unit tanpa induk (ada {len(roots)}).",
                "Kosongkan induk hanya pada baris Camat.",
                value=len(roots),
            )
        )
    for _, row in org[org["induk"].notna() & ~org["induk"].isin(org["kode"])].iterrows():
        out.append(
            At(ds, "organisasi", slug).error(
                row,
                "induk",
                f"Kode induk tidak ditemukan di antara unit organisasi {slug}.",
                f"Gunakan salah satu kode: {', '.join(org['kode'])}.",
            )
        )
    return out


def check_profil(ds: Dataset, slug: str, tahun: int) -> list[Problem]:
    rows = ds.rows("profil", slug, tahun)
    if rows.empty:
        return [
            At(ds, "profil", slug).error(
                None,
                "kecamatan",
                f"Tidak ada profil {slug} tahun {tahun}.",
                "Tambahkan satu baris profil untuk kecamatan dan tahun ini.",
                value=slug,
            )
        ]
    row = rows.iloc[0]
    out: list[Problem] = []
    total = row["penduduk_laki"] + row["penduduk_perempuan"]
    if total != row["penduduk_jumlah"]:
        out.append(
            At(ds, "profil", slug).error(
                row,
                "penduduk_jumlah",
                f"Jumlah penduduk tidak sama dengan laki-laki + perempuan "
                f"({row['penduduk_laki']} + {row['penduduk_perempuan']} = {total}).",
                "Perbaiki salah satu dari penduduk_laki, penduduk_perempuan atau penduduk_jumlah.",
            )
        )
    if row["tanggal_ttd"].year < tahun:
        out.append(
            At(ds, "profil", slug).error(
                row,
                "tanggal_ttd",
                f"Tanggal penandatanganan sebelum tahun laporan {tahun}.",
                "Isi tanggal penandatanganan laporan, biasanya Januari tahun berikutnya.",
            )
        )
    return out


def check_pegawai(ds: Dataset, slug: str, tahun: int) -> list[Problem]:
    status = ds.rows("pegawai_status", slug, tahun)
    pend = ds.rows("pegawai_pendidikan", slug, tahun)
    out: list[Problem] = []
    for name, frame in (("pegawai_status", status), ("pegawai_pendidikan", pend)):
        if frame.empty:
            out.append(
                At(ds, name, slug).error(
                    None,
                    "kecamatan",
                    f"Tidak ada data pegawai {slug} tahun {tahun}.",
                    "Tambahkan baris pegawai untuk kecamatan dan tahun ini.",
                    value=slug,
                )
            )
    if out:
        return out
    for sex in ("laki", "perempuan"):
        a, b = int(status[sex].sum()), int(pend[sex].sum())
        if a != b:
            out.append(
                At(ds, "pegawai_pendidikan", slug).error(
                    None,
                    sex,
                    f"Jumlah pegawai {sex} menurut pendidikan ({b}: {_rows_sum(pend, sex)}) tidak sama dengan "
                    f"menurut status di {ds.locations['pegawai_status']} ({a}: {_rows_sum(status, sex)}).",
                    "Kedua tabel pegawai harus menghitung orang yang sama; perbaiki baris yang salah di salah satu "
                    "tabel.",
                    value=b,
                )
            )
    return out


def _rows_sum(frame: pd.DataFrame, column: str) -> str:
    """'baris 2 = 1 + baris 3 = 4 + ...': the rows behind a sum, as the analyst finds them."""
    return " + ".join(f"baris {int(r[ROW])} = {int(r[column])}" for _, r in frame.sort_values(ROW).iterrows())


def check_renstra(ds: Dataset, slug: str, tahun: int) -> list[Problem]:
    """One Renstra covers the year; tujuan/sasaran/indikator references resolve."""
    out: list[Problem] = []
    for _, row in ds.rows("renstra", slug).iterrows():
        if row["periode_akhir"] < row["periode_awal"]:
            out.append(
                At(ds, "renstra", slug).error(
                    row,
                    "periode_akhir",
                    "Tahun akhir Renstra sebelum tahun awal.",
                    "Periksa periode_awal dan periode_akhir.",
                )
            )
    ren = ds.renstra_for(slug, tahun)
    if len(ren) != 1:
        msg = "Tidak ada Renstra" if ren.empty else "Lebih dari satu Renstra"
        fix = "Pastikan tepat satu baris Renstra dengan periode_awal <= tahun <= periode_akhir."
        return [
            *out,
            At(ds, "renstra", slug).error(
                None, "periode_awal", f"{msg} yang mencakup tahun {tahun}.", fix, value=tahun
            ),
        ]
    periode = int(ren.iloc[0]["periode_awal"])
    sas = ds.rows("sasaran", slug, periode_awal=periode)
    codes = set(sas["kode"])
    for _, row in sas.iterrows():
        induk = row["induk"]
        if row["jenis"] == "tujuan" and pd.notna(induk):
            out.append(
                At(ds, "sasaran", slug).error(
                    row, "induk", "Tujuan tidak boleh berinduk.", "Kosongkan kolom induk untuk baris berjenis tujuan."
                )
            )
        elif pd.notna(induk) and induk not in codes:
            out.append(
                At(ds, "sasaran", slug).error(
                    row,
                    "induk",
                    "Kode induk tidak ditemukan di tabel sasaran.",
                    f"Gunakan salah satu kode: {', '.join(sorted(codes))}.",
                )
            )
    ind = ds.rows("indikator", slug, periode_awal=periode)
    if ind.empty:
        out.append(
            At(ds, "indikator", slug).error(
                None,
                "kecamatan",
                f"Renstra {periode} tidak memiliki indikator.",
                "Tambahkan indikator untuk tujuan/sasaran Renstra ini.",
                value=slug,
            )
        )
    for _, row in ind[~ind["sasaran"].isin(codes)].iterrows():
        out.append(
            At(ds, "indikator", slug).error(
                row,
                "sasaran",
                "Kode tujuan/sasaran tidak ditemukan di tabel sasaran.",
                f"Gunakan salah satu kode: {', '.join(sorted(codes))}.",
            )
        )
    for _, row in ind[ind["target_akhir_renstra"] == 0].iterrows():
        out.append(
            At(ds, "indikator", slug).error(
                row,
                "target_akhir_renstra",
                "Target akhir Renstra bernilai nol.",
                "Isi target akhir Renstra yang sebenarnya; capaian terhadap target nol tidak terdefinisi.",
            )
        )
    return out


def check_sumber(ds: Dataset, slug: str, tahun: int) -> list[Problem]:
    from lkjip.schema import SUMBER_TABEL

    have = set(ds.rows("sumber", slug, tahun)["tabel"])
    return [
        At(ds, "sumber", slug).warning(
            None,
            "tabel",
            f"Sumber tabel '{t}' belum diisi; baris 'Sumber:' akan kosong.",
            f"Tambahkan baris ({slug}, {tahun}, {t}, <sumber>).",
            value=t,
        )
        for t in SUMBER_TABEL
        if t not in have
    ]
