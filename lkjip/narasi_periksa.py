"""Checks of a narrative text beyond its template syntax: markup and literal numbers.

Both ``lkjip check`` (:mod:`lkjip.overrides`, on override files) and the
narrative notebook (:mod:`lkjip.narasi_edit`, on a cell before it is saved)
apply them, so a file and a cell are judged alike:

- :func:`markup` reads the raw text. A ``<script>`` (or another element whose
  content the sanitiser drops), an event handler attribute (``onclick=``) or a
  ``javascript:``/``vbscript:`` target is an error: nothing that looks like an
  attempt to run code is accepted, even though the sanitiser
  (:mod:`lkjip.markdown`) would remove it. Any other HTML tag than
  ``<b>``/``<strong>``, ``<i>``/``<em>`` and ``<br>`` is a warning: the
  sanitiser keeps only its text. So is a link the sanitiser would not keep
  (only http, https and mailto stay links).
- :func:`literal_numbers` compares the numbers written in the text with the
  current values of the placeholders: a number that equals one would freeze it
  (it does not follow the data), so the warning names the placeholder to use.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from lkjip.guards import safe_link

KEPT_TAGS = frozenset({"b", "strong", "i", "em", "br"})
"""The HTML tags the sanitiser turns into emphasis or a line break (:func:`lkjip.markdown._html_inline`)."""
DROPPED_CONTENT = frozenset({"script", "style", "textarea", "title", "noscript", "iframe", "object", "template"})
"""Elements whose content the sanitiser drops too; ``script`` and its kin are refused here."""
REFUSED_TAGS = frozenset({"script", "iframe", "object", "embed", "noscript", "template"})

_TAG = re.compile(r"<\s*/?\s*([a-zA-Z][a-zA-Z0-9-]*)((?:[^>\"']|\"[^\"]*\"|'[^']*')*)>")
_HANDLER = re.compile(r"(?:^|[\s/\"'])on[a-z]+\s*=", re.I)
_SCRIPT_URL = re.compile(r"(?:j\s*a\s*v\s*a|v\s*b)\s*s\s*c\s*r\s*i\s*p\s*t\s*:", re.I)
_MD_LINK = re.compile(r"\]\(\s*<?([^)\s>]*)")
_JINJA = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.S)
_LIST_MARKER = re.compile(r"^\s*\d+[.)]\s", re.M)
_NUMBER = re.compile(r"(?<![\w.,])\d+(?:[.,]\d+)*")
_NUMERIC_VALUE = re.compile(r"^(?:Rp\s*)?(\d+(?:[.,]\d+)*)\s*%?$")

Found = tuple[str, str]
"""(message, fix), as :func:`lkjip.text.override_problems` gives them."""


def markup(source: str) -> tuple[list[Found], list[Found]]:
    """(errors, warnings) of the markup in ``source``; errors mean the text must not be saved or used."""
    errors: list[Found] = []
    warnings: list[Found] = []
    refused = sorted({m.group(1).lower() for m in _TAG.finditer(source) if m.group(1).lower() in REFUSED_TAGS})
    if refused:
        errors.append(
            (
                "Narasi memuat tag " + ", ".join(f"<{t}>" for t in refused) + " yang tidak diizinkan.",
                "Hapus tag tersebut beserta isinya; narasi hanya berisi teks Markdown.",
            )
        )
    if any(_HANDLER.search(m.group(2)) for m in _TAG.finditer(source)):
        errors.append(
            (
                "Narasi memuat atribut penangan peristiwa (mis. onclick=) pada tag HTML.",
                "Hapus atribut on...= tersebut; gunakan Markdown biasa (**tebal**, *miring*).",
            )
        )
    if _SCRIPT_URL.search(source):
        errors.append(
            (
                "Narasi memuat tautan javascript: atau vbscript: yang tidak diizinkan.",
                "Hapus tautan itu atau ganti dengan alamat http://, https:// atau mailto:.",
            )
        )
    if errors:
        return errors, warnings
    stripped = sorted({m.group(1).lower() for m in _TAG.finditer(source)} - KEPT_TAGS)
    if stripped:
        warnings.append(
            (
                "Tag HTML " + ", ".join(f"<{t}>" for t in stripped) + " tidak dipakai laporan; hanya teksnya "
                "yang tampil (isi <style>, <title> dan sejenisnya dibuang).",
                "Gunakan Markdown: **tebal**, *miring*, daftar dengan - atau 1., tabel dengan |.",
            )
        )
    dropped = sorted({t for t in _MD_LINK.findall(source) if t and safe_link(t) is None})
    if dropped:
        warnings.append(
            (
                "Tautan " + ", ".join(dropped) + " tidak dipertahankan; hanya teksnya yang tampil.",
                "Gunakan alamat lengkap http://, https:// atau mailto:.",
            )
        )
    return errors, warnings


def literal_numbers(source: str, context: Mapping[str, object]) -> list[Found]:
    """Warnings for numbers written in ``source`` that equal a placeholder's current value.

    Only the text outside Jinja tags counts, list markers (``1.``) and single
    digits do not (they are counts of the text itself far more often than figures).
    """
    by_value: dict[str, list[str]] = {}
    for name, value in context.items():
        if isinstance(value, bool) or not isinstance(value, str | int):
            continue
        m = _NUMERIC_VALUE.match(str(value).strip())
        if m:
            by_value.setdefault(m.group(1), []).append(name)
    plain = _LIST_MARKER.sub(" ", _JINJA.sub(" ", source))
    out: list[Found] = []
    seen: set[str] = set()
    for number in _NUMBER.findall(plain):
        if number in seen or len(number) < 2 or number not in by_value:
            continue
        seen.add(number)
        names = sorted(by_value[number])
        out.append(
            (
                f"Angka {number} ditulis langsung, padahal sama dengan nilai "
                + ", ".join(f"{{{{ {n} }}}}" for n in names)
                + " saat ini; angka itu tidak ikut berubah bila data berubah.",
                f"Ganti {number} dengan {{{{ {names[0]} }}}} bila yang dimaksud nilai itu.",
            )
        )
    return out
