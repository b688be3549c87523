"""What the kabupaten index and the Excel rekap show for one kecamatan, read back for ``lkjip verify``.

The counterpart of :mod:`lkjip.index`, which writes them: the expected forms
here (``index_expected``, ``rekap_expected``) are the ones it prints, so a
verified figure is compared as printed, not recomputed.
"""

from __future__ import annotations

import math
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

REKAP_SHEETS = {"Capaian Indikator": "capaian", "Anggaran Program": "program", "Efisiensi": "efisiensi"}
"""The rekap's per-table sheets and the table of the notebook's record each shows (:mod:`lkjip.index`)."""


def same_rows(shown: list[dict[str, Any]], want: list[dict[str, Any]]) -> bool:
    """Rows equal as Excel keeps them: an empty cell is None or '', a whole float equals its int."""

    def norm(value: Any) -> Any:
        if value == "" or (isinstance(value, float) and math.isnan(value)):
            return None
        return value

    if len(shown) != len(want):
        return False
    for a, b in zip(shown, want, strict=True):
        for key in set(a) | set(b):
            if norm(a.get(key)) != norm(b.get(key)):
                return False
    return True


def index_expected(h: dict[str, Any]) -> dict[str, Any]:
    from lkjip import format as fmt

    return {
        "rata-rata capaian": fmt.persen(h["rata_rata"]),
        "predikat": h["predikat"],
        "serapan": fmt.persen(h["serapan"]),
        "peringatan": str(h["peringatan"]),
    }


def rekap_expected(h: dict[str, Any]) -> dict[str, Any]:
    from lkjip.rounding import shown

    def cell(value: float) -> float | None:  # pandas writes NaN as an empty cell
        return None if math.isnan(value) else value

    return {
        "Rata-rata capaian (%)": cell(h["rata_rata"]),
        "Predikat": h["predikat"],
        "Anggaran (Rp)": h["anggaran"],
        "Realisasi (Rp)": h["realisasi"],
        "Serapan (%)": cell(shown(h["serapan"])),
        "Indikator tercapai": h["indikator_tercapai"],
        "Jumlah indikator": h["jumlah_indikator"],
        "Peringatan": h["peringatan"],
    }


class _Rows(HTMLParser):
    """The cells (text) and links of each row of the index's table body."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[tuple[list[str], list[str]]] = []
        self._cell: list[str] | None = None
        self._in_body = self._in_pre = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "tbody":
            self._in_body = True
        elif self._in_body and tag == "tr":
            self.rows.append(([], []))
        elif self._in_body and tag == "td" and self.rows:
            self._cell = []
        elif tag == "pre":
            self._in_pre = True
        elif tag == "a" and self._in_body and self.rows:
            self.rows[-1][1].extend(v for k, v in attrs if k == "href" and v)

    def handle_endtag(self, tag: str) -> None:
        if tag == "tbody":
            self._in_body = False
        elif tag == "td" and self._cell is not None and self.rows:
            self.rows[-1][0].append(" ".join("".join(self._cell).split()))
            self._cell = None
        elif tag == "pre":
            self._in_pre = False

    def handle_data(self, data: str) -> None:
        if self._cell is not None and not self._in_pre:
            self._cell.append(data)


def index_row(index: Path, slug: str) -> dict[str, Any] | None:
    parser = _Rows()
    parser.feed(index.read_text(encoding="utf-8", errors="replace"))
    for cells, links in parser.rows:
        if len(cells) >= 6 and any(link.startswith(f"{slug}/") for link in links):
            return dict(zip(("rata-rata capaian", "predikat", "serapan", "peringatan"), cells[2:6], strict=True))
    return None


def rekap_sheets(xlsx: Path) -> dict[str, list[dict[str, Any]]]:
    """Every sheet of the rekap as rows by header; {} when the workbook cannot be read."""
    import openpyxl

    try:
        book = openpyxl.load_workbook(xlsx, read_only=True, data_only=True)
    except Exception:  # a damaged workbook: nothing to compare, every row is missing
        return {}
    try:
        sheets: dict[str, list[dict[str, Any]]] = {}
        for name in book.sheetnames:
            rows = list(book[name].iter_rows(values_only=True))
            sheets[name] = [dict(zip(rows[0], row, strict=False)) for row in rows[1:]] if rows else []
    finally:
        book.close()
    return sheets
