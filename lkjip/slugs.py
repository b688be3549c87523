"""What the analyst typed for a kecamatan, matched against the registry's slugs.

Used by validation (``lkjip check -k``) and by the batch and single report
before any path is built: no file or folder name ever comes from typed text.
"""

from __future__ import annotations

from lkjip.errors import ParameterError


def match_slugs(requested: list[str], registered: list[str], have: list[str], tahun: int) -> list[str]:
    """The registry's slugs for what the analyst typed: case-insensitive, a typo gets a hint.

    No path is ever built from ``requested``: only the returned registry slugs
    (lower-case letters, digits and hyphens, checked by the schema) name files.
    """
    from lkjip.parse import closest  # parse is validation's own layer

    by_fold = {s.casefold(): s for s in registered}
    chosen: list[str] = []
    unknown: list[str] = []
    empty: list[str] = []
    for raw in requested:
        slug = by_fold.get(raw.strip().casefold())
        if slug is None:
            close = closest(raw.strip().casefold(), registered)
            unknown.append(f"'{raw}' (maksudnya {close}?)" if close else f"'{raw}'")
        elif slug not in have:
            empty.append(slug)
        elif slug not in chosen:
            chosen.append(slug)
    if unknown:
        raise ParameterError(
            f"Kecamatan tidak terdaftar di daftar kecamatan: {', '.join(unknown)}. "
            f"Perbaikan: gunakan slug dari kecamatan.csv, mis. {', '.join(registered[:3])}."
        )
    if empty:
        raise ParameterError(
            f"Tidak ada data tahun {tahun} untuk: {', '.join(empty)}. "
            f"Perbaikan: isi data tahun {tahun} kecamatan itu, atau gunakan slug yang ada datanya, "
            f"mis. {', '.join(have[:3])}."
        )
    return chosen
