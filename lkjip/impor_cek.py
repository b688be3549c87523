"""Checks of a read form across its rows, named by sheet and cell: sub-kegiatan add up to their kegiatan."""

from __future__ import annotations

from decimal import Decimal

from lkjip.formulir_lembar import lembar
from lkjip.numeric import show


def _col(sheet: str, field: str) -> str:
    from openpyxl.utils import get_column_letter

    spec = lembar(sheet)
    return str(get_column_letter(next(i for i, k in enumerate(spec.kolom, 1) if k.field == field)))


def jumlah(tabel: dict[str, list[dict[str, str]]]) -> list[str]:
    """Each kegiatan's anggaran and realisasi, when filled, equal the sum of its sub-kegiatan's (when filled)."""
    problems = []
    subs = tabel.get("Sub-kegiatan", [])
    for keg in tabel.get("Kegiatan", []):
        mine = [s for s in subs if s.get("program") == keg.get("program") and s.get("kegiatan") == keg.get("nomor")]
        for field in ("anggaran", "realisasi"):
            parts = [s.get(field, "") for s in mine]
            if not keg.get(field) or not any(parts):
                continue
            total = sum((Decimal(p) for p in parts if p), Decimal(0))
            own = Decimal(keg[field])
            if own != total:
                rows = ", ".join(s["_baris"] for s in mine)
                problems.append(
                    f"Lembar 'Kegiatan', sel {_col('Kegiatan', field)}{keg['_baris']}: {field} kegiatan "
                    f"{keg['program']}/{keg['nomor']} Rp {show(own)}, jumlah {field} sub-kegiatannya (lembar "
                    f"'Sub-kegiatan', baris {rows}, kolom {_col('Sub-kegiatan', field)}) Rp {show(total)}; selisih "
                    f"Rp {show(own - total)}. Perbaikan: samakan angka kegiatan dengan jumlah sub-kegiatannya."
                )
    return problems
