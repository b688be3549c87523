"""The environment: uv.lock pins what pyproject.toml asks for; environment.yml, the venv and the manifest agree.

pyproject.toml holds ranges, uv.lock the exact versions and hashes that `make`
installs (``uv sync --frozen``), environment.yml the same versions for conda
users (written by ``make lock``). Every declared dependency is used and every
third-party import is declared.
"""

from __future__ import annotations

import ast
import json
import platform
import sys
import tomllib
from importlib import metadata

import yaml
from packaging.requirements import Requirement
from packaging.specifiers import SpecifierSet
from packaging.utils import canonicalize_name

from lkjip import fingerprint, manifest
from tests.conftest import ROOT

PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
LOCK = tomllib.loads((ROOT / "uv.lock").read_text(encoding="utf-8"))
RELOCK = "uv.lock is not in step with pyproject.toml: run `make lock`"

NOT_IMPORTED = {
    "ipykernel": "the kernel that runs the notebook",
    "ruff": "a command (make lint)",
    "mypy": "a command (make lint, make test)",
}
"""Declared dependencies that no module imports, and why they are declared all the same."""


def _locked() -> set[tuple[str, str]]:
    """(name, version) of every package in uv.lock but lkjip itself."""
    return {(p["name"], p["version"]) for p in LOCK["package"] if p["name"] != "lkjip"}


def _requirement(spec: str, marker: str = "") -> tuple[str, SpecifierSet, str]:
    req = Requirement(spec)
    return canonicalize_name(req.name), req.specifier, marker


def test_the_lock_is_in_step_with_pyproject():
    (me,) = [p for p in LOCK["package"] if p["name"] == "lkjip"]
    assert me["source"] == {"editable": "."}
    recorded = {
        _requirement(d["name"] + d.get("specifier", ""), d.get("marker", "")) for d in me["metadata"]["requires-dist"]
    }
    wanted = {_requirement(s) for s in PROJECT["dependencies"]} | {
        _requirement(s, f"extra == '{extra}'")
        for extra, specs in PROJECT["optional-dependencies"].items()
        for s in specs
    }
    assert recorded == wanted, RELOCK
    groups = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["dependency-groups"]
    recorded_groups = {
        group: {_requirement(d["name"] + d.get("specifier", "")) for d in deps}
        for group, deps in me["metadata"]["requires-dev"].items()
    }
    assert recorded_groups == {group: {_requirement(s) for s in specs} for group, specs in groups.items()}, RELOCK
    assert LOCK["requires-python"] == PROJECT["requires-python"] == ">=3.11", RELOCK


def test_every_locked_file_has_a_hash():
    for package in LOCK["package"]:
        if package["name"] == "lkjip":
            continue
        files = ([package["sdist"]] if "sdist" in package else []) + package.get("wheels", [])
        assert files, package["name"]
        assert all(f.get("hash", "").startswith("sha256:") for f in files), package["name"]


def test_environment_yml_pins_the_locked_versions():
    dependencies = yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))["dependencies"]
    assert [d for d in dependencies if isinstance(d, str)] == ["python=3.11", "pip"]
    (pip,) = [d["pip"] for d in dependencies if isinstance(d, dict)]
    assert pip[-1] == "-e .[lab,test]"
    pinned = set()
    for line in pip[:-1]:
        req = Requirement(line)
        (spec,) = req.specifier
        assert spec.operator == "==", line
        pinned.add((canonicalize_name(req.name), spec.version))
    assert pinned == _locked(), "environment.yml is not written from this uv.lock: run `make lock`"


def test_the_manifest_lists_what_lkjip_requires_at_the_locked_versions():
    versions = manifest.versions()
    assert versions.pop("python") == platform.python_version()
    assert list(versions) == sorted(versions)
    runtime = [Requirement(r) for r in metadata.requires("lkjip") or []]
    declared = {canonicalize_name(r.name) for r in runtime if r.marker is None or r.marker.evaluate({"extra": ""})}
    assert declared == {canonicalize_name(r.name) for r in map(Requirement, PROJECT["dependencies"])}
    assert declared <= set(versions)
    assert "jupyterlab" not in versions and "pytest" not in versions  # extras are not what a report needs
    assert manifest.NOT_INSTALLED not in versions.values()
    assert set(versions.items()) <= _locked(), "this venv does not hold the locked versions: run `make`"


def _third_party_imports(*folders: str) -> set[str]:
    """The distributions that the modules in ``folders`` import (by top-level module, through installed metadata)."""
    modules = set()
    for folder in folders:
        for path in (ROOT / folder).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.Import):
                    modules |= {alias.name.split(".")[0] for alias in node.names}
                elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                    modules.add(node.module.split(".")[0])
    modules -= set(sys.stdlib_module_names) | {"__future__", "lkjip", "tests"}
    owners = metadata.packages_distributions()
    return {canonicalize_name(d) for m in modules for d in owners.get(m, [f"<no distribution for {m}>"])}


def test_every_runtime_dependency_is_imported_and_every_import_is_declared():
    declared = {canonicalize_name(Requirement(s).name) for s in PROJECT["dependencies"]}
    assert _third_party_imports("lkjip") == declared - set(NOT_IMPORTED)


def test_the_test_extra_is_what_the_tests_import():
    runtime = {canonicalize_name(Requirement(s).name) for s in PROJECT["dependencies"]}
    test = {canonicalize_name(Requirement(s).name) for s in PROJECT["optional-dependencies"]["test"]}
    imported = _third_party_imports("tests", "benchmarks")
    assert imported <= runtime | test
    assert test - imported <= set(NOT_IMPORTED)


def test_a_report_built_with_other_package_versions_is_not_up_to_date(tmp_path):
    parts = {"parameter": "a", "data": "b"}
    for name in ("r.ipynb", "r.html", "r.pdf"):
        (tmp_path / name).write_bytes(name.encode())
    doc = {
        "masukan": {"sidik": fingerprint.combined(parts), "bagian": parts},
        "keluaran": {p.name: fingerprint.sha256_file(p) for p in sorted(tmp_path.iterdir())},
        "paket": manifest.versions(),
    }
    (tmp_path / manifest.NAME).write_text(json.dumps(doc), encoding="utf-8")
    assert manifest.up_to_date(tmp_path, parts)
    doc["paket"] = {**doc["paket"], "matplotlib": "0.0.1"}  # built before an upgrade of the lock
    (tmp_path / manifest.NAME).write_text(json.dumps(doc), encoding="utf-8")
    assert not manifest.up_to_date(tmp_path, parts)
