"""The Python package as pip installs it."""

import importlib.metadata
import tomllib
from pathlib import Path

from packaging.requirements import Requirement
from packaging.specifiers import SpecifierSet

ROOT = Path(__file__).resolve().parents[2]
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]


def test_every_python_the_package_admits_can_install_its_dependencies():
    """requires-python said >=3.9, but zarr 3 (and the tested pandas, scikit-learn, ...) need 3.11: pip on
    3.9 or 3.10 accepted the package and then failed on its dependencies."""
    ours = SpecifierSet(PYPROJECT["requires-python"])
    pythons = [f"3.{minor}" for minor in range(8, 16)]
    refused = {}
    for line in PYPROJECT["dependencies"]:
        name = Requirement(line).name
        theirs = SpecifierSet(importlib.metadata.metadata(name).get("Requires-Python") or "")
        too_old = [python for python in pythons if python in ours and python not in theirs]
        if too_old:
            refused[f"{name} {importlib.metadata.version(name)} ({theirs})"] = too_old
    assert refused == {}

