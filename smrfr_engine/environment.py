"""Which optional Python packages the engine needs and whether they import here."""

from __future__ import annotations

import importlib
import importlib.metadata
import importlib.util
import os
import sys

from .errors import SmrfrError


def xgboost_distribution(platform: str = sys.platform) -> str:
    """The pip name of XGBoost: its CPU-only build (no GPU code: megabytes, not hundreds) has wheels for
    Linux and Windows only, macOS takes the full package (pyproject.toml says the same)."""
    return "xgboost" if platform == "darwin" else "xgboost-cpu"


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
    "xgboost": xgboost_distribution(),
    "distributed": "distributed",
    "pyproj": "pyproj",
    "geopandas": "geopandas",
    "pyogrio": "pyogrio",
    "matplotlib": "matplotlib",
    "scipy": "scipy",
}


#: the oldest Python the engine runs on (zarr 3 needs 3.11), as pyproject.toml's requires-python says
MIN_PYTHON = (3, 11)

#: slow imports that only some choices need (the boosted learners, Dask workers): the start-up check
#: only looks them up; where they are used, :func:`require` imports them
CHECKED_AT_USE = ("lightgbm", "xgboost", "distributed")


def missing_packages(modules: list[str] | tuple[str, ...] | None = None) -> list[str]:
    """Pip names of the packages among ``modules`` that fail to import. By default all of them, with those
    of :data:`CHECKED_AT_USE` only looked up, not imported (so QGIS starts faster)."""
    missing = []
    for module in modules or PACKAGES:
        try:
            if modules is None and module in CHECKED_AT_USE:
                if importlib.util.find_spec(module) is None:
                    raise ImportError(module)
            else:
                importlib.import_module(module)
        except Exception:  # a broken install is as missing as an absent one
            missing.append(PACKAGES.get(module, module))
    return missing


def python_too_old() -> str | None:
    """The running Python's version (``3.10``) when it is older than :data:`MIN_PYTHON`, else None: no
    package install helps then (pip would fetch versions the engine does not run with, e.g. zarr 2)."""
    running = sys.version_info[:2]
    return None if running >= MIN_PYTHON else ".".join(map(str, running))


def require(module: str, user: str, otherwise: str) -> None:
    """Raise :class:`SmrfrError` naming the package, ``user`` (what needs it) and what to do
    ``otherwise`` when ``module`` does not import here."""
    if missing_packages((module,)):
        raise SmrfrError(f"{user} needs the Python package {PACKAGES[module]}, which does not import here: "
                         f"install it (pip install {PACKAGES[module]}) or {otherwise}")


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
    """Installed version of every engine dependency by its :data:`PACKAGES` name ('missing' when absent),
    whichever distribution provides the import name (``xgboost`` or ``xgboost-cpu``, ``scikit-learn``)."""
    providers = importlib.metadata.packages_distributions()
    found = {}
    for module, name in PACKAGES.items():
        found[name] = "missing"
        for distribution in dict.fromkeys([name, *providers.get(module, [])]):
            try:
                found[name] = importlib.metadata.version(distribution)
                break
            except importlib.metadata.PackageNotFoundError:
                continue
    return found
