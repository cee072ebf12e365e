"""Point inspector: a click plots every loaded layer's series at that point; CSV/PNG export."""

import csv

import pytest
from qgis.core import QgsCoordinateReferenceSystem, QgsPointXY, QgsProject
from qgis.gui import QgsMapMouseEvent
from qgis.PyQt.QtCore import QEvent, QPoint, Qt
from test_temporal import DAYS, product  # noqa: F401 (fixture)

from smrfr_qgis.inspector import InspectorDock, series_status
from smrfr_qgis.temporal import add_daily_layers, product_rasters


@pytest.fixture()
def loaded(qgis_canvas, qgis_new_project, product):  # noqa: F811
    add_daily_layers(product_rasters(str(product)))
    yield
    QgsProject.instance().removeAllMapLayers()
    QgsProject.instance().layerTreeRoot().removeAllChildren()


def test_click_plots_all_layers_and_exports_csv_and_png(loaded, qgis_iface, qgis_canvas, tmp_path):
    dock = InspectorDock(qgis_iface)
    dock.pick_action.setChecked(True)
    assert qgis_canvas.mapTool() is dock.tool
    mercator = QgsCoordinateReferenceSystem("EPSG:3857")
    # 11.25 E, 49.25 N (row 1, col 2 of the test grid) in Web Mercator
    dock.inspect(QgsPointXY(1252344.2714, 6322095.8732), mercator)
    assert dock.days == DAYS
    assert list(dock.series) == ["sml1_p 0-5 cm", "sml2_p 5-10 cm"]
    assert dock.series["sml2_p 5-10 cm"] == pytest.approx([0.11, 0.21, 0.31, 0.41])
    assert len(dock.figure.axes[0].lines) == 2
    assert dock.status.text() == "2 layers, 4 days"
    dock.export_csv(str(tmp_path / "series.csv"))
    rows = list(csv.reader(open(tmp_path / "series.csv", encoding="utf-8")))
    assert rows[0] == ["date", "sml1_p 0-5 cm", "sml2_p 5-10 cm"]
    assert rows[1][0] == "2020-01-30" and float(rows[1][1]) == pytest.approx(0.1)
    dock.export_png(str(tmp_path / "series.png"))
    assert (tmp_path / "series.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    dock.pick_action.setChecked(False)


def test_click_through_the_map_tool_and_outside_the_data(loaded, qgis_iface, qgis_canvas):
    dock = InspectorDock(qgis_iface)
    event = QgsMapMouseEvent(qgis_canvas, QEvent.MouseButtonRelease, QPoint(5, 5), Qt.LeftButton)
    dock.tool.canvasReleaseEvent(event)
    assert dock.point is not None and list(dock.series) == ["sml1_p 0-5 cm", "sml2_p 5-10 cm"]
    dock.inspect(QgsPointXY(100, 0), QgsCoordinateReferenceSystem("EPSG:4326"))
    assert all(value != value for value in dock.series["sml1_p 0-5 cm"])  # NaN outside the grid


def test_status_counts_use_singular_and_plural_strings():
    assert series_status(1, 1) == "1 layer, 1 day"
    assert series_status(2, 1) == "2 layers, 1 day"
    assert series_status(1, 365) == "1 layer, 365 days"


def test_missing_matplotlib_says_how_to_install_it(qgis_iface, monkeypatch):
    from qgis.core import Qgis

    from smrfr_qgis import classFactory

    plugin = classFactory(qgis_iface)
    plugin.initGui()
    qgis_iface.messageBar().clear_messages()
    monkeypatch.setattr("smrfr_qgis.plugin.missing_packages", lambda modules=None: ["matplotlib"])
    try:
        plugin.show_inspector(True)
        messages = qgis_iface.messageBar().get_messages(Qgis.Warning)
        assert len(messages) == 1 and "The point inspector needs matplotlib. Install it with: " in messages[0]
        assert '-m pip install "matplotlib"' in messages[0]
        assert plugin.inspector is None and not plugin.inspector_action.isChecked()
    finally:
        plugin.unload()


def test_layers_of_the_same_name_each_keep_their_series(loaded, product):  # noqa: F811
    """Two loads of layers with the same names (two periods, or two products with SMRFR's layer names):
    every layer is plotted and exported, named with its group when the name alone is not enough."""
    from smrfr_qgis.inspector import point_series

    add_daily_layers(product_rasters(str(product)))
    add_daily_layers(product_rasters(str(product)))  # the same group name too
    days, series = point_series(QgsProject.instance(), QgsPointXY(11.25, 49.25),
                                QgsCoordinateReferenceSystem("EPSG:4326"))
    group = "SMRFR 2020-01-30 – 2020-02-02"
    assert list(series) == [f"{group} / sml1_p 0-5 cm", f"{group} / sml2_p 5-10 cm",
                            f"{group} / sml1_p 0-5 cm (2)", f"{group} / sml2_p 5-10 cm (2)",
                            f"{group} / sml1_p 0-5 cm (3)", f"{group} / sml2_p 5-10 cm (3)"]
    assert days == DAYS and series[f"{group} / sml2_p 5-10 cm (3)"] == pytest.approx([0.11, 0.21, 0.31, 0.41])
