"""Run parameters: the params file is the whole record of one run."""

from __future__ import annotations

import os
import stat
from dataclasses import asdict, dataclass
from pathlib import Path

import yaml

from lkjip.errors import ParameterError
from lkjip.paths import DATA_DIR, OUTPUT_DIR, PARAMS_DIR, params_file

KEYS = ("kecamatan", "tahun", "data_dir", "output_dir")


@dataclass(frozen=True)
class Params:
    """The values papermill injects into the master notebook's parameters cell."""

    kecamatan: str
    tahun: int
    data_dir: str = str(DATA_DIR)
    output_dir: str = str(OUTPUT_DIR)

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


YEAR_MIN, YEAR_MAX = 2000, 2100
"""The years the data schema accepts (``tahun`` in :mod:`lkjip.schema`)."""

_EXAMPLE = "kecamatan: ajibarang, tahun: 2023, data_dir: data, output_dir: output"

_YAML_PROBLEMS = (
    ("mapping values are not allowed", "tanda titik dua (:) di tempat yang tidak diharapkan"),
    ("could not determine a constructor", "tag YAML (!...) tidak diizinkan"),
    ("cannot start any token", "karakter yang tidak boleh mengawali nilai (mis. tab untuk indentasi, @ atau `)"),
    ("could not find expected ':'", "tanda titik dua (:) setelah nama kunci tidak ditemukan"),
    ("found unexpected end of stream", "tanda kutip atau kurung tidak ditutup"),
    ("found unknown escape character", "garis miring terbalik (\\) yang tidak dikenal di dalam tanda kutip"),
    ("expected <block end>", "indentasi baris tidak rata"),
    ("expected a single document", "lebih dari satu dokumen (---) dalam satu berkas"),
    ("found undefined alias", "alias (*nama) yang tidak didefinisikan"),
    ("found duplicate anchor", "jangkar (&nama) ganda"),
    ("special characters are not allowed", "karakter khusus yang tidak diizinkan"),
)


def _refuse(where: str, message: str, fix: str) -> ParameterError:
    return ParameterError(f"Berkas parameter '{where}': {message} Perbaikan: {fix}")


def _yaml_error(where: str, exc: yaml.YAMLError) -> ParameterError:
    """PyYAML's English error, told in Indonesian with the line and column of its ``problem_mark``."""
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    start = getattr(exc, "context_mark", None)
    place = f" pada baris {mark.line + 1}, kolom {mark.column + 1}" if mark is not None else ""
    if start is not None and mark is not None and start.line != mark.line:
        place += f" (bagian itu bermula di baris {start.line + 1}, kolom {start.column + 1})"
    problem = f"{getattr(exc, 'problem', '') or ''} {getattr(exc, 'context', '') or ''}"
    what = next((indonesian for english, indonesian in _YAML_PROBLEMS if english in problem), "susunan YAML tidak sah")
    return _refuse(
        where,
        f"sintaks YAML salah{place}: {what}.",
        f"tulis setiap baris sebagai 'kunci: nilai' tanpa tab, tag atau tanda kutip yang terbuka, mis. {_EXAMPLE}; "
        "atau hapus berkasnya lalu jalankan 'lkjip params' untuk menulis yang baru.",
    )


def _shown(value: object) -> str:
    if value is None:
        return "kosong"
    text = repr(value) if isinstance(value, str) else str(value)
    return text if len(text) <= 60 else text[:57] + "..."


def read(path: str | os.PathLike[str]) -> Params:
    """Read and check a params YAML file; every refusal is a :class:`ParameterError` in Indonesian.

    The message names the file, the line and column of a YAML syntax error, the
    key and the value that is wrong, and the fix. ``kecamatan`` and ``tahun``
    are required; ``tahun`` is an integer from :data:`YEAR_MIN` to
    :data:`YEAR_MAX` (``2023.7``, ``"2023"`` or ``[2023]`` are refused, not
    rounded); ``kecamatan``, ``data_dir`` and ``output_dir`` are non-empty text.
    """
    from lkjip.load import display_path

    p = Path(path)
    where = display_path(p)
    try:
        if p.exists() and not stat.S_ISREG(p.stat().st_mode):  # a FIFO or a device would make the read wait forever
            raise _refuse(where, "bukan berkas biasa (mis. folder atau FIFO).", "ganti dengan berkas YAML biasa.")
        data = p.read_bytes()
    except OSError as exc:
        raise _refuse(
            where,
            f"berkas tidak dapat dibaca ({exc.strerror or type(exc).__name__}).",
            "periksa bahwa berkas itu ada dan dapat dibaca.",
        ) from None
    try:
        source = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise _refuse(
            where,
            f"berkas bukan teks UTF-8 (bita tak terbaca pada baris {line}).",
            "simpan ulang berkas sebagai teks UTF-8 (di penyunting teks: Simpan sebagai, pengodean UTF-8).",
        ) from None
    try:
        raw = yaml.safe_load(source)
    except yaml.YAMLError as exc:
        raise _yaml_error(where, exc) from None
    if raw is None:
        raw = {}
    if not isinstance(raw, dict):
        raise _refuse(
            where,
            f"isinya {_shown(raw)}, bukan daftar pasangan 'kunci: nilai'.",
            f"tulis satu kunci per baris, mis. {_EXAMPLE}.",
        )
    unknown = sorted(str(k) for k in raw if k not in KEYS)
    if unknown:
        raise _refuse(where, f"memuat kunci tidak dikenal: {', '.join(unknown)}.", f"gunakan hanya {', '.join(KEYS)}.")
    tahun = raw.get("tahun", YEAR_MIN)
    if not isinstance(tahun, int) or isinstance(tahun, bool):
        raise _refuse(
            where,
            f"kunci 'tahun' bernilai {_shown(tahun)}, bukan bilangan bulat.",
            "tulis tahun sebagai bilangan bulat tanpa tanda kutip dan tanpa koma, mis. tahun: 2023.",
        )
    if not YEAR_MIN <= tahun <= YEAR_MAX:
        raise _refuse(
            where,
            f"kunci 'tahun' bernilai {tahun}, di luar rentang {YEAR_MIN}-{YEAR_MAX}.",
            "tulis tahun laporan empat angka, mis. tahun: 2023.",
        )
    for key in ("kecamatan", "data_dir", "output_dir"):
        if key in raw and (not isinstance(raw[key], str) or not raw[key].strip()):
            raise _refuse(
                where,
                f"kunci '{key}' bernilai {_shown(raw[key])}, bukan teks.",
                "tulis slug kecamatan, mis. kecamatan: ajibarang."
                if key == "kecamatan"
                else f"tulis nama folder, mis. {key}: {'data' if key == 'data_dir' else 'output'}, atau hapus baris "
                "itu agar nilai bawaan dipakai.",
            )
    missing = [k for k in ("kecamatan", "tahun") if k not in raw]
    if missing:
        raise _refuse(
            where,
            f"tidak lengkap: kunci {' dan '.join(missing)} belum diisi.",
            "isi kecamatan (slug, mis. ajibarang) dan tahun (bilangan bulat, mis. 2023).",
        )
    return Params(
        kecamatan=raw["kecamatan"].strip(),
        tahun=tahun,
        **{k: raw[k] for k in ("data_dir", "output_dir") if k in raw},
    )


def dump(params: Params) -> str:
    """YAML text of ``params``, keys in a fixed order (stable diffs)."""
    header = "# Parameter LKjIP: papermill notebooks/lkjip.ipynb <keluaran>.ipynb -f <berkas ini>\n"
    body: str = yaml.safe_dump(params.as_dict(), sort_keys=False, allow_unicode=True)
    return header + body


def write_new(params: Params, params_dir: str | os.PathLike[str] = PARAMS_DIR) -> Path | None:
    """Write ``params/<tahun>/<slug>.yaml`` unless it exists; returns the path written, or None.

    A params file belongs to the analyst once it exists: nothing in lkjip
    rewrites it (the parameters of each run are archived in its output folder).
    """
    path = params_file(params.tahun, params.kecamatan, params_dir)
    if path.exists():
        return None
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(dump(params), encoding="utf-8")
    return path
