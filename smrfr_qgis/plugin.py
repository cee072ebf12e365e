"""The plugin object QGIS creates: toolbar, Raster > SMRFR menu, Processing provider."""

from __future__ import annotations

import os
import sys

from qgis.core import Qgis, QgsApplication
from qgis.PyQt.QtCore import QCoreApplication
from qgis.PyQt.QtGui import QIcon
from qgis.PyQt.QtWidgets import QAction

from smrfr_engine.environment import install_command, missing_packages, python_executable

from .i18n import QT_TR_NOOP, install_translator, tr
from .paths import resource
from .processing.base import old_python_message
from .processing.provider import SmrfrProvider
from .tasks import LOG_TAG, report
from .temporal import BandSwitcher

__all__ = ["ACTIONS", "LOG_TAG", "MENU", "SmrfrPlugin"]

MENU = "&SMRFR"

#: (object name, label) of the dialogs' actions (dialogs.DIALOGS); icons in resources/<name>.svg
ACTIONS = (
    ("smrfrLoadLayers", QT_TR_NOOP("Load soil-moisture layers…")),
    ("smrfrInfer", QT_TR_NOOP("Run inference…")),
    ("smrfrRetrain", QT_TR_NOOP("Retrain / recalibrate…")),
    ("smrfrValidate", QT_TR_NOOP("Validate against stations…")),
    ("smrfrStations", QT_TR_NOOP("Import and screen stations…")),
)
INSPECTOR = ("smrfrInspector", QT_TR_NOOP("Point inspector (time series at a clicked point)"))


class SmrfrPlugin:
    def __init__(self, iface):
        self.iface = iface
        self.translator = None
        self.provider = None
        self.toolbar = None
        self.actions: list[QAction] = []
        self.inspector_action: QAction | None = None
        self.inspector = None
        self.dialogs: dict[str, object] = {}
        self.band_switcher = None

    def initProcessing(self):  # noqa: N802 (QGIS API name)
        """Translation and Processing provider: all that ``qgis_process`` loads (it never calls initGui)."""
        if self.translator is None:
            self.translator = install_translator()
        self.provider = SmrfrProvider()
        QgsApplication.processingRegistry().addProvider(self.provider)

    def initGui(self):  # noqa: N802 (QGIS API name)
        self.initProcessing()
        self.toolbar = self.iface.addToolBar(tr("SMRFR"))
        self.toolbar.setObjectName("SmrfrToolbar")
        for name, label in ACTIONS:
            action = QAction(action_icon(name), tr(label), self.iface.mainWindow())
            action.setObjectName(name)
            action.triggered.connect(lambda _checked=False, key=name: self.open_dialog(key))
            self.toolbar.addAction(action)
            self.iface.addPluginToRasterMenu(MENU, action)
            self.actions.append(action)
        name, label = INSPECTOR
        self.inspector_action = QAction(action_icon(name), tr(label), self.iface.mainWindow())
        self.inspector_action.setObjectName(name)
        self.inspector_action.setCheckable(True)
        self.inspector_action.toggled.connect(self.show_inspector)
        self.toolbar.addAction(self.inspector_action)
        self.band_switcher = BandSwitcher(self.iface.mapCanvas())
        self.report_missing_packages()

    def unload(self):
        for dialog in self.dialogs.values():
            dialog.close()
            if hasattr(dialog, "aoi"):
                dialog.aoi.release()
            dialog.deleteLater()
        self.dialogs = {}
        if self.inspector is not None:
            self.inspector.close()
            self.iface.removeDockWidget(self.inspector)
            self.inspector.deleteLater()
            self.inspector = None
        if self.band_switcher is not None:
            self.band_switcher.detach()
            self.band_switcher.deleteLater()
            self.band_switcher = None
        for action in self.actions:
            self.iface.removePluginRasterMenu(MENU, action)
            action.deleteLater()
        self.actions = []
        if self.inspector_action is not None:
            self.inspector_action.deleteLater()
            self.inspector_action = None
        if self.toolbar is not None:
            self.toolbar.deleteLater()
            self.toolbar = None
        if self.provider is not None:
            QgsApplication.processingRegistry().removeProvider(self.provider)
            self.provider = None
        if self.translator is not None:
            QCoreApplication.removeTranslator(self.translator)
            self.translator = None

    def open_dialog(self, name: str):
        """Show the dialog of action ``name`` (one instance per session: it keeps its inputs and runs)."""
        from .dialogs import DIALOGS

        if name not in self.dialogs:
            self.dialogs[name] = DIALOGS[name](self.iface)
        dialog = self.dialogs[name]
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()
        return dialog

    def show_inspector(self, visible: bool = True) -> None:
        """Show (and create on first use) the point-inspector dock; it needs matplotlib."""
        if visible and self.inspector is None:
            missing = missing_packages(("matplotlib",))
            if missing:
                report(self.iface, tr("The point inspector needs matplotlib. Install it with: {0}").format(
                    install_hint(missing)), Qgis.Warning)
                self.inspector_action.setChecked(False)
                return
            from .inspector import DOCK_AREA, InspectorDock

            self.inspector = InspectorDock(self.iface, self.iface.mainWindow())
            self.inspector.visibilityChanged.connect(self.inspector_action.setChecked)
            self.iface.addDockWidget(DOCK_AREA, self.inspector)
        if self.inspector is not None:
            self.inspector.setVisible(visible)
            if visible:
                self.inspector.pick_action.setChecked(True)

    def report_missing_packages(self) -> None:
        """One clear message naming missing packages and the exact command that installs them (or why no
        install helps: a Python too old)."""
        too_old = old_python_message()
        if too_old:
            report(self.iface, too_old, Qgis.Critical)
            return
        missing = missing_packages()
        if not missing:
            return
        message = tr("Missing Python packages: {0}. Install them with: {1} and restart QGIS.").format(
            ", ".join(missing), install_hint(missing))
        report(self.iface, message, Qgis.Warning)


def install_hint(missing: list[str]) -> str:
    """The pip command that installs ``missing`` into QGIS's Python and, on Windows, where to run it: that
    Python finds its libraries only in the environment of the OSGeo4W Shell that comes with QGIS."""
    command = install_command(python_executable(), missing)
    return tr("{0} in the OSGeo4W Shell").format(command) if sys.platform == "win32" else command


def action_icon(name: str) -> QIcon:
    """``resources/<name>.svg``, the plugin icon when there is none."""
    path = resource(f"{name}.svg")
    return QIcon(path if os.path.exists(path) else resource("smrfr.svg"))
