"""The dialogs driven offscreen: fill in, run in the background, results on the map; cancel; errors."""

import sys
from pathlib import Path

import pytest
from qgis.core import (
    Qgis,
    QgsApplication,
    QgsProject,
    QgsRasterLayerTemporalProperties,
    QgsTemporalNavigationObject,
)
from qgis.PyQt.QtCore import QDate
from smrfr_test_algorithms import registered_test_provider

from smrfr_qgis.dialogs import DIALOGS, LoadLayersDialog
from smrfr_qgis.dialogs.base import AlgorithmDialog
from smrfr_qgis.widgets import PathWidget

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "engine"))
from conftest_products import smrfr_folder  # noqa: E402


@pytest.fixture()
def provider(qgis_processing, qgis_iface):
    from smrfr_qgis.processing.provider import SmrfrProvider

    instance = SmrfrProvider()
    QgsApplication.processingRegistry().addProvider(instance)
    qgis_iface.messageBar().clear_messages()
    yield instance
    QgsApplication.processingRegistry().removeProvider(instance)


@pytest.fixture()
def canvas(qgis_canvas, qgis_new_project):
    previous = qgis_canvas.temporalController()
    qgis_canvas.setTemporalController(QgsTemporalNavigationObject(qgis_canvas))
    yield qgis_canvas
    qgis_canvas.setTemporalController(previous)
    QgsProject.instance().removeAllMapLayers()
    QgsProject.instance().layerTreeRoot().removeAllChildren()


def test_load_layers_runs_subset_in_the_background_and_adds_temporal_layers(provider, canvas, qgis_iface,
                                                                             tmp_path):
    product = smrfr_folder(tmp_path / "smrfr")
    dialog = LoadLayersDialog(qgis_iface)
    dialog.show()
    dialog.product.set_path(str(product))
    assert dialog.info_run.wait(30)
    assert list(dialog.checks) == [f"sml{i}_p" for i in range(1, 6)]
    assert dialog.checks["sml3_p"].text() == "sml3_p (10-30 cm)"
    assert dialog.dates.available == (QDate(2019, 12, 28).toPyDate(), QDate(2020, 1, 3).toPyDate())
    for name, box in dialog.checks.items():
        box.setChecked(name in ("sml1_p", "sml3_p"))
    dialog.aoi.source.setCurrentIndex(dialog.aoi.source.findData("coordinates"))
    dialog.aoi.coordinates.setText("10.3, 42.1, 11.2, 42.9")
    dialog.aoi.apply_source()
    dialog.dates.set_range(QDate(2019, 12, 30).toPyDate(), QDate(2020, 1, 2).toPyDate())
    dialog.output.set_path(str(tmp_path / "out"))
    run = dialog.start()
    assert run is not None and dialog.wait(60) and run.ok, dialog.message.text()

    group = QgsProject.instance().layerTreeRoot().children()[0]
    assert group.name() == "SMRFR 2019-12-30 – 2020-01-02"
    layers = [node.layer() for node in group.findLayers()]
    assert [layer.name() for layer in layers] == ["sml1_p 0-5 cm", "sml3_p 10-30 cm"]
    layer = layers[1]
    assert layer.crs().authid() == "EPSG:4326" and layer.bandCount() == 4
    extent = layer.extent()
    bounds = (extent.xMinimum(), extent.xMaximum(), extent.yMinimum(), extent.yMaximum())
    assert bounds == (10.0, 11.5, 42.0, 43.0)
    assert layer.temporalProperties().mode() == QgsRasterLayerTemporalProperties.ModeFixedTemporalRange
    assert layer.renderer().classificationMax() == pytest.approx(0.6)
    assert canvas.temporalController().totalFrameCount() == 4
    assert qgis_iface.messageBar().get_messages(Qgis.Critical) == []
    dialog.close()
    reopened = LoadLayersDialog(qgis_iface)
    assert reopened.product.path() == str(product)  # remembered (recent products)
    assert reopened.dates.range() == (QDate(2019, 12, 30).toPyDate(), QDate(2020, 1, 2).toPyDate())
    reopened.aoi.release()
    dialog.aoi.release()


def test_input_errors_are_shown_in_the_dialog_and_nothing_starts(provider, canvas, qgis_iface, tmp_path):
    dialog = LoadLayersDialog(qgis_iface)
    dialog.product.set_path(str(tmp_path / "nothing-here"))
    assert dialog.start() is None
    assert "existing product" in dialog.message.text()
    assert QgsApplication.taskManager().countActiveTasks() == 0
    dialog.aoi.release()


class CountDialog(AlgorithmDialog):
    algorithm_id = "smrfrtest:count"
    key = "count"
    title = "Count"
    steps = 2000

    def parameters(self):
        return {"STEPS": self.steps, "DELAY": 0.01}


def test_cancel_during_a_run_stops_it(canvas, qgis_iface):
    with registered_test_provider():
        dialog = CountDialog(qgis_iface)
        run = dialog.start()
        assert run is not None and not dialog.run_button.isEnabled() and dialog.cancel_button.isEnabled()
        run.progressChanged.connect(lambda _: dialog.cancel())
        assert dialog.wait(20) and run.cancelled
        assert dialog.message.text() == "Cancelled." and dialog.run_button.isEnabled()


def test_missing_dependency_gives_one_message_with_the_install_command(qgis_iface, monkeypatch):
    from smrfr_qgis import classFactory

    qgis_iface.messageBar().clear_messages()
    monkeypatch.setattr("smrfr_qgis.plugin.missing_packages", lambda modules=None: ["scikit-learn"])
    plugin = classFactory(qgis_iface)
    plugin.initGui()
    try:
        messages = qgis_iface.messageBar().get_messages(Qgis.Warning)
        assert len(messages) == 1 and "scikit-learn" in messages[0] and "-m pip install" in messages[0]
    finally:
        plugin.unload()


def test_missing_dependency_dialogs_refuse_with_the_can_execute_message(provider, canvas, qgis_iface,
                                                                        monkeypatch):
    from smrfr_qgis.processing import base

    monkeypatch.setattr(base, "missing_packages", lambda modules=None: ["xarray"])
    dialog = LoadLayersDialog(qgis_iface)
    dialog.parameters = lambda: {"SOURCE_FOLDER": "x"}
    assert dialog.start() is None
    assert "Missing Python packages: xarray" in dialog.message.text()
    assert any("xarray" in m for m in qgis_iface.messageBar().get_messages(Qgis.Critical))
    dialog.aoi.release()


@pytest.mark.parametrize("name", list(DIALOGS))
def test_every_dialog_opens_and_says_what_is_missing(provider, canvas, qgis_iface, name):
    dialog = DIALOGS[name](qgis_iface)
    dialog.show()
    assert dialog.isVisible() and dialog.windowTitle()
    for path in dialog.findChildren(PathWidget):
        path.set_path("")
    assert dialog.start() is None  # nothing filled in: a message, no run
    assert dialog.message.text()
    dialog.close()
    if hasattr(dialog, "aoi"):
        dialog.aoi.release()
