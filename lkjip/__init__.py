"""lkjip: the LKjIP of every kecamatan of Kabupaten Banyumas, generated from data.

The notebook-facing API is :func:`buka` (open one report) and :class:`Laporan`;
both are imported lazily so that the CLI and the nbconvert entry point start fast.
"""

from __future__ import annotations

from typing import Any

__version__ = "0.1.0"
__all__ = ["Laporan", "__version__", "buka"]


def __getattr__(name: str) -> Any:
    if name in ("Laporan", "buka"):
        from lkjip import report

        return getattr(report, name)
    raise AttributeError(f"module 'lkjip' has no attribute {name!r}")
