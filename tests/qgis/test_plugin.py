"""The plugin loads into QGIS, registers its provider and unloads without leaving anything behind."""

import pytest
from qgis.core import QgsApplication
from qgis.PyQt import sip
from qgis.PyQt.QtCore import QCoreApplication, QEvent
from qgis.PyQt.QtWidgets import QToolBar

from smrfr_qgis import classFactory
from smrfr_qgis.plugin import ACTIONS, INSPECTOR


@pytest.fixture()
def plugin(qgis_iface):
    qgis_iface.addPluginToRasterMenu.reset_mock()
    qgis_iface.removePluginRasterMenu.reset_mock()
    instance = classFactory(qgis_iface)
    instance.initGui()
    yield instance
    instance.unload()


def registry():
    return QgsApplication.processingRegistry()


def test_init_gui_adds_toolbar_menu_actions_and_provider(plugin, qgis_iface):
    assert plugin.toolbar.objectName() == "SmrfrToolbar"
    names = [action.objectName() for action in plugin.toolbar.actions()]
    assert names == [name for name, _ in ACTIONS] + [INSPECTOR[0]]
    assert all(not action.icon().isNull() for action in plugin.toolbar.actions())
    menus = {call.args[0] for call in qgis_iface.addPluginToRasterMenu.call_args_list}
    assert menus == {"&SMRFR"}
    assert qgis_iface.addPluginToRasterMenu.call_count == len(ACTIONS)
    provider = registry().providerById("smrfr")
    assert provider is not None and not provider.icon().isNull()
    assert "smrfr:environment" in [alg.id() for alg in provider.algorithms()]


def test_unload_removes_everything(qgis_iface):
    qgis_iface.removePluginRasterMenu.reset_mock()
    instance = classFactory(qgis_iface)
    instance.initGui()
    toolbar, actions = instance.toolbar, list(instance.actions)
    instance.unload()
    QCoreApplication.sendPostedEvents(None, QEvent.DeferredDelete)
    assert registry().providerById("smrfr") is None
    assert sip.isdeleted(toolbar) and all(sip.isdeleted(action) for action in actions)
    assert not qgis_iface.mainWindow().findChildren(QToolBar, "SmrfrToolbar")
    assert qgis_iface.removePluginRasterMenu.call_count == len(ACTIONS)


def test_environment_algorithm_runs_through_processing(plugin, qgis_processing):
    import processing

    result = processing.run("smrfr:environment", {})
    assert result["REPORT"].startswith("smrfr ")
    assert "scikit-learn: " in result["REPORT"]
