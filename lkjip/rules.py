"""Domain and cross-table rules, run on the typed tables of one year.

Each rule returns problems; none raises. Rules for a kecamatan run only when
its rows passed the schema (see :func:`lkjip.validate.validate`), so a
wrongly typed cell never shows up twice as a broken sum.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable

import pandas as pd

from lkjip.dataset import Dataset
from lkjip.format import nilai, rupiah
from lkjip.load import ROW
from lkjip.problems import ERROR, SHARED, WARNING, Level, Problem

Rule = Callable[[Dataset, str, int], list[Problem]]


def _p(
    ds: Dataset,
    table: str,
    row: pd.Series | None,
    column: str | None,
    message: str,
    fix: str,
    slug: str | None,
    value: object = None,
    level: Level = ERROR,
) -> Problem:
    if row is not None and value is None and column in row.index:
        value = row[column]
    return Problem(
        ds.locations[table],
        None if row is None else int(row[ROW]),
        column,
        None if value is None else _text(value),
        message,
        fix,
        level,
        slug,
    )


def _text(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


# ---------------------------------------------------------------- registry


def _empty_shared(ds: Dataset, table: str, columns: str) -> Problem:
    return Problem(
        ds.locations[table],
        None,
        None,
        None,
        "Tabel bersama ini tidak berisi satu baris pun (atau semua barisnya salah).",
        f"Isi barisnya: {columns}; lihat data/README.md.",
        scope=SHARED,
    )


def check_registry(ds: Dataset) -> list[Problem]:
    """The registry lists at least one kecamatan (else every row elsewhere would belong to nobody)."""
    if ds["kecamatan"].empty:
        return [_empty_shared(ds, "kecamatan", "kode, nama, slug untuk 27 kecamatan")]
    return []


def check_skala(ds: Dataset) -> list[Problem]:
    """Bands are ordered from the highest down and only the last is open."""
    s = ds["skala_predikat"].sort_values("urutan")
    out: list[Problem] = []
    if s.empty:
        return [
            _empty_shared(
                ds, "skala_predikat", "urutan, predikat, lebih_dari, teks_skala (lima pita Permendagri 86/2017)"
            )
        ]
    bounds = list(s["lebih_dari"])
    for i, (_, row) in enumerate(s.iterrows()):
        last = i == len(s) - 1
        if last and not pd.isna(row["lebih_dari"]):
            out.append(
                _p(
                    ds,
                    "skala_predikat",
                    row,
                    "lebih_dari",
                    "Pita terendah harus tanpa batas bawah.",
                    "Kosongkan 'lebih_dari' pada baris dengan urutan terbesar.",
                    None,
                )
            )
        if not last and pd.isna(row["lebih_dari"]):
            out.append(
                _p(
                    ds,
                    "skala_predikat",
                    row,
                    "lebih_dari",
                    "Hanya pita terendah yang boleh tanpa batas bawah.",
                    "Isi batas bawah (% capaian > nilai ini).",
                    None,
                    value="",
                )
            )
        if i > 0 and not last and not pd.isna(bounds[i]) and not pd.isna(bounds[i - 1]) and bounds[i] >= bounds[i - 1]:
            out.append(
                _p(
                    ds,
                    "skala_predikat",
                    row,
                    "lebih_dari",
                    "Batas bawah harus lebih kecil dari batas pita di atasnya.",
                    "Urutkan pita dari predikat tertinggi (urutan 1) ke terendah.",
                    None,
                )
            )
    return out + _skala_labels(ds, s) + _skala_texts(ds, s)


STANDARD_PREDIKAT = ("sangat tinggi", "tinggi", "sedang", "rendah", "sangat rendah")
"""Permendagri 86/2017's labels, highest first: a scale that uses them must keep this order."""


def _skala_labels(ds: Dataset, s: pd.DataFrame) -> list[Problem]:
    out: list[Problem] = []
    seen: dict[str, int] = {}
    for _, row in s.iterrows():
        label = " ".join(str(row["predikat"]).lower().split())
        if label in seen:
            out.append(
                _p(
                    ds,
                    "skala_predikat",
                    row,
                    "predikat",
                    f"Predikat ganda: sama dengan baris {seen[label]}.",
                    "Setiap pita harus punya predikat sendiri, mis. Sangat Tinggi, Tinggi, Sedang, Rendah, "
                    "Sangat Rendah.",
                    None,
                )
            )
        seen.setdefault(label, int(row[ROW]))
    ranks = [STANDARD_PREDIKAT.index(lbl) for lbl in seen if lbl in STANDARD_PREDIKAT]
    if len(ranks) == len(seen) and ranks != sorted(ranks):
        out.append(
            _p(
                ds,
                "skala_predikat",
                None,
                "predikat",
                "Urutan predikat bertentangan dengan batasnya: pita dengan batas lebih tinggi harus berpredikat "
                "lebih tinggi.",
                "Urutkan: Sangat Tinggi (urutan 1), Tinggi, Sedang, Rendah, Sangat Rendah.",
                None,
                value=" > ".join(str(x) for x in s["predikat"]),
            )
        )
    if len(s) and not pd.isna(s.iloc[0]["lebih_dari"]) and s.iloc[0]["lebih_dari"] >= 100:
        out.append(
            _p(
                ds,
                "skala_predikat",
                s.iloc[0],
                "lebih_dari",
                "Pita tertinggi tidak mencakup capaian 100%.",
                "Batas bawah pita tertinggi harus di bawah 100 (Permendagri 86/2017: > 90).",
                None,
            )
        )
    return out


_PERCENT_IN_TEXT = re.compile(r"(\d+(?:[.,]\d+)?)\s*%")


def _skala_texts(ds: Dataset, s: pd.DataFrame) -> list[Problem]:
    """The printed range of each band must agree with its bounds.

    The regulation writes whole percents: a band "> 90" up to 100 reads
    "91% ≤ 100%". A lower number in the text agrees when it is the bound
    itself or the bound's next whole percent; the upper number is the bound
    of the band above (100 for the top band).
    """
    out: list[Problem] = []
    bounds = list(s["lebih_dari"])
    for i, (_, row) in enumerate(s.iterrows()):
        numbers = [float(x.replace(",", ".")) for x in _PERCENT_IN_TEXT.findall(str(row["teks_skala"]))]
        low = bounds[i]
        high = 100.0 if i == 0 else bounds[i - 1]
        if pd.isna(low):
            expected = [high]
            ok = numbers == [high] or numbers == [0.0, high]
        else:
            expected = [math.floor(low) + 1, high]
            ok = len(numbers) == 2 and numbers[0] in (low, math.floor(low) + 1) and numbers[1] == high
        if not ok:
            want = " ≤ ".join(f"{nilai(x)}%" for x in expected)
            out.append(
                _p(
                    ds,
                    "skala_predikat",
                    row,
                    "teks_skala",
                    "Rentang yang tertulis tidak sesuai dengan batas pita "
                    + (f"(> {nilai(low)} sampai {nilai(high)})." if not pd.isna(low) else f"(≤ {nilai(high)})."),
                    f"Tulis rentangnya seperti '{want}', atau perbaiki kolom lebih_dari.",
                    None,
                )
            )
    return out


def check_organisasi(ds: Dataset) -> list[Problem]:
    """One head unit; every induk is a known unit."""
    org = ds["organisasi"]
    out: list[Problem] = []
    if org.empty:
        return [_empty_shared(ds, "organisasi", "urutan, kode, unit, induk (Camat tanpa induk)")]
    roots = org[org["induk"].isna()]
    if len(org) and len(roots) != 1:
        out.append(
            _p(
                ds,
                "organisasi",
                None,
                "induk",
                f"Harus ada tepat satu unit tanpa induk (ada {len(roots)}).",
                "Kosongkan induk hanya pada baris Camat.",
                None,
                value=len(roots),
            )
        )
    for _, row in org[org["induk"].notna() & ~org["induk"].isin(org["kode"])].iterrows():
        out.append(
            _p(
                ds,
                "organisasi",
                row,
                "induk",
                "Kode induk tidak ditemukan di tabel organisasi.",
                f"Gunakan salah satu kode: {', '.join(org['kode'])}.",
                None,
            )
        )
    return out


# ---------------------------------------------------------------- per kecamatan


def check_profil(ds: Dataset, slug: str, tahun: int) -> list[Problem]:
    rows = ds.rows("profil", slug, tahun)
    if rows.empty:
        return [
            _p(
                ds,
                "profil",
                None,
                "kecamatan",
                f"Tidak ada profil {slug} tahun {tahun}.",
                "Tambahkan satu baris profil untuk kecamatan dan tahun ini.",
                slug,
                value=slug,
            )
        ]
    row = rows.iloc[0]
    out: list[Problem] = []
    total = row["penduduk_laki"] + row["penduduk_perempuan"]
    if total != row["penduduk_jumlah"]:
        out.append(
            _p(
                ds,
                "profil",
                row,
                "penduduk_jumlah",
                f"Jumlah penduduk tidak sama dengan laki-laki + perempuan "
                f"({row['penduduk_laki']} + {row['penduduk_perempuan']} = {total}).",
                "Perbaiki salah satu dari penduduk_laki, penduduk_perempuan atau penduduk_jumlah.",
                slug,
            )
        )
    if row["tanggal_ttd"].year < tahun:
        out.append(
            _p(
                ds,
                "profil",
                row,
                "tanggal_ttd",
                f"Tanggal penandatanganan sebelum tahun laporan {tahun}.",
                "Isi tanggal penandatanganan laporan, biasanya Januari tahun berikutnya.",
                slug,
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
                _p(
                    ds,
                    name,
                    None,
                    "kecamatan",
                    f"Tidak ada data pegawai {slug} tahun {tahun}.",
                    "Tambahkan baris pegawai untuk kecamatan dan tahun ini.",
                    slug,
                    value=slug,
                )
            )
    if out:
        return out
    for sex in ("laki", "perempuan"):
        a, b = int(status[sex].sum()), int(pend[sex].sum())
        if a != b:
            out.append(
                _p(
                    ds,
                    "pegawai_pendidikan",
                    None,
                    sex,
                    f"Jumlah pegawai {sex} menurut pendidikan ({b}: {_rows_sum(pend, sex)}) tidak sama dengan "
                    f"menurut status di {ds.locations['pegawai_status']} ({a}: {_rows_sum(status, sex)}).",
                    "Kedua tabel pegawai harus menghitung orang yang sama; perbaiki baris yang salah di salah satu "
                    "tabel.",
                    slug,
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
                _p(
                    ds,
                    "renstra",
                    row,
                    "periode_akhir",
                    "Tahun akhir Renstra sebelum tahun awal.",
                    "Periksa periode_awal dan periode_akhir.",
                    slug,
                )
            )
    ren = ds.renstra_for(slug, tahun)
    if len(ren) != 1:
        msg = "Tidak ada Renstra" if ren.empty else "Lebih dari satu Renstra"
        fix = "Pastikan tepat satu baris Renstra dengan periode_awal <= tahun <= periode_akhir."
        return [
            *out,
            _p(ds, "renstra", None, "periode_awal", f"{msg} yang mencakup tahun {tahun}.", fix, slug, value=tahun),
        ]
    periode = int(ren.iloc[0]["periode_awal"])
    sas = ds.rows("sasaran", slug, periode_awal=periode)
    codes = set(sas["kode"])
    for _, row in sas.iterrows():
        induk = row["induk"]
        if row["jenis"] == "tujuan" and pd.notna(induk):
            out.append(
                _p(
                    ds,
                    "sasaran",
                    row,
                    "induk",
                    "Tujuan tidak boleh berinduk.",
                    "Kosongkan kolom induk untuk baris berjenis tujuan.",
                    slug,
                )
            )
        elif pd.notna(induk) and induk not in codes:
            out.append(
                _p(
                    ds,
                    "sasaran",
                    row,
                    "induk",
                    "Kode induk tidak ditemukan di tabel sasaran.",
                    f"Gunakan salah satu kode: {', '.join(sorted(codes))}.",
                    slug,
                )
            )
    ind = ds.rows("indikator", slug, periode_awal=periode)
    if ind.empty:
        out.append(
            _p(
                ds,
                "indikator",
                None,
                "kecamatan",
                f"Renstra {periode} tidak memiliki indikator.",
                "Tambahkan indikator untuk tujuan/sasaran Renstra ini.",
                slug,
                value=slug,
            )
        )
    for _, row in ind[~ind["sasaran"].isin(codes)].iterrows():
        out.append(
            _p(
                ds,
                "indikator",
                row,
                "sasaran",
                "Kode tujuan/sasaran tidak ditemukan di tabel sasaran.",
                f"Gunakan salah satu kode: {', '.join(sorted(codes))}.",
                slug,
            )
        )
    for _, row in ind[ind["target_akhir_renstra"] == 0].iterrows():
        out.append(
            _p(
                ds,
                "indikator",
                row,
                "target_akhir_renstra",
                "Target akhir Renstra bernilai nol.",
                "Isi target akhir Renstra yang sebenarnya; capaian terhadap target nol tidak terdefinisi.",
                slug,
            )
        )
    return out


def _indikator_codes(ds: Dataset, slug: str, tahun: int) -> pd.DataFrame:
    ren = ds.renstra_for(slug, tahun)
    if len(ren) != 1:
        return ds.rows("indikator", slug).iloc[0:0]
    return ds.rows("indikator", slug, periode_awal=int(ren.iloc[0]["periode_awal"]))


def check_kinerja(ds: Dataset, slug: str, tahun: int) -> list[Problem]:
    """Targets and realisasi: references, zero targets, PK completeness, % ranges."""
    out: list[Problem] = []
    ind = _indikator_codes(ds, slug, tahun).set_index("kode")
    codes = ", ".join(ind.index)
    target = ds.rows("target", slug, tahun)
    real = ds.rows("realisasi", slug)
    real = real[real["tahun"].isin([tahun - 1, tahun])]
    for name, frame in (("target", target), ("realisasi", real)):
        for _, row in frame[~frame["indikator"].isin(ind.index)].iterrows():
            out.append(
                _p(
                    ds,
                    name,
                    row,
                    "indikator",
                    "Kode indikator tidak ditemukan di Renstra yang berlaku.",
                    f"Gunakan salah satu kode: {codes}.",
                    slug,
                )
            )
    if target.empty:
        out.append(
            _p(
                ds,
                "target",
                None,
                "tahun",
                f"Tidak ada target (Perjanjian Kinerja) tahun {tahun}.",
                "Tambahkan target setiap indikator Perjanjian Kinerja tahun ini.",
                slug,
                value=tahun,
            )
        )
    done = set(real.loc[real["tahun"] == tahun, "indikator"])
    before = set(real.loc[real["tahun"] == tahun - 1, "indikator"])
    for _, row in target[target["indikator"].isin(ind.index)].iterrows():
        if row["indikator"] not in done:
            out.append(
                _p(
                    ds,
                    "target",
                    row,
                    "indikator",
                    f"Indikator Perjanjian Kinerja tanpa realisasi tahun {tahun}.",
                    f"Tambahkan baris realisasi ({slug}, {row['indikator']}, {tahun}) di {ds.locations['realisasi']}.",
                    slug,
                )
            )
        if row["indikator"] not in before:
            out.append(
                _p(
                    ds,
                    "target",
                    row,
                    "indikator",
                    f"Tidak ada realisasi tahun {tahun - 1}; perbandingan antartahun ditampilkan kosong.",
                    f"Tambahkan baris realisasi ({slug}, {row['indikator']}, {tahun - 1}) bila ada.",
                    slug,
                    level=WARNING,
                )
            )
    out += _kinerja_years(ds, slug)
    out += _plausible(ds, slug, tahun, ind, target, real)
    percent = set(ind.index[ind["satuan"].str.strip() == "%"])
    for name, col, frame in (("target", "target", target), ("realisasi", "realisasi", real)):
        bad = frame[frame["indikator"].isin(percent) & ((frame[col] < 0) | (frame[col] > 100))]
        for _, row in bad.iterrows():
            out.append(
                _p(
                    ds,
                    name,
                    row,
                    col,
                    "Nilai persentase di luar rentang 0-100.",
                    "Tulis persentase sebagai angka 0 sampai 100, mis. 99.5 untuk 99,5%.",
                    slug,
                )
            )
    return out


def _kinerja_years(ds: Dataset, slug: str) -> list[Problem]:
    """Targets lie within a Renstra period; realisasi too, or in the year before it (the baseline)."""
    periods = [(int(r["periode_awal"]), int(r["periode_akhir"])) for _, r in ds.rows("renstra", slug).iterrows()]
    text = ", ".join(f"{a}-{b}" for a, b in periods) or "(tidak ada)"
    out: list[Problem] = []
    for name, slack in (("target", 0), ("realisasi", 1)):
        for _, row in ds.rows(name, slug).iterrows():
            year = int(row["tahun"])
            if not any(a - slack <= year <= b for a, b in periods):
                out.append(
                    _p(
                        ds,
                        name,
                        row,
                        "tahun",
                        f"Tahun {year} di luar periode Renstra kecamatan ini ({text}).",
                        "Periksa tahunnya; "
                        + (
                            "target harus dalam periode Renstra."
                            if not slack
                            else "realisasi boleh sampai satu tahun sebelum periode Renstra (tahun dasar)."
                        ),
                        slug,
                    )
                )
    return out


PLAUSIBLE_FACTOR = 10
"""Realisasi above ten times its target, or below a tenth of it, is flagged as a likely typing error."""


def _plausible(
    ds: Dataset, slug: str, tahun: int, ind: pd.DataFrame, target: pd.DataFrame, real: pd.DataFrame
) -> list[Problem]:
    out: list[Problem] = []
    now = real[real["tahun"] == tahun].set_index("indikator")
    for _, row in target[target["indikator"].isin(ind.index) & target["indikator"].isin(now.index)].iterrows():
        r = now.loc[row["indikator"]]
        t, value = float(row["target"]), float(r["realisasi"])
        if value > PLAUSIBLE_FACTOR * t or (0 < value < t / PLAUSIBLE_FACTOR):
            out.append(
                Problem(
                    ds.locations["realisasi"],
                    int(r[ROW]),
                    "realisasi",
                    _text(value),
                    f"Realisasi {nilai(value)} jauh dari targetnya {nilai(t)} ({ds.locations['target']} baris "
                    f"{int(row[ROW])}): lebih dari {PLAUSIBLE_FACTOR} kali lipat atau kurang dari sepersepuluhnya.",
                    "Periksa salah ketik (digit, titik/koma, format persen di Excel); bila benar, jelaskan dalam "
                    "narasi.",
                    WARNING,
                    slug,
                )
            )
    return out


def check_anggaran(ds: Dataset, slug: str, tahun: int) -> list[Problem]:
    """Programs: links resolve; realisasi within anggaran; parts add up to totals."""
    out: list[Problem] = []
    prog = ds.rows("program", slug, tahun)
    link = ds.rows("program_sasaran", slug, tahun)
    if prog.empty:
        return [
            _p(
                ds,
                "program",
                None,
                "tahun",
                f"Tidak ada program tahun {tahun}.",
                "Tambahkan program beserta anggaran dan realisasinya.",
                slug,
                value=tahun,
            )
        ]
    for _, row in prog[prog["realisasi"] > prog["anggaran"]].iterrows():
        out.append(
            _p(
                ds,
                "program",
                row,
                "realisasi",
                f"Realisasi melebihi anggaran ({rupiah(row['anggaran'])}).",
                "Periksa kembali angka realisasi; bila benar, jelaskan dalam narasi.",
                slug,
                level=WARNING,
            )
        )
    for _, row in link[~link["program"].isin(prog["kode"])].iterrows():
        out.append(
            _p(
                ds,
                "program_sasaran",
                row,
                "program",
                "Kode program tidak ditemukan di tabel program.",
                f"Gunakan salah satu kode: {', '.join(prog['kode'])}.",
                slug,
            )
        )
    ren = ds.renstra_for(slug, tahun)
    if len(ren) == 1:
        codes = set(ds.rows("sasaran", slug, periode_awal=int(ren.iloc[0]["periode_awal"]))["kode"])
        for _, row in link[~link["sasaran"].isin(codes)].iterrows():
            out.append(
                _p(
                    ds,
                    "program_sasaran",
                    row,
                    "sasaran",
                    "Kode tujuan/sasaran tidak ditemukan di Renstra yang berlaku.",
                    f"Gunakan salah satu kode: {', '.join(sorted(codes))}.",
                    slug,
                )
            )
    belanja = ds.rows("belanja", slug, tahun)
    if belanja.empty:
        out.append(
            _p(
                ds,
                "belanja",
                None,
                "tahun",
                f"Tidak ada rincian belanja operasional/modal tahun {tahun}.",
                "Tambahkan baris belanja operasional dan modal.",
                slug,
                value=tahun,
            )
        )
    else:
        total_belanja, total_prog = int(belanja["anggaran"].sum()), int(prog["anggaran"].sum())
        if total_belanja != total_prog:
            out.append(
                _p(
                    ds,
                    "belanja",
                    None,
                    "anggaran",
                    f"Belanja operasional + modal ({rupiah(total_belanja)}) tidak sama dengan jumlah "
                    f"anggaran program di {ds.locations['program']} ({rupiah(total_prog)}).",
                    "Perbaiki anggaran belanja atau anggaran program agar jumlahnya sama.",
                    slug,
                    value=total_belanja,
                )
            )
    pengadaan = ds.rows("pengadaan", slug, tahun)
    if pengadaan.empty:
        out.append(
            _p(
                ds,
                "pengadaan",
                None,
                "tahun",
                f"Tidak ada baris pengadaan barang/jasa {slug} tahun {tahun}.",
                f"Tambahkan baris ({slug}, {tahun}, rencana, realisasi); isi 0 bila tidak ada pengadaan.",
                slug,
                value=tahun,
            )
        )
    for _, row in pengadaan.iterrows():
        for col, total, label in (
            ("rencana", int(prog["anggaran"].sum()), "anggaran"),
            ("realisasi", int(prog["realisasi"].sum()), "realisasi"),
        ):
            if row[col] > total:
                out.append(
                    _p(
                        ds,
                        "pengadaan",
                        row,
                        col,
                        f"Pengadaan ({rupiah(row[col])}) melebihi seluruh {label} program kecamatan ini "
                        f"({rupiah(total)}); pengadaan adalah bagian dari anggaran.",
                        "Periksa jumlah digit dan pemisah ribuan.",
                        slug,
                    )
                )
        if row["realisasi"] > row["rencana"]:
            out.append(
                _p(
                    ds,
                    "pengadaan",
                    row,
                    "realisasi",
                    "Realisasi pengadaan melebihi rencana.",
                    "Periksa kembali angka realisasi pengadaan.",
                    slug,
                    level=WARNING,
                )
            )
    return out


def check_sumber(ds: Dataset, slug: str, tahun: int) -> list[Problem]:
    from lkjip.schema import SUMBER_TABEL

    have = set(ds.rows("sumber", slug, tahun)["tabel"])
    return [
        _p(
            ds,
            "sumber",
            None,
            "tabel",
            f"Sumber tabel '{t}' belum diisi; baris 'Sumber :' akan kosong.",
            f"Tambahkan baris ({slug}, {tahun}, {t}, <sumber>).",
            slug,
            value=t,
            level=WARNING,
        )
        for t in SUMBER_TABEL
        if t not in have
    ]


PER_KECAMATAN: tuple[Rule, ...] = (
    check_profil,
    check_pegawai,
    check_renstra,
    check_kinerja,
    check_anggaran,
    check_sumber,
)
