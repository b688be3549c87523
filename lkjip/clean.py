"""``lkjip bersihkan`` and ``make clean``: remove generated reports, never final reports or the evidence.

In each year folder of the output tree, kept: every report folder whose latest
ledger entry is ``final``, the ledger (``riwayat.jsonl``) and ``SHA256SUMS``,
the receipts (``tanda_terima/``), altered archives set aside (``_diubah/``)
and the lock file. Removed: draft reports, the index, the rekap, failure
records and logs. Each removed report that the ledger records gets a
``dibersihkan`` entry first, so the next build does not take the missing
folder for tampering. A year whose ledger is broken is left untouched.

Run with the standard library only (``python3 -m lkjip.clean output``), so
``make clean`` works before ``.venv`` exists.
"""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from lkjip import ledger, lock, paths
from lkjip.errors import LkjipError, output_error

KEEP = frozenset({ledger.NAME, ledger.SUMS, ledger.RECEIPTS, ledger.ASIDE, ledger.FORMER, lock.NAME, "README.md"})
REASON = "dihapus dengan lkjip bersihkan (make clean): laporan draf, dapat dibuat ulang"


@dataclass
class Cleaned:
    """What :func:`clean` did."""

    removed: list[str] = field(default_factory=list)
    """Draft report folders removed, as ``<tahun>/<slug>``."""
    kept_final: list[str] = field(default_factory=list)
    """Final report folders kept, as ``<tahun>/<slug>``."""
    refused: list[str] = field(default_factory=list)
    """Years left untouched, with the reason."""


def _remove(path: Path) -> None:
    def writable(func: Callable[[str], object], name: str, _exc: object) -> None:  # a read-only leftover
        os.chmod(os.path.dirname(name), 0o755)
        func(name)

    try:
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path, onerror=writable)
        else:
            path.unlink()
    except OSError as exc:
        raise output_error(exc, f"penghapusan {path}") from exc


def clean_year(year: Path, done: Cleaned) -> None:
    """Clean one year folder under its lock (see the module's docstring)."""
    tahun = int(year.name)
    with lock.year(year.parent, tahun):
        try:
            entries = ledger.read(year)
            ledger.check_witness(year)  # before anything is removed: the dibersihkan entries would seal an edit
        except LkjipError as exc:
            done.refused.append(f"{tahun}: {exc}")
            return
        finals = {e.kecamatan for e in entries if (last := ledger.latest(entries, e.kecamatan)) and last.final}
        for child in sorted(year.iterdir()):
            if child.name in KEEP:
                continue
            if child.name in finals and child.is_dir():
                done.kept_final.append(f"{tahun}/{child.name}")
                continue
            latest = ledger.latest(entries, child.name)
            if child.is_dir() and latest is not None and latest.files:
                ledger.append(year, ledger.Event.REMOVED, child.name, tahun, {}, alasan=REASON)
                done.removed.append(f"{tahun}/{child.name}")
            elif child.is_dir() and (child / ledger.MANIFEST).is_file():
                done.removed.append(f"{tahun}/{child.name}")
            _remove(child)
    if [p.name for p in year.iterdir()] == [lock.NAME]:  # nothing of value left: the year folder goes too
        (year / lock.NAME).unlink(missing_ok=True)
        year.rmdir()


def clean(output: str | os.PathLike[str] = paths.OUTPUT_DIR) -> Cleaned:
    """Clean the output tree ``output``: every year folder as :func:`clean_year`, everything else removed."""
    root = paths.resolve(output)
    done = Cleaned()
    if not root.is_dir():
        return done
    for child in sorted(root.iterdir()):
        if child.name == "README.md":
            continue
        if child.name.isdigit() and len(child.name) == 4 and child.is_dir() and not child.is_symlink():
            clean_year(child, done)
        else:
            _remove(child)
    return done


def summary(done: Cleaned) -> str:
    """One paragraph in Indonesian for the analyst."""
    lines = [
        f"{len(done.removed)} laporan draf dihapus; {len(done.kept_final)} laporan final dipertahankan"
        + (f" ({', '.join(done.kept_final)})" if done.kept_final else "")
        + f"; riwayat, {ledger.SUMS}, {ledger.RECEIPTS}/, {ledger.ASIDE}/ dan {ledger.FORMER}/ tidak disentuh."
    ]
    lines += [f"Tahun {r}" for r in done.refused]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """``python -m lkjip.clean [OUTPUT]``: what ``make clean`` runs."""
    args = sys.argv[1:] if argv is None else argv
    try:
        done = clean(args[0] if args else paths.OUTPUT_DIR)
    except LkjipError as exc:
        print(exc, file=sys.stderr)
        return 2
    print(summary(done))
    return 1 if done.refused else 0


if __name__ == "__main__":
    sys.exit(main())
