"""Unexpected failures: the full traceback goes to a log file, the analyst gets one line.

The log is written under ``output/_log/`` (the project's output folder), or in
the system's temporary folder when that is not writable.
"""

from __future__ import annotations

import datetime as dt
import os
import tempfile
import traceback
from pathlib import Path

from lkjip import paths

LOG_DIR = "_log"


def write_traceback(exc: BaseException, output_dir: str | os.PathLike[str] = paths.OUTPUT_DIR) -> Path:
    """Write ``exc``'s traceback to a new log file and return its path."""
    text = "".join(traceback.format_exception(exc))
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    name = f"galat-{stamp}-{os.getpid()}.log"
    for folder in (paths.resolve(output_dir) / LOG_DIR, Path(tempfile.gettempdir()) / "lkjip"):
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
