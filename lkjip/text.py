"""Narrative text: Jinja templates in Markdown, analyst overrides, sanitised HTML.

Every narrative section has a default template ``templates/narasi/<name>.md.j2``.
An analyst overrides one for a kecamatan and year with
``<data>/kecamatan/<slug>/<tahun>/narasi/<name>.md``; per tujuan/sasaran the
causes and strategies go in ``analisis_<kode>.md``. Overrides are rendered in a
sandboxed Jinja environment with the same placeholders as the defaults, then
Markdown is turned into HTML and sanitised, so no script, event handler or
style reaches the report.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import cache
from pathlib import Path

import nh3
from jinja2 import StrictUndefined, TemplateSyntaxError, meta
from jinja2.sandbox import SandboxedEnvironment
from markdown_it import MarkdownIt
from num2words import num2words

from lkjip import format as fmt
from lkjip.paths import TEMPLATES_DIR

NARASI_DIR = TEMPLATES_DIR / "narasi"
ANALISIS_PREFIX = "analisis_"

ALLOWED_TAGS = {
    "p", "br", "strong", "em", "b", "i", "u", "ul", "ol", "li", "blockquote", "h3", "h4",
    "table", "thead", "tbody", "tr", "th", "td", "a", "code", "sup", "sub", "hr",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "td": {"colspan", "rowspan"}, "th": {"colspan", "rowspan"}}


def terbilang(n: int) -> str:
    """``6`` -> ``enam``."""
    return num2words(int(n), lang="id")


def hitungan(n: int, benda: str = "") -> str:
    """A count as the report writes it: ``6 (enam) indikator``."""
    text = f"{n} ({terbilang(n)})"
    return f"{text} {benda}" if benda else text


def section_names() -> list[str]:
    """Names of the narrative sections that have a default template."""
    return sorted(n for p in NARASI_DIR.glob("*.md.j2") if not (n := p.name.removesuffix(".md.j2")).startswith("_"))


@cache
def _env() -> SandboxedEnvironment:
    env = SandboxedEnvironment(undefined=StrictUndefined, autoescape=False, keep_trailing_newline=True)
    env.filters.update(
        angka=fmt.angka, persen=fmt.persen, rupiah=fmt.rupiah, nilai=fmt.nilai, terbilang=terbilang, hitungan=hitungan
    )
    return env


@cache
def _markdown() -> MarkdownIt:
    return MarkdownIt("commonmark", {"html": True, "typographer": False}).enable("table")


def sanitise(html: str) -> str:
    """Keep only harmless formatting: no script, style, event handler or javascript: link."""
    return nh3.clean(html, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES, url_schemes={"http", "https", "mailto"})


def markdown_html(text: str) -> str:
    return sanitise(_markdown().render(text))


def default_template(name: str) -> str:
    return (NARASI_DIR / f"{name}.md.j2").read_text(encoding="utf-8")


def render(source: str, context: Mapping[str, object]) -> str:
    """Render Jinja ``source`` with ``context``, then Markdown, then sanitise."""
    return markdown_html(_env().from_string(source).render(**context))


def placeholders(source: str) -> set[str]:
    """Names a template uses; raises TemplateSyntaxError on broken syntax."""
    return meta.find_undeclared_variables(_env().parse(source))


_NAME = re.compile(r"^[a-z0-9_]+$", re.I)


def override_problems(source: str, known: set[str]) -> list[tuple[str, str]]:
    """(message, fix) for an override text: syntax errors and unknown placeholders."""
    try:
        used = placeholders(source)
    except TemplateSyntaxError as exc:
        return [
            (
                f"Sintaks Jinja salah pada baris {exc.lineno}: {exc.message}.",
                "Periksa pasangan {{ }} dan {% %}; untuk menulis kurung kurawal biasa gunakan {{ '{{' }}.",
            )
        ]
    hidden = _hidden_attributes(source)
    if hidden:
        return [
            (
                f"Akses atribut tersembunyi tidak diizinkan: {', '.join(hidden)}.",
                "Gunakan placeholder apa adanya, mis. {{ nama }}, tanpa atribut yang diawali garis bawah.",
            )
        ]
    unknown = sorted(used - known)
    if unknown:
        return [
            (
                f"Placeholder tidak dikenal: {', '.join(unknown)}.",
                f"Gunakan placeholder yang terdokumentasi: {', '.join(sorted(known))}.",
            )
        ]
    return []


def _hidden_attributes(source: str) -> list[str]:
    """``.__class__``-style accesses, which the sandbox would refuse at render time."""
    from jinja2 import nodes

    tree = _env().parse(source)
    found = [n.attr for n in tree.find_all(nodes.Getattr) if n.attr.startswith("_")]
    found += [
        str(n.arg.value)
        for n in tree.find_all(nodes.Getitem)
        if isinstance(n.arg, nodes.Const) and str(n.arg.value).startswith("_")
    ]
    return sorted(set(found))


def override_files(folder: Path) -> dict[str, Path]:
    """``narasi/*.md`` files in a kecamatan-year folder, by section name."""
    narasi = folder / "narasi"
    if not narasi.is_dir():
        return {}
    return {p.stem: p for p in sorted(narasi.glob("*.md"))}
