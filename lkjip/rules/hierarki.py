"""Rules of the budget hierarchy: program -> kegiatan -> sub-kegiatan, and the upaya yang ditempuh.

Names are required, amounts below program level optional. Where amounts are
given they must add up: the sub-kegiatan of a kegiatan to the kegiatan, and
the kegiatan of a program (a kegiatan without an amount of its own counts as
the sum of its sub-kegiatan) to the program. Within one parent the amounts
are given for every child or for none, so a total is never compared with a
part of it.
"""

from __future__ import annotations

import pandas as pd

from lkjip.dataset import Dataset
from lkjip.format import rupiah
from lkjip.load import ROW
from lkjip.problems import Problem
from lkjip.rules.at import At

AMOUNTS = ("anggaran", "realisasi")
WORD = {"kegiatan": "kegiatan", "subkegiatan": "sub-kegiatan"}


def check_hierarki(ds: Dataset, slug: str, tahun: int) -> list[Problem]:
    """Links resolve, every amount is consistent, and the parts add up to their totals."""
    prog = ds.rows("program", slug, tahun)
    keg = ds.rows("kegiatan", slug, tahun)
    sub = ds.rows("subkegiatan", slug, tahun)
    upaya = ds.rows("upaya", slug, tahun)
    if keg.empty and sub.empty and upaya.empty:
        return []
    out = _links(ds, slug, tahun, prog, keg, sub, upaya)
    if out:
        return out  # sums over broken links would only repeat them
    for table, frame in (("kegiatan", keg), ("subkegiatan", sub)):
        out += _amounts(ds, slug, table, frame)
    for col in AMOUNTS:
        out += _sums(ds, slug, prog, keg, sub, col)
    out += _pendukung_tanpa_kegiatan(ds, slug, tahun, prog, keg)
    return out


def _links(
    ds: Dataset,
    slug: str,
    tahun: int,
    prog: pd.DataFrame,
    keg: pd.DataFrame,
    sub: pd.DataFrame,
    upaya: pd.DataFrame,
) -> list[Problem]:
    out: list[Problem] = []
    codes = list(prog["kode"])
    for table, frame in (("kegiatan", keg), ("subkegiatan", sub), ("upaya", upaya)):
        for _, row in frame[~frame["program"].isin(codes)].iterrows():
            out.append(
                At(ds, table, slug).error(
                    row,
                    "program",
                    f"Kode program tidak ditemukan di {ds.locations['program']} tahun {tahun}.",
                    f"Gunakan salah satu kode: {', '.join(codes) or '(belum ada program)'}.",
                )
            )
    known = set(zip(keg["program"], keg["nomor"], strict=True))
    for table, frame in (("subkegiatan", sub), ("upaya", upaya)):
        linked = frame[frame["kegiatan"].notna() & frame["program"].isin(codes)]
        for _, row in linked.iterrows():
            if (row["program"], int(row["kegiatan"])) not in known:
                out.append(
                    At(ds, table, slug).error(
                        row,
                        "kegiatan",
                        f"Kegiatan nomor {int(row['kegiatan'])} program {row['program']} tidak ada di "
                        f"{ds.locations['kegiatan']}.",
                        "Tambahkan kegiatan itu di kegiatan.csv, atau perbaiki kolom program/kegiatan baris ini.",
                    )
                )
    return out


def _amounts(ds: Dataset, slug: str, table: str, frame: pd.DataFrame) -> list[Problem]:
    """A realisasi needs its anggaran; a realisasi above its anggaran is a warning (as for programs)."""
    out: list[Problem] = []
    at = At(ds, table, slug)
    for _, row in frame.iterrows():
        if pd.isna(row["anggaran"]) and pd.notna(row["realisasi"]):
            out.append(
                at.error(
                    row,
                    "anggaran",
                    f"Realisasi {WORD[table]} diisi tetapi anggarannya kosong.",
                    "Isi anggaran baris ini, atau kosongkan realisasinya.",
                )
            )
        elif pd.notna(row["anggaran"]) and pd.notna(row["realisasi"]) and row["realisasi"] > row["anggaran"]:
            out.append(
                at.warning(
                    row,
                    "realisasi",
                    f"Realisasi melebihi anggaran ({rupiah(row['anggaran'])}).",
                    "Periksa kembali angka realisasi; bila benar, jelaskan dalam narasi.",
                )
            )
    return out


def _rows(frame: pd.DataFrame) -> str:
    return "baris " + ", ".join(str(int(r)) for r in frame[ROW])


def _partial(ds: Dataset, slug: str, table: str, children: pd.DataFrame, col: str, parent: str) -> Problem:
    empty = children[children[col].isna()]
    return At(ds, table, slug).error(
        empty.iloc[0],
        col,
        f"{col.capitalize()} sebagian {WORD[table]} {parent} diisi dan sebagian kosong "
        f"({_rows(empty)} di {ds.locations[table]} kosong); jumlahnya tidak dapat diperiksa.",
        f"Isi {col} semua {WORD[table]} {parent}, atau kosongkan semuanya.",
    )


def _sums(ds: Dataset, slug: str, prog: pd.DataFrame, keg: pd.DataFrame, sub: pd.DataFrame, col: str) -> list[Problem]:
    out: list[Problem] = []
    effective: dict[tuple[str, int], int | None] = {}
    source: dict[tuple[str, int], str] = {}
    for _, k in keg.iterrows():
        key = (str(k["program"]), int(k["nomor"]))
        children = sub[(sub["program"] == key[0]) & (sub["kegiatan"] == key[1])]
        parent = f"kegiatan '{k['nama']}'"
        total: int | None = None
        if not children.empty and children[col].notna().any():
            if children[col].isna().any():
                out.append(_partial(ds, slug, "subkegiatan", children, col, parent))
            else:
                total = int(children[col].sum())
                if pd.notna(k[col]) and int(k[col]) != total:
                    out.append(
                        At(ds, "subkegiatan", slug).error(
                            children.iloc[0],
                            col,
                            f"Jumlah {col} sub-kegiatan ({_rows(children)} di {ds.locations['subkegiatan']}) "
                            f"{rupiah(total)} tidak sama dengan {col} {parent} (baris {int(k[ROW])} di "
                            f"{ds.locations['kegiatan']}) {rupiah(k[col])}; "
                            f"selisih {rupiah(abs(total - int(k[col])))}.",
                            f"Perbaiki {col} sub-kegiatan atau {col} kegiatannya agar jumlah sub-kegiatan sama "
                            "dengan kegiatannya.",
                            value=total,
                        )
                    )
        if pd.notna(k[col]):
            effective[key], source[key] = int(k[col]), f"baris {int(k[ROW])} di {ds.locations['kegiatan']}"
        else:
            effective[key] = total
            source[key] = f"sub-kegiatan {_rows(children)} di {ds.locations['subkegiatan']}" if total else ""
    for _, p in prog.iterrows():
        keys = [key for key in effective if key[0] == p["kode"]]
        given = [key for key in keys if effective[key] is not None]
        if not given:
            continue
        kegs = keg[keg["program"] == p["kode"]]
        where = f"program {p['kode']} '{p['nama']}'"
        if len(given) < len(keys):
            out.append(_partial(ds, slug, "kegiatan", kegs[kegs[col].isna()], col, where))
            continue
        total = sum(effective[key] or 0 for key in keys)
        if total != int(p[col]):
            parts = "; ".join(source[key] for key in keys)
            from_sub = any(pd.isna(k[col]) for _, k in kegs.iterrows())
            table = "subkegiatan" if from_sub else "kegiatan"
            first = sub[sub["program"] == p["kode"]] if from_sub else kegs
            out.append(
                At(ds, table, slug).error(
                    first.iloc[0],
                    col,
                    f"Jumlah {col} kegiatan {where} ({parts}) {rupiah(total)} tidak sama dengan {col} program itu "
                    f"(baris {int(p[ROW])} di {ds.locations['program']}) {rupiah(p[col])}; "
                    f"selisih {rupiah(abs(total - int(p[col])))}.",
                    f"Perbaiki {col} kegiatan/sub-kegiatan atau {col} program agar jumlah rinciannya sama dengan "
                    "programnya; bila rinciannya belum lengkap, kosongkan kolom angka rincian itu.",
                    value=total,
                )
            )
    return out


def _pendukung_tanpa_kegiatan(
    ds: Dataset, slug: str, tahun: int, prog: pd.DataFrame, keg: pd.DataFrame
) -> list[Problem]:
    """A supporting program without kegiatan is left out of the Analisis Program: say so."""
    if keg.empty:
        return []
    link = ds.rows("program_sasaran", slug, tahun)
    out: list[Problem] = []
    for _, p in prog[prog["kode"].isin(link["program"]) & ~prog["kode"].isin(keg["program"])].iterrows():
        out.append(
            At(ds, "program", slug).warning(
                p,
                "kode",
                f"Program pendukung tujuan/sasaran ini tidak punya kegiatan di {ds.locations['kegiatan']}; "
                "Analisis Program di Bab III C tidak memuatnya.",
                "Tambahkan kegiatan dan sub-kegiatannya di kegiatan.csv dan subkegiatan.csv.",
            )
        )
    return out
