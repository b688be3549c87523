"""nbconvert exporters for the LKjIP report.

Registered under the ``nbconvert.exporters`` entry point, so on an executed
notebook ``jupyter nbconvert --to lkjip_html`` and ``--to lkjip_pdf`` give the
same files as ``lkjip report``. Code is hidden with exporter options
(``exclude_input``), never by deleting cells.
"""

from __future__ import annotations

from typing import Any

from nbconvert.exporters import HTMLExporter
from nbconvert.preprocessors import TagRemovePreprocessor
from nbformat import NotebookNode
from traitlets import default

from lkjip.paths import NBCONVERT_TEMPLATES_DIR

HIDE_TAG = "lkjip-hide"
"""Cells with this tag stay in the notebook (for the analyst) but not in the report."""


class LkjipHTMLExporter(HTMLExporter):
    """One self-contained HTML file: no code, no prompts, images embedded."""

    export_from_notebook = "LKjIP HTML"

    def __init__(self, **kw: Any) -> None:
        super().__init__(**kw)
        self.register_preprocessor(TagRemovePreprocessor(remove_cell_tags={HIDE_TAG}), enabled=True)

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


def html_to_pdf(html: str, base_url: str | None = None) -> bytes:
    """Print ``html`` to PDF with WeasyPrint (see :mod:`lkjip.pdf`)."""
    from lkjip.pdf import html_to_pdf as _print  # WeasyPrint is slow to import: only when needed

    return _print(html, base_url)


class LkjipPDFExporter(LkjipHTMLExporter):
    """The HTML report printed to A4 PDF by WeasyPrint."""

    export_from_notebook = "LKjIP PDF"
    output_mimetype = "application/pdf"

    @default("file_extension")
    def _file_extension_default(self) -> str:
        return ".pdf"

    @default("template_extension")
    def _template_extension_default(self) -> str:
        return ".html.j2"  # the PDF is printed from the HTML template

    def from_notebook_node(
        self, nb: NotebookNode, resources: dict[str, Any] | None = None, **kw: Any
    ) -> tuple[bytes, dict[str, Any]]:  # type: ignore[override]
        html, resources = super().from_notebook_node(nb, resources=resources, **kw)
        base = resources.get("metadata", {}).get("path") or None
        resources["output_extension"] = ".pdf"
        return html_to_pdf(html, base_url=base), resources
