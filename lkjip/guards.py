"""Guards on what a document model may carry, since a notebook handed over for export is not trusted.

Links (http(s) and mailto only), nesting depth, chart SVG as matplotlib
writes it, PNG/JPEG pictures. A chart's SVG is put into the HTML as markup and
a picture into a ``data:`` URL, so a forged notebook must not be able to
smuggle anything else in (:mod:`lkjip.document` calls these when it validates).
"""

from __future__ import annotations

import base64
import binascii
import re
import xml.etree.ElementTree as ET
from collections.abc import Set as AbstractSet
from typing import Any
from urllib.parse import urlsplit

MAX_DEPTH = 64
"""Deepest nesting of a section's JSON (objects and lists). The deepest Markdown markdown-it parses
(:data:`lkjip.markdown.MAX_NESTING`) gives about 50; beyond this a renderer's recursion, or Python's, would
give way, so a deeper (forged) section is refused when it is read."""

SCHEMES = {"http", "https", "mailto"}
"""The only link targets the model holds."""


def safe_link(href: str | None) -> str | None:
    """``href`` (trimmed) if it is an absolute http(s) or mailto link, else None."""
    if not href:
        return None
    value = href.strip()
    if value.startswith(("//", "\\")):
        return None
    try:
        scheme = urlsplit(value).scheme.lower()
    except ValueError:  # e.g. an unclosed "[" of an IPv6 host
        return None
    return value if scheme in SCHEMES else None


def depth_of(value: Any) -> int:
    """How deeply JSON ``value`` nests (objects and lists), counted without recursion."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict | list):
            deepest = max(deepest, depth)
            if deepest > MAX_DEPTH:
                return deepest
            stack.extend((child, depth + 1) for child in (item.values() if isinstance(item, dict) else item))
    return deepest


_SVG = "{http://www.w3.org/2000/svg}"
_XLINK_HREF = "{http://www.w3.org/1999/xlink}href"
_RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
_METADATA_NS = (f"{{{_RDF}}}", "{http://creativecommons.org/ns#}", "{http://purl.org/dc/elements/1.1/}")
_SVG_TAGS = frozenset(
    [
        "svg",
        "g",
        "defs",
        "path",
        "use",
        "rect",
        "text",
        "tspan",
        "clipPath",
        "pattern",
        "style",
        "metadata",
        "circle",
        "ellipse",
        "line",
        "polyline",
        "polygon",
        "linearGradient",
        "radialGradient",
        "stop",
    ]
)
"""What matplotlib's SVG backend draws for a chart: no script, link, image, foreignObject, animation,
title or desc (an HTML integration point)."""
_CSS_PROPERTIES = frozenset(
    [
        "fill",
        "fill-opacity",
        "fill-rule",
        "opacity",
        "clip-path",
        "stop-color",
        "stop-opacity",
        "text-anchor",
        "stroke",
        "stroke-width",
        "stroke-opacity",
        "stroke-linecap",
        "stroke-linejoin",
        "stroke-dasharray",
        "stroke-dashoffset",
        "stroke-miterlimit",
        "font-family",
        "font-size",
        "font-style",
        "font-weight",
        "font-variant",
        "font-stretch",
    ]
)
_SVG_ATTRS = _CSS_PROPERTIES | frozenset(
    [
        "id",
        "x",
        "y",
        "x1",
        "y1",
        "x2",
        "y2",
        "cx",
        "cy",
        "r",
        "rx",
        "ry",
        "width",
        "height",
        "viewBox",
        "version",
        "d",
        "points",
        "transform",
        "patternUnits",
        "gradientUnits",
        "gradientTransform",
        "offset",
        "{http://www.w3.org/XML/1998/namespace}space",
    ]
)
_VALUE = re.compile(r"[\w\s#.,%'\"()+-]*")
"""An attribute or CSS value: no ``<``, ``>``, ``\\``, ``@``, ``:``, ``;``, ``{``, ``/``."""
_URL = re.compile(r"url\(([^)]*)\)")
_LOCAL = re.compile(r"#[\w.-]+")
_STYLE_RULE = re.compile(r"\*\s*\{([^{}]*)\}")


def _css_value(value: str) -> bool:
    if not _VALUE.fullmatch(value) or re.search(r"expression|javascript", value, re.I):
        return False
    return all(_LOCAL.fullmatch(url.strip()) for url in _URL.findall(value))


def _declarations(css: str, allowed: AbstractSet[str]) -> bool:
    for part in filter(str.strip, css.split(";")):
        name, colon, value = part.partition(":")
        if not colon or name.strip() not in allowed or not _css_value(value.strip()):
            return False
    return True


def _svg_problem(svg: str) -> str | None:
    """What in ``svg`` matplotlib's SVG backend would not draw, or None."""
    if not svg.startswith("<svg") or "<!" in svg or "<?" in svg:
        return "tidak diawali <svg, atau memuat komentar, CDATA, DOCTYPE atau instruksi pemrosesan"
    try:
        root = ET.fromstring(svg)
    except ET.ParseError as exc:
        return f"bukan XML yang sah ({exc})"
    if root.tag != f"{_SVG}svg":
        return "elemen terluarnya bukan svg"
    stack = [(root, False)]
    while stack:
        el, in_metadata = stack.pop()
        tag = el.tag if isinstance(el.tag, str) else "?"
        if in_metadata and tag.startswith(_METADATA_NS):
            attrs = {
                k: v
                for k, v in el.attrib.items()
                if k != f"{{{_RDF}}}resource" or re.fullmatch(r"https?://[\w./#-]+", v)
            }
            if attrs != el.attrib:
                return f"atribut tidak dikenal pada {tag}"
        elif not tag.startswith(_SVG) or tag[len(_SVG) :] not in _SVG_TAGS:
            return f"elemen {tag} tidak digambar oleh grafik lkjip"
        else:
            for name, value in el.attrib.items():
                if name == _XLINK_HREF or name == "href":
                    ok = bool(_LOCAL.fullmatch(value))
                elif name == "style":
                    ok = _declarations(value, _CSS_PROPERTIES)
                elif name == "type":
                    ok = value == "text/css"
                else:
                    ok = name in _SVG_ATTRS and _css_value(value)
                if not ok:
                    return f"atribut {name}={value[:40]!r} pada {tag[len(_SVG) :]} tidak diizinkan"
            if tag == f"{_SVG}style":
                rules = _STYLE_RULE.fullmatch((el.text or "").strip())
                if len(el) or not rules or not _declarations(rules.group(1), {"stroke-linejoin", "stroke-linecap"}):
                    return "isi elemen style tidak diizinkan"
        stack.extend((child, in_metadata or tag == f"{_SVG}metadata") for child in el)
    return None


def check_svg(svg: str) -> None:
    """Refuse chart SVG that matplotlib's SVG backend would not write (it is put into HTML as markup).

    A strict allow-list of elements, attributes and CSS: links only to ``#id`` in the same picture, no
    script, event handler, foreign object, image, external URL, comment or processing instruction (HTML
    and XML read those differently). The charts of :mod:`lkjip.charts` pass unchanged.
    """
    problem = _svg_problem(svg)
    if problem:
        raise ValueError(f"SVG grafik tidak sah: {problem}")


_MAGIC = {"image/png": b"\x89PNG\r\n\x1a\n", "image/jpeg": b"\xff\xd8\xff"}


def check_picture(data: str, mime: str) -> None:
    """``data`` must be base64 of a picture of type ``mime`` (it is put into a ``data:`` URL)."""
    if not data or len(data) % 4 or not re.fullmatch(r"[A-Za-z0-9+/]*={0,2}", data):
        raise ValueError("data gambar bukan base64")
    try:
        head = base64.b64decode(data[:16], validate=True)
    except (binascii.Error, ValueError):
        raise ValueError("data gambar bukan base64") from None
    if not head.startswith(_MAGIC[mime]):
        raise ValueError(f"data gambar bukan {mime}")
