"""The bounded Jinja sandbox every narrative rendering runs in.

Jinja's :class:`~jinja2.sandbox.ImmutableSandboxedEnvironment` stops attribute
tricks (``{{ x.__class__ }}``) but not a template that runs forever or builds a
gigabyte string. Here every rendering (:func:`within`) has a wall-clock limit
(:data:`MAX_SECONDS`): a POSIX interval timer in the main thread (the kernel,
``lkjip check`` and batch workers all render there), and deadline checks in the
bounded ``range()``, in every call, operator and output chunk elsewhere. Sizes
are checked before a value is built (:data:`MAX_OUTPUT_CHARS`,
:data:`MAX_INT_BITS`), since a signal cannot interrupt one long C operation
like ``"x" * 10**9``. Recursion is counted too: at most :data:`MAX_CALL_DEPTH`
macro or ``loop()`` calls may be active at once.
"""

from __future__ import annotations

import functools
import re
import signal
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from jinja2 import nodes
from jinja2.compiler import CodeGenerator, Frame
from jinja2.runtime import Macro
from jinja2.sandbox import MAX_RANGE, ImmutableSandboxedEnvironment
from jinja2.utils import Namespace

from lkjip import format as fmt

MAX_SECONDS = 5.0
"""Wall-clock limit of one rendering (Jinja, Markdown, sanitising) of one narrative section.

The bundled sections render in milliseconds; five seconds leaves room for a slow
shared machine and still stops a runaway ``{% for %}`` long before the notebook's
cell timeout (:data:`lkjip.render.CELL_TIMEOUT`).
"""

MAX_OUTPUT_CHARS = 300_000
"""Largest rendered section, and largest text or list a template may build on the way.

Three times the source limit, since a loop over the kecamatan's data may repeat a
sentence; any legitimate section is a small fraction of it.
"""

MAX_INT_BITS = 10_000
"""Largest integer a template may compute (about 3,000 digits), so ``10 ** 10 ** 9`` is refused before it runs."""

MAX_LOOP = MAX_RANGE
"""Most items one ``range()`` may give (Jinja's own sandbox limit)."""

MAX_CALL_DEPTH = 20
"""Most macro calls (and ``loop()`` calls of a recursive ``{% for %}``) active at once.

Counted by the sandbox itself (:meth:`BoundedEnvironment.call`), so a macro that
calls itself stops here with the analyst's message, long before Python's own
recursion limit, however deep the caller's stack already is (the notebook
kernel's is deep). A narrative needs two or three levels at most.
"""

MAX_VALUE_DEPTH = 50
"""Deepest list/dict nesting a template may build (``[[[...]]]``): deeper values are refused as they are checked."""

TIME = "waktu"
SIZE = "ukuran"
DEPTH = "kedalaman"


class LimitExceeded(BaseException):
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


def tick() -> None:
    """Stop the current rendering once its deadline has passed (the fallback where no timer signal is available)."""
    budget = getattr(_local, "budget", None)
    if budget is not None and time.monotonic() > budget.deadline:
        raise LimitExceeded(TIME)


def _on_alarm(signum: int, frame: Any) -> None:
    budget = getattr(_local, "budget", None)
    if budget is not None and budget.active:
        raise LimitExceeded(TIME)


def within(seconds: float, work: Callable[[], str]) -> str:
    """Run ``work`` with ``seconds`` of wall-clock time.

    In the main thread (the notebook kernel, ``lkjip check``, batch worker
    processes) a POSIX interval timer delivers SIGALRM, whose handler raises
    inside whatever Python code the template is running, however it loops. A
    signal cannot interrupt one long C call (``"x" * 10**9``), so values are
    also bounded before they are made (:class:`BoundedEnvironment`); and
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
            except LimitExceeded:  # the alarm landed before budget.active was cleared
                continue


def _weight(obj: Any, cap: int = MAX_OUTPUT_CHARS, depth: int = 0) -> int:
    """Rough size of a value in characters (a container counts its items too); stops counting past ``cap``.

    A container nested deeper than :data:`MAX_VALUE_DEPTH` is refused (``LimitExceeded(DEPTH)``).
    """
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
    if depth >= MAX_VALUE_DEPTH:
        raise LimitExceeded(DEPTH, "value")
    total = len(obj)
    for item in items:
        if total > cap:
            break
        total += _weight(item, cap - total, depth + 1)
    return total


def _guard(value: Any) -> Any:
    if _weight(value) > MAX_OUTPUT_CHARS:
        raise LimitExceeded(SIZE)
    return value


def _guard_size(size: int) -> None:
    if size > MAX_OUTPUT_CHARS:
        raise LimitExceeded(SIZE)


_PRINTF_WIDTH = re.compile(r"%[-#0 +]*(\*|\d+)?(?:\.(\*|\d+))?")


def _check_binop(operator: str, left: Any, right: Any) -> None:
    """Refuse ``*``, ``**``, ``+`` and ``%`` whose result would be huge, before Python computes it."""
    ints = isinstance(left, int) and isinstance(right, int)
    if operator == "**" and ints and right > 0 and abs(left) > 1:
        if right * (abs(left).bit_length() - 1) > MAX_INT_BITS:
            raise LimitExceeded(SIZE)
    elif operator == "*" and ints:
        if left.bit_length() + right.bit_length() > MAX_INT_BITS:
            raise LimitExceeded(SIZE)
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
                    raise LimitExceeded(SIZE)


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
            raise LimitExceeded(SIZE, f"range() lebih dari {fmt.angka(MAX_LOOP)} butir")

    def __iter__(self) -> Iterator[int]:
        for i in self._range:
            tick()
            yield i

    def __reversed__(self) -> Iterator[int]:
        for i in reversed(self._range):
            tick()
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
        tick()
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


def bounded_filter(fn: Callable[..., Any]) -> Callable[..., Any]:
    """Check the deadline and the sizes around one filter; an integer argument (a width, a count) is capped too."""
    value_at = 1 if getattr(fn, "jinja_pass_arg", None) else 0

    @functools.wraps(fn)  # keeps jinja_pass_arg
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        tick()
        for a in args:
            _guard(a)
        for a in (*args[value_at + 1 :], *kwargs.values()):
            if isinstance(a, int) and abs(a) > MAX_OUTPUT_CHARS:
                raise LimitExceeded(SIZE)
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


class BoundedEnvironment(ImmutableSandboxedEnvironment):
    """Jinja's immutable sandbox, bounded in time and size.

    Jinja's sandbox stops attribute tricks and caps ``range()``, but a template
    can still loop for hours or build a gigabyte string. Here every value a
    template builds is checked *before* it is built: the risky operators
    (``*``, ``**``, ``+``, ``%``) through ``intercepted_binops``/``call_binop``,
    ``~`` through :class:`_BoundedCodeGenerator`, method calls through
    ``call`` (only :data:`ALLOWED_METHODS`, with ``replace``/``join`` sizes
    estimated), filters through :func:`bounded_filter`, ``namespace`` values
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
        tick()
        _check_binop(operator, left, right)
        return _guard(super().call_binop(context, operator, left, right))

    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        tick()
        for a in (*args, *kwargs.values()):
            _guard(a)  # also stops a recursive macro that doubles its argument
        owner, name = getattr(__obj, "__self__", None), getattr(__obj, "__name__", "")
        if isinstance(owner, str) and name == "replace" and len(args) >= 2:
            _check_replace(owner, args[0], args[1])
        elif isinstance(owner, str) and name == "join" and args:
            items = list(args[0])
            _check_join(items, owner)
            args = (items, *args[1:])
        depth = getattr(_local, "depth", 0)
        if depth >= MAX_CALL_DEPTH:  # a macro or loop() calling itself, stopped before Python's stack runs out
            raise LimitExceeded(DEPTH, "call")
        _local.depth = depth + 1
        try:
            result = super().call(__context, __obj, *args, **kwargs)
        finally:
            _local.depth = depth
        return result if isinstance(__obj, Macro) else _guard(result)

    def bounded_concat(self, parts: tuple[Any, ...]) -> str:
        tick()
        _guard_size(sum(_weight(p) for p in parts))
        return "".join(map(str, parts))
