"""Indonesian syllables (*suku kata*) and soft hyphens for the print renderer; the standard library only.

Typst has no Indonesian hyphenation patterns, and pyphen's ``id`` patterns
split wrongly ("Ma-sya-ra-k-at", "Ke-lu-r-ah-an"), so the rules of PUEBI /
KBBI *pemenggalan* are written out here. Two functions:

- :func:`suku_kata` gives the syllables of one word:
  ``suku_kata("masyarakat") == ["ma", "sya", "ra", "kat"]``.
- :func:`hyphenate` inserts U+00AD (soft hyphen) at the allowed breaks of
  every word of running text and changes nothing else.

The rules, and the choices made where PUEBI and KBBI practice differ:

- **Vowels.** Adjacent vowels split (``ma-af``, ``bu-ah``, ``ko-or-di-na-si``,
  ``da-e-rah``), except the diphthongs *ai*, *au*, *ei*, *oi*, which stay one
  syllable (``sam-pai``, ``pu-lau``, ``sau-da-ra``, ``ca-pai-an``) unless a
  consonant closes the syllable after them, where KBBI reads two vowels
  (``ma-in``, ``la-in``, ``ba-ik``, ``da-un``, ``ke-na-ik-an``).
- **Digraphs.** *kh*, *ng*, *ny*, *sy* are one consonant and never split:
  ``ma-sya-ra-kat``, ``nya-nyi``, ``a-khir``, ``ba-ngun``, ``me-nga-lir``,
  ``sing-kat``, ``ikh-ti-sar``.
- **One consonant** between vowels starts the next syllable: ``ke-ca-mat``.
- **Two consonants** split between them (``man-di``, ``pas-ti``,
  ``sang-gup``), except an obstruent followed by *r* or *l* (*pr, br, tr, dr,
  kr, gr, fr, pl, bl, kl, gl, fl*), kept together as in KBBI's ``pro-gram``,
  ``de-mo-kra-si``, ``bi-ro-kra-si``. KBBI splits some older loans
  (``mit·ra``, ``sek·re·ta·ris``, ``Ap·ril``); we write ``mi-tra``,
  ``se-kre-ta-ris``, ``A-pril``, which are also acceptable breaks.
- **Three or more consonants** split after the first (PUEBI: ``ul-tra``,
  ``in-fra``, ``ben-trok``, ``in-stru-men``, ``ad-mi-nis-tra-si``,
  ``in-stan-si``), so *str*, *tr*, *fr* stay together as onsets.
- **Compounds of loan elements** *infra-* and *trans-* before a consonant are
  split at the element boundary, as KBBI does: ``in-fra-struk-tur``,
  ``trans-pa-ran-si``.
- **The suffix -an** is split by morpheme, as KBBI does: ``ke-lu-rah-an``,
  ``pe-me-rin-tah-an``, ``ke-ca-mat-an``, ``pe-la-yan-an``,
  ``pem-ba-ngun-an`` (the phonological rule would give ``ke-lu-ra-han``).
  A final *-an* is taken for the suffix when the rest has at least two
  syllables and ends in one consonant after a vowel. Not when that consonant
  is *w* or *y* (``ka-rya-wan``, ``wi-sa-ta-wan``), nor for a verb with *-kan*
  (``di-lak-sa-na-kan``, ``mem-be-ri-kan``: a word starting with *me-*, *di-*,
  *ber-*, *ter-* whose rest ends in *k*), nor for a short list of roots that
  merely end in *-an* (``de-la-pan``, ``se-la-tan``, ``tri-wu-lan``, ...).
  After a vowel both readings agree (``pem-ber-da-ya-an``,
  ``pe-ren-ca-na-an``). The clitic *-nya* is set aside first
  (``ke-gi-at-an-nya``).
- **Prefixes** need no rule of their own where the rules above give them
  (``pem-ber-da-ya-an``, ``per-tang-gung-ja-wab-an``); where the nasal of
  *meng-*/*peng-* meets a vowel the syllable rule is followed, as the brief
  for the print renderer asks: ``me-nga-lir``, ``pe-nga-du-an``.

:func:`hyphenate` breaks only where the reader loses nothing: not in a word
with a capital after its first letter (``APBDES``, ``LKjIP``), with a digit,
or with an underscore; not in a whitespace-separated chunk that looks like a
URL, e-mail address, path or file name; never leaving fewer than ``min_left``
letters before a break or ``min_right`` after it. A hyphenated compound is
broken at its hyphen (by the renderer) and inside each part. Soft hyphens
already in the text are kept as they are, so the function is idempotent, and
removing U+00AD from its output gives back its input without U+00AD.
"""

from __future__ import annotations

import itertools
import re

__all__ = ["SHY", "hyphenate", "suku_kata"]

SHY = "\u00ad"
"""The soft hyphen: invisible unless the renderer breaks the line there."""

VOWELS = frozenset("aeiou")
DIGRAPHS = ("kh", "ng", "ny", "sy")
DIPHTHONGS = frozenset({"ai", "au", "ei", "oi"})
OBSTRUENT_LIQUID = frozenset(a + b for a in "pbtdkgf" for b in "rl") - {"tl", "dl"}
"""Two consonants kept together as the start of a syllable (``pro-gram``)."""
ONSETS_3 = OBSTRUENT_LIQUID | {"st", "sp", "sk", "str", "spr", "skr"}
"""Onsets allowed after the first consonant of a cluster of three or more (``in-stru-men``)."""
LOAN_ELEMENTS = ("infra", "trans")
"""First elements of loan compounds split at their boundary before a consonant (``in-fra-struk-tur``)."""
VERB_PREFIXES = ("me", "di", "ber", "ter")
ROOTS_IN_AN = ("bulan", "wulan", "jalan", "lapan", "bilan", "selatan", "halaman", "pedoman")
"""Roots ending in consonant + *an* that are not the suffix: the word is split by the syllable rule."""


def _units(word: str) -> list[str]:
    """Letters of a lower-case word, with a consonant digraph as one unit."""
    units: list[str] = []
    i = 0
    while i < len(word):
        if word[i : i + 2] in DIGRAPHS:
            units.append(word[i : i + 2])
            i += 2
        else:
            units.append(word[i])
            i += 1
    return units


def _is_vowel(unit: str) -> bool:
    return unit in VOWELS


def _onset_size(cluster: list[str]) -> int:
    """How many consonant units of a cluster between two vowels start the next syllable."""
    n = len(cluster)
    if n <= 1:
        return n
    if n == 2:
        return 2 if "".join(cluster) in OBSTRUENT_LIQUID else 1
    for size in range(n - 1, 1, -1):  # PUEBI: after the first consonant, if the rest can start a syllable
        if "".join(cluster[n - size :]) in ONSETS_3:
            return size
    return 1


def _phonological(word: str) -> list[str]:
    """Syllables of a lower-case word of letters by the syllable rules alone."""
    units = _units(word)
    # Nuclei: indices of the first and last unit of each syllable's vowel.
    nuclei: list[tuple[int, int]] = []
    i = 0
    while i < len(units):
        if not _is_vowel(units[i]):
            i += 1
            continue
        end = i
        if i + 1 < len(units) and units[i] + units[i + 1] in DIPHTHONGS and not _closed_after(units, i + 1):
            end = i + 1
        nuclei.append((i, end))
        i = end + 1
    if not nuclei:
        return [word]
    cuts: list[int] = []  # unit indices where a syllable starts (after the first)
    for (_, end), (start, _) in itertools.pairwise(nuclei):
        cluster = units[end + 1 : start]
        cuts.append(start - _onset_size(cluster))
    syllables: list[str] = []
    prev = 0
    for cut in [*cuts, len(units)]:
        syllables.append("".join(units[prev:cut]))
        prev = cut
    return syllables


def _closed_after(units: list[str], i: int) -> bool:
    """True if consonants after the vowel at ``i`` close its syllable (``ma-in``, ``ba-ik``)."""
    j = i + 1
    while j < len(units) and not _is_vowel(units[j]):
        j += 1
    cluster = units[i + 1 : j]
    if not cluster:
        return False
    if j == len(units):
        return True
    return _onset_size(cluster) < len(cluster)


def _an_suffix_stem(word: str) -> str | None:
    """The stem before a suffix *-an* split by morpheme (``kelurah`` of ``kelurahan``), or None."""
    if not word.endswith("an") or word.endswith(ROOTS_IN_AN):
        return None
    stem = word[:-2]
    units = _units(stem)
    if len(units) < 2 or _is_vowel(units[-1]) or not _is_vowel(units[-2]) or units[-1] in ("w", "y"):
        return None
    if units[-1] == "k" and stem.startswith(VERB_PREFIXES):
        return None  # the verb suffix -kan: di-lak-sa-na-kan
    if len(_phonological(stem)) < 2:
        return None  # ja-lan, de-ngan
    return stem


def _lower_syllables(word: str) -> list[str]:
    for element in LOAN_ELEMENTS:
        rest = word[len(element) :]
        if word.startswith(element) and len(rest) > 1 and not _is_vowel(rest[0]) and VOWELS & set(rest):
            return [*_phonological(element), *_lower_syllables(rest)]
    if word.endswith("nya") and len(word) > 5 and VOWELS & set(word[:-3]):
        return [*_lower_syllables(word[:-3]), "nya"]
    stem = _an_suffix_stem(word)
    if stem is not None:
        return [*_phonological(stem), "an"]
    return _phonological(word)


def suku_kata(word: str) -> list[str]:
    """The syllables of one Indonesian word, in its own letters and case.

    ``"".join(suku_kata(w)) == w``. A word without a vowel is one syllable.
    Raises :class:`ValueError` if ``word`` is empty or has anything but letters.
    """
    if not word or not word.isalpha():
        raise ValueError(f"not a word of letters: {word!r}")
    syllables: list[str] = []
    pos = 0
    for s in _lower_syllables(word.lower()):
        syllables.append(word[pos : pos + len(s)])
        pos += len(s)
    return syllables


_CHUNK = re.compile(r"\S+")
_WORD = re.compile(r"[\w\u00ad]+")
_NOT_PROSE = re.compile(r"://|@|/|\\|^www\.|\w\.\w", re.IGNORECASE)
"""A URL, an e-mail address, a path or a file name (``laporan.pdf``): left as it is."""


def _breaks(letters: str, min_left: int, min_right: int) -> set[int]:
    """Letter offsets where a soft hyphen may go in a word (prose, letters only, without U+00AD)."""
    if not letters.isalpha() or any(c.isupper() for c in letters[1:]):
        return set()
    if len(letters) < min_left + min_right:
        return set()
    offsets: set[int] = set()
    pos = 0
    for s in suku_kata(letters)[:-1]:
        pos += len(s)
        if pos >= min_left and len(letters) - pos >= min_right:
            offsets.add(pos)
    return offsets


def _hyphenate_word(word: str, min_left: int, min_right: int) -> str:
    letters = word.replace(SHY, "")
    if not letters:
        return word
    breaks = _breaks(letters, min_left, min_right)
    out: list[str] = []
    index = 0  # letters written so far
    for ch in word:
        if ch == SHY:
            breaks.discard(index)  # a soft hyphen already there: not doubled
        elif index in breaks and (not out or out[-1] != SHY):
            out.append(SHY)
        if ch != SHY:
            index += 1
        out.append(ch)
    return "".join(out)


def hyphenate(text: str, min_left: int = 3, min_right: int = 3) -> str:
    """``text`` with U+00AD inserted at the allowed syllable breaks of its words.

    Only soft hyphens are added; existing ones are kept and not doubled.
    """
    if min_left < 1 or min_right < 1:
        raise ValueError("min_left and min_right must be at least 1")

    def chunk(m: re.Match[str]) -> str:
        if _NOT_PROSE.search(m.group().replace(SHY, "")):
            return m.group()
        return _WORD.sub(lambda w: _hyphenate_word(w.group(), min_left, min_right), m.group())

    return _CHUNK.sub(chunk, text)
