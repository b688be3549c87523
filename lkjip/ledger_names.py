"""What a line of the ledger (:mod:`lkjip.ledger`) may name: unique keys, and kecamatan and file names.

Every reader of the ledger (verify, the batch's archive check, final, arsip,
make clean) builds paths from its kecamatan and file names, so a line naming a
path (``../x``, ``a/b``) or holding a key twice (two readers could take
different values) breaks the chain like any other damaged line.
"""

from __future__ import annotations

from typing import Any


class Duplicate(ValueError):
    pass


def no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """A JSON object whose keys are unique: two readers could take different values of a duplicated key."""
    seen: dict[str, Any] = {}
    for key, value in pairs:
        if key in seen:
            raise Duplicate(key)
        seen[key] = value
    return seen


def plain_name(name: object) -> bool:
    """A kecamatan or file name of the ledger: one path component, no separator, no control character."""
    return (
        isinstance(name, str)
        and bool(name)
        and name not in (".", "..")
        and not any(c in name for c in "/\\")
        and all(c.isprintable() for c in name)
        and len(name.encode("utf-8")) <= 255
    )


def problem(data: dict[str, Any], manifest: str) -> str:
    """Why the entry's kecamatan or file names cannot be names in the year folder ("" when they can)."""
    if not plain_name(data["kecamatan"]) or data["kecamatan"].startswith((".", "_")):
        return f"kecamatan {data['kecamatan']!r} bukan nama folder yang sah"
    keluaran = data.get("keluaran")
    if keluaran is not None and not isinstance(keluaran, dict):
        return "kolom 'keluaran' bukan objek nama berkas -> sha256"
    for name, digest in (keluaran or {}).items():
        if not plain_name(name) or name == manifest or not isinstance(digest, str):
            return f"nama berkas {name!r} di keluaran tidak sah"
    if data.get("manifest") is not None and not isinstance(data["manifest"], str):
        return "kolom 'manifest' bukan sha256"
    return ""
