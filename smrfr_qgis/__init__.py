"""SMRFR QGIS plugin: soil-moisture products, stations, models and validation in QGIS."""

import os
import sys


def _make_engine_importable():
    """An installed plugin carries the engine in ``lib/``; in a checkout the engine is beside it.

    Only ``lib/`` goes on ``sys.path``: the plugin folder itself must not, or its subpackages (e.g.
    ``processing``) would shadow QGIS's own modules. An engine imported before is forgotten: QGIS unloads
    only the plugin's own modules, so after an upgrade in the plugin manager the previous version's engine
    would still run.
    """
    lib = os.path.join(os.path.dirname(os.path.abspath(__file__)), "lib")
    if not os.path.isdir(os.path.join(lib, "smrfr_engine")):
        return
    if lib not in sys.path:
        sys.path.insert(0, lib)
    for name in [name for name in sys.modules if name.split(".")[0] == "smrfr_engine"]:
        del sys.modules[name]


_make_engine_importable()


def classFactory(iface):  # noqa: N802 (QGIS plugin entry point)
    from .plugin import SmrfrPlugin

    return SmrfrPlugin(iface)
