"""Run by the real QGIS application (``qgis --code``): once it has started, write JSON facts about the
SMRFR plugin to the file named by ``SMRFR_FACTS`` and quit."""

import json
import os

import qgis.utils
from qgis.core import QgsApplication
from qgis.PyQt.QtCore import QTimer


def report():
    try:
        import smrfr_engine

        provider = QgsApplication.processingRegistry().providerById("smrfr")
        facts = {
            "active": qgis.utils.active_plugins,
            "engine_file": smrfr_engine.__file__,
            "version": qgis.utils.pluginMetadata("smrfr_qgis", "version"),
            "algorithms": len(provider.algorithms()) if provider else 0,
            "raster_menu": [action.text() for action in qgis.utils.iface.rasterMenu().actions()],
        }
        with open(os.environ["SMRFR_FACTS"], "w", encoding="utf-8") as handle:
            json.dump(facts, handle)
    finally:
        QgsApplication.exit(0)


QTimer.singleShot(0, report)
