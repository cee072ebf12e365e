"""The engine must stay free of QGIS, PyQt and GDAL's osgeo bindings (it runs without QGIS)."""

import ast
from pathlib import Path

import smrfr_engine

FORBIDDEN = ("qgis", "PyQt5", "PyQt6", "osgeo", "processing", "sip")
ENGINE = Path(smrfr_engine.__file__).parent


def imported_modules(path: Path):
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.lineno, node.module
        elif isinstance(node, ast.Call) and getattr(node.func, "attr", getattr(node.func, "id", "")) in (
                "import_module", "__import__") and node.args and isinstance(node.args[0], ast.Constant):
            yield node.lineno, str(node.args[0].value)


def test_engine_never_imports_qgis_pyqt_or_osgeo():
    offenders = [
        f"{path.relative_to(ENGINE.parent)}:{line}: {module}"
        for path in sorted(ENGINE.rglob("*.py"))
        for line, module in imported_modules(path)
        if module.split(".")[0] in FORBIDDEN
    ]
    assert offenders == []


def test_the_check_catches_a_forbidden_import(tmp_path):
    sample = tmp_path / "bad.py"
    sample.write_text("import os\nfrom qgis.core import QgsProject\nimportlib.import_module('osgeo.gdal')\n")
    found = [module for _, module in imported_modules(sample)]
    assert found == ["os", "qgis.core", "osgeo.gdal"]
