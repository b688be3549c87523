"""The master notebook stays thin: parameters cell first, no outputs, no function definitions."""

import ast

import nbformat

from tests.conftest import ROOT

NB = ROOT / "notebooks" / "lkjip.ipynb"


def _nb():
    return nbformat.read(NB, as_version=4)


def test_committed_without_outputs():
    for cell in _nb().cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None


def test_parameters_cell_defaults_to_ajibarang_2023():
    code = [c for c in _nb().cells if c.cell_type == "code"]
    assert code[0].metadata.get("tags") == ["parameters"]
    values = {}
    exec(code[0].source, values)
    assert (values["kecamatan"], values["tahun"], values["data_dir"], values["output_dir"]) == (
        "ajibarang",
        2023,
        "data",
        "output",
    )


def test_cells_are_thin():
    for cell in _nb().cells:
        if cell.cell_type != "code":
            continue
        tree = ast.parse(cell.source)
        assert not any(isinstance(n, ast.FunctionDef | ast.ClassDef | ast.Lambda) for n in ast.walk(tree))
        assert len(tree.body) <= 4, cell.source
