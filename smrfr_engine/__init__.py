"""SMRFR engine: pure-Python soil-moisture toolkit (no QGIS, no PyQt, no osgeo)."""

__version__ = "0.1.0"
