"""Area-of-interest picker: map extent, drawn rectangle or polygon, selected feature, typed bounds.

The area is kept with its CRS and reprojected with ``QgsCoordinateTransform`` when asked for in
another CRS; it is shown on the canvas (in the canvas CRS) while the widget is visible.
"""

from __future__ import annotations

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsGeometry,
    QgsMapLayerProxyModel,
    QgsProject,
    QgsRectangle,
    QgsSettings,
)
from qgis.gui import QgsMapLayerComboBox, QgsProjectionSelectionWidget
from qgis.PyQt.QtCore import pyqtSignal
from qgis.PyQt.QtWidgets import (
    QComboBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from ..i18n import QT_TR_NOOP, tr
from ..maptools import PolygonTool, RectangleTool, area_band, canvas_crs

SOURCES = (
    ("extent", QT_TR_NOOP("Current map extent")),
    ("rectangle", QT_TR_NOOP("Rectangle drawn on the map")),
    ("polygon", QT_TR_NOOP("Polygon drawn on the map")),
    ("feature", QT_TR_NOOP("Selected feature of a polygon layer")),
    ("coordinates", QT_TR_NOOP("Typed coordinates")),
)
SETTINGS = "smrfr/aoi/"


def wgs84() -> QgsCoordinateReferenceSystem:
    return QgsCoordinateReferenceSystem("EPSG:4326")


def reproject(geometry: QgsGeometry, source: QgsCoordinateReferenceSystem,
              target: QgsCoordinateReferenceSystem) -> QgsGeometry:
    """``geometry`` from ``source`` to ``target`` CRS, edges densified so they bend as they should."""
    result = QgsGeometry(geometry)
    if source != target:
        result = result.densifyByCount(16)
        result.transform(QgsCoordinateTransform(source, target, QgsProject.instance()))
    return result


class AreaOfInterestWidget(QWidget):
    changed = pyqtSignal()

    def __init__(self, canvas, parent=None):
        super().__init__(parent)
        self.canvas = canvas
        self.area: QgsGeometry | None = None
        self.area_crs = wgs84()
        #: why there is no area (a mistyped one, no selected feature); '' when none was asked for
        self.problem = ""
        self.tool = None
        self.previous_tool = None
        self.band = area_band(canvas)

        self.source = QComboBox()
        for key, label in SOURCES:
            self.source.addItem(tr(label), key)
        self.draw_button = QPushButton(tr("Draw on the map"))
        self.use_button = QPushButton(tr("Use"))
        self.layer = QgsMapLayerComboBox()
        self.layer.setFilters(QgsMapLayerProxyModel.PolygonLayer)
        self.coordinates = QLineEdit()
        self.coordinates.setPlaceholderText(tr("west, south, east, north"))
        self.coordinates_crs = QgsProjectionSelectionWidget()
        self.coordinates_crs.setCrs(wgs84())
        self.summary = QLabel(tr("No area chosen"))
        self.summary.setWordWrap(True)

        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.addWidget(self.source, 0, 0, 1, 2)
        grid.addWidget(self.draw_button, 0, 2)
        grid.addWidget(self.use_button, 0, 2)
        grid.addWidget(self.layer, 1, 0, 1, 3)
        grid.addWidget(self.coordinates, 2, 0, 1, 2)
        grid.addWidget(self.coordinates_crs, 2, 2)
        grid.addWidget(self.summary, 3, 0, 1, 3)

        self.source.currentIndexChanged.connect(self._source_changed)
        self.draw_button.clicked.connect(self.start_drawing)
        self.use_button.clicked.connect(self.apply_source)
        self.coordinates.editingFinished.connect(self.apply_source)
        canvas.destinationCrsChanged.connect(self._show_band)
        canvas.destroyed.connect(self._canvas_gone)
        self._restore()

    # --- state -----------------------------------------------------------------------------------
    def key(self) -> str:
        return self.source.currentData()

    def set_area(self, geometry: QgsGeometry, crs: QgsCoordinateReferenceSystem) -> None:
        """Use ``geometry`` (in ``crs``) as the area of interest."""
        self.area, self.area_crs = QgsGeometry(geometry), QgsCoordinateReferenceSystem(crs)
        self.problem = ""
        extent = self.extent(wgs84())
        self.summary.setText(tr("W {0:.4f}, S {1:.4f}, E {2:.4f}, N {3:.4f} (WGS 84)").format(
            extent.xMinimum(), extent.yMinimum(), extent.xMaximum(), extent.yMaximum()))
        self._show_band()
        self.changed.emit()

    def refuse(self, problem: str) -> None:
        """No area, and ``problem`` says why (an area asked for but unusable never leaves the previous one
        in place to run with)."""
        self.area, self.problem = None, problem
        self.summary.setText(problem)
        self._show_band()
        self.changed.emit()

    def geometry(self, crs: QgsCoordinateReferenceSystem | None = None) -> QgsGeometry | None:
        """The area in ``crs`` (default: its own CRS); None when none is chosen."""
        if self.area is None:
            return None
        return reproject(self.area, self.area_crs, crs) if crs is not None else QgsGeometry(self.area)

    def extent(self, crs: QgsCoordinateReferenceSystem | None = None) -> QgsRectangle:
        geometry = self.geometry(crs)
        return geometry.boundingBox() if geometry is not None else QgsRectangle()

    def extent_parameter(self) -> str:
        """The area's bounding box as a Processing extent value in WGS 84 (empty if no area)."""
        extent = self.extent(wgs84())
        if extent.isEmpty():
            return ""
        return (f"{extent.xMinimum()!r},{extent.xMaximum()!r},{extent.yMinimum()!r},{extent.yMaximum()!r} "
                "[EPSG:4326]")

    def is_polygon(self) -> bool:
        """Whether the area is a real polygon (not its own bounding box)."""
        return self.area is not None and not self.area.equals(QgsGeometry.fromRect(self.area.boundingBox()))

    def validate(self) -> str:
        return "" if self.area is not None else self.problem or tr("Choose an area of interest.")

    # --- sources ---------------------------------------------------------------------------------
    def apply_source(self) -> None:
        """Take the area from the current source (extent, selected feature, typed coordinates)."""
        key = self.key()
        if key == "extent":
            self.set_area(QgsGeometry.fromRect(self.canvas.extent()), canvas_crs(self.canvas))
        elif key == "feature":
            self.use_selected_feature()
        elif key == "coordinates":
            self.use_coordinates()

    def use_selected_feature(self) -> None:
        layer = self.layer.currentLayer()
        features = list(layer.getSelectedFeatures()) if layer is not None else []
        if not features:
            self.refuse(tr("Select a feature of a polygon layer first."))
            return
        self.set_area(QgsGeometry.unaryUnion([f.geometry() for f in features]), layer.crs())

    def use_coordinates(self) -> None:
        try:
            text = self.coordinates.text().replace(";", ",")
            west, south, east, north = (float(value) for value in text.split(","))
        except ValueError:
            self.refuse(tr("Type four numbers: west, south, east, north."))
            return
        if west >= east or south >= north:
            self.refuse(tr("West must be less than east and south less than north."))
            return
        rectangle = QgsRectangle(west, south, east, north)
        self.set_area(QgsGeometry.fromRect(rectangle), self.coordinates_crs.crs())

    def start_drawing(self) -> None:
        """Activate the rectangle or polygon tool on the canvas; the drawn area replaces the current."""
        self.stop_drawing()
        self.tool = (RectangleTool if self.key() == "rectangle" else PolygonTool)(self.canvas)
        self.tool.areaDrawn.connect(self._drawn)
        self.tool.cancelled.connect(self.stop_drawing)
        self.previous_tool = self.canvas.mapTool()
        self.canvas.setMapTool(self.tool)

    def stop_drawing(self) -> None:
        if self.tool is None:
            return
        tool, self.tool = self.tool, None
        if self.canvas.mapTool() is tool:
            if self.previous_tool is not None:
                self.canvas.setMapTool(self.previous_tool)
            else:
                self.canvas.unsetMapTool(tool)
        tool.band.reset()
        tool.deleteLater()

    def _drawn(self, geometry: QgsGeometry, crs: QgsCoordinateReferenceSystem) -> None:
        self.stop_drawing()
        self.set_area(geometry, crs)

    def _source_changed(self) -> None:
        key = self.key()
        self.draw_button.setVisible(key in ("rectangle", "polygon"))
        self.use_button.setVisible(key in ("extent", "feature", "coordinates"))
        self.layer.setVisible(key == "feature")
        self.coordinates.setVisible(key == "coordinates")
        self.coordinates_crs.setVisible(key == "coordinates")

    # --- canvas display and settings ------------------------------------------------------------
    def _canvas_gone(self) -> None:
        """The canvas was deleted (QGIS closing) with its items: nothing is left to show or remove."""
        self.band = self.tool = None

    def _show_band(self) -> None:
        if self.band is None:
            return
        if self.area is None:
            self.band.reset()
            return
        self.band.setToGeometry(reproject(self.area, self.area_crs, canvas_crs(self.canvas)), None)
        self.band.setVisible(self.isVisible())

    def showEvent(self, event):  # noqa: N802 (Qt API name)
        super().showEvent(event)
        if self.band is not None:
            self.band.setVisible(self.area is not None)

    def hideEvent(self, event):  # noqa: N802 (Qt API name)
        if self.band is not None:
            self.band.hide()
        super().hideEvent(event)

    def release(self) -> None:
        """Remove the canvas items (call when the dialog closes) and remember the choices."""
        self.stop_drawing()
        self.save()
        if self.band is None:
            return
        self.band.reset()
        self.canvas.scene().removeItem(self.band)
        self.band = area_band(self.canvas)  # a fresh, empty band in case the widget is shown again
        self.band.hide()

    def save(self) -> None:
        settings = QgsSettings()
        settings.setValue(SETTINGS + "source", self.key())
        settings.setValue(SETTINGS + "coordinates", self.coordinates.text())
        settings.setValue(SETTINGS + "coordinates_crs", self.coordinates_crs.crs().authid())
        if self.area is not None:
            settings.setValue(SETTINGS + "area", self.area.asWkt())
            settings.setValue(SETTINGS + "area_crs", self.area_crs.authid() or self.area_crs.toWkt())

    def _restore(self) -> None:
        settings = QgsSettings()
        index = self.source.findData(settings.value(SETTINGS + "source", "extent"))
        self.source.setCurrentIndex(max(index, 0))
        self.coordinates.setText(settings.value(SETTINGS + "coordinates", ""))
        crs = QgsCoordinateReferenceSystem(settings.value(SETTINGS + "coordinates_crs", "EPSG:4326"))
        if crs.isValid():
            self.coordinates_crs.setCrs(crs)
        self._source_changed()
        area = QgsGeometry.fromWkt(settings.value(SETTINGS + "area", "") or "")
        area_crs = QgsCoordinateReferenceSystem(settings.value(SETTINGS + "area_crs", "") or "")
        if not area.isEmpty() and area_crs.isValid():
            self.set_area(area, area_crs)
