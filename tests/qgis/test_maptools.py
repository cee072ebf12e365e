"""Area tools and the area-of-interest widget, driven with simulated mouse and key events."""

import pytest
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsFeature,
    QgsGeometry,
    QgsPointXY,
    QgsProject,
    QgsRectangle,
    QgsVectorLayer,
)
from qgis.gui import QgsMapMouseEvent
from qgis.PyQt.QtCore import QEvent, QPoint, Qt
from qgis.PyQt.QtGui import QKeyEvent

from smrfr_qgis.maptools import PointTool, PolygonTool, RectangleTool
from smrfr_qgis.widgets import AreaOfInterestWidget


@pytest.fixture()
def canvas(qgis_canvas, qgis_new_project):
    qgis_canvas.resize(400, 300)
    qgis_canvas.setDestinationCrs(QgsCoordinateReferenceSystem("EPSG:3857"))
    qgis_canvas.setExtent(QgsRectangle(0, 0, 400_000, 300_000))
    qgis_canvas.refresh()
    yield qgis_canvas
    qgis_canvas.unsetMapTool(qgis_canvas.mapTool())


def mouse(tool, kind, x, y, button=Qt.LeftButton):
    event_type = {"press": QEvent.MouseButtonPress, "move": QEvent.MouseMove,
                  "release": QEvent.MouseButtonRelease}[kind]
    event = QgsMapMouseEvent(tool.canvas(), event_type, QPoint(x, y), button)
    handler = {"press": "canvasPressEvent", "move": "canvasMoveEvent", "release": "canvasReleaseEvent"}[kind]
    getattr(tool, handler)(event)


def key(tool, code):
    tool.keyPressEvent(QKeyEvent(QEvent.KeyPress, code, Qt.NoModifier))


def pixel(canvas, x, y):
    return canvas.getCoordinateTransform().toMapCoordinates(x, y)


def test_rectangle_tool_emits_the_dragged_rectangle_in_the_canvas_crs(canvas):
    tool = RectangleTool(canvas)
    drawn = []
    tool.areaDrawn.connect(lambda geometry, crs: drawn.append((geometry, crs)))
    mouse(tool, "press", 50, 40)
    mouse(tool, "move", 120, 90)
    assert tool.band.numberOfVertices() > 0
    mouse(tool, "release", 150, 100)
    geometry, crs = drawn[0]
    assert crs.authid() == "EPSG:3857"
    corner, other = pixel(canvas, 50, 40), pixel(canvas, 150, 100)
    assert geometry.boundingBox() == QgsRectangle(corner, other)
    assert tool.band.numberOfVertices() == 0


def test_polygon_tool_right_click_finishes_and_escape_cancels(canvas):
    tool = PolygonTool(canvas)
    drawn, cancelled = [], []
    tool.areaDrawn.connect(lambda geometry, crs: drawn.append(geometry))
    tool.cancelled.connect(lambda: cancelled.append(True))
    for x, y in ((10, 10), (200, 10), (200, 200)):
        mouse(tool, "release", x, y)
    mouse(tool, "release", 5, 5, Qt.RightButton)
    assert len(drawn) == 1 and drawn[0].isGeosValid()
    assert drawn[0].area() == pytest.approx(QgsGeometry.fromPolygonXY(
        [[pixel(canvas, 10, 10), pixel(canvas, 200, 10), pixel(canvas, 200, 200)]]).area())
    mouse(tool, "release", 10, 10)
    mouse(tool, "release", 50, 10)
    mouse(tool, "release", 50, 50, Qt.RightButton)  # two vertices: not finished
    key(tool, Qt.Key_Escape)
    assert len(drawn) == 1 and cancelled == [True] and tool.vertices == []


def test_point_tool_reports_clicks(canvas):
    tool = PointTool(canvas)
    clicks = []
    tool.clicked.connect(lambda point, crs: clicks.append((point, crs.authid())))
    mouse(tool, "release", 100, 100)
    assert clicks == [(pixel(canvas, 100, 100), "EPSG:3857")]


def test_aoi_widget_keeps_the_crs_and_reprojects(canvas):
    widget = AreaOfInterestWidget(canvas)
    widget.source.setCurrentIndex(widget.source.findData("rectangle"))
    widget.start_drawing()
    tool = canvas.mapTool()
    assert isinstance(tool, RectangleTool)
    mouse(tool, "press", 0, 0)
    mouse(tool, "release", 400, 300)
    assert widget.area_crs.authid() == "EPSG:3857" and canvas.mapTool() is not tool
    extent = widget.extent(QgsCoordinateReferenceSystem("EPSG:4326"))
    west_north, east_south = pixel(canvas, 0, 0), pixel(canvas, 400, 300)
    degrees = 57.29577951308232 / 6378137  # spherical Mercator x to longitude
    assert extent.xMinimum() == pytest.approx(west_north.x() * degrees, rel=1e-9)
    assert extent.xMaximum() == pytest.approx(east_south.x() * degrees, rel=1e-9)
    assert extent.yMaximum() < west_north.y() * degrees  # latitude shrinks away from the equator
    assert widget.extent_parameter().endswith("[EPSG:4326]") and not widget.is_polygon()
    assert widget.band.numberOfVertices() > 0
    widget.release()


def test_aoi_from_typed_coordinates_and_from_a_selected_feature(canvas):
    widget = AreaOfInterestWidget(canvas)
    widget.source.setCurrentIndex(widget.source.findData("coordinates"))
    widget.coordinates.setText("10, 40, 12, 41")
    widget.apply_source()
    assert widget.extent(QgsCoordinateReferenceSystem("EPSG:4326")) == QgsRectangle(10, 40, 12, 41)
    layer = QgsVectorLayer("Polygon?crs=EPSG:4326", "zones", "memory")
    feature = QgsFeature()
    feature.setGeometry(QgsGeometry.fromWkt("POLYGON((1 1, 3 1, 2 3, 1 1))"))
    layer.dataProvider().addFeatures([feature])
    QgsProject.instance().addMapLayer(layer)
    layer.selectAll()
    widget.source.setCurrentIndex(widget.source.findData("feature"))
    widget.layer.setLayer(layer)
    widget.apply_source()
    assert widget.is_polygon() and widget.geometry().area() == pytest.approx(2.0)
    assert widget.extent(QgsCoordinateReferenceSystem("EPSG:3857")).xMinimum() == pytest.approx(
        QgsPointXY(1, 1).x() * 6378137 / 57.29577951308232, rel=1e-6)
    widget.release()


def test_a_mistyped_or_missing_area_replaces_the_previous_one_instead_of_running_with_it(canvas):
    widget = AreaOfInterestWidget(canvas)
    widget.source.setCurrentIndex(widget.source.findData("coordinates"))
    widget.coordinates.setText("10, 40, 12, 41")
    widget.apply_source()
    assert widget.validate() == ""
    for typed, problem in (("10, 40, 12", "Type four numbers: west, south, east, north."),
                           ("13, 40, 12, 41", "West must be less than east and south less than north.")):
        widget.coordinates.setText(typed)
        widget.apply_source()
        assert widget.area is None and widget.extent_parameter() == "" and widget.band.numberOfVertices() == 0
        assert widget.validate() == widget.summary.text() == problem
    widget.coordinates.setText("10, 40, 12, 41")
    widget.apply_source()
    widget.source.setCurrentIndex(widget.source.findData("feature"))
    widget.layer.setLayer(None)
    widget.apply_source()  # no feature selected
    assert widget.area is None and widget.validate() == "Select a feature of a polygon layer first."
    widget.release()


def test_the_aoi_widget_outlives_its_canvas(qgis_new_project, monkeypatch):
    """QGIS closing deletes the map canvas (and its rubber band) before an open dialog's widgets."""
    from qgis.gui import QgsMapCanvas
    from qgis.PyQt import sip

    errors = []
    monkeypatch.setattr("sys.excepthook", lambda *error: errors.append(error[1]))
    canvas = QgsMapCanvas()
    widget = AreaOfInterestWidget(canvas)
    widget.set_area(QgsGeometry.fromRect(QgsRectangle(0, 0, 1, 1)), QgsCoordinateReferenceSystem("EPSG:4326"))
    widget.show()
    sip.delete(canvas)
    widget.hide()
    widget.show()
    widget.release()
    assert errors == []
