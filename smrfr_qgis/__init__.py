"""SMRFR QGIS plugin: soil-moisture products, stations, models and validation in QGIS."""

import os
import sys


def _make_engine_importable():
    """In an installed plugin the engine ships inside the plugin folder; in a checkout it is beside it."""
    here = os.path.dirname(os.path.abspath(__file__))
    if os.path.isdir(os.path.join(here, "smrfr_engine")) and here not in sys.path:
        sys.path.insert(0, here)


_make_engine_importable()


def classFactory(iface):  # noqa: N802 (QGIS plugin entry point)
    from .plugin import SmrfrPlugin

    return SmrfrPlugin(iface)
