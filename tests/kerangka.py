"""Sentence skeletons of a report's running text: how often one sentence pattern repeats.

A skeleton is a sentence of a paragraph (tables left out) with the data's names
(kecamatan, tujuan/sasaran, indicators, programs, kegiatan) replaced by ``<nama>``
and every figure (``100%``, ``Rp 2.000.000``, ``6 (enam)``, ``Tabel 3.4``) by
``<n>``. Two sentences with one skeleton differ only in figures and names: the
same template sentence, which a reader notices when it comes back again and
again. Used by ``tests/test_prosa.py``; run as a script it prints the counts::

    .venv/bin/python -m tests.kerangka ajibarang 2023
"""

from __future__ import annotations

import re
import sys
from collections import Counter

from lkjip import document
from lkjip.report import Laporan, buka

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“(])")
_NUMBER = re.compile(r"(?:Rp\s*)?\d[\d.,]*(?:\s*\([a-z ]+\))?%?")
_TABLE = re.compile(r"\b(Tabel|Grafik|Gambar|Lampiran) <n>")


def _names(lap: Laporan) -> list[str]:
    h, d = lap.hasil, lap.data
    names = {lap.nama, *h.kinerja["uraian"], *h.kinerja["sasaran_uraian"], *h.program["nama"]}
    for table in ("kegiatan", "subkegiatan"):
        frame = getattr(d, table, None)
        if frame is not None and "nama" in getattr(frame, "columns", []):
            names.update(frame["nama"])
    return sorted((str(n) for n in names if str(n).strip()), key=len, reverse=True)


def kalimat(lap: Laporan) -> list[str]:
    """Every sentence of the report's paragraphs and list items, in document order."""
    out: list[str] = []
    for block in document.walk(lap.dokumen.bagian):
        if isinstance(block, document.Paragraf):
            text = " ".join("".join(r.teks for r in block.isi).split())
            out += [s for s in _SENTENCE_END.split(text) if s]
    return out


def teks_berjalan(lap: Laporan) -> str:
    """The report's running text with the data's names masked: what the generator and the templates wrote."""
    names = _names(lap)
    return " ".join(kerangka(s, names) for s in kalimat(lap))


def kerangka(sentence: str, names: list[str]) -> str:
    """The sentence with names and figures masked."""
    for name in names:
        sentence = sentence.replace(name, "<nama>")
    sentence = _NUMBER.sub("<n>", sentence)
    return _TABLE.sub(r"\1 <n>", sentence)


_LABEL_WORDS = 5


def _sentence(skeleton: str) -> bool:
    """A sentence: not a bare name or figure, nor a name with its figures (list items such as a subkegiatan with
    its amounts), nor a short list label ("Upaya yang ditempuh:")."""
    if skeleton.startswith("<nama> (") and skeleton.endswith(")"):
        return False
    words = re.sub(r"<nama>|<n>", "", skeleton)
    if not re.search(r"[a-z]{2}", words):
        return False
    return not (skeleton.endswith(":") and "<" not in skeleton and len(skeleton.split()) <= _LABEL_WORDS)


def hitung(lap: Laporan) -> Counter[str]:
    """How often each sentence skeleton occurs in ``lap``'s running text."""
    names = _names(lap)
    return Counter(k for s in kalimat(lap) if _sentence(k := kerangka(s, names)))


def ulang(lap: Laporan) -> Counter[str]:
    """The sentences of ``lap``'s running text that occur word for word more than once, with their counts."""
    names = _names(lap)
    counts = Counter(s for s in kalimat(lap) if _sentence(kerangka(s, names)))
    return Counter({s: n for s, n in counts.items() if n > 1})


def main(argv: list[str]) -> None:
    slug, tahun = argv[0], int(argv[1])
    counts = hitung(buka(slug, tahun))
    for skeleton, n in counts.most_common():
        if n > 1:
            print(f"{n}x {skeleton}")
    for sentence, n in ulang(buka(slug, tahun)).most_common():
        print(f"{n}x sama persis: {sentence}")
    print(f"kalimat: {sum(counts.values())}, kerangka berbeda: {len(counts)}, paling sering: {counts.most_common(1)}")


if __name__ == "__main__":
    main(sys.argv[1:])
