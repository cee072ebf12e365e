"""The dialogs driven offscreen: fill in, run in the background, results on the map; cancel; errors."""

from pathlib import Path

import pytest
from conftest_products import smrfr_folder, somo_folder
from qgis.core import (
    Qgis,
    QgsApplication,
    QgsCoordinateReferenceSystem,
    QgsGeometry,
    QgsProject,
    QgsRasterLayerTemporalProperties,
    QgsRectangle,
    QgsSettings,
    QgsTemporalNavigationObject,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import QDate, QTimer
from qgis.PyQt.QtWidgets import QApplication, QMessageBox
from smrfr_test_algorithms import registered_test_provider

from smrfr_qgis.dialogs import DIALOGS, LoadLayersDialog
from smrfr_qgis.dialogs.base import AlgorithmDialog
from smrfr_qgis.widgets import PathWidget


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


def answer_next_question(button):
    """Click ``button`` of the next question box the dialog asks (a modal QMessageBox), if it asks one."""
    QTimer.singleShot(0, lambda: (box := QApplication.activeModalWidget()) and box.button(button).click())


def test_a_reload_into_the_output_on_the_map_offers_to_remove_its_layers(provider, canvas, qgis_iface,
                                                                         tmp_path, monkeypatch):
    """Loading again into the output folder the map shows: QGIS holds the GeoTIFFs of its layers open, which
    Windows refuses to replace (simulated: :mod:`windows_files`, a file held while a layer shows it), so the
    run failed. The dialog now asks to remove those layers first: Cancel runs nothing and keeps them; Yes
    removes them and their group, and the new load replaces the folder."""
    from windows_files import hold_open

    product, out = smrfr_folder(tmp_path / "smrfr"), tmp_path / "out"
    dialog = LoadLayersDialog(qgis_iface)
    dialog.product.set_path(str(product))
    assert dialog.info_run.wait(30)
    for name, box in dialog.checks.items():
        box.setChecked(name in ("sml1_p", "sml2_p"))
    dialog.aoi.set_area(QgsGeometry.fromRect(QgsRectangle(10.3, 42.1, 11.2, 42.9)),
                        QgsCoordinateReferenceSystem("EPSG:4326"))
    dialog.dates.set_range(QDate(2019, 12, 30).toPyDate(), QDate(2019, 12, 31).toPyDate())
    dialog.output.set_path(str(out))
    assert dialog.start() is not None and dialog.wait(60), dialog.message.text()
    project = QgsProject.instance()
    files = {layer.id(): layer.source() for layer in project.mapLayers().values()}
    held = hold_open(monkeypatch, *files.values())
    project.layersWillBeRemoved.connect(
        lambda ids: held.difference_update(Path(files[i]) for i in ids if i in files))
    dialog.dates.set_range(QDate(2019, 12, 30).toPyDate(), QDate(2020, 1, 2).toPyDate())

    answer_next_question(QMessageBox.Cancel)
    assert dialog.start() is None
    assert dialog.message.text() == "Not run: choose another output, or let the layers be removed."
    assert sorted(layer.name() for layer in project.mapLayers().values()) == ["sml1_p 0-5 cm",
                                                                              "sml2_p 5-10 cm"]
    answer_next_question(QMessageBox.Yes)
    run = dialog.start()
    assert run is not None and dialog.wait(60) and run.ok, dialog.message.text()
    assert [group.name() for group in project.layerTreeRoot().children()] == ["SMRFR 2019-12-30 – 2020-01-02"]
    assert [layer.bandCount() for layer in project.mapLayers().values()] == [4, 4]
    assert not held and sorted(p.name for p in tmp_path.iterdir()) == ["out", "smrfr"]
    dialog.aoi.release()


def test_an_inference_offers_to_remove_only_the_layers_of_the_years_it_writes(provider, tmp_path):
    """The dialogs asked to remove every layer of the inference's output folder, also the other years'
    stores, which a run for other days leaves as they are."""
    from smrfr_qgis.dialogs.base import layers_reading, output_paths
    from smrfr_qgis.temporal import PRODUCT_PROPERTY

    project = QgsProject.instance()
    layer = QgsVectorLayer("Point?crs=EPSG:4326", "sml1_p 2020", "memory")
    layer.setCustomProperty(PRODUCT_PROPERTY, str(tmp_path / "maps" / "SMRFR_2020_v1.0.zarr"))
    project.addMapLayer(layer)
    try:
        def shown(**days):
            steps = [("smrfr:infer", {"OUTPUT": str(tmp_path / "maps"), **days})]
            return [found.name() for found in layers_reading(output_paths(steps), project)]

        assert shown(START=QDate(2021, 1, 1), END=QDate(2021, 6, 30)) == []
        assert shown(START=QDate(2019, 12, 1), END=QDate(2020, 1, 31)) == ["sml1_p 2020"]
        assert shown() == ["sml1_p 2020"]  # the cube's days: any year may be written
    finally:
        project.removeMapLayer(layer.id())


def test_an_inference_offers_to_remove_the_layers_of_its_folder_reading_a_store_it_writes(provider, tmp_path):
    """The infer dialog loads its result as the product of the whole output folder (``smrfr/product`` the
    folder); a run for days of a year whose store the folder holds did not offer to remove those layers,
    which read that store through their VRTs (Windows then refuses to replace it)."""
    from smrfr_qgis.dialogs.base import layers_reading, output_paths
    from smrfr_qgis.temporal import PRODUCT_PROPERTY

    (tmp_path / "maps" / "SMRFR_2020_v1.0.zarr").mkdir(parents=True)
    project = QgsProject.instance()
    layer = QgsVectorLayer("Point?crs=EPSG:4326", "sml1_p", "memory")
    layer.setCustomProperty(PRODUCT_PROPERTY, str(tmp_path / "maps"))
    project.addMapLayer(layer)
    try:
        def shown(**days):
            steps = [("smrfr:infer", {"OUTPUT": str(tmp_path / "maps"), **days})]
            return [found.name() for found in layers_reading(output_paths(steps), project)]

        assert shown(START=QDate(2020, 3, 1), END=QDate(2020, 3, 31)) == ["sml1_p"]
        assert shown(START=QDate(2021, 1, 1), END=QDate(2021, 6, 30)) == []  # a new store: not read yet
    finally:
        project.removeMapLayer(layer.id())


def test_the_layers_of_another_product_are_all_ticked(provider, qgis_iface, tmp_path):
    # the layers ticked for one product stayed the ticked set: a SoMo.ml folder chosen after an SMRFR one had
    # none of its layers ticked, and Run said "Tick at least one layer."
    dialog = LoadLayersDialog(qgis_iface)
    dialog.product.set_path(str(smrfr_folder(tmp_path / "smrfr")))
    assert dialog.info_run.wait(30)
    for name, box in dialog.checks.items():
        box.setChecked(name in ("sml1_p", "sml3_p"))
    dialog.product.set_path(str(tmp_path / "smrfr"))  # described again: the choice stays
    assert dialog.info_run.wait(30)
    assert [name for name, box in dialog.checks.items() if box.isChecked()] == ["sml1_p", "sml3_p"]
    dialog.product.set_path(str(somo_folder(tmp_path / "somo")))
    assert dialog.info_run.wait(30)
    assert [name for name, box in dialog.checks.items() if box.isChecked()] == ["layer1", "layer2", "layer3"]
    dialog.aoi.release()


def load_through_the_dialog(dialog, product, out, area, crs):
    """Run the Load dialog on ``product`` (its kind and description already chosen) over ``area`` (W, S, E, N
    in ``crs``) and every day it holds; the layers added."""
    dialog.product.set_path(str(product))
    assert dialog.info_run.wait(30)
    dialog.dates.set_range(*dialog.dates.available)
    dialog.aoi.set_area(QgsGeometry.fromRect(QgsRectangle(*area)), QgsCoordinateReferenceSystem(crs))
    dialog.output.set_path(str(out))
    run = dialog.start()
    assert run is not None and dialog.wait(60) and run.ok, dialog.message.text()
    group = QgsProject.instance().layerTreeRoot().children()[0]  # the newest load
    return [node.layer() for node in group.findLayers()]


def test_load_layers_reads_a_product_of_the_chosen_kind_or_description(provider, canvas, qgis_iface,
                                                                        tmp_path):
    # the dialog had no product kind nor description: a GSSM-10 folder whose names lack GSSM, or a described
    # NetCDF, could be loaded only through the Processing algorithms
    import json

    import numpy as np
    import pandas as pd
    import xarray as xr
    from test_peer_products import packed_geotiff

    tiles = tmp_path / "tiles"  # GSSM-10-like uint16 tiles (scale 0.001), 3 x 3 cells of 10 m in UTM 50N
    tiles.mkdir()
    for day, middle in (("20200105", 301), ("20200106", 412)):
        raw = np.full((3, 3), 250, "uint16")
        raw[1, 1] = middle
        packed_geotiff(tiles / f"SM_{day}.tif", raw)
    dialog = LoadLayersDialog(qgis_iface)
    dialog.product.set_path(str(tiles))
    assert dialog.info_run.wait(30) and not dialog.info_run.ok  # not detected: no GSSM in the names
    dialog.kind.setCurrentIndex(dialog.kind.findData("gssm"))  # the product is described again
    assert dialog.kind.currentText() == "GSSM-10"
    assert dialog.info_run.wait(30) and dialog.info_run.ok
    assert list(dialog.checks) == ["ssm"]
    assert dialog.dates.available == (QDate(2020, 1, 5).toPyDate(), QDate(2020, 1, 6).toPyDate())
    layers = load_through_the_dialog(dialog, tiles, tmp_path / "gssm", (399960, 3300010, 399990, 3300040),
                                     "EPSG:32650")
    assert [layer.name() for layer in layers] == ["ssm 0-5 cm"]
    centre = layers[0].extent().center()
    values = [layers[0].dataProvider().sample(centre, band)[0] for band in (1, 2)]
    assert values == pytest.approx([0.301, 0.412], abs=1e-6)  # by hand: the middle cell times 0.001
    dialog.close()

    reopened = LoadLayersDialog(qgis_iface)  # the kind is remembered, the description empty
    assert (reopened.kind.currentData(), reopened.description.path()) == ("gssm", "")
    days = pd.date_range("2021-03-01", periods=2)
    values = np.array([0.2, 0.3], "float32")[:, None, None] + np.zeros((2, 3, 3), "float32")
    values[:, 1, 1] += 0.05
    cube = xr.Dataset({"theta": (("time", "y", "x"), values)},
                      coords={"time": days, "y": [45.5, 45.0, 44.5], "x": [10.0, 10.5, 11.0]})
    cube.to_netcdf(tmp_path / "sm.nc", encoding={"theta": {"dtype": "int16", "scale_factor": 2e-4,
                                                           "add_offset": 0.1, "_FillValue": -32768}})
    description = tmp_path / "sm.json"
    description.write_text(json.dumps({"layers": [{"name": "top", "variable": "theta", "top": 0,
                                                   "bottom": 10}], "crs": "EPSG:4326"}))
    reopened.kind.setCurrentIndex(reopened.kind.findData("auto"))
    reopened.description.set_path(str(tmp_path / "missing.json"))
    reopened.product.set_path(str(tmp_path / "sm.nc"))
    assert reopened.start() is None
    assert reopened.message.text() == f"The product description {tmp_path / 'missing.json'} is not a file."
    reopened.description.set_path(str(description))
    layers = load_through_the_dialog(reopened, tmp_path / "sm.nc", tmp_path / "described",
                                     (9.7, 44.2, 11.3, 45.8), "EPSG:4326")
    assert [layer.name() for layer in layers] == ["top 0-10 cm"]
    centre = layers[0].extent().center()
    values = [layers[0].dataProvider().sample(centre, band)[0] for band in (1, 2)]
    assert values == pytest.approx([0.25, 0.35], abs=2e-4)  # by hand: packed at 2e-4
    reopened.close()
    again = LoadLayersDialog(qgis_iface)
    assert (again.kind.currentData(), again.description.path()) == ("auto", str(description))
    for opened in (dialog, reopened, again):
        opened.aoi.release()
    QgsSettings().remove("smrfr/load")  # the next tests' dialogs read their products without a description


def test_the_description_of_a_product_path_changed_since_is_not_shown(provider, qgis_iface, tmp_path):
    dialog = LoadLayersDialog(qgis_iface)
    dialog.product.set_path(str(smrfr_folder(tmp_path / "smrfr")))
    stale = dialog.info_run
    dialog.product.blockSignals(True)  # typed on: the new path's own description is not started yet
    dialog.product.set_path(str(tmp_path))
    dialog.product.blockSignals(False)
    assert stale.wait(30)
    assert dialog.dates.available is None
    dialog.aoi.release()


def test_an_error_about_a_drawn_area_names_it_as_drawn_not_by_its_temporary_file(provider, canvas,
                                                                                  qgis_iface, tmp_path):
    dialog = LoadLayersDialog(qgis_iface)
    dialog.product.set_path(str(smrfr_folder(tmp_path / "smrfr")))
    assert dialog.info_run.wait(30)
    dialog.aoi.set_area(QgsGeometry.fromWkt("POLYGON((50 50, 51 50, 50 51, 50 50))"),  # outside the product
                        QgsCoordinateReferenceSystem("EPSG:4326"))
    dialog.output.set_path(str(tmp_path / "out"))
    run = dialog.start()
    assert run is not None and dialog.wait(60) and not run.ok
    assert run.error.startswith("the AOI drawn or selected on the map (W,S,E,N 50,50,51,51 in the product "
                                "CRS) is outside the product"), run.error
    assert "smrfr_area" not in dialog.message.text() and "outside the product" in dialog.message.text()
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
        assert "OSGeo4W" not in messages[0]
    finally:
        plugin.unload()


def test_the_install_command_on_windows_says_to_run_it_in_the_osgeo4w_shell(monkeypatch):
    """QGIS's Python on Windows finds its DLLs only in the OSGeo4W Shell's environment: the command alone,
    typed in a plain console, failed."""
    from smrfr_qgis import plugin

    monkeypatch.setattr(plugin.sys, "platform", "win32")
    hint = plugin.install_hint(["xarray"])
    assert hint.startswith(f'"{plugin.python_executable()}" -m pip install "xarray"')
    assert hint.endswith('" in the OSGeo4W Shell')


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


@pytest.fixture(scope="module")
def cube_and_stations(tmp_path_factory):
    """A 6 x 6 predictor cube of two months and six stations whose layers follow it (known truth)."""
    from test_model_helpers import cube_config, make_sources, make_stations

    from smrfr_engine.model.cube import build_cube

    folder = tmp_path_factory.mktemp("model")
    make_sources(folder / "sources", "2019-01-01", "2019-02-28")
    cube = build_cube(cube_config(folder / "sources"), folder / "cube.zarr", "2019-01-01", "2019-02-28")
    return cube, make_stations(cube, folder / "stations.gpkg", n_stations=6), make_stations(
        cube, folder / "local.gpkg", n_stations=4, seed=2, offset=0.03)


def test_retrain_trains_with_the_chosen_cv_then_recalibrates_and_shows_the_tables(
        provider, canvas, qgis_iface, tmp_path, cube_and_stations):
    import json

    from smrfr_qgis.dialogs import RetrainDialog

    cube, stations, local = cube_and_stations
    dialog = RetrainDialog(qgis_iface)
    dialog.show()
    dialog.mode.setCurrentIndex(dialog.mode.findData("train"))
    assert dialog.train_box.isVisibleTo(dialog) and not dialog.recalibrate_box.isVisibleTo(dialog)
    assert [dialog.cv.itemData(i) for i in range(dialog.cv.count())] == ["station", "year", "block", "kfold"]
    assert dialog.cv.itemText(dialog.cv.findData("block")).startswith("Spatial blocks")
    assert dialog.cv.itemText(dialog.cv.findData("kfold")).startswith("Random k-fold")
    assert [dialog.preset.itemData(i) for i in range(dialog.preset.count())] == ["default", "published"]
    assert dialog.preset.currentData() == "default" and dialog.quantiles.isEnabled()
    dialog.preset.setCurrentIndex(dialog.preset.findData("published"))  # a forest: spread across trees
    assert not dialog.quantiles.isEnabled()
    dialog.preset.setCurrentIndex(dialog.preset.findData("default"))
    assert dialog.quantiles.isEnabled()
    dialog.cube.set_path(str(cube))
    dialog.stations.file.set_path(str(stations))
    dialog.screened_only.setChecked(False)  # the made-up stations have no screening table
    dialog.cv.setCurrentIndex(dialog.cv.findData("year"))
    assert not dialog.repeats.isEnabled()  # year folds are the same at every dealing
    dialog.cv.setCurrentIndex(dialog.cv.findData("block"))
    dialog.folds.setValue(2)
    dialog.repeats.setValue(2)
    dialog.layers.setText("1-2")
    dialog.importance.setChecked(True)
    dialog.estimator.setText('{"n_estimators": 8, "max_depth": 6}')
    dialog.output.set_path(str(tmp_path / "model"))
    run = dialog.start()
    assert run is not None and run.algorithm_id == "smrfr:train"
    dialog.cv.setCurrentIndex(dialog.cv.findData("kfold"))  # changed while it runs: the table is the run's
    dialog.folds.setValue(4)
    assert dialog.wait(90) and run.ok, dialog.message.text()
    info = json.loads((tmp_path / "model" / "model.json").read_text())
    assert (info["cv"]["design"], info["cv"]["folds"]) == ("block", 2)
    assert info["algorithm"] == "lightgbm"  # the default preset's
    assert dialog.table.rowCount() == 2 and dialog.table.item(1, 0).text() == "2"
    headers = [dialog.table.horizontalHeaderItem(c).text() for c in range(dialog.table.columnCount())]
    assert {"layer", "r", "ubrmse", "ubrmse_min", "ubrmse_reference"} <= set(headers)
    assert info["cv"]["repeats"] == 2
    assert dialog.table_title.text() == "Cross-validation by spatial block, 2 folds"
    figures = [dialog.figures.itemAt(i).widget() for i in range(dialog.figures.count())]
    assert [f.toolTip() for f in figures if f is not None] == [str(tmp_path / "model" / "importance.png")]
    assert info["training"]["quantiles"] == {"q10": 0.1, "q90": 0.9}  # ticked by default: bands available
    infer_with_uncertainty_and_a_memory_budget(qgis_iface, tmp_path / "model", cube, tmp_path / "maps")

    dialog.mode.setCurrentIndex(dialog.mode.findData("recalibrate"))
    assert dialog.recalibrate_box.isVisibleTo(dialog) and not dialog.train_box.isVisibleTo(dialog)
    dialog.method.setCurrentIndex(dialog.method.findData("refit"))
    assert not dialog.weight.isEnabled()
    dialog.base_model.set_path(str(tmp_path / "model"))
    dialog.local.file.set_path(str(local))
    dialog.holdout.setValue(0.25)
    dialog.output.set_path(str(tmp_path / "recalibrated"))
    run = dialog.start()
    assert run is not None and run.algorithm_id == "smrfr:recalibrate"
    assert dialog.wait(90) and run.ok, dialog.message.text()
    assert (tmp_path / "recalibrated" / "recalibration_report.csv").exists()
    headers = [dialog.table.horizontalHeaderItem(c).text() for c in range(dialog.table.columnCount())]
    assert "r_recalibrated" in headers and dialog.table.rowCount() == 2
    assert dialog.table_title.text().startswith("Base vs recalibrated")
    assert dialog.figures.count() == 1  # the training figure is gone, only the stretch is left
    train_on_a_base_model(dialog, tmp_path / "model", tmp_path / "corrected")
    uncertainty_is_offered_for_models_that_have_one(qgis_iface, tmp_path / "model", tmp_path / "corrected")
    assert qgis_iface.messageBar().get_messages(Qgis.Critical) == []
    dialog.close()


def train_on_a_base_model(dialog, base, out):
    """Ticking "learn a correction of a base model" trains with the base's estimates as predictors;
    unticked, no base is passed, and ticked without a bundle the dialog asks for one."""
    import json

    from smrfr_qgis.dialogs.base import InputError

    dialog.mode.setCurrentIndex(dialog.mode.findData("train"))
    assert not dialog.on_base.isChecked() and not dialog.train_base.isEnabled()
    assert "BASE_MODEL" not in dialog.parameters()
    dialog.on_base.setChecked(True)
    assert dialog.train_base.isEnabled()
    dialog.train_base.set_path("")
    with pytest.raises(InputError, match="base model bundle"):
        dialog.parameters()
    dialog.train_base.set_path(str(base))
    dialog.importance.setChecked(False)
    dialog.quantiles.setChecked(False)
    dialog.output.set_path(str(out))
    run = dialog.start()
    assert run is not None and run.algorithm_id == "smrfr:train"
    assert dialog.wait(90) and run.ok, dialog.message.text()
    info = json.loads((out / "model.json").read_text())
    assert info["base"] == "base" and "base:sml2_p" in info["layers"][1]["features"]
    headers = [dialog.table.horizontalHeaderItem(c).text() for c in range(dialog.table.columnCount())]
    assert "ubrmse_base" in headers and dialog.table.rowCount() == 2


def uncertainty_is_offered_for_models_that_have_one(qgis_iface, with_quantiles, without):
    """A boosted model trained without quantile models has no uncertainty: the Infer dialog says so
    instead of letting the run fail; a ticked box comes back with a model that has one."""
    from smrfr_qgis.dialogs import InferDialog

    dialog = InferDialog(qgis_iface)
    dialog.uncertainty.setChecked(True)
    dialog.predictors.set_path(str(without / "cube.zarr"))
    dialog.model.set_path(str(without))
    assert not dialog.uncertainty.isEnabled() and "quantile" in dialog.uncertainty.toolTip()
    assert dialog.parameters()["UNCERTAINTY"] is False
    dialog.model.set_path(str(with_quantiles))
    assert dialog.uncertainty.isEnabled() and dialog.uncertainty.isChecked()
    dialog.model.set_path(str(without.parent / "not-a-bundle"))  # the run names what is wrong
    assert dialog.uncertainty.isEnabled()
    dialog.aoi.release()


def infer_with_uncertainty_and_a_memory_budget(qgis_iface, model, cube, out):
    """The Infer dialog runs the model with its uncertainty bands, memory budget and worker choice,
    which it remembers."""
    import xarray as xr

    from smrfr_qgis.dialogs import InferDialog

    dialog = InferDialog(qgis_iface)
    dialog.show()
    dialog.model.set_path(str(model))
    dialog.predictors.set_path(str(cube))
    dialog.aoi.source.setCurrentIndex(dialog.aoi.source.findData("coordinates"))
    dialog.aoi.coordinates.setText("10.0, 45.52")  # mistyped: no run, not one over the whole cube
    dialog.aoi.apply_source()
    assert dialog.start() is None and "west, south, east, north" in dialog.message.text()
    dialog.aoi.coordinates.setText("10.0, 45.52, 10.48, 46.0")
    dialog.aoi.apply_source()
    dialog.dates.set_range(QDate(2019, 1, 1).toPyDate(), QDate(2019, 1, 10).toPyDate())
    dialog.uncertainty.setChecked(True)
    dialog.memory.setValue(64)
    dialog.output.set_path(str(out))
    assert dialog.parameters()["MEMORY"] == 64 and "SCHEDULER" not in dialog.parameters()
    run = dialog.start()
    assert run is not None and dialog.wait(90) and run.ok, dialog.message.text()
    store = xr.open_zarr(out / "SMRFR_2019_v1.0.zarr")
    assert {"sml1_p_q10", "sml1_p_q90", "sml2_p_q10"} <= set(store.data_vars) and store.sizes["time"] == 10
    dialog.close()
    dialog.aoi.release()
    reopened = InferDialog(qgis_iface)
    assert reopened.memory.value() == 64 and reopened.uncertainty.isChecked()
    reopened.aoi.release()


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    from smrfr_engine.synth import generate

    folder = tmp_path_factory.mktemp("demo") / "demo"
    generate(folder, seed=1, size=8, start="2019-01-01", end="2019-12-31", n_stations=4)
    return folder


def test_stations_import_then_screen_in_the_background_shows_pass_and_fail(provider, canvas, qgis_iface,
                                                                            tmp_path, demo):
    from smrfr_engine.stations import read_table
    from smrfr_qgis.dialogs import StationsDialog

    dialog = StationsDialog(qgis_iface)
    dialog.show()
    dialog.steps.setCurrentIndex(dialog.steps.findData("both"))
    dialog.source.file.set_path(str(demo / "stations" / "SYNTH_ismn.zip"))
    dialog.lsm.set_path("")
    assert dialog.start() is None  # every step is checked before the first starts
    assert "land-surface model" in dialog.message.text()
    dialog.lsm.set_path(str(demo / "era5land"))  # a folder of yearly files
    dialog.satellite.set_path(str(demo / "satellite" / "SSM_2019.nc"))
    dialog.deep.setCurrentIndex(1)  # deep layers not screened
    dialog.output.set_path(str(tmp_path / "imported.gpkg"))
    dialog.screened.set_path(str(tmp_path / "screened.gpkg"))
    run = dialog.start()
    assert run is not None and run.algorithm_id == "smrfr:importstations"
    assert dialog.wait(60) and dialog.run is not None and dialog.run.algorithm_id == "smrfr:screenstations"
    assert dialog.wait(60) and dialog.message.text() == "Done.", dialog.message.text()
    assert "station layers pass" in dialog.log.toPlainText()

    layers = {layer.name(): layer for layer in QgsProject.instance().mapLayers().values()}
    assert sorted(layers) == ["SMRFR stations (screening)", "Screening per station layer"]
    stations = layers["SMRFR stations (screening)"]
    assert stations.crs().authid() == "EPSG:4326" and stations.featureCount() == 4
    renderer = stations.renderer()
    assert renderer.type() == "categorizedSymbol" and '"etc_pass"' in renderer.classAttribute()
    assert [c.label() for c in renderer.categories()] == ["passed screening", "failed screening"]
    table = read_table(tmp_path / "screened.gpkg", "screening")
    worst = table.groupby("station_id")["etc_pass"].min().to_dict()
    shown = {f["station_id"]: f["etc_pass"] for f in stations.getFeatures()}
    assert shown == worst and set(shown.values()) == {0, 1}  # the demo has passing and failing stations
    failing = next(f for f in stations.getFeatures() if f["etc_pass"] == 0)
    assert failing["layers_passed"] < failing["layers_screened"] and failing["failed_layers"]
    assert layers["Screening per station layer"].featureCount() == len(table)
    assert qgis_iface.messageBar().get_messages(Qgis.Critical) == []
    dialog.close()


def test_stations_import_only_then_screen_a_project_layer(provider, canvas, qgis_iface, tmp_path, demo):
    from smrfr_qgis.dialogs import StationsDialog

    dialog = StationsDialog(qgis_iface)
    dialog.steps.setCurrentIndex(dialog.steps.findData("import"))
    assert not dialog.screen_box.isVisibleTo(dialog)
    dialog.source.file.set_path(str(demo / "stations" / "SYNTH_ismn.zip"))
    dialog.qc["MIN_VALID_DAYS"].setValue(30)
    dialog.output.set_path(str(tmp_path / "imported.gpkg"))
    assert dialog.start() is not None
    dialog.steps.setCurrentIndex(dialog.steps.findData("screen"))  # changed while it runs
    assert dialog.wait(60) and dialog.message.text() == "Done."
    imported = QgsProject.instance().mapLayersByName("SMRFR stations")[0]
    assert imported.featureCount() == 4 and imported.renderer().type() == "singleSymbol"

    dialog.steps.setCurrentIndex(dialog.steps.findData("screen"))
    assert not dialog.import_box.isVisibleTo(dialog)
    dialog.source.layer.setLayer(imported)  # a project point layer: its GeoPackage is screened
    assert dialog.source.path() == str(tmp_path / "imported.gpkg")
    dialog.lsm.set_path(str(demo / "era5land"))  # a folder of yearly files
    dialog.satellite.set_path(str(demo / "satellite" / "SSM_2019.nc"))
    dialog.screened.set_path(str(tmp_path / "screened.gpkg"))
    run = dialog.start()
    assert run is not None and run.algorithm_id == "smrfr:screenstations"
    assert dialog.wait(60) and dialog.message.text() == "Done.", dialog.message.text()
    assert QgsProject.instance().mapLayersByName("SMRFR stations (screening)")[0].featureCount() == 4
    dialog.close()


@pytest.fixture(scope="module")
def validation_inputs(tmp_path_factory):
    from test_validation import observations, product, station_table, truth_values

    from smrfr_engine.products import write_product
    from smrfr_engine.stations.store import write_store

    folder = tmp_path_factory.mktemp("validation")
    truth = write_product(product(truth_values()), folder / "truth.zarr")
    return truth, write_store(folder / "stations.gpkg", station_table(), {"daily": observations()})


def test_validate_names_each_station_layer_by_its_product_and_layer(provider, canvas, qgis_iface, tmp_path,
                                                                    validation_inputs, monkeypatch):
    from smrfr_qgis.dialogs import ValidateDialog, workflows

    monkeypatch.setattr(workflows, "open_report", lambda path: None)
    truth, stations = validation_inputs
    dialog = ValidateDialog(qgis_iface)
    dialog.products.file.set_path(str(truth))
    dialog.stations.file.set_path(str(stations))
    dialog.output.set_path(str(tmp_path / "validation"))
    run = dialog.start()
    assert run is not None and dialog.wait(120) and run.ok, dialog.message.text()
    names = sorted(layer.name() for layer in QgsProject.instance().mapLayers().values())
    assert names == ["Validation: truth_sml1_p", "Validation: truth_sml3_p"]
    dialog.close()


def test_validate_stations_chosen_as_a_project_layer_are_read_from_its_file(provider, canvas, qgis_iface,
                                                                              tmp_path, validation_inputs,
                                                                              monkeypatch):
    """A GeoPackage stations layer of the project was passed on as its source, ``stations.gpkg|layername=
    stations``, which is no file: the run was refused ('... does not exist')."""
    from smrfr_qgis.dialogs import ValidateDialog, workflows

    monkeypatch.setattr(workflows, "open_report", lambda path: None)
    truth, stations = validation_inputs
    layer = QgsVectorLayer(f"{stations}|layername=stations", "stations", "ogr")
    assert layer.isValid()
    QgsProject.instance().addMapLayer(layer)
    dialog = ValidateDialog(qgis_iface)
    dialog.products.file.set_path(str(truth))
    dialog.stations.layer.setLayer(layer)
    dialog.output.set_path(str(tmp_path / "validation"))
    assert dialog.parameters()["POINTS"] == str(stations)
    run = dialog.start()
    assert run is not None and dialog.wait(120) and run.ok, dialog.message.text()
    assert QgsProject.instance().mapLayersByName("Validation: truth_sml1_p")
    dialog.close()


def test_validate_a_layer_loaded_from_zarr_validates_its_product_layer_not_the_temporary_vrt(
        provider, canvas, qgis_iface, tmp_path, validation_inputs, monkeypatch):
    """Layers of Zarr results are VRTs in a temporary folder, which the engine does not read: picking such a
    layer validates the product it came from, that layer only."""
    from smrfr_qgis.dialogs import ValidateDialog, workflows
    from smrfr_qgis.temporal import load_product

    monkeypatch.setattr(workflows, "open_report", lambda path: None)
    truth, stations = validation_inputs
    _, layers = load_product(str(truth))
    layer = next(layer for layer in layers if layer.source().endswith("sml3_p.vrt"))
    dialog = ValidateDialog(qgis_iface)
    dialog.products.layer.setLayer(layer)
    dialog.stations.file.set_path(str(stations))
    dialog.output.set_path(str(tmp_path / "validation"))
    assert (dialog.parameters()["PRODUCTS"], dialog.parameters()["LAYERS"]) == (f"truth={truth}", "sml3_p")
    run = dialog.start()
    assert run is not None and dialog.wait(120) and run.ok, dialog.message.text()
    assert QgsProject.instance().mapLayersByName("Validation: truth_sml3_p")
    assert not QgsProject.instance().mapLayersByName("Validation: truth_sml1_p")
    dialog.close()


def test_validate_takes_the_product_kind_and_description_of_the_load_dialog(provider, canvas, qgis_iface,
                                                                            tmp_path, validation_inputs):
    """The Validate dialog had no product kind nor description: a product not detected by its names could
    be validated only through smrfr:validate's KINDS and DESCRIPTIONS."""
    from smrfr_qgis.dialogs import ValidateDialog

    truth, stations = validation_inputs
    dialog = ValidateDialog(qgis_iface)
    dialog.products.file.set_path(str(truth))
    dialog.stations.file.set_path(str(stations))
    dialog.output.set_path(str(tmp_path / "validation"))
    dialog.kind.setCurrentIndex(dialog.kind.findData("gssm"))
    dialog.description.set_path(str(tmp_path / "truth.json"))
    parameters = dialog.parameters()
    assert (parameters["PRODUCTS"], parameters["KINDS"], parameters["DESCRIPTIONS"]) == (
        f"truth={truth}", "truth=gssm", f"truth={tmp_path / 'truth.json'}")
    dialog.description.set_path("")
    run = dialog.start()  # the kind reaches the engine: a SMRFR store is no GSSM-10 product
    assert run is not None and dialog.wait(60) and not run.ok
    assert "GSSM" in dialog.message.text(), dialog.message.text()
    dialog.close()
    reopened = ValidateDialog(qgis_iface)  # the kind is remembered; the description only offered
    assert (reopened.kind.currentData(), reopened.description.path()) == ("gssm", "")
    reopened.kind.setCurrentIndex(reopened.kind.findData("auto"))
    assert "KINDS" not in reopened.parameters()
    reopened.close()
