"""Writing one sheet of the form: locked and input cells, number formats, validation, protection.

Every locked cell written with a value is recorded in :attr:`Penulis.cells`
(sheet, coordinate, value as :func:`lkjip.formulir.norm` shows it): that list
and its hash go into the hidden sheet, so the importer can tell which
protected cell was changed.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from decimal import Decimal
from typing import Any

from lkjip.formulir_lembar import DATA_ROW, HEADER_ROW, SATUAN, TAMBAHAN, Kolom, Lembar
from lkjip.numeric import Kind, NumberError, read_number
from lkjip.schema_base import kind_of_satuan
from lkjip.xlsx import protect_cell

ISIAN_FILL = "FFF2CC"
HEADER_FILL = "D9D9D9"

FORMAT = {Kind.RUPIAH: "#,##0", Kind.COUNT: "#,##0", Kind.DECIMAL: "General", Kind.PERCENT: "General"}


class Penulis:
    """Writes the sheets of one form into ``book`` and remembers its locked cells."""

    def __init__(self, book: Any) -> None:
        from openpyxl.styles import Font, PatternFill, Protection

        self.book = book
        self.cells: list[list[str]] = []
        self.fill = PatternFill("solid", fgColor=ISIAN_FILL)
        self.head_fill = PatternFill("solid", fgColor=HEADER_FILL)
        self.bold = Font(bold=True)
        self.open = Protection(locked=False)

    def locked(self, ws: Any, cell: Any, value: Any) -> None:
        cell.value = value
        protect_cell(cell)
        if value is not None and value != "":
            self.cells.append([ws.title, cell.coordinate, norm(value)])

    def protect(self, ws: Any) -> None:
        ws.protection.sheet = True  # no password: a guard against slips
        ws.protection.formatColumns = False  # columns may be widened
        ws.protection.formatRows = False

    def isian(self, ws: Any, cell: Any, value: Any, kind: Kind | str | None) -> None:
        cell.value = value
        protect_cell(cell)
        cell.protection = self.open
        cell.fill = self.fill
        if isinstance(kind, Kind):
            cell.number_format = FORMAT[kind]
        elif kind == "tanggal":
            cell.number_format = "DD/MM/YYYY"
        else:
            cell.number_format = "@"

    def sheet(self, spec: Lembar, rows: list[dict[str, Any]], judul: str) -> int:
        """Write ``spec`` with ``rows``; returns the number of data rows (prefilled and empty)."""
        ws = self.book.create_sheet(spec.nama)
        self.locked(ws, ws.cell(1, 1), f"{spec.nama}: {judul}")
        ws.cell(1, 1).font = self.bold
        self.locked(ws, ws.cell(2, 1), spec.catatan)
        if spec.isian:
            n = self._isian(ws, spec, rows[0])
        else:
            for j, kol in enumerate(spec.kolom, 1):
                head = ws.cell(HEADER_ROW, j)
                self.locked(ws, head, kol.judul + ("" if kol.wajib or kol.peran != "isian" else " (boleh kosong)"))
                head.font, head.fill = self.bold, self.head_fill
                ws.column_dimensions[head.column_letter].width = kol.lebar
            extra = [] if spec.tertutup else [dict.fromkeys(k.field for k in spec.kolom)] * TAMBAHAN
            all_rows = rows + extra
            for i, row in enumerate(all_rows):
                for j, kol in enumerate(spec.kolom, 1):
                    kind = kind_for(kol, row)
                    cell = ws.cell(DATA_ROW + i, j)
                    value = as_cell(row.get(kol.field), kind)
                    if kol.peran == "isian":
                        self.isian(ws, cell, value, kind)
                    else:
                        self.locked(ws, cell, value)
                        if isinstance(kind, Kind):
                            cell.number_format = FORMAT[kind]
            n = len(all_rows)
            self._validation(ws, spec, all_rows)
        ws.freeze_panes = ws.cell(DATA_ROW, 1)
        self.protect(ws)
        return n

    def _isian(self, ws: Any, spec: Lembar, row: dict[str, Any]) -> int:
        for j, head in enumerate(("Isian", "Nilai", "Keterangan"), 1):
            cell = ws.cell(HEADER_ROW, j)
            self.locked(ws, cell, head)
            cell.font, cell.fill = self.bold, self.head_fill
        for i, kol in enumerate(spec.kolom):
            r = DATA_ROW + i
            self.locked(ws, ws.cell(r, 1), kol.judul)
            self.isian(ws, ws.cell(r, 2), as_cell(row.get(kol.field), kol.kind), kol.kind)
            self.locked(ws, ws.cell(r, 3), "wajib" if kol.wajib else "boleh kosong")
            self._number_rule(ws, kol.kind, f"B{r}")
        ws.column_dimensions["A"].width = 55
        ws.column_dimensions["B"].width = 40
        ws.column_dimensions["C"].width = 14
        return len(spec.kolom)

    def _validation(self, ws: Any, spec: Lembar, rows: list[dict[str, Any]]) -> None:
        from openpyxl.utils import get_column_letter

        last = DATA_ROW + len(rows) - 1
        if last < DATA_ROW:
            return
        for j, kol in enumerate(spec.kolom, 1):
            if kol.peran != "isian":
                continue
            col = get_column_letter(j)
            if kol.field == "program" and spec.tabel in ("kegiatan", "subkegiatan"):
                self._list(ws, f"{col}{DATA_ROW}:{col}{last}", f"'Program'!$A${DATA_ROW}:$A${DATA_ROW + 60}")
                continue
            for i, row in enumerate(rows):
                self._number_rule(ws, kind_for(kol, row), f"{col}{DATA_ROW + i}")

    def _list(self, ws: Any, where: str, source: str) -> None:
        from openpyxl.worksheet.datavalidation import DataValidation

        dv = DataValidation(type="list", formula1=source, allow_blank=True, showErrorMessage=True)
        dv.errorStyle = "warning"
        dv.errorTitle, dv.error = "Kode program", "Pilih kode program dari lembar Program."
        ws.add_data_validation(dv)
        dv.add(where)

    def _number_rule(self, ws: Any, kind: Kind | str | None, where: str) -> None:
        from openpyxl.worksheet.datavalidation import DataValidation

        if kind is None:
            return
        if kind == "tanggal":
            dv = DataValidation(type="date", operator="greaterThan", formula1="36526", allow_blank=True)
            message = "Isi tanggal, mis. 31/01/2024."
        elif kind in (Kind.RUPIAH, Kind.COUNT):
            dv = DataValidation(type="whole", operator="greaterThanOrEqual", formula1="0", allow_blank=True)
            message = "Isi bilangan bulat tidak negatif, tanpa pecahan."
        elif kind == Kind.PERCENT:
            dv = DataValidation(type="decimal", operator="between", formula1="0", formula2="100", allow_blank=True)
            message = "Isi persentase antara 0 dan 100 (mis. 96,5)."
        else:
            dv = DataValidation(type="decimal", operator="greaterThanOrEqual", formula1="0", allow_blank=True)
            message = "Isi angka tidak negatif (mis. 96,5)."
        dv.errorStyle = "warning"  # 'Rp 2.966.054.529' typed as text is still read by the importer
        dv.showErrorMessage = True
        dv.errorTitle, dv.error = "Isian angka", message
        ws.add_data_validation(dv)
        dv.add(where)


def kind_for(kolom: Kolom, row: dict[str, Any]) -> Kind | str | None:
    """The number kind of a column in a row (a target's kind follows its indicator's satuan)."""
    return kind_of_satuan(row.get("satuan")) if kolom.kind == SATUAN else kolom.kind


def as_cell(text: str | None, kind: Kind | str | None) -> Any:
    """CSV text as the value a form cell holds: a number for numeric columns, a date for dates."""
    if text is None or text == "":
        return None
    if kind == "tanggal":
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            return text
    if isinstance(kind, Kind):
        try:
            d = read_number(text, kind)
        except NumberError:
            return text
        return int(d) if d == d.to_integral_value() else float(d)
    return text


def norm(value: Any) -> str:
    """A cell value as compared for the protected part (the same after a LibreOffice round trip)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()[:10]
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, int | float | Decimal):
        return repr(value) if isinstance(value, float) else str(value)
    return str(value)


def digest(meta: dict[str, Any]) -> str:
    return hashlib.sha256(json.dumps(meta, ensure_ascii=False, sort_keys=True).encode()).hexdigest()
