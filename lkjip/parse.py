"""Schema validation: headers, cell types and allowed values, unique keys.

Numbers are read first, strictly and by kind, with :mod:`lkjip.numeric`
(no coercion is left to pydantic); the rest of each row is then parsed with the
table's pydantic model. Every failing cell becomes one
:class:`~lkjip.problems.Problem` in Bahasa Indonesia. Rows that fail are left
out of the typed frame, so later rules never see a half-parsed row.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable
from decimal import Decimal
from typing import Any

import pandas as pd
from pydantic import ValidationError
from pydantic_core import ErrorDetails

from lkjip.load import ROW, RawTable
from lkjip.numeric import LOSSY, Exact, Kind, NumberError, read_number
from lkjip.problems import ROW_SCOPE, SHARED, WARNING, Problem, Scope, in_table
from lkjip.schema import TABLES

KindOf = Callable[[str, dict[str, Any]], Kind | None]
"""(column, record) -> the number kind of that cell; None for a text column."""


def _explain(err: ErrorDetails, field: str, table: str) -> tuple[str, str]:
    """(message, fix) in Bahasa Indonesia for one pydantic error."""
    kind = err["type"]
    ctx = err.get("ctx", {})
    desc = TABLES[table].model.model_fields[field].description or ""
    if kind == "missing":
        return "Kolom wajib ini kosong.", f"Isi kolom '{field}': {desc}."
    if kind in ("bool_parsing", "bool_type"):
        return "Nilai bukan true/false.", "Tulis true atau false."
    if kind.startswith("date"):
        return "Nilai bukan tanggal yang sah.", "Tulis tanggal dengan format YYYY-MM-DD, mis. 2024-01-31."
    if kind == "literal_error":
        return "Nilai tidak termasuk pilihan yang diizinkan.", f"Gunakan salah satu dari: {ctx.get('expected')}."
    if kind == "greater_than_equal":
        if ctx.get("ge") == 0:
            return "Nilai negatif tidak diperbolehkan.", "Periksa tanda minus; nilai ini tidak boleh negatif."
        return f"Nilai lebih kecil dari batas bawah {ctx.get('ge')}.", f"Isi nilai paling kecil {ctx.get('ge')}."
    if kind == "greater_than":
        if ctx.get("gt") == 0 and isinstance(err.get("input"), int | float) and err["input"] < 0:
            return "Nilai negatif tidak diperbolehkan.", "Periksa tanda minus; nilai ini harus lebih dari nol."
        if ctx.get("gt") == 0:
            return "Nilai harus lebih dari nol.", f"Isi nilai yang sebenarnya: {desc}."
        return f"Nilai harus lebih besar dari {ctx.get('gt')}.", f"Isi nilai di atas {ctx.get('gt')}."
    if kind == "less_than_equal":
        return f"Nilai melebihi batas atas {ctx.get('le')}.", f"Isi nilai paling besar {ctx.get('le')}."
    if kind == "target_nol":
        return (
            "Target bernilai nol; % capaian tidak dapat dihitung.",
            "Isi target yang disepakati dalam Perjanjian Kinerja.",
        )
    if kind == "target_negatif":
        return "Target negatif tidak masuk akal.", "Periksa tanda minus; isi target dari Perjanjian Kinerja."
    if kind == "string_pattern_mismatch":
        return "Format nilai tidak sesuai.", f"{desc}."
    if kind == "string_too_short":
        return "Kolom wajib ini kosong.", f"Isi kolom '{field}': {desc}."
    if kind == "string_too_long":
        most = (err.get("ctx") or {}).get("max_length")
        return (
            f"Teks terlalu panjang ({len(str(err.get('input', '')))} karakter; paling banyak {most}).",
            f"Pendekkan isi kolom '{field}': {desc}.",
        )
    return f"Nilai tidak sah ({err.get('msg')}).", f"Periksa kolom '{field}': {desc}."


def static_kinds(table: str) -> KindOf:
    """Number kinds fixed by the schema; satuan-dependent columns read as decimals."""
    spec = TABLES[table]
    return lambda column, _record: spec.kind(column) if column not in spec.by_satuan else Kind.DECIMAL


def parse_table(
    raw: RawTable, kinds: KindOf | None = None, registry: set[str] | None = None
) -> tuple[pd.DataFrame, list[Problem]]:
    """Typed frame of the valid rows of ``raw`` and the problems of the others.

    ``registry`` (the known slugs) decides whose a row is: a row of a known
    kecamatan belongs to it; a row with an unknown or empty slug, or an empty
    row, is its own problem and stops no kecamatan's report.
    """
    spec = TABLES[raw.name]
    kinds = kinds or static_kinds(raw.name)
    fields = spec.model.model_fields
    problems: list[Problem] = []
    present = [c for c in raw.frame.columns if c != ROW]
    required = [f for f, info in fields.items() if info.is_required()]
    missing = [f for f in required if f not in present]
    unknown = [c for c in present if c not in fields]
    for col in missing:
        problems.append(
            Problem(
                raw.location,
                None,
                col,
                None,
                "Kolom wajib tidak ada di baris judul." + _header_hint(col, unknown),
                f"Tambahkan kolom '{col}' ({fields[col].description}) atau perbaiki ejaan judulnya.",
                scope=SHARED,
            )
        )
    for col in unknown:
        close = _close(col, list(fields))
        problems.append(
            Problem(
                raw.location,
                1,
                col,
                None,
                "Kolom tidak dikenal; isinya diabaikan."
                + (f" Mungkin maksudnya '{close}'." if close and close not in missing else ""),
                f"Hapus kolom ini atau perbaiki ejaannya; kolom yang dikenal: {', '.join(fields)}.",
                level=WARNING,
                scope=SHARED,
            )
        )
    if missing:
        return _empty_frame(raw.name), in_table(problems, raw.name)

    rows: list[dict[str, Any]] = []
    for record in raw.frame.to_dict("records"):
        row_problems, parsed = _parse_record(raw, record, kinds, registry)
        problems += row_problems
        if parsed is not None:
            rows.append({**parsed, ROW: record[ROW]})

    frame = pd.DataFrame(rows, columns=[*fields, ROW]) if rows else _empty_frame(raw.name)
    problems += _duplicate_keys(frame, raw)
    return frame, in_table(problems, raw.name)


def _parse_record(
    raw: RawTable, record: dict[str, Any], kinds: KindOf, registry: set[str] | None
) -> tuple[list[Problem], dict[str, Any] | None]:
    spec = TABLES[raw.name]
    fields = spec.model.model_fields
    cells = {k: v for k, v in record.items() if k in fields and v is not None}
    number = int(record[ROW])
    if not cells and all(v is None for k, v in record.items() if k != ROW):
        return [
            Problem(
                raw.location,
                number,
                None,
                None,
                "Baris kosong (hanya pemisah kolom, mis. ',,,' yang ditambahkan Excel).",
                "Hapus baris ini.",
                scope=ROW_SCOPE,
            )
        ], None
    slug, scope = _owner(raw.name, cells, registry)
    if scope == ROW_SCOPE:
        return [_orphan(raw, number, slug, registry or set())], None

    def problem(field: str | None, value: Any, message: str, fix: str) -> Problem:
        return Problem(
            raw.location,
            number,
            field,
            None if value is None else str(value),
            message,
            fix,
            kecamatan=slug,
            scope=scope,
        )

    out: list[Problem] = []
    values: dict[str, Any] = {}
    for field, cell in cells.items():
        kind = kinds(field, cells)
        if kind is None:
            if isinstance(cell, Exact) and cell.lossy:
                out.append(problem(field, cell, LOSSY.message, LOSSY.fix))
            values[field] = str(cell) if isinstance(cell, Exact) else cell
            continue
        try:
            number_value = read_number(cell, kind)
        except NumberError as exc:
            out.append(problem(field, cell, exc.message, exc.fix))
            continue
        values[field] = _typed(number_value, fields[field].annotation)
    try:
        parsed = spec.model.model_validate(values)
    except ValidationError as exc:
        for err in exc.errors():
            column = str(err["loc"][0]) if err["loc"] else None
            if column in {p.column for p in out}:
                continue
            message, fix = _explain(err, column, raw.name) if column else (err["msg"], "")
            out.append(problem(column, cells.get(column) if column else None, message, fix))
        return out, None
    if out:
        return out, None
    return out, parsed.model_dump()


def _owner(table: str, cells: dict[str, Any], registry: set[str] | None) -> tuple[str | None, Scope | None]:
    """(kecamatan, scope) of a row: its own kecamatan's, or a row of its own when the slug is unknown."""
    key = "slug" if table == "kecamatan" else "kecamatan"
    value = cells.get(key)
    slug = value if isinstance(value, str) else None
    if table == "kecamatan" or key not in TABLES[table].model.model_fields:
        return None, SHARED
    if slug is None or (registry is not None and slug not in registry):
        return slug, ROW_SCOPE
    return slug, None


LIKELY_TYPO = 0.85
"""Similarity (difflib ratio) above which an unknown slug is taken as a typo of a registered one."""


def closest(slug: str, candidates: Iterable[str], cutoff: float = 0.6) -> str | None:
    """The registered slug a mistyped one most likely means, for hints."""
    found = difflib.get_close_matches(slug.lower(), sorted(candidates), n=1, cutoff=cutoff)
    return found[0] if found else None


def _orphan(raw: RawTable, number: int, slug: str | None, registry: set[str]) -> Problem:
    """The one problem of a row that belongs to no known kecamatan."""
    if slug is None:
        return Problem(
            raw.location,
            number,
            "kecamatan",
            None,
            "Kolom kecamatan kosong; baris ini bukan milik kecamatan mana pun dan diabaikan.",
            "Isi slug kecamatan (lihat kecamatan.csv) atau hapus baris ini.",
            scope=ROW_SCOPE,
        )
    likely = difflib.get_close_matches(slug.lower(), sorted(registry), n=1, cutoff=LIKELY_TYPO)
    if likely:  # almost surely that kecamatan's row: it holds that report back, and only that one
        return Problem(
            raw.location,
            number,
            "kecamatan",
            slug,
            f"Kecamatan tidak terdaftar; kemungkinan salah ketik '{likely[0]}'. Laporan {likely[0]} ditahan "
            "sampai baris ini diperbaiki.",
            f"Ganti menjadi '{likely[0]}' bila baris ini miliknya, atau hapus baris ini.",
            kecamatan=likely[0],
        )
    close = closest(slug, registry)
    hint = f"Mungkin maksudnya '{close}'. " if close else ""
    return Problem(
        raw.location,
        number,
        "kecamatan",
        slug,
        "Kecamatan tidak terdaftar di tabel kecamatan; baris ini diabaikan.",
        f"{hint}Gunakan slug dari kecamatan.csv (huruf kecil), mis. 'ajibarang' atau 'purwokerto-utara'.",
        kecamatan=slug,
        scope=ROW_SCOPE,
    )


def _typed(value: Decimal, annotation: Any) -> int | float:
    if annotation in (int, int | None):
        return int(value)
    return float(value)


def _close(name: str, candidates: list[str]) -> str | None:
    norm = name.strip().lower().replace(" ", "_")
    for c in candidates:
        if c == norm:
            return c
    found = difflib.get_close_matches(norm, candidates, n=1, cutoff=0.75)
    return found[0] if found else None


def _header_hint(col: str, present: list[str]) -> str:
    for p in present:
        if p.strip().lower().replace(" ", "_") == col:
            return f" Ada kolom '{p}': judulnya harus ditulis persis '{col}' (huruf kecil, tanpa spasi)."
    close = difflib.get_close_matches(col, present, n=1, cutoff=0.75)
    if close:
        return f" Ada kolom '{close[0]}': mungkin maksudnya '{col}'."
    if len(present) == 1 and (";" in present[0] or "\t" in present[0]):
        return " Pemisah kolomnya bukan koma."
    return ""


def _duplicate_keys(frame: pd.DataFrame, raw: RawTable) -> list[Problem]:
    key = list(TABLES[raw.name].key)
    dup = frame[frame.duplicated(key, keep="first")]
    out = []
    for _, row in dup.iterrows():
        first = frame[(frame[key] == row[key]).all(axis=1)][ROW].iloc[0]
        value = " / ".join(str(row[k]) for k in key)
        slug = row.get("kecamatan") if "kecamatan" in row.index else None
        out.append(
            Problem(
                raw.location,
                int(row[ROW]),
                ", ".join(key),
                value,
                f"Kunci ganda: kombinasi yang sama sudah ada di baris {first}.",
                "Hapus salah satu baris atau perbaiki kuncinya.",
                kecamatan=slug,
                scope=None if slug else SHARED,
            )
        )
    return out


def _empty_frame(name: str) -> pd.DataFrame:
    return pd.DataFrame(columns=[*TABLES[name].model.model_fields, ROW])
