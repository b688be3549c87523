"""Re-execute an archived report and compare bytes: ``lkjip verify --ulang``.

:func:`check` is a check of :mod:`lkjip.verify` (``verify.check(path,
extra=(ulang.check,))``). It renders the report again with lkjip's own runner
(:func:`lkjip.batch.render_alone`, as ``lkjip report`` does) from the
archived ``parameter.yaml``, into a temporary folder that is removed
afterwards, and compares:

- the notebook, HTML, PDF and ``parameter.yaml`` byte by byte with the
  archived ones; the parameters are injected as archived (``output_dir``
  included), and the notebook records its paths from them, not from the folder
  it was built in (:func:`lkjip.render.execute`), so an intact report gives the
  same bytes;
- the manifest fields that do not depend on the run: ``parameter``,
  ``masukan``, ``hasil``, ``paket`` and ``lkjip.versi`` (the times, the
  resources and the git state are the run's own; ``keluaran`` is checked by
  the file comparison together with :func:`lkjip.verify.CHECKS`).

A re-execution reproduces bytes only from the same inputs and the same package
versions (one ``uv.lock``): with outdated inputs or other versions it is not
run, and the report is said to be outdated, not changed. Nor is it run when
``--data`` names another place than the archived ``data_dir``: the report
names its data files by their place (the appendix of data warnings, e.g.
``data/sumber.csv``), so data read from elsewhere gives other bytes without
any change to the archive. The finding says where to put the data instead.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from lkjip import manifest, paths
from lkjip.batch import render_alone
from lkjip.errors import LkjipError
from lkjip.params import read as read_params
from lkjip.render import RUN_PARAMS
from lkjip.verify import Finding, Inputs, Report, Status

MANIFEST_FIELDS = ("parameter", "masukan", "hasil", "paket", "lkjip.versi")
"""The manifest fields a re-execution must reproduce."""


def check(r: Report) -> list[Finding]:
    """Re-execute the report of ``r`` in a temporary folder; one finding per file or manifest field that differs."""
    if r.manifest is None:
        return []
    if r.masukan == Inputs.OUTDATED:
        shown = ", ".join(r.masukan_berbeda) or "sidik gabungan"
        return [
            Finding(
                Status.OUTDATED,
                f"diulang: tidak dijalankan karena masukan berubah sejak laporan dibuat ({shown}); eksekusi ulang "
                "tidak dapat menghasilkan berkas yang sama, dan perbedaannya bukan tanda perubahan arsip.",
                "masukan",
            )
        ]
    if r.masukan != Inputs.CURRENT:
        return [
            Finding(
                Status.INTACT,
                "diulang: tidak dijalankan karena masukan laporan tidak dapat diperiksa (lihat temuan lain).",
                "masukan",
            )
        ]
    other = _other_packages(r.manifest)
    if other:
        return [
            Finding(
                Status.OUTDATED,
                f"diulang: tidak dijalankan karena versi paket berbeda dari saat laporan dibuat ({', '.join(other)}); "
                "berkas yang sama byte demi byte hanya dijanjikan dengan uv.lock yang sama.",
                "paket",
            )
        ]
    program = r.manifest.get("lkjip")
    built_with = program.get("commit") if isinstance(program, dict) else None
    now = manifest.git_commit()["commit"]
    if built_with != now:
        return [
            Finding(
                Status.OUTDATED,
                f"diulang: tidak dijalankan karena laporan dibuat dengan commit lkjip {built_with or '(tidak ada)'}, "
                f"sedangkan yang terpasang {now or '(bukan checkout git)'}; notebook mencatat commit-nya, sehingga "
                "hanya commit yang sama menghasilkan berkas yang sama. Perbaikan: jalankan dari checkout commit itu "
                "(git checkout <commit>).",
                "lkjip.commit",
            )
        ]
    params = read_params(r.folder / RUN_PARAMS)  # readable: the inputs were compared with it
    if r.data is not None and paths.resolve(r.data) != paths.resolve(params.data_dir):
        return [
            Finding(
                Status.INTACT,
                f"diulang: tidak dijalankan karena --data ({r.data}) bukan data_dir arsip ({params.data_dir}); "
                "laporan menyebut berkas datanya menurut letaknya (mis. di lampiran peringatan data), sehingga data "
                f"dari tempat lain menghasilkan berkas yang berbeda walaupun arsipnya utuh. Perbaikan: letakkan data "
                f"di {paths.resolve(params.data_dir)} lalu jalankan tanpa --data.",
                "masukan",
            )
        ]
    with tempfile.TemporaryDirectory(prefix="lkjip-ulang-") as tmp:
        into = Path(tmp) / r.slug
        try:
            render_alone(params, into, docx=_listed_docx(r) is not None)
        except LkjipError as exc:
            return [Finding(Status.CHANGED, f"diulang: eksekusi ulang gagal: {exc}", None)]
        r.diulang = True
        return _compare_files(r, into) + _compare_manifest(r, into)


def _other_packages(doc: dict[str, Any]) -> list[str]:
    """The packages whose version in the manifest is not the installed one (``nama arsip -> terpasang``)."""
    archived = doc.get("paket")
    installed = manifest.versions()
    if not isinstance(archived, dict):
        return ["paket tidak tercatat di manifest"]
    return [
        f"{name} {archived.get(name, '(tidak ada)')} -> {installed.get(name, '(tidak ada)')}"
        for name in sorted(set(archived) | set(installed))
        if archived.get(name) != installed.get(name)
    ]


def _listed_docx(r: Report) -> str | None:
    """The Word document the manifest lists (it was asked for with ``--format html,pdf,docx``), else None."""
    name = f"{r.stem}.docx"
    listed = (r.manifest or {}).get("keluaran")
    return name if isinstance(listed, dict) and name in listed else None


def _compare_files(r: Report, into: Path) -> list[Finding]:
    found: list[Finding] = []
    docx = _listed_docx(r)
    for name in (f"{r.stem}.ipynb", f"{r.stem}.html", f"{r.stem}.pdf", *([docx] if docx else []), RUN_PARAMS):
        old, new = r.folder / name, into / name
        if not old.is_file():
            found.append(Finding(Status.CHANGED, f"diulang: {name} tidak ada di arsip, tetapi dihasilkan ulang.", name))
        elif not new.is_file():
            found.append(Finding(Status.CHANGED, f"diulang: eksekusi ulang tidak menghasilkan {name}.", name))
        elif old.read_bytes() != new.read_bytes():
            message = f"diulang: {name} tidak sama byte demi byte dengan hasil eksekusi ulang."
            found.append(Finding(Status.CHANGED, message, name))
    return found


def _compare_manifest(r: Report, into: Path) -> list[Finding]:
    """The fields of :data:`MANIFEST_FIELDS` of the archived manifest against the re-executed one."""
    assert r.manifest is not None
    rebuilt = manifest.read(into) or {}
    found: list[Finding] = []
    for key in MANIFEST_FIELDS:
        old, new = _field(r.manifest, key), _field(rebuilt, key)
        if old == new:
            continue
        if key == "masukan" and _dicts(old, new):  # name the inputs, not "bagian"
            old, new = old.get("bagian"), new.get("bagian")
        parts = sorted(k for k in set(old) | set(new) if old.get(k) != new.get(k)) if _dicts(old, new) else []
        which = f" ({', '.join(parts)})" if parts else ""
        found.append(
            Finding(
                Status.CHANGED,
                f"diulang: {manifest.NAME}: {key}{which} tidak sama dengan hasil eksekusi ulang.",
                key,
            )
        )
    return found


def _dicts(*values: Any) -> bool:
    return all(isinstance(v, dict) for v in values)


def _field(doc: dict[str, Any], key: str) -> Any:
    """``doc[key]``; a dotted key goes down (``lkjip.versi``)."""
    value: Any = doc
    for part in key.split("."):
        value = value.get(part) if isinstance(value, dict) else None
    return value
