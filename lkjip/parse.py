"""Schema validation: headers, cell types and allowed values, unique keys.

Each row is parsed with the table's pydantic model; every failing cell becomes
one :class:`~lkjip.problems.Problem` in Bahasa Indonesia. Rows that fail are
left out of the typed frame, so later rules never see a half-parsed row.
"""

from __future__ import annotations

import math
from typing import Any

import pandas as pd
from pydantic import ValidationError

from lkjip.load import ROW, RawTable
from lkjip.problems import WARNING, Problem
from lkjip.schema import TABLES

_INT_FIX = "Tulis bilangan bulat tanpa pemisah ribuan, mis. 2966054529."
_FLOAT_FIX = "Tulis angka dengan titik sebagai pemisah desimal, mis. 99.59 (bukan 99,59)."


def _explain(err: dict[str, Any], field: str, table: str) -> tuple[str, str]:
    """(message, fix) in Bahasa Indonesia for one pydantic error."""
    kind = err["type"]
    ctx = err.get("ctx", {})
    desc = TABLES[table].model.model_fields[field].description or ""
    if kind == "missing":
        return "Kolom wajib ini kosong.", f"Isi kolom '{field}': {desc}."
    if kind in ("int_parsing", "int_from_float", "int_type"):
        return "Nilai bukan bilangan bulat.", _INT_FIX
    if kind in ("float_parsing", "float_type", "finite_number"):
        return "Nilai bukan angka.", _FLOAT_FIX
    if kind in ("bool_parsing", "bool_type"):
        return "Nilai bukan true/false.", "Tulis true atau false."
    if kind.startswith("date"):
        return "Nilai bukan tanggal yang sah.", "Tulis tanggal dengan format YYYY-MM-DD, mis. 2024-01-31."
    if kind == "literal_error":
        return "Nilai tidak termasuk pilihan yang diizinkan.", f"Gunakan salah satu dari: {ctx.get('expected')}."
    if kind == "greater_than_equal":
        if ctx.get("ge") == 0:
            return "Nilai negatif tidak diperbolehkan.", "Periksa tanda minus; jumlah dan rupiah tidak boleh negatif."
        return f"Nilai lebih kecil dari batas bawah {ctx.get('ge')}.", f"Isi nilai paling kecil {ctx.get('ge')}."
    if kind == "greater_than":
        return f"Nilai harus lebih besar dari {ctx.get('gt')}.", f"Isi nilai di atas {ctx.get('gt')}."
    if kind == "less_than_equal":
        return f"Nilai melebihi batas atas {ctx.get('le')}.", f"Isi nilai paling besar {ctx.get('le')}."
    if kind == "target_nol":
        return (
            "Target bernilai nol; % capaian tidak dapat dihitung.",
            "Isi target yang disepakati dalam Perjanjian Kinerja.",
        )
    if kind == "string_pattern_mismatch":
        return "Format nilai tidak sesuai.", f"{desc}."
    if kind == "string_too_short":
        return "Kolom wajib ini kosong.", f"Isi kolom '{field}': {desc}."
    return f"Nilai tidak sah ({err.get('msg')}).", f"Periksa kolom '{field}': {desc}."


def _kecamatan_of(record: dict[str, Any], table: str) -> str | None:
    if table == "kecamatan":
        return record.get("slug")
    return record.get("kecamatan")


def parse_table(raw: RawTable) -> tuple[pd.DataFrame, list[Problem]]:
    """Typed frame of the valid rows of ``raw`` and the problems of the others."""
    spec = TABLES[raw.name]
    fields = spec.model.model_fields
    problems: list[Problem] = []
    present = set(raw.frame.columns)
    required = [f for f, info in fields.items() if info.is_required()]
    missing = [f for f in required if f not in present]
    for col in missing:
        problems.append(
            Problem(
                raw.location,
                None,
                col,
                None,
                "Kolom wajib tidak ada di baris judul.",
                f"Tambahkan kolom '{col}' ({fields[col].description}).",
            )
        )
    for col in sorted(present - set(fields) - {ROW}):
        problems.append(
            Problem(
                raw.location,
                1,
                col,
                None,
                "Kolom tidak dikenal; isinya diabaikan.",
                f"Hapus kolom ini atau perbaiki ejaannya; kolom yang dikenal: {', '.join(fields)}.",
                level=WARNING,
            )
        )
    if missing:
        return _empty_frame(raw.name), problems

    rows: list[dict[str, Any]] = []
    for record in raw.frame.to_dict("records"):
        record = {k: (None if _blank(v) else v) for k, v in record.items()}
        values = {k: v for k, v in record.items() if k in fields and v is not None}
        try:
            parsed = spec.model.model_validate(values)
        except ValidationError as exc:
            for err in exc.errors():
                field = str(err["loc"][0]) if err["loc"] else None
                message, fix = _explain(err, field, raw.name) if field else (err["msg"], "")
                problems.append(
                    Problem(
                        raw.location,
                        record[ROW],
                        field,
                        None if field is None else record.get(field),
                        message,
                        fix,
                        kecamatan=_kecamatan_of(record, raw.name),
                    )
                )
            continue
        rows.append({**parsed.model_dump(), ROW: record[ROW]})

    frame = pd.DataFrame(rows, columns=[*fields, ROW]) if rows else _empty_frame(raw.name)
    problems += _duplicate_keys(frame, raw)
    return frame, problems


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def _duplicate_keys(frame: pd.DataFrame, raw: RawTable) -> list[Problem]:
    key = list(TABLES[raw.name].key)
    dup = frame[frame.duplicated(key, keep="first")]
    out = []
    for _, row in dup.iterrows():
        first = frame[(frame[key] == row[key]).all(axis=1)][ROW].iloc[0]
        value = " / ".join(str(row[k]) for k in key)
        out.append(
            Problem(
                raw.location,
                int(row[ROW]),
                ", ".join(key),
                value,
                f"Kunci ganda: kombinasi yang sama sudah ada di baris {first}.",
                "Hapus salah satu baris atau perbaiki kuncinya.",
                kecamatan=_kecamatan_of(row.to_dict(), raw.name),
            )
        )
    return out


def _empty_frame(name: str) -> pd.DataFrame:
    return pd.DataFrame(columns=[*TABLES[name].model.model_fields, ROW])
