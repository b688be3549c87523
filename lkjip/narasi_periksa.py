"""Checks of a narrative text beyond its template syntax: markup and literal numbers.

Both ``lkjip check`` (:mod:`lkjip.overrides`, on override files) and the
narrative notebook (:mod:`lkjip.narasi_edit`, on a cell before it is saved)
apply them, so a file and a cell are judged alike:

- :func:`markup_found` (and :func:`markup`, each message once) reads the raw
  text. A ``<script>`` (or another element whose content the sanitiser
  drops), an event handler attribute (``onclick=``) or a
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
from typing import NamedTuple

from lkjip.guards import safe_link

KEPT_TAGS = frozenset({"b", "strong", "i", "em", "br"})
"""The HTML tags the sanitiser turns into emphasis or a line break (:func:`lkjip.markdown._html_inline`)."""
DROPPED_CONTENT = frozenset({"script", "style", "textarea", "title", "noscript", "iframe", "object", "template"})
"""Elements whose content the sanitiser drops too; ``script`` and its kin are refused here."""
REFUSED_TAGS = frozenset({"script", "iframe", "object", "embed", "noscript", "template"})

_TAG = re.compile(r"<\s*/?\s*([a-zA-Z][a-zA-Z0-9-]*)((?:[^>\"']|\"[^\"]*\"|'[^']*')*)>")
_CLOSING = re.compile(r"<\s*/")
_HANDLER = re.compile(r"(?:^|[\s/\"'])on[a-z]+\s*=", re.I)
_SCRIPT_URL = re.compile(r"(?:j\s*a\s*v\s*a|v\s*b)\s*s\s*c\s*r\s*i\s*p\s*t\s*:", re.I)
_MD_LINK = re.compile(r"\]\(\s*<?([^)\s>]*)")
_JINJA = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.S)
_LIST_MARKER = re.compile(r"^\s*\d+[.)]\s", re.M)
_NUMBER = re.compile(r"(?<![\w.,])\d+(?:[.,]\d+)*")
_NUMERIC_VALUE = re.compile(r"^(?:Rp\s*)?(\d+(?:[.,]\d+)*)\s*%?$")

Found = tuple[str, str]
"""(message, fix), as :func:`lkjip.text.override_problems` gives them."""


class Temuan(NamedTuple):
    """One finding of :func:`markup_found`: what, the fix, and where (line from 1, the offending text)."""

    message: str
    fix: str
    line: int | None = None
    text: str | None = None


def _line(source: str, pos: int) -> int:
    return source.count("\n", 0, pos) + 1


def _excerpt(found: str, limit: int = 80) -> str:
    one = " ".join(found.split())
    return one if len(one) <= limit else one[: limit - 1] + "\u2026"


def markup_found(source: str) -> tuple[list[Temuan], list[Temuan]]:
    """(errors, warnings) of the markup in ``source``, one per occurrence, each with its line and text.

    Errors mean the text must not be saved (the notebook) nor used (``lkjip check``).
    """
    errors: list[Temuan] = []
    warnings: list[Temuan] = []
    opening = [m for m in _TAG.finditer(source) if not _CLOSING.match(m.group(0))]  # an element once, not twice
    for m in opening:
        tag = m.group(1).lower()
        if tag in REFUSED_TAGS:
            errors.append(
                Temuan(
                    f"Narasi memuat tag <{tag}> yang tidak diizinkan.",
                    "Hapus tag tersebut beserta isinya; narasi hanya berisi teks Markdown.",
                    _line(source, m.start()),
                    _excerpt(m.group(0)),
                )
            )
        if _HANDLER.search(m.group(2)):
            errors.append(
                Temuan(
                    "Narasi memuat atribut penangan peristiwa (mis. onclick=) pada tag HTML.",
                    "Hapus atribut on...= tersebut; gunakan Markdown biasa (**tebal**, *miring*).",
                    _line(source, m.start()),
                    _excerpt(m.group(0)),
                )
            )
    for m in _SCRIPT_URL.finditer(source):
        end = re.compile(r"[\s)\]\"'<>]").search(source, m.end())
        errors.append(
            Temuan(
                "Narasi memuat tautan javascript: atau vbscript: yang tidak diizinkan.",
                "Hapus tautan itu atau ganti dengan alamat http://, https:// atau mailto:.",
                _line(source, m.start()),
                _excerpt(source[m.start() : end.start() if end else len(source)]),
            )
        )
    if errors:
        errors.sort(key=lambda t: t.line or 0)
        return errors, warnings
    for m in opening:
        if m.group(1).lower() not in KEPT_TAGS:
            warnings.append(
                Temuan(
                    f"Tag HTML <{m.group(1).lower()}> tidak dipakai laporan; hanya teksnya yang tampil "
                    "(isi <style>, <title> dan sejenisnya dibuang).",
                    "Gunakan Markdown: **tebal**, *miring*, daftar dengan - atau 1., tabel dengan |.",
                    _line(source, m.start()),
                    _excerpt(m.group(0)),
                )
            )
    for m in _MD_LINK.finditer(source):
        target = m.group(1)
        if target and safe_link(target) is None:
            warnings.append(
                Temuan(
                    f"Tautan {target} tidak dipertahankan; hanya teksnya yang tampil.",
                    "Gunakan alamat lengkap http://, https:// atau mailto:.",
                    _line(source, m.start()),
                    _excerpt(target),
                )
            )
    return errors, warnings


def markup(source: str) -> tuple[list[Found], list[Found]]:
    """(errors, warnings) of :func:`markup_found` as (message, fix), each message once (the notebook's cell output)."""
    errors, warnings = markup_found(source)
    return _once(errors), _once(warnings)


def _once(found: list[Temuan]) -> list[Found]:
    return list(dict.fromkeys((t.message, t.fix) for t in found))


def literal_numbers(source: str, context: Mapping[str, object]) -> list[Found]:
    """:func:`literal_numbers_found` as (message, fix)."""
    return _once(literal_numbers_found(source, context))


def _blank(m: re.Match[str]) -> str:
    """``m``'s text as spaces, its line ends kept (positions, hence line numbers, stay)."""
    return re.sub(r"[^\n]", " ", m.group(0))


def literal_numbers_found(source: str, context: Mapping[str, object]) -> list[Temuan]:
    """Warnings for numbers written in ``source`` that equal a placeholder's current value.

    Only the text outside Jinja tags counts, list markers (``1.``) and single
    digits do not (they are counts of the text itself far more often than
    figures). Each number is reported once, at its first line.
    """
    by_value: dict[str, list[str]] = {}
    for name, value in context.items():
        if isinstance(value, bool) or not isinstance(value, str | int):
            continue
        m = _NUMERIC_VALUE.match(str(value).strip())
        if m:
            by_value.setdefault(m.group(1), []).append(name)
    plain = _LIST_MARKER.sub(_blank, _JINJA.sub(_blank, source))
    out: list[Temuan] = []
    seen: set[str] = set()
    for m in _NUMBER.finditer(plain):
        number = m.group(0)
        if number in seen or len(number) < 2 or number not in by_value:
            continue
        seen.add(number)
        names = sorted(by_value[number])
        out.append(
            Temuan(
                f"Angka {number} ditulis langsung, padahal sama dengan nilai "
                + ", ".join(f"{{{{ {n} }}}}" for n in names)
                + " saat ini; angka itu tidak ikut berubah bila data berubah.",
                f"Ganti {number} dengan {{{{ {names[0]} }}}} bila yang dimaksud nilai itu.",
                _line(plain, m.start()),
                number,
            )
        )
    return out
