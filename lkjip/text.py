"""Narrative text: Jinja templates in Markdown and the analyst's overrides, rendered within limits.

Every narrative section has a default template ``templates/narasi/<name>.md.j2``.
An analyst overrides one for a kecamatan and year with
``<data>/kecamatan/<slug>/<tahun>/narasi/<name>.md``; per tujuan/sasaran the
causes and strategies go in ``analisis_<kode>.md``. Overrides are rendered in a
sandboxed Jinja environment with the same placeholders as the defaults; the
resulting Markdown becomes blocks of the document model in
:mod:`lkjip.markdown`, which keeps only what the model can express, so no
script, event handler or style reaches any renderer.

Every rendering is bounded (see :func:`render` and :mod:`lkjip.sandbox`):
an override file larger than :data:`MAX_FILE_BYTES` is refused before it is
read, a rendering stops after :data:`MAX_SECONDS` seconds, and no value or
section output may grow past :data:`MAX_OUTPUT_CHARS` characters. Nesting is
bounded before anything runs (:func:`compile_template`: brackets, blocks,
expression depth) and while it runs (:data:`lkjip.sandbox.MAX_CALL_DEPTH`), so
neither Python's recursion limit nor its compiler's block limit is ever reached.
An override must be a regular file, never a symbolic link, FIFO or device
(:func:`read_override`, :mod:`lkjip.regular`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import cache
from pathlib import Path

from jinja2 import StrictUndefined, Template, TemplateError, TemplateSyntaxError, meta, nodes
from jinja2.exceptions import SecurityError

from lkjip import format as fmt
from lkjip import regular
from lkjip.errors import NarrativeError
from lkjip.format import hitungan, terbilang
from lkjip.paths import TEMPLATES_DIR
from lkjip.sandbox import (
    ALLOWED_METHODS,
    DEPTH,
    MAX_CALL_DEPTH,
    MAX_OUTPUT_CHARS,
    MAX_SECONDS,
    SIZE,
    TIME,
    BoundedEnvironment,
    LimitExceeded,
    bounded_filter,
    tick,
    within,
)

NARASI_DIR = TEMPLATES_DIR / "narasi"


def section_names() -> list[str]:
    """Names of the narrative sections that have a default template."""
    return sorted(n for p in NARASI_DIR.glob("*.md.j2") if not (n := p.name.removesuffix(".md.j2")).startswith("_"))


MAX_FILE_BYTES = 200_000
"""Largest override file, checked before it is read.

One narrative section of an LKjIP is one to five pages (about 3,000 characters a
page); :data:`MAX_FILE_CHARS` (about 30 pages) is far more than any section needs,
and 200 KB leaves room for multi-byte UTF-8 characters. A bigger file is almost
certainly a mistake (a pasted document, a binary saved as ``.md``) and would make
a PDF of thousands of pages.
"""

MAX_FILE_CHARS = 100_000
"""Largest override text after UTF-8 decoding (about 30 pages)."""


@cache
def _env() -> BoundedEnvironment:
    env = BoundedEnvironment(undefined=StrictUndefined, autoescape=False, keep_trailing_newline=True)
    env.filters.update(
        angka=fmt.angka, persen=fmt.persen, rupiah=fmt.rupiah, nilai=fmt.nilai, terbilang=terbilang, hitungan=hitungan
    )
    env.filters = {name: bounded_filter(fn) for name, fn in env.filters.items()}
    return env


def default_template(name: str) -> str:
    return (NARASI_DIR / f"{name}.md.j2").read_text(encoding="utf-8")


def render(
    source: str, context: Mapping[str, object], location: str = "(templat narasi)", seconds: float | None = None
) -> str:
    """Render Jinja ``source`` with ``context`` within the limits: Markdown text out.

    The Markdown becomes blocks of the document model in :mod:`lkjip.markdown`,
    which is also the sanitiser.

    ``location`` names the file or template in an error. Raises
    :class:`~lkjip.errors.NarrativeError` (in Indonesian, naming ``location``)
    when the rendering takes longer than ``seconds`` (default
    :data:`MAX_SECONDS`), builds a value or an output larger than
    :data:`MAX_OUTPUT_CHARS`, or fails.
    """
    limit = MAX_SECONDS if seconds is None else seconds

    def work() -> str:
        template = compile_template(source, location)
        size, chunks = 0, []
        for chunk in template.generate(**context):
            size += len(chunk)
            if size > MAX_OUTPUT_CHARS:
                raise LimitExceeded(SIZE, "output")
            chunks.append(chunk)
            tick()
        return "".join(chunks)

    try:
        return within(limit, work)
    except LimitExceeded as exc:
        raise _limit_error(location, exc, limit) from None
    except RecursionError:  # a last line of defence: the nesting limits stop every case known
        raise _too_deep(location, "Narasi terlalu dalam bersarang (rekursi/perulangan bertingkat).") from None
    except SecurityError as exc:
        raise NarrativeError(
            location,
            f"Narasi memakai operasi yang tidak diizinkan: {str(exc).rstrip('.')}.",
            "Gunakan placeholder dan filter yang terdokumentasi di data/README.md; metode teks yang boleh: "
            + ", ".join(sorted(ALLOWED_METHODS))
            + ".",
        ) from exc
    except (TemplateError, ArithmeticError, LookupError, TypeError, ValueError) as exc:
        detail = str(exc).rstrip(".") if isinstance(exc, TemplateError) else f"{type(exc).__name__}: {exc}"
        raise NarrativeError(
            location,
            f"Narasi gagal dibuat: {detail}.",
            "Periksa placeholder, filter dan operasi di berkas ini; gunakan yang terdokumentasi di data/README.md.",
        ) from exc


MAX_BRACKETS = 20
"""Deepest nesting of ``(``, ``[`` and ``{`` in one expression; Jinja's parser recurses for each."""

MAX_BLOCKS = 10
"""Deepest nesting of ``{% for %}``, ``{% if %}``, ``{% macro %}`` and other blocks (Python allows 20 loops)."""

MAX_TREE_DEPTH = 80
"""Deepest syntax tree of a template (``not not not ... x``, ``1 + 1 + ... + 1``); compiling recurses along it."""

_BLOCK_NODES = (
    nodes.For, nodes.If, nodes.Macro, nodes.CallBlock, nodes.FilterBlock, nodes.With, nodes.Block,
    nodes.ScopedEvalContextModifier,
)  # fmt: skip
_OPENING, _CLOSING = frozenset("([{"), frozenset(")]}")

DEEP_FIX = (
    "Sederhanakan narasi: jangan memanggil makro dari dalam dirinya sendiri atau loop() pada perulangan "
    f"recursive, sarangkan blok {{% for %}}/{{% if %}} paling banyak {MAX_BLOCKS} tingkat dan kurung paling "
    f"banyak {MAX_BRACKETS} lapis; ulangi data yang ada dengan satu {{% for %}} biasa."
)


def _too_deep(location: str, message: str) -> NarrativeError:
    return NarrativeError(location, message, DEEP_FIX)


def compile_template(source: str, location: str = "(templat narasi)") -> Template:
    """Parse and compile ``source`` in the bounded environment, refusing nesting beyond the limits first.

    The checks do not depend on how much of Python's stack is in use: bracket
    depth is counted on the lexer's tokens (no recursion) before parsing, block
    and tree depth on the parsed tree (walked without recursion) before
    compiling. Raises :class:`~jinja2.TemplateSyntaxError` for broken syntax and
    :class:`~lkjip.errors.NarrativeError` (naming ``location``) for nesting.
    """
    env = _env()
    depth, deepest, line = 0, 0, 0
    for lineno, kind, value in env.lex(source):  # raw tokens: an operator's value is its character
        if kind != "operator":
            continue
        if value in _OPENING:
            depth += 1
            if depth > deepest:
                deepest, line = depth, lineno
        elif value in _CLOSING:
            depth = max(depth - 1, 0)
    if deepest > MAX_BRACKETS:
        raise _too_deep(
            location,
            f"Narasi terlalu dalam bersarang: {deepest} lapis kurung pada baris {line} (batas {MAX_BRACKETS}).",
        )
    try:
        tree = env.parse(source)
    except RecursionError:
        raise _too_deep(location, "Narasi terlalu dalam bersarang (ungkapan bertingkat terlalu banyak).") from None
    blocks, line, tree_depth, deep_line = _nesting(tree)
    if blocks > MAX_BLOCKS:
        raise _too_deep(
            location,
            f"Narasi terlalu dalam bersarang: {blocks} tingkat blok {{% for %}}/{{% if %}}/{{% macro %}} "
            f"bertingkat pada baris {line} (batas {MAX_BLOCKS}).",
        )
    if tree_depth > MAX_TREE_DEPTH:
        raise _too_deep(
            location, f"Narasi terlalu dalam bersarang: ungkapan bertingkat terlalu banyak pada baris {deep_line}."
        )
    try:
        return env.from_string(tree)
    except (RecursionError, SyntaxError):  # Python's compiler: too deep or too many nested blocks
        raise _too_deep(
            location, "Narasi terlalu dalam bersarang (blok atau ungkapan bertingkat terlalu banyak)."
        ) from None


def _nesting(tree: nodes.Node) -> tuple[int, int, int, int]:
    """(deepest block nesting, its line, deepest tree, its line), walked without recursion."""
    blocks = block_line = depth = depth_line = 0
    stack: list[tuple[nodes.Node, int, int]] = [(tree, 0, 0)]
    while stack:
        node, d, b = stack.pop()
        b += isinstance(node, _BLOCK_NODES)
        if b > blocks:
            blocks, block_line = b, getattr(node, "lineno", 0)
        if d > depth:
            depth, depth_line = d, getattr(node, "lineno", 0)
        stack.extend((child, d + 1, b) for child in node.iter_child_nodes())
    return blocks, block_line, depth, depth_line


def _limit_error(location: str, exc: LimitExceeded, seconds: float) -> NarrativeError:
    if exc.kind == DEPTH:
        if exc.detail == "call":
            return _too_deep(
                location,
                "Narasi terlalu dalam bersarang (rekursi/perulangan bertingkat): makro atau loop() dipanggil "
                f"bertingkat lebih dari {MAX_CALL_DEPTH} kali, mis. makro yang memanggil dirinya sendiri.",
            )
        return _too_deep(location, "Narasi membuat daftar yang terlalu dalam bersarang (daftar di dalam daftar).")
    if exc.kind == TIME:
        return NarrativeError(
            location,
            f"Narasi melampaui batas waktu {fmt.nilai(seconds)} detik; periksa perulangan {{% for %}} "
            "(perulangan bersarang atau range() yang besar).",
            "Kurangi perulangan: ulangi hanya data yang ada (mis. {% for m in misi %}), "
            "bukan range() dengan angka besar, dan jangan menyarangkan perulangan besar.",
        )
    if exc.detail == "output":
        return NarrativeError(
            location,
            f"Hasil narasi melebihi batas {fmt.angka(MAX_OUTPUT_CHARS)} karakter (sekitar 90 halaman).",
            "Persingkat teks atau perulangan di berkas ini; satu bagian narasi cukup beberapa halaman.",
        )
    what = exc.detail or "teks, daftar atau angka yang sangat besar"
    return NarrativeError(
        location,
        f"Narasi membuat {what} (batas {fmt.angka(MAX_OUTPUT_CHARS)} karakter), mis. lewat "
        'perkalian teks ("x" * 1000000), pangkat (10 ** 100000), replace/join atau penggabungan berulang.',
        "Tulis teksnya langsung tanpa perkalian, pangkat atau perulangan yang membesar.",
    )


def placeholders(source: str) -> set[str]:
    """Names a template uses; raises TemplateSyntaxError on broken syntax, NarrativeError on too deep nesting."""
    compile_template(source)
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
    except NarrativeError as exc:  # nesting too deep for the parser or compiler
        return [(exc.message, exc.fix)]
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
    tree = _env().parse(source)
    found = [n.attr for n in tree.find_all(nodes.Getattr) if n.attr.startswith("_")]
    found += [
        str(n.arg.value)
        for n in tree.find_all(nodes.Getitem)
        if isinstance(n.arg, nodes.Const) and str(n.arg.value).startswith("_")
    ]
    return sorted(set(found))


def override_files(folder: Path) -> dict[str, Path]:
    """``narasi/*.md`` entries in a kecamatan-year folder, by section name.

    Every entry is listed, whatever it is: one that is not a regular file (a
    symbolic link, a FIFO, a folder) is refused when it is read
    (:func:`read_override`), so validation names it instead of skipping it.
    Listing opens nothing.
    """
    narasi = folder / "narasi"
    if not narasi.is_dir() or regular.linked_folders(folder):
        return {}  # a linked folder is an error of validation; nothing below it is read
    return {p.stem: p for p in sorted(narasi.glob("*.md"))}


def read_override(path: Path) -> str:
    """The text of a narrative override file; the one way lkjip reads one.

    Only a regular file is read: a symbolic link (which could pull any file of
    the machine into the report), a FIFO (which would block) or a device is
    refused without being followed or opened (:mod:`lkjip.regular`). The size
    is checked before the file is read, and at most :data:`MAX_FILE_BYTES` + 1
    bytes are ever read, so a huge file is refused at once. Raises
    :class:`~lkjip.errors.NarrativeError` naming the file.
    """
    from lkjip.load import display_path

    where = display_path(path)
    try:
        size = regular.check(path).st_size
        data = b""
        if size <= MAX_FILE_BYTES:
            with regular.open_regular(path) as fh:
                data = fh.read(MAX_FILE_BYTES + 1)  # the file may have grown since stat()
            size = max(size, len(data))
    except regular.NotRegular as exc:
        raise NarrativeError(
            where, f"Berkas narasi ini adalah {exc.kind}, bukan berkas biasa; isinya tidak dibaca.", regular.FIX
        ) from None
    except OSError as exc:
        raise NarrativeError(
            where, f"Berkas narasi tidak dapat dibaca: {exc.strerror}.", "Periksa izin dan keberadaan berkas."
        ) from exc
    if size > MAX_FILE_BYTES:
        raise NarrativeError(
            where,
            f"Berkas narasi berukuran {fmt.angka(size)} bita, melebihi batas {fmt.angka(MAX_FILE_BYTES)} bita "
            f"(sekitar {fmt.angka(MAX_FILE_CHARS)} karakter atau 30 halaman).",
            "Persingkat narasi bagian ini; satu bagian cukup beberapa halaman. Pastikan berkasnya teks Markdown, "
            "bukan dokumen lain yang disimpan sebagai .md.",
        )
    try:
        source = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise NarrativeError(
            where, "Berkas narasi bukan teks UTF-8.", "Simpan ulang berkas sebagai teks UTF-8."
        ) from exc
    if len(source) > MAX_FILE_CHARS:
        raise NarrativeError(
            where,
            f"Berkas narasi berisi {fmt.angka(len(source))} karakter, melebihi batas {fmt.angka(MAX_FILE_CHARS)} "
            "karakter (sekitar 30 halaman).",
            "Persingkat narasi bagian ini; satu bagian cukup beberapa halaman.",
        )
    return source
