"""The evidence manifest written beside each report: inputs, parameters, versions, timings, results.

The results (``hasil``) are the figures recorded in the executed notebook
(:mod:`lkjip.recorded`), copied here for the archive; the index and the rekap
read them from the notebook itself.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import platform
import subprocess
from collections.abc import Callable
from importlib import metadata
from pathlib import Path
from typing import Any

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from lkjip import __version__, ledger, paths
from lkjip.fingerprint import combined, sha256_file
from lkjip.params import Params

NAME = ledger.MANIFEST
NOT_INSTALLED = "tidak terpasang"


def git_commit() -> dict[str, Any]:
    root = paths.project_root()
    try:
        commit = subprocess.run(["git", "rev-parse", "HEAD"], cwd=root, capture_output=True, text=True, check=True)
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--", "lkjip", "notebooks", "data"],
            cwd=root,
            capture_output=True,
            text=True,
            check=True,
        )
    except (OSError, subprocess.CalledProcessError):
        return {"commit": None, "bersih": None}
    return {"commit": commit.stdout.strip(), "bersih": dirty.stdout.strip() == ""}


def versions() -> dict[str, str]:
    """Python, then every distribution lkjip needs at run time with its installed version, sorted by name.

    The distributions are lkjip's requirements as its installed metadata declares
    them (``importlib.metadata.requires``), followed transitively, with the
    extras each one asks for; the test extra and the lab extra are left out, as
    are requirements whose environment marker does not hold here. A requirement
    that is not installed is listed as ``tidak terpasang``.
    """
    return {"python": platform.python_version(), **_required("lkjip")}


@functools.cache
def _required(root: str) -> dict[str, str]:
    root = canonicalize_name(root)
    found: dict[str, str] = {}
    todo: list[tuple[str, frozenset[str]]] = [(root, frozenset())]
    seen: set[tuple[str, frozenset[str]]] = set()
    while todo:
        name, extras = todo.pop()
        if (name, extras) in seen:
            continue
        seen.add((name, extras))
        try:
            dist = metadata.distribution(name)
        except metadata.PackageNotFoundError:
            found[name] = NOT_INSTALLED
            continue
        if name != root:
            found[name] = dist.version
        for spec in dist.requires or []:
            req = Requirement(spec)
            if req.marker is None or any(req.marker.evaluate({"extra": e}) for e in extras | {""}):
                todo.append((canonicalize_name(req.name), frozenset(req.extras)))
    return dict(sorted(found.items()))


def write(
    folder: Path,
    params: Params,
    parts: dict[str, str],
    hasil: dict[str, Any],
    timings: dict[str, float],
    resources: dict[str, float] | None = None,
) -> Path:
    """Write ``manifest.json`` into ``folder`` (the report's staging folder, before it is moved).

    ``hasil`` is the record of figures read from the executed notebook in
    ``folder`` (:func:`lkjip.recorded.read`): the manifest archives what the
    report printed, it computes nothing.
    """
    outputs = {p.name: sha256_file(p) for p in sorted(folder.iterdir()) if p.name != NAME}
    doc = {
        "lkjip": {"versi": __version__, **git_commit()},
        "parameter": params.as_dict(),
        "masukan": {"sidik": combined(parts), "bagian": parts},
        "keluaran": outputs,
        "paket": versions(),
        "waktu": {
            "selesai": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            **{f"{k}_detik": round(v, 2) for k, v in timings.items()},
        },
        "sumber_daya": resources or {},
        "hasil": hasil,
    }
    path = folder / NAME
    path.write_text(json.dumps(doc, indent=2, ensure_ascii=False, sort_keys=False) + "\n", encoding="utf-8")
    return path


def writer(
    params: Params, parts: dict[str, str] | None = None, resources: Callable[[], dict[str, float]] | None = None
) -> Callable[[Path, dict[str, Any], dict[str, float]], None]:
    """A ``finish`` hook for :func:`lkjip.render.render` that writes this manifest (batch and single report)."""
    from lkjip.fingerprint import inputs

    parts = parts if parts is not None else inputs(params)

    def finish(tmp: Path, hasil: dict[str, Any], timings: dict[str, float]) -> None:
        write(tmp, params, parts, hasil, timings, resources() if resources else None)

    return finish


def read(folder: Path) -> dict[str, Any] | None:
    try:
        doc = json.loads((folder / NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return doc if isinstance(doc, dict) else None


def up_to_date(folder: Path, parts: dict[str, str], files_checked: bool = False) -> bool:
    """True when the report in ``folder`` was built from these inputs with the packages installed now, and is intact.

    Package versions count because the bytes of a report are promised only
    within one lock: after an upgrade, the next batch rebuilds every report.
    ``files_checked``: the folder was just found to match the year's ledger
    (manifest included), so its outputs are not hashed a second time.
    """
    doc = read(folder)
    if not doc or doc.get("masukan", {}).get("sidik") != combined(parts) or doc.get("paket") != versions():
        return False
    outputs = doc.get("keluaran", {})
    if len(outputs) < 3:
        return False
    if files_checked:
        return all((folder / name).is_file() for name in outputs)
    return all((folder / name).is_file() and sha256_file(folder / name) == h for name, h in outputs.items())
