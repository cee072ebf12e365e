"""Which optional Python packages the engine needs and whether they import here."""

from __future__ import annotations

import importlib
import importlib.metadata
import os
import sys

#: import name -> pip distribution name, for every package some engine operation needs.
PACKAGES = {
    "numpy": "numpy",
    "pandas": "pandas",
    "xarray": "xarray",
    "zarr": "zarr",
    "dask": "dask",
    "netCDF4": "netCDF4",
    "rasterio": "rasterio",
    "sklearn": "scikit-learn",
    "skops": "skops",
    "lightgbm": "lightgbm",
    "xgboost": "xgboost-cpu",
    "distributed": "distributed",
    "pyproj": "pyproj",
    "geopandas": "geopandas",
    "pyogrio": "pyogrio",
    "matplotlib": "matplotlib",
    "scipy": "scipy",
}


def missing_packages(modules: list[str] | tuple[str, ...] | None = None) -> list[str]:
    """Pip names of the packages among ``modules`` (default: all) that fail to import."""
    missing = []
    for module in modules or PACKAGES:
        try:
            importlib.import_module(module)
        except Exception:  # a broken install is as missing as an absent one
            missing.append(PACKAGES.get(module, module))
    return missing


def python_executable() -> str:
    """The interpreter running this code, to run pip or worker processes with. ``sys.executable`` is not
    always it: inside QGIS it is QGIS itself (Windows, macOS) or whichever ``python3`` comes first on the
    PATH (Linux, e.g. a pyenv or conda one), so the interpreter of this version in ``sys.exec_prefix``
    comes first."""
    version = f"{sys.version_info.major}.{sys.version_info.minor}"
    candidates = (os.path.join(sys.exec_prefix, "bin", f"python{version}"),  # Linux, macOS, venvs
                  os.path.join(sys.exec_prefix, "python.exe"),  # Windows
                  sys.executable)
    for candidate in candidates:
        if "python" in os.path.basename(candidate).lower() and os.path.isfile(candidate):
            return candidate
    return "python3"


def install_command(python: str, missing: list[str]) -> str:
    """The pip command that installs ``missing`` for ``python`` without changing its NumPy.

    NumPy is pinned to the installed version because GDAL and QGIS are built against it.
    """
    pins = []
    try:
        pins = [f"numpy=={importlib.metadata.version('numpy')}"]
    except importlib.metadata.PackageNotFoundError:
        pass
    return f'"{python}" -m pip install ' + " ".join(f'"{name}"' for name in [*missing, *pins])


def versions() -> dict[str, str]:
    """Installed version of every engine dependency ('missing' when absent)."""
    found = {}
    for name in PACKAGES.values():
        try:
            found[name] = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            found[name] = "missing"
    return found
