"""``lkjip impor``: read a filled form and check it on its own, every problem at once with its sheet and cell.

Values are read with the one strict number reader (:mod:`lkjip.numeric`):
a number cell is a number, a text cell is read as typed (``Rp 2.966.054.529``,
``96,5%``), two readings (``1,234.5``), an Excel error value or a formula whose
value was never computed are refused. The hidden sheet ``_lkjip`` says which
kecamatan, year and form version it is and lists every protected cell; a
changed protected cell is named. The merge into the tables, the diff and the
write are in :mod:`lkjip.impor_diff`.
"""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from lkjip.errors import LkjipError
from lkjip.formulir_lembar import DATA_ROW, LEMBAR, META, PETUNJUK, VERSI, Lembar
from lkjip.formulir_tulis import digest, kind_for, norm
from lkjip.numeric import Cell, Exact, Kind, NumberError, read_number, show

Rows = list[dict[str, str]]


class ImporError(LkjipError):
    """The form cannot be imported; ``masalah`` lists every reason (sheet, cell, fix)."""

    def __init__(self, file: Path, masalah: list[str]) -> None:
        self.masalah = masalah
        lines = [f"Formulir {file} tidak diimpor ({len(masalah)} masalah); data tidak diubah:"]
        super().__init__("\n".join(lines + [f"  - {m}" for m in masalah]))


@dataclass
class Isi:
    """What a form holds: per table, the kecamatan's rows of the form's year (CSV text)."""

    kecamatan: str
    tahun: int
    tabel: dict[str, Rows] = field(default_factory=dict)


def _where(sheet: str, coord: str | None = None) -> str:
    return f"Lembar '{sheet}'" + (f", sel {coord}" if coord else "")


def _load(file: Path) -> tuple[Any, Any]:
    import warnings

    import openpyxl

    bad = [
        f"Berkas '{file}' bukan buku kerja Excel (.xlsx) yang dapat dibaca. Perbaikan: buka formulir di Excel "
        "atau LibreOffice dan simpan sebagai Excel Workbook (.xlsx), lalu impor berkas itu."
    ]
    if not file.is_file() or not zipfile.is_zipfile(file):
        raise ImporError(file, bad)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return openpyxl.load_workbook(file, data_only=True), openpyxl.load_workbook(file, data_only=False)
    except Exception as exc:  # openpyxl raises many kinds for a broken file
        raise ImporError(file, bad) from exc


def _meta(file: Path, book: Any, kecamatan: str | None, tahun: int | None) -> tuple[dict[str, Any], list[str]]:
    if META not in book.sheetnames:
        raise ImporError(
            file,
            [
                f"Berkas ini tidak memuat lembar tersembunyi '{META}': bukan formulir lkjip, atau formulir kosong. "
                "Perbaikan: buat formulir dengan 'lkjip formulir --tahun <tahun>' dan isi formulir itu."
            ],
        )
    ws = book[META]
    head = {ws.cell(i, 1).value: ws.cell(i, 2).value for i in range(1, 5)}
    versi = norm(head.get("versi"))
    if versi != VERSI:
        raise ImporError(
            file,
            [
                f"{_where(META, 'B3')}: formulir versi '{versi}' tidak dikenal (versi yang dibaca: {VERSI}). "
                "Perbaikan: buat formulir baru dengan 'lkjip formulir' dan salin isiannya ke formulir itu."
            ],
        )
    counts, cells = [], []
    for row in ws.iter_rows(min_row=6, values_only=True):
        if row[0] == "lembar":
            counts.append([row[1], int(row[2])])
        elif row[0] == "sel":
            cells.append([row[1], row[2], norm(row[3])])
    meta = {"kecamatan": head.get("kecamatan"), "tahun": head.get("tahun"), "versi": versi}
    meta |= {"lembar": counts, "sel": cells}
    if digest(meta) != head.get("sha256"):
        raise ImporError(
            file,
            [
                f"{_where(META)}: bagian formulir yang terkunci tidak cocok dengan sidik sha256-nya (lembar "
                "tersembunyi itu diubah). Perbaikan: buat formulir baru dengan 'lkjip formulir' dan isi ulang."
            ],
        )
    problems = []
    slug, year = str(meta["kecamatan"]), int(str(meta["tahun"]))
    if (kecamatan is not None and kecamatan != slug) or (tahun is not None and tahun != year):
        want = f"{kecamatan or slug} tahun {tahun or year}"
        problems.append(
            f"Formulir ini untuk kecamatan {slug} tahun {year}, bukan {want}. "
            f"Perbaikan: impor formulir {want}, atau buat dengan 'lkjip formulir -t {tahun or year} -k "
            f"{kecamatan or slug}'."
        )
    return meta, problems


def _structure(book: Any, meta: dict[str, Any]) -> tuple[list[str], bool]:
    known = {s.nama for s in LEMBAR} | {PETUNJUK, META}
    extra = [n for n in book.sheetnames if n not in known]
    problems = []
    for spec in LEMBAR:
        if spec.nama not in book.sheetnames:
            hint = f" Lembar '{extra[0]}' tidak dikenal: bila itu lembar ini yang diganti namanya," if extra else ""
            problems.append(
                f"{_where(spec.nama)}: lembar ini tidak ada di formulir.{hint} Perbaikan: kembalikan lembar "
                f"'{spec.nama}' dengan nama persis itu (atau buat formulir baru dengan 'lkjip formulir')."
            )
    for name in extra:
        problems.append(
            f"{_where(name)}: lembar ini tidak dikenal formulir versi {VERSI}. Perbaikan: hapus lembar itu atau "
            "kembalikan nama aslinya; lembar formulir tidak boleh diganti nama atau ditambah."
        )
    missing = bool(problems)
    for sheet, coord, old in meta["sel"]:
        if sheet in book.sheetnames and (now := norm(book[sheet][coord].value)) != old:
            problems.append(
                f"{_where(sheet, coord)}: sel terkunci diubah (semula '{old}', sekarang '{now}'). Perbaikan: "
                f"kembalikan isinya menjadi '{old}'; sel yang tidak berwarna kuning tidak boleh diubah."
            )
    return problems, missing


class _Reader:
    def __init__(self, values: Any, formulas: Any) -> None:
        self.values, self.formulas = values, formulas
        self.problems: list[str] = []

    def cell(self, sheet: str, row: int, col: int) -> tuple[Cell, str]:
        c = self.values[sheet].cell(row, col)
        f = self.formulas[sheet].cell(row, col).value
        if c.value is None and isinstance(f, str) and f.startswith("="):
            self.problems.append(
                f"{_where(sheet, c.coordinate)}: berisi rumus {f} yang nilainya belum pernah dihitung (berkas "
                "disimpan oleh program yang tidak menghitung rumus). Perbaikan: ketik angkanya langsung, tanpa rumus."
            )
            return None, c.coordinate
        return _to_cell(c), c.coordinate

    def number(self, sheet: str, row: int, col: int, kind: Kind, wajib: bool) -> Decimal | None:
        value, coord = self.cell(sheet, row, col)
        if value is None:
            if wajib:
                self.problems.append(f"{_where(sheet, coord)}: isian wajib ini kosong. Perbaikan: isi angkanya.")
            return None
        if isinstance(value, Exact) and value.lossy:
            self.problems.append(f"{_where(sheet, coord)}: angka terlalu panjang. Perbaikan: periksa angkanya.")
            return None
        try:
            number = read_number(value, kind)
        except NumberError as exc:
            self.problems.append(f"{_where(sheet, coord)}: '{value}': {exc.message} Perbaikan: {exc.fix}")
            return None
        if number < 0:
            self.problems.append(
                f"{_where(sheet, coord)}: {show(number)} negatif, padahal angka ini tidak boleh negatif. "
                "Perbaikan: isi angka 0 atau lebih."
            )
            return None
        return number

    def text(self, sheet: str, row: int, col: int, kind: Any, wajib: bool) -> str | None:
        value, coord = self.cell(sheet, row, col)
        if isinstance(value, Exact):
            value = format(value.value, "f") if not value.lossy else None
            if value is None:
                self.problems.append(
                    f"{_where(sheet, coord)}: angka lebih dari 15 digit sudah terpotong oleh Excel. "
                    "Perbaikan: format sel sebagai Teks dan ketik ulang isinya lengkap."
                )
        if value is not None and kind == "tanggal" and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            self.problems.append(
                f"{_where(sheet, coord)}: '{value}' bukan tanggal. Perbaikan: ketik tanggal, mis. 31/01/2024."
            )
            return None
        if value is None and wajib:
            self.problems.append(f"{_where(sheet, coord)}: isian wajib ini kosong. Perbaikan: isi sel ini.")
        return value

    def read(self, kind: Any, sheet: str, row: int, col: int, wajib: bool) -> str | None:
        if isinstance(kind, Kind):
            number = self.number(sheet, row, col, kind, wajib)
            return None if number is None else csv_number(number)
        return self.text(sheet, row, col, kind, wajib)


def _to_cell(c: Any) -> Cell:
    value = c.value
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()[:10]
    if isinstance(value, int | float):
        fmt = c.number_format or ""
        real = "%" in re.sub(r'"[^"]*"|\\.', "", fmt)
        try:
            return Exact.from_cell(value, percent="%" in fmt, scaled=real)
        except NumberError:
            return str(value)
    text = str(value).strip()
    return text or None


def csv_number(value: Decimal) -> str:
    """A number as the CSV tables write it: plain digits, a decimal point."""
    if value == value.to_integral_value():
        return str(int(value))
    return format(value.normalize(), "f")


def _sheet(reader: _Reader, spec: Lembar, n: int) -> Rows:
    out: Rows = []
    if spec.isian:
        row: dict[str, str] = {}
        for i, kol in enumerate(spec.kolom):
            value = reader.read(kol.kind, spec.nama, DATA_ROW + i, 2, kol.wajib)
            row[kol.field] = value or ""
        return [row]
    ws = reader.values[spec.nama]
    last = max(ws.max_row, DATA_ROW + n - 1)
    for r in range(DATA_ROW, last + 1):
        inputs = [j for j, k in enumerate(spec.kolom, 1) if k.peran == "isian"]
        empty = all(reader.values[spec.nama].cell(r, j).value in (None, "") for j in inputs)
        empty = empty and all(reader.formulas[spec.nama].cell(r, j).value in (None, "") for j in inputs)
        if spec.tertutup and r >= DATA_ROW + n:
            if not all(ws.cell(r, j).value in (None, "") for j in range(1, len(spec.kolom) + 1)):
                reader.problems.append(
                    f"{_where(spec.nama, f'A{r}')}: baris {r} ditambahkan di tabel tertutup (barisnya tetap: "
                    f"{n} baris). Perbaikan: hapus isi baris {r}."
                )
            continue
        if empty and (not spec.tertutup or spec.boleh_kosong):
            continue
        values = {k.field: str(ws.cell(r, j).value or "") for j, k in enumerate(spec.kolom, 1) if k.peran != "isian"}
        values |= {"satuan": str(ws.cell(r, 3).value or "")} if spec.tabel == "kinerja" else {}
        for j, kol in enumerate(spec.kolom, 1):
            if kol.peran == "isian":
                values[kol.field] = reader.read(kind_for(kol, values), spec.nama, r, j, kol.wajib) or ""
        values["_baris"] = str(r)
        out.append(values)
    return out


def baca(file: Path, kecamatan: str | None = None, tahun: int | None = None) -> Isi:
    """Read and check the form ``file``; raises :class:`ImporError` with every problem found."""
    values, formulas = _load(file)
    meta, problems = _meta(file, values, kecamatan, tahun)
    found, missing = _structure(values, meta)
    problems += found
    if missing:
        raise ImporError(file, problems)
    reader = _Reader(values, formulas)
    counts = dict((str(a), int(b)) for a, b in meta["lembar"])
    isi = Isi(str(meta["kecamatan"]), int(meta["tahun"]))
    for spec in LEMBAR:
        isi.tabel[spec.nama] = _sheet(reader, spec, counts.get(spec.nama, 0))
    from lkjip.impor_cek import jumlah

    problems += reader.problems + jumlah(isi.tabel)
    if problems:
        raise ImporError(file, problems)
    return isi
