"""The commands of the Excel form (``formulir``, ``impor``), registered by :mod:`lkjip.cli`.

Thin wrappers over :mod:`lkjip.formulir` and :mod:`lkjip.impor_diff`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from lkjip import paths
from lkjip.cli_common import Data, Tahun, err, out, slug_list, typed
from lkjip.errors import LkjipError, ParameterError


def formulir(
    tahun: Tahun,
    kecamatan: Annotated[
        str | None, typer.Option("--kecamatan", "-k", help="Batasi ke slug ini (pisahkan dengan koma).")
    ] = None,
    output: Annotated[Path, typer.Option("--output", help="Folder tempat formulir ditulis.")] = Path("formulir"),
    data: Data = paths.DATA_DIR,
) -> None:
    """Tulis formulir Excel per kecamatan (formulir_<slug>_<tahun>.xlsx) untuk diisi staf kecamatan."""
    from lkjip.formulir import formulir as tulis

    try:
        written = tulis(paths.resolve(data), tahun, slug_list(kecamatan), typed(output) or output)
    except LkjipError as exc:
        err.print(str(exc), style="red", soft_wrap=True, markup=False)
        raise typer.Exit(2 if isinstance(exc, ParameterError) else 1) from exc
    for path in written:
        out.print(f"Formulir ditulis: {path}", markup=False)
    out.print(f"{len(written)} formulir tahun {tahun}.")


def impor(
    berkas: Annotated[Path, typer.Argument(help="Formulir .xlsx yang sudah diisi.")],
    ya: Annotated[bool, typer.Option("--ya", help="Tulis tanpa bertanya (untuk skrip).")] = False,
    data: Data = paths.DATA_DIR,
) -> None:
    """Periksa formulir yang sudah diisi, tampilkan perubahannya, lalu tulis ke tabel data (semua atau tidak)."""
    from lkjip.impor_diff import impor as rencana
    from lkjip.impor_diff import terapkan

    try:
        plan = rencana(typed(berkas) or berkas, paths.resolve(data))
    except LkjipError as exc:
        err.print(str(exc), style="red", soft_wrap=True, markup=False)
        raise typer.Exit(1) from exc
    where = f"kecamatan {plan.isi.kecamatan} tahun {plan.isi.tahun}"
    if not plan.teks:
        out.print(f"Formulir {where} sama dengan data: tidak ada yang berubah.", soft_wrap=True)
        return
    for line in plan.baris():
        out.print(line, markup=False, soft_wrap=True)
    if not ya and not typer.confirm(f"Tulis perubahan {where} ke {plan.data}?", default=False):
        out.print("Tidak ada yang ditulis.")
        raise typer.Exit(1)
    try:
        files = terapkan(plan)
    except LkjipError as exc:
        err.print(str(exc), style="red", soft_wrap=True, markup=False)
        raise typer.Exit(1) from exc
    out.print(f"Diimpor: {len(files)} tabel diperbarui untuk {where}.")


def register(app: typer.Typer) -> None:
    app.command()(formulir)
    app.command()(impor)
