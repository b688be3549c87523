"""Narrative Markdown parsed into blocks of the document model (:mod:`lkjip.document`).

This is the sanitiser: it keeps only what the model can express (paragraphs,
headings, emphasis, lists, block quotes, links, tables, line breaks) and turns
everything else into plain text or drops it. Raw HTML never passes: ``<b>``,
``<i>`` and ``<br>`` become emphasis and line breaks, any other tag is removed
(the text between tags stays text, the content of ``<script>`` and ``<style>``
goes), and a block of HTML keeps only its text. A link keeps its target only
for ``http``, ``https`` and ``mailto``. So no script, style or event handler can
reach any renderer, and a Word or print renderer can render an analyst's text.

Markdown-it tokenises (CommonMark plus tables); this module only maps tokens.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from functools import cache
from typing import Any, Literal

import nh3
from markdown_it import MarkdownIt
from markdown_it.token import Token

from lkjip.document import (
    Blok,
    Daftar,
    Garis,
    Kolom,
    Kutipan,
    Paragraf,
    Run,
    Sel,
    Subjudul,
    Tabel,
)
from lkjip.errors import NarrativeError
from lkjip.guards import safe_link

MAX_NESTING = 20
"""markdown-it's ``maxNesting`` (the commonmark preset's value, set here explicitly): past it the parser drops
the rest of the text without a word, so :func:`blocks` refuses such text. It also bounds the recursion of
:func:`_blocks` and the depth of the blocks (:data:`lkjip.document.MAX_DEPTH`)."""
MAX_SPAN = 20
"""Largest colspan/rowspan of a table (Markdown tables have none; kept for the model's bound)."""

_DROP_CONTENT = {"script", "style", "textarea", "title", "noscript", "iframe", "object", "template"}
_TAG = re.compile(r"^<\s*(/?)\s*([a-zA-Z][a-zA-Z0-9]*)[^>]*?(/?)\s*>$", re.S)


@cache
def _parser() -> MarkdownIt:
    return MarkdownIt("commonmark", {"html": True, "typographer": False, "maxNesting": MAX_NESTING}).enable("table")


def blocks(text: str, location: str = "teks narasi") -> list[Blok]:
    """The blocks of Markdown ``text``; ``location`` names it in an error.

    Raises :class:`~lkjip.errors.NarrativeError` when quotes and lists nest deeper than the parser reads.
    """
    tokens = _parser().parse(text)
    # a quote's or a list item's content is parsed one level below its opening token
    if any(t.type in ("blockquote_open", "list_item_open") and t.level + 1 >= MAX_NESTING for t in tokens):
        raise NarrativeError(
            location,
            f"kutipan (>) dan daftar bertingkat bersarang lebih dari {MAX_NESTING} tingkat (satu daftar "
            "dihitung dua tingkat); teks sedalam itu tidak terbaca, sehingga laporan tidak dibuat.",
            "kurangi tingkat kutipan dan daftar di dalam daftar (paling banyak 19 kutipan atau 9 daftar "
            "bertingkat), lalu jalankan lagi.",
        )
    out, _ = _blocks(tokens, 0, None)
    return out


# ---------------------------------------------------------------- blocks


def _blocks(tokens: list[Token], i: int, close: str | None) -> tuple[list[Blok], int]:
    """Blocks from ``tokens[i:]`` up to the token of type ``close``; returns them and the index after it."""
    out: list[Blok] = []
    while i < len(tokens):
        tok = tokens[i]
        kind = tok.type
        if close is not None and kind == close:
            return out, i + 1
        if kind == "paragraph_open":
            runs = _inline(tokens[i + 1].children or [])
            if runs:
                out.append(Paragraf(isi=runs))
            i += 3
        elif kind == "heading_open":
            runs = _inline(tokens[i + 1].children or [])
            if runs:
                out.append(Subjudul(tingkat=3 if tok.tag in ("h1", "h2", "h3") else 4, isi=runs))
            i += 3
        elif kind in ("bullet_list_open", "ordered_list_open"):
            block, i = _list(tokens, i)
            out.append(block)
        elif kind == "blockquote_open":
            inner, i = _blocks(tokens, i + 1, "blockquote_close")
            if inner:
                out.append(Kutipan(isi=inner))
        elif kind == "hr":
            out.append(Garis())
            i += 1
        elif kind in ("code_block", "fence"):
            code = tok.content.rstrip("\n")
            if code:
                out.append(Paragraf(isi=[Run(teks=code, kode=True)]))
            i += 1
        elif kind == "html_block":
            out.extend(_html_text_blocks(tok.content))
            i += 1
        elif kind == "table_open":
            table, i = _table(tokens, i + 1)
            out.append(table)
        else:  # a closing token of an enclosing block handled by the caller, or one the model has no use for
            i += 1
    return out, i


def _list(tokens: list[Token], i: int) -> tuple[Daftar, int]:
    opening = tokens[i]
    ordered = opening.type == "ordered_list_open"
    close = "ordered_list_close" if ordered else "bullet_list_close"
    start = int(opening.attrs.get("start", 1) or 1) if ordered else 1
    first = i
    items: list[list[Blok]] = []
    i += 1
    while i < len(tokens) and tokens[i].type != close:
        if tokens[i].type == "list_item_open":
            item, i = _blocks(tokens, i + 1, "list_item_close")
            items.append(item)
        else:
            i += 1
    # markdown-it hides the paragraphs of a tight list's items (two levels below the list)
    loose = any(t.type == "paragraph_open" and not t.hidden and t.level == opening.level + 2 for t in tokens[first:i])
    # a numbered list inside a list item is lettered, one more level numbered with a bracket: 1. / a. / 1)
    penanda = PENANDA[min(opening.level // 2, len(PENANDA) - 1)]
    return Daftar(bernomor=ordered, mulai=max(start, 0), butir=items, rapat=not loose, penanda=penanda), i + 1


PENANDA: tuple[Literal["angka", "huruf", "angka_kurung"], ...] = ("angka", "huruf", "angka_kurung")
"""Markers of numbered lists by nesting, as Indonesian official documents number them."""


def _table(tokens: list[Token], i: int) -> tuple[Tabel, int]:
    head: list[list[Sel]] = []
    body: list[list[Sel]] = []
    kinds: list[Kolom] = []
    target = head
    row: list[Sel] = []
    while i < len(tokens) and tokens[i].type != "table_close":
        tok = tokens[i]
        if tok.type == "thead_open":
            target = head
        elif tok.type == "tbody_open":
            target = body
        elif tok.type == "tr_open":
            row = []
        elif tok.type == "tr_close":
            target.append(row)
        elif tok.type in ("th_open", "td_open"):
            runs = _inline(tokens[i + 1].children or []) if tokens[i + 1].type == "inline" else []
            row.append(Sel(isi=[runs] if runs else []))
            if tok.type == "th_open":
                style = str(tok.attrs.get("style", ""))
                kinds.append("angka" if "right" in style else "label" if "center" in style else "teks")
        i += 1
    width = max([len(r) for r in head + body] or [0])
    kinds = (kinds + ["teks"] * width)[:width]
    return Tabel(kepala=head, baris=body, kolom=kinds), i + 1


def _html_text_blocks(raw: str) -> list[Blok]:
    """A block of raw HTML keeps only its text, one paragraph per blank-line-separated part."""
    text = html.unescape(nh3.clean(raw, tags=set(), clean_content_tags=_DROP_CONTENT))
    parts = [" ".join(p.split()) for p in re.split(r"\n\s*\n", text)]
    return [Paragraf(isi=[Run(teks=p)]) for p in parts if p]


# ---------------------------------------------------------------- inline


@dataclass
class _Style:
    tebal: int = 0
    miring: int = 0
    links: list[str | None] = field(default_factory=list)
    skip: str | None = None  # inside <script>...</script>: drop until its end tag

    def run(self, text: str, **extra: Any) -> Run:
        return Run(
            teks=text,
            tebal=self.tebal > 0,
            miring=self.miring > 0,
            tautan=next((x for x in reversed(self.links) if x), None),
            **extra,
        )


def _inline(children: list[Token]) -> list[Run]:
    style = _Style()
    runs: list[Run] = []
    for tok in children:
        kind = tok.type
        if style.skip is not None:
            if kind == "html_inline" and _tag(tok.content) == (True, style.skip):
                style.skip = None
            continue
        if kind in ("text", "text_special"):
            runs.append(style.run(tok.content))
        elif kind == "softbreak":
            runs.append(style.run(" "))
        elif kind == "hardbreak":
            runs.append(style.run("\n"))
        elif kind == "code_inline":
            runs.append(style.run(tok.content, kode=True))
        elif kind == "strong_open":
            style.tebal += 1
        elif kind == "strong_close":
            style.tebal -= 1
        elif kind == "em_open":
            style.miring += 1
        elif kind == "em_close":
            style.miring -= 1
        elif kind == "link_open":
            style.links.append(safe_link(str(tok.attrs.get("href", ""))))
        elif kind == "link_close":
            if style.links:
                style.links.pop()
        elif kind == "image":  # the model has no inline pictures: the alternative text stays
            alt = "".join(c.content for c in tok.children or [])
            if alt:
                runs.append(style.run(alt))
        elif kind == "html_inline":
            _html_inline(tok.content, style, runs)
    return _merge(runs)


def _tag(raw: str) -> tuple[bool, str] | None:
    """(closing, name) of a single HTML tag, or None for a comment or anything else."""
    m = _TAG.match(raw.strip())
    return (bool(m.group(1)), m.group(2).lower()) if m else None


def _html_inline(raw: str, style: _Style, runs: list[Run]) -> None:
    """``<b>``/``<strong>`` and ``<i>``/``<em>`` become emphasis, ``<br>`` a line break; other tags go."""
    tag = _tag(raw)
    if tag is None:
        return
    closing, name = tag
    if name in ("b", "strong"):
        style.tebal = max(style.tebal + (-1 if closing else 1), 0)
    elif name in ("i", "em"):
        style.miring = max(style.miring + (-1 if closing else 1), 0)
    elif name == "br":
        runs.append(style.run("\n"))
    elif name in _DROP_CONTENT and not closing:
        style.skip = name


def _merge(runs: list[Run]) -> list[Run]:
    """Join neighbouring runs of the same style; drop empty ones; trim the ends."""
    out: list[Run] = []
    for r in runs:
        if not r.teks:
            continue
        if out and out[-1].model_copy(update={"teks": ""}) == r.model_copy(update={"teks": ""}):
            out[-1] = out[-1].model_copy(update={"teks": out[-1].teks + r.teks})
        else:
            out.append(r)
    if out and not out[0].teks.strip():
        out.pop(0)
    if out and not out[-1].teks.strip():
        out.pop()
    return out
