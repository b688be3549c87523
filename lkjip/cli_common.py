"""What every command module of the CLI shares: the two consoles, the common options, typed paths and slugs."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

out = Console(highlight=False, log_path=False)
err = Console(stderr=True, highlight=False, log_path=False)

Tahun = Annotated[int, typer.Option("--tahun", "-t", help="Tahun laporan, mis. 2023.")]
Data = Annotated[Path, typer.Option("--data", help="Folder berkas CSV atau satu buku kerja .xlsx.")]
Output = Annotated[Path, typer.Option("--output", help="Folder keluaran laporan.")]


def typed(path: Path | None, default: Path | None = None) -> Path | None:
    """A path the user typed, from the current folder (as any tool reads it); the default, from the project."""
    if path is None or path == default or path.is_absolute():
        return path
    return path.expanduser().absolute()


def paths_display(p: Path) -> str:
    from lkjip.load import display_path

    return display_path(p)


def slug_list(option: str | None) -> list[str] | None:
    """``a, b`` -> ['a', 'b']; an option given but naming no slug is a usage error, not "all"."""
    if option is None:
        return None
    slugs = [s.strip() for s in option.split(",") if s.strip()]
    if not slugs:
        err.print(
            f"Opsi --kecamatan diisi '{option}' tanpa satu slug pun. Perbaikan: tulis slug, mis. ajibarang, "
            "atau hilangkan opsi ini untuk semua kecamatan.",
            style="red",
            markup=False,
        )
        raise typer.Exit(2)
    return slugs
