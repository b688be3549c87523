"""The figures an executed notebook recorded: the one source of the manifest, the index and the rekap.

The kernel computes the figures once (:mod:`lkjip.hasil`) and the cell
``lap.ringkasan()`` of the master notebook displays them as JSON under
:data:`MIME`. :func:`read` finds that output again in the executed notebook,
so the archived manifest, the kabupaten index and the Excel rekap show the
numbers the report printed, never a recomputation.

A leaf module (json and the standard library only): the index reads every
report's notebook on each batch, including a run with nothing to do.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from lkjip.errors import RecordError

VERSION = 1
"""Version of the record this lkjip writes and reads (``versi`` and the media type)."""

MIME = f"application/vnd.lkjip.hasil.v{VERSION}+json"
"""Media type of the recorded figures in the executed notebook."""

PREFIX = "application/vnd.lkjip.hasil"
"""Every media type of a record, whatever its version (a record of an unknown version is refused, not skipped)."""

_VERSIONED = re.compile(r"^application/vnd\.lkjip\.hasil\.v(\d+)\+json$")

NUMBER = (int, float)
FIELDS: dict[str, type | tuple[type, ...]] = {
    "versi": int,
    "kecamatan": str,
    "tahun": int,
    "nama": str,
    "rata_rata": NUMBER,
    "predikat": str,
    "anggaran": int,
    "realisasi": int,
    "serapan": NUMBER,
    "indikator_tercapai": int,
    "jumlah_indikator": int,
    "peringatan": int,
    "data_contoh": bool,
    "rekap": dict,
}
"""The fields of a version-1 record and their JSON types: what the manifest, index and rekap rely on."""

REKAP = ("capaian", "program", "efisiensi")
"""The rekap tables of a record: lists of rows (objects), one sheet each in the Excel rekap."""

CELL = "lap.ringkasan()"
"""The master notebook's cell that records the figures."""


def read(notebook: str | Path, kecamatan: str | None = None, tahun: int | None = None) -> dict[str, Any]:
    """The figures recorded in the executed ``notebook``; raises :class:`RecordError` when it has no sound record.

    Refused: a file that is not a readable notebook, a notebook without the
    record, one with more than one, one of an unknown version (media type or
    ``versi``), one whose fields lack or mistype what the index shows, and,
    when ``kecamatan`` or ``tahun`` are given, one recorded for another report.
    """
    path = Path(notebook)
    fix = _rebuild(kecamatan, tahun)
    try:
        nb = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise RecordError(path, "berkas notebook tidak ada.", fix) from None
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise RecordError(path, f"notebook tidak terbaca (terpotong atau diubah: {_short(exc)}).", fix) from None
    cells = nb.get("cells") if isinstance(nb, dict) else None
    if not isinstance(cells, list):
        raise RecordError(path, "berkas ini bukan notebook Jupyter (tidak ada daftar sel).", fix)
    found = list(_records(cells))
    if not found:
        raise RecordError(
            path,
            f"notebook tidak memuat angka hasil yang tercatat ({MIME}): sel {CELL} tidak ada atau tidak dijalankan.",
            f"pastikan notebooks/lkjip.ipynb memuat sel {CELL} tepat setelah sel lap = lkjip.buka(...), lalu {fix}",
        )
    if len(found) > 1:
        where = ", ".join(f"sel ke-{i + 1}" for i, _, _ in found)
        raise RecordError(
            path,
            f"notebook memuat {len(found)} catatan angka hasil ({where}); hanya satu yang boleh ada, "
            "sehingga tidak jelas angka mana yang dicetak.",
            f"sisakan satu sel {CELL} di notebooks/lkjip.ipynb, lalu {fix}",
        )
    _, mime, data = found[0]
    if mime != MIME:
        raise RecordError(path, _unknown(f"media {mime}"), f"baca dengan versi lkjip yang membuatnya, atau {fix}")
    if isinstance(data, str):  # nbformat keeps JSON media as objects; a string copy is read the same way
        try:
            data = json.loads(data)
        except ValueError:
            data = None
    if not isinstance(data, dict):
        raise RecordError(path, "catatan angka hasil bukan objek JSON (rusak).", fix)
    if data.get("versi") != VERSION:
        raise RecordError(
            path, _unknown(f"versi {data.get('versi')!r}"), f"baca dengan versi lkjip yang membuatnya, atau {fix}"
        )
    wrong = _shape(data)
    if wrong:
        raise RecordError(path, f"catatan angka hasil tidak lengkap atau rusak ({wrong}).", fix)
    if (kecamatan is not None and data["kecamatan"] != kecamatan) or (tahun is not None and data["tahun"] != tahun):
        raise RecordError(
            path,
            f"catatan angka hasil milik {data['kecamatan']} {data['tahun']}, bukan {kecamatan or '?'} {tahun or '?'}.",
            fix,
        )
    return data


def _records(cells: list[Any]) -> Any:
    """(cell index, media type, data) of every record output, whatever its version."""
    for i, cell in enumerate(cells):
        if not isinstance(cell, dict):
            continue
        for out in cell.get("outputs") or []:
            data = out.get("data") if isinstance(out, dict) else None
            if isinstance(data, dict):
                for mime, value in data.items():
                    if isinstance(mime, str) and mime.startswith(PREFIX):
                        yield i, mime, value


def _shape(data: dict[str, Any]) -> str:
    """What is wrong with the fields of a record ('' when nothing)."""
    for key, kind in FIELDS.items():
        value = data.get(key)
        if key not in data:
            return f"kolom '{key}' tidak ada"
        numeric = kind in (int, NUMBER)
        if not isinstance(value, kind) or (numeric and isinstance(value, bool)):
            return f"kolom '{key}' berisi {json.dumps(value, ensure_ascii=False)[:40]}"
    for key in REKAP:
        rows = data["rekap"].get(key)
        if not isinstance(rows, list) or not all(isinstance(r, dict) for r in rows):
            return f"tabel rekap '{key}' bukan daftar baris"
    return ""


def _unknown(what: str) -> str:
    match = _VERSIONED.match(what.removeprefix("media "))
    shown = f"versi {match.group(1)}" if match else what
    return (
        f"catatan angka hasil {shown} tidak dikenal; lkjip ini hanya membaca versi {VERSION} ({MIME}), "
        "jadi angkanya tidak dipakai."
    )


def _rebuild(kecamatan: str | None, tahun: int | None) -> str:
    if kecamatan:
        year = f" --tahun {tahun}" if tahun else ""
        return f"bangun ulang laporan ini dengan lkjip batch{year} --force -k {kecamatan}."
    return "bangun ulang laporan ini dengan lkjip report, atau lkjip batch --force."


def _short(exc: BaseException) -> str:
    return str(exc).splitlines()[0][:120] if str(exc) else type(exc).__name__
