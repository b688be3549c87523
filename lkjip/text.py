"""Narrative text: Jinja templates in Markdown, analyst overrides, sanitised HTML.

Every narrative section has a default template ``templates/narasi/<name>.md.j2``.
An analyst overrides one for a kecamatan and year with
``<data>/kecamatan/<slug>/<tahun>/narasi/<name>.md``; per tujuan/sasaran the
causes and strategies go in ``analisis_<kode>.md``. Overrides are rendered in a
sandboxed Jinja environment with the same placeholders as the defaults, then
Markdown is turned into HTML and sanitised, so no script, event handler or
style reaches the report.

Every rendering is bounded (see :func:`render` and :class:`_BoundedEnvironment`):
an override file larger than :data:`MAX_FILE_BYTES` is refused before it is
read, a rendering stops after :data:`MAX_SECONDS` seconds, and no value or
section output may grow past :data:`MAX_OUTPUT_CHARS` characters.
"""

from __future__ import annotations

import functools
import re
import signal
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import nh3
from jinja2 import StrictUndefined, TemplateError, TemplateSyntaxError, meta, nodes
from jinja2.compiler import CodeGenerator, Frame
from jinja2.runtime import Macro
from jinja2.sandbox import MAX_RANGE, ImmutableSandboxedEnvironment, SecurityError
from jinja2.utils import Namespace
from markdown_it import MarkdownIt
from num2words import num2words

from lkjip import format as fmt
from lkjip.errors import NarrativeError
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


MAX_SECONDS = 5.0
"""Wall-clock limit of one rendering (Jinja, Markdown, sanitising) of one narrative section.

The bundled sections render in milliseconds; five seconds leaves room for a slow
shared machine and still stops a runaway ``{% for %}`` long before the notebook's
cell timeout (:data:`lkjip.render.CELL_TIMEOUT`).
"""

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

MAX_OUTPUT_CHARS = 300_000
"""Largest rendered section, and largest text or list a template may build on the way.

Three times the source limit, since a loop over the kecamatan's data may repeat a
sentence; any legitimate section is a small fraction of it.
"""

MAX_INT_BITS = 10_000
"""Largest integer a template may compute (about 3,000 digits), so ``10 ** 10 ** 9`` is refused before it runs."""

MAX_LOOP = MAX_RANGE
"""Most items one ``range()`` may give (Jinja's own sandbox limit)."""

_TIME = "waktu"
_SIZE = "ukuran"


class _LimitExceeded(BaseException):
    """Raised inside a rendering; a BaseException so no ``except Exception`` in Jinja, a filter or Markdown hides it."""

    def __init__(self, kind: str, detail: str = "") -> None:
        super().__init__(kind, detail)
        self.kind = kind
        self.detail = detail


@dataclass
class _Budget:
    deadline: float
    seconds: float
    active: bool = True


_local = threading.local()


def _tick() -> None:
    """Stop the current rendering once its deadline has passed (the fallback where no timer signal is available)."""
    budget = getattr(_local, "budget", None)
    if budget is not None and time.monotonic() > budget.deadline:
        raise _LimitExceeded(_TIME)


def _on_alarm(signum: int, frame: Any) -> None:
    budget = getattr(_local, "budget", None)
    if budget is not None and budget.active:
        raise _LimitExceeded(_TIME)


def _within(seconds: float, work: Callable[[], str]) -> str:
    """Run ``work`` with ``seconds`` of wall-clock time.

    In the main thread (the notebook kernel, ``lkjip check``, batch worker
    processes) a POSIX interval timer delivers SIGALRM, whose handler raises
    inside whatever Python code the template is running, however it loops. A
    signal cannot interrupt one long C call (``"x" * 10**9``), so values are
    also bounded before they are made (:class:`_BoundedEnvironment`); and
    elsewhere (another thread, no ``setitimer``) the same deadline is checked by
    ``range()``, every call, operator, concatenation and output chunk.

    The earlier timer and handler are restored afterwards, even when the alarm
    arrives while this function is already cleaning up (hence the retry loop).
    """
    if getattr(_local, "budget", None) is not None:  # nested rendering: the outer budget applies
        return work()
    start = time.monotonic()
    budget = _Budget(start + seconds, seconds)
    timer = hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    old_handler: Any = None
    old_timer = (0.0, 0.0)
    if timer:
        old_handler = signal.signal(signal.SIGALRM, _on_alarm)
    _local.budget = budget
    try:
        if timer:
            old_timer = signal.setitimer(signal.ITIMER_REAL, seconds)
        return work()
    finally:
        while True:
            try:
                budget.active = False  # from here on a late alarm is ignored
                _local.budget = None
                if timer:
                    signal.setitimer(signal.ITIMER_REAL, 0)
                    signal.signal(signal.SIGALRM, signal.SIG_DFL if old_handler is None else old_handler)
                    if old_timer[0] > 0:
                        left = old_timer[0] - (time.monotonic() - start)
                        signal.setitimer(signal.ITIMER_REAL, max(left, 0.001), old_timer[1])
                break
            except _LimitExceeded:  # the alarm landed before budget.active was cleared
                continue


def _weight(obj: Any, cap: int = MAX_OUTPUT_CHARS) -> int:
    """Rough size of a value in characters (a container counts its items too); stops counting past ``cap``."""
    if isinstance(obj, str | bytes):
        return len(obj)
    if isinstance(obj, int) and not isinstance(obj, bool):
        return obj.bit_length() // 3 + 1
    if isinstance(obj, dict):
        items: Any = [*obj.keys(), *obj.values()] if len(obj) <= cap else ()
    elif isinstance(obj, list | tuple | set | frozenset):
        items = obj
    else:
        return 1
    total = len(obj)
    for item in items:
        if total > cap:
            break
        total += _weight(item, cap - total)
    return total


def _guard(value: Any) -> Any:
    if _weight(value) > MAX_OUTPUT_CHARS:
        raise _LimitExceeded(_SIZE)
    return value


def _guard_size(size: int) -> None:
    if size > MAX_OUTPUT_CHARS:
        raise _LimitExceeded(_SIZE)


_PRINTF_WIDTH = re.compile(r"%[-#0 +]*(\*|\d+)?(?:\.(\*|\d+))?")


def _check_binop(operator: str, left: Any, right: Any) -> None:
    """Refuse ``*``, ``**``, ``+`` and ``%`` whose result would be huge, before Python computes it."""
    ints = isinstance(left, int) and isinstance(right, int)
    if operator == "**" and ints and right > 0 and abs(left) > 1:
        if right * (abs(left).bit_length() - 1) > MAX_INT_BITS:
            raise _LimitExceeded(_SIZE)
    elif operator == "*" and ints:
        if left.bit_length() + right.bit_length() > MAX_INT_BITS:
            raise _LimitExceeded(_SIZE)
    elif operator == "*":
        count, seq = (left, right) if isinstance(left, int) else (right, left)
        if isinstance(count, int) and count > 0:
            _guard_size(_weight(seq) * count)
    elif operator == "+" and not ints:
        _guard_size(_weight(left) + _weight(right))
    elif operator == "%" and isinstance(left, str):
        for width, precision in _PRINTF_WIDTH.findall(left):
            for n in (width, precision):
                if n == "*" or (n and int(n) > MAX_OUTPUT_CHARS):
                    raise _LimitExceeded(_SIZE)


def _check_replace(s: Any, old: Any, new: Any) -> None:
    text = str(s)
    _guard_size(len(text) + text.count(str(old)) * len(str(new)))


def _check_join(items: list[Any], sep: Any) -> None:
    _guard_size(sum(_weight(i) for i in items) + len(items) * len(str(sep)))


class _Range:
    """``range()`` for templates: at most :data:`MAX_LOOP` items, checking the deadline at every step."""

    def __init__(self, *args: int) -> None:
        self._range = range(*args)
        try:
            too_long = len(self._range) > MAX_LOOP
        except OverflowError:
            too_long = True
        if too_long:
            raise _LimitExceeded(_SIZE, f"range() lebih dari {fmt.angka(MAX_LOOP)} butir")

    def __iter__(self) -> Iterator[int]:
        for i in self._range:
            _tick()
            yield i

    def __reversed__(self) -> Iterator[int]:
        for i in reversed(self._range):
            _tick()
            yield i

    def __len__(self) -> int:
        return len(self._range)

    def __getitem__(self, index: Any) -> Any:
        return self._range[index]

    def __contains__(self, item: object) -> bool:
        return item in self._range


class _Namespace(Namespace):
    """``namespace()`` whose attributes may not grow past the size limit (``{% set ns.s = ns.s ~ ns.s %}``)."""

    def __setitem__(self, name: str, value: Any) -> None:
        _tick()
        super().__setitem__(name, _guard(value))


class _BoundedCodeGenerator(CodeGenerator):
    """Route ``~`` (string concatenation), which the sandbox cannot intercept, through a size check."""

    def visit_Concat(self, node: nodes.Concat, frame: Frame) -> None:
        self.write("environment.bounded_concat((")
        for arg in node.nodes:
            self.visit(arg, frame)
            self.write(", ")
        self.write("))")


REFUSED_FILTERS = frozenset({"center", "indent", "wordwrap", "format"})
"""Built-in filters that pad text to any width or format it with printf widths: not offered to narratives."""

ALLOWED_METHODS = frozenset(
    {
        "upper", "lower", "capitalize", "title", "strip", "lstrip", "rstrip", "startswith", "endswith",
        "split", "rsplit", "splitlines", "count", "find", "rfind", "index", "replace", "join",
        "isdigit", "isalpha", "isnumeric", "isspace", "isupper", "islower",
        "items", "keys", "values", "get",
    }
)  # fmt: skip
"""Methods a narrative may call on text, numbers, lists and dicts; everything else (``ljust``, ``format``, ...)."""

_BUILTIN_TYPES = (str, int, float, list, tuple, dict, set, frozenset)


def _bounded_filter(fn: Callable[..., Any]) -> Callable[..., Any]:
    """Check the deadline and the sizes around one filter; an integer argument (a width, a count) is capped too."""
    value_at = 1 if getattr(fn, "jinja_pass_arg", None) else 0

    @functools.wraps(fn)  # keeps jinja_pass_arg
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        _tick()
        for a in args:
            _guard(a)
        for a in (*args[value_at + 1 :], *kwargs.values()):
            if isinstance(a, int) and abs(a) > MAX_OUTPUT_CHARS:
                raise _LimitExceeded(_SIZE)
        if fn.__name__ == "do_join" and len(args) > value_at:
            items = list(args[value_at])
            _check_join(items, args[value_at + 1] if len(args) > value_at + 1 else kwargs.get("d", ""))
            args = (*args[:value_at], items, *args[value_at + 1 :])
        elif fn.__name__ == "do_replace":
            rest = [*args[value_at:], *kwargs.values()]
            if len(rest) >= 3:
                _check_replace(rest[0], rest[1], rest[2])
        return _guard(fn(*args, **kwargs))

    return wrapper


class _BoundedEnvironment(ImmutableSandboxedEnvironment):
    """Jinja's immutable sandbox, bounded in time and size.

    Jinja's sandbox stops attribute tricks and caps ``range()``, but a template
    can still loop for hours or build a gigabyte string. Here every value a
    template builds is checked *before* it is built: the risky operators
    (``*``, ``**``, ``+``, ``%``) through ``intercepted_binops``/``call_binop``,
    ``~`` through :class:`_BoundedCodeGenerator`, method calls through
    ``call`` (only :data:`ALLOWED_METHODS`, with ``replace``/``join`` sizes
    estimated), filters through :func:`_bounded_filter`, ``namespace`` values
    and ``range()`` lengths. Those checks and ``range()`` also check the
    deadline that :func:`_bounded` sets.
    """

    code_generator_class = _BoundedCodeGenerator
    intercepted_binops = frozenset({"*", "**", "+", "%"})

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.globals["range"] = _Range
        self.globals["namespace"] = _Namespace
        self.globals.pop("lipsum", None)  # lipsum(n) writes n paragraphs
        for name in REFUSED_FILTERS:
            self.filters.pop(name, None)

    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        if not super().is_safe_attribute(obj, attr, value):
            return False
        return not isinstance(obj, _BUILTIN_TYPES) or attr in ALLOWED_METHODS

    def wrap_str_format(self, value: Any) -> None:
        """No ``str.format``/``format_map``: a format spec pads to any width (``"{:>999999999}"``)."""
        return None

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        _tick()
        _check_binop(operator, left, right)
        return _guard(super().call_binop(context, operator, left, right))

    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        _tick()
        for a in (*args, *kwargs.values()):
            _guard(a)  # also stops a recursive macro that doubles its argument
        owner, name = getattr(__obj, "__self__", None), getattr(__obj, "__name__", "")
        if isinstance(owner, str) and name == "replace" and len(args) >= 2:
            _check_replace(owner, args[0], args[1])
        elif isinstance(owner, str) and name == "join" and args:
            items = list(args[0])
            _check_join(items, owner)
            args = (items, *args[1:])
        result = super().call(__context, __obj, *args, **kwargs)
        return result if isinstance(__obj, Macro) else _guard(result)

    def bounded_concat(self, parts: tuple[Any, ...]) -> str:
        _tick()
        _guard_size(sum(_weight(p) for p in parts))
        return "".join(map(str, parts))


@cache
def _env() -> _BoundedEnvironment:
    env = _BoundedEnvironment(undefined=StrictUndefined, autoescape=False, keep_trailing_newline=True)
    env.filters.update(
        angka=fmt.angka, persen=fmt.persen, rupiah=fmt.rupiah, nilai=fmt.nilai, terbilang=terbilang, hitungan=hitungan
    )
    env.filters = {name: _bounded_filter(fn) for name, fn in env.filters.items()}
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


def render(
    source: str, context: Mapping[str, object], location: str = "(templat narasi)", seconds: float | None = None
) -> str:
    """Render Jinja ``source`` with ``context``, then Markdown, then sanitise, within the limits.

    ``location`` names the file or template in an error. Raises
    :class:`~lkjip.errors.NarrativeError` (in Indonesian, naming ``location``)
    when the rendering takes longer than ``seconds`` (default
    :data:`MAX_SECONDS`), builds a value or an output larger than
    :data:`MAX_OUTPUT_CHARS`, or fails.
    """
    limit = MAX_SECONDS if seconds is None else seconds

    def work() -> str:
        template = _env().from_string(source)
        size, chunks = 0, []
        for chunk in template.generate(**context):
            size += len(chunk)
            if size > MAX_OUTPUT_CHARS:
                raise _LimitExceeded(_SIZE, "output")
            chunks.append(chunk)
            _tick()
        return markdown_html("".join(chunks))

    try:
        return _within(limit, work)
    except _LimitExceeded as exc:
        raise _limit_error(location, exc, limit) from None
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


def _limit_error(location: str, exc: _LimitExceeded, seconds: float) -> NarrativeError:
    if exc.kind == _TIME:
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


def read_override(path: Path) -> str:
    """The text of a narrative override file; the one way lkjip reads one.

    The size is checked before the file is read, and at most
    :data:`MAX_FILE_BYTES` + 1 bytes are ever read, so a huge file is refused at
    once. Raises :class:`~lkjip.errors.NarrativeError` naming the file.
    """
    from lkjip.load import display_path

    where = display_path(path)
    try:
        size = path.stat().st_size
        data = b""
        if size <= MAX_FILE_BYTES:
            with path.open("rb") as fh:
                data = fh.read(MAX_FILE_BYTES + 1)  # the file may have grown since stat()
            size = max(size, len(data))
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
