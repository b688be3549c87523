"""Rules of ``tugas_fungsi.csv``: the camat's tugas and fungsi as the regulation numbers them.

The report prints the points as a lettered list (a., b., ...) with numbered
sub-points (1), 2), ...), counted in order; the rules make sure that the
numbers in the data are exactly those counters, so the printed list cannot
number a point differently from the regulation.
"""

from __future__ import annotations

import string

import pandas as pd

from lkjip.dataset import Dataset
from lkjip.load import ROW
from lkjip.problems import SHARED, Problem
from lkjip.rules.at import At

TABLE = "tugas_fungsi"
LETTERS = string.ascii_lowercase


def sort_key(nomor: str) -> tuple[int, int]:
    """Order of a point: ``b`` before ``b.1`` before ``b.2`` before ``c``."""
    head, _, sub = nomor.partition(".")
    return LETTERS.index(head), int(sub) if sub else 0


def check_tugas_fungsi(ds: Dataset) -> list[Problem]:
    """One tugas sentence, at least one fungsi, and points numbered a, b, ... with sub-points 1, 2, ... in order."""
    frame = ds[TABLE]
    out: list[Problem] = []
    for jenis in ("tugas", "fungsi"):
        if not (frame["jenis"] == jenis).any():
            out.append(
                Problem(
                    ds.locations[TABLE],
                    None,
                    "jenis",
                    None,
                    f"Tidak ada baris berjenis '{jenis}'; Bab I C. Kewenangan mengutip tugas dan fungsi kecamatan "
                    "dari peraturan bupati (regulasi perbup_tupoksi).",
                    f"Tambahkan baris berjenis '{jenis}' dengan nomor dan bunyi butirnya seperti di "
                    "peraturan (lihat data/README.md).",
                    scope=SHARED,
                )
            )
    tugas = frame[frame["jenis"] == "tugas"].sort_values(ROW)
    at = At(ds, TABLE)
    for _, row in tugas.iterrows():
        if row["nomor"] != "a":
            out.append(
                at.error(
                    row,
                    "nomor",
                    "Tugas kecamatan dikutip sebagai satu kalimat ('... mempunyai tugas ...') tanpa sub-butir.",
                    "Tulis seluruh bunyi tugas dalam satu baris bernomor 'a' dan hapus baris tugas lainnya.",
                )
            )
    fungsi = frame[frame["jenis"] == "fungsi"]
    return out + _numbering(at, fungsi)


def _numbering(at: At, fungsi: pd.DataFrame) -> list[Problem]:
    """Letters without gaps from a; each point's sub-points 1, 2, ... without gaps, under a point that exists."""
    out: list[Problem] = []
    rows = sorted(fungsi.to_dict("records"), key=lambda r: sort_key(str(r["nomor"])))
    heads = [r for r in rows if "." not in str(r["nomor"])]
    previous = ""  # each letter follows the one before it, so one gap is one error
    for r in heads:
        want = LETTERS[LETTERS.index(previous) + 1] if previous else "a"
        previous = str(r["nomor"])
        if r["nomor"] != want:
            after = f"sesudah butir {LETTERS[LETTERS.index(want) - 1]}" if want != "a" else "sebagai butir pertama"
            out.append(
                at.error(
                    pd.Series(r),
                    "nomor",
                    f"Butir fungsi tidak berurutan: {after} seharusnya butir {want}; laporan menomori butir "
                    "berurutan, sehingga nomornya akan berbeda dari peraturan.",
                    f"Tambahkan butir {want} yang terlewat, atau betulkan nomor butir ini.",
                )
            )
    letters = {str(r["nomor"]) for r in heads}
    expected: dict[str, int] = {}
    for r in rows:
        head, _, sub = str(r["nomor"]).partition(".")
        if not sub:
            continue
        if head not in letters:
            out.append(
                at.error(
                    pd.Series(r),
                    "nomor",
                    f"Sub-butir ini berada di bawah butir {head}, padahal tidak ada baris fungsi bernomor {head}.",
                    f"Tambahkan baris fungsi bernomor {head}, atau betulkan huruf sub-butir ini.",
                )
            )
            continue
        want_sub = expected.get(head, 1)
        expected[head] = int(sub) + 1
        if int(sub) != want_sub:
            out.append(
                at.error(
                    pd.Series(r),
                    "nomor",
                    f"Sub-butir fungsi {head} tidak berurutan: seharusnya {head}.{want_sub}; laporan menomori "
                    "sub-butir berurutan, sehingga nomornya akan berbeda dari peraturan.",
                    f"Tambahkan sub-butir {head}.{want_sub} yang terlewat, atau betulkan nomor ini.",
                )
            )
    return out
