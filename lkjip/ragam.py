"""Phrasings of one statement, rotated through a report so that no sentence comes back word for word.

Used by :mod:`lkjip.narasi_sasaran` (Bab III.B) and the Analisis Program (:mod:`lkjip.outline.program`).
"""

from __future__ import annotations

import re
from collections import Counter

_AKHIR_KALIMAT = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“(])")

__all__ = ["Nama", "Ragam", "Urutan", "awal_besar", "bernama", "ragam"]


def awal_besar(kalimat: str) -> str:
    return kalimat[:1].upper() + kalimat[1:]


class Ragam:
    """The phrasings and the sentences used so far in one report.

    Passed as ``urutan`` to the sentence functions of :mod:`lkjip.narasi_sasaran`: the n-th
    sentence of one situation (say, the third indicator whose target was met
    exactly) gets the n-th phrasing of that situation, whatever the other
    indicators' situations. A phrasing with a sentence (figures and all) the
    report already has is skipped for the next one; when every phrasing would
    repeat a sentence word for word, the sentence names its subject (``nama``:
    ``indikator ini`` becomes ``indikator "..."``, or the sentence opens with
    ``Untuk indikator "...",``). So no sentence of these functions occurs twice
    in one report unless two subjects share one name and every figure.
    """

    def __init__(self) -> None:
        self._seen: Counter[str] = Counter()
        self._used: set[str] = set()

    def pilih(self, situasi: str, pilihan: tuple[str, ...], nama: Nama | None = None) -> str:
        n = self._seen[situasi]
        self._seen[situasi] += 1
        urut = [pilihan[(n + i) % len(pilihan)] for i in range(len(pilihan))]
        calon = urut + ([bernama(p, *nama) for p in urut] if nama else [])
        kalimat = next((c for c in calon if self._baru(c)), calon[0])
        self._used.update(_AKHIR_KALIMAT.split(kalimat))
        return kalimat

    def _baru(self, teks: str) -> bool:
        """Whether none of the sentences of ``teks`` is in the report yet."""
        return not any(k in self._used for k in _AKHIR_KALIMAT.split(teks))


Nama = tuple[str, str]
"""The subject of a sentence, its kind and its name as the data writes it: ``("indikator", "Persentase ...")``."""


def bernama(kalimat: str, jenis: str, nama: str) -> str:
    """``kalimat`` with its subject named: ``indikator ini`` -> ``indikator "nama"``, else an opening phrase."""
    ini = f"{jenis} ini"
    if ini in kalimat:
        return kalimat.replace(ini, f'{jenis} "{nama}"', 1)
    if kalimat.startswith(awal_besar(ini)):
        return f'{awal_besar(jenis)} "{nama}"' + kalimat[len(ini) :]
    return f'Untuk {jenis} "{nama}", {kalimat[:1].lower()}{kalimat[1:]}'


Urutan = int | Ragam
"""A fixed phrasing (its index, for tests) or the report's :class:`Ragam`."""


def ragam(urutan: Urutan, situasi: str, *pilihan: str, nama: Nama | None = None) -> str:
    """One of several phrasings of the same statement in ``situasi``: the report does not repeat one sentence."""
    if isinstance(urutan, Ragam):
        return urutan.pilih(situasi, pilihan, nama)
    return pilihan[urutan % len(pilihan)]
