"""Run in a fresh interpreter: load the plugin from a QGIS profile's plugins folder the way QGIS does.

Usage: python load_installed_plugin.py PLUGINS_DIR [--without-science] [--reinstall ZIP]; prints JSON facts
about the loaded plugin. ``--without-science`` makes the scientific packages unimportable, as in a QGIS where
they were never installed: the plugin must still load, open its dialogs and say what to install.
``--reinstall ZIP`` then installs ZIP over it as the plugin manager does (files replaced, plugin reloaded).
"""

import importlib
import json
import shutil
import sys
import zipfile
from unittest.mock import MagicMock

from qgis.core import QgsApplication
from qgis.gui import QgsMapCanvas
from qgis.PyQt.QtCore import QCoreApplication, QEvent
from qgis.PyQt.QtWidgets import QMainWindow, QToolBar

SCIENCE = ("xarray", "pandas", "zarr", "dask", "distributed", "netCDF4", "rasterio", "sklearn", "skops",
           "lightgbm", "xgboost", "geopandas", "pyogrio", "pyproj", "scipy", "matplotlib")
if "--without-science" in sys.argv:
    sys.modules.update(dict.fromkeys(SCIENCE))  # None in sys.modules: ImportError on import

plugins_dir = sys.argv[1]
app = QgsApplication([], True)
app.initQgis()

import qgis.utils  # noqa: E402


class Iface:
    """The parts of QgisInterface the plugin uses with widgets; the rest are recorded mocks."""

    def __init__(self):
        self.window = QMainWindow()
        self.canvas = QgsMapCanvas(self.window)

    def mainWindow(self):  # noqa: N802
        return self.window

    def mapCanvas(self):  # noqa: N802
        return self.canvas

    def addToolBar(self, name):  # noqa: N802
        return self.window.addToolBar(name)

    def __getattr__(self, name):
        mock = MagicMock(name=name)
        setattr(self, name, mock)
        return mock


iface = qgis.utils.iface = Iface()
sys.path.insert(0, plugins_dir)
qgis.utils.plugin_paths = [plugins_dir]
qgis.utils.updateAvailablePlugins()
loaded = qgis.utils.loadPlugin("smrfr_qgis")
started = qgis.utils.startPlugin("smrfr_qgis")
provider = QgsApplication.processingRegistry().providerById("smrfr")
import smrfr_engine  # noqa: E402
import smrfr_qgis  # noqa: E402


def open_dialogs() -> list[str]:
    """The dialogs that open (an exception fails the script)."""
    from smrfr_qgis.dialogs import DIALOGS

    opened = []
    for name, dialog_class in DIALOGS.items():
        dialog = dialog_class(iface)
        dialog.close()
        opened.append(name)
    return opened


facts = {
    "loaded": loaded,
    "dialogs": open_dialogs(),
    "messages": [str(call) for call in iface.messageBar().pushMessage.call_args_list],
    "started": started,
    "available": "smrfr_qgis" in qgis.utils.available_plugins,
    "plugin_file": smrfr_qgis.__file__,
    "engine_file": smrfr_engine.__file__,
    "algorithms": [alg.id() for alg in provider.algorithms()] if provider else [],
    "toolbars_loaded": len(iface.window.findChildren(QToolBar, "SmrfrToolbar")),
    "unloaded": qgis.utils.unloadPlugin("smrfr_qgis"),
    "provider_after_unload": QgsApplication.processingRegistry().providerById("smrfr") is not None,
    "menu_entries": iface.addPluginToRasterMenu.call_count,
}
QCoreApplication.sendPostedEvents(None, QEvent.DeferredDelete)
facts["toolbars_left"] = len(iface.window.findChildren(QToolBar, "SmrfrToolbar"))
if "--reinstall" in sys.argv:
    shutil.rmtree(f"{plugins_dir}/smrfr_qgis")
    with zipfile.ZipFile(sys.argv[sys.argv.index("--reinstall") + 1]) as zipped:
        zipped.extractall(plugins_dir)
    facts["reloaded"] = qgis.utils.loadPlugin("smrfr_qgis") and qgis.utils.startPlugin("smrfr_qgis")
    facts["engine_version_after_reinstall"] = importlib.import_module("smrfr_engine").__version__
print(json.dumps(facts))
sys.stdout.flush()
