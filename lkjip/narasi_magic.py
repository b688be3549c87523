"""The IPython extension of the narrative notebook: ``%load_ext lkjip.narasi_magic``.

Three magics, thin wrappers over :mod:`lkjip.narasi_edit`:

- ``%narasi_laporan --kecamatan <slug> --tahun <t> [--data <folder>] [--output <folder>]`` (the notebook's
  first cell): which report the cells edit. Relative folders are taken from the kernel's working
  directory, which in JupyterLab is the notebook's folder.
- ``%%narasi <section> [--asal <hash>] [--ambil-alih]``: the cell's body is the section's Markdown+Jinja
  text. Running it checks the text, saves it when it differs from the text the cell was prefilled with
  (``--asal``: a magic cannot read its cell's metadata, so the prefill's hash is on the magic's line) and
  shows the section as the report shows it. ``--ambil-alih`` marks a generated section taken over.
- ``%narasi_kembalikan <section> [--ya]``: back to the generated text (the override file is deleted
  with ``--ya``).

The functions can be called directly (``narasi(line, cell)``) and return what the cell displays.
"""

from __future__ import annotations

import shlex
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lkjip import narasi_edit
from lkjip.narasi_edit import Hasil


@dataclass
class Laporan:
    """The report the cells of this kernel edit (set by ``%narasi_laporan``)."""

    kecamatan: str = ""
    tahun: int = 0
    data: Path = Path("data")
    output: Path = Path("output")


STATE = Laporan()


def _options(line: str) -> tuple[list[str], dict[str, str | bool]]:
    words = shlex.split(line)
    args: list[str] = []
    opts: dict[str, str | bool] = {}
    i = 0
    while i < len(words):
        w = words[i]
        if w.startswith("--"):
            if (
                i + 1 < len(words)
                and not words[i + 1].startswith("--")
                and w in ("--kecamatan", "--tahun", "--data", "--output", "--asal")
            ):
                opts[w[2:]] = words[i + 1]
                i += 1
            else:
                opts[w[2:]] = True
        else:
            args.append(w)
        i += 1
    return args, opts


def narasi_laporan(line: str) -> str:
    """``%narasi_laporan --kecamatan ajibarang --tahun 2023 --data ../../.. --output ../../../../output``."""
    _, opts = _options(line)
    STATE.kecamatan = str(opts.get("kecamatan", ""))
    STATE.tahun = int(str(opts.get("tahun", "0")))
    STATE.data = Path(str(opts.get("data", "data"))).resolve()
    STATE.output = Path(str(opts.get("output", "output"))).resolve()
    return f"Narasi Kecamatan {STATE.kecamatan} tahun {STATE.tahun} (data: {STATE.data})."


def _ready(name: str) -> Hasil | None:
    if STATE.kecamatan and STATE.tahun:
        return None
    return Hasil(
        name,
        galat=[
            (
                "Laporan yang disunting belum ditentukan.",
                "Jalankan dulu sel pertama notebook: %narasi_laporan --kecamatan <slug> --tahun <tahun>.",
            )
        ],
    )


def narasi(line: str, cell: str) -> Hasil:
    """``%%narasi <section> --asal <hash>``: check, save when edited, preview."""
    args, opts = _options(line)
    if len(args) != 1:
        return Hasil("?", galat=[("Baris %%narasi harus menyebut satu nama bagian.", "Tulis: %%narasi penutup")])
    name = args[0]
    missing = _ready(name)
    if missing:
        return missing
    prefilled = opts.get("asal")
    return narasi_edit.simpan(
        STATE.kecamatan,
        STATE.tahun,
        STATE.data,
        STATE.output,
        name,
        cell,
        prefilled if isinstance(prefilled, str) else None,
    )


def narasi_kembalikan(line: str) -> Hasil:
    """``%narasi_kembalikan <section> [--ya]``: delete the override, back to the generated text."""
    args, opts = _options(line)
    if len(args) != 1:
        return Hasil("?", galat=[("Sebutkan satu nama bagian.", "Tulis: %narasi_kembalikan penutup --ya")])
    missing = _ready(args[0])
    if missing:
        return missing
    return narasi_edit.kembalikan(
        STATE.kecamatan, STATE.tahun, STATE.data, STATE.output, args[0], bool(opts.get("ya", False))
    )


def load_ipython_extension(ipython: Any) -> None:
    """Register the magics (``%load_ext lkjip.narasi_magic``)."""
    ipython.register_magic_function(narasi_laporan, "line")
    ipython.register_magic_function(narasi_kembalikan, "line")
    ipython.register_magic_function(narasi, "cell")
