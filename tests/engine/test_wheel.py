"""The Python package as pip installs it: the Pythons it admits, its sdist and wheel, command and data."""

import importlib.metadata
import os
import shutil
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.specifiers import SpecifierSet

from smrfr_engine import __version__, environment

ROOT = Path(__file__).resolve().parents[2]
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]


def test_every_python_the_package_admits_can_install_its_dependencies():
    """requires-python said >=3.9, but zarr 3 (and the tested pandas, scikit-learn, ...) need 3.11: pip on
    3.9 or 3.10 accepted the package and then failed on its dependencies."""
    ours = SpecifierSet(PYPROJECT["requires-python"])
    pythons = [f"3.{minor}" for minor in range(8, 16)]
    refused = {}
    for line in PYPROJECT["dependencies"]:
        requirement = Requirement(line)
        if requirement.marker and not requirement.marker.evaluate():
            continue  # another platform's
        name = requirement.name
        theirs = SpecifierSet(importlib.metadata.metadata(name).get("Requires-Python") or "")
        too_old = [python for python in pythons if python in ours and python not in theirs]
        if too_old:
            refused[f"{name} {importlib.metadata.version(name)} ({theirs})"] = too_old
    assert refused == {}


@pytest.mark.parametrize("platform", ["linux", "win32", "darwin"])
def test_the_xgboost_the_engine_names_is_the_one_pyproject_installs(platform):
    """xgboost-cpu has no macOS wheels: pip install of the package failed there, and the plugin's install
    command proposed it."""
    requirements = [Requirement(line) for line in PYPROJECT["dependencies"]]
    installed = {requirement.name for requirement in requirements
                 if not requirement.marker or requirement.marker.evaluate({"sys_platform": platform})}
    wanted = environment.xgboost_distribution(platform)
    assert wanted in installed and {"xgboost", "xgboost-cpu"} & installed == {wanted}
    assert wanted == ("xgboost" if platform == "darwin" else "xgboost-cpu")


def test_a_python_too_old_for_the_engine_is_told_so():
    """On a QGIS with Python 3.10 the plugin proposed pip-installing every package, which fetches zarr 2: the
    engine's check (no QGIS needed) now says the Python itself is too old, as requires-python does."""
    assert PYPROJECT["requires-python"] == ">={}.{}".format(*environment.MIN_PYTHON)
    assert environment.python_too_old() is None
    pyenv = Path(os.environ.get("PYENV_ROOT", Path.home() / ".pyenv"))
    found = [*sorted(pyenv.glob("versions/3.10*/bin/python3.10")), Path("/usr/bin/python3.10")]
    python = next((path for path in found if path.is_file()), None)
    if python is None:
        pytest.skip("no Python 3.10 on this machine")
    code = "from smrfr_engine import environment; print(environment.python_too_old())"
    ran = subprocess.run([str(python), "-c", code], env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
                         capture_output=True, text=True, check=True)
    assert ran.stdout.strip() == "3.10"


def test_the_wheel_built_from_the_sdist_installs_its_command_data_and_licence(tmp_path):
    """Built offline from a copy of the sources, as a release would be; installed apart from this checkout."""
    source = tmp_path / "source"
    shutil.copytree(ROOT / "smrfr_engine", source / "smrfr_engine",
                    ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    for name in ("pyproject.toml", "README.md", "LICENSE"):
        shutil.copy2(ROOT / name, source / name)
    dist = tmp_path / "dist"
    build = ("import sys; from setuptools import build_meta; print(build_meta.build_sdist(sys.argv[1]))")
    sdist = subprocess.run([sys.executable, "-c", build, str(dist)], cwd=source, capture_output=True,
                           text=True, check=True).stdout.strip().splitlines()[-1]
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check", "-q"]
    subprocess.run([*pip, "wheel", "--no-deps", "--no-build-isolation", "--no-index", "-w", str(dist),
                    str(dist / sdist)], cwd=tmp_path, check=True)
    wheel = dist / f"smrfr-{__version__}-py3-none-any.whl"
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        metadata = archive.read(f"smrfr-{__version__}.dist-info/METADATA").decode()
    # an SPDX licence expression (a licence table is deprecated and refused by setuptools from 2027)
    assert f"smrfr-{__version__}.dist-info/licenses/LICENSE" in names
    assert "License-Expression: GPL-2.0-or-later" in metadata and "License-File: LICENSE" in metadata
    assert f"Requires-Python: {PYPROJECT['requires-python']}" in metadata

    target = tmp_path / "installed"
    subprocess.run([*pip, "install", "--no-deps", "--no-index", "--target", str(target), str(wheel)],
                   cwd=tmp_path, check=True)
    env = {"PATH": "/usr/bin:/bin", "PYTHONPATH": str(target), "HOME": str(tmp_path)}
    version = subprocess.run([str(target / "bin" / "smrfr"), "--version"], cwd=tmp_path, env=env,
                             capture_output=True, text=True, check=True)
    assert version.stdout.strip() == f"smrfr {__version__}"
    helptext = subprocess.run([str(target / "bin" / "smrfr"), "--help"], cwd=tmp_path, env=env,
                              capture_output=True, text=True, check=True)
    assert "demo" in helptext.stdout
    # the demo's packaged forcing data reads from the installed copy, not from this checkout
    read = ("import pandas as pd, smrfr_engine; from smrfr_engine.synth.weather import load_forcing; "
            "print(smrfr_engine.__file__); print(len(load_forcing(pd.date_range('2019-01-01', periods=10))))")
    done = subprocess.run([sys.executable, "-c", read], cwd=tmp_path, env=env, capture_output=True, text=True,
                          check=True)
    engine_file, days = done.stdout.split()
    assert Path(engine_file).parent == target / "smrfr_engine" and days == "10"
