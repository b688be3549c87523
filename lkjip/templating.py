"""The Jinja environment of the HTML templates (template files under ``lkjip/templates/``)."""

from __future__ import annotations

from functools import cache

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup, escape

from lkjip.paths import TEMPLATES_DIR


def baris(text: str) -> Markup:
    """Escaped text whose line breaks (``\\n``) become ``<br>``."""
    return Markup("<br>").join(escape(part) for part in str(text).split("\n"))


@cache
def environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES_DIR),
        autoescape=select_autoescape(["html", "j2"]),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["baris"] = baris
    return env


def render(template: str, **context: object) -> str:
    return environment().get_template(template).render(**context)
