"""docs/PANDUAN.md, the Indonesian guide: its commands exist and its pictures are there."""

import re
from pathlib import Path

import typer.main

from lkjip.cli import app

GUIDE = Path(__file__).resolve().parent.parent / "docs" / "PANDUAN.md"


def _commands() -> set[str]:
    return {c.name or typer.main.get_command_name(c.callback.__name__) for c in app.registered_commands}


def test_every_lkjip_command_in_the_guide_exists() -> None:
    text = GUIDE.read_text(encoding="utf-8")
    named = set(re.findall(r"\blkjip ([a-z][a-z-]*)", text))
    steps = {"formulir", "impor", "check", "report", "batch", "narasi", "final", "buka-final", "verify", "arsip"}
    assert steps <= named
    assert named <= _commands(), sorted(named - _commands())


def test_every_picture_in_the_guide_exists() -> None:
    text = GUIDE.read_text(encoding="utf-8")
    links = re.findall(r"!\[[^\]]*\]\(([^)]+)\)", text)
    assert links
    missing = [link for link in links if not (GUIDE.parent / link).is_file()]
    assert not missing, missing
