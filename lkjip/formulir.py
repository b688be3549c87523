"""``lkjip formulir``: one Excel form per kecamatan and year, for staff who do not know the data model.

The sheets are declared in :mod:`lkjip.formulir_lembar`; this module fills
them from the CSV tables and writes the workbook (openpyxl). Input cells are
unlocked and tinted; every other cell is locked and each sheet is protected
without a password (it guards against slips, not against intent). A hidden
sheet ``_lkjip`` holds the kecamatan, the year, the form version, every
locked cell's value and the sha256 of all that, so :mod:`lkjip.impor` can
name a protected cell that was changed anyway.

Figures are stored as numbers with the format ``#,##0`` (rupiah, counts) or
``General`` (decimals, percentages as 96.5): Excel and LibreOffice show them
with the separators of the computer's locale, which on an Indonesian office
PC is ``2.966.054.529`` and ``99,59``.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pandas as pd

from lkjip import publish
from lkjip.errors import DataLoadError, output_error
from lkjip.formulir_lembar import CLOSED_KEYS, LEMBAR, META, PETUNJUK, VERSI
from lkjip.formulir_tulis import Penulis, digest
from lkjip.numeric import Kind
from lkjip.schema import TABLES
from lkjip.xlsx import make_reproducible, protect_cell

FIXED_TIME = dt.datetime(2000, 1, 1)
Rows = list[dict[str, Any]]

PETUNJUK_TEKS = (
    "Formulir LKjIP {nama}, tahun {tahun}",
    "",
    "1. Isi hanya sel berwarna kuning. Sel lain terkunci (perlindungan lembar tanpa kata sandi); jangan dibuka.",
    "2. Angka ditulis sebagai angka. Rupiah tanpa pecahan (2.966.054.529); desimal dengan koma (96,5).",
    "   Persentase ditulis sebagai angkanya (96,5 atau 96,5%). Jangan memakai rumus.",
    "3. Kolom 'Realisasi tahun lalu' hanya acuan dan tidak diubah.",
    "4. Pada lembar Program, Kegiatan, Sub-kegiatan, Penghargaan dan Inovasi, baris boleh ditambah di baris",
    "   kuning yang kosong; baris yang tidak berlaku dikosongkan seluruhnya.",
    "5. Jangan mengganti nama, menghapus atau menambah lembar.",
    "6. Setelah diisi, kirim berkas ini ke analis. Analis menjalankan: lkjip impor <berkas ini>.",
    "   Semua kesalahan ditampilkan sekaligus dengan lembar dan selnya; tidak ada data yang diubah",
    "   sebelum formulir bersih dan perubahannya disetujui.",
)


def _frames(data: Path) -> dict[str, pd.DataFrame]:
    if not data.is_dir():
        raise DataLoadError(f"Folder data '{data}' tidak ditemukan. Perbaikan: arahkan --data ke folder berkas CSV.")
    out = {}
    for name in TABLES:
        file = data / f"{name}.csv"
        out[name] = (
            pd.read_csv(file, dtype=str, keep_default_na=False) if file.is_file() else pd.DataFrame(columns=["x"])
        )
    return out


def _of(frame: pd.DataFrame, slug: str, tahun: int | None = None) -> pd.DataFrame:
    if "kecamatan" not in frame.columns:
        return frame.iloc[0:0]
    rows = frame[frame["kecamatan"] == slug]
    return rows[rows["tahun"] == str(tahun)] if tahun is not None else rows


def indikator_tahun(frames: dict[str, pd.DataFrame], slug: str, tahun: int) -> pd.DataFrame:
    """The indicators of the Renstra covering ``tahun`` for ``slug`` (code, uraian, satuan)."""
    renstra = _of(frames["renstra"], slug)
    awal = [r.periode_awal for r in renstra.itertuples() if int(r.periode_awal) - 1 <= tahun <= int(r.periode_akhir)]
    ind = _of(frames["indikator"], slug)
    return ind[ind["periode_awal"].isin(awal[-1:])]


def prefill(frames: dict[str, pd.DataFrame], slug: str, tahun: int) -> tuple[dict[str, Rows], bool]:
    """The rows each sheet starts with (CSV text, or None for an empty input), and whether the data is sample."""
    profil = _of(frames["profil"], slug, tahun)
    contoh = bool(len(profil)) and str(profil.iloc[0].get("data_contoh", "")).lower() == "true"
    out: dict[str, Rows] = {}
    for sheet in LEMBAR:
        if sheet.tabel == "kinerja":
            out[sheet.nama] = _kinerja(frames, slug, tahun, contoh)
            continue
        rows = _of(frames[sheet.tabel], slug, tahun).to_dict("records")
        fields = [k.field for k in sheet.kolom]
        if sheet.isian or sheet.tabel == "pengadaan":
            vals = {} if contoh or not rows else rows[0]
            out[sheet.nama] = [{f: vals.get(f) or None for f in fields}]
        elif sheet.tabel in CLOSED_KEYS:
            key = sheet.kunci()[0].field
            have = {r[key]: r for r in rows}
            order = [k for k in have if k in CLOSED_KEYS[sheet.tabel]]
            order += [k for k in CLOSED_KEYS[sheet.tabel] if k not in have]
            out[sheet.nama] = [
                {f: (k if f == key else None if contoh else have.get(k, {}).get(f) or None) for f in fields}
                for k in order
            ]
        else:
            numbers = [k.field for k in sheet.kolom if k.kind in (Kind.RUPIAH,)]
            if not rows and sheet.tabel in ("program", "kegiatan", "subkegiatan"):
                rows = _of(frames[sheet.tabel], slug, tahun - 1).to_dict("records")
                contoh = contoh or not rows  # last year's list: names only
                numbers = [k.field for k in sheet.kolom if k.kind == Kind.RUPIAH]
            if contoh and sheet.tabel in ("penghargaan", "inovasi"):
                rows = []
            blank = numbers if (contoh or not _of(frames[sheet.tabel], slug, tahun).shape[0]) else []
            out[sheet.nama] = [{f: None if f in blank else (r.get(f) or None) for f in fields} for r in rows]
    return out, contoh


def _kinerja(frames: dict[str, pd.DataFrame], slug: str, tahun: int, contoh: bool) -> Rows:
    ind = indikator_tahun(frames, slug, tahun)
    info = {r["kode"]: r for r in ind.to_dict("records")}
    target = frames["target"]
    target = target[(target["kecamatan"] == slug) & (target["tahun"] == str(tahun))]
    codes = list(target["indikator"]) or list(info)
    real = frames["realisasi"]
    real = real[real["kecamatan"] == slug]

    def value(frame: pd.DataFrame, code: str, year: int, col: str) -> str | None:
        hit = frame[(frame["indikator"] == code) & (frame["tahun"] == str(year))]
        return None if contoh or hit.empty else str(hit.iloc[0][col]) or None

    return [
        {
            "indikator": code,
            "uraian": info.get(code, {}).get("uraian"),
            "satuan": info.get(code, {}).get("satuan"),
            "lalu": value(real, code, tahun - 1, "realisasi"),
            "target": value(target, code, tahun, "target"),
            "realisasi": value(real, code, tahun, "realisasi"),
        }
        for code in codes
    ]


def build(frames: dict[str, pd.DataFrame], slug: str, tahun: int) -> Any:
    """The openpyxl workbook of the form for ``slug`` and ``tahun``."""
    import openpyxl

    reg = frames["kecamatan"]
    hit = reg[reg["slug"] == slug]
    nama = str(hit.iloc[0]["nama"]) if len(hit) else slug
    rows, contoh = prefill(frames, slug, tahun)
    book = openpyxl.Workbook()
    pen = Penulis(book)
    intro = book.active
    intro.title = PETUNJUK
    for i, line in enumerate(PETUNJUK_TEKS, 1):
        pen.locked(intro, intro.cell(i, 1), line.format(nama=nama, tahun=tahun))
    if contoh:
        pen.locked(intro, intro.cell(len(PETUNJUK_TEKS) + 2, 1), "Kecamatan ini belum punya data resmi: isi semua.")
    intro.column_dimensions["A"].width = 110
    pen.protect(intro)
    counts: list[list[Any]] = []
    for sheet in LEMBAR:
        counts.append([sheet.nama, pen.sheet(sheet, rows[sheet.nama], f"{nama} {tahun}")])
    meta: dict[str, Any] = {"kecamatan": slug, "tahun": tahun, "versi": VERSI, "lembar": counts, "sel": pen.cells}
    hidden = book.create_sheet(META)
    for i, (k, v) in enumerate((("kecamatan", slug), ("tahun", tahun), ("versi", VERSI), ("sha256", digest(meta))), 1):
        hidden.cell(i, 1, k)
        hidden.cell(i, 2, v)
    r = 6
    for name, n in counts:
        for j, v in enumerate(("lembar", name, n), 1):
            hidden.cell(r, j, v)
        r += 1
    for sheet_name, coord, value in pen.cells:
        cell = hidden.cell(r, 1, "sel")
        hidden.cell(r, 2, sheet_name)
        hidden.cell(r, 3, coord)
        protect_cell(hidden.cell(r, 4, value))
        cell.number_format = "@"
        r += 1
    hidden.sheet_state = "hidden"
    hidden.protection.sheet = True
    book.properties.creator = "lkjip"
    return book


def tulis(data: Path, slug: str, tahun: int, folder: Path, frames: dict[str, pd.DataFrame] | None = None) -> Path:
    """Write ``folder/formulir_<slug>_<tahun>.xlsx`` atomically; returns its path."""
    frames = frames if frames is not None else _frames(data)
    target = folder / f"formulir_{slug}_{tahun}.xlsx"
    book = build(frames, slug, tahun)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise output_error(exc, f"folder {folder}") from exc

    def write(tmp: Path) -> None:
        book.save(tmp)
        make_reproducible(tmp, FIXED_TIME)

    publish.write_file(target, write, f"formulir {target}")
    return target


def formulir(data: Path, tahun: int, slugs: list[str] | None, folder: Path) -> list[Path]:
    """The forms of ``tahun`` for ``slugs`` (default: every kecamatan of the registry)."""
    from lkjip.slugs import match_slugs

    frames = _frames(data)
    registry = [str(s) for s in frames["kecamatan"]["slug"]]
    chosen = registry if slugs is None else match_slugs(slugs, registry, registry, tahun)
    return [tulis(data, slug, tahun, folder, frames) for slug in chosen]
