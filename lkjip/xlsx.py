"""Every .xlsx lkjip writes goes through here: text cells stay text (no formula injection).

Text from data or analysts (a program name, a kecamatan name) is untrusted. A
cell whose text starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage
return (the OWASP CSV-injection list), or their full-width forms
``＝＋－＠`` that some spreadsheet programs also accept, could be taken for a
formula: openpyxl itself turns a string starting with ``=`` into a formula
cell. Such text is stored as a plain string cell (``data_type = "s"``) and
marked quote-prefixed (the cell style's ``quotePrefix``), so Excel and
LibreOffice keep it text even when the cell is edited. The text itself is not
changed: the workbook reads back exactly as written (``lkjip.load``).

:func:`make_reproducible` removes the save time from a written workbook, so
the same data gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

RISKY_START = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")
"""Leading characters that make spreadsheet programs read text as a formula."""


def is_risky(value: Any) -> bool:
    """True for text a spreadsheet could read as a formula."""
    return isinstance(value, str) and value.startswith(RISKY_START)


def protect_cell(cell: Any) -> None:
    """Make ``cell`` a literal text cell if its text is risky (or openpyxl took it for a formula)."""
    value = cell.value
    if not isinstance(value, str):
        return
    if cell.data_type == "f" or is_risky(value):
        cell.data_type = "s"  # keep the text, never a formula
        cell.quotePrefix = True


def protect_sheet(sheet: Any) -> None:
    """:func:`protect_cell` on every cell of an openpyxl worksheet."""
    for row in sheet.iter_rows():
        for cell in row:
            protect_cell(cell)


def protect_workbook(book: Any, sheets: Iterable[str] | None = None) -> None:
    """:func:`protect_sheet` on every sheet of ``book`` (or the named ones). Call before saving."""
    for sheet in book.worksheets if sheets is None else (book[name] for name in sheets):
        protect_sheet(sheet)


def make_reproducible(path: Path, when: dt.datetime) -> None:
    """Rewrite the saved workbook ``path`` so the same cells give the same bytes.

    openpyxl stamps the save time into ``docProps/core.xml`` (``dcterms:modified``)
    and into every zip entry; both are set to ``when`` here.
    """
    stamp = when.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    with zipfile.ZipFile(path) as src:
        entries = [(info, src.read(info)) for info in src.infolist()]
    buf = io.BytesIO()  # ``path`` is already a private temporary file of publish.write_file
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as out:
        for info, data in entries:
            if info.filename == "docProps/core.xml":
                data = re.sub(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(<)", rb"\g<1>" + stamp + rb"\2", data)
            fixed = zipfile.ZipInfo(info.filename, date_time=when.timetuple()[:6])
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = info.external_attr
            out.writestr(fixed, data)
    path.write_bytes(buf.getvalue())
