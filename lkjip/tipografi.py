"""Print typography of running text: non-breaking spaces where a line must not break, and soft hyphens.

Applied by the print renderer (:mod:`lkjip.typst_renderer`) to the text of paragraphs, list items and
table cells, never to the model: the HTML and the model keep plain spaces, and removing U+00A0 and U+00AD
from the printed text gives the model's text back.

- :func:`ikat` puts U+00A0 (no-break space) between "Rp" and its amount, between a number and the unit
  or counted noun after it ("25 orang", "15 (lima belas) desa", "86 indeks"), and between a caption word
  and its number ("Tabel 3.4", "Grafik 1.1", "Lampiran 2"), so a line never ends on "Rp" or "Tabel".
- :func:`cetak` is :func:`ikat`, and in table cells Indonesian soft hyphens (:func:`lkjip.suku_kata.hyphenate`)
  in long words only: a soft hyphen stays in the PDF's text layer and hides the word from a viewer's search.
"""

from __future__ import annotations

import re

from lkjip.suku_kata import hyphenate

NBSP = "\u00a0"
UNITS = (
    "orang|jiwa|desa|dusun|kelurahan|RW|RT|program|kegiatan|sub-kegiatan|indikator|sasaran|tujuan|kejadian|"
    "dokumen|hari|bulan|tahun|km²|km|ha|persen|poin|unit|buah|kali"
)
"""Nouns that follow a count in the report; a number is kept on the line of the noun it counts."""

_RP = re.compile(r"\bRp\.? (?=\d)")
_CAPTION = re.compile(r"\b(Tabel|Grafik|Gambar|Lampiran|BAB|Bab|nomor|No\.) (?=[0-9IVX])")
_PHONE = re.compile(r"(\(\d{3,4}\)) (?=\d)")  # "(0281) 635335": the area code stays with the number
_SPELLED = re.compile(r"(\d) (\([a-z ]+\))")  # "15 (lima belas)": the figure stays with its words
_UNIT = re.compile(r"(\d[\d.,]*\)?) (" + UNITS + r")\b")


def ikat(text: str) -> str:
    """``Rp 2.000.000`` and ``Tabel 3.4`` and ``25 orang`` joined by no-break spaces; nothing else changes."""
    text = _RP.sub(lambda m: m.group(0)[:-1] + NBSP, text)
    text = _CAPTION.sub(lambda m: m.group(1) + NBSP, text)
    text = _PHONE.sub(lambda m: m.group(1) + NBSP, text)
    text = _SPELLED.sub(lambda m: m.group(1) + NBSP + m.group(2), text)
    return _UNIT.sub(lambda m: m.group(1) + NBSP + m.group(2), text)


PANJANG = 13
"""Letters from which a word in a table cell gets soft hyphens: shorter words fit their column (the
renderer sizes text columns to their longest short word), longer ones ("Penyelenggaraan") may not."""
_WORD = re.compile(r"[^\s/]{" + str(PANJANG) + ",}")


def cetak(text: str, pecah: bool = False) -> str:
    """Text as printed: :func:`ikat`; with ``pecah``, soft hyphens in words of :data:`PANJANG` letters or more.

    A soft hyphen stays in the PDF's text layer even where the line does not break there, and PDF viewers'
    search (pdfium, pdf.js) then misses the word: so running text is not hyphenated at all (Typst justifies
    14 cm lines of 12 pt well without it), and only long words in narrow table columns are.
    """
    text = ikat(text)
    return _WORD.sub(lambda m: hyphenate(m.group(0)), text) if pecah else text
