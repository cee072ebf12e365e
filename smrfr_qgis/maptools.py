"""Map tools: draw a rectangle or a polygon area of interest, pick a point for the inspector.

Every tool reports geometries in the canvas CRS together with that CRS, so callers can reproject.
Polygon: left-click adds a vertex, right-click finishes (three vertices at least), Backspace removes
the last vertex, Esc cancels. Rectangle: press, drag, release; Esc cancels.
"""

from __future__ import annotations

from qgis.core import QgsCoordinateReferenceSystem, QgsGeometry, QgsPointXY, QgsRectangle, QgsWkbTypes
from qgis.gui import QgsMapTool, QgsRubberBand
from qgis.PyQt.QtCore import Qt, pyqtSignal
from qgis.PyQt.QtGui import QColor

AREA_COLOUR = QColor(230, 80, 20)


def canvas_crs(canvas) -> QgsCoordinateReferenceSystem:
    return canvas.mapSettings().destinationCrs()


def area_band(canvas) -> QgsRubberBand:
    """The rubber band style of areas of interest: orange outline, translucent fill."""
    band = QgsRubberBand(canvas, QgsWkbTypes.PolygonGeometry)
    band.setStrokeColor(AREA_COLOUR)
    band.setFillColor(QColor(AREA_COLOUR.red(), AREA_COLOUR.green(), AREA_COLOUR.blue(), 40))
    band.setWidth(2)
    return band


class AreaTool(QgsMapTool):
    """Common part of the area tools: the rubber band, Esc to cancel, the signals."""

    #: geometry (canvas CRS) and the canvas CRS when the area is complete
    areaDrawn = pyqtSignal(QgsGeometry, QgsCoordinateReferenceSystem)  # noqa: N815 (Qt signal naming)
    cancelled = pyqtSignal()

    def __init__(self, canvas):
        super().__init__(canvas)
        self.band = area_band(canvas)
        self.setCursor(Qt.CrossCursor)

    def map_point(self, event) -> QgsPointXY:
        return self.toMapCoordinates(event.pos())

    def keyPressEvent(self, event):  # noqa: N802 (Qt API name)
        if event.key() == Qt.Key_Escape:
            self.reset()
            self.cancelled.emit()
            event.accept()

    def finish(self, geometry: QgsGeometry) -> None:
        self.reset()
        self.areaDrawn.emit(geometry, canvas_crs(self.canvas()))

    def reset(self) -> None:
        self.band.reset(QgsWkbTypes.PolygonGeometry)

    def deactivate(self):
        self.reset()
        super().deactivate()


class RectangleTool(AreaTool):
    def __init__(self, canvas):
        super().__init__(canvas)
        self.start: QgsPointXY | None = None

    def canvasPressEvent(self, event):  # noqa: N802 (QGIS API name)
        if event.button() == Qt.LeftButton:
            self.start = self.map_point(event)

    def canvasMoveEvent(self, event):  # noqa: N802 (QGIS API name)
        if self.start is not None:
            self.band.setToGeometry(QgsGeometry.fromRect(QgsRectangle(self.start, self.map_point(event))))

    def canvasReleaseEvent(self, event):  # noqa: N802 (QGIS API name)
        if self.start is None or event.button() != Qt.LeftButton:
            return
        rectangle = QgsRectangle(self.start, self.map_point(event))
        self.start = None
        if rectangle.isEmpty():
            self.reset()
            return
        self.finish(QgsGeometry.fromRect(rectangle))

    def reset(self) -> None:
        self.start = None
        super().reset()


class PolygonTool(AreaTool):
    def __init__(self, canvas):
        super().__init__(canvas)
        self.vertices: list[QgsPointXY] = []

    def canvasReleaseEvent(self, event):  # noqa: N802 (QGIS API name)
        if event.button() == Qt.LeftButton:
            self.vertices.append(self.map_point(event))
            self.draw()
        elif event.button() == Qt.RightButton and len(self.vertices) >= 3:
            self.finish(QgsGeometry.fromPolygonXY([self.vertices + [self.vertices[0]]]))

    def canvasMoveEvent(self, event):  # noqa: N802 (QGIS API name)
        if self.vertices:
            self.draw(self.map_point(event))

    def keyPressEvent(self, event):  # noqa: N802 (Qt API name)
        if event.key() == Qt.Key_Backspace and self.vertices:
            self.vertices.pop()
            self.draw()
            event.accept()
        else:
            super().keyPressEvent(event)

    def draw(self, floating: QgsPointXY | None = None) -> None:
        points = self.vertices + ([floating] if floating is not None else [])
        self.band.reset(QgsWkbTypes.PolygonGeometry)
        for point in points:
            self.band.addPoint(point, False)
        self.band.show()
        self.band.updatePosition()
        self.band.update()

    def reset(self) -> None:
        self.vertices = []
        super().reset()


class PointTool(QgsMapTool):
    """Emits ``clicked(point, canvas CRS)`` on each left click (the point inspector's tool)."""

    clicked = pyqtSignal(QgsPointXY, QgsCoordinateReferenceSystem)

    def __init__(self, canvas):
        super().__init__(canvas)
        self.setCursor(Qt.CrossCursor)

    def canvasReleaseEvent(self, event):  # noqa: N802 (QGIS API name)
        if event.button() == Qt.LeftButton:
            self.clicked.emit(self.toMapCoordinates(event.pos()), canvas_crs(self.canvas()))
