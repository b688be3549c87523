"""Rules of the budget tables: programs, their link to sasaran, spending and procurement."""

from __future__ import annotations

from lkjip.dataset import Dataset
from lkjip.format import rupiah
from lkjip.problems import Problem
from lkjip.rules.at import At


def check_anggaran(ds: Dataset, slug: str, tahun: int) -> list[Problem]:
    """Programs: links resolve; realisasi within anggaran; parts add up to totals."""
    out: list[Problem] = []
    prog = ds.rows("program", slug, tahun)
    link = ds.rows("program_sasaran", slug, tahun)
    if prog.empty:
        return [
            At(ds, "program", slug).error(
                None,
                "tahun",
                f"Tidak ada program tahun {tahun}.",
                "Tambahkan program beserta anggaran dan realisasinya.",
                value=tahun,
            )
        ]
    for _, row in prog[prog["realisasi"] > prog["anggaran"]].iterrows():
        out.append(
            At(ds, "program", slug).warning(
                row,
                "realisasi",
                f"Realisasi melebihi anggaran ({rupiah(row['anggaran'])}).",
                "Periksa kembali angka realisasi; bila benar, jelaskan dalam narasi.",
            )
        )
    for _, row in link[~link["program"].isin(prog["kode"])].iterrows():
        out.append(
            At(ds, "program_sasaran", slug).error(
                row,
                "program",
                "Kode program tidak ditemukan di tabel program.",
                f"Gunakan salah satu kode: {', '.join(prog['kode'])}.",
            )
        )
    ren = ds.renstra_for(slug, tahun)
    if len(ren) == 1:
        codes = set(ds.rows("sasaran", slug, periode_awal=int(ren.iloc[0]["periode_awal"]))["kode"])
        for _, row in link[~link["sasaran"].isin(codes)].iterrows():
            out.append(
                At(ds, "program_sasaran", slug).error(
                    row,
                    "sasaran",
                    "Kode tujuan/sasaran tidak ditemukan di Renstra yang berlaku.",
                    f"Gunakan salah satu kode: {', '.join(sorted(codes))}.",
                )
            )
    belanja = ds.rows("belanja", slug, tahun)
    if belanja.empty:
        out.append(
            At(ds, "belanja", slug).error(
                None,
                "tahun",
                f"Tidak ada rincian belanja operasional/modal tahun {tahun}.",
                "Tambahkan baris belanja operasional dan modal.",
                value=tahun,
            )
        )
    else:
        total_belanja, total_prog = int(belanja["anggaran"].sum()), int(prog["anggaran"].sum())
        if total_belanja != total_prog:
            out.append(
                At(ds, "belanja", slug).error(
                    None,
                    "anggaran",
                    f"Belanja operasional + modal ({rupiah(total_belanja)}) tidak sama dengan jumlah "
                    f"anggaran program di {ds.locations['program']} ({rupiah(total_prog)}).",
                    "Perbaiki anggaran belanja atau anggaran program agar jumlahnya sama.",
                    value=total_belanja,
                )
            )
    pengadaan = ds.rows("pengadaan", slug, tahun)
    if pengadaan.empty:
        out.append(
            At(ds, "pengadaan", slug).error(
                None,
                "tahun",
                f"Tidak ada baris pengadaan barang/jasa {slug} tahun {tahun}.",
                f"Tambahkan baris ({slug}, {tahun}, rencana, realisasi); isi 0 bila tidak ada pengadaan.",
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
                    At(ds, "pengadaan", slug).error(
                        row,
                        col,
                        f"Pengadaan ({rupiah(row[col])}) melebihi seluruh {label} program kecamatan ini "
                        f"({rupiah(total)}); pengadaan adalah bagian dari anggaran.",
                        "Periksa jumlah digit dan pemisah ribuan.",
                    )
                )
        if row["realisasi"] > row["rencana"]:
            out.append(
                At(ds, "pengadaan", slug).warning(
                    row,
                    "realisasi",
                    "Realisasi pengadaan melebihi rencana.",
                    "Periksa kembali angka realisasi pengadaan.",
                )
            )
    return out
