"""sha256 of bytes and of files, as ``sha256sum`` prints them; the standard library only.

Kept apart from :mod:`lkjip.fingerprint` so that the ledger (and ``make
clean``, which runs before ``.venv`` exists) needs no third-party package.
"""

from __future__ import annotations

import hashlib
from pathlib import Path


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()
