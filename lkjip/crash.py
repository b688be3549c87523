"""Unexpected failures: the full traceback goes to a log file, the analyst gets one line.

The log is written under ``<output>/_log/``, where ``<output>`` is the output
folder of the command that failed when it is known (``--output``, or the
``output_dir`` of the params file a report uses: see :func:`use_output`), else
the project's ``output/``; or in the system's temporary folder when that is not
writable.
"""

from __future__ import annotations

import datetime as dt
import os
import tempfile
import traceback
from pathlib import Path

from lkjip import paths

LOG_DIR = "_log"


_output_dir: str | None = None


def use_output(output_dir: str | os.PathLike[str] | None) -> None:
    """Make ``output_dir`` (None: the project's ``output/``) the folder of later crash logs of this process.

    The CLI calls it with the running command's output folder as soon as it is known.
    """
    global _output_dir
    _output_dir = None if output_dir is None else str(output_dir)


def write_traceback(exc: BaseException, output_dir: str | os.PathLike[str] | None = None) -> Path:
    """Write ``exc``'s traceback to a new log file and return its path.

    The log goes to ``<output_dir>/_log/``; without ``output_dir``, to the
    folder given to :func:`use_output`, else to the project's ``output/``;
    when that cannot be written, to ``<temp>/lkjip/``.
    """
    text = "".join(traceback.format_exception(exc))
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    name = f"galat-{stamp}-{os.getpid()}.log"
    chosen = output_dir if output_dir is not None else (_output_dir or paths.OUTPUT_DIR)
    for folder in (paths.resolve(chosen) / LOG_DIR, Path(tempfile.gettempdir()) / "lkjip"):
        try:
            folder.mkdir(parents=True, exist_ok=True)
            target = folder / name
            target.write_text(text, encoding="utf-8")
            return target
        except OSError:
            continue
    raise exc  # pragma: no cover - neither output/ nor the temporary folder is writable


def one_line(exc: BaseException, log: Path) -> str:
    """The single line shown instead of a traceback."""
    detail = str(exc).splitlines()[0][:200] if str(exc) else ""
    return (
        f"Galat tak terduga ({type(exc).__name__}{': ' + detail if detail else ''}). "
        f"Jejak lengkap ditulis ke {log}. Perbaikan: kirim berkas itu kepada pengembang lkjip."
    )
