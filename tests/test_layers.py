"""Imports point one way: loading and validation -> calculation -> narrative -> presentation -> rendering -> batch.

Read from the source with :mod:`ast`, so every import counts: at module level,
inside functions, inside ``try``. Only imports in the body of an
``if TYPE_CHECKING:`` block are left out of the layer and cycle checks (they
never run; annotations only); the private-name check reads them too. Imports
by name at run time (``importlib``, entry points) are not seen, and neither
is the implicit import of a package's ``__init__`` when one of its modules is
imported.

Three rules:

- **Layers.** Every module of ``lkjip`` is in :data:`LAYERS`; it imports only
  modules of its own layer or a lower one. A module of a sub-package (say
  ``lkjip/outline/tabel.py``) has its package's layer unless listed itself.
- **No cycles** among lkjip modules, function-level imports included.
- **No private names across modules**: ``from lkjip.x import _y`` or
  ``x._y`` on an imported lkjip module is refused outside ``x`` (a private
  sub-module ``lkjip/p/_m.py`` may be used within ``lkjip/p/``).
"""

from __future__ import annotations

import ast
import itertools
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "lkjip"
ROOT = "__init__"
"""The name of ``lkjip/__init__.py`` in :data:`LAYERS`; other modules are named relative to ``lkjip``."""

Layers = tuple[tuple[str, frozenset[str]], ...]

LAYERS: Layers = (
    (
        "foundation",  # no domain knowledge: messages, paths, safe writes, number formats
        frozenset(
            {"errors", "problems", "paths", "regular", "rounding", "format", "publish", "xlsx", "guards", "hashing"}
            | {"suku_kata", "tipografi"}  # syllables, soft and no-break spaces for the print renderer (stdlib)
        ),
    ),
    (
        "loading and validation",  # the data as read and checked; sample data and the workbook are data tools
        frozenset(
            {
                "numeric",
                "schema",
                "schema_base",  # the row base class, shared field types and Table
                "schema_anggaran",  # row models of the budget tables and the budget hierarchy
                "load",
                "parse",
                "rules",
                "dataset",
                "validate",
                "slugs",
                "params",
                "images",
                "sample",
                "sample_rows",
                "sample_kegiatan",  # the sample budget hierarchy
                "workbook",
                "canonical",  # the canonical CSV of a kecamatan's rows: what its input hash is taken of
                "daftar_lampiran",  # lampiran.csv: the appendix documents' order, captions and warnings
                "koreksi",  # koreksi.csv: where the data corrects its source document (notebook only)
                "folder_csv",  # a small CSV of a kecamatan's own folder, read bounded with its header checked
                "lambang",  # the kabupaten emblem named in kabupaten.csv: checked and prepared for the cover
                "formulir",  # the Excel form of a kecamatan and year (lkjip formulir)
                "formulir_lembar",  # its sheets: columns, closed and open tables
                "formulir_tulis",  # writing its cells: locked/input, formats, validation, the protected part's hash
                "impor",  # reading a filled form, every problem with its sheet and cell
                "impor_cek",  # cross-row checks of a form (sub-kegiatan add up)
                "impor_diff",  # the merge into the tables, the change list, the all-or-nothing write
            }
        ),
    ),
    (
        "calculation",  # DataFrames in and out, no I/O, no formatting
        # recorded: the results record and its reader; efektivitas: anggaran vs capaian per tujuan/sasaran
        frozenset({"calc", "predikat", "hasil", "recorded", "efektivitas"}),
    ),
    (
        "narrative",  # placeholders and narrative context, sentences, the bounded sandbox, overrides and their check
        frozenset(
            {
                "konteks",
                "narasi",
                "narasi_program",
                "narasi_standar",
                "narasi_sasaran",
                "ragam",  # the rotation of phrasings per situation, and the sentences already used
                "sandbox",
                "text",
                "overrides",
                "checks",
                "narasi_periksa",  # markup and literal numbers of a narrative text (check and notebook)
            }
        ),
    ),
    (
        "presentation",  # the document model, its outline and HTML, tables, charts, Markdown; the notebook's facade
        frozenset(
            {
                "templating",
                "document",
                "markdown",
                "html_renderer",
                "tables",
                "charts",
                "bagan",
                "outline",
                "report",
                ROOT,
            }
        ),
    ),
    (
        "rendering",  # one report: notebook execution, exporters, PDF, its evidence
        frozenset(
            {
                "typst_renderer",  # the model -> PDF with Typst
                "docx_renderer",  # the model -> an editable Word document (python-docx)
                "docx_tables",  # its tables and figures
                "docx_ooxml",  # its WordprocessingML pieces: fields, numbering, the fixed zip
                "exporters",
                "render",
                "fingerprint",
                "manifest",
                "ledger",
                "ledger_names",
                "tamper",
                "lock",
                "pool",
            }
        ),
    ),
    (
        "batch and command line",  # many reports, the kabupaten index, what the analyst types
        frozenset(
            {"batch", "progress", "index", "published", "verify", "ulang", "cli", "usage", "crash", "__main__"}
            | {"arsip", "arsip_teks"}  # the auditor's bundle of a year and its BACA_SAYA.txt
            | {"final", "clean", "cli_final"}  # draft and final, make clean, and their commands
            | {"cli_common", "cli_arsip"}  # what the command modules share; verify and arsip
            | {"archive_tree"}  # where the reports of an output tree are (verify walks it)
            | {"cli_formulir"}  # formulir and impor
            | {"narasi_edit", "narasi_magic", "narasi_notebook", "cli_narasi"}  # the narrative notebook
        ),  # ulang: verify --ulang re-executes a report with the batch's runner
    ),
)
"""Ordered from the bottom. ``report`` and the package's ``__init__`` (which
offers ``lkjip.buka`` lazily, and ``__version__``) are the notebook's facade
over presentation, so they sit in it, not above it. ``markdown`` parses
narrative text into blocks of the document model and ``html_renderer`` walks
the model with templates; both belong with the model. The exporters, which
render an executed notebook's model, are rendering."""

REWRITE = frozenset(
    {"report", "outline", "document", "tables", "charts", "text", "exporters", "templating", "narasi", "typst_renderer"}
    | {"model", "markdown", "html_renderer"}
)
"""Modules (and the package ``lkjip/outline/``) of the document-model rewrite: only these may be PENDING."""

# Being removed by the document-model rewrite: known violations in its modules, each the first part of one
# line of a failure message ("a -> b" for an import, "a uses b._c" for a private name). An entry that no
# longer occurs fails the test too, so the list only shrinks.
PENDING: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Import:
    importer: str
    target: str  # a module name as in LAYERS
    name: str | None  # the name imported from ``target`` (None: the module itself)
    line: int
    type_checking: bool
    bound: str | None = None  # the local name bound to ``target`` when it is a module


def _private(name: str) -> bool:
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _walk(node: ast.AST, type_checking: bool = False) -> Iterator[tuple[ast.AST, bool]]:
    """Every node below ``node``, with whether it is in the body of an ``if TYPE_CHECKING:``."""
    for child in ast.iter_child_nodes(node):
        yield child, type_checking
        if isinstance(child, ast.If) and _is_type_checking(child.test):
            for stmt in child.body:
                yield stmt, True
                yield from _walk(stmt, True)
            for stmt in child.orelse:
                yield stmt, type_checking
                yield from _walk(stmt, type_checking)
        else:
            yield from _walk(child, type_checking)


class Tree:
    """The modules of one package named ``lkjip`` (the real one, or one a test writes) and their imports."""

    def __init__(self, package: Path, layers: Layers = LAYERS) -> None:
        self.package = package
        self.layers = layers
        self.modules: dict[str, Path] = {}
        for path in sorted(package.rglob("*.py")):
            parts = path.relative_to(package).with_suffix("").parts
            if "__pycache__" in parts:
                continue
            if parts[-1] == "__init__":
                parts = parts[:-1]
            self.modules[".".join(parts) or ROOT] = path

    # ---------------------------------------------------------------- names
    @staticmethod
    def full(name: str) -> str:
        return "lkjip" if name == ROOT else f"lkjip.{name}"

    def short(self, full: str) -> str | None:
        """``lkjip.a.b`` -> ``a.b`` when it is one of the modules (``lkjip`` -> ROOT); None otherwise."""
        if full == "lkjip":
            return ROOT
        if full.startswith("lkjip.") and full[6:] in self.modules:
            return full[6:]
        return None

    def module_of(self, full: str) -> str | None:
        """The longest prefix of the dotted name ``full`` that is one of the modules."""
        parts = full.split(".")
        while parts:
            if (short := self.short(".".join(parts))) is not None:
                return short
            parts.pop()
        return None

    def where(self, name: str, line: int) -> str:
        return f"{self.modules[name].relative_to(self.package.parent)}:{line}"

    def layer_of(self, name: str) -> int | None:
        parts = name.split(".")
        while parts:
            for i, (_label, members) in enumerate(self.layers):
                if ".".join(parts) in members:
                    return i
            parts.pop()
        return None

    # ---------------------------------------------------------------- imports
    def parse(self, name: str) -> ast.Module:
        return ast.parse(self.modules[name].read_text(encoding="utf-8"), str(self.modules[name]))

    def _imports_of(self, name: str) -> Iterator[Import]:
        for node, tc in _walk(self.parse(name)):
            if isinstance(node, ast.Import):
                for alias in node.names:
                    if alias.name.split(".")[0] == "lkjip" and (target := self.module_of(alias.name)) is not None:
                        # ``import lkjip.a as x`` binds x to lkjip.a; ``import lkjip.a`` binds ``lkjip``
                        yield Import(name, target, None, node.lineno, tc, alias.asname)
            elif isinstance(node, ast.ImportFrom):
                if node.level:
                    own = self.full(name)
                    package = own if self.modules[name].name == "__init__.py" else own.rpartition(".")[0]
                    base = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                    source = ".".join(base + ([node.module] if node.module else []))
                else:
                    source = node.module or ""
                if source.split(".")[0] != "lkjip":
                    continue
                for alias in node.names:
                    if (sub := self.short(f"{source}.{alias.name}")) is not None:
                        yield Import(name, sub, None, node.lineno, tc, alias.asname or alias.name)
                    elif (target := self.module_of(source)) is not None:
                        yield Import(name, target, alias.name, node.lineno, tc)

    @cached_property
    def imports(self) -> dict[str, list[Import]]:
        return {name: list(self._imports_of(name)) for name in self.modules}

    @cached_property
    def edges(self) -> dict[tuple[str, str], Import]:
        """Imports between two different modules that run (not only for type checkers), the first of each."""
        edges: dict[tuple[str, str], Import] = {}
        for name, found in self.imports.items():
            for imp in found:
                if not imp.type_checking and imp.target != name:
                    edges.setdefault((name, imp.target), imp)
        return edges

    # ---------------------------------------------------------------- the three rules
    def unlisted(self) -> list[str]:
        return [m for m in self.modules if self.layer_of(m) is None]

    def upward(self) -> dict[str, str]:
        """``a -> b`` for each import of a higher layer, with where and which layers."""
        found = {}
        for (a, b), imp in self.edges.items():
            la, lb = self.layer_of(a), self.layer_of(b)
            if la is not None and lb is not None and lb > la:
                found[f"{a} -> {b}"] = (
                    f"{self.where(a, imp.line)}: layer '{self.layers[la][0]}' imports layer '{self.layers[lb][0]}'"
                )
        return found

    def cycles(self, skip: frozenset[str] = frozenset()) -> dict[str, str]:
        """``a -> b -> a`` for one cycle per strongly connected component, with where each import is."""
        live = {e for e in self.edges if f"{e[0]} -> {e[1]}" not in skip}
        found = {}
        for cycle in _cycles(live):
            steps = ", ".join(self.where(a, self.edges[(a, b)].line) for a, b in itertools.pairwise(cycle))
            found[" -> ".join(cycle)] = steps
        return found

    def _private_module_outside(self, importer: str, module: str) -> bool:
        """``module`` is private (``lkjip/p/_m.py``) and ``importer`` is not in its package ``lkjip/p/``."""
        package, _, last = self.full(module).rpartition(".")
        return _private(last) and not (self.full(importer) + ".").startswith(package + ".")

    def _private_uses_of(self, name: str) -> Iterator[tuple[str, int]]:
        bound: dict[str, str] = {}  # local name -> the lkjip module it is bound to
        for imp in self.imports[name]:
            if imp.name is None:
                bound[imp.bound or "lkjip"] = imp.target if imp.bound else ROOT
                if self._private_module_outside(name, imp.target):
                    yield imp.target, imp.line
            elif _private(imp.name) and imp.target != name:
                yield f"{imp.target}.{imp.name}", imp.line

        def module_of(expr: ast.expr) -> str | None:
            """The lkjip module ``expr`` names (``charts``, ``lkjip.charts``), if any."""
            if isinstance(expr, ast.Name):
                return bound.get(expr.id)
            if isinstance(expr, ast.Attribute) and (outer := module_of(expr.value)) is not None:
                return self.short(f"{self.full(outer)}.{expr.attr}")
            return None

        for node, _tc in _walk(self.parse(name)):
            if isinstance(node, ast.Attribute) and (module := module_of(node.value)) is not None:
                if (sub := self.short(f"{self.full(module)}.{node.attr}")) is not None:
                    if self._private_module_outside(name, sub):
                        yield sub, node.lineno
                elif _private(node.attr) and module != name:
                    yield f"{module}.{node.attr}", node.lineno

    def private_uses(self) -> dict[str, str]:
        """``a uses b._c`` for each private name of another module, with where."""
        found: dict[str, str] = {}
        for name in self.modules:
            for used, line in self._private_uses_of(name):
                found.setdefault(f"{name} uses {used}", self.where(name, line))
        return found


def _cycles(edges: set[tuple[str, str]]) -> list[list[str]]:
    """One cycle per strongly connected component of more than one module (Tarjan), the shortest from its first."""
    graph: dict[str, list[str]] = {}
    for a, b in sorted(edges):
        graph.setdefault(a, []).append(b)
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    comps: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on.add(v)
        for w in graph.get(v, []):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                comps.append(sorted(comp))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    cycles = []
    for comp in comps:  # breadth first from the component's first module back to it
        start, members = comp[0], set(comp)
        paths = {start: [start]}
        queue = [start]
        while queue:
            v = queue.pop(0)
            for w in graph.get(v, []):
                if w == start:
                    cycles.append([*paths[v], start])
                    queue = []
                    break
                if w in members and w not in paths:
                    paths[w] = [*paths[v], w]
                    queue.append(w)
    return cycles


def _not_pending(found: dict[str, str]) -> list[str]:
    return [f"{v}  ({where})" for v, where in sorted(found.items()) if v not in PENDING]


TREE = Tree(PACKAGE)


# -------------------------------------------------------------------- the package


def test_every_module_is_in_the_layer_table():
    listed = [m for _label, members in LAYERS for m in members]
    assert len(listed) == len(set(listed)), "a module is listed in two layers"
    unlisted = TREE.unlisted()
    assert not unlisted, (
        f"lkjip modules not in the layer table: {', '.join(unlisted)}. Add each to LAYERS in tests/test_layers.py, "
        "in the lowest layer whose modules it imports (foundation -> loading and validation -> calculation -> "
        "narrative -> presentation -> rendering -> batch and command line)."
    )
    stale = sorted(set(listed) - set(TREE.modules))
    assert not stale, f"LAYERS lists modules that no longer exist: {', '.join(stale)}. Remove them."


def test_imports_point_down_the_layers():
    bad = _not_pending(TREE.upward())
    assert not bad, "imports against the layers (move the shared code down, or the caller up):\n" + "\n".join(bad)


def test_no_import_cycles():
    bad = [f"{cycle}  ({where})" for cycle, where in TREE.cycles(skip=PENDING).items()]
    assert not bad, "import cycles among lkjip modules (function-level imports included):\n" + "\n".join(bad)


def test_no_private_name_of_one_module_is_used_by_another():
    bad = _not_pending(TREE.private_uses())
    assert not bad, "private names used across modules (make the name public, or move the caller):\n" + "\n".join(bad)


def test_validation_reaches_no_calculation_narrative_or_presentation():
    """Table validation stands alone, whatever the table says: overrides are checked in their own step."""
    reached: set[str] = set()
    todo = ["validate"]
    while todo:
        current = todo.pop()
        for a, b in TREE.edges:
            if a == current and b not in reached:
                reached.add(b)
                todo.append(b)
    assert {"load", "parse", "rules", "dataset"} <= reached
    assert not reached & {"overrides", "checks", "text", "konteks", "narasi", "hasil", "calc", "outline", "report"}
    assert all(TREE.layer_of(m) is not None and TREE.layer_of(m) <= TREE.layer_of("validate") for m in reached)


def test_pending_lists_only_live_violations_of_the_rewrite():
    live = set(TREE.upward()) | set(TREE.private_uses()) | {f"{a} -> {b}" for a, b in TREE.edges}
    for entry in sorted(PENDING):
        importer = entry.split(" ", 1)[0]
        assert importer.split(".")[0] in REWRITE, f"PENDING entry {entry!r} is not in a module of the rewrite"
        assert entry in live, f"{entry!r} no longer occurs: remove it from PENDING in tests/test_layers.py"


# -------------------------------------------------------------------- the checker itself


def _write(root: Path, files: dict[str, str]) -> Tree:
    for rel, source in files.items():
        path = root / "lkjip" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(source)
    layers: Layers = (("low", frozenset({ROOT, "low", "low2"})), ("high", frozenset({"high", "pkg"})))
    return Tree(root / "lkjip", layers)


def test_the_checker_sees_function_level_imports_packages_and_private_names(tmp_path):
    tree = _write(
        tmp_path,
        {
            "__init__.py": "__version__ = '1'\n",
            "low.py": (
                "from typing import TYPE_CHECKING\n"
                "from lkjip import __version__\n"
                "if TYPE_CHECKING:\n"
                "    from lkjip.high import Thing\n"  # ignored: annotations only
                "def f():\n"
                "    from lkjip import pkg\n"  # function level, into a package: its layer is 'high'
                "    return pkg\n"
            ),
            "low2.py": "import lkjip.high as h\nimport lkjip.pkg.part\nx = h._hidden, lkjip.pkg.part._secret\n",
            "high.py": "from lkjip.low import f\nfrom lkjip.low2 import _y\n_hidden = 1\n",
            "pkg/__init__.py": "from lkjip.pkg import _inner\n",  # a private sub-module, used within its package
            "pkg/_inner.py": "from . import part\n",
            "pkg/part.py": "from ..high import f\n_secret = 2\n",
            "pkg/new.py": "",  # not listed: inherits the package's layer
            "stray.py": "",
        },
    )
    assert tree.unlisted() == ["stray"]
    assert tree.layer_of("pkg.new") == 1
    assert set(tree.upward()) == {"low -> pkg", "low2 -> high", "low2 -> pkg.part"}
    assert "lkjip/low.py:6" in tree.upward()["low -> pkg"]
    assert set(tree.cycles()) == {"high -> low2 -> high"}
    assert set(tree.private_uses()) == {"low2 uses high._hidden", "low2 uses pkg.part._secret", "high uses low2._y"}
    tree = _write(tmp_path, {"low2.py": "from lkjip.pkg import _inner\n"})
    assert set(tree.private_uses()) == {"low2 uses pkg._inner", "high uses low2._y"}


def test_cycles_are_found():
    assert _cycles({("a", "b"), ("b", "c"), ("c", "a"), ("c", "d")}) == [["a", "b", "c", "a"]]
    assert _cycles({("a", "b"), ("b", "c")}) == []
