"""The document model: structured blocks only, no markup in text, a versioned MIME the exporters check."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_notebook, new_output

from lkjip import document, markdown
from lkjip.document import MIME, Bagian, Paragraf, Run
from lkjip.errors import ModelError
from lkjip.exporters import LkjipHTMLExporter
from lkjip.html_renderer import Tampil, bagian_html, blocks_html
from lkjip.report import buka

BLOCK_TYPES = (
    document.Paragraf,
    document.Subjudul,
    document.Daftar,
    document.Kutipan,
    document.Garis,
    document.PindahHalaman,
    document.Tabel,
    document.Gambar,
    document.TandaTangan,
    document.Sampul,
    document.DaftarIsi,
    document.Narasi,
    document.Lampiran,
)
TAGS = (
    "a|b|i|u|p|br|hr|div|span|strong|em|code|sup|sub|script|style|iframe|img|svg|table|thead|tbody|tr|td|th|"
    "ul|ol|li|h[1-6]|blockquote|section|figure|figcaption|nav|header|main|body|html"
)
MARKUP = re.compile(rf"<\s*/?\s*({TAGS})\b[^>]*>|<!--|&(#\d+|#x[0-9a-f]+|[a-z]+);", re.I)
"""An HTML tag, a comment or an entity: what no text of the model may hold (``<sumber>`` in a hint is text)."""


def _texts(value: Any, path: str = "") -> list[tuple[str, str]]:
    """Every string of a dumped model with its path, except the chart SVG and the picture data."""
    if isinstance(value, dict):
        return [x for k, v in value.items() if k not in ("svg", "data") for x in _texts(v, f"{path}.{k}")]
    if isinstance(value, list):
        return [x for i, v in enumerate(value) for x in _texts(v, f"{path}[{i}]")]
    return [(path, value)] if isinstance(value, str) else []


@pytest.fixture(scope="module")
def lap():
    return buka("ajibarang", 2023)


def test_every_block_of_ajibarang_is_a_structured_block_and_no_text_holds_markup(lap):
    blocks = document.walk(lap.dokumen.bagian)
    assert len(blocks) > 150
    assert all(isinstance(b, BLOCK_TYPES) for b in blocks)
    kinds = {type(b).__name__ for b in blocks}
    assert {"Paragraf", "Subjudul", "Daftar", "Tabel", "Gambar", "TandaTangan", "Sampul", "DaftarIsi"} <= kinds
    runs = [r for b in blocks for r in document.runs(b)]
    assert len(runs) > 500 and all(isinstance(r, Run) for r in runs)
    texts = [t for s in lap.dokumen.bagian for t in _texts(s.model_dump(mode="json"))]
    assert [(p, t) for p, t in texts if MARKUP.search(t)] == []
    assert any(r.tebal for r in runs) and any(r.miring for r in runs)  # emphasis survives as a run style


ANALYST_MARKUP = (
    "Capaian <b>baik</b> dan <i>terjaga</i>.<br>Baris <span style='color:red'>baru</span>"
    "<script>alert(1)</script> 5 &lt; 7\n\n"
    "- **satu**\n- [dua](https://banyumaskab.go.id)\n\n"
    "<div onclick='x()'>blok <b>html</b></div>\n\n| A | B |\n|---|--:|\n| x | 1 |\n"
)


def _assert_runs_and_lists(isi: list[Any]) -> None:
    first, daftar, blok, tabel = isi
    assert [(r.teks, r.tebal, r.miring) for r in first.isi] == [
        ("Capaian ", False, False),
        ("baik", True, False),
        (" dan ", False, False),
        ("terjaga", False, True),
        (".\nBaris baru 5 < 7", False, False),
    ]
    assert isinstance(daftar, document.Daftar) and daftar.butir[1][0].isi[0].tautan == "https://banyumaskab.go.id"
    assert blok == Paragraf(isi=[Run(teks="blok html")])
    assert isinstance(tabel, document.Tabel) and tabel.kolom == ["teks", "angka"]


def test_an_analysts_markup_becomes_runs_and_lists_not_html():
    """The sanitiser, on hostile text: ``lkjip check`` refuses such a file (tests/test_text.py), but the
    sanitiser does not rely on it."""
    isi = markdown.blocks(ANALYST_MARKUP)
    _assert_runs_and_lists(isi)
    html = blocks_html(isi)
    assert "<script" not in html and "onclick" not in html and "style=" not in html
    assert "5 &lt; 7" in html and "<strong>baik</strong>" in html


def test_an_override_file_with_markup_reaches_the_model_as_runs_and_lists(data_copy: Path):
    """The same text as a file, less what ``lkjip check`` refuses (script, event handler): only warnings."""
    narasi = data_copy / "kecamatan" / "ajibarang" / "2023" / "narasi"
    narasi.mkdir(parents=True, exist_ok=True)
    accepted = ANALYST_MARKUP.replace("<script>alert(1)</script>", "").replace(" onclick='x()'", "")
    (narasi / "penutup.md").write_text(accepted, encoding="utf-8")
    lap = buka("ajibarang", 2023, data_copy)
    [narasi_block] = [b for b in lap.bagian("bab4").isi if isinstance(b, document.Narasi)]
    assert narasi_block.diganti
    _assert_runs_and_lists(narasi_block.isi)
    texts = _texts(lap.bagian("bab4").model_dump(mode="json"))
    assert [t for _, t in texts if MARKUP.search(t)] == []
    html = bagian_html(lap.bagian("bab4"))
    assert "color:red" not in html and "style=" not in html and "Baris baru 5 &lt; 7" in html
    assert "5 &lt; 7" in html and "<strong>baik</strong>" in html


def test_the_model_survives_its_json_and_renders_the_same_html(lap):
    for bagian in lap.dokumen.bagian:
        bundle = Tampil(bagian)._repr_mimebundle_()
        again = Bagian.model_validate(bundle[MIME])
        assert again == bagian
        assert bagian_html(again) == bundle["text/html"]


def test_markdown_keeps_only_what_the_model_expresses():
    assert markdown.blocks("# Judul\n\nteks") == [
        document.Subjudul(tingkat=3, isi=[Run(teks="Judul")]),
        Paragraf(isi=[Run(teks="teks")]),
    ]
    [p] = markdown.blocks("![foto](https://x.id/a.png) dan `kode`")
    assert [(r.teks, r.kode) for r in p.isi] == [("foto dan ", False), ("kode", True)]
    assert markdown.blocks("<style>p{}</style>\n\n<!-- catatan -->") == []


def _notebook(*outputs: dict[str, Any]) -> nbformat.NotebookNode:
    nb = new_notebook()
    nb.cells = [new_code_cell("lap.bagian('x')", outputs=[new_output("display_data", data=d) for d in outputs])]
    return nb


def _section() -> dict[str, Any]:
    b = Bagian(kunci="bab4", anchor="bab4", judul="BAB IV PENUTUP", tingkat=1, depan=False, isi=[Paragraf(isi=[])])
    return Tampil(b)._repr_mimebundle_()


def _export(nb: nbformat.NotebookNode) -> str:
    html, _ = LkjipHTMLExporter().from_notebook_node(nb, resources={"metadata": {"name": "uji"}})
    return html


def test_the_exporter_renders_from_the_model_not_from_the_stored_html():
    bundle = _section()
    bundle["text/html"] = "<p>HTML yang disunting</p>"
    html = _export(_notebook(bundle))
    assert "BAB IV PENUTUP" in html and "disunting" not in html


@pytest.mark.parametrize(
    ("change", "words"),
    [
        (lambda d: d.update({"application/vnd.lkjip.document.v2+json": d.pop(MIME)}), "hanya mengenal"),
        (lambda d: d[MIME]["isi"].append({"jenis": "skrip", "isi": "x"}), "tidak sah"),
        (lambda d: d[MIME].update({"versi": 2}), "tidak sah"),
        (lambda d: d.pop(MIME), "HTML tanpa model dokumen"),
    ],
)
def test_the_exporter_refuses_a_model_it_does_not_know(change, words):
    bundle = _section()
    change(bundle)
    with pytest.raises(ModelError) as exc:
        _export(_notebook(bundle))
    assert words in str(exc.value) and "uji" in str(exc.value) and "Perbaikan" in str(exc.value)


def test_the_exporter_refuses_a_notebook_without_any_model():
    with pytest.raises(ModelError, match="tidak memuat model dokumen"):
        _export(_notebook({"text/plain": "1"}))
