"""The evidence manifest: what it records, and when a report counts as up to date."""

from __future__ import annotations

import json
from pathlib import Path

from lkjip import manifest
from lkjip.fingerprint import combined
from lkjip.params import Params

PARTS = {"parameter": "a" * 64, "data/profil": "b" * 64}
HASIL = {"versi": 1, "kecamatan": "ajibarang", "tahun": 2023, "rata_rata": 100.0}


def _report(folder: Path) -> Path:
    folder.mkdir(parents=True)
    for name in ("lkjip_ajibarang_2023.ipynb", "lkjip_ajibarang_2023.html", "lkjip_ajibarang_2023.pdf"):
        (folder / name).write_bytes(name.encode())
    return manifest.write(folder, Params("ajibarang", 2023), PARTS, HASIL, {"notebook": 1.234})


def test_the_manifest_records_inputs_outputs_packages_and_the_recorded_figures(tmp_path: Path):
    doc = json.loads(_report(tmp_path / "r").read_text(encoding="utf-8"))
    assert doc["masukan"] == {"sidik": combined(PARTS), "bagian": PARTS}
    assert sorted(doc["keluaran"]) == [
        "lkjip_ajibarang_2023.html",
        "lkjip_ajibarang_2023.ipynb",
        "lkjip_ajibarang_2023.pdf",
    ]
    assert doc["hasil"] == HASIL  # archived as recorded, not recomputed
    assert doc["waktu"]["notebook_detik"] == 1.23
    assert doc["paket"]["python"] and list(doc["paket"]) == [
        "python",
        *sorted(k for k in doc["paket"] if k != "python"),
    ]
    assert {"pandas", "nbconvert", "papermill"} <= set(doc["paket"])


def test_a_report_is_up_to_date_only_with_the_same_inputs_and_intact_outputs(tmp_path: Path):
    folder = tmp_path / "r"
    _report(folder)
    assert manifest.up_to_date(folder, PARTS)
    assert not manifest.up_to_date(folder, {**PARTS, "data/profil": "c" * 64})
    (folder / "lkjip_ajibarang_2023.pdf").write_bytes(b"changed by one byte")
    assert not manifest.up_to_date(folder, PARTS)


def test_a_missing_or_broken_manifest_is_not_up_to_date(tmp_path: Path):
    folder = tmp_path / "r"
    folder.mkdir()
    assert manifest.read(folder) is None and not manifest.up_to_date(folder, PARTS)
    (folder / manifest.NAME).write_text('{"masukan": ', encoding="utf-8")
    assert manifest.read(folder) is None and not manifest.up_to_date(folder, PARTS)
