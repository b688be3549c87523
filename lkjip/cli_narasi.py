"""The ``lkjip narasi`` command, registered by :mod:`lkjip.cli`: a thin wrapper over :mod:`lkjip.narasi_notebook`."""

from __future__ import annotations

from typing import Annotated

import typer

from lkjip import paths
from lkjip.cli_common import Data, Output, Tahun, err, out
from lkjip.errors import LkjipError

Kecamatan = Annotated[str, typer.Option("--kecamatan", "-k", help="Slug kecamatan, mis. ajibarang.")]


def narasi(kecamatan: Kecamatan, tahun: Tahun, data: Data = paths.DATA_DIR, output: Output = paths.OUTPUT_DIR) -> None:
    """Buat atau perbarui notebook narasi satu kecamatan dan tahun (satu sel per bagian narasi)."""
    from lkjip import narasi_notebook

    try:
        path = narasi_notebook.write(kecamatan, tahun, data, output)
    except LkjipError as exc:
        err.print(str(exc), style="red", soft_wrap=True, markup=False)
        raise typer.Exit(2) from exc
    out.print(
        f"Notebook narasi ditulis ke {path}.\nBuka dengan: jupyter lab {path}\n"
        f"(atau: make lab-narasi KECAMATAN={kecamatan} TAHUN={tahun})",
        markup=False,
        soft_wrap=True,
    )


def register(app: typer.Typer) -> None:
    """Add the command to the CLI's app."""
    app.command("narasi")(narasi)
