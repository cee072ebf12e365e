"""The plugin object QGIS creates: toolbar, Raster > SMRFR menu, Processing provider."""

from __future__ import annotations

import os
import sys

from qgis.core import Qgis, QgsApplication, QgsMessageLog
from qgis.PyQt.QtCore import QCoreApplication
from qgis.PyQt.QtGui import QIcon
from qgis.PyQt.QtWidgets import QAction

from smrfr_engine.environment import install_command, missing_packages

from .i18n import QT_TR_NOOP, install_translator, tr
from .paths import resource
from .processing.provider import SmrfrProvider

MENU = "&SMRFR"
LOG_TAG = "SMRFR"

#: (object name, label, Processing algorithm the action opens)
ACTIONS = (
    ("smrfrLoadLayers", QT_TR_NOOP("Load soil-moisture layers…"), "smrfr:subset"),
    ("smrfrInfer", QT_TR_NOOP("Run inference…"), "smrfr:infer"),
    ("smrfrRetrain", QT_TR_NOOP("Retrain / recalibrate…"), "smrfr:recalibrate"),
    ("smrfrValidate", QT_TR_NOOP("Validate against stations…"), "smrfr:validate"),
    ("smrfrStations", QT_TR_NOOP("Import and screen stations…"), "smrfr:importstations"),
)


def python_executable() -> str:
    """The Python interpreter running QGIS (``sys.executable`` is QGIS itself on Windows/macOS)."""
    prefix = sys.exec_prefix
    candidates = [sys.executable, os.path.join(prefix, "python.exe"), os.path.join(prefix, "bin", "python3")]
    for candidate in candidates:
        if "python" in os.path.basename(candidate).lower() and os.path.exists(candidate):
            return candidate
    return "python3"


class SmrfrPlugin:
    def __init__(self, iface):
        self.iface = iface
        self.translator = None
        self.provider = None
        self.toolbar = None
        self.actions: list[QAction] = []

    def initProcessing(self):  # noqa: N802 (QGIS API name)
        self.provider = SmrfrProvider()
        QgsApplication.processingRegistry().addProvider(self.provider)

    def initGui(self):  # noqa: N802 (QGIS API name)
        self.translator = install_translator()
        self.initProcessing()
        self.toolbar = self.iface.addToolBar(tr("SMRFR"))
        self.toolbar.setObjectName("SmrfrToolbar")
        icon = QIcon(resource("smrfr.svg"))
        for name, label, algorithm_id in ACTIONS:
            action = QAction(icon, tr(label), self.iface.mainWindow())
            action.setObjectName(name)
            action.triggered.connect(lambda _checked=False, alg=algorithm_id: self.open_algorithm(alg))
            self.toolbar.addAction(action)
            self.iface.addPluginToRasterMenu(MENU, action)
            self.actions.append(action)
        self.report_missing_packages()

    def unload(self):
        for action in self.actions:
            self.iface.removePluginRasterMenu(MENU, action)
            action.deleteLater()
        self.actions = []
        if self.toolbar is not None:
            self.toolbar.deleteLater()
            self.toolbar = None
        if self.provider is not None:
            QgsApplication.processingRegistry().removeProvider(self.provider)
            self.provider = None
        if self.translator is not None:
            QCoreApplication.removeTranslator(self.translator)
            self.translator = None

    def open_algorithm(self, algorithm_id: str) -> None:
        """Open the Processing dialog of ``algorithm_id`` (the dialogs of the plugin build on these)."""
        if QgsApplication.processingRegistry().algorithmById(algorithm_id) is None:
            self.iface.messageBar().pushMessage(
                tr("SMRFR"), tr("This tool is not available in this version yet."), Qgis.Info, 5)
            return
        import processing

        processing.execAlgorithmDialog(algorithm_id, {})

    def report_missing_packages(self) -> None:
        """One clear message naming missing packages and the exact command that installs them."""
        missing = missing_packages()
        if not missing:
            return
        message = tr("Missing Python packages: {0}. Install them with: {1} and restart QGIS.").format(
            ", ".join(missing), install_command(python_executable(), missing))
        QgsMessageLog.logMessage(message, LOG_TAG, Qgis.Warning)
        self.iface.messageBar().pushMessage(tr("SMRFR"), message, Qgis.Warning, 0)
