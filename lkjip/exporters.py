"""nbconvert exporters for the LKjIP report.

Registered under the ``nbconvert.exporters`` entry point, so on an executed
notebook ``jupyter nbconvert --to lkjip_html``, ``--to lkjip_pdf`` and ``--to lkjip_docx`` (Word) give the
same files as ``lkjip report``. Code is hidden with exporter options
(``exclude_input``), never by deleting cells.

The report is rendered from the document model each section's output carries
(:data:`lkjip.document.MIME`), not from the HTML stored beside it: the
:class:`DocumentPreprocessor` reads and validates the model and renders it
again with the templates, so the executed notebook alone is enough (no
``data/``, no recomputation). A notebook without the model, with a model
version this lkjip does not know, or with blocks that do not fit the model is
refused with a message, and so is anything else the report would show (a
visible Markdown or raw cell, an output that is not a section): the report is
the model and nothing else.
"""

from __future__ import annotations

from typing import Any

import nbformat
from nbconvert.exporters import HTMLExporter
from nbconvert.preprocessors import Preprocessor, TagRemovePreprocessor
from nbformat import NotebookNode
from pydantic import ValidationError
from traitlets import default

from lkjip.document import MIME, MIME_PREFIX, Bagian
from lkjip.errors import ModelError
from lkjip.guards import MAX_DEPTH, depth_of
from lkjip.html_renderer import bagian_html
from lkjip.paths import NBCONVERT_TEMPLATES_DIR

SECTIONS = "lkjip_bagian"
"""Key of the resources under which :class:`DocumentPreprocessor` leaves the validated sections, in order."""

HIDE_TAG = "lkjip-hide"
"""Cells with this tag stay in the notebook (for the analyst) but not in the report."""


_KEEP = "Perbaikan: jangan menyunting keluaran notebook; buat ulang laporan dengan `lkjip report`."
_HIDE = (
    "Perbaikan: hapus sel atau keluaran itu, atau beri selnya tag lkjip-hide agar tetap ada di notebook tetapi "
    "tidak masuk laporan; atau buat ulang laporan dengan `lkjip report`."
)


class DocumentPreprocessor(Preprocessor):
    """Render every report section from the document model it carries; refuse what is not the model.

    The published report is the model and nothing else: a visible Markdown or raw cell, and any output
    other than a section (a script, SVG, Markdown, picture, printed text, error) is refused, and a
    section's output keeps only the HTML rendered here, so nothing stored beside the model is published.
    Warnings on stderr stay out (the template hides them).
    """

    def preprocess(self, nb: NotebookNode, resources: dict[str, Any]) -> tuple[NotebookNode, dict[str, Any]]:
        name = resources.get("metadata", {}).get("name") or "notebook"
        nb.metadata.pop("widgets", None)  # the report has no widgets; a malformed state broke nbconvert's filter
        outputs = [o for cell in nb.cells for o in cell.get("outputs", [])]
        sections: list[Bagian] = []
        resources[SECTIONS] = sections  # the validated model, for the PDF (lkjip.typst_renderer)
        present = {k for o in outputs for k in o.get("data") or {}}
        if "text/html" not in present and not any(k.startswith(MIME_PREFIX) for k in present):
            raise ModelError(
                f"{name}: notebook ini tidak memuat model dokumen lkjip ({MIME}); mungkin belum dijalankan atau "
                "dibuat oleh lkjip versi lama. Perbaikan: jalankan notebook dengan `lkjip report`."
            )
        for index, cell in enumerate(nb.cells, 1):
            if cell.get("cell_type") != "code":
                if str(cell.get("source") or "").strip():
                    raise ModelError(
                        f"{name}: sel ke-{index} adalah sel {cell.get('cell_type')} yang bukan bagian laporan "
                        f"(laporan hanya memuat model dokumen lkjip). {_HIDE}"
                    )
                continue
            for output in cell.get("outputs", []):
                if output.get("output_type") == "stream" and output.get("name") == "stderr":
                    continue
                data = output.get("data") or {}
                kinds = [k for k in data if k.startswith(MIME_PREFIX)]
                if not kinds:
                    if "text/html" in data:
                        raise ModelError(
                            f"{name}: keluaran sel ke-{index} berisi HTML tanpa model dokumen lkjip, sehingga tidak "
                            "dapat diterbitkan. Perbaikan: jalankan ulang notebook induk dengan `lkjip report`; "
                            "sel tambahan milik analis diberi tag lkjip-hide agar tidak masuk laporan."
                        )
                    what = ", ".join(data) or output.get("output_type", "?")
                    raise ModelError(
                        f"{name}: sel ke-{index} memuat keluaran ({what}) yang bukan bagian laporan "
                        f"(laporan hanya memuat model dokumen lkjip). {_HIDE}"
                    )
                if kinds != [MIME]:
                    raise ModelError(
                        f"{name}: sel ke-{index} memakai model dokumen {', '.join(kinds)}, sedangkan lkjip versi ini "
                        f"hanya mengenal {MIME}. Perbaikan: buat ulang laporan dengan lkjip versi ini "
                        "(`lkjip report`), atau ekspor dengan versi lkjip yang membuat notebook itu."
                    )
                bagian = _section(data[MIME], name, index)
                sections.append(bagian)
                data.clear()  # e.g. application/javascript beside the model would win over text/html
                data["text/html"] = bagian_html(bagian)
                output["metadata"] = {}
        return nb, resources


def _too_deep(name: str, index: int | None) -> ModelError:
    where = f" di sel ke-{index}" if index else ""
    return ModelError(
        f"{name}: model dokumen{where} bersarang lebih dari {MAX_DEPTH} tingkat, lebih dalam daripada yang "
        f"pernah dibuat lkjip (notebook ini telah disunting). {_KEEP}"
    )


def _section(value: Any, name: str, index: int) -> Bagian:
    """One section's model, validated strictly (no type coercion)."""
    if depth_of(value) > MAX_DEPTH:
        raise _too_deep(name, index)
    try:
        return Bagian.model_validate(value, strict=True)
    except ValidationError as exc:
        first = exc.errors()[0]
        raise ModelError(
            f"{name}: model dokumen di sel ke-{index} tidak sah ({exc.error_count()} kesalahan, "
            f"mis. {first['loc']}: {first['msg']}). {_KEEP}"
        ) from None


def _check_depth(nb: NotebookNode, name: str) -> None:
    """Refuse a too deeply nested model before nbconvert copies the notebook (a copy that recurses)."""
    for index, cell in enumerate(nb.get("cells", []), 1):
        for output in cell.get("outputs", []):
            if any(depth_of(value) > MAX_DEPTH for value in (output.get("data") or {}).values()):
                raise _too_deep(name, index)


class LkjipHTMLExporter(HTMLExporter):
    """One self-contained HTML file: no code, no prompts, images embedded."""

    export_from_notebook = "LKjIP HTML"

    def __init__(self, **kw: Any) -> None:
        super().__init__(**kw)
        self.register_preprocessor(TagRemovePreprocessor(remove_cell_tags={HIDE_TAG}), enabled=True)
        self.register_preprocessor(DocumentPreprocessor(), enabled=True)

    def from_file(self, file_stream: Any, resources: dict[str, Any] | None = None, **kw: Any) -> tuple[Any, Any]:
        try:
            nb = nbformat.read(file_stream, as_version=4)
        except RecursionError:  # nbformat reads recursively: a forged model nested thousands deep
            name = (resources or {}).get("metadata", {}).get("name") or "notebook"
            raise _too_deep(name, None) from None
        return self.from_notebook_node(nb, resources=resources, **kw)

    def from_notebook_node(
        self, nb: NotebookNode, resources: dict[str, Any] | None = None, **kw: Any
    ) -> tuple[Any, dict[str, Any]]:
        _check_depth(nb, (resources or {}).get("metadata", {}).get("name") or "notebook")
        return super().from_notebook_node(nb, resources=resources, **kw)

    @default("template_name")
    def _template_name_default(self) -> str:
        return "lkjip"

    @default("extra_template_basedirs")
    def _extra_template_basedirs_default(self) -> list[str]:
        return [str(NBCONVERT_TEMPLATES_DIR)]

    @default("language_code")
    def _language_code_default(self) -> str:
        return "id"

    @default("exclude_input")
    def _exclude_input_default(self) -> bool:
        return True

    @default("exclude_input_prompt")
    def _exclude_input_prompt_default(self) -> bool:
        return True

    @default("exclude_output_prompt")
    def _exclude_output_prompt_default(self) -> bool:
        return True

    @default("embed_images")
    def _embed_images_default(self) -> bool:
        return True


def sections_pdf(sections: list[Bagian], notebook: tuple[str, bytes] | None = None) -> bytes:
    """The report's sections as an A4 PDF, laid out by Typst (see :mod:`lkjip.typst_renderer`), with the
    executed notebook (file name, bytes) attached as its source when given."""
    from lkjip.typst_renderer import pdf_bytes

    return pdf_bytes(sections, notebook)


class _ModelExporter(LkjipHTMLExporter):
    """An exporter whose output is bytes made from the sections the HTML pass validated and collected.

    It returns bytes where its HTML base class returns text, as nbconvert's own PDF exporters do;
    nbconvert's callers accept both. Subclasses set the extension and :meth:`render`.
    """

    extension = ""

    @default("file_extension")
    def _file_extension_default(self) -> str:
        return self.extension

    @default("template_extension")
    def _template_extension_default(self) -> str:
        return ".html.j2"  # the HTML pass validates the model and collects the sections

    def render(self, sections: list[Bagian], nb: NotebookNode, resources: dict[str, Any]) -> bytes:
        raise NotImplementedError

    def from_notebook_node(  # type: ignore[override]
        self, nb: NotebookNode, resources: dict[str, Any] | None = None, **kw: Any
    ) -> tuple[bytes, dict[str, Any]]:
        _, resources = super().from_notebook_node(nb, resources=resources, **kw)  # validates the model
        resources["output_extension"] = self.extension
        return self.render(resources[SECTIONS], nb, resources), resources


class LkjipPDFExporter(_ModelExporter):
    """The report's document model laid out as an A4 PDF by Typst (the same model the HTML is rendered from)."""

    export_from_notebook = "LKjIP PDF"
    output_mimetype = "application/pdf"
    extension = ".pdf"

    def render(self, sections: list[Bagian], nb: NotebookNode, resources: dict[str, Any]) -> bytes:
        name = str(resources.get("metadata", {}).get("name") or "laporan") + ".ipynb"
        return sections_pdf(sections, (name, nbformat.writes(nb).encode("utf-8")))  # the notebook travels inside


def sections_docx(sections: list[Bagian]) -> bytes:
    """The report's sections as an editable Word document (see :mod:`lkjip.docx_renderer`)."""
    from lkjip.docx_renderer import docx_bytes

    return docx_bytes(sections)


class LkjipDOCXExporter(_ModelExporter):
    """The report's document model as an editable Word document (.docx), built with python-docx."""

    export_from_notebook = "LKjIP Word"
    output_mimetype = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    extension = ".docx"

    def render(self, sections: list[Bagian], nb: NotebookNode, resources: dict[str, Any]) -> bytes:
        return sections_docx(sections)
