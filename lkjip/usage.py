"""Command-line usage errors (typer/click) told in Bahasa Indonesia, with the fix.

Typer 0.2x carries its own copy of click; errors are recognised by class name
so that either copy is understood. What went wrong is read from the error's
fields (its class, parameter, context, and the pydantic errors typer checked
the value with) and from the command line itself, never from the English
message text.
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from typing import Any

_KIND_WORDS = {
    # pydantic error types: typer 0.2x checks option values with pydantic
    "int_parsing": "bilangan bulat",
    "int_type": "bilangan bulat",
    "int_from_float": "bilangan bulat",
    "float_parsing": "angka",
    "float_type": "angka",
    "bool_parsing": "true/false",
    "bool_type": "true/false",
    # click's parameter type names
    "integer": "bilangan bulat",
    "integer range": "bilangan bulat",
    "float": "angka",
    "float range": "angka",
    "boolean": "true/false",
}
"""What a value of the parameter must be, by pydantic error type or click type name."""

_OUT_OF_RANGE = frozenset({"greater_than", "greater_than_equal", "less_than", "less_than_equal"})
"""Pydantic error types of a value outside an option's ``min``/``max``."""


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


def _error_types(exc: Any) -> list[str]:
    """The pydantic error types behind a typer ``BadParameter`` (its cause); [] for click's own checks."""
    errors = getattr(exc.__cause__, "errors", None)
    return [str(e.get("type", "")) for e in errors()] if callable(errors) else []


def _is_number(value: str | None) -> bool:
    try:
        float(value or "")
    except ValueError:
        return False
    return True


def _extra_arguments(ctx: Any, argv: Sequence[str]) -> list[str]:
    """The words after the command's name that are neither options, option values nor its declared arguments."""
    command = getattr(ctx, "command", None)
    name = getattr(ctx, "info_name", None)
    if command is None or not isinstance(name, str) or name not in argv:
        return []
    params = list(getattr(command, "params", []))
    with_value = {
        opt
        for p in params
        if getattr(p, "param_type_name", "") == "option" and not getattr(p, "is_flag", False)
        for opt in [*p.opts, *getattr(p, "secondary_opts", [])]
    }
    declared = sum(getattr(p, "param_type_name", "") == "argument" for p in params)
    free: list[str] = []
    tokens = iter(argv[list(argv).index(name) + 1 :])
    for token in tokens:
        if token in with_value:
            next(tokens, None)
        elif not token.startswith("-"):
            free.append(token)
    return free[declared:]


def explain(exc: Any, argv: Sequence[str] = ()) -> str:
    """An Indonesian message for a usage error, naming the option, the value and the fix."""
    names = _names(exc)
    ctx = getattr(exc, "ctx", None)
    command = getattr(ctx, "command_path", None) or "lkjip"
    help_hint = f" Lihat '{command} --help'."
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
        param = getattr(exc, "param", None)
        value = given(opts, argv)
        shown = f"'{value}' " if value is not None else ""
        bounds = _range(param)
        types = _error_types(exc)
        if bounds and (_OUT_OF_RANGE.intersection(types) or (not types and _is_number(value))):
            hint = _RANGE_HINTS.get(opts[0] if opts else "", "")
            return (
                f"Nilai {shown}untuk {label} di luar rentang yang diizinkan ({bounds}). "
                f"Perbaikan: tulis bilangan bulat {bounds}{hint}."
            )
        kinds = [*types, str(getattr(getattr(param, "type", None), "name", ""))]
        kind = next((_KIND_WORDS[k] for k in kinds if k in _KIND_WORDS), None)
        if kind:
            example = ", mis. 2023" if "--tahun" in opts else ""
            return f"Nilai {shown}untuk {label} bukan {kind}. Perbaikan: tulis {kind}{example}."
        return f"Nilai {shown}untuk {label} tidak sah.{help_hint}"
    if "BadOptionUsage" in names:
        option = getattr(exc, "option_name", "?")
        if any(token.startswith(f"{option}=") for token in argv):  # a value given to a flag (--force=ya)
            return f"Opsi {option} tidak menerima nilai.{help_hint}"
        return f"Opsi {option} memerlukan nilai.{help_hint}"  # the value is missing (-t at the end)
    if "MissingArgument" in names:
        return f"Argumen wajib belum diisi.{help_hint}"
    commands = getattr(getattr(ctx, "command", None), "commands", None)
    if isinstance(commands, dict):  # a group: the word after it names no command
        typed = next((t for t in argv if not t.startswith("-")), None)
        if typed is not None and typed not in commands:
            close = difflib.get_close_matches(typed, sorted(commands), n=1)
            hint = f" Mungkin maksudnya '{close[0]}'." if close else ""
            return f"Perintah tidak dikenal: '{typed}'.{hint} Lihat 'lkjip --help' untuk daftar perintah."
        return "Perintah belum diberikan. Lihat 'lkjip --help' untuk daftar perintah."
    extra = _extra_arguments(ctx, argv)
    if extra:
        return f"Argumen berlebih: {' '.join(extra)}.{help_hint}"
    return f"Pemakaian salah.{help_hint}"
