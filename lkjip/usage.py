"""Command-line usage errors (typer/click) told in Bahasa Indonesia, with the fix.

Typer 0.2x carries its own copy of click; errors are recognised by class name
so that either copy is understood.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

_TYPE_WORDS = (
    ("integer", "bilangan bulat"),
    ("int", "bilangan bulat"),
    ("float", "angka"),
    ("number", "angka"),
    ("bool", "true/false"),
)


def usage_error_types() -> tuple[type[BaseException], ...]:
    """The base classes of usage errors in the typer and click installed."""
    kinds: list[type[BaseException]] = []
    try:
        import typer

        kinds.append(typer.TyperException)
    except (ImportError, AttributeError):  # pragma: no cover - older typer
        pass
    try:
        import click

        kinds.append(click.ClickException)
    except ImportError:  # pragma: no cover - typer without click
        pass
    return tuple(kinds)


_RANGE_HINTS = {"--jobs": ", mis. -j 2, atau hilangkan opsi ini agar jumlah inti prosesor yang dipakai"}


def _range(param: Any) -> str:
    """``paling kecil 1`` for an option declared with ``min=1``; ``""`` for an option without bounds.

    Typer 0.29 keeps ``min``/``max`` on the option itself (pydantic checks them);
    click keeps them on an ``IntRange`` type.
    """
    kind = param if getattr(param, "min", None) is not None or getattr(param, "max", None) is not None else None
    kind = kind or getattr(param, "type", None)
    low, high = getattr(kind, "min", None), getattr(kind, "max", None)
    if low is None and high is None:
        return ""
    if getattr(kind, "min_open", False) and low is not None:
        low += 1
    if getattr(kind, "max_open", False) and high is not None:
        high -= 1
    if high is None:
        return f"paling kecil {low}"
    if low is None:
        return f"paling besar {high}"
    return f"{low} sampai {high}"


def _names(exc: BaseException) -> set[str]:
    return {c.__name__ for c in type(exc).__mro__}


def _opts(exc: Any) -> list[str]:
    param = getattr(exc, "param", None)
    return list(getattr(param, "opts", None) or ([param.name] if param is not None else []))


def given(opts: list[str], argv: Sequence[str]) -> str | None:
    """The value the user typed for one of ``opts`` in ``argv``."""
    for i, token in enumerate(argv):
        for opt in opts:
            if token == opt and i + 1 < len(argv):
                return argv[i + 1]
            if token.startswith(opt + "="):
                return token[len(opt) + 1 :]
    return None


def explain(exc: Any, argv: Sequence[str] = ()) -> str:
    """An Indonesian message for a usage error, naming the option, the value and the fix."""
    names = _names(exc)
    ctx = getattr(exc, "ctx", None)
    command = getattr(ctx, "command_path", None) or "lkjip"
    help_hint = f" Lihat '{command} --help'."
    message = str(getattr(exc, "message", "") or exc)
    opts = _opts(exc)
    label = "/".join(opts) if opts else "?"
    if "NoSuchOption" in names:
        close = sorted(getattr(exc, "possibilities", None) or [])
        hint = f" Mungkin maksudnya: {', '.join(close)}." if close else ""
        return f"Opsi tidak dikenal: {getattr(exc, 'option_name', '?')}.{hint}{help_hint}"
    if "MissingParameter" in names:
        what = "Argumen" if getattr(getattr(exc, "param", None), "param_type_name", "") == "argument" else "Opsi"
        return f"{what} wajib {label} belum diisi.{help_hint}"
    if "BadParameter" in names:
        value = given(opts, argv)
        bounds = _range(getattr(exc, "param", None))
        if bounds and re.search(r"not in the range|(greater|less) than", message):
            shown = f"'{value}' " if value is not None else ""
            hint = _RANGE_HINTS.get(opts[0] if opts else "", "")
            return (
                f"Nilai {shown}untuk {label} di luar rentang yang diizinkan ({bounds}). "
                f"Perbaikan: tulis bilangan bulat {bounds}{hint}."
            )
        kind = next((w for k, w in _TYPE_WORDS if k in message.lower()), None)
        shown = f"'{value}' " if value is not None else ""
        if kind:
            example = ", mis. 2023" if "--tahun" in opts else ""
            return f"Nilai {shown}untuk {label} bukan {kind}. Perbaikan: tulis {kind}{example}."
        return f"Nilai {shown}untuk {label} tidak sah.{help_hint}"
    if "BadOptionUsage" in names:
        option = getattr(exc, "option_name", "?")
        if "requires an argument" in message:
            return f"Opsi {option} memerlukan nilai.{help_hint}"
        return f"Pemakaian opsi {option} salah.{help_hint}"
    m = re.match(r"No such command '([^']*)'", message)
    if m:
        close = re.search(r"Did you mean '([^']*)'", message)
        hint = f" Mungkin maksudnya '{close[1]}'." if close else ""
        return f"Perintah tidak dikenal: '{m[1]}'.{hint} Lihat 'lkjip --help' untuk daftar perintah."
    m = re.match(r"Got unexpected extra arguments? \((.*)\)", message)
    if m:
        return f"Argumen berlebih: {m[1]}.{help_hint}"
    if "MissingArgument" in names or "Missing argument" in message:
        return f"Argumen wajib belum diisi.{help_hint}"
    return f"Pemakaian salah.{help_hint}"
