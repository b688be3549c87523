"""Attacks on the document model: a hostile override file, a forged executed notebook handed to the exporter."""

from __future__ import annotations

import base64
import copy
import json
import re
from pathlib import Path
from typing import Any

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output, new_raw_cell
from pydantic import ValidationError

from lkjip import document, markdown
from lkjip.document import MIME, Bagian, Gambar, Paragraf, Run
from lkjip.errors import ModelError, NarrativeError
from lkjip.exporters import LkjipHTMLExporter
from lkjip.html_renderer import Tampil, blocks_html

PNG = base64.b64encode(b"\x89PNG\r\n\x1a\n" + b"\0" * 24).decode()
JPEG = base64.b64encode(b"\xff\xd8\xff\xe0" + b"\0" * 24).decode()
SVG = (
    '<svg xmlns:xlink="http://www.w3.org/1999/xlink" width="10pt" height="10pt" viewBox="0 0 10 10" '
    'xmlns="http://www.w3.org/2000/svg" version="1.1">\n'
    ' <defs>\n  <style type="text/css">*{stroke-linejoin: round; stroke-linecap: butt}</style>\n </defs>\n'
    ' <g id="figure_1"><path d="M 0 0 L 10 10 z" clip-path="url(#p1)" style="fill: url(#h1); stroke: #303030"/>'
    '<use xlink:href="#m1" x="1" y="2" style="stroke: #000000"/>'
    '<text style="font-size: 9px; font-family: \'DejaVu Sans\'; text-anchor: middle" x="5" y="5">5 &lt; 7</text></g>\n'
    "</svg>"
)


def _section(*isi: dict[str, Any]) -> dict[str, Any]:
    b = Bagian(kunci="bab4", anchor="bab4", judul="BAB IV PENUTUP", tingkat=1, depan=False, isi=[])
    bundle = Tampil(b)._repr_mimebundle_()
    bundle[MIME]["isi"] = list(isi)
    return bundle


def _output(data: dict[str, Any], kind: str = "execute_result") -> nbformat.NotebookNode:
    out = new_output(kind, data={})
    dict.__setitem__(out, "data", data)  # no NotebookNode conversion: that recurses, the exporter must not
    return out


def _notebook(*cells: nbformat.NotebookNode) -> nbformat.NotebookNode:
    nb = new_notebook()
    nb.cells = list(cells)
    return nb


def _export(nb: nbformat.NotebookNode) -> str:
    html, _ = LkjipHTMLExporter().from_notebook_node(nb, resources={"metadata": {"name": "uji"}})
    return html


def _refused(nb: nbformat.NotebookNode, *words: str) -> str:
    with pytest.raises(ModelError) as exc:
        _export(nb)
    message = str(exc.value)
    assert "uji" in message and "Perbaikan" in message, message
    for w in words:
        assert w in message, message
    return message


def _report_cell(*isi: dict[str, Any]) -> nbformat.NotebookNode:
    return new_code_cell("lap.bagian('bab4')", outputs=[_output(_section(*isi))])


# ---------------------------------------------------------------- chart SVG (rendered as markup)


def test_a_chart_svg_as_matplotlib_draws_it_is_accepted_and_published_as_is():
    assert Gambar(svg=SVG).svg == SVG
    html = _export(_notebook(_report_cell({"jenis": "gambar", "svg": SVG})))
    assert "<svg" in html and "5 &lt; 7</text>" in html  # nbconvert re-serialises the HTML (attribute order)


@pytest.mark.parametrize(
    "svg",
    [
        SVG.replace("</svg>", "<script>alert(1)</script></svg>"),
        SVG.replace('version="1.1"', 'version="1.1" onload="alert(1)"'),
        SVG.replace("</svg>", '<foreignObject><p xmlns="http://www.w3.org/1999/xhtml">x</p></foreignObject></svg>'),
        SVG.replace("</svg>", '<image xlink:href="file:///etc/passwd" width="1" height="1"/></svg>'),
        SVG.replace("</svg>", '<a xlink:href="javascript:alert(1)"><text>x</text></a></svg>'),
        SVG.replace('xlink:href="#m1"', 'xlink:href="https://evil.example/x.svg#m"'),
        SVG.replace('xlink:href="#m1"', 'xlink:href="jav&#x61;script:alert(1)"'),
        SVG.replace("url(#h1)", "url(https://evil.example/track)"),
        SVG.replace("url(#h1)", "url(file:///etc/passwd)"),
        SVG.replace("stroke: #303030", "position: fixed; top: 0"),
        SVG.replace("*{stroke-linejoin: round; stroke-linecap: butt}", "body{display:none}"),
        SVG.replace("*{stroke-linejoin: round; stroke-linecap: butt}", "@import 'https://evil.example/x.css';"),
        SVG.replace("</svg>", '<?x a="><script>alert(1)</script>"?></svg>'),  # HTML ends a "<?" at the first ">"
        SVG.replace("</svg>", "<!-- --><![CDATA[x]]></svg>"),
        SVG.replace("</svg>", '<set attributeName="onmouseover" to="alert(1)"/></svg>'),
        SVG.replace("</svg>", '<animate attributeName="href" values="javascript:alert(1)"/></svg>'),
        SVG.replace("<g ", '<g xmlns="http://www.w3.org/1999/xhtml" '),
        SVG.replace("<svg ", "<svg:svg xmlns:svg='http://www.w3.org/2000/svg' ") + "</svg:svg>",
        SVG + "<script>alert(1)</script>",
        "<p>" + SVG + "</p>",
        "<svg><g>",  # not well formed
        "<svg xmlns='http://www.w3.org/2000/svg'><title><style>*{}</style></title></svg>",
        "",
    ],
)
def test_a_chart_svg_that_matplotlib_would_not_draw_is_refused(svg: str):
    with pytest.raises(ValidationError, match="SVG"):
        Gambar(svg=svg)
    _refused(_notebook(_report_cell({"jenis": "gambar", "svg": svg})), "tidak sah", "sel ke-1")


def test_the_charts_lkjip_draws_pass_the_svg_check():
    from matplotlib.figure import Figure

    from lkjip import charts

    fig = Figure()
    ax = fig.add_subplot()
    ax.bar(["a", "b <c> & 'd'"], [1, 2], hatch="//")
    ax.plot([0, 1], [1, 2], marker="o", linestyle="--")
    ax.set_title("Capaian <b>x</b> 100%")
    assert Gambar(svg=charts.svg(fig)).svg.startswith("<svg")


# ---------------------------------------------------------------- pictures


@pytest.mark.parametrize(
    "fields",
    [
        {},  # neither a chart nor a picture: was <img src="data:None;base64,None">
        {"svg": SVG, "data": PNG, "mime": "image/png"},
        {"data": PNG},
        {"mime": "image/png"},
        {"data": 'x" onerror="alert(1)', "mime": "image/png"},
        {"data": "PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+", "mime": "image/png"},  # base64, but of <svg onload=...>
        {"data": JPEG, "mime": "image/png"},
        {"data": "", "mime": "image/jpeg"},
    ],
)
def test_a_picture_is_base64_of_the_format_its_mime_names(fields: dict[str, Any]):
    with pytest.raises(ValidationError):
        Gambar(**fields)
    _refused(_notebook(_report_cell({"jenis": "gambar", **fields})), "tidak sah")


def test_a_png_or_jpeg_picture_is_accepted():
    assert Gambar(data=PNG, mime="image/png").data == PNG
    assert Gambar(data=JPEG, mime="image/jpeg").mime == "image/jpeg"


# ---------------------------------------------------------------- links


@pytest.mark.parametrize(
    "href",
    [
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        " javascript:alert(1)",
        "java\nscript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "vbscript:msgbox(1)",
        "//evil.example/",
        "\\\\evil.example\\x",
        "/relatif",
        "#anchor",
        "file:///etc/passwd",
        "http://[invalid",
        "",
    ],
)
def test_a_link_markdown_would_never_produce_is_refused_by_the_model(href: str):
    assert markdown.safe_link(href) is None
    with pytest.raises(ValidationError, match="tautan"):
        Run(teks="x", tautan=href)
    para = {"jenis": "paragraf", "isi": [{"teks": "x", "tautan": href}]}
    _refused(_notebook(_report_cell(para)), "tidak sah", "tautan")


def test_http_https_and_mailto_links_pass():
    for href in ("https://banyumaskab.go.id/a?b=c&d=e", "http://x.id", "mailto:camat@x.id"):
        assert Run(teks="x", tautan=href).tautan == href


def test_markdown_text_never_reaches_html_as_markup():
    attacks = [
        "<svg onload=alert(1)>",
        "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
        '[x](https://a.id "<script>")',
        "<https://a.id/?q=<b>>",
        "[a][r]\n\n[r]: javascript:alert(1)",
        "<B/>tebal <SCRIPT>alert(1)</SCRIPT>",
        "<!-- <script>alert(1)</script> --> <!--",
        "| <i>a</i> | b |\n|---|---|\n| [x](javascript:y) | &lt;b&gt; |",
        "![<img src=x onerror=alert(1)>](javascript:x)",
        "&lt;script&gt;alert(1)&lt;/script&gt; 5 < 7 & 8",
    ]
    for text in attacks:
        html = blocks_html(markdown.blocks(text))
        low = html.lower()
        assert "<script" not in low and "<svg" not in low and "<img" not in low and "<math" not in low, html
        assert not re.search(r"<[a-z][^>]*\son\w+\s*=", low), html
        assert 'href="javascript' not in low and "style=" not in low, html


# ---------------------------------------------------------------- wrong types


def test_the_exporter_does_not_coerce_wrong_types():
    para = {"jenis": "paragraf", "isi": [{"teks": "x", "tebal": "ya"}]}
    _refused(_notebook(_report_cell(para)), "tidak sah")
    cell = {"jenis": "tabel", "baris": [[{"colspan": "3"}]]}
    _refused(_notebook(_report_cell(cell)), "tidak sah")


# ---------------------------------------------------------------- nesting


def _quotes(n: int) -> dict[str, Any]:
    block: dict[str, Any] = {"jenis": "paragraf", "isi": [{"teks": "dalam"}]}
    for _ in range(n):
        block = {"jenis": "kutipan", "isi": [block]}
    return block


@pytest.mark.parametrize("depth", [60, 150, 250])
def test_deeply_nested_model_json_is_refused_with_a_message_not_a_recursion_error(depth: int):
    _refused(_notebook(_report_cell(_quotes(depth))), "bersarang", "sel ke-1")


def test_a_notebook_file_too_deep_for_nbformat_is_refused_with_a_message(tmp_path: Path):
    nb = {
        "cells": [
            {
                "cell_type": "code",
                "id": "a",
                "metadata": {},
                "source": "lap.bagian('bab4')",
                "execution_count": 1,
                "outputs": [{"output_type": "execute_result", "execution_count": 1, "metadata": {}, "data": {}}],
            }
        ],
        "metadata": {},
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    nb["cells"][0]["outputs"][0]["data"] = _section(_quotes(400))
    file = tmp_path / "uji.ipynb"
    file.write_text(json.dumps(nb), encoding="utf-8")
    with pytest.raises(ModelError) as exc:
        LkjipHTMLExporter().from_filename(str(file))
    assert "uji" in str(exc.value) and "bersarang" in str(exc.value) and "Perbaikan" in str(exc.value)


# ---------------------------------------------------------------- what else a notebook can publish


@pytest.mark.parametrize(
    "cell",
    [
        new_markdown_cell("<script>alert(1)</script><img src=x onerror=alert(1)>"),
        new_raw_cell("<script>alert(1)</script>", metadata={"format": "text/html"}),
        new_code_cell("x", outputs=[_output({"application/javascript": "alert(1)"}, "display_data")]),
        new_code_cell("x", outputs=[_output({"image/svg+xml": "<svg onload='alert(1)'/>"}, "display_data")]),
        new_code_cell("x", outputs=[_output({"text/markdown": "<script>alert(1)</script>"}, "display_data")]),
        new_code_cell("x", outputs=[_output({"text/latex": "$x$"}, "display_data")]),
        new_code_cell("x", outputs=[_output({"image/png": PNG}, "display_data")]),
        new_code_cell("x", outputs=[_output({"text/plain": "42"})]),
        new_code_cell("x", outputs=[new_output("stream", name="stdout", text="dicetak\n")]),
        new_code_cell("x", outputs=[new_output("error", ename="E", evalue="gagal", traceback=["gagal"])]),
    ],
)
def test_the_exporter_refuses_visible_content_that_is_not_the_model(cell: nbformat.NotebookNode):
    message = _refused(_notebook(_report_cell({"jenis": "paragraf", "isi": [{"teks": "ok"}]}), cell), "sel ke-2")
    assert "lkjip-hide" in message


def test_hidden_cells_and_kernel_warnings_are_not_refused():
    hidden = new_markdown_cell("<script>alert(1)</script>", metadata={"tags": ["lkjip-hide"]})
    warning = new_code_cell("import lkjip", outputs=[new_output("stream", name="stderr", text="<b>peringatan</b>\n")])
    empty = new_markdown_cell("")
    html = _export(_notebook(hidden, warning, empty, _report_cell({"jenis": "paragraf", "isi": [{"teks": "ok"}]})))
    assert "alert" not in html and "peringatan" not in html and "<p>ok</p>" in html


def test_the_exporter_publishes_only_the_html_it_rendered_from_the_model():
    bundle = _section({"jenis": "paragraf", "isi": [{"teks": "ok"}]})
    extra = {
        "application/javascript": "alert(1)",
        "text/markdown": "<script>alert(2)</script>",
        "image/svg+xml": "<svg onload='alert(3)'/>",
    }
    html = _export(_notebook(new_code_cell("x", outputs=[_output({**extra, **bundle})])))
    assert "alert" not in html and "<p>ok</p>" in html


def test_the_stored_copy_of_a_section_is_not_changed_by_the_check():
    """The depth check walks the JSON without changing it (the exporter works on a copy anyway)."""
    bundle = _section(_quotes(3))
    before = copy.deepcopy(bundle)
    assert "dalam" in _export(_notebook(new_code_cell("x", outputs=[_output(bundle)])))
    assert bundle == before


# ---------------------------------------------------------------- nesting in Markdown


def test_the_deepest_markdown_markdown_it_parses_renders_and_round_trips():
    text = "> " * 19 + "dalam\n\nsesudah"
    blocks = markdown.blocks(text)
    assert blocks[-1] == Paragraf(isi=[Run(teks="sesudah")])
    lists = "".join("  " * i + "- butir\n" for i in range(9)) + "\nsesudah"
    more = markdown.blocks(lists)
    assert more[-1] == Paragraf(isi=[Run(teks="sesudah")])
    narasi = document.Narasi(nama="penutup", isi=blocks + more)
    bagian = Bagian(kunci="bab4", anchor="bab4", judul="BAB IV", tingkat=1, depan=False, isi=[narasi])
    again = Bagian.model_validate(bagian.notebook_json())
    assert again == bagian
    assert "sesudah" in _export(_notebook(new_code_cell("x", outputs=[_output(Tampil(again)._repr_mimebundle_())])))


@pytest.mark.parametrize(
    "text",
    [
        "> " * 20 + "dalam\n\nsesudah",
        "".join("  " * i + "- butir\n" for i in range(10)) + "\nsesudah",
        "> " * 5000 + "dalam",
        "- > " * 12 + "dalam\n\nsesudah",
    ],
)
def test_markdown_nested_beyond_the_parsers_limit_is_refused_not_silently_dropped(text: str):
    """markdown-it stops at maxNesting (20 in the commonmark preset) and drops the rest of the text."""
    with pytest.raises(NarrativeError, match="bersarang") as exc:
        markdown.blocks(text)
    assert "Perbaikan" in str(exc.value)


@pytest.mark.parametrize(
    "widgets",
    [
        {"application/vnd.jupyter.widget-state+json": {"x": "</script><script>alert(1)</script>"}},  # no "state"
        {"application/vnd.jupyter.widget-state+json": {"state": {}, "version_major": 2, "version_minor": 0}},
    ],
)
def test_widget_state_in_the_notebook_metadata_is_not_published(widgets: dict[str, Any]):
    nb = _notebook(_report_cell({"jenis": "paragraf", "isi": [{"teks": "ok"}]}))
    nb.metadata["widgets"] = widgets
    html = _export(nb)  # a KeyError from nbconvert's widget filter before
    assert "<p>ok</p>" in html and "<script" not in html
