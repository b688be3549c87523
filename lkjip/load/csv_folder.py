"""Reading a folder of CSV files: exact bytes, encodings refused with the fix, one problem per bad row."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from lkjip.load.base import RESAVE, RawTable, build_frame, cell_text, display_path, empty, file_error, missing
from lkjip.numeric import Cell
from lkjip.problems import SHARED, Problem, in_table
from lkjip.schema import TABLES


def read_folder(folder: Path) -> tuple[dict[str, RawTable], list[Problem]]:
    tables: dict[str, RawTable] = {}
    problems: list[Problem] = []
    for name, spec in TABLES.items():
        file = folder / f"{name}.csv"
        location = display_path(file)
        if not file.is_file():
            if spec.required:
                problems += in_table([missing(location, name)], name)
            tables[name] = empty(name, location)
            continue
        rows, found = _csv_rows(file.read_bytes(), location)
        tables[name] = RawTable(name, build_frame(name, rows, location, found), location)
        problems += in_table(found, name)
    return tables, problems


def _csv_rows(raw: bytes, location: str) -> tuple[list[tuple[int, list[Cell]]], list[Problem]]:
    """(spreadsheet row number, cells) of every record, or a file-level problem."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return [], [file_error(location, "Berkas tersimpan sebagai UTF-16 (Unicode Text).", RESAVE)]
    # undecodable bytes are kept as surrogates so that each is named at its row (see frame)
    text = raw.decode("utf-8-sig", errors="surrogateescape")
    records: list[list[str]] = []
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        for record in reader:
            records.append(record)
    except csv.Error:
        return [], [
            Problem(
                location,
                len(records) + 1,
                None,
                None,
                'Tanda kutip (") dibuka tetapi tidak ditutup; sisa berkas terbaca sebagai satu sel.',
                "Tutup tanda kutip pada baris ini, atau hapus tanda kutip yang tidak perlu, lalu simpan ulang.",
                scope=SHARED,
            )
        ]
    header_at = next((i for i, r in enumerate(records) if any(c.strip() for c in r)), None)
    if header_at is None:
        return [], []
    header = records[header_at]
    if len(header) == 1:
        for sep, label in ((";", "titik koma (;)"), ("\t", "tab")):
            if sep in header[0]:
                return [], [
                    file_error(
                        location,
                        f"Pemisah kolom berkas ini {label}, bukan koma; semua kolom terbaca sebagai satu.",
                        "Simpan ulang dari Excel sebagai 'CSV UTF-8 (Comma delimited) (*.csv)', "
                        "atau gunakan buku kerja .xlsx (opsi --data).",
                        value=header[0][:80],
                    )
                ]
    out: list[tuple[int, list[Cell]]] = [(header_at + 1, [c for c in header])]
    for i, record in enumerate(records[header_at + 1 :], start=header_at + 2):
        if not record:  # a blank line: a row a spreadsheet shows empty; nothing to read
            continue
        out.append((i, [cell_text(c) for c in record]))
    return out, []
